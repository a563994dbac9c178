/* actor_sock.c: the actor's side of sockets: socket, bind, listen,
 * connect, accept, send, recv and shutdown, each one real call on the
 * actor's own descriptor. A socket's address comes as the payload: a path
 * (a name in the file system) or "@name" (the abstract namespace). */
#include "config.h"
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <linux/sockios.h>
#include "actor.h"

/* The address in data as a sockaddr_un; its length, or 0 when too long. */
static socklen_t actor_sock_addr(const char *data, uint32_t len, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	size_t n = strnlen(data, len);
	if (n >= sizeof sa->sun_path)
		return 0;
	memcpy(sa->sun_path, data, n);
	if (data[0] == '@')                /* abstract: a NUL, then the name */
		sa->sun_path[0] = '\0';
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (data[0] == '@' ? 0 : 1));
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

static void actor_sock_addr_call(const struct wire_req *q, const char *data, struct wire_rep *r)
{
	struct sockaddr_un sa;
	socklen_t n = actor_sock_addr(data, q->len, &sa);
	if (!n) {
		r->ret = -1;
		errno = ENAMETOOLONG;
		return;
	}
	r->ret = q->op == OP_BIND ? bind(q->fd, (struct sockaddr *)&sa, n) : connect(q->fd, (struct sockaddr *)&sa, n);
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
	struct iovec iov = { *out, n };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	r->ret = recvmsg(q->fd, &m, (q->flags & WF_NOWAIT) ? MSG_DONTWAIT : 0);
	r->v[3] = r->ret >= 0 && (m.msg_flags & MSG_TRUNC);   /* a datagram cut to n */
	actor_sock_queues(q->fd, r);
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
		r->ret = socket(AF_UNIX, (int)q->b, 0);
		if (r->ret >= 0)
			actor_sock_ino((int)r->ret, r);
		return true;
	case OP_BIND:
	case OP_CONNECT: actor_sock_addr_call(q, data, r); return true;
	case OP_LISTEN: r->ret = listen(q->fd, (int)q->a); return true;
	case OP_ACCEPT:
		r->ret = accept(q->fd, NULL, NULL);
		if (r->ret >= 0)
			actor_sock_ino((int)r->ret, r);
		return true;
	case OP_SEND:
		r->ret = send(q->fd, data, q->len, (q->flags & WF_NOWAIT) ? MSG_DONTWAIT : 0);
		return true;
	case OP_RECV: actor_sock_recv(q, r, out); return true;
	case OP_SHUTDOWN: r->ret = shutdown(q->fd, (int)q->a); return true;
	case OP_SOCKETPAIR: actor_sock_pair(q, r); return true;
	case OP_SENDFD: actor_sock_sendfd(q, r); return true;
	case OP_RECVFD: actor_sock_recvfd(q, r); return true;
	default: return false;
	}
}
