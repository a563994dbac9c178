/* explain.c: what an errno, a signal or a wait channel means, for a
 * learner. The texts are ours; the numbers and names come from libc. */
#include "config.h"
#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "explain.h"
#include "out.h"
#include "sig.h"
#include "util.h"

struct explain_row {
	const char *name;
	const char *text;
};

static const struct explain_row explain_errnos[] = {
	{ "EAGAIN", N_("the call would have to wait, but it was asked not to (O_NONBLOCK, IPC_NOWAIT, F_SETLK, LOCK_NB)") },
	{ "EPIPE", N_("writing to a pipe or FIFO that no process has open for reading; SIGPIPE was ignored or blocked, so the write fails instead of killing the writer") },
	{ "EBADF", N_("the descriptor is not open, or not open in the direction the call needs") },
	{ "EINTR", N_("a caught signal interrupted the call before it could finish. SA_RESTART makes read, write, open, wait, flock, fcntl F_SETLKW, mq_send, mq_receive and sem_wait go on waiting instead; msgrcv, msgsnd, semop, pause and sleeps fail with EINTR even then (signal(7))") },
	{ "ENXIO", N_("opening a FIFO for writing with O_NONBLOCK while no process has it open for reading") },
	{ "EEXIST", N_("the object already exists and exclusive creation was asked for") },
	{ "ENOENT", N_("no such file or object: the name does not exist (yet, or any more)") },
	{ "EACCES", N_("the permission bits of the object do not allow this process to do that") },
	{ "EPERM", N_("not permitted: the call needs a privilege this process lacks, or acts on what belongs to another user") },
	{ "EINVAL", N_("an argument is not valid for this call") },
	{ "ESRCH", N_("no such process: it has exited and been reaped, or never existed") },
	{ "ECHILD", N_("no child to wait for: the caller has no children left that have not been reaped") },
	{ "EMFILE", N_("this process has reached its limit of open descriptors (ulimit -n)") },
	{ "ENFILE", N_("the whole system has reached its limit of open files") },
	{ "ENOMEM", N_("the kernel could not allocate the memory the call needs") },
	{ "EBUSY", N_("the object is in use, so the change cannot be made now (e.g. shrinking a pipe below the bytes it holds)") },
	{ "EFAULT", N_("an address passed to the kernel does not point into this process's memory") },
	{ "ENOMSG", N_("no message of the requested type is in the queue, and IPC_NOWAIT said not to wait") },
	{ "EIDRM", N_("the System V object was removed (IPC_RMID) while this process was using or waiting on it") },
	{ "E2BIG", N_("the message is longer than the receive buffer, and MSG_NOERROR was not given to truncate it") },
	{ "EMSGSIZE", N_("the message does not fit: longer than the queue's message size (mq_send), or than the buffer (mq_receive)") },
	{ "ENOSPC", N_("a system-wide limit on the number of such objects has been reached") },
	{ "EISDIR", N_("that path is a directory") },
	{ "ENOTDIR", N_("a component of the path is not a directory") },
	{ "ENOSYS", N_("this kernel does not provide that call") },
	{ "EDEADLK", N_("waiting for this lock would deadlock: the process holding it is itself waiting for a lock this process holds") },
	{ "ERANGE", N_("the result would be out of range (a semaphore above SEMVMX, 32767)") },
	{ "ENOLCK", N_("the kernel has no room for another lock") },
	{ "EFBIG", N_("the file would grow past the largest size allowed") },
};

/* What an errno means after one particular call: the row whose call name
 * is the printed call's and whose key (if any) the printed call contains
 * comes before the general text above. */
struct explain_call_row {
	const char *call;             /* "write": matches "write(..." */
	const char *key;              /* NULL, or a word the call must contain */
	const char *name;             /* "EAGAIN" */
	const char *text;
};

static const struct explain_call_row explain_call_errnos[] = {
	{ "read", NULL, "EAGAIN", N_("the pipe is empty while a write end is still open, and this end has O_NONBLOCK: read returns at once instead of waiting for data") },
	{ "write", NULL, "EAGAIN", N_("the pipe has no room for these bytes now, and this end has O_NONBLOCK: write returns at once instead of waiting for a reader") },
};

