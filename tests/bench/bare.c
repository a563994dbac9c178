/* bare.c: the bare C equivalents for make bench -- each mechanism's
 * ping-pong between two processes written plainly, nothing of ipcsh in it,
 * so that what bench reports can be set against it (its own overhead).
 * Usage: bare MECH SIZE COUNT; prints the latency in ns (half the mean
 * round trip). MECH: pipe fifo msg mq shm unix unix-dgram tcp udp signal. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *mech;
static size_t size;
static char *buf;
static int in[2], out[2];        /* [side]: read from, write to */
static int msq = -1, semid = -1;
static char *shm;
static mqd_t mq[2];
static pid_t peer;

/* Whatever happens, the queue and the set go (at exit of the parent). */
static pid_t parent;
static void bare_cleanup(void)
{
	if (getpid() != parent)
		return;
	if (msq >= 0)
		msgctl(msq, IPC_RMID, NULL);
	if (semid >= 0)
		semctl(semid, 0, IPC_RMID);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void xfer(int side, int put)
{
	size_t n = size;
	if (!strcmp(mech, "msg")) {
		long *m = (long *)(void *)(buf - sizeof(long));
		*m = put ? 1 + side : 2 - side;
		if ((put ? msgsnd(msq, m, n, 0) : (int)msgrcv(msq, m, n, *m, 0)) < 0)
			die("msg");
	} else if (!strcmp(mech, "mq")) {
		if ((put ? mq_send(mq[side], buf, n, 0) : (int)mq_receive(mq[1 - side], buf, n, NULL)) < 0)
			die("mq");
	} else if (!strcmp(mech, "shm")) {
		struct sembuf op = { (unsigned short)(put ? 1 - side : side), (short)(put ? 1 : -1), 0 };
		if (put)
			memcpy(shm, buf, n);
		if (semop(semid, &op, 1) < 0)
			die("semop");
		if (!put)
			memcpy(buf, shm, n);
	} else if (!strcmp(mech, "signal")) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGRTMIN);
		if ((put ? sigqueue(peer, SIGRTMIN, (union sigval){ 0 }) : sigwaitinfo(&s, NULL)) < 0)
			die("signal");
	} else if (!strcmp(mech, "unix-dgram") || !strcmp(mech, "udp")) {
		if ((put ? send(out[side], buf, n, 0) : recv(in[side], buf, n, 0)) != (ssize_t)n)
			die("datagram");
	} else {
		for (size_t done = 0; done < n;) {
			ssize_t k = put ? write(out[side], buf + done, n - done) : read(in[side], buf + done, n - done);
			if (k <= 0)
				die("stream");
			done += (size_t)k;
		}
	}
}

static void pair_stream(int type)
{
	int sv[2];
	if (socketpair(AF_UNIX, type, 0, sv) < 0)
		die("socketpair");
	in[0] = out[0] = sv[0];
	in[1] = out[1] = sv[1];
}

