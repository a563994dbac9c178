/* actor_main.c: the actor process. It owns nothing but its control socket
 * (kept at a high descriptor number, hidden by the views); every other
 * descriptor, mapping and disposition is the learner's. Each request is one
 * real system call; a call that blocks simply blocks, and the coordinator
 * sees that from the kernel. Caught signals are reported from the handler
 * with async-signal-safe writes. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "actor.h"
#include "util.h"
#include "wire.h"

static int actor_ctl = -1;

/* The same number in ipcsh and every actor: fixed at the first call, from
 * the descriptor limit all of them inherit. */
int actor_ctl_fd(void)
{
	static int fd = -1;
	if (fd >= 0)
		return fd;
	struct rlimit rl;
	fd = 1023;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur <= 1024)
		fd = (int)rl.rlim_cur - 1;
	return fd;
}

static void actor_send(struct wire_rep *r, const void *data, size_t len)
{
	r->pid = getpid();
	r->len = (uint32_t)len;
	if (wire_send(actor_ctl, r, sizeof *r, data, len, -1) < 0)
		_exit(0);
}

static void actor_on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	int saved = errno;
	struct wire_rep r = { .kind = W_SIGNAL, .pid = getpid() };
	r.v[0] = sig;
	r.v[1] = si->si_pid;
	r.v[2] = si->si_code;
	r.v[3] = si->si_value.sival_int;
	if (sig == SIGCHLD)
		r.ret = si->si_status;     /* the exit status or the signal */
	wire_send(actor_ctl, &r, sizeof r, NULL, 0, -1);
	errno = saved;
}

static void actor_reset_signals(void)
{
	sigset_t all;
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (int s = 1; s < NSIG; s++) {
		if (s == SIGKILL || s == SIGSTOP)
			continue;
		if (signal(s, SIG_DFL) == SIG_ERR) {
			/* 32 and 33, which the C library keeps for itself, may come
			 * ignored from whoever started ipcsh: ask the kernel directly */
			struct { void *handler; unsigned long flags; void *restorer; uint64_t mask; } ksa = { 0 };
			syscall(SYS_rt_sigaction, s, &ksa, NULL, sizeof ksa.mask);
		}
	}
}

/* Become a fresh actor: the control socket at its fixed number, nothing
 * else of the coordinator's left open, stdio on /dev/null -- but stderr
 * appended to IPCSH_ACTOR_STDERR when that is set (the tests set it, so
 * that whatever an actor says there, a sanitizer report above all, is
 * read rather than lost). */
