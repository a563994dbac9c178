/* cmd_sock.c: sockets on one machine: UNIX (stream, datagram), TCP and
 * UDP on the loopback (IPv4 or IPv6): socket, bind (a name in the session
 * directory, a path, @name in the abstract namespace, or 127.0.0.1:PORT,
 * [::1]:PORT, :0 for any free port), listen, connect, accept, send
 * (sendto with to=), recv (with its sender), shutdown, socketpair, and
 * passing descriptors; close is the pipe family's. A socket bound to a
 * path leaves a socket file, which ipcsh removes at exit when it is still
 * the one it made. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include "actors.h"
#include "cmd.h"
#include "explain.h"
#include "out.h"
#include "probe.h"
#include "netproc.h"
#include "sockaddr.h"

#define SOCK_IO_MAX (1 << 16)       /* bytes a send or recv moves at most */

static const char *sock_type_name(int type)
{
	return type == SOCK_DGRAM ? "SOCK_DGRAM" : "SOCK_STREAM";
}

static struct object *sock_add(const char *name, int family, int type, uint64_t ino)
{
	struct object *o = reg_add_object(OBJ_SOCK, name);
	o->sofamily = family;
	o->sotype = type;
	o->link_ino = ino;
	return o;
}

/* A TCP socket just connected (connect, accept): remember its
 * connection, which the kernel may keep a while after the socket is gone
 * (TIME_WAIT) or after the connection ended (the socket then CLOSE). */
static void sock_remember_conn(struct object *o)
{
	struct netproc_sock ns;
	if (o->sofamily == AF_UNIX || o->sotype != SOCK_STREAM || netproc_find(o->sofamily, o->sotype, o->link_ino, &ns) < 0 ||
	    !strcmp(ns.state, "LISTEN"))
		return;
	free(o->conn_local);
	free(o->conn_remote);
	o->conn_local = xstrdup(ns.local);
	o->conn_remote = xstrdup(ns.remote);
}

/* The socket types: what socket(2) is given, and what is said of it. */
static const struct sock_kind {
	const char *word;
	int family, type;
	const char *says;            /* N_() */
} sock_kinds[] = {
	{ "unix", AF_UNIX, SOCK_STREAM, N_("   a UNIX stream socket: bytes in order, no message boundaries; bind and listen, or connect") },
	{ "unix-dgram", AF_UNIX, SOCK_DGRAM, N_("   a UNIX datagram socket: each send is one message, kept whole") },
	{ "tcp", AF_INET, SOCK_STREAM, N_("   a TCP socket (IPv4): a byte stream over a connection; on one machine it goes through the loopback") },
	{ "udp", AF_INET, SOCK_DGRAM, N_("   a UDP socket (IPv4): datagrams, each with its sender's address; no connection, and delivery is not promised: on one machine a datagram is lost only rarely, mostly when the receiving socket's buffer is full (show counts those as dropped) or no socket has its port") },
	{ "tcp6", AF_INET6, SOCK_STREAM, N_("   a TCP socket (IPv6): a byte stream over a connection; on one machine it goes through the loopback") },
	{ "udp6", AF_INET6, SOCK_DGRAM, N_("   a UDP socket (IPv6): datagrams, each with its sender's address; no connection, and delivery is not promised: on one machine a datagram is lost only rarely, mostly when the receiving socket's buffer is full (show counts those as dropped) or no socket has its port") },
};

static const char *sock_family_name(int family)
{
	return family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNIX";
}

static void sock_socket_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	if (r->ret < 0 || reg_name_taken(c->obj)) {
		actors_print_result(a, c, r, NULL);
		return;
	}
	const struct sock_kind *k = &sock_kinds[c->arg];
	struct object *o = sock_add(c->obj, k->family, k->type, (uint64_t)r->v[0]);
	reg_fd_add(a, (int)r->ret, o->name, "rw");
	reg_save();
	actors_print_result(a, c, r, _(k->says));
}

