/* look_sock.c: sockets looked at. TCP and UDP: their line in
 * /proc/net/tcp, tcp6, udp or udp6 (state as the kernel names it, local
 * and remote address, the queues); the peer is the session's socket whose
 * local address is the remote one. UNIX domain sockets: their line in
 * /proc/net/unix (listening, the connection state), the bytes waiting to
 * be read (SIOCINQ: for a datagram socket, the size of the next datagram),
 * its peer socket and a listener's waiting connections (NETLINK_SOCK_DIAG,
 * as ss -x asks) and the peer's pid (SO_PEERCRED), through a descriptor
 * borrowed from a holder; as text, as JSON and as the live view's rows. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <linux/unix_diag.h>
#include "json.h"
#include "look.h"
#include "netproc.h"
#include "out.h"
#include "probe.h"

#define LOOK_SOCK_LISTENING 0x10000   /* __SO_ACCEPTCON in /proc/net/unix's Flags */

/* The socket's state from its line in /proc/net/unix ("Num RefCount
 * Protocol Flags Type St Inode Path"); "closed" when it has none. */
static const char *look_sock_state(uint64_t ino)
{
	static const char *const st[] = { "?", N_("unconnected"), N_("connecting"), N_("connected"), N_("disconnecting") };
	FILE *f = fopen("/proc/net/unix", "re");
	char line[512];
	const char *state = N_("closed");
	while (f && fgets(line, sizeof line, f)) {
		unsigned long flags, type, s;
		unsigned long long i;
		if (sscanf(line, "%*s %*s %*s %lx %lx %lx %llu", &flags, &type, &s, &i) != 4 || i != ino)
			continue;
		state = (flags & LOOK_SOCK_LISTENING) ? N_("listening") : s < 5 ? st[s] : "?";
		break;
	}
	if (f)
		fclose(f);
	return state;
}

/* unix_diag's answer: the peer's inode and a listener's queue. */
static bool look_sock_diag_msg(const struct nlmsghdr *h, void *arg)
{
	struct w_object *wo = arg;
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof *m));
	for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == UNIX_DIAG_PEER)
			wo->peer_ino = *(uint32_t *)RTA_DATA(a);
		else if (a->rta_type == UNIX_DIAG_RQLEN && !strcmp(wo->sock_state, "listening")) {
			const struct unix_diag_rqlen *q = RTA_DATA(a);
			wo->pending = q->udiag_rqueue;
			wo->backlog = q->udiag_wqueue;
		}
	}
	return true;
}

/* The kernel's sock_diag answer for the socket with inode ino: its peer's
 * inode (0: none) and, for a listener, the connections waiting for
 * accept and its backlog. -1 when the kernel cannot say (no unix_diag). */
static int look_sock_diag(uint64_t ino, struct w_object *wo)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req r;
	} req = {
		.nlh = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = ~0u, .udiag_ino = (uint32_t)ino,
		       .udiag_show = UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN, .udiag_cookie = { ~0u, ~0u } },
	};
	return netproc_diag(&req.nlh, look_sock_diag_msg, wo);
}

/* The session's object that is wo's peer socket, or NULL. */
static const struct w_object *look_sock_peer(const struct world *w, const struct w_object *wo)
{
	for (size_t i = 0; i < w->nobjs; i++) {
		const struct w_object *p = &w->objs[i];
		if (p->o->kind != OBJ_SOCK || p == wo)
			continue;
		if (wo->peer_ino && p->o->link_ino == wo->peer_ino)
			return p;
		if (wo->sock_remote[0] && !strcmp(p->sock_local, wo->sock_remote) && !strcmp(p->sock_remote, wo->sock_local))
			return p;           /* the same connection seen from its other end */
	}
	return NULL;
}

/* A TCP socket connected to a listener of the session whose accept has not
 * taken the other end yet, or still connecting to it: that listener. */
static const struct w_object *look_sock_listener(const struct world *w, const struct w_object *wo)
{
	bool waits = !strcmp(wo->sock_state, "ESTABLISHED") || !strcmp(wo->sock_state, "SYN_SENT");
	for (size_t i = 0; wo->sock_remote[0] && waits && i < w->nobjs; i++) {
		const struct w_object *p = &w->objs[i];
		if (p->o->kind == OBJ_SOCK && !strcmp(p->sock_local, wo->sock_remote) && !strcmp(p->sock_state, "LISTEN"))
			return p;
	}
	return NULL;
}