static void actor_setup(int ctl)
{
	int hi = actor_ctl_fd();
	if (ctl != hi) {
		if (dup2(ctl, hi) < 0)
			_exit(127);
		close(ctl);
	}
	actor_ctl = hi;
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	const char *err = getenv("IPCSH_ACTOR_STDERR");
	int efd = err && *err ? open(err, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
	if (efd >= 0) {
		dup3(efd, 2, 0);
		close(efd);
	}
	if (hi > 3)
		close_range(3, (unsigned)hi - 1, 0);
	close_range((unsigned)hi + 1, ~0u, 0);
	actor_reset_signals();
}

static void actor_hello(void)
{
	struct wire_rep r = { .kind = W_HELLO };
	actor_send(&r, NULL, 0);
}

static void actor_op_pipe(struct wire_rep *r)
{
	int fds[2];
	r->ret = pipe(fds);
	if (r->ret < 0)
		return;
	struct stat st;
	fstat(fds[0], &st);
	r->v[0] = fds[0];
	r->v[1] = fds[1];
	r->v[2] = (int64_t)st.st_ino;
	r->v[3] = fcntl(fds[0], F_GETPIPE_SZ);
}

static void actor_op_open(const struct wire_req *q, const char *path, struct wire_rep *r)
{
	r->ret = open(path, (int)q->a);
	struct statx sx;
	if (r->ret >= 0 && statx((int)r->ret, "", AT_EMPTY_PATH, STATX_INO | STATX_BTIME, &sx) == 0) {
		r->v[2] = (int64_t)sx.stx_ino;
		r->v[3] = (int64_t)util_btime_ns(&sx);
	}
}

/* After a read or write: v[0] the descriptor's status flags (F_GETFL),
 * v[1] the bytes now in it (FIONREAD), v[2] a pipe's capacity. */
static void actor_io_state(int fd, struct wire_rep *r)
{
	int e = errno;
	int n = 0;
	r->v[0] = fcntl(fd, F_GETFL);
	r->v[1] = ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
	r->v[2] = fcntl(fd, F_GETPIPE_SZ);
	errno = e;
}

static void actor_op_read(const struct wire_req *q, struct wire_rep *r, char **out)
{
	size_t n = (size_t)q->a;
	*out = malloc(n ? n : 1);
	if (!*out) {
		r->ret = -1;
		r->err = ENOMEM;
		return;
	}
	r->ret = read(q->fd, *out, n);
	actor_io_state(q->fd, r);
}

static void actor_op_write(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	if (!(q->flags & WF_FILLER)) {
		r->ret = write(q->fd, data, q->len);
		actor_io_state(q->fd, r);
		return;
	}
	size_t n = (size_t)q->a;
	char *fill = malloc(n ? n : 1);
	if (!fill) {
		r->ret = -1;
		r->err = ENOMEM;
		return;
	}
	memset(fill, 'x', n);
	r->ret = write(q->fd, fill, n);
	actor_io_state(q->fd, r);
	int e = errno;
	free(fill);
	errno = e;
}

/* fcntl(F_SETFL) with O_NONBLOCK on (a) or off; v[0]: the flags after,
 * as F_GETFL reads them back. */
static void actor_op_nonblock(const struct wire_req *q, struct wire_rep *r)
{
	int fl = fcntl(q->fd, F_GETFL);
	if (fl < 0) {
		r->ret = -1;
		return;
	}
	r->ret = fcntl(q->fd, F_SETFL, q->a ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
	r->v[0] = fcntl(q->fd, F_GETFL);
}

static void actor_op_signal(const struct wire_req *q, struct wire_rep *r)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	if (q->b == 2) {
		/* every signal blocked while the handler runs, so that each
		 * delivery is reported whole, in the order the kernel made them */
		sigfillset(&sa.sa_mask);
		sa.sa_sigaction = actor_on_signal;
		sa.sa_flags = SA_SIGINFO | ((q->flags & WF_RESTART) ? SA_RESTART : 0);
	} else {
		sa.sa_handler = q->b == 1 ? SIG_IGN : SIG_DFL;
	}
	r->ret = sigaction((int)q->a, &sa, NULL);
}

static void actor_op_sigprocmask(const struct wire_req *q, struct wire_rep *r)
{
	sigset_t set, old;
	sigemptyset(&set);
	for (int s = 1; s <= 64; s++)
		if ((uint64_t)q->b & (1ull << (s - 1)))
			sigaddset(&set, s);
	r->ret = sigprocmask((int)q->a, &set, &old);
}

static void actor_op_wait(const struct wire_req *q, struct wire_rep *r)
{
	int st = 0;
	r->ret = waitpid((pid_t)q->a, &st, 0);
	r->v[0] = st;
}

/* fork(2): the child swaps in its own control socket at the same number,
 * so its descriptors are exactly its parent's. Returns 1 in the child. */
static int actor_op_fork(int passfd, struct wire_rep *r)
{
	if (passfd < 0) {
		r->ret = -1;
		r->err = EINVAL;
		return 0;
	}
	pid_t pid = fork();
	if (pid == 0) {
		if (dup2(passfd, actor_ctl) < 0)
			_exit(127);
		close(passfd);
		/* No PR_SET_PDEATHSIG here: when its parent actor exits, the
		 * child lives on as an orphan, adopted by ipcsh (a subreaper);
		 * the guard ends it if ipcsh dies. */
		actor_hello();
		return 1;
	}
	int e = errno;
	close(passfd);
	r->ret = pid;
	r->err = pid < 0 ? e : 0;
	return 0;
}

/* The families' own dispatchers (actor_*.c), a row each: a new family
 * adds its row. */
static bool (*const actor_families[])(const struct wire_req *, const char *, struct wire_rep *, char **) = {
	actor_msg_dispatch, actor_mq_dispatch, actor_mem_dispatch, actor_sem_dispatch, actor_file_dispatch,
	actor_sock_dispatch, actor_bench_dispatch,
};

static bool actor_family_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	for (size_t i = 0; i < ARRAY_LEN(actor_families); i++)
		if (actor_families[i](q, data, r, out))
			return true;
	return false;
}

