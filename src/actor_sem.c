/* actor_sem.c: the actor's side of semaphores: semop(2) on a System V
 * set, sem_wait(3) and sem_post(3) on a POSIX named semaphore. The actor
 * opens a POSIX semaphore (sem_open maps it) the first time it uses it and
 * keeps it, as a program would. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdint.h>
#include <string.h>
#include <sys/sem.h>
#include "actor.h"

/* OP_SEMOP: a = id; the payload is the struct sembuf array. */
static void actor_semop(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	size_t n = q->len / sizeof(struct sembuf);
	struct sembuf ops[64];
	if (n == 0 || n > 64) {
		r->ret = -1;
		r->err = EINVAL;
		return;
	}
	memcpy(ops, data, n * sizeof *ops);
	r->ret = semop((int)q->a, ops, n);
}

/* The POSIX semaphore: b = the sem_t this actor mapped before, or 0 to
 * sem_open the payload's name now (reported in v[1]). */
static sem_t *actor_psem(const struct wire_req *q, const char *name, struct wire_rep *r)
{
	if (q->b)
		return (sem_t *)(uintptr_t)q->b;
	sem_t *s = sem_open(name, 0);
	if (s == SEM_FAILED) {
		r->v[2] = 1;         /* sem_open itself failed */
		return NULL;
	}
	r->v[1] = (int64_t)(uintptr_t)s;
	return s;
}

/* OP_PSEM_WAIT / OP_PSEM_POST; v[0] = the value after. */
static void actor_psem_op(const struct wire_req *q, const char *name, struct wire_rep *r)
{
	sem_t *s = actor_psem(q, name, r);
	if (!s) {
		r->ret = -1;
		return;
	}
	if (q->op == OP_PSEM_POST)
		r->ret = sem_post(s);
	else
		r->ret = (q->flags & WF_NOWAIT) ? sem_trywait(s) : sem_wait(s);
	int e = errno, v = 0;
	if (sem_getvalue(s, &v) == 0)
		r->v[0] = v;
	errno = e;
}

bool actor_sem_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	(void)out;
	switch (q->op) {
	case OP_SEMOP: actor_semop(q, data, r); return true;
	case OP_PSEM_WAIT:
	case OP_PSEM_POST: actor_psem_op(q, data, r); return true;
	default: return false;
	}
}
