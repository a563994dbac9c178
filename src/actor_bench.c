/* actor_bench.c: the actor's side of bench -- one measured run (OP_BENCH).
 * The actor makes the channel, forks a partner process (which dies with
 * it), and the two pass messages the way the mechanism does: a ping-pong
 * (latency: half the round trip) or a stream followed by one message back
 * (throughput). Warm-up messages go first and are not timed. A bare pipe
 * ping-pong and a memcpy loop are the references. Reply: ret 0, v[0] the
 * nanoseconds the measured part took, v[1] its messages, v[2] the
 * partner's pid; or -1 and errno. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include "actor.h"
#include "bench.h"

/* One side's end of the channel: side 0 is the actor, 1 its partner. */
struct bench_end {
	const struct bench_spec *s;
	int side;
	int in, out;                   /* descriptors: read from, write to */
	mqd_t mq_in, mq_out;
	char *shm;                     /* the segment: two futex words, then data */
	pid_t peer;
	char *buf;
	int64_t nput, nget;            /* shm: messages put and got (their slots) */
};

#define BENCH_SHM_HEAD 64              /* the futex words' cache line */

static int64_t bench_now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* A call interrupted by the actor's tick (EINTR): go on while the
 * partner lives; when it has died, fail (EPIPE) instead of waiting for
 * it for ever. The partner itself dies with the actor (PDEATHSIG). */
