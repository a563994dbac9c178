/* isolate.c: ipcsh --isolated. Before the session starts, ipcsh moves
 * into an IPC namespace of its own (System V objects and POSIX queues
 * that no other session sees) and a mount namespace with a private
 * /dev/shm (POSIX shared memory and named semaphores) and its own mqueue
 * file system on /dev/mqueue; as an ordinary user, inside a user
 * namespace that maps the user to itself, where the kernel allows it.
 * Actors are forked later, so they are inside too. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <unistd.h>
#include "isolate.h"
#include "util.h"

static bool isolate_on, isolate_mq;
static char isolate_ns[64];          /* this process's IPC namespace, read once */

/* Write text into a /proc file of this process: 0, or -1 with errno. */
static int isolate_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* As an ordinary user: map the user and its group to themselves. */
static int isolate_map(uid_t uid, gid_t gid, char **msg)
{
	char line[64];
	snprintf(line, sizeof line, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
	if (isolate_write("/proc/self/setgroups", "deny") < 0 || isolate_write("/proc/self/uid_map", line) < 0) {
		*msg = xasprintf(_("--isolated: cannot map the user into its namespace (%s)"), strerror(errno));
		return -1;
	}
	snprintf(line, sizeof line, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
	if (isolate_write("/proc/self/gid_map", line) < 0) {
		*msg = xasprintf(_("--isolated: cannot map the group into its namespace (%s)"), strerror(errno));
		return -1;
	}
	return 0;
}

/* The file systems that hold POSIX objects, made private. */
static int isolate_mounts(char **msg)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("ipcsh", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") < 0) {
		*msg = xasprintf(_("--isolated: cannot mount a private /dev/shm (%s)"), strerror(errno));
		return -1;
	}
	struct stat st;
	if (stat("/dev/mqueue", &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;                 /* no /dev/mqueue to show queues in */
	if (mount("mqueue", "/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		*msg = xasprintf(_("--isolated: cannot mount the namespace's mqueue file system on /dev/mqueue (%s)"),
				 strerror(errno));
		return -1;
	}
	isolate_mq = true;
	return 0;
}

/* In its own user namespace ipcsh holds every capability there, which
 * would let its own calls pass permission checks the learner's would not
 * (a semctl on a read-only set): once the mounts are made, it drops them
 * all, as an ordinary user has none. */
static int isolate_drop_caps(char **msg)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof d);
	if (syscall(SYS_capset, &h, d) < 0) {
		*msg = xasprintf(_("--isolated: cannot drop the capabilities of its user namespace (%s)"), strerror(errno));
		return -1;
	}
	return 0;
}

int isolate_enter(char **msg)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	bool user = geteuid() != 0;
	if (unshare(CLONE_NEWIPC | CLONE_NEWNS | (user ? CLONE_NEWUSER : 0)) < 0) {
		int e = errno;
		*msg = user ? xasprintf(_("--isolated: this kernel does not let an ordinary user make namespaces (unshare: %s): "
					  "unprivileged user namespaces are off (sysctl user.max_user_namespaces or "
					  "kernel.unprivileged_userns_clone), or a container forbids them; ask the machine's "
					  "administrator, or run without --isolated"), strerror(e))
			    : xasprintf(_("--isolated: unshare(CLONE_NEWIPC|CLONE_NEWNS) failed (%s): a container may forbid it; "
					  "run without --isolated"), strerror(e));
		return -1;
	}
	if ((user && isolate_map(uid, gid, msg) < 0) || isolate_mounts(msg) < 0 || (user && isolate_drop_caps(msg) < 0))
		return -1;
	isolate_on = true;
	isolate_ns[0] = '\0';            /* another namespace now */
	return 0;
}

bool isolate_active(void)
{
	return isolate_on;
}

bool isolate_has_mqueue(void)
{
	return isolate_mq;
}

const char *isolate_ipc_ns(void)
{
	if (!isolate_ns[0]) {
		ssize_t n = readlink("/proc/self/ns/ipc", isolate_ns, sizeof isolate_ns - 1);
		isolate_ns[n > 0 ? n : 0] = '\0';
	}
	return isolate_ns[0] ? isolate_ns : NULL;
}