/* socket S unix|unix-dgram|tcp|udp|tcp6|udp6 */
static int sock_socket(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	size_t k = 0;
	while (k < ARRAY_LEN(sock_kinds) && strcmp(sock_kinds[k].word, ctx->argv[1].s))
		k++;
	if (k == ARRAY_LEN(sock_kinds))
		return cmd_reject(ctx, _("socket: the type is unix, unix-dgram, tcp, udp, tcp6 or udp6, not \"%s\""), ctx->argv[1].s);
	struct wire_req q = { .op = OP_SOCKET, .a = sock_kinds[k].family, .b = sock_kinds[k].type };
	char desc[96];
	snprintf(desc, sizeof desc, "socket(%s, %s, 0)", sock_family_name(sock_kinds[k].family), sock_type_name(sock_kinds[k].type));
	if (actors_call(ctx->actor, &q, NULL, desc, sock_socket_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", ctx->argv[0].s);
	ctx->actor->call.arg = (int64_t)k;
	return CMD_OK;
}

static void sock_pair_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char n0[IPCSH_NAME_MAX + 4], n1[IPCSH_NAME_MAX + 4];
	snprintf(n0, sizeof n0, "%s.0", c->obj);
	snprintf(n1, sizeof n1, "%s.1", c->obj);
	if (r->ret < 0 || reg_name_taken(n0) || reg_name_taken(n1)) {
		actors_print_result(a, c, r, NULL);
		return;
	}
	sock_add(n0, AF_UNIX, (int)c->arg, (uint64_t)r->v[2]);
	sock_add(n1, AF_UNIX, (int)c->arg, (uint64_t)r->v[3]);
	reg_fd_add(a, (int)r->v[0], n0, "rw");
	reg_fd_add(a, (int)r->v[1], n1, "rw");
	reg_save();
	char *note = xasprintf(_("   %s=fd %lld  %s=fd %lld: two sockets already connected to each other, both ways; after fork each process keeps one and closes the other"),
			       n0, (long long)r->v[0], n1, (long long)r->v[1]);
	actors_print_result(a, c, r, note);
	free(note);
}

/* socketpair S [dgram]: the sockets S.0 and S.1 */
static int sock_pair(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	char n[IPCSH_NAME_MAX + 4];
	for (int i = 0; i < 2; i++) {
		snprintf(n, sizeof n, "%s.%d", ctx->argv[0].s, i);
		if (reg_name_taken(n))
			return cmd_reject(ctx, _("the name \"%s\" is already in use"), n);
	}
	int type = cmd_flag(ctx, "dgram") ? SOCK_DGRAM : SOCK_STREAM;
	struct wire_req q = { .op = OP_SOCKETPAIR, .b = type };
	char desc[96];
	snprintf(desc, sizeof desc, "socketpair(AF_UNIX, %s, 0, %s)", sock_type_name(type), ctx->argv[0].s);
	if (actors_call(ctx->actor, &q, NULL, desc, sock_pair_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", ctx->argv[0].s);
	ctx->actor->call.arg = type;
	return CMD_OK;
}

/* The descriptor the actor holds for socket argument 0, or a rejection. */
/* The call on socket word 0 sent to the actor, named as its object. */
static int sock_call(struct cmd_ctx *ctx, const struct wire_req *q, const void *data, const char *desc, call_done_fn *done)
{
	if (actors_call(ctx->actor, q, data, desc, done) < 0)
		return -1;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", ctx->obj[0]->name);
	return 0;
}

static struct fdent *sock_fd(struct cmd_ctx *ctx)
{
	struct fdent *e = reg_fd_find(ctx->actor, ctx->obj[0]->name, NULL);
	if (!e)
		cmd_reject(ctx, _("%s does not hold socket %s (never had it, or closed it)"), ctx->actor->name,
			   ctx->obj[0]->name);
	return e;
}

/* ADDR as the actor passes it, for a socket of family: a bare name is a
 * socket of the session that has an address (bound, or a listener), else
 * (UNIX) that name in the session directory; otherwise the text itself,
 * which must be an address of that family. NULL (rejected) when not. */
static char *sock_addr(struct cmd_ctx *ctx, int family, const char *addr)
{
	const struct object *o = util_valid_name(addr) ? reg_object(addr) : NULL;
	char *s;
	if (o && o->kind == OBJ_SOCK && o->path)
		s = xstrdup(o->path);
	else if (family == AF_UNIX && util_valid_name(addr))
		s = xasprintf("%s/%s", reg.dir, addr);
	else
		s = xstrdup(addr);
	struct sockaddr_storage ss;
	socklen_t len;
	if (family == AF_UNIX && !strchr(s, '/') && s[0] != '@') {
		free(s);
		s = NULL;
	}
	if (!s || sockaddr_parse(family, s, &ss, &len) < 0) {
		if (family == AF_UNIX)
			cmd_reject(ctx, _("ADDR is a name, a path (at most %zu bytes) or @name, not \"%s\""),
				   sizeof ((struct sockaddr_un *)0)->sun_path - 1, addr);
		else
			cmd_reject(ctx, family == AF_INET ? _("ADDR is 127.0.0.1:PORT (or another IPv4 address), :PORT for the loopback, or a socket's name, with PORT from 0 to 65535; not \"%s\"")
				   : _("ADDR is [::1]:PORT (or another IPv6 address in brackets), :PORT for the loopback, or a socket's name, with PORT from 0 to 65535; not \"%s\""), addr);
		free(s);
		return NULL;
	}
	if (family != AF_UNIX) {       /* as the call gets it: ":0" is 127.0.0.1:0 */
		char text[SOCKADDR_TEXT_MAX];
		sockaddr_format((struct sockaddr *)&ss, len, text, sizeof text);
		free(s);
		s = xstrdup(text);
	}
	return s;
}

static void sock_bind_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	struct object *o = reg_object(c->obj);
	char *note = NULL;
	if (r->ret == 0 && o && o->sofamily != AF_UNIX && r->len && data[r->len - 1] == '\0') {
		o->path = xstrdup(data);         /* as the kernel has it (getsockname) */
		note = xasprintf(strstr(c->addr, ":0") && !strcmp(strstr(c->addr, ":0"), ":0")
				 ? _("   the kernel picked a free port: %s (ss -tuln lists it)") : _("   bound to %s (ss -tuln lists it)"),
				 o->path);
	} else if (r->ret == 0 && o && c->addr[0] == '@') {
		o->path = xstrdup(c->addr);
		note = xstrdup(_("   an abstract name: no file; it goes away with the socket"));
	} else if (r->ret == 0 && o && o->sofamily == AF_UNIX) {
		o->path = xstrdup(c->addr);
		o->owned = reg_path_id(o->path, S_IFSOCK, &o->dev, &o->ino, &o->btime) == 0;
		note = xstrdup(_("   a socket file now (ls -l shows type s); it stays after close until unlinked: ipcsh removes it at exit"));
	}
	reg_save();
	actors_print_result(a, c, r, note);
	free(note);
}

/* bind S ADDR, connect S ADDR */
static int sock_addr_call(struct cmd_ctx *ctx, uint32_t op, call_done_fn *done)
{
	struct fdent *e = sock_fd(ctx);
	if (!e)
		return CMD_REJECTED;
	if (op == OP_BIND && ctx->obj[0]->path)
		return cmd_reject(ctx, _("%s is bound already, to %s"), ctx->obj[0]->name, ctx->obj[0]->path);
	char *addr = sock_addr(ctx, ctx->obj[0]->sofamily, ctx->argv[1].s);
	if (!addr)
		return CMD_REJECTED;
	struct wire_req q = { .op = op, .fd = e->fd, .len = (uint32_t)strlen(addr) + 1 };
	char desc[192];
	snprintf(desc, sizeof desc, "%s(%s, \"%s\")", op == OP_BIND ? "bind" : "connect", ctx->obj[0]->name, addr);
	int rc = sock_call(ctx, &q, addr, desc, done);
	if (rc == 0)
		snprintf(ctx->actor->call.addr, sizeof ctx->actor->call.addr, "%s", addr);
	free(addr);
	return rc < 0 ? CMD_REJECTED : CMD_OK;
}

static int sock_bind(struct cmd_ctx *ctx)
{
	return sock_addr_call(ctx, OP_BIND, sock_bind_done);
}

static void sock_connect_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	const char *note = NULL;
	if ((r->ret == 0 || r->err == EINPROGRESS) && o)
		sock_remember_conn(o);
	if (r->ret == 0)
		note = o && o->sotype == SOCK_DGRAM ? _("   its messages go to that socket now, and only that socket's come in")
						    : _("   connected: what one side sends, the other receives");
	actors_print_result(a, c, r, note);
}

static int sock_connect(struct cmd_ctx *ctx)
{
	return sock_addr_call(ctx, OP_CONNECT, sock_connect_done);
}

static int sock_listen(struct cmd_ctx *ctx)
{
	struct fdent *e = sock_fd(ctx);
	if (!e)
		return CMD_REJECTED;
	const struct cmd_optval *bv = cmd_opt(ctx, "backlog");
	int64_t backlog = bv ? bv->n : 5;
	struct wire_req q = { .op = OP_LISTEN, .fd = e->fd, .a = backlog };
	char desc[96];
	snprintf(desc, sizeof desc, "listen(%s, %lld)", ctx->obj[0]->name, (long long)backlog);
	if (sock_call(ctx, &q, NULL, desc, NULL) < 0)
		return CMD_REJECTED;
	return CMD_OK;
}

static void sock_accept_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char *note = NULL;
	const struct object *l = reg_object(c->obj);
	if (r->ret >= 0 && l && !reg_name_taken(c->addr)) {
		struct object *o = sock_add(c->addr, l->sofamily, l->sotype, (uint64_t)r->v[0]);
		reg_fd_add(a, (int)r->ret, o->name, "rw");
		sock_remember_conn(o);
		reg_save();
		note = xasprintf(_("   %s: a new socket connected to the client; %s goes on listening"), o->name, l->name);
	}
	actors_print_result(a, c, r, note);
	free(note);
}

