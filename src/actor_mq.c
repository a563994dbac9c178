/* actor_mq.c: the actor's side of POSIX message queues: mq_send,
 * mq_receive and mq_notify made by the actor itself, where they may block.
 * The actor opens the queue (O_RDWR) the first time it uses it and keeps
 * that descriptor, as a program would; mq_notify belongs to it. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "actor.h"

/* The queue named by the payload's first string, opened if fd < 0; the
 * descriptor opened here is reported in v[1] (else -1), and v[2] is 1
 * when that mq_open failed (the call itself was never made). */
static mqd_t actor_mq_fd(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	r->v[1] = -1;
	if (q->fd >= 0)
		return (mqd_t)q->fd;
	mqd_t m = mq_open(data, O_RDWR);
	if (m != (mqd_t)-1)
		r->v[1] = (int64_t)m;
	else
		r->v[2] = 1;
	return m;
}

/* IPC_NOWAIT's POSIX twin is the descriptor's O_NONBLOCK: set it for this
 * one call, then put it back. */
static void actor_mq_nonblock(mqd_t m, bool on)
{
	struct mq_attr a = { .mq_flags = on ? O_NONBLOCK : 0 };
	mq_setattr(m, &a, NULL);
}

/* OP_MQSEND: payload NAME\0DATA, b = DATA's offset, a = priority. */
static void actor_mq_send(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	mqd_t m = actor_mq_fd(q, data, r);
	if (m == (mqd_t)-1) {
		r->ret = -1;
		return;
	}
	bool nowait = q->flags & WF_NOWAIT;
	if (nowait)
		actor_mq_nonblock(m, true);
	r->ret = mq_send(m, data + q->b, q->len - (size_t)q->b, (unsigned)q->a);
	int e = errno;
	if (nowait)
		actor_mq_nonblock(m, false);
	errno = e;
}

/* OP_MQRECV: payload NAME; v[0] = the priority of the message taken. */
static void actor_mq_receive(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	mqd_t m = actor_mq_fd(q, data, r);
	struct mq_attr a;
	if (m == (mqd_t)-1 || mq_getattr(m, &a) < 0) {
		r->ret = -1;
		return;
	}
	*out = malloc((size_t)a.mq_msgsize + 1);
	if (!*out) {
		r->ret = -1;
		errno = ENOMEM;
		return;
	}
	bool nowait = q->flags & WF_NOWAIT;
	if (nowait)
		actor_mq_nonblock(m, true);
	unsigned prio = 0;
	r->ret = mq_receive(m, *out, (size_t)a.mq_msgsize, &prio);
	int e = errno;
	if (nowait)
		actor_mq_nonblock(m, false);
	r->v[0] = prio;
	errno = e;
}

/* OP_MQNOTIFY: a = the signal to send when a message arrives in the empty
 * queue, 0 to unregister. */
static void actor_mq_notify(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	mqd_t m = actor_mq_fd(q, data, r);
	if (m == (mqd_t)-1) {
		r->ret = -1;
		return;
	}
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = (int)q->a };
	r->ret = mq_notify(m, q->a ? &ev : NULL);
}

bool actor_mq_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	switch (q->op) {
	case OP_MQSEND: actor_mq_send(q, data, r); return true;
	case OP_MQRECV: actor_mq_receive(q, data, r, out); return true;
	case OP_MQNOTIFY: actor_mq_notify(q, data, r); return true;
	default: return false;
	}
}
