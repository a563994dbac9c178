/* mqq.c: POSIX message queues through the kernel's calls (mq_open,
 * mq_getattr, fstat of the queue descriptor) and the session's record of
 * their contents. Linux has no call that looks at a POSIX message without
 * taking it, so the contents come from what the actors sent and received,
 * and are shown only while the kernel's message count agrees with them. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mqq.h"
#include "util.h"

bool mqq_valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > IPCSH_NAME_MAX || s[0] != '/')
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return strcmp(s, "/.") && strcmp(s, "/..");
}

static void mqq_ident(mqd_t q, uint64_t *dev, uint64_t *ino)
{
	struct stat st;
	*dev = *ino = 0;
	if (fstat((int)q, &st) == 0) {
		*dev = (uint64_t)st.st_dev;
		*ino = (uint64_t)st.st_ino;
	}
}

long mqq_default(const char *file, long fallback)
{
	char path[64], buf[32];
	snprintf(path, sizeof path, "/proc/sys/fs/mqueue/%s", file);
	if (util_read_file(path, buf, sizeof buf) < 0)
		return fallback;
	return strtol(buf, NULL, 10);
}

int mqq_open(const char *name, long maxmsg, long msgsize, bool *created, uint64_t *dev, uint64_t *ino)
{
	struct mq_attr attr = {
		.mq_maxmsg = maxmsg ? maxmsg : mqq_default("msg_default", 10),
		.mq_msgsize = msgsize ? msgsize : mqq_default("msgsize_default", 8192),
	};
	*created = false;
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	if (q != (mqd_t)-1) {
		*created = true;
	} else if (errno == EEXIST) {   /* someone else's: found, never ours */
		q = mq_open(name, O_RDONLY | O_NONBLOCK);
		if (q == (mqd_t)-1)
			return -2;
	}
	if (q == (mqd_t)-1)
		return -1;
	mqq_ident(q, dev, ino);
	mq_close(q);
	return (int)q;
}

int mqq_getattr_fd(int fd, struct mqq_attr *a)
{
	struct mq_attr attr;
	if (mq_getattr((mqd_t)fd, &attr) < 0)
		return -1;
	a->maxmsg = attr.mq_maxmsg;
	a->msgsize = attr.mq_msgsize;
	a->curmsgs = attr.mq_curmsgs;
	return 0;
}

/* Open by name, only if it is still the queue with that identity. */
static mqd_t mqq_open_ours(const char *name, uint64_t dev, uint64_t ino)
{
	mqd_t q = mq_open(name, O_RDONLY | O_NONBLOCK);
	if (q == (mqd_t)-1)
		return q;
	uint64_t d, i;
	mqq_ident(q, &d, &i);
	if (d != dev || i != ino || !ino) {
		mq_close(q);
		errno = ESTALE;
		return (mqd_t)-1;
	}
	return q;
}

int mqq_getattr_name(const char *name, uint64_t dev, uint64_t ino, struct mqq_attr *a)
{
	mqd_t q = mqq_open_ours(name, dev, ino);
	if (q == (mqd_t)-1)
		return -1;
	int rc = mqq_getattr_fd((int)q, a);
	mq_close(q);
	return rc;
}

bool mqq_is_ours(const char *name, uint64_t dev, uint64_t ino)
{
	mqd_t q = mqq_open_ours(name, dev, ino);
	if (q == (mqd_t)-1)
		return false;
	mq_close(q);
	return true;
}

char *mqq_devline(const char *name)
{
	char path[96], buf[256];
	snprintf(path, sizeof path, "/dev/mqueue%s", name);
	if (util_read_file(path, buf, sizeof buf) < 0)
		return NULL;
	buf[strcspn(buf, "\n")] = '\0';
	return xstrdup(buf);
}

static struct mqq_msg mqq_msg_new(unsigned prio, const char *data, size_t len)
{
	struct mqq_msg m = { prio, xmalloc(len + 1), len };
	memcpy(m.data, data, len);
	m.data[len] = '\0';
	return m;
}

static void mqq_drop(struct mqq_msg *v, size_t *n, size_t i)
{
	free(v[i].data);
	memmove(v + i, v + i + 1, (*n - i - 1) * sizeof *v);
	(*n)--;
}

static ssize_t mqq_find(const struct mqq_msg *v, size_t n, unsigned prio, const char *data, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].prio == prio && v[i].len == len && !memcmp(v[i].data, data, len))
			return (ssize_t)i;
	return -1;
}

void mqq_book_sent(struct mqq_book *b, unsigned prio, const char *data, size_t len)
{
	ssize_t e = mqq_find(b->early, b->nearly, prio, data, len);
	if (e >= 0) {
		mqq_drop(b->early, &b->nearly, (size_t)e);
		return;
	}
	size_t at = 0;
	while (at < b->n && b->msgs[at].prio >= prio)
		at++;
	b->msgs = xrealloc(b->msgs, (b->n + 1) * sizeof *b->msgs);
	memmove(b->msgs + at + 1, b->msgs + at, (b->n - at) * sizeof *b->msgs);
	b->msgs[at] = mqq_msg_new(prio, data, len);
	b->n++;
}

void mqq_book_sending(struct mqq_book *b, const void *who, unsigned prio, const char *data, size_t len)
{
	b->pend = xrealloc(b->pend, (b->npend + 1) * sizeof *b->pend);
	b->pend[b->npend].who = who;
	b->pend[b->npend].m = mqq_msg_new(prio, data, len);
	b->npend++;
}

void mqq_book_send_done(struct mqq_book *b, const void *who, bool ok)
{
	for (size_t i = 0; i < b->npend; i++) {
		if (b->pend[i].who != who)
			continue;
		struct mqq_msg m = b->pend[i].m;
		memmove(b->pend + i, b->pend + i + 1, (b->npend - i - 1) * sizeof *b->pend);
		b->npend--;
		if (ok)
			mqq_book_sent(b, m.prio, m.data, m.len);
		free(m.data);
		return;
	}
}

void mqq_book_received(struct mqq_book *b, unsigned prio, const char *data, size_t len)
{
	ssize_t i = mqq_find(b->msgs, b->n, prio, data, len);
	if (i >= 0) {
		mqq_drop(b->msgs, &b->n, (size_t)i);
		return;
	}
	b->early = xrealloc(b->early, (b->nearly + 1) * sizeof *b->early);
	b->early[b->nearly++] = mqq_msg_new(prio, data, len);
}

bool mqq_book_agrees(const struct mqq_book *b, long curmsgs)
{
	return b->nearly == 0 && (long)b->n == curmsgs;
}

void mqq_book_free(struct mqq_book *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->msgs[i].data);
	for (size_t i = 0; i < b->nearly; i++)
		free(b->early[i].data);
	for (size_t i = 0; i < b->npend; i++)
		free(b->pend[i].m.data);
	free(b->msgs);
	free(b->early);
	free(b->pend);
	memset(b, 0, sizeof *b);
}