/* accept S C: C names the connected socket accept returns. */
static int sock_accept(struct cmd_ctx *ctx)
{
	struct fdent *e = sock_fd(ctx);
	if (!e || cmd_arg_new_name(ctx, 1) != CMD_OK)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_ACCEPT, .fd = e->fd };
	char desc[96];
	snprintf(desc, sizeof desc, "accept(%s, NULL, NULL)", ctx->obj[0]->name);
	if (sock_call(ctx, &q, NULL, desc, sock_accept_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.addr, sizeof ctx->actor->call.addr, "%s", ctx->argv[1].s);
	return CMD_OK;
}

/* send S DATA [to=ADDR]: with to=, sendto(2); the address goes first in
 * the payload (its NUL included, q.pad bytes). */
static int sock_send(struct cmd_ctx *ctx)
{
	struct fdent *e = sock_fd(ctx);
	if (!e)
		return CMD_REJECTED;
	const struct cmd_optval *to = cmd_opt(ctx, "to");
	char *addr = to ? sock_addr(ctx, ctx->obj[0]->sofamily, to->s) : NULL;
	if (to && !addr)
		return CMD_REJECTED;
	bool nowait = cmd_flag(ctx, "nowait");
	struct buf desc = {0};
	struct cmd_data d;
	buf_printf(&desc, "%s(%s, ", addr ? "sendto" : "send", ctx->obj[0]->name);
	if (cmd_arg_data(ctx, 1, SOCK_IO_MAX, &d, &desc) != CMD_OK) {
		buf_free(&desc);
		free(addr);
		return CMD_REJECTED;
	}
	buf_printf(&desc, ", %s", nowait ? "MSG_DONTWAIT" : "0");
	if (addr)
		buf_printf(&desc, ", \"%s\"", addr);
	buf_adds(&desc, ")");
	size_t alen = addr ? strlen(addr) + 1 : 0;   /* the payload: the address, then the data */
	char *payload = xmalloc(alen + d.len + 1);
	if (addr)
		memcpy(payload, addr, alen);
	if (d.len)
		memcpy(payload + alen, d.bytes, d.len);
	struct wire_req q = { .op = OP_SEND, .fd = e->fd, .a = d.n, .len = (uint32_t)(alen + d.len), .pad = (int32_t)alen,
			      .flags = (nowait ? WF_NOWAIT : 0) | (d.filler ? WF_FILLER : 0) };
	int rc = sock_call(ctx, &q, payload, desc.s, NULL);
	buf_free(&desc);
	free(payload);
	free(addr);
	if (rc < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.explain_as, sizeof ctx->actor->call.explain_as, "send");   /* sendto too */
	return CMD_OK;
}

