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
	{ "EAGAIN", N_("the call could not go on now: it would have to wait but was asked not to (O_NONBLOCK, IPC_NOWAIT, F_SETLK, LOCK_NB, a trywait), or a resource limit was hit (fork: processes; sigqueue: queued signals)") },
	{ "EPIPE", N_("writing to a pipe or FIFO that no process has open for reading: the kernel sends SIGPIPE, and because the writer catches, ignores or blocks it, write fails with this error instead of the writer being killed") },
	{ "EBADF", N_("the descriptor is not open, or not open in the direction the call needs") },
	{ "EINTR", N_("a caught signal interrupted the call before it could finish. SA_RESTART makes read, write, open, wait, flock, fcntl F_SETLKW, mq_send, mq_receive and sem_wait go on waiting instead; msgrcv, msgsnd, semop, pause and sleeps fail with EINTR even then (signal(7)), and semop also after a stop and a SIGCONT") },
	{ "ENXIO", N_("opening a FIFO for writing with O_NONBLOCK while no process has it open for reading") },
	{ "EEXIST", N_("the object already exists and exclusive creation was asked for") },
	{ "ENOENT", N_("no such file or object: the name does not exist (yet, or any more)") },
	{ "EACCES", N_("the permission bits of the object do not allow this process to do that") },
	{ "EPERM", N_("not permitted: the call needs a privilege this process lacks, or acts on what belongs to another user") },
	{ "EINVAL", N_("an argument is not valid for this call") },
	{ "ESRCH", N_("no such process: it has exited and been reaped, or never existed") },
	{ "ECHILD", N_("no child this wait can report: the pid is not an unreaped child of the caller, or the caller has none left") },
	{ "EMFILE", N_("this process has reached its limit of open descriptors (ulimit -n); for mq_open, also the user's RLIMIT_MSGQUEUE bytes (ulimit -q)") },
	{ "ENFILE", N_("the whole system has reached its limit of open files") },
	{ "ENOMEM", N_("the kernel could not allocate the memory the call needs") },
	{ "EBUSY", N_("the object is in use, so the change cannot be made now") },
	{ "EFAULT", N_("an address passed to the kernel does not point into this process's memory") },
	{ "ENOMSG", N_("no message of the requested type is in the queue, and IPC_NOWAIT said not to wait") },
	{ "EIDRM", N_("the System V object was removed (IPC_RMID) while this process was using or waiting on it") },
	{ "E2BIG", N_("the message is longer than the receive buffer, and MSG_NOERROR was not given to truncate it") },
	{ "EMSGSIZE", N_("the message does not fit: longer than the queue's message size (mq_send), or than the buffer (mq_receive)") },
	{ "ENOSPC", N_("a limit was reached: a system-wide limit on such IPC objects (or on their total size), or no space left on the device") },
	{ "EISDIR", N_("that path is a directory") },
	{ "ENOTDIR", N_("a component of the path is not a directory") },
	{ "ELOOP", N_("the path ends in a symbolic link and O_NOFOLLOW said not to follow it (ipcsh opens the FIFOs and files it made with it: one found there is a link someone put in its place), or it has too many links in a row") },
	{ "ENOSYS", N_("this kernel does not provide that call") },
	{ "EDEADLK", N_("waiting for this lock would deadlock: the process holding it is itself waiting for a lock this process holds") },
	{ "ERANGE", N_("the result would be out of range (a semaphore above SEMVMX, 32767, or a SEM_UNDO adjustment past 32767 either way)") },
	{ "ENOLCK", N_("the kernel has no room for another lock") },
	{ "EFBIG", N_("the file would grow past the largest size allowed") },
	{ "ENOTCONN", N_("the socket is not connected: a stream socket must connect (or be accepted) before it sends or receives, and a datagram socket sends without an address only to the peer connect named") },
	{ "ECONNREFUSED", N_("nobody takes connections at that address: nothing listens on that port, or (UNIX) the socket file is there but its socket never listened or was closed; for a connected datagram socket, its peer socket was closed (UNIX) or nothing is bound to the other side's port (UDP)") },
	{ "EADDRINUSE", N_("that address is taken: a socket is bound to it, or a file already has that name (bind never replaces a file: a server removes its old socket file first)") },
	{ "EISCONN", N_("the socket is connected already") },
	{ "EAFNOSUPPORT", N_("the address belongs to another family than the socket (an IPv6 address given to an IPv4 socket, say): a socket speaks only the family socket() gave it") },
	{ "EINPROGRESS", N_("the call started something that goes on in the background: a connect on a non-blocking TCP socket, which ends later (the socket becomes writable; SO_ERROR says how)") },
	{ "EOPNOTSUPP", N_("this kind of socket does not do that: listen and accept are for stream sockets") },
	{ "EDESTADDRREQ", N_("a datagram socket without a peer needs an address for each message: connect it first") },
	{ "ECONNRESET", N_("the peer reset the connection: it closed its socket while data it had not read was still there, or closed it with SO_LINGER set to 0 seconds") },
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
	{ "fcntl", "F_SETPIPE_SZ", "EBUSY", N_("the pipe's bytes sit in more page-sized buffers than the new size would give (a buffer counts whole however few bytes are left in it), so the kernel cannot shrink it now") },
	{ "fcntl", "F_SETLK,", "EAGAIN", N_("another process holds a conflicting lock on some of these bytes (any lock conflicts with a write lock, a write lock with a read lock), and F_SETLK does not wait where F_SETLKW would") },
	{ "flock", "LOCK_NB", "EAGAIN", N_("another open file of this file holds a conflicting flock lock (LOCK_EX conflicts with any, LOCK_SH with LOCK_EX), and LOCK_NB said not to wait") },
	{ "waitpid", "(-1)", "ECHILD", N_("this process has no child left to wait for: none is alive or unreaped (the children of a process that ignores SIGCHLD are reaped by the kernel at once)") },
	{ "waitpid", NULL, "ECHILD", N_("that pid is not an unreaped child of this process: it never was its child, or it was reaped already (by an earlier wait, or by the kernel because SIGCHLD is ignored)") },
	{ "fork", NULL, "EAGAIN", N_("the kernel refused a new process: a process limit was reached (RLIMIT_NPROC, ulimit -u, for this user; the cgroup's pids.max; kernel.threads-max or kernel.pid_max); fork never waits") },
	{ "sigqueue", NULL, "EAGAIN", N_("too many signals are queued for the receiving user already (RLIMIT_SIGPENDING, ulimit -i): each sigqueue holds a queue entry until its signal is delivered") },
	{ "pidfd_send_signal", "SI_QUEUE", "EAGAIN", N_("too many signals are queued for the receiving user already (RLIMIT_SIGPENDING, ulimit -i): each sigqueue holds a queue entry until its signal is delivered") },
	{ "msgsnd", NULL, "EAGAIN", N_("the queue has no room for this message now (msg_cbytes plus its size would pass msg_qbytes, or it holds msg_qbytes messages already) and IPC_NOWAIT said not to wait; a message longer than msg_qbytes never fits until msg_qbytes is raised") },
	{ "msgrcv", NULL, "EINVAL", N_("no System V queue has this id: it was never made, or it was removed (ipcrm, or IPC_RMID elsewhere) before this call") },
	{ "msgctl", NULL, "EINVAL", N_("no System V queue has this id: it was never made, or it was removed (ipcrm, or IPC_RMID elsewhere) before this call") },
	{ "msgrcv", NULL, "E2BIG", N_("the first matching message is longer than size= and MSG_NOERROR was not given: nothing is taken, the message stays in the queue") },
	{ "semop", NULL, "EAGAIN", N_("an operation cannot go ahead now (a -N on a value below N, or a wait for 0 on a value that is not 0) and IPC_NOWAIT was given: none of the operations was made") },
	{ "semop", NULL, "EINTR", N_("a signal ended the wait before the operation could go ahead: a handler ran (SA_RESTART never restarts semop), or the process was stopped and continued (SIGSTOP, then SIGCONT), which on Linux also ends a waiting semop; nothing was changed") },
	{ "semop", NULL, "ERANGE", N_("the operation would take the semaphore above SEMVMX (32767), or with SEM_UNDO this process's adjustment for it past 32767 either way") },
	{ "semop", NULL, "EINVAL", N_("no System V semaphore set has this id: it was never made, or it was removed (ipcrm, or IPC_RMID elsewhere) before this call") },
	{ "semctl", NULL, "EINVAL", N_("no System V semaphore set has this id: it was never made, or it was removed (ipcrm, or IPC_RMID elsewhere) before this call") },
	{ "shmat", NULL, "EINVAL", N_("no System V shared memory segment has this id: it was never made, or it was removed (ipcrm, or IPC_RMID elsewhere) before this call") },
	{ "shmctl", NULL, "EINVAL", N_("no System V shared memory segment has this id: it was never made, or it was removed (ipcrm, or IPC_RMID elsewhere) before this call") },
	{ "mq_send", NULL, "EAGAIN", N_("the queue is full (mq_curmsgs has reached mq_maxmsg) and the descriptor has O_NONBLOCK: mq_send returns at once instead of waiting for a receiver") },
	{ "mq_receive", NULL, "EAGAIN", N_("the queue is empty and the descriptor has O_NONBLOCK: mq_receive returns at once instead of waiting for a message") },
	{ "mq_send", NULL, "EMSGSIZE", N_("the message is longer than the queue's mq_msgsize") },
	{ "mq_notify", NULL, "EBUSY", N_("another process is registered for notification on this queue already: a queue has at most one registration at a time") },
	{ "mq_open", "O_CREAT", "EMFILE", N_("the real user's POSIX queues would pass RLIMIT_MSGQUEUE (ulimit -q, 819200 bytes by default): each queue reserves maxmsg x msgsize plus bookkeeping when it is made, so about nine queues of the default size fill it (rarely: this process is out of descriptors, ulimit -n)") },
	{ "mq_open", "O_CREAT", "ENOSPC", N_("fs.mqueue.queues_max POSIX queues exist already, and only a process with CAP_SYS_RESOURCE may make more") },
	{ "sem_trywait", NULL, "EAGAIN", N_("the semaphore is 0, so it cannot be taken now, and sem_trywait never waits") },
	{ "mmap", NULL, "EINVAL", N_("mmap refused the length or the offset: the length is 0 (without len= ipcsh maps from the offset to the object's end, and the object is empty or the offset is at or past its end), or the offset is not a multiple of the page size") },
	{ "mkfifo", NULL, "ENOSPC", N_("the file system has no free space or no free inodes left for it") },
	{ "open", "O_CREAT", "ENOSPC", N_("the file system has no free space or no free inodes left for it") },
	{ "shmget", NULL, "ENOSPC", N_("a new segment would pass SHMMNI (the number of segments) or SHMALL (the pages of all segments together); see: limits") },
	{ "semget", NULL, "ENOSPC", N_("a new set would pass SEMMNI (the number of sets) or SEMMNS (the semaphores in all sets together); see: limits") },
	{ "msgget", NULL, "ENOSPC", N_("MSGMNI System V queues exist already; see: limits") },
	{ "msgget", ", 0)", "ENOENT", N_("no System V queue has this key, and the call did not ask to make one (no IPC_CREAT)") },
	{ "semget", ", 0)", "ENOENT", N_("no System V semaphore set has this key, and the call did not ask to make one (no IPC_CREAT)") },
	{ "shmget", ", 0)", "ENOENT", N_("no System V shared memory segment has this key, and the call did not ask to make one (no IPC_CREAT)") },
	{ "send", NULL, "EPIPE", N_("the socket cannot send: the peer closed its socket (or, UNIX, shut down its receiving side), this side shut down sending, or a TCP socket was never connected; the kernel sends SIGPIPE, and because the sender catches, ignores or blocks it, the call fails with this error instead of the sender being killed") },
	{ "recvmsg", "SCM_RIGHTS", "ENOMSG", N_("a byte came without a descriptor: the sender used send, not sendfd (the byte is taken all the same)") },
	{ "send", NULL, "ECONNREFUSED", N_("the other side refused: a connected datagram socket's peer was closed (UNIX), or nothing is bound to the peer's port (UDP, told by an ICMP answer to an earlier datagram); or a non-blocking TCP connect was refused meanwhile") },
	{ "send", NULL, "EMSGSIZE", N_("the datagram is too long to go as one: UDP carries at most 65507 bytes of data over IPv4 (65527 over IPv6), a UNIX datagram at most about its socket's send buffer (SO_SNDBUF); a datagram is sent whole or not at all") },
	{ "send", NULL, "EAGAIN", N_("there is no room for these bytes now (the peer has not received what was sent before), and the call was told not to wait: O_NONBLOCK on the descriptor, or send's MSG_DONTWAIT") },
	{ "recv", NULL, "EAGAIN", N_("nothing has arrived yet, and the call was told not to wait: O_NONBLOCK on the descriptor, or recv's MSG_DONTWAIT") },
	{ "listen", NULL, "EINVAL", N_("a UNIX stream socket must be bound to a name, and not connected, before it can listen") },
	{ "accept", NULL, "EINVAL", N_("the socket is not listening: bind it and call listen first") },
	{ "bind", NULL, "EINVAL", N_("the socket is bound already: a socket has at most one name") },
	{ "recv", NULL, "EINVAL", N_("the socket is a UNIX listener: it only takes connections, with accept; bytes come on the sockets accept returns") },
	{ "connect", NULL, "EAGAIN", N_("the listener's queue of connections not yet accepted is full (more than its backlog wait), and this socket has O_NONBLOCK: connect does not wait for accept to make room") },
	{ "connect", NULL, "EINPROGRESS", N_("the socket has O_NONBLOCK, so connect only started the three-way handshake and returned; the connection completes in the background (the socket becomes writable, and SO_ERROR tells how it ended)") },
	{ "connect", NULL, "EINVAL", N_("the socket cannot connect now: it is listening, or the address is not a UNIX one") },
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
	{ "do_msgsnd", N_("sending to a System V queue without room for this message (msg_cbytes plus its size would pass msg_qbytes, or it holds msg_qbytes messages): it waits until the message fits, as receivers take messages or msgctl raises msg_qbytes") },
	{ "do_semtimedop", N_("semop cannot proceed yet: a P waits for a V, a wait for zero waits for 0") },
	{ "__do_semtimedop", N_("semop cannot proceed yet: a P waits for a V, a wait for zero waits for 0") },
	{ "futex_wait_queue", N_("sem_wait on a POSIX semaphore at 0 (a futex): it waits for a sem_post") },
	{ "futex_wait_queue_me", N_("sem_wait on a POSIX semaphore at 0 (a futex): it waits for a sem_post") },
	{ "futex_do_wait", N_("sem_wait on a POSIX semaphore at 0 (a futex): it waits for a sem_post") },
	{ "locks_lock_inode_wait", N_("waiting for a file lock that another process holds (fcntl F_SETLKW or flock)") },
	{ "posix_lock_inode_wait", N_("waiting for a record lock that another process holds (fcntl F_SETLKW)") },
	{ "flock_lock_inode_wait", N_("waiting for a flock lock that another process holds") },
	{ "fcntl_setlk", N_("waiting for a record lock that another process holds (fcntl F_SETLKW)") },
	{ "do_lock_file_wait", N_("waiting for a record lock that another process holds (fcntl F_SETLKW)") },
	{ "do_sigtimedwait", N_("waiting for a signal") },
	{ "sigsuspend", N_("pause(2)/sigsuspend: sleeping until a signal is delivered") },
	{ "__do_sys_pause", N_("pause(2): asleep until a signal is caught (then pause returns -1 EINTR) or ends the process") },
	{ "sys_pause", N_("pause(2): asleep until a signal is caught (then pause returns -1 EINTR) or ends the process") },
	{ "do_signal_stop", N_("stopped by a signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU): it runs again only after SIGCONT") },
	{ "hrtimer_nanosleep", N_("sleeping for a time") },
	{ "__skb_wait_for_more_packets", N_("waiting on a socket for what comes next: a connection to accept (a listening UNIX socket), or a datagram to receive (UNIX datagram or UDP)") },
	{ "inet_csk_accept", N_("accept on a listening TCP socket: it waits until a client's connection is complete (the three-way handshake done) and can be taken") },
	{ "wait_woken", N_("a wait the kernel uses in many places; on a TCP socket, recv or read waits here until data or the peer's FIN arrives, and connect until the other side answers its SYN (the three-way handshake)") },
	{ "sk_stream_wait_memory", N_("sending on a TCP socket whose send buffer is full: it waits until the peer acknowledges data and room is made") },
	{ "inet_wait_for_connect", N_("connect on a TCP socket: it waits for the other side to answer (the three-way handshake)") },
	{ "unix_stream_read_generic", N_("receiving from a UNIX stream socket with no bytes waiting: it waits until the peer sends, or closes or shuts down its sending side (then recv or read returns 0, end of file)") },
	{ "unix_stream_data_wait", N_("receiving from a UNIX stream socket with no bytes waiting: it waits until the peer sends, or closes or shuts down its sending side (then recv or read returns 0, end of file)") },
	{ "unix_wait_for_peer", N_("waiting for room at the other side: the listener's backlog of connections not yet accepted is full (connect), or the receiving datagram socket's queue is full (send)") },
	{ "sock_alloc_send_pskb", N_("sending on a socket whose buffer is full: it waits until the peer receives some of what was sent") },
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
	{ "SIGCHLD", N_("a child exited, was killed, stopped or continued. Default: ignore") },
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

/* Does key occur in call outside its quoted data ("...")? A learner's
 * bytes must not choose the explanation. */
static bool explain_has_key(const char *call, const char *key)
{
	size_t n = strlen(key);
	bool quoted = false;
	for (const char *c = call; *c; c++) {
		if (quoted && *c == '\\' && c[1])
			c++;
		else if (*c == '"')
			quoted = !quoted;
		else if (!quoted && !strncmp(c, key, n))
			return true;
	}
	return false;
}

const char *explain_errno_call(const char *call, int e)
{
	const char *name = explain_errno_name(e);
	size_t n = strcspn(call, "(");
	for (size_t i = 0; i < ARRAY_LEN(explain_call_errnos); i++) {
		const struct explain_call_row *r = &explain_call_errnos[i];
		if (strlen(r->call) == n && !strncmp(call, r->call, n) && !strcmp(r->name, name) &&
		    (!r->key || explain_has_key(call + n, r->key)))
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
		t = _("a real-time signal: no fixed meaning; several sent while blocked are all queued and delivered one by one (the lowest number first), each with the value sigqueue gave it. Default: terminate");
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
