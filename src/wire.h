/* wire.h: the control-socket protocol between the coordinator and each
 * actor: one SOCK_SEQPACKET message per request or report, an optional
 * descriptor passed with SCM_RIGHTS (the new socket for a forked actor). */
#ifndef IPCSH_WIRE_H
#define IPCSH_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define WIRE_DATA_MAX 65536

enum wire_op {
	OP_NONE, OP_PIPE, OP_OPEN, OP_READ, OP_WRITE, OP_CLOSE, OP_PIPESIZE,
	OP_FORK, OP_EXIT, OP_WAIT, OP_KILL, OP_SIGNAL, OP_SIGPROCMASK,
	OP_MKFIFO, OP_UNLINK, OP_MSGGET, OP_MSGSND, OP_MSGRCV, OP_MQSEND, OP_MQRECV,
	OP_MQNOTIFY, OP_SHMAT, OP_SHMDT, OP_MMAP, OP_MUNMAP, OP_MSYNC, OP_POKE, OP_PEEK,
	OP_ADD, OP_SEMOP, OP_PSEM_WAIT, OP_PSEM_POST, OP_LOCK, OP_FLOCK,
	OP_PAUSE, OP_ALARM, OP_SIGQUEUE, OP_NONBLOCK,
	OP_SOCKET, OP_BIND, OP_LISTEN, OP_CONNECT, OP_ACCEPT, OP_SEND, OP_RECV, OP_SHUTDOWN,
	OP_SOCKETPAIR, OP_SENDFD, OP_RECVFD, OP_LINGER, OP_BENCH,
};

enum wire_kind { W_HELLO = 1, W_RESULT, W_SIGNAL };

#define WF_FILLER 1u   /* OP_WRITE, OP_SEND: a bytes of filler, no data */
#define WF_RESTART 2u  /* OP_SIGNAL: SA_RESTART */
#define WF_NOWAIT 4u   /* IPC_NOWAIT */
#define WF_NOERROR 8u  /* OP_MSGRCV: MSG_NOERROR */
#define WF_EXCEPT 16u  /* OP_MSGRCV: MSG_EXCEPT */
#define WF_EXCL 32u    /* OP_MSGGET: IPC_EXCL */
#define WF_RO 64u      /* OP_SHMAT: SHM_RDONLY; OP_MMAP: PROT_READ only */
#define WF_UNDO 128u   /* OP_SEMOP: SEM_UNDO */
#define WF_PRIVATE 256u/* OP_MMAP: MAP_PRIVATE */
#define WF_INT 512u    /* OP_POKE/OP_PEEK: a 32-bit int, not bytes */

struct wire_req {
	uint32_t op;
	uint32_t flags;
	int32_t fd;
	int32_t pad;
	int64_t a, b;
	uint32_t len;          /* payload bytes after the header */
	uint32_t pad2;
};

struct wire_rep {
	uint32_t kind;
	uint32_t op;
	int32_t pid;
	int32_t err;           /* errno when ret == -1 */
	int64_t ret;
	int64_t v[4];
	uint32_t len;          /* payload bytes after the header */
	uint32_t extra;        /* of them, the last ones that are no data: an
				* address (bind's local one, recv's sender) */
};

/* Send header + payload, passing fd when passfd >= 0. Async-signal-safe. */
int wire_send(int sock, const void *hdr, size_t hlen, const void *data, size_t len, int passfd);
/* Receive one message into buf; *passfd gets a passed descriptor or -1.
 * Returns its length, 0 at end of file, -1 on error (errno). */
ssize_t wire_recv(int sock, void *buf, size_t cap, int *passfd);

#endif
