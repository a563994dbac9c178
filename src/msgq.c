/* msgq.c: System V message queues through the kernel's own calls:
 * msgget with IPC_CREAT, IPC_STAT, MSG_COPY to look without taking, and
 * the limits in /proc/sys/kernel. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>
#include "msgq.h"
#include "util.h"

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

int msgq_stat(int id, struct msgq_stat *st)
{
	struct msqid_ds ds;
	if (msgctl(id, IPC_STAT, &ds) < 0)
		return -1;
	st->key = ds.msg_perm.__key;
	st->uid = ds.msg_perm.uid;
	st->cuid = ds.msg_perm.cuid;
	st->mode = ds.msg_perm.mode & 0777;
	st->qnum = (int64_t)ds.msg_qnum;
	st->cbytes = (int64_t)ds.__msg_cbytes;
	st->qbytes = (int64_t)ds.msg_qbytes;
	st->lspid = ds.msg_lspid;
	st->lrpid = ds.msg_lrpid;
	return 0;
}

int msgq_copy(int id, size_t max, struct msgq_msg **msgs, size_t *n)
{
	static struct { long type; char text[65536]; } buf;
	*msgs = NULL;
	*n = 0;
	for (size_t i = 0; i < max; i++) {
		ssize_t len = msgrcv(id, &buf, sizeof buf.text, (long)i,
				     MSG_COPY | IPC_NOWAIT | MSG_NOERROR);
		if (len < 0) {
			if (errno == ENOMSG)
				break;    /* no message at index i: the end */
			int e = errno;
			msgq_free(*msgs, *n);
			*msgs = NULL;
			*n = 0;
			errno = e;
			return -1;
		}
		*msgs = xrealloc(*msgs, (*n + 1) * sizeof **msgs);
		struct msgq_msg *m = &(*msgs)[(*n)++];
		m->type = buf.type;
		m->size = (size_t)len;
		m->tlen = (size_t)len < MSGQ_TEXT_MAX ? (size_t)len : MSGQ_TEXT_MAX;
		m->text = xmalloc(m->tlen + 1);
		memcpy(m->text, buf.text, m->tlen);
		m->text[m->tlen] = '\0';
	}
	return 0;
}

void msgq_free(struct msgq_msg *msgs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(msgs[i].text);
	free(msgs);
}

long msgq_limit(const char *name)
{
	char path[96], buf[64];
	snprintf(path, sizeof path, "/proc/sys/kernel/%s", name);
	if (util_read_file(path, buf, sizeof buf) < 0)
		return -1;
	return strtol(buf, NULL, 10);
}