void cmd_sock_read_note(struct buf *b, const struct object *o, const struct call *c, const struct wire_rep *r,
			const char *from, bool by_read)
{
	bool dgram = o && o->sotype == SOCK_DGRAM;
	if (r->ret == 0 && c->arg > 0)
		buf_adds(b, dgram ? _("   an empty datagram") : _("   end of file: the peer closed its socket or shut down its sending side"));
	if (dgram && by_read && r->ret > 0 && r->ret == c->arg)
		buf_adds(b, _("   (a datagram longer than N is cut and the rest lost: read cannot tell, recv can)"));
	if (from)
		buf_printf(b, _("   from %s"), from);
	if (r->ret >= 0 && r->v[1] > 0 && dgram)   /* SIOCINQ: the next datagram's size */
		buf_printf(b, _("   (the next datagram waiting is %lld bytes)"), (long long)r->v[1]);
	else if (r->ret >= 0 && r->v[1] > 0)
		buf_printf(b, _("   (%lld more bytes wait to be received)"), (long long)r->v[1]);
}

static void sock_recv_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	struct buf b = {0};
	const struct object *o = reg_object(c->obj);
	if (r->ret > 0) {
		buf_adds(&b, " ");
		buf_add_quoted(&b, data, r->len - r->extra, 64);
		if (r->v[3])
			buf_adds(&b, _("   (the datagram was longer than N: it was cut, and the rest is lost)"));
	} else if (r->ret == 0 && c->arg == 0) {
		buf_adds(&b, _("   a recv of 0 bytes returns 0 at once"));
	}
	bool from = r->ret >= 0 && r->extra && data[r->len - 1] == '\0';   /* recvfrom's sender */
	cmd_sock_read_note(&b, o, c, r, from ? data + r->len - r->extra : NULL, false);
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int sock_recv(struct cmd_ctx *ctx)
{
	struct fdent *e = sock_fd(ctx);
	if (!e)
		return CMD_REJECTED;
	int64_t n = 4096;
	if (ctx->argc > 1 && cmd_arg_int(ctx, 1, "N", 0, SOCK_IO_MAX, &n) != CMD_OK)
		return CMD_REJECTED;
	bool nowait = cmd_flag(ctx, "nowait");
	struct wire_req q = { .op = OP_RECV, .fd = e->fd, .a = n, .flags = nowait ? WF_NOWAIT : 0 };
	char desc[96];
	snprintf(desc, sizeof desc, "recv(%s, %lld, %s)", ctx->obj[0]->name, (long long)n, nowait ? "MSG_DONTWAIT" : "0");
	if (sock_call(ctx, &q, NULL, desc, sock_recv_done) < 0)
		return CMD_REJECTED;
	ctx->actor->call.arg = n;
	return CMD_OK;
}