static int inet(int type, struct sockaddr_in *a)
{
	socklen_t len = sizeof *a;
	int fd = socket(AF_INET, type, 0);
	*a = (struct sockaddr_in){ .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (fd < 0 || bind(fd, (struct sockaddr *)a, sizeof *a) < 0 || getsockname(fd, (struct sockaddr *)a, &len) < 0)
		die("bind");
	return fd;
}

/* Before the fork: what both sides share. */
static void make(struct sockaddr_in *tcp, int *listener)
{
	int p[2][2];
	if (!strcmp(mech, "pipe")) {
		if (pipe(p[0]) < 0 || pipe(p[1]) < 0)
			die("pipe");
		out[0] = p[0][1], in[1] = p[0][0], out[1] = p[1][1], in[0] = p[1][0];
	} else if (!strcmp(mech, "unix")) {
		pair_stream(SOCK_STREAM);
	} else if (!strcmp(mech, "unix-dgram")) {
		pair_stream(SOCK_DGRAM);
	} else if (!strcmp(mech, "udp")) {
		struct sockaddr_in a0, a1;
		int u0 = inet(SOCK_DGRAM, &a0), u1 = inet(SOCK_DGRAM, &a1);
		if (connect(u0, (struct sockaddr *)&a1, sizeof a1) < 0 || connect(u1, (struct sockaddr *)&a0, sizeof a0) < 0)
			die("connect");
		struct timeval tv = { 1, 0 };   /* a lost datagram ends the run, not hangs it */
		setsockopt(u0, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		setsockopt(u1, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		in[0] = out[0] = u0;
		in[1] = out[1] = u1;
	} else if (!strcmp(mech, "tcp")) {
		*listener = inet(SOCK_STREAM, tcp);
		if (listen(*listener, 1) < 0)
			die("listen");
	} else if (!strcmp(mech, "msg")) {
		if ((msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0)
			die("msgget");
	} else if (!strcmp(mech, "mq")) {
		struct mq_attr at = { .mq_maxmsg = 10, .mq_msgsize = (long)size };
		char name[2][64];
		for (int i = 0; i < 2; i++) {
			snprintf(name[i], sizeof name[i], "/bare-%d-%d", (int)getpid(), i);
			if ((mq[i] = mq_open(name[i], O_CREAT | O_RDWR, 0600, &at)) == (mqd_t)-1)
				die("mq_open");
			mq_unlink(name[i]);
		}
	} else if (!strcmp(mech, "shm")) {
		int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
		if (id < 0 || (semid = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600)) < 0 || (shm = shmat(id, NULL, 0)) == (void *)-1)
			die("shm");
		shmctl(id, IPC_RMID, NULL);
	}
}

static int64_t now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return fprintf(stderr, "usage: bare MECH SIZE COUNT\n"), 2;
	mech = argv[1];
	size = strtoul(argv[2], NULL, 10);
	long count = atol(argv[3]), warm = count / 10 + 5;
	char *mem = malloc(sizeof(long) + size);
	if (!mem || !size || count < 1)
		return 2;
	buf = mem + sizeof(long);
	memset(buf, 'x', size);
	parent = getpid();
	atexit(bare_cleanup);
	struct sockaddr_in tcp;
	int listener = -1;
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &s, NULL);
	if (!strcmp(mech, "fifo")) {         /* both sides open them, in the same order */
		char path[2][64];
		for (int i = 0; i < 2; i++) {
			snprintf(path[i], sizeof path[i], "/tmp/bare-%d-%d", (int)getpid(), i);
			if (mkfifo(path[i], 0600) < 0)
				die("mkfifo");
		}
		peer = fork();
		if (peer == 0) {
			in[1] = open(path[0], O_RDONLY);
			out[1] = open(path[1], O_WRONLY);
		} else {
			out[0] = open(path[0], O_WRONLY);
			in[0] = open(path[1], O_RDONLY);
			unlink(path[0]);
			unlink(path[1]);
		}
	} else {
		make(&tcp, &listener);
		peer = fork();
	}
	if (peer < 0)
		die("fork");
	if (peer == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		peer = getppid();
		if (!strcmp(mech, "tcp")) {
			int one = 1, c = socket(AF_INET, SOCK_STREAM, 0);
			if (c < 0 || connect(c, (struct sockaddr *)&tcp, sizeof tcp) < 0)
				die("connect");
			setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
			in[1] = out[1] = c;
		}
		for (long i = 0; i < warm + count; i++) {
			xfer(1, 0);
			xfer(1, 1);
		}
		_exit(0);
	}
	if (!strcmp(mech, "tcp")) {
		int one = 1, c = accept(listener, NULL, NULL);
		if (c < 0)
			die("accept");
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		in[0] = out[0] = c;
	}
	int64_t t0 = 0;
	for (long i = 0; i < warm + count; i++) {
		if (i == warm)
			t0 = now();
		xfer(0, 1);
		xfer(0, 0);
	}
	int64_t ns = now() - t0;
	waitpid(peer, NULL, 0);
	printf("%.0f\n", (double)ns / (double)count / 2);
	return 0;
}
