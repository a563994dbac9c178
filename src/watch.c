/* watch.c: ipcsh --watch. No session, no actors: every System V queue,
 * segment and semaphore set (/proc/sysvipc), every POSIX shared memory
 * object and semaphore (/dev/shm) and POSIX queue (/dev/mqueue) is read
 * every quarter second and drawn by the live view's own panels, like a
 * live lsipc. It only looks: IPC_STAT, MSG_COPY, GETALL, reads of the
 * files in /dev/shm (a semaphore's value from a copy of it); it never
 * attaches, maps, takes, changes or removes. */
#include "config.h"
#include <dirent.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "loop.h"
#include "out.h"
#include "sysvipc.h"
#include "tui.h"
#include "tui_draw.h"
#include "tui_keys.h"
#include "watch.h"

static struct object **watch_objs;
static size_t watch_nobjs;
static char **watch_seen;              /* what the last look found */
static size_t watch_nseen;
static bool watch_first = true;

/* "msg id 22 (root)", "pshm /buf": how the log names an object. */
static char *watch_label(const struct object *o)
{
	if (o->path)
		return xasprintf("%s %s", reg_kind_name(o->kind), o->path);
	return xasprintf("%s id %d (%s)", reg_kind_name(o->kind), o->id, o->name);
}

static bool watch_in(char **list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* Log what came and went since the last look. */
static void watch_changes(void)
{
	char **now = xcalloc(watch_nobjs + 1, sizeof *now);
	if (watch_first)
		out_printf(_("  %zu IPC objects on this system now; new ones and removed ones are logged here"),
			   watch_nobjs);
	for (size_t i = 0; i < watch_nobjs; i++) {
		now[i] = watch_label(watch_objs[i]);
		if (!watch_first && !watch_in(watch_seen, watch_nseen, now[i]))
			out_printf(_("  appeared: %s"), now[i]);
	}
	for (size_t i = 0; i < watch_nseen; i++) {
		if (!watch_in(now, watch_nobjs, watch_seen[i]))
			out_event(OUT_EXIT, _("  gone: %s"), watch_seen[i]);
		free(watch_seen[i]);
	}
	free(watch_seen);
	watch_seen = now;
	watch_nseen = watch_nobjs;
	watch_first = false;
}

static void watch_forget(void)
{
	for (size_t i = 0; i < watch_nobjs; i++) {
		free(watch_objs[i]->psem);      /* a copy, never a mapping */
		free(watch_objs[i]->path);
		free(watch_objs[i]);
	}
	free(watch_objs);
	watch_objs = NULL;
	watch_nobjs = 0;
}

static struct object *watch_add(enum obj_kind kind, const char *name)
{
	struct object *o = xcalloc(1, sizeof *o);
	o->kind = kind;
	snprintf(o->name, sizeof o->name, "%s", name);
	o->attached = true;                   /* not made here: never removed */
	watch_objs = xrealloc(watch_objs, (watch_nobjs + 1) * sizeof *watch_objs);
	watch_objs[watch_nobjs++] = o;
	return o;
}

/* Every queue, segment or set of kind: named by its owner's login name. */
static void watch_sysv(enum obj_kind kind)
{
	struct sysvipc_row *rows;
	char owner[64];
	int n = sysvipc_read(kind, &rows);
	for (int i = 0; i < n; i++) {
		struct object *o = watch_add(kind, sysvipc_user(rows[i].uid, owner, sizeof owner));
		o->key = rows[i].key;
		o->id = rows[i].id;
		if (kind == OBJ_SHM)
			o->size = rows[i].size;
	}
	free(rows);
}

/* A copy of a POSIX semaphore read from its file, for sem_getvalue: the
 * watcher never maps it (it would count as a user, and need write
 * permission), and a file too short to hold one is no semaphore. */
static sem_t *watch_sem_copy(int dir, const char *name, const struct stat *st)
{
	if (st->st_size < (off_t)sizeof(sem_t))
		return NULL;
	int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	sem_t *copy = xmalloc(sizeof *copy);
	if (pread(fd, copy, sizeof *copy, 0) != (ssize_t)sizeof *copy) {
		free(copy);
		copy = NULL;
	}
	close(fd);
	return copy;
}

/* /dev/shm (shared memory and sem.NAME) or /dev/mqueue. */
static void watch_dir(const char *dir, bool mqueue)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		bool sem = !mqueue && !strncmp(e->d_name, "sem.", 4);
		const char *base = sem ? e->d_name + 4 : e->d_name;
		struct object *o = watch_add(mqueue ? OBJ_MQ : sem ? OBJ_PSEM : OBJ_PSHM, base);
		o->path = xasprintf("/%s", base);
		o->dev = st.st_dev;
		o->ino = st.st_ino;
		o->size = st.st_size;
		if (sem)
			o->psem = watch_sem_copy(dirfd(d), e->d_name, &st);
	}
	closedir(d);
}

static void watch_probe(struct world *w)
{
	watch_forget();
	watch_sysv(OBJ_MSG);
	watch_sysv(OBJ_SHM);
	watch_sysv(OBJ_SEM);
	watch_dir("/dev/shm", false);
	watch_dir("/dev/mqueue", true);
	watch_changes();
	memset(w, 0, sizeof *w);
	w->nobjs = watch_nobjs;
	w->objs = xcalloc(watch_nobjs ? watch_nobjs : 1, sizeof *w->objs);
	for (size_t i = 0; i < watch_nobjs; i++) {
		w->objs[i].o = watch_objs[i];
		probe_object(w, &w->objs[i]);
	}
}

static void watch_on_input(void)
{
	char buf[64];
	ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
	if (n <= 0) {
		loop_quit = true;
		return;
	}
	for (size_t i = 0; i < (size_t)n && !loop_quit;) {
		enum tui_key k;
		size_t len = tui_keys_match(buf + i, (size_t)n - i, &k);
		if (tui_keys_dismiss()) {
			i += len ? len : 1;
			continue;
		}
		if (len) {
			tui_keys_do(k);
			i += len;
			continue;
		}
		if (buf[i] == 'q' || buf[i] == 'Q' || buf[i] == 4)
			loop_quit = true;
		else if (buf[i] == '?')
			tui_keys_do(TUI_KEY_HELP);
		i += buf[i] == '\033' ? (size_t)n - i : 1;   /* an unknown sequence */
	}
}

int watch_run(void)
{
	if (loop_init() < 0) {
		perror("ipcsh: error: signalfd");
		return 2;
	}
	tui.watch = _("every IPC object on this system, read-only (q quits)");
	tui.probe = watch_probe;
	char *why = NULL;
	if (!tui_start(&why)) {
		fprintf(stderr, _("ipcsh: error: --watch needs a terminal: %s\n"),
			why ? why : _("standard input and output must be a terminal, and TERM not dumb"));
		free(why);
		return 2;
	}
	loop_set_input(STDIN_FILENO, watch_on_input);
	tui_refresh();
	while (!loop_quit)
		loop_once(-1, true);
	tui_stop();
	watch_forget();
	for (size_t i = 0; i < watch_nseen; i++)
		free(watch_seen[i]);
	free(watch_seen);
	return 0;
}
