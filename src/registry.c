/* registry.c: the session's record of what it made. Every object and actor
 * is recorded (in memory and in the state file of the session directory)
 * before the command that made it returns; every exit path and the cleanup
 * command remove exactly what is recorded, and nothing else. */
#include "config.h"
#include <dirent.h>
#include <mqueue.h>
#include <semaphore.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "devshm.h"
#include "emit.h"
#include "guard.h"
#include "mqq.h"
#include "msgq.h"
#include "out.h"
#include "isolate.h"
#include "registry.h"
#include "kinds.h"
#include "kproc.h"
#include "sysv.h"

struct registry reg = { .settle_ms = 2000 };

static unsigned long long reg_starttime(pid_t pid)
{
	struct kproc_stat st;
	return kproc_stat(pid, &st) == 0 ? st.starttime : 0;
}

/* One owned object as the state file keeps it: everything needed to find
 * it again and to check it is still ours, whatever its kind.
 * "obj KIND NAME ID KEY DEV INO BTIME PATH" (PATH last: it may hold blanks) */
static uint64_t reg_hash(uint64_t h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211ULL;   /* FNV-1a */
	return h;
}

/* An object's state line. Formatted again only when what it says has
 * changed: a session of 10000 objects rewrites the file after every
 * command, and formatting every line each time made that quadratic. */
static void reg_obj_line(struct buf *b, struct object *o)
{
	if (!kinds[o->kind].kept)
		return;           /* the kernel frees them with their processes */
	uint64_t h = 14695981039346656037ULL;
	h = reg_hash(h, &o->kind, sizeof o->kind);
	h = reg_hash(h, o->name, strlen(o->name) + 1);
	h = reg_hash(h, &o->id, sizeof o->id);
	h = reg_hash(h, &o->key, sizeof o->key);
	h = reg_hash(h, &o->dev, sizeof o->dev);
	h = reg_hash(h, &o->ino, sizeof o->ino);
	h = reg_hash(h, &o->btime, sizeof o->btime);
	h = o->path ? reg_hash(h, o->path, strlen(o->path) + 1) : reg_hash(h, "-", 2);
	if (!o->state_line || h != o->state_sig) {
		free(o->state_line);
		o->state_line = xasprintf("obj %s %s %d %d %llu %llu %llu %s\n", reg_kind_name(o->kind), o->name, o->id,
					  o->key, (unsigned long long)o->dev, (unsigned long long)o->ino,
					  (unsigned long long)o->btime, o->path ? o->path : "-");
		o->state_sig = h;
	}
	buf_adds(b, o->state_line);
}

/* A state file that cannot be written (a full disk) is said once, and
 * again after it could be written in between. */
static void reg_save_said(int e)
{
	static bool said;
	if (e && !said)
		out_event(OUT_ERROR, _("  ipcsh cannot write its state file (%s): if it is killed now, cleanup --stale will not know what this session made since it last could; it tries again after every change"),
			  strerror(e));
	said = e != 0;
}

void reg_save(void)
{
	reg.gen++;
	if (!reg.dir[0])
		return;
	struct buf b = {0};
	static unsigned long long start;   /* ipcsh's own: it never changes */
	if (!start)
		start = reg_starttime(reg.pid);
	const char *ns = isolate_ipc_ns();   /* where its System V and POSIX objects live */
	buf_printf(&b, "ipcsh-state 2\nsession %d %llu\n", (int)reg.pid, start);
	if (ns)
		buf_printf(&b, "ns %s\n", ns);
	for (size_t i = 0; i < reg.nactors; i++)
		buf_printf(&b, "actor %s %d\n", reg.actors[i]->name, (int)reg.actors[i]->pid);
	for (size_t i = 0; i < reg.nobjs; i++)
		if (reg.objs[i]->owned)
			reg_obj_line(&b, reg.objs[i]);
	char tmp[PATH_MAX + 16], path[PATH_MAX + 16];
	snprintf(tmp, sizeof tmp, "%s/.state.tmp", reg.dir);
	snprintf(path, sizeof path, "%s/.state", reg.dir);
	/* A fresh regular file only: whatever else is at that name (a FIFO a
	 * learner made there, a symlink) must not block or redirect us. */
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	int e = fd < 0 ? errno : 0;
	if (fd >= 0) {
		ssize_t n = write(fd, b.s, b.len);
		e = n == (ssize_t)b.len ? 0 : n < 0 ? errno : ENOSPC;
		if (close(fd) < 0 && !e)
			e = errno;
		if (!e && rename(tmp, path) < 0)
			e = errno;
		if (e)
			unlink(tmp);
	}
	buf_free(&b);
	reg_save_said(e);
}

