/* guard.c: the guard process. Actors live in the guard's process group.
 * The guard sleeps in read(2) on a pipe whose only write end ipcsh holds;
 * when ipcsh closes it or dies, the read returns 0 and the guard sends
 * SIGKILL to the whole group, itself included. So no actor outlives
 * ipcsh, whoever its parent is. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "guard.h"

static pid_t guard_pid = -1;
static int guard_fd = -1;     /* our write end */

static void guard_main(int rfd)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_IGN);   /* only SIGKILL ends it early */
	prctl(PR_SET_NAME, "ipcsh-guard");
	if (rfd != 0)
		dup2(rfd, 0);
	close_range(1, ~0u, 0);
	char c;
	while (read(0, &c, 1) < 0 && errno == EINTR)
		;
	if (getpgrp() == getpid())    /* never ipcsh's own group */
		kill(0, SIGKILL);
	_exit(0);
}

pid_t guard_ensure(void)
{
	if (guard_pid > 0 && waitpid(guard_pid, NULL, WNOHANG) == guard_pid)
		guard_reaped(guard_pid);  /* it died: start a new one */
	if (guard_pid > 0)
		return guard_pid;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		guard_main(p[0]);
	}
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		return -1;
	}
	setpgid(pid, pid);        /* also here: the group exists before we go on */
	guard_pid = pid;
	guard_fd = p[1];
	return pid;
}

void guard_join(pid_t pid)
{
	if (guard_pid > 0)
		setpgid(pid, guard_pid);
}

void guard_stop(void)
{
	if (guard_pid <= 0)
		return;
	close(guard_fd);
	guard_fd = -1;
	/* It ends at once unless someone stopped it: then SIGKILL it too. */
	for (int i = 0; i < 1000; i++) {
		pid_t p = waitpid(guard_pid, NULL, WNOHANG);
		if (p == guard_pid || (p < 0 && errno != EINTR))
			break;
		if (i == 200)
			kill(guard_pid, SIGKILL);
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	guard_pid = -1;
}

pid_t guard_current(void)
{
	return guard_pid;
}

int guard_reaped(pid_t pid)
{
	if (guard_pid <= 0 || pid != guard_pid)
		return 0;
	close(guard_fd);
	guard_fd = -1;
	guard_pid = -1;
	return 1;
}
