/* actor_sock.c: the actor's side of sockets: socket, bind, listen,
 * connect, accept, send (sendto), recv (recvfrom), shutdown, socketpair
 * and passing descriptors, each one real call on the actor's own
 * descriptor. An address comes as text in the payload, read for the
 * socket's own family (sockaddr.h); bind and recv give the local address or
 * the sender's back as text after the data (wire_rep.extra). */
#include "config.h"
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <linux/sockios.h>
#include "actor.h"
#include "sockaddr.h"

/* The address in text for socket fd's family; its length, or 0 (errno). */
static socklen_t actor_sock_addr(int fd, const char *text, struct sockaddr_storage *ss)
{
	int family;
	socklen_t n = sizeof family;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &n) < 0)
		return 0;
	if (sockaddr_parse(family, text, ss, &n) < 0) {
		errno = EINVAL;
		return 0;
	}
	return n;
}

/* An address as text for the coordinator, after the data: *out grows. */
static void actor_sock_addr_out(const struct sockaddr_storage *ss, socklen_t len, struct wire_rep *r, char **out, size_t at)
{
	char text[SOCKADDR_TEXT_MAX];
	sockaddr_format((const struct sockaddr *)ss, len, text, sizeof text);
	size_t n = strlen(text) + 1;
	char *grown = realloc(*out, at + n);
	if (!grown)
		return;
	memcpy(grown + at, text, n);
	*out = grown;
	r->extra = (uint32_t)n;
}

/* The socket's inode (socket:[INO]) in v[0]. */
static void actor_sock_ino(int fd, struct wire_rep *r)
{
	struct stat st;
	int e = errno;
	r->v[0] = fstat(fd, &st) == 0 ? (int64_t)st.st_ino : 0;
	errno = e;
}

/* After a recv: v[1] bytes still waiting to be read (SIOCINQ). */
static void actor_sock_queues(int fd, struct wire_rep *r)
{
	int e = errno, in = 0;
	r->v[1] = ioctl(fd, SIOCINQ, &in) == 0 ? in : -1;
	errno = e;
}

/* bind or connect; after a bind, the address the kernel gave (a free
 * port for :0) comes back as text. */
static void actor_sock_addr_call(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	struct sockaddr_storage ss;
	socklen_t n = actor_sock_addr(q->fd, data, &ss);
	if (!n) {
		r->ret = -1;
		return;
	}
	r->ret = q->op == OP_BIND ? bind(q->fd, (struct sockaddr *)&ss, n) : connect(q->fd, (struct sockaddr *)&ss, n);
	int e = errno;
	n = sizeof ss;
	if (r->ret == 0 && q->op == OP_BIND && getsockname(q->fd, (struct sockaddr *)&ss, &n) == 0)
		actor_sock_addr_out(&ss, n, r, out, 0);
	errno = e;
}

/* send, or sendto when the payload starts with an address (q->pad bytes,
 * its NUL included). */
static void actor_sock_send(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	int flags = (q->flags & WF_NOWAIT) ? MSG_DONTWAIT : 0;
	size_t n = (q->flags & WF_FILLER) ? (size_t)q->a : q->len - (uint32_t)q->pad;
	char *fill = (q->flags & WF_FILLER) ? malloc(n ? n : 1) : NULL;
	if ((q->flags & WF_FILLER) && !fill) {
		r->ret = -1;
		errno = ENOMEM;
		return;
	}
	if (fill)
		memset(fill, 'x', n);
	const char *buf = fill ? fill : data + q->pad;
	struct sockaddr_storage ss;
	socklen_t alen = q->pad ? actor_sock_addr(q->fd, data, &ss) : 0;
	if (!q->pad)
		r->ret = send(q->fd, buf, n, flags);
	else
		r->ret = alen ? sendto(q->fd, buf, n, flags, (struct sockaddr *)&ss, alen) : -1;
	int e = errno;
	free(fill);
	errno = e;
}

