/* notify.c: an inotify descriptor in the poll loop watching every FIFO and
 * file of the session for opens and closes. When another terminal runs
 * "cat f", the cached list of outside holders is dropped and the next
 * look finds the newcomer (probe_outside_stale). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>
#include "loop.h"
#include "notify.h"
#include "registry.h"
#include "world.h"

static int notify_fd = -1;
static uint64_t notify_gen = UINT64_MAX;

static void notify_on_event(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	while (read(notify_fd, buf, sizeof buf) > 0)
		;
	probe_outside_stale();
}

void notify_start(void)
{
	notify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (notify_fd >= 0)
		loop_watch(notify_fd, notify_on_event);
	notify_sync();
}

void notify_sync(void)
{
	if (notify_fd < 0 || notify_gen == reg.gen)
		return;
	notify_gen = reg.gen;
	/* a new descriptor, so watches of removed paths go with the old one */
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return;
	for (size_t i = 0; i < reg.nobjs; i++) {
		const struct object *o = reg.objs[i];
		if ((o->kind == OBJ_FIFO || o->kind == OBJ_FILE) && o->path && !o->unlinked)
			inotify_add_watch(fd, o->path, IN_OPEN | IN_CLOSE | IN_DONT_FOLLOW);
	}
	loop_watch(notify_fd, NULL);
	close(notify_fd);
	notify_fd = fd;
	loop_watch(notify_fd, notify_on_event);
}

void notify_stop(void)
{
	if (notify_fd < 0)
		return;
	loop_watch(notify_fd, NULL);
	close(notify_fd);
	notify_fd = -1;
	notify_gen = UINT64_MAX;
}