static const struct explain_row explain_wchans[] = {
	{ "anon_pipe_read", N_("reading an empty pipe: it waits until a writer writes, or until no write end is left (then read returns 0, end of file)") },
	{ "pipe_read", N_("reading an empty pipe or FIFO: it waits until a writer writes, or until no write end is left (then read returns 0, end of file)") },
	{ "anon_pipe_write", N_("writing to a pipe without room for the bytes: it waits until a reader makes room") },
	{ "pipe_write", N_("writing to a pipe or FIFO without room for the bytes: it waits until a reader makes room") },
	{ "wait_for_partner", N_("opening a FIFO: open waits until another process opens the other end") },
	{ "fifo_open", N_("opening a FIFO: open waits until another process opens the other end") },
	{ "do_wait", N_("waiting for a child process to end (or, with WUNTRACED, to stop)") },
	{ "do_msgrcv", N_("receiving from an empty System V queue, or one without a message of the wanted type") },
	{ "wq_sleep", N_("waiting on a POSIX message queue: for a message (mq_receive on an empty queue) or for room (mq_send on a full one)") },
	{ "do_msgsnd", N_("sending to a full System V queue: it waits until the message fits (a receiver takes one, or msgctl raises msg_qbytes)") },
	{ "do_semtimedop", N_("semop cannot proceed yet: a P waits for a V, a wait for zero waits for 0") },
	{ "__do_semtimedop", N_("semop cannot proceed yet: a P waits for a V, a wait for zero waits for 0") },
	{ "futex_wait_queue", N_("sem_wait on a POSIX semaphore at 0 (a futex): it waits for a sem_post") },
	{ "futex_wait_queue_me", N_("sem_wait on a POSIX semaphore at 0 (a futex): it waits for a sem_post") },
	{ "futex_do_wait", N_("sem_wait on a POSIX semaphore at 0 (a futex): it waits for a sem_post") },
	{ "locks_lock_inode_wait", N_("waiting for a file lock that another process holds (fcntl F_SETLKW or flock)") },
	{ "posix_lock_inode_wait", N_("waiting for a record lock that another process holds (fcntl F_SETLKW)") },
	{ "flock_lock_inode_wait", N_("waiting for a flock lock that another process holds") },
	{ "fcntl_setlk", N_("waiting for a record lock that another process holds (fcntl F_SETLKW)") },
	{ "do_sigtimedwait", N_("waiting for a signal") },
	{ "sigsuspend", N_("pause(2)/sigsuspend: sleeping until a signal is delivered") },
	{ "__do_sys_pause", N_("pause(2): asleep until a signal is caught (then pause returns -1 EINTR) or ends the process") },
	{ "sys_pause", N_("pause(2): asleep until a signal is caught (then pause returns -1 EINTR) or ends the process") },
	{ "do_signal_stop", N_("stopped by a signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU): it runs again only after SIGCONT") },
	{ "hrtimer_nanosleep", N_("sleeping for a time") },
};

static const struct explain_row explain_signals[] = {
	{ "SIGHUP", N_("hang-up: the terminal or controlling process went away. Default: terminate") },
	{ "SIGINT", N_("interrupt from the keyboard (Ctrl-C). Default: terminate") },
	{ "SIGQUIT", N_("quit from the keyboard (Ctrl-\\). Default: terminate with a core dump") },
	{ "SIGILL", N_("an illegal machine instruction. Default: core dump") },
	{ "SIGTRAP", N_("a trace or breakpoint trap. Default: core dump") },
	{ "SIGABRT", N_("abort(3) was called. Default: core dump") },
	{ "SIGBUS", N_("a bad memory access (e.g. past the end of a mapped file). Default: core dump") },
	{ "SIGFPE", N_("an arithmetic error such as division by zero. Default: core dump") },
	{ "SIGKILL", N_("kill, unconditionally: it cannot be caught, ignored or blocked") },
	{ "SIGUSR1", N_("user-defined signal 1: no meaning of its own. Default: terminate") },
	{ "SIGSEGV", N_("an invalid memory reference (segmentation fault). Default: core dump") },
	{ "SIGUSR2", N_("user-defined signal 2: no meaning of its own. Default: terminate") },
	{ "SIGPIPE", N_("a write to a pipe or FIFO with no reader left. Default: terminate the writer") },
	{ "SIGALRM", N_("the timer set by alarm(2) expired. Default: terminate") },
	{ "SIGTERM", N_("a polite request to terminate (what kill sends by default). Default: terminate") },
	{ "SIGSTKFLT", N_("a coprocessor stack fault (unused on Linux). Default: terminate") },
	{ "SIGCHLD", N_("a child stopped or exited. Default: ignore") },
	{ "SIGCONT", N_("continue if stopped. Default: continue") },
	{ "SIGSTOP", N_("stop the process: it cannot be caught, ignored or blocked") },
	{ "SIGTSTP", N_("stop typed at the terminal (Ctrl-Z). Default: stop") },
	{ "SIGTTIN", N_("a background process read from its terminal. Default: stop") },
	{ "SIGTTOU", N_("a background process wrote to its terminal. Default: stop") },
	{ "SIGURG", N_("urgent data on a socket. Default: ignore") },
	{ "SIGXCPU", N_("the CPU time limit was exceeded. Default: core dump") },
	{ "SIGXFSZ", N_("the file size limit was exceeded. Default: core dump") },
	{ "SIGVTALRM", N_("a virtual timer expired. Default: terminate") },
	{ "SIGPROF", N_("a profiling timer expired. Default: terminate") },
	{ "SIGWINCH", N_("the terminal window changed size. Default: ignore") },
	{ "SIGIO", N_("I/O is possible on a descriptor (also SIGPOLL). Default: terminate") },
	{ "SIGPWR", N_("power failure. Default: terminate") },
	{ "SIGSYS", N_("a bad system call. Default: core dump") },
};