/* Make the call. Returns 1 when this process is a new child that must not
 * report its parent's result. */
static int actor_dispatch(const struct wire_req *q, const char *data, int passfd,
			  struct wire_rep *r, char **out)
{
	errno = 0;
	switch (q->op) {
	case OP_PIPE: actor_op_pipe(r); break;
	case OP_OPEN: actor_op_open(q, data, r); break;
	case OP_READ: actor_op_read(q, r, out); break;
	case OP_WRITE: actor_op_write(q, data, r); break;
	case OP_CLOSE: r->ret = close(q->fd); break;
	case OP_PIPESIZE:
		r->ret = fcntl(q->fd, q->a > 0 ? F_SETPIPE_SZ : F_GETPIPE_SZ, (int)q->a);
		break;
	case OP_NONBLOCK: actor_op_nonblock(q, r); break;
	case OP_FORK: return actor_op_fork(passfd, r);
	case OP_EXIT: _exit((int)q->a);
	case OP_WAIT: actor_op_wait(q, r); break;
	case OP_KILL: r->ret = kill((pid_t)q->a, (int)q->b); break;
	case OP_SIGQUEUE:             /* b: the signal, and the value above bit 32 */
		r->ret = sigqueue((pid_t)q->a, (int)(q->b & 0xff), (union sigval){ .sival_int = (int)(q->b >> 32) });
		break;
	case OP_PAUSE: r->ret = pause(); break;
	case OP_ALARM: r->ret = alarm((unsigned)q->a); break;
	case OP_SIGNAL: actor_op_signal(q, r); break;
	case OP_SIGPROCMASK: actor_op_sigprocmask(q, r); break;
	case OP_MKFIFO: r->ret = mkfifo(data, (mode_t)q->a); break;
	case OP_UNLINK: r->ret = unlink(data); break;
	default:
		if (!actor_family_dispatch(q, data, r, out)) {
			r->ret = -1;
			errno = ENOSYS;
		}
	}
	if (r->ret < 0 && !r->err)
		r->err = errno;
	return 0;
}

static void actor_loop(void)
{
	static char buf[sizeof(struct wire_req) + WIRE_DATA_MAX + 1];
	for (;;) {
		int passfd;
		ssize_t n = wire_recv(actor_ctl, buf, sizeof buf - 1, &passfd);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < (ssize_t)sizeof(struct wire_req))
			_exit(0);
		buf[n] = '\0';
		struct wire_req *q = (struct wire_req *)buf;
		struct wire_rep r = { .kind = W_RESULT, .op = q->op };
		char *out = NULL;
		if (actor_dispatch(q, buf + sizeof *q, passfd, &r, &out))
			continue;
		size_t len = (out && r.ret > 0 ? (size_t)r.ret : 0) + (out ? r.extra : 0);
		if (len > WIRE_DATA_MAX)
			len = WIRE_DATA_MAX;
		actor_send(&r, out, len);
		free(out);
	}
}

void actor_exec(int ctl, const char *self)
{
	int hi = actor_ctl_fd();
	/* dup2 onto itself would leave FD_CLOEXEC set, and exec would close
	 * it: when the socket is already there (ipcsh's descriptors used up
	 * to the limit), clear the flag instead */
	bool there = ctl == hi ? fcntl(hi, F_SETFD, 0) == 0 : dup2(ctl, hi) == hi;
	if (self && there)
		execl(self, "ipcsh", "--actor", (char *)NULL);
	actor_main(ctl);             /* no program to run: stay this copy */
}

void actor_main(int ctl)
{
	pid_t parent = getppid();
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	actor_setup(ctl);
	actor_hello();
	actor_loop();
	_exit(0);
}