static void actor_sock_recv(const struct wire_req *q, struct wire_rep *r, char **out)
{
	size_t n = (size_t)q->a;
	*out = malloc(n ? n : 1);
	if (!*out) {
		r->ret = -1;
		errno = ENOMEM;
		return;
	}
	struct sockaddr_storage from;
	struct iovec iov = { *out, n };
	struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1 };
	r->ret = recvmsg(q->fd, &m, (q->flags & WF_NOWAIT) ? MSG_DONTWAIT : 0);
	int e = errno;
	r->v[3] = r->ret >= 0 && (m.msg_flags & MSG_TRUNC);   /* a datagram cut to n */
	if (r->ret >= 0 && m.msg_namelen > sizeof(sa_family_t))   /* who sent it */
		actor_sock_addr_out(&from, m.msg_namelen, r, out, (size_t)r->ret);
	actor_sock_queues(q->fd, r);
	errno = e;
}

/* OP_SOCKETPAIR: b = type; v[0], v[1] the two descriptors, v[2], v[3]
 * their inodes. */
static void actor_sock_pair(const struct wire_req *q, struct wire_rep *r)
{
	int sv[2];
	r->ret = socketpair(AF_UNIX, (int)q->b, 0, sv);
	if (r->ret < 0)
		return;
	struct wire_rep one = {0};
	actor_sock_ino(sv[0], &one);
	r->v[2] = one.v[0];
	actor_sock_ino(sv[1], &one);
	r->v[3] = one.v[0];
	r->v[0] = sv[0];
	r->v[1] = sv[1];
}

/* OP_SENDFD: on socket fd, one byte with descriptor a (SCM_RIGHTS). */
static void actor_sock_sendfd(const struct wire_req *q, struct wire_rep *r)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	memset(&u, 0, sizeof u);
	char byte = 'F';
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	int fd = (int)q->a;
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	r->ret = sendmsg(q->fd, &m, 0);
}

/* OP_LINGER: SO_LINGER on (a 1) for b seconds, or off; v[0], v[1] the
 * l_onoff and l_linger getsockopt reads back. */
static void actor_sock_linger(const struct wire_req *q, struct wire_rep *r)
{
	struct linger l = { .l_onoff = (int)q->a, .l_linger = (int)q->b };
	r->ret = setsockopt(q->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	if (r->ret < 0)
		return;
	socklen_t n = sizeof l;
	memset(&l, 0, sizeof l);
	if (getsockopt(q->fd, SOL_SOCKET, SO_LINGER, &l, &n) == 0) {
		r->v[0] = l.l_onoff;
		r->v[1] = l.l_linger;
	}
}

/* OP_RECVFD: ret the descriptor that came (the new number in this
 * process), v[0] the bytes that came with it; -1 ENOMSG if none came. */
static void actor_sock_recvfd(const struct wire_req *q, struct wire_rep *r)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	char byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
	ssize_t n = recvmsg(q->fd, &m, 0);
	r->v[0] = n;
	if (n < 0) {
		r->ret = -1;
		return;
	}
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
		r->ret = -1;
		errno = ENOMSG;
		return;
	}
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	r->ret = fd;
}

bool actor_sock_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out)
{
	switch (q->op) {
	case OP_SOCKET:
		r->ret = socket((int)q->a, (int)q->b, 0);
		if (r->ret >= 0)
			actor_sock_ino((int)r->ret, r);
		return true;
	case OP_BIND:
	case OP_CONNECT: actor_sock_addr_call(q, data, r, out); return true;
	case OP_LISTEN: r->ret = listen(q->fd, (int)q->a); return true;
	case OP_ACCEPT:
		r->ret = accept(q->fd, NULL, NULL);
		if (r->ret >= 0)
			actor_sock_ino((int)r->ret, r);
		return true;
	case OP_SEND: actor_sock_send(q, data, r); return true;
	case OP_RECV: actor_sock_recv(q, r, out); return true;
	case OP_SHUTDOWN: r->ret = shutdown(q->fd, (int)q->a); return true;
	case OP_SOCKETPAIR: actor_sock_pair(q, r); return true;
	case OP_SENDFD: actor_sock_sendfd(q, r); return true;
	case OP_RECVFD: actor_sock_recvfd(q, r); return true;
	case OP_LINGER: actor_sock_linger(q, r); return true;
	default: return false;
	}
}