/* Remove a session directory: the files ipcsh puts there, then itself. */
void reg_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	rmdir(dir);
}

static int reg_check_base(char **msg)
{
	struct stat st;
	if (mkdir(reg.base, 0700) < 0 && errno != EEXIST) {
		*msg = xasprintf(_("cannot create session directory %s: %s"), reg.base, strerror(errno));
		return -1;
	}
	if (lstat(reg.base, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 077)) {
		*msg = xasprintf(_("%s is not a private directory of this user (mode 0700 expected); refusing to use it"), reg.base);
		return -1;
	}
	return 0;
}

int reg_session_start(char **msg)
{
	reg.pid = getpid();
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg)
		snprintf(reg.base, sizeof reg.base, "%s/ipcsh", xdg);
	else
		snprintf(reg.base, sizeof reg.base, "/tmp/ipcsh-%u", (unsigned)getuid());
	if (reg_check_base(msg) < 0)
		return -1;
	char *real = realpath(reg.base, NULL);   /* as the kernel spells it */
	if (real && strlen(real) < sizeof reg.base)
		snprintf(reg.base, sizeof reg.base, "%s", real);
	free(real);
	if (strlen(reg.base) + 16 >= sizeof reg.dir) {
		*msg = xasprintf(_("cannot create session directory in %s: the path is too long"), reg.base);
		return -1;
	}
	snprintf(reg.dir, sizeof reg.dir, "%.4000s/%d", reg.base, (int)reg.pid);
	int rc = mkdir(reg.dir, 0700);
	if (rc < 0 && errno == ENOENT && reg_check_base(msg) == 0)   /* the last session */
		rc = mkdir(reg.dir, 0700);                           /* just took the base away */
	if (rc < 0 && errno == EEXIST) {
		/* A dead session had our pid: its directory is a leftover. */
		reg_remove_dir(reg.dir);
		if (mkdir(reg.dir, 0700) == 0)
			errno = 0;
	}
	if (errno && access(reg.dir, F_OK) < 0) {
		*msg = xasprintf(_("cannot create session directory %s: %s"), reg.dir, strerror(errno));
		reg.dir[0] = '\0';
		return -1;
	}
	setenv("IPCSH_DIR", reg.dir, 1);
	reg_save();
	return 0;
}

struct actor *reg_actor(const char *name)
{
	for (size_t i = 0; i < reg.nactors; i++)
		if (strcmp(reg.actors[i]->name, name) == 0)
			return reg.actors[i];
	return NULL;
}

struct actor *reg_actor_by_pid(pid_t pid)
{
	for (size_t i = 0; i < reg.nactors; i++)
		if (reg.actors[i]->pid == pid)
			return reg.actors[i];
	return NULL;
}

struct object *reg_object(const char *name)
{
	for (size_t i = 0; i < reg.nobjs; i++)
		if (strcmp(reg.objs[i]->name, name) == 0)
			return reg.objs[i];
	return NULL;
}

bool reg_name_taken(const char *name)
{
	return reg_actor(name) || reg_object(name);
}

struct actor *reg_add_actor(const char *name, pid_t pid, int pidfd, int ctl, const char *parent)
{
	struct actor *a = xcalloc(1, sizeof *a);
	snprintf(a->name, sizeof a->name, "%s", name);
	snprintf(a->parent, sizeof a->parent, "%s", parent ? parent : "");
	a->pid = pid;
	a->ctl = ctl;
	a->pidfd = pidfd;
	a->life = LIFE_ALIVE;
	reg.actors = xrealloc(reg.actors, (reg.nactors + 1) * sizeof *reg.actors);
	reg.actors[reg.nactors++] = a;
	reg_save();
	return a;
}

static void reg_free_actor(struct actor *a);

void reg_drop_actor(struct actor *a)
{
	for (size_t i = 0; i < reg.nactors; i++) {
		if (reg.actors[i] != a)
			continue;
		memmove(reg.actors + i, reg.actors + i + 1, (reg.nactors - i - 1) * sizeof *reg.actors);
		reg.nactors--;
		reg_free_actor(a);
		reg.gen++;
		reg_save();
		return;
	}
}

void reg_purge_failed(void)
{
	for (size_t i = 0; i < reg.nactors; i++)
		if (reg.actors[i]->failed)
			reg_drop_actor(reg.actors[i--]);
}

