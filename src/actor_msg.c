/* actor_msg.c: the actor's side of System V message queues: msgget,
 * msgsnd and msgrcv made by the actor itself, where they may block. */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include "actor.h"
#include "msgq.h"
#include "sysv.h"

struct actor_msgbuf {
	long mtype;
	char mtext[];
};

/* OP_MSGGET: a = key, b = perm; v[0] = 1 when this call made the queue. */
static void actor_msgget(const struct wire_req *q, struct wire_rep *r)
{
	bool created;
	r->ret = sysv_get(SYSV_MSG, (key_t)q->a, 0, (int)q->b, q->flags & WF_EXCL, &created);
	r->v[0] = created;
}

/* OP_MSGSND: a = id, b = type; the payload, or fd filler bytes. */
static void actor_msgsnd(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	size_t n = (q->flags & WF_FILLER) ? (size_t)q->fd : q->len;
	struct actor_msgbuf *m = malloc(sizeof(long) + n + 1);
	if (!m) {
		r->ret = -1;
		r->err = ENOMEM;
		return;
	}
	m->mtype = (long)q->b;
	if (q->flags & WF_FILLER)
		memset(m->mtext, 'x', n);
	else
		memcpy(m->mtext, data, n);
	r->ret = msgsnd((int)q->a, m, n, (q->flags & WF_NOWAIT) ? IPC_NOWAIT : 0);
	int e = errno;
	free(m);
	errno = e;
}

/* With MSG_NOERROR, how long the message taken was: the drop of
 * msg_cbytes over the call when exactly one message left the queue and
 * none came (so it cannot be another's), or -1 when that is unknown. */
static int64_t actor_msg_taken(int id, const struct msqid_ds *before)
{
	struct msqid_ds after;
	if (msgctl(id, IPC_STAT, &after) < 0 || after.msg_qnum + 1 != before->msg_qnum ||
	    after.msg_stime != before->msg_stime)
		return -1;
	return (int64_t)before->__msg_cbytes - (int64_t)after.__msg_cbytes;
}

/* OP_MSGRCV: a = id, b = type, fd = buffer size; v[0] = the type taken,
 * v[1] (MSG_NOERROR) the length of the message before the cut, or -1. */
static void actor_msgrcv(const struct wire_req *q, struct wire_rep *r, char **out)
{
	size_t n = (size_t)q->fd;
	struct actor_msgbuf *m = malloc(sizeof(long) + n + 1);
	if (!m) {
		r->ret = -1;
		r->err = ENOMEM;
		return;
	}
	int flags = ((q->flags & WF_NOWAIT) ? IPC_NOWAIT : 0) |
		    ((q->flags & WF_NOERROR) ? MSG_NOERROR : 0) |
		    ((q->flags & WF_EXCEPT) ? MSG_EXCEPT : 0);
	struct msqid_ds before;
	bool sized = (flags & MSG_NOERROR) && msgctl((int)q->a, IPC_STAT, &before) == 0;
	r->ret = msgrcv((int)q->a, m, n, (long)q->b, flags);
	int e = errno;
	if (r->ret >= 0) {
		r->v[0] = m->mtype;
		r->v[1] = sized ? actor_msg_taken((int)q->a, &before) : -1;
		*out = malloc((size_t)r->ret + 1);
		if (*out)
			memcpy(*out, m->mtext, (size_t)r->ret);
	}
	free(m);
	errno = e;
}

bool actor_msg_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	switch (q->op) {
	case OP_MSGGET: actor_msgget(q, r); return true;
	case OP_MSGSND: actor_msgsnd(q, data, r); return true;
	case OP_MSGRCV: actor_msgrcv(q, r, out); return true;
	default: return false;
	}
}