static void sock_linger_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	const struct object *o = reg_object(c->obj);
	struct buf b = {0};
	if (r->ret == 0 && o && !(o->sofamily != AF_UNIX && o->sotype == SOCK_STREAM))
		buf_printf(&b, _("   read back: %s, %lld s; only TCP acts on SO_LINGER: this socket keeps the setting and ignores it"),
			   r->v[0] ? _("on") : _("off"), (long long)r->v[1]);
	else if (r->ret == 0 && !r->v[0])
		buf_adds(&b, _("   read back: off; close returns at once and the kernel sends what is left in the background"));
	else if (r->ret == 0 && !r->v[1])
		buf_adds(&b, _("   read back: on, 0 s; close now resets the connection at once (RST): data not yet sent or read is dropped, no TIME_WAIT is kept, and the peer's next call fails with ECONNRESET"));
	else if (r->ret == 0)
		buf_printf(&b, _("   read back: on, %lld s; close now waits until the data not yet sent is acknowledged, or %lld s have passed"),
			   (long long)r->v[1], (long long)r->v[1]);
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int sock_linger(struct cmd_ctx *ctx)
{
	struct fdent *e = sock_fd(ctx);
	if (!e)
		return CMD_REJECTED;
	int64_t secs = 0;
	bool off = !strcmp(ctx->argv[1].s, "off");
	if (!off && parse_int(ctx->argv[1].s, 0, 3600, &secs) < 0)
		return cmd_reject(ctx, _("linger: seconds from 0 to 3600, or off, not \"%s\""), ctx->argv[1].s);
	struct wire_req q = { .op = OP_LINGER, .fd = e->fd, .a = !off, .b = secs };
	char desc[128];
	snprintf(desc, sizeof desc, "setsockopt(%s, SOL_SOCKET, SO_LINGER, {l_onoff %d, l_linger %lld})", ctx->obj[0]->name,
		 !off, (long long)secs);
	if (sock_call(ctx, &q, NULL, desc, sock_linger_done) < 0)
		return CMD_REJECTED;
	return CMD_OK;
}