struct object *reg_add_object(enum obj_kind kind, const char *name)
{
	struct object *o = xcalloc(1, sizeof *o);
	o->kind = kind;
	o->owned = true;
	snprintf(o->name, sizeof o->name, "%s", name);
	reg.objs = xrealloc(reg.objs, (reg.nobjs + 1) * sizeof *reg.objs);
	reg.objs[reg.nobjs++] = o;
	reg.gen++;
	return o;
}

void reg_remove_object(struct object *o)
{
	for (size_t i = 0; i < reg.nobjs; i++) {
		if (reg.objs[i] != o)
			continue;
		memmove(reg.objs + i, reg.objs + i + 1, (reg.nobjs - i - 1) * sizeof *reg.objs);
		reg.nobjs--;
		free(o->path);
		free(o->state_line);
		free(o->conn_local);
		free(o->conn_remote);
		if (o->book)
			mqq_book_free(o->book);
		free(o->book);
		free(o->pcount);
		free(o->vcount);
		if (o->psem)
			sem_close(o->psem);
		free(o->race);
		free(o);
		reg_save();
		return;
	}
}

const char *reg_kind_name(enum obj_kind k)
{
	return (unsigned)k < OBJ_NKINDS ? kinds[k].name : "?";
}

int reg_kind_by_name(const char *name)
{
	for (int k = 0; k < OBJ_NKINDS; k++)
		if (!strcmp(reg_kind_name((enum obj_kind)k), name))
			return k;
	return -1;
}

int reg_path_id(const char *path, unsigned type, uint64_t *dev, uint64_t *ino, uint64_t *btime)
{
	struct statx sx;
	if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &sx) < 0 ||
	    (sx.stx_mode & S_IFMT) != type || sx.stx_uid != getuid())
		return -1;
	*dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
	*ino = sx.stx_ino;
	*btime = util_btime_ns(&sx);
	return 0;
}

bool reg_obj_is_ours(const struct object *o)
{
	return kinds[o->kind].is_ours && kinds[o->kind].is_ours(o);
}

/* The call that removes o's name or id: 0, or -1 with errno. */
static int reg_obj_unlink(const struct object *o)
{
	return kinds[o->kind].unlink ? kinds[o->kind].unlink(o) : 0;
}

void reg_fd_add(struct actor *a, int fd, const char *obj, const char *end)
{
	reg_fd_del(a, fd);
	a->fds = xrealloc(a->fds, (a->nfds + 1) * sizeof *a->fds);
	struct fdent *e = &a->fds[a->nfds++];
	e->fd = fd;
	snprintf(e->obj, sizeof e->obj, "%s", obj);
	snprintf(e->end, sizeof e->end, "%s", end);
}

void reg_fd_del(struct actor *a, int fd)
{
	for (size_t i = 0; i < a->nfds; i++) {
		if (a->fds[i].fd != fd)
			continue;
		memmove(a->fds + i, a->fds + i + 1, (a->nfds - i - 1) * sizeof *a->fds);
		a->nfds--;
		return;
	}
}

/* end NULL: any end; "r"/"w": an end allowing that direction. */
struct fdent *reg_fd_find(struct actor *a, const char *obj, const char *end)
{
	for (size_t i = 0; i < a->nfds; i++) {
		struct fdent *e = &a->fds[i];
		if (strcmp(e->obj, obj))
			continue;
		if (!end || strcmp(e->end, end) == 0 || strcmp(e->end, "rw") == 0)
			return e;
	}
	return NULL;
}

void reg_fd_copy(struct actor *to, const struct actor *from)
{
	for (size_t i = 0; i < from->nfds; i++)
		reg_fd_add(to, from->fds[i].fd, from->fds[i].obj, from->fds[i].end);
}

void reg_map_add(struct actor *a, const char *obj, uint64_t addr, uint64_t len, bool ro)
{
	reg_map_del(a, obj);
	a->maps = xrealloc(a->maps, (a->nmaps + 1) * sizeof *a->maps);
	struct attach *m = &a->maps[a->nmaps++];
	snprintf(m->obj, sizeof m->obj, "%s", obj);
	m->addr = addr;
	m->len = len;
	m->ro = ro;
	reg.gen++;
}

struct attach *reg_map_find(struct actor *a, const char *obj)
{
	for (size_t i = 0; i < a->nmaps; i++)
		if (!strcmp(a->maps[i].obj, obj))
			return &a->maps[i];
	return NULL;
}