static const char *look_sock_type(const struct object *o)
{
	static const char *const words[2][3] = {
		{ N_("unix stream"), N_("tcp"), N_("tcp6") },
		{ N_("unix datagram"), N_("udp"), N_("udp6") },
	};
	return words[o->sotype == SOCK_DGRAM][o->sofamily == AF_INET ? 1 : o->sofamily == AF_INET6 ? 2 : 0];
}

/* SIOCINQ: the bytes a recv would find (a datagram socket: the next
 * datagram's size; TCP: data only, not a FIN); -1 when it cannot say. */
static int64_t look_sock_inq(int fd)
{
	int n = 0;
	return ioctl(fd, SIOCINQ, &n) == 0 ? n : -1;
}

/* A TCP connection's other end held by a process outside the session:
 * its inode from the line with the two addresses swapped, its holder
 * from the /proc/PID/fd links (as ss -p finds it). */
static void look_sock_outside_peer(struct w_object *wo)
{
	struct netproc_sock ps;
	const struct object *o = wo->o;
	if (o->sotype != SOCK_STREAM || !wo->sock_remote[0] ||
	    netproc_find_conn(o->sofamily, wo->sock_remote, wo->sock_local, &ps) < 0 || !ps.ino)
		return;
	for (size_t i = 0; i < reg.nobjs; i++)
		if (reg.objs[i]->kind == OBJ_SOCK && reg.objs[i]->link_ino == ps.ino)
			return;         /* the session's own socket */
	wo->peer_pid = probe_socket_pid(ps.ino);
}

static void look_sock_inet(struct w_object *wo)
{
	struct netproc_sock ns;
	const struct object *o = wo->o;
	if (netproc_find(o->sofamily, o->sotype, o->link_ino, &ns) < 0 &&
	    (!o->conn_local || netproc_find_conn(o->sofamily, o->conn_local, o->conn_remote, &ns) < 0)) {
		wo->sock_state = "CLOSE";    /* no line: closed, and its connection forgotten */
		return;
	}
	wo->sock_state = ns.state;
	wo->drops = ns.drops;
	snprintf(wo->sock_local, sizeof wo->sock_local, "%s", ns.local);
	if (strcmp(ns.remote, "0.0.0.0:0") && strcmp(ns.remote, "[::]:0"))
		snprintf(wo->sock_remote, sizeof wo->sock_remote, "%s", ns.remote);
	if (!strcmp(ns.state, "LISTEN")) {
		wo->pending = ns.rxq;
		wo->backlog = netproc_backlog(o->sofamily, o->link_ino);   /* not in the file */
	}
	else if (wo->o->sotype == SOCK_STREAM)
		wo->outq = ns.txq;
	int fd = look_borrow(wo);
	if (fd >= 0 && strcmp(ns.state, "LISTEN"))
		wo->inq = look_sock_inq(fd);
	if (fd >= 0)
		close(fd);
	look_sock_outside_peer(wo);
}

static void look_sock_probe(struct world *w, struct w_object *wo)
{
	wo->inq = wo->outq = wo->pending = wo->backlog = wo->drops = -1;
	if (wo->o->sofamily != AF_UNIX) {
		look_sock_inet(wo);
		return;
	}
	wo->sock_state = look_sock_state(wo->o->link_ino);
	look_sock_diag(wo->o->link_ino, wo);
	int fd = look_borrow(wo);
	if (fd < 0)
		return;
	if (strcmp(wo->sock_state, "listening"))   /* a listener has connections, not bytes */
		wo->inq = look_sock_inq(fd);
	struct ucred cr;
	socklen_t len = sizeof cr;
	if (!strcmp(wo->sock_state, "connected") && getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 && cr.pid > 0) {
		wo->peer_pid = cr.pid;
		const struct w_actor *wa = world_actor_by_pid(w, cr.pid);
		wo->peer = wa ? wa->a : NULL;
	}
	close(fd);
}

/* The bytes waiting each way, and a listener's connections; brief (the
 * live view's panel) without the reasons. */