static int sock_shutdown(struct cmd_ctx *ctx)
{
	struct fdent *e = sock_fd(ctx);
	if (!e)
		return CMD_REJECTED;
	const char *h = ctx->argv[1].s;
	int how = !strcmp(h, "rd") ? SHUT_RD : !strcmp(h, "wr") ? SHUT_WR : !strcmp(h, "rdwr") ? SHUT_RDWR : -1;
	if (how < 0)
		return cmd_reject(ctx, _("shutdown: rd, wr or rdwr, not \"%s\""), h);
	static const char *const names[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };
	struct wire_req q = { .op = OP_SHUTDOWN, .fd = e->fd, .a = how };
	char desc[96];
	snprintf(desc, sizeof desc, "shutdown(%s, %s)", ctx->obj[0]->name, names[how]);
	if (sock_call(ctx, &q, NULL, desc, NULL) < 0)
		return CMD_REJECTED;
	return CMD_OK;
}

static void sock_sendfd_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	actors_print_result(a, c, r, r->ret >= 0 ? _("   the kernel queued a reference to the open file, with one byte: the receiver gets the same open file (its offset and flags), not a copy; the sender keeps its own descriptor") : NULL);
}

/* sendfd S OBJ: pass the descriptor of OBJ (p.r, p.w, a FIFO, a file, a
 * socket) over the UNIX socket S (SCM_RIGHTS). */
static int sock_sendfd(struct cmd_ctx *ctx)
{
	struct object *o;
	struct fdent *s = sock_fd(ctx), *e = s ? cmd_arg_held(ctx, 1, "sendfd", &o) : NULL;
	if (!e)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_SENDFD, .fd = s->fd, .a = e->fd };
	char desc[128];
	snprintf(desc, sizeof desc, "sendmsg(%s, 1 byte, SCM_RIGHTS {fd %d = %s})", ctx->obj[0]->name, e->fd, ctx->argv[1].s);
	if (sock_call(ctx, &q, NULL, desc, sock_sendfd_done) < 0)
		return CMD_REJECTED;
	return CMD_OK;
}

static void sock_recvfd_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char end[3] = "?";
	char *note = NULL;
	int oi = r->ret >= 0 ? probe_fd_object(a->pid, (int)r->ret, end) : -1;
	if (oi >= 0) {
		const struct object *o = reg.objs[oi];
		reg_fd_add(a, (int)r->ret, o->name, end);
		note = xasprintf(_("   fd %lld in %s is now %s%s%s: the open file the sender passed, which %s never opened itself"),
				 (long long)r->ret, a->name, o->name, o->kind == OBJ_PIPE ? "." : "",
				 o->kind == OBJ_PIPE ? end : "", a->name);
	} else if (r->ret >= 0) {
		note = xasprintf(_("   fd %lld: an open file that is none of the session's objects (show lists it by its /proc link)"),
				 (long long)r->ret);
	}
	actors_print_result(a, c, r, note);
	free(note);
}

/* recvfd S: receive a descriptor sent with sendfd. */
static int sock_recvfd(struct cmd_ctx *ctx)
{
	struct fdent *s = sock_fd(ctx);
	if (!s)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_RECVFD, .fd = s->fd };
	char desc[96];
	snprintf(desc, sizeof desc, "recvmsg(%s, 1 byte, SCM_RIGHTS)", ctx->obj[0]->name);
	if (sock_call(ctx, &q, NULL, desc, sock_recvfd_done) < 0)
		return CMD_REJECTED;
	return CMD_OK;
}