static bool bench_again(const struct bench_end *e)
{
	if (errno != EINTR)
		return false;
	siginfo_t si = { 0 };
	if (e->side == 0 && waitid(P_PID, (id_t)e->peer, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid) {
		errno = EPIPE;
		return false;
	}
	return true;
}

static void bench_tick(int sig)
{
	(void)sig;                      /* only to interrupt a wait (no SA_RESTART) */
}

static int bench_write_all(const struct bench_end *e, int fd, const char *b, size_t n)
{
	while (n) {
		ssize_t k = write(fd, b, n);
		if (k < 0 && bench_again(e))
			continue;
		if (k <= 0)
			return -1;
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

static int bench_read_all(const struct bench_end *e, int fd, char *b, size_t n)
{
	while (n) {
		ssize_t k = read(fd, b, n);
		if (k < 0 && bench_again(e))
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EPIPE;
			return -1;
		}
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The shared memory handshake: a counting semaphore for each side (what
 * it may take: a message, or for side 0 of a stream a free slot). System
 * V semaphores, or a futex count spun on a moment and then slept on, with
 * a count of sleepers so that a give makes no system call when nobody
 * sleeps. The segment's head: count[0], count[1], sleepers[0], sleepers[1]. */
static int bench_turn_give(struct bench_end *e, int to)
{
	if (e->s->mech == BM_SHM_SEM) {
		struct sembuf op = { (unsigned short)to, 1, 0 };
		int rc;
		while ((rc = semop(e->s->semid, &op, 1)) < 0 && bench_again(e))
			;
		return rc;
	}
	_Atomic int *count = (_Atomic int *)e->shm + to, *sleepers = (_Atomic int *)e->shm + 2 + to;
	atomic_fetch_add(count, 1);
	if (atomic_load(sleepers) > 0)
		syscall(SYS_futex, count, FUTEX_WAKE, 1, NULL, NULL, 0);
	return 0;
}

static bool bench_turn_try(_Atomic int *count)
{
	int c = atomic_load(count);
	return c > 0 && atomic_compare_exchange_strong(count, &c, c - 1);
}

static int bench_turn_take(struct bench_end *e, int me)
{
	if (e->s->mech == BM_SHM_SEM) {
		struct sembuf op = { (unsigned short)me, -1, 0 };
		int rc;
		while ((rc = semop(e->s->semid, &op, 1)) < 0 && bench_again(e))
			;
		return rc;
	}
	_Atomic int *count = (_Atomic int *)e->shm + me, *sleepers = (_Atomic int *)e->shm + 2 + me;
	for (int spin = 0; spin < 2000; spin++)
		if (bench_turn_try(count))
			return 0;
	atomic_fetch_add(sleepers, 1);   /* then a give wakes it */
	int rc = 0;
	while (!bench_turn_try(count) && rc == 0)
		if (syscall(SYS_futex, count, FUTEX_WAIT, 0, NULL, NULL, 0) < 0 && errno != EAGAIN && !bench_again(e))
			rc = -1;
	atomic_fetch_sub(sleepers, 1);
	return rc;
}

/* A stream goes through a ring of slots, a ping-pong through one. */
static char *bench_slot(struct bench_end *e, int64_t i)
{
	int slots = e->s->mode == BENCH_THROUGHPUT ? BENCH_SHM_SLOTS : 1;
	return e->shm + BENCH_SHM_HEAD + (size_t)(i % slots) * (size_t)e->s->size;
}

/* msg and mq carry at most chunk bytes a message: larger ones go in
 * parts (each from the buffer's start: what is measured is the moving). */
static int bench_put_parts(struct bench_end *e, size_t n)
{
	size_t chunk = (size_t)e->s->chunk;
	long *m = (long *)(void *)(e->buf - sizeof(long));   /* a System V message: type, then data */
	for (size_t off = 0; off < n; off += chunk) {
		size_t k = n - off < chunk ? n - off : chunk;
		*m = 1 + e->side;
		int rc;
		while ((rc = e->s->mech == BM_MSG ? msgsnd(e->s->msqid, m, k, 0) : mq_send(e->mq_out, e->buf, k, 0)) < 0 &&
		       bench_again(e))
			;
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int bench_get_parts(struct bench_end *e, size_t n)
{
	size_t chunk = (size_t)e->s->chunk;
	long *m = (long *)(void *)(e->buf - sizeof(long));
	for (size_t off = 0; off < n; off += chunk) {
		ssize_t k;
		while ((k = e->s->mech == BM_MSG ? msgrcv(e->s->msqid, m, chunk, 2 - e->side, 0)
						 : mq_receive(e->mq_in, e->buf, chunk, NULL)) < 0 && bench_again(e))
			;
		if (k < 0)
			return -1;
	}
	return 0;
}

/* Send n bytes (or a signal) to the other side. */
static int bench_put(struct bench_end *e, size_t n)
{
	switch (e->s->mech) {
	case BM_UNIX_DGRAM:
	case BM_UDP:
		return send(e->out, e->buf, n, 0) == (ssize_t)n ? 0 : -1;
	case BM_MSG:
	case BM_MQ:
		return bench_put_parts(e, n);
	case BM_SHM_SEM:
	case BM_SHM_FUTEX:
		memcpy(bench_slot(e, e->nput++), e->buf, n);
		return bench_turn_give(e, 1 - e->side);
	case BM_SIGNAL:
		return sigqueue(e->peer, SIGRTMIN, (union sigval){ 0 });
	default:
		return bench_write_all(e, e->out, e->buf, n);
	}
}

/* Take n bytes (or a signal) from the other side. */
static int bench_get(struct bench_end *e, size_t n)
{
	switch (e->s->mech) {
	case BM_UNIX_DGRAM:
	case BM_UDP: {
		ssize_t k;
		while ((k = recv(e->in, e->buf, n, 0)) < 0 && bench_again(e))
			;
		return k == (ssize_t)n ? 0 : -1;
	}
	case BM_MSG:
	case BM_MQ:
		return bench_get_parts(e, n);
	case BM_SHM_SEM:
	case BM_SHM_FUTEX:
		if (bench_turn_take(e, e->side) < 0)
			return -1;
		memcpy(e->buf, bench_slot(e, e->nget++), n);
		return 0;
	case BM_SIGNAL: {
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGRTMIN);
		int rc;
		while ((rc = sigwaitinfo(&set, NULL)) < 0 && bench_again(e))
			;
		return rc < 0 ? -1 : 0;
	}
	default:
		return bench_read_all(e, e->in, e->buf, n);
	}
}

/* A UDP stream's datagrams carry their number, when they have room for
 * it: the partner counts only the measured ones that came. */
static bool bench_numbered(const struct bench_spec *s)
{
	return s->mech == BM_UDP && s->mode == BENCH_THROUGHPUT && s->size >= (int64_t)sizeof(int64_t);
}

/* The actor's part: warm up, then time count messages. Returns the
 * nanoseconds; *got the messages that arrived. */
static int64_t bench_side0(struct bench_end *e, int64_t *got)
{
	const struct bench_spec *s = e->s;
	size_t n = (size_t)s->size;
	bool stream = s->mode == BENCH_THROUGHPUT;
	bool shm = s->mech == BM_SHM_SEM || s->mech == BM_SHM_FUTEX;
	int64_t t0 = 0;
	bool numbered = bench_numbered(s);
	*got = s->count;
	for (int64_t i = 0; i < s->warmup + s->count; i++) {
		if (i == s->warmup)
			t0 = bench_now_ns();
		if (stream && shm && bench_turn_take(e, 0) < 0)   /* the slot is free */
			return -1;
		if (numbered)
			memcpy(e->buf, &i, sizeof i);
		if (bench_put(e, n) < 0 || (!stream && bench_get(e, n) < 0))
			return -1;
	}
	if (stream && shm)
		for (int k = 0; k < BENCH_SHM_SLOTS; k++)   /* all taken: every slot free */
			if (bench_turn_take(e, 0) < 0)
				return -1;
	if (!stream || shm)
		return bench_now_ns() - t0;
	struct bench_ack ack;
	if (bench_get(e, sizeof ack) < 0)
		return -1;
	int64_t ns = bench_now_ns() - t0;
	memcpy(&ack, e->buf, sizeof ack);
	*got = ack.got;
	return ns - ack.waited_ns;
}

/* The partner's part: answer each message, or take the stream and say
 * how much came. */
static int bench_side1(struct bench_end *e)
{
	const struct bench_spec *s = e->s;
	size_t n = (size_t)s->size;
	bool stream = s->mode == BENCH_THROUGHPUT;
	bool shm = s->mech == BM_SHM_SEM || s->mech == BM_SHM_FUTEX;
	struct bench_ack ack = { 0, 0 };
	int64_t last = bench_now_ns(), seq;
	bool numbered = bench_numbered(s);
	for (int64_t i = 0; i < s->warmup + s->count; i++) {
		if (bench_get(e, n) < 0) {
			if (s->mech != BM_UDP || errno != EAGAIN)
				return -1;
			ack.waited_ns = bench_now_ns() - last;   /* lost: the rest never comes */
			break;
		}
		last = bench_now_ns();
		if (numbered)                   /* a datagram lost in the warm-up is not one of the count */
			memcpy(&seq, e->buf, sizeof seq);
		ack.got += numbered ? seq >= s->warmup : i >= s->warmup;
		if (stream && shm && bench_turn_give(e, 0) < 0)   /* the slot is free again */
			return -1;
		if (!stream && bench_put(e, n) < 0)
			return -1;
	}
	if (!stream || shm)
		return 0;
	memcpy(e->buf, &ack, sizeof ack);
	return bench_put(e, sizeof ack);
}

/* TCP: no Nagle delay for small messages. UDP: a datagram lost must not
 * hang the run (a ping-pong stops with EAGAIN; the partner finds a
 * stream's end; the actor waits for its account as long as it takes). */
static void bench_tune(const struct bench_end *e)
{
	int one = 1;
	struct timeval tv = { 1, 0 };      /* a second: longer than a busy machine pauses */
	if (e->s->mech == BM_TCP)
		setsockopt(e->out, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (e->s->mech == BM_UDP && (e->side || e->s->mode == BENCH_LATENCY))
		setsockopt(e->in, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

static void bench_close_pair(int fd[2])
{
	if (fd[0] >= 0)
		close(fd[0]);
	if (fd[1] >= 0 && fd[1] != fd[0])
		close(fd[1]);
	fd[0] = fd[1] = -1;
}

/* Two connected UDP sockets on the loopback, or a TCP listener. */
static int bench_inet(int type, struct sockaddr_in *a)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	socklen_t len = sizeof *a;
	*a = (struct sockaddr_in){ .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (fd < 0 || bind(fd, (struct sockaddr *)a, sizeof *a) < 0 || getsockname(fd, (struct sockaddr *)a, &len) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 1) < 0)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* What must exist before the fork: both sides' descriptors, [side][in, out]. */
static int bench_make(const struct bench_spec *s, int fd[2][2], struct sockaddr_in *tcp)
{
	int p[2][2], sv[2];
	switch (s->mech) {
	case BM_PIPE:
	case BM_BARE:
		if (pipe2(p[0], O_CLOEXEC) < 0)
			return -1;
		if (pipe2(p[1], O_CLOEXEC) < 0) {
			bench_close_pair(p[0]);
			return -1;
		}
		fd[0][1] = p[0][1], fd[1][0] = p[0][0];     /* 0 -> 1 */
		fd[1][1] = p[1][1], fd[0][0] = p[1][0];     /* 1 -> 0 */
		return 0;
	case BM_UNIX:
	case BM_UNIX_DGRAM:
		if (socketpair(AF_UNIX, (s->mech == BM_UNIX ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0, sv) < 0)
			return -1;
		fd[0][0] = fd[0][1] = sv[0];
		fd[1][0] = fd[1][1] = sv[1];
		return 0;
	case BM_UDP: {
		struct sockaddr_in a0, a1;
		int u0 = bench_inet(SOCK_DGRAM, &a0), u1 = bench_inet(SOCK_DGRAM, &a1);
		fd[0][0] = fd[0][1] = u0;       /* closed by the caller if this fails */
		fd[1][0] = fd[1][1] = u1;
		return u0 < 0 || u1 < 0 || connect(u0, (struct sockaddr *)&a1, sizeof a1) < 0 ||
		       connect(u1, (struct sockaddr *)&a0, sizeof a0) < 0 ? -1 : 0;
	}
	case BM_TCP:
		fd[0][0] = fd[0][1] = bench_inet(SOCK_STREAM, tcp);   /* the listener, until accept */
		return fd[0][0] < 0 ? -1 : 0;
	default:
		return 0;
	}
}

/* open(2) of a FIFO waits for the other side: not for ever. */
static int bench_open_fifo(const struct bench_end *e, const char *path, int flags)
{
	int fd;
	while ((fd = open(path, flags | O_CLOEXEC)) < 0 && bench_again(e))
		;
	return fd;
}

/* After the fork, what each side opens itself: FIFOs, queues, the TCP
 * connection, the segment. */
static int bench_open(struct bench_end *e, int fd[2][2], const struct sockaddr_in *tcp)
{
	const struct bench_spec *s = e->s;
	int side = e->side;
	e->in = fd[side][0];
	e->out = fd[side][1];
	if (s->mech == BM_FIFO) {       /* opened in the same order by both: no deadlock */
		int first = bench_open_fifo(e, s->path[0], side ? O_RDONLY : O_WRONLY);
		int second = first < 0 ? -1 : bench_open_fifo(e, s->path[1], side ? O_WRONLY : O_RDONLY);
		e->out = side ? second : first;
		e->in = side ? first : second;
		return first < 0 || second < 0 ? -1 : 0;
	}
	if (s->mech == BM_MQ) {
		e->mq_out = mq_open(s->mq[side], O_WRONLY);
		e->mq_in = mq_open(s->mq[1 - side], O_RDONLY);
		return e->mq_out == (mqd_t)-1 || e->mq_in == (mqd_t)-1 ? -1 : 0;
	}
	if (s->mech == BM_TCP && side) {
		int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		e->in = e->out = c;
		return c < 0 || connect(c, (const struct sockaddr *)tcp, sizeof *tcp) < 0 ? -1 : 0;
	}
	if (s->mech == BM_TCP) {
		int c;
		while ((c = accept4(fd[0][0], NULL, NULL, SOCK_CLOEXEC)) < 0 && bench_again(e))
			;
		bench_close_pair(fd[0]);        /* the listener */
		e->in = e->out = c;
		return c < 0 ? -1 : 0;
	}
	return 0;
}

/* The partner: its end, its loop, its exit status. */
static void bench_partner(struct bench_end *e, int fd[2][2], const struct sockaddr_in *tcp)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != e->peer)       /* the actor died before prctl: nobody to answer */
		_exit(3);
	e->side = 1;
	bench_close_pair(fd[0]);
	if (bench_open(e, fd, tcp) < 0)
		_exit(1);
	bench_tune(e);
	_exit(bench_side1(e) < 0 ? 2 : 0);
}

/* memcpy of size bytes, count times: the bandwidth reference. Source and
 * destination page-aligned, half a page apart: heap neighbours a few
 * bytes short of a page apart make the processor take loads for stores
 * (4K aliasing) and the copy many times slower than it is. */
static int64_t bench_memcpy(const struct bench_spec *s)
{
	void *src = NULL, *dst = NULL;
	size_t n = (size_t)s->size;
	if (posix_memalign(&src, 4096, n + 4096) || posix_memalign(&dst, 4096, n + 4096)) {
		free(src);
		errno = ENOMEM;
		return -1;
	}
	char *to = (char *)dst + 2048;
	memset(src, 'x', n);
	int64_t t0 = 0;
	for (int64_t i = 0; i < s->warmup + s->count; i++) {
		if (i == s->warmup)
			t0 = bench_now_ns();
		memcpy(to, src, n);
		__asm__ __volatile__ ("" : : "r"(to) : "memory");   /* the copy is not optimised away */
	}
	int64_t ns = bench_now_ns() - t0;
	free(src);
	free(dst);
	return ns;
}

/* Attach the segment and set the handshake's start: side 0's turn for a
 * stream (the slot is free), nobody's for a ping-pong. */
static int bench_shm(struct bench_end *e)
{
	const struct bench_spec *s = e->s;
	e->shm = shmat(s->shmid, NULL, 0);
	if (e->shm == (void *)-1)
		return -1;
	int start = s->mode == BENCH_THROUGHPUT ? BENCH_SHM_SLOTS : 0;
	if (s->mech == BM_SHM_FUTEX) {
		for (int k = 0; k < 4; k++)
			atomic_store((_Atomic int *)e->shm + k, k ? 0 : start);
		return 0;
	}
	union semun {                   /* semctl(2): the caller defines it */
		int val;
		struct semid_ds *buf;
		unsigned short *array;
	} arg;
	unsigned short vals[2] = { (unsigned short)start, 0 };
	arg.array = vals;
	if (semctl(s->semid, 0, SETALL, arg) == 0)
		return 0;
	int err = errno;
	shmdt(e->shm);
	e->shm = NULL;
	errno = err;
	return -1;
}

/* Close what the run opened on this side. */
static void bench_close_end(struct bench_end *e, int fd[2])
{
	if (e->in >= 0 && e->in != fd[0] && e->in != fd[1])
		close(e->in);
	if (e->out >= 0 && e->out != e->in && e->out != fd[0] && e->out != fd[1])
		close(e->out);
	bench_close_pair(fd);
	if (e->mq_in != (mqd_t)-1)
		mq_close(e->mq_in);
	if (e->mq_out != (mqd_t)-1)
		mq_close(e->mq_out);
	if (e->shm && e->shm != (void *)-1)
		shmdt(e->shm);
}

static int64_t bench_run(const struct bench_spec *s, struct wire_rep *r, char *buf)
{
	int fd[2][2] = { { -1, -1 }, { -1, -1 } };
	struct sockaddr_in tcp;
	struct bench_end e = { .s = s, .buf = buf, .in = -1, .out = -1, .mq_in = (mqd_t)-1, .mq_out = (mqd_t)-1 };
	bool shm = s->mech == BM_SHM_SEM || s->mech == BM_SHM_FUTEX;
	if (bench_make(s, fd, &tcp) < 0 || (shm && bench_shm(&e) < 0)) {
		int err = errno;
		bench_close_pair(fd[0]);
		bench_close_pair(fd[1]);
		errno = err;
		return -1;
	}
	sigset_t rt, old;
	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	sigaddset(&rt, SIGPIPE);                /* a partner gone: EPIPE, not death */
	sigprocmask(SIG_BLOCK, &rt, &old);      /* signals: taken by sigwaitinfo */
	e.peer = getpid();                      /* the partner's parent, checked */
	pid_t pid = fork();
	if (pid == 0)
		bench_partner(&e, fd, &tcp);
	bench_close_pair(fd[1]);                /* the partner's ends are its own */
	int64_t ns = -1, got = 0;
	e.peer = pid;
	struct sigaction tick = { .sa_handler = bench_tick }, was;   /* no SA_RESTART */
	struct itimerval every = { { 0, 250000 }, { 0, 250000 } }, off = { { 0, 0 }, { 0, 0 } };
	sigaction(SIGALRM, &tick, &was);
	setitimer(ITIMER_REAL, &every, NULL);   /* a look at the partner four times a second */
	if (pid > 0 && bench_open(&e, fd, &tcp) == 0) {
		bench_tune(&e);
		ns = bench_side0(&e, &got);
	}
	int err = errno, st = 0;
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &was, NULL);
	if (pid > 0 && ns < 0)
		kill(pid, SIGKILL);
	if (pid > 0)
		waitpid(pid, &st, 0);
	bench_close_end(&e, fd[0]);
	struct timespec now0 = { 0, 0 };         /* what is left pending must not kill it */
	while (sigtimedwait(&rt, NULL, &now0) > 0)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
	r->v[1] = got;
	r->v[2] = pid;
	errno = pid < 0 ? err : ns < 0 ? err : (WIFEXITED(st) && !WEXITSTATUS(st)) ? 0 : EPROTO;
	return errno ? -1 : ns;
}

bool actor_bench_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	(void)out;
	if (q->op != OP_BENCH)
		return false;
	struct bench_spec s;
	if (q->len != sizeof s) {
		r->ret = -1;
		errno = EINVAL;
		return true;
	}
	memcpy(&s, data, sizeof s);
	/* room for a System V message's type before the data, and for the
	 * partner's account at the end of a stream */
	int64_t room = s.size > s.chunk ? s.size : s.chunk;
	if (room < (int64_t)sizeof(struct bench_ack))
		room = sizeof(struct bench_ack);
	char *mem = malloc(sizeof(long) + (size_t)room);
	if (!mem) {
		r->ret = -1;
		errno = ENOMEM;
		return true;
	}
	char *buf = mem + sizeof(long);
	memset(buf, 'x', (size_t)s.size);
	int64_t ns = s.mech == BM_MEMCPY ? bench_memcpy(&s) : bench_run(&s, r, buf);
	int e = errno;
	free(mem);
	r->ret = ns < 0 ? -1 : 0;
	r->v[0] = ns;
	if (s.mech == BM_MEMCPY)
		r->v[1] = s.count;
	errno = e;
	return true;
}