static void look_sock_queues(struct buf *b, const struct w_object *wo, bool brief)
{
	const struct object *o = wo->o;
	if (wo->inq >= 0 && o->sotype == SOCK_DGRAM)   /* SIOCINQ: the next datagram's size */
		buf_printf(b, _("   next datagram %lld bytes"), (long long)wo->inq);
	else if (wo->inq >= 0)
		buf_printf(b, _("   %lld bytes to read"), (long long)wo->inq);
	if (wo->drops > 0)
		buf_printf(b, brief ? _(", %lld dropped") : _(", %lld dropped (datagrams that came while its receive buffer was full: their send had succeeded)"),
			   (long long)wo->drops);
	bool data = !strcmp(wo->sock_state, "ESTABLISHED") || !strcmp(wo->sock_state, "CLOSE_WAIT");
	if (wo->outq > 0 && data)      /* elsewhere a SYN or FIN counts one too */
		buf_printf(b, _(", %lld sent and not yet acknowledged"), (long long)wo->outq);
	if (brief && wo->pending >= 0 && wo->backlog >= 0)
		buf_printf(b, _("   accept queue %lld, backlog %lld%s"), (long long)wo->pending, (long long)wo->backlog,
			   wo->pending > wo->backlog ? _(" (full)") : "");
	else if (wo->pending >= 0 && wo->backlog >= 0 && o->sofamily == AF_UNIX)   /* the kernel's test: full when more than backlog wait */
		buf_printf(b, _("   waiting for accept: %lld (backlog %lld: a connect waits, or fails with EAGAIN when non-blocking, once more than %lld are waiting)"),
			   (long long)wo->pending, (long long)wo->backlog, (long long)wo->backlog);
	else if (wo->pending >= 0 && wo->backlog >= 0)
		buf_printf(b, _("   waiting for accept: %lld (backlog %lld: once more than %lld are waiting, the kernel drops new connections' SYNs, and their connect waits and tries again)"),
			   (long long)wo->pending, (long long)wo->backlog, (long long)wo->backlog);
	else if (wo->pending >= 0)
		buf_printf(b, _("   waiting for accept: %lld"), (long long)wo->pending);
	if (brief && !wo->nholders && o->conn_local && strcmp(wo->sock_state, "CLOSE"))
		buf_adds(b, _("   closed by its process, kept by the kernel"));
	else if (!wo->nholders && !strcmp(wo->sock_state, "TIME_WAIT"))
		buf_adds(b, _("   closed: the kernel keeps the connection in TIME_WAIT a while (a minute on Linux), so that late packets cannot be taken for a new connection between the same addresses"));
	else if (!wo->nholders && o->conn_local && strcmp(wo->sock_state, "CLOSE"))
		buf_adds(b, _("   closed by its process: the kernel finishes the connection on its own"));
}

/* Who is at the other end: a socket of the session, a listener's queue,
 * a process outside the session, or only an address; brief as above. */
static void look_sock_other_end(struct buf *b, const struct world *w, const struct w_object *wo, bool brief)
{
	const struct w_object *peer = look_sock_peer(w, wo);
	const struct w_object *queue = peer ? NULL : look_sock_listener(w, wo);
	if (peer) {
		buf_printf(b, _("   peer %s, held by"), peer->o->name);
		look_holders(b, peer, 0);
	} else if (brief && !strcmp(wo->sock_state, "SYN_SENT")) {
		buf_printf(b, _("   connecting to %s: SYN unanswered"), wo->sock_remote);
		if (queue && queue->backlog >= 0 && queue->pending > queue->backlog)
			buf_printf(b, _(" (%s's queue is full)"), queue->o->name);
	} else if (!strcmp(wo->sock_state, "SYN_SENT")) {
		buf_printf(b, _("   connecting to %s: its SYN has no answer yet, and the kernel sends it again after 1 s, then 2 s, 4 s..."),
			   wo->sock_remote);
		if (queue && queue->backlog >= 0 && queue->pending > queue->backlog)
			buf_printf(b, _("; %s listens there, but its accept queue is full, so the kernel drops the SYN until accept takes a connection"),
				   queue->o->name);
	} else if (queue) {
		buf_printf(b, _("   its peer waits in %s's accept queue"), queue->o->name);
	} else if (wo->sock_remote[0] && wo->peer_pid) {
		buf_printf(b, _("   peer %s, held by pid %d (outside the session)"), wo->sock_remote, wo->peer_pid);
	} else if (wo->sock_remote[0]) {
		buf_printf(b, _("   peer %s: no socket of the session (closed, or another program's)"), wo->sock_remote);
	} else if (wo->peer_ino) {
		buf_printf(b, _("   peer socket:[%llu] outside the session"), (unsigned long long)wo->peer_ino);
		if (wo->peer_pid)
			buf_printf(b, _(", pid %d by SO_PEERCRED (the peer's process when the connection was made)"), wo->peer_pid);
	}
}