static const struct cmd_opt sock_listen_opts[] = {
	{ "backlog", OPT_INT, "N", 0, 4096, N_("a number from 0 to 4096") }, CMD_OPT_END
};
static const struct cmd_opt sock_io_opts[] = { CMD_FLAG("nowait"), CMD_OPT_END };
static const struct cmd_opt sock_send_opts[] = {
	{ "to", OPT_WORD, "ADDR", 0, 0, N_("an address") }, CMD_FLAG("nowait"), CMD_OPT_END
};
static const struct cmd_opt sock_pair_opts[] = { CMD_FLAG("dgram"), CMD_OPT_END };

const struct cmd_entry cmd_sock_table[] = {
	{ "socket", "S unix|unix-dgram|tcp|udp|tcp6|udp6", N_("socket(2): a UNIX domain socket (stream or datagram), or TCP or UDP over IPv4 or IPv6"),
	  CMD_ACTOR, 2, 2, sock_socket, { ARG_WORD, ARG_WORD }, 0, NULL },
	{ "bind", "S ADDR", N_("bind(2): give the socket an address (a name in the session directory, a path or @name; 127.0.0.1:PORT, [::1]:PORT, :0 for any free port)"),
	  CMD_ACTOR, 2, 2, sock_bind, { ARG_SOCK, ARG_WORD }, 0, NULL },
	{ "listen", "S", N_("listen(2): take connections; up to backlog= of them wait for accept (default 5)"),
	  CMD_ACTOR, 1, 1, sock_listen, { ARG_SOCK }, 0, sock_listen_opts },
	{ "connect", "S ADDR", N_("connect(2) to a listening socket's name (or set a datagram socket's peer)"),
	  CMD_ACTOR, 2, 2, sock_connect, { ARG_SOCK, ARG_ANY_NAME }, 0, NULL },
	{ "accept", "S C", N_("accept(2): take a waiting connection as the new socket C; blocks until a client connects"),
	  CMD_ACTOR, 2, 2, sock_accept, { ARG_SOCK, ARG_WORD }, 0, NULL },
	{ "send", "S DATA|bytes=N", N_("send(2) DATA (or N filler bytes) on a connected socket, or sendto(2) the address to="),
	  CMD_ACTOR, 2, 2, sock_send, { ARG_SOCK, ARG_WORD }, 0, sock_send_opts },
	{ "recv", "S [N]", N_("recv(2) up to N bytes (default 4096); blocks while nothing has arrived"),
	  CMD_ACTOR, 1, 2, sock_recv, { ARG_SOCK, ARG_WORD }, 0, sock_io_opts },
	{ "shutdown", "S rd|wr|rdwr", N_("shutdown(2): stop receiving, sending (the peer reads end of file) or both"),
	  CMD_ACTOR, 2, 2, sock_shutdown, { ARG_SOCK, ARG_WORD }, 0, NULL },
	{ "linger", "S SECS|off", N_("setsockopt(2) SO_LINGER: close waits up to SECS for data not yet sent (0: close resets the connection)"),
	  CMD_ACTOR, 2, 2, sock_linger, { ARG_SOCK, ARG_WORD }, 0, NULL },
	{ "socketpair", "S", N_("socketpair(2): two UNIX sockets connected to each other, S.0 and S.1 (stream, or dgram)"),
	  CMD_ACTOR, 1, 1, sock_pair, { ARG_WORD }, 0, sock_pair_opts },
	{ "sendfd", "S OBJ", N_("pass the descriptor of OBJ (p.r, p.w, a FIFO, a file or a socket) over the UNIX socket S (SCM_RIGHTS)"),
	  CMD_ACTOR, 2, 2, sock_sendfd, { ARG_SOCK, ARG_END }, 0, NULL },
	{ "recvfd", "S", N_("receive a descriptor sent with sendfd: the same open file, under a new number"),
	  CMD_ACTOR, 1, 1, sock_recvfd, { ARG_SOCK }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
