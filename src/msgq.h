/* msgq.h: System V message queues as the kernel sees them. Used by the
 * coordinator (msgget, msgctl, looking) and by actors (msgget inside A). */
#ifndef IPCSH_MSGQ_H
#define IPCSH_MSGQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct msgq_stat {
	key_t key;
	uid_t uid, cuid;
	unsigned mode;
	int64_t qnum, cbytes, qbytes;
	pid_t lspid, lrpid;
};

struct msgq_msg {
	long type;
	size_t size;
	char *text;              /* its first tlen bytes (at most MSGQ_TEXT_MAX) */
	size_t tlen;
};
#define MSGQ_TEXT_MAX 256

/* IPC_STAT: 0, or -1 with errno (EINVAL/EIDRM: the queue is gone). */
int msgq_stat(int id, struct msgq_stat *st);
/* The queued messages, oldest first, copied with MSG_COPY (the queue is
 * left as it is). 0, or -1 with errno (ENOSYS: the kernel has no
 * MSG_COPY, as without CONFIG_CHECKPOINT_RESTORE). */
int msgq_copy(int id, size_t max, struct msgq_msg **msgs, size_t *n);
void msgq_free(struct msgq_msg *msgs, size_t n);
/* A number from /proc/sys/kernel (msgmax, msgmnb, msgmni); -1 if unknown. */
long msgq_limit(const char *name);

#endif