/* Its type, state and address. */
static void look_sock_head(struct buf *b, const struct w_object *wo)
{
	const struct object *o = wo->o;
	buf_printf(b, " %s, %s", _(look_sock_type(o)), _(wo->sock_state));
	if (wo->sock_local[0])
		buf_printf(b, ", %s", wo->sock_local);
	else if (o->path)
		buf_printf(b, ", %s", o->path);
}

static void look_sock_text(const struct world *w, const struct w_object *wo, bool detail)
{
	(void)detail;
	struct buf b = {0};
	buf_printf(&b, "  %-4s %-10s", "sock", wo->o->name);
	look_sock_head(&b, wo);
	look_sock_queues(&b, wo, false);
	look_sock_other_end(&b, w, wo, false);
	buf_adds(&b, _("   held by:"));
	look_holders(&b, wo, 0);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void look_sock_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	const struct w_object *peer = look_sock_peer(w, wo);
	json_kstr(j, "family", o->sofamily == AF_INET ? "inet" : o->sofamily == AF_INET6 ? "inet6" : "unix");
	json_kstr(j, "type", o->sotype == SOCK_DGRAM ? "dgram" : "stream");
	json_kstr(j, "state", wo->sock_state);
	json_kstr_or_null(j, "local", wo->sock_local[0] ? wo->sock_local : o->path);
	json_key(j, "peer");
	if (wo->sock_remote[0]) {
		json_obj_begin(j);
		json_kstr(j, "address", wo->sock_remote);
		json_kstr_or_null(j, "object", peer ? peer->o->name : NULL);
		look_int_or_null(j, "pid", wo->peer_pid ? wo->peer_pid : -1);
		json_obj_end(j);
	} else if (wo->peer_ino) {
		json_obj_begin(j);
		json_kint(j, "inode", (int64_t)wo->peer_ino);
		json_kstr_or_null(j, "object", peer ? peer->o->name : NULL);
		look_int_or_null(j, "pid", wo->peer_pid ? wo->peer_pid : -1);
		json_kstr_or_null(j, "actor", wo->peer ? wo->peer->name : NULL);
		json_obj_end(j);
	} else {
		json_null(j);
	}
	look_int_or_null(j, "bytes_to_read", wo->inq);
	if (o->sofamily != AF_UNIX)
		look_int_or_null(j, "bytes_unsent", wo->outq);
	if (o->sofamily != AF_UNIX && o->sotype == SOCK_DGRAM)
		look_int_or_null(j, "drops", wo->drops);
	look_int_or_null(j, "pending", wo->pending);
	look_int_or_null(j, "backlog", wo->backlog);
	look_holders_json(j, wo);
}

void look_sock_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	char nb[64];
	for (size_t i = 0; i < w->nobjs; i++) {
		const struct w_object *wo = &w->objs[i];
		if (wo->o->kind != OBJ_SOCK)
			continue;
		struct buf b = {0};
		buf_adds(&b, tui_panel_name(wo->o->name, pick, nb, sizeof nb));
		look_sock_head(&b, wo);
		look_sock_queues(&b, wo, true);
		tui_rows_add(rows, "%s", b.s);
		buf_reset(&b);
		look_sock_other_end(&b, w, wo, true);
		if (b.len)
			tui_rows_add(rows, "%s", b.s);
		buf_reset(&b);
		buf_adds(&b, _("   held by:"));
		look_holders(&b, wo, 0);
		tui_rows_add(rows, "%s", b.s);
		buf_free(&b);
	}
}

const struct look look_sock = { look_sock_probe, look_sock_text, look_sock_json };
