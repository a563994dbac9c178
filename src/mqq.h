/* mqq.h: POSIX message queues as the kernel sees them: made or found by
 * name, their attributes, their identity (so ipcsh only ever removes its
 * own), and the session's record of what is in them. */
#ifndef IPCSH_MQQ_H
#define IPCSH_MQQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mqq_attr {
	long maxmsg, msgsize, curmsgs;
};

/* Is s a POSIX queue name ipcsh accepts: "/" then 1 to 31 of
 * [A-Za-z0-9_.-]? */
bool mqq_valid_name(const char *s);
/* mq_open(O_CREAT|O_EXCL) with maxmsg/msgsize (0: the kernel's default),
 * falling back to opening an existing one (*created false). The queue's
 * identity in *dev and *ino. The descriptor it got (closed again by
 * then: each actor opens its own), or -1 with errno, or -2 with errno
 * when the queue existed and opening it failed. */
int mqq_open(const char *name, long maxmsg, long msgsize, bool *created, uint64_t *dev, uint64_t *ino);
/* Attributes through a descriptor (an mqd is one), or by name when the
 * name still leads to the queue with that identity. 0, or -1 with errno. */
int mqq_getattr_fd(int fd, struct mqq_attr *a);
int mqq_getattr_name(const char *name, uint64_t dev, uint64_t ino, struct mqq_attr *a);
/* Does name still lead to the queue with that identity? */
bool mqq_is_ours(const char *name, uint64_t dev, uint64_t ino);
/* /dev/mqueue/NAME's line ("QSIZE:5 NOTIFY:0 SIGNO:10 NOTIFY_PID:42"), or
 * NULL where /dev/mqueue is not mounted. To free. */
char *mqq_devline(const char *name);

/* The session's own record of the messages, in receive order (highest
 * priority first, oldest first within one), kept from the results of
 * mq_send and mq_receive; shown only while the kernel's count agrees. */
struct mqq_msg {
	unsigned prio;
	char *data;
	size_t len;
};
struct mqq_pending {
	const void *who;         /* the actor whose mq_send is in flight */
	struct mqq_msg m;
};
struct mqq_book {
	struct mqq_msg *msgs;
	size_t n;
	struct mqq_msg *early;   /* received before their send was reported */
	size_t nearly;
	struct mqq_pending *pend;
	size_t npend;
};
/* An mq_send by who is on its way; its result says whether it went in. */
void mqq_book_sending(struct mqq_book *b, const void *who, unsigned prio, const char *data, size_t len);
void mqq_book_send_done(struct mqq_book *b, const void *who, bool ok);
void mqq_book_sent(struct mqq_book *b, unsigned prio, const char *data, size_t len);
void mqq_book_received(struct mqq_book *b, unsigned prio, const char *data, size_t len);
/* Does the record agree with the kernel's curmsgs? */
bool mqq_book_agrees(const struct mqq_book *b, long curmsgs);
void mqq_book_free(struct mqq_book *b);

/* The system's default for a queue made without it (file: msg_default
 * or msgsize_default in /proc/sys/fs/mqueue), or fallback. */
long mqq_default(const char *file, long fallback);

#endif
