/* actor_mem.c: the actor's side of shared memory and mappings: shmat,
 * shmdt, mmap, munmap, msync, and the loads and stores of poke, peek and
 * add made on the memory itself. A store that faults (a read-only
 * attachment, a mapping past the end of its file) is caught for that one
 * access and reported as a result, so the actor lives to show it. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actor.h"

static sigjmp_buf actor_mem_jb;
static volatile sig_atomic_t actor_mem_armed;
static volatile sig_atomic_t actor_mem_sig, actor_mem_code;
static void *volatile actor_mem_addr;

static void actor_mem_on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (!actor_mem_armed) {          /* not ours: die as the default would */
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	actor_mem_sig = sig;
	actor_mem_code = si->si_code;
	actor_mem_addr = si->si_addr;
	siglongjmp(actor_mem_jb, 1);
}

struct actor_mem_guard {
	struct sigaction segv, bus;
	sigset_t mask;
};

/* Catch SIGSEGV and SIGBUS for one access; the learner's dispositions
 * and mask come back afterwards. */
static void actor_mem_arm(struct actor_mem_guard *g)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = actor_mem_on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &g->segv);
	sigaction(SIGBUS, &sa, &g->bus);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	sigaddset(&s, SIGBUS);
	sigprocmask(SIG_UNBLOCK, &s, &g->mask);
	actor_mem_sig = 0;
	actor_mem_armed = 1;
}

static void actor_mem_disarm(struct actor_mem_guard *g, struct wire_rep *r)
{
	actor_mem_armed = 0;
	sigprocmask(SIG_SETMASK, &g->mask, NULL);
	sigaction(SIGSEGV, &g->segv, NULL);
	sigaction(SIGBUS, &g->bus, NULL);
	if (actor_mem_sig) {
		r->ret = -1;
		r->err = EFAULT;
		r->v[0] = actor_mem_sig;
		r->v[1] = actor_mem_code;
		r->v[2] = (int64_t)(uintptr_t)actor_mem_addr;
	}
}

/* OP_SHMAT: a = id; v[0] = the segment's size. */
static void actor_shmat(const struct wire_req *q, struct wire_rep *r)
{
	void *p = shmat((int)q->a, NULL, (q->flags & WF_RO) ? SHM_RDONLY : 0);
	if (p == (void *)-1) {
		r->ret = -1;
		return;
	}
	struct shmid_ds ds;
	r->ret = (int64_t)(uintptr_t)p;
	r->v[0] = shmctl((int)q->a, IPC_STAT, &ds) == 0 ? (int64_t)ds.shm_segsz : 0;
}

/* The descriptor mmap maps: a POSIX shared memory object or a file. */
static int actor_mmap_open(const char *src, bool ro)
{
	int fl = ro ? O_RDONLY : O_RDWR;
	return src[0] == '/' && !strchr(src + 1, '/') ? shm_open(src, fl, 0) : open(src, fl | O_CLOEXEC);
}

/* OP_MMAP: payload the source ("anon", /N or a path), a = length (0: the
 * rest of the object), b = offset; v[0] = the length mapped, v[1] = 1 when
 * opening the source failed, v[2] = the object's size. */
static void actor_mmap(const struct wire_req *q, const char *src, struct wire_rep *r)
{
	bool ro = q->flags & WF_RO;
	int prot = PROT_READ | (ro ? 0 : PROT_WRITE);
	int share = (q->flags & WF_PRIVATE) ? MAP_PRIVATE : MAP_SHARED;
	size_t len = (size_t)q->a;
	int fd = -1;
	if (strcmp(src, "anon")) {
		fd = actor_mmap_open(src, ro || share == MAP_PRIVATE);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) < 0) {
			r->ret = -1;
			r->v[1] = 1;
			return;
		}
		r->v[2] = st.st_size;
		if (!len)
			len = st.st_size > q->b ? (size_t)(st.st_size - q->b) : 0;
	}
	void *p = mmap(NULL, len, prot, share | (fd < 0 ? MAP_ANONYMOUS : 0), fd, (off_t)q->b);
	int e = errno;
	if (fd >= 0)
		close(fd);          /* the mapping keeps the object, as in C */
	r->v[0] = (int64_t)len;
	r->ret = p == MAP_FAILED ? -1 : (int64_t)(uintptr_t)p;
	errno = e;
}