void reg_map_del(struct actor *a, const char *obj)
{
	struct attach *m = reg_map_find(a, obj);
	if (!m)
		return;
	size_t i = (size_t)(m - a->maps);
	memmove(a->maps + i, a->maps + i + 1, (a->nmaps - i - 1) * sizeof *a->maps);
	a->nmaps--;
	reg.gen++;
}

void reg_sem_counted(struct object *o, int idx, int64_t p, int64_t v)
{
	o->pcount[idx] += p;
	o->vcount[idx] += v;
	reg.gen++;
}

void reg_kernel_changed(void)
{
	reg.gen++;
}

/* Does a live actor hold o: a descriptor, an attachment, a mapping, or
 * (a POSIX shared memory object) a mapping of it under another name? */
static bool reg_held(const struct object *o)
{
	for (size_t j = 0; j < reg.nactors; j++) {
		struct actor *a = reg.actors[j];
		if (a->life == LIFE_ALIVE && (reg_fd_find(a, o->name, NULL) || reg_map_find(a, o->name)))
			return true;
	}
	for (size_t i = 0; o->kind == OBJ_PSHM && i < reg.nobjs; i++)
		if (reg.objs[i]->kind == OBJ_MMAP && !strcmp(reg.objs[i]->path, o->path) && reg_held(reg.objs[i]))
			return true;
	return false;
}

/* Would o be gone now that nobody holds it, but for the kernel? */
static bool reg_dead_unheld(const struct object *o)
{
	bool named = o->owned && o->path && o->path[0] == '/';
	return (kinds[o->kind].dies_unheld || o->unlinked || (kinds[o->kind].dies_unnamed && !named)) && !reg_held(o);
}

bool reg_only_lingers(const struct object *o)
{
	return reg_dead_unheld(o) && kinds[o->kind].lingers && kinds[o->kind].lingers(o);
}

void reg_forget_unheld(void)
{
	for (size_t i = 0; i < reg.nobjs; i++) {
		struct object *o = reg.objs[i];
		if (reg_dead_unheld(o) && !(kinds[o->kind].lingers && kinds[o->kind].lingers(o))) {
			reg_remove_object(o);
			i = (size_t)-1;      /* start again: one may have held another */
		}
	}
}

static void reg_free_actor(struct actor *a)
{
	if (a->ctl >= 0)
		close(a->ctl);
	if (a->pidfd >= 0)
		close(a->pidfd);
	free(a->fds);
	free(a->maps);
	free(a->fdcache);
	free(a->deliv);
	free(a->last.data);
	free(a);
}

/* SIGKILL every actor (through its pidfd, so a reused pid is never hit),
 * stop the guard (which kills whatever is left in the actors' group), then
 * reap until no child is left; orphans come to us as subreaper. */
static void reg_kill_actors(void)
{
	for (size_t i = 0; i < reg.nactors; i++) {
		struct actor *a = reg.actors[i];
		if (a->life != LIFE_GONE && a->pidfd >= 0)
			syscall(SYS_pidfd_send_signal, a->pidfd, SIGKILL, NULL, 0);
	}
	guard_stop();
	int64_t deadline = util_now_ms() + 3000;
	for (;;) {
		pid_t p = waitpid(-1, NULL, WNOHANG);
		if (p < 0 || util_now_ms() > deadline)
			break;
		if (p == 0) {
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL);
		}
	}
	for (size_t i = 0; i < reg.nactors; i++)
		reg_free_actor(reg.actors[i]);
	free(reg.actors);
	reg.actors = NULL;
	reg.nactors = 0;
	reg.use[0] = '\0';
}

int reg_remove_name(struct object *o)
{
	int rc = 0;
	if (o->owned && reg_obj_is_ours(o)) {
		if (reg_obj_unlink(o) < 0)
			return -1;
		rc = 1;
	}
	o->owned = false;
	o->unlinked = true;
	reg_save();
	return rc;
}

static void reg_remove_objects(void)
{
	while (reg.nobjs) {
		struct object *o = reg.objs[reg.nobjs - 1];
		if (o->owned)
			reg_remove_name(o);
		reg_remove_object(o);
	}
	free(reg.objs);
	reg.objs = NULL;
}

void reg_reset(void)
{
	emit_forget();             /* the session starts over */
	reg_kill_actors();
	reg_remove_objects();
	reg_save();
}

void reg_cleanup_all(void)
{
	emit_forget();
	reg_kill_actors();
	reg_remove_objects();
	if (reg.dir[0]) {
		reg_remove_dir(reg.dir);
		rmdir(reg.base);          /* the last session takes the base too */
	}
	reg.dir[0] = '\0';
}
