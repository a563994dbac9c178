/* actor_file.c: the actor's side of file locks: fcntl(2) record locks
 * (F_SETLK, F_SETLKW) and flock(2), made on the actor's own descriptor. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include "actor.h"

/* OP_LOCK: fd, a = l_type, b = l_start, pad = l_len; WF_NOWAIT: F_SETLK,
 * else F_SETLKW. When another process's lock is in the way, F_GETLK
 * names it: v[0] = its pid, v[1] = its type, v[2] = start, v[3] = len. */
static void actor_lock(const struct wire_req *q, struct wire_rep *r)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = (short)q->a;
	fl.l_whence = SEEK_SET;
	fl.l_start = (off_t)q->b;
	fl.l_len = q->pad;
	r->ret = fcntl(q->fd, (q->flags & WF_NOWAIT) ? F_SETLK : F_SETLKW, &fl);
	int e = errno;
	if (r->ret < 0 && (e == EAGAIN || e == EACCES)) {
		struct flock g = fl;
		if (fcntl(q->fd, F_GETLK, &g) == 0 && g.l_type != F_UNLCK) {
			r->v[0] = g.l_pid;
			r->v[1] = g.l_type;
			r->v[2] = g.l_start;
			r->v[3] = g.l_len;
		}
	}
	errno = e;
}

bool actor_file_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	(void)data;
	(void)out;
	switch (q->op) {
	case OP_LOCK: actor_lock(q, r); return true;
	case OP_FLOCK: r->ret = flock(q->fd, (int)q->a); return true;
	default: return false;
	}
}