/* OP_POKE: a = address; the payload, or with WF_INT b as a 32-bit int. */
static void actor_poke(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	struct actor_mem_guard g;
	actor_mem_arm(&g);
	if (!sigsetjmp(actor_mem_jb, 1)) {
		if (q->flags & WF_INT) {
			*(volatile int32_t *)(uintptr_t)q->a = (int32_t)q->b;
			r->ret = 4;
		} else {
			volatile char *p = (volatile char *)(uintptr_t)q->a;
			for (uint32_t i = 0; i < q->len; i++)
				p[i] = data[i];
			r->ret = q->len;
		}
	}
	actor_mem_disarm(&g, r);
}

/* OP_PEEK: a = address, b = bytes (WF_INT: one int, also in v[3]). */
static void actor_peek(const struct wire_req *q, struct wire_rep *r, char **out)
{
	size_t n = (q->flags & WF_INT) ? 4 : (size_t)q->b;
	char *buf = malloc(n ? n : 1);
	if (!buf) {
		r->ret = -1;
		r->err = ENOMEM;
		return;
	}
	struct actor_mem_guard g;
	actor_mem_arm(&g);
	if (!sigsetjmp(actor_mem_jb, 1)) {
		volatile const char *p = (volatile const char *)(uintptr_t)q->a;
		for (size_t i = 0; i < n; i++)
			buf[i] = p[i];
		r->ret = (int64_t)n;
		if (q->flags & WF_INT)
			r->v[3] = *(volatile int32_t *)(uintptr_t)q->a;
	}
	actor_mem_disarm(&g, r);
	if (r->ret < 0)
		free(buf);
	else
		*out = buf;
}

/* The lock around one increment of add: a System V semaphore (its index
 * 0) or a POSIX one. -1 with errno when the semaphore call failed. */
struct actor_add_lock {
	int kind;                /* 0: none, 1: System V id, 2: POSIX sem_t */
	int id;
	sem_t *sem;
};

static int actor_add_lock(const struct actor_add_lock *l, int delta)
{
	if (l->kind == 1) {
		struct sembuf op = { 0, (short)delta, 0 };
		return semop(l->id, &op, 1);
	}
	if (l->kind == 2)
		return delta < 0 ? sem_wait(l->sem) : sem_post(l->sem);
	return 0;
}

/* The race lab's increment: a real load, a yield to the scheduler, and a
 * real store, on purpose not atomic. Between the load and the store the
 * other actor may store too; one of the two increments is then lost. */
static int64_t actor_add_loop(volatile int32_t *p, int64_t count, const struct actor_add_lock *l)
{
	for (int64_t i = 0; i < count; i++) {
		if (actor_add_lock(l, -1) < 0) {
			if (errno == EINTR) {
				i--;
				continue;
			}
			return i;
		}
		int32_t v = *p;
		sched_yield();
		*p = v + 1;
		if (actor_add_lock(l, +1) < 0)
			return i + 1;
	}
	return count;
}

/* OP_ADD: a = address, b = COUNT; fd = lock kind, pad = System V id, or
 * the payload's first 8 bytes the POSIX sem_t address. v[0] = the value
 * when it began, v[1] = when it ended, v[2] = increments made. */
static void actor_add(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	struct actor_add_lock l = { q->fd, q->pad, NULL };
	if (l.kind == 2 && q->len >= sizeof(uint64_t)) {
		uint64_t a;
		memcpy(&a, data, sizeof a);
		l.sem = (sem_t *)(uintptr_t)a;
	}
	volatile int32_t *p = (volatile int32_t *)(uintptr_t)q->a;
	struct actor_mem_guard g;
	actor_mem_arm(&g);
	if (!sigsetjmp(actor_mem_jb, 1)) {
		r->v[0] = *p;
		int64_t done = actor_add_loop(p, q->b, &l);
		int e = errno;
		r->v[2] = done;
		r->v[1] = *p;
		r->ret = done == q->b ? done : -1;
		if (r->ret < 0)
			r->err = e;
	}
	actor_mem_disarm(&g, r);
}

bool actor_mem_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	switch (q->op) {
	case OP_SHMAT: actor_shmat(q, r); return true;
	case OP_SHMDT: r->ret = shmdt((void *)(uintptr_t)q->a); return true;
	case OP_MMAP: actor_mmap(q, data, r); return true;
	case OP_MUNMAP: r->ret = munmap((void *)(uintptr_t)q->a, (size_t)q->b); return true;
	case OP_MSYNC: r->ret = msync((void *)(uintptr_t)q->a, (size_t)q->b, MS_SYNC); return true;
	case OP_POKE: actor_poke(q, data, r); return true;
	case OP_PEEK: actor_peek(q, r, out); return true;
	case OP_ADD: actor_add(q, data, r); return true;
	default: return false;
	}
}