static const char *explain_find(const struct explain_row *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0)
			return _(rows[i].text);
	return NULL;
}

const char *explain_errno_name(int e)
{
	const char *n = strerrorname_np(e);
	return n ? n : "E?";
}

const char *explain_errno_short(int e)
{
	const char *t = explain_find(explain_errnos, ARRAY_LEN(explain_errnos), explain_errno_name(e));
	return t ? t : strerror(e);
}

const char *explain_errno_call(const char *call, int e)
{
	const char *name = explain_errno_name(e);
	size_t n = strcspn(call, "(");
	for (size_t i = 0; i < ARRAY_LEN(explain_call_errnos); i++) {
		const struct explain_call_row *r = &explain_call_errnos[i];
		if (strlen(r->call) == n && !strncmp(call, r->call, n) && !strcmp(r->name, name) &&
		    (!r->key || strstr(call + n, r->key)))
			return _(r->text);
	}
	return explain_errno_short(e);
}

const char *explain_wchan_short(const char *wchan)
{
	return explain_find(explain_wchans, ARRAY_LEN(explain_wchans), wchan);
}

const char *explain_si_code(int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TIMER: return "SI_TIMER";
	case SI_MESGQ: return "SI_MESGQ";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_TKILL: return "SI_TKILL";
	default: return "?";
	}
}

const char *explain_si_value(int sig, int code)
{
	if (sig == SIGCHLD && code == CLD_EXITED)
		return _("status");
	if (sig == SIGCHLD && code > 0)
		return _("signal");
	if (code == SI_QUEUE || code == SI_MESGQ || code == SI_TIMER)
		return _("value");
	return NULL;
}

const char *explain_fault_code(int sig, int code)
{
	if (code <= 0)                /* sent by a process, not the kernel's fault */
		return explain_si_code(code);
	if (sig == SIGSEGV)
		return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "?";
	if (sig == SIGBUS)
		return code == BUS_ADRERR ? "BUS_ADRERR" : code == BUS_ADRALN ? "BUS_ADRALN" :
		       code == BUS_OBJERR ? "BUS_OBJERR" : "?";
	if (sig == SIGCHLD && code > 0) {
		static const char *const cld[] = { "?", "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
						   "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
		return code <= CLD_CONTINUED ? cld[code] : "?";
	}
	return explain_si_code(code);
}

int explain_errno_parse(const char *name)
{
	for (int e = 1; e < 134; e++) {
		const char *n = strerrorname_np(e);
		if (n && strcmp(n, name) == 0)
			return e;
	}
	return -1;
}

static int explain_signal(const char *word)
{
	int sig = sig_parse(word);
	if (sig <= 0)
		return -1;
	char sb[32];
	sig_name(sig, sb, sizeof sb);
	const char *t = explain_find(explain_signals, ARRAY_LEN(explain_signals), sb);
	if (!t && sig >= SIGRTMIN)
		t = _("a real-time signal: no fixed meaning; several sent while blocked are all queued and delivered in order, each with its value. Default: terminate");
	out_printf("  %s (%d): %s", sb, sig, t ? t : _("no explanation yet"));
	return 0;
}

int explain_print(const char *word)
{
	int e = explain_errno_parse(word);
	if (e > 0) {
		out_printf("  %s (%d, \"%s\"): %s", word, e, strerror(e), explain_errno_short(e));
		return 0;
	}
	const char *w = explain_wchan_short(word);
	if (w) {
		out_printf(_("  %s (a kernel wait channel): %s"), word, w);
		return 0;
	}
	return explain_signal(word);
}

void explain_failed(int e, const char *note, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	out_event(OUT_FAILED, "  %s = -1 %s: %s%s", b.s, explain_errno_name(e), explain_errno_call(b.s, e), note ? note : "");
	buf_free(&b);
}
