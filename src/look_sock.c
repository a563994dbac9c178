/* look_sock.c: UNIX domain sockets looked at: their line in
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
#include "out.h"

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

/* The kernel's sock_diag answer for the socket with inode ino: its peer's
 * inode (0: none) and, for a listener, the connections waiting for
 * accept and its backlog. -1 when the kernel cannot say (no unix_diag). */
static int look_sock_diag(uint64_t ino, struct w_object *wo)
{
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return -1;
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req r;
	} req = {
		.nlh = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = ~0u, .udiag_ino = (uint32_t)ino,
		       .udiag_show = UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN, .udiag_cookie = { ~0u, ~0u } },
	};
	long buf[1024];
	ssize_t n = send(fd, &req, sizeof req, 0) < 0 ? -1 : recv(fd, buf, sizeof buf, 0);
	close(fd);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	if (n <= 0 || !NLMSG_OK(h, (size_t)n) || h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return -1;
	struct unix_diag_msg *m = NLMSG_DATA(h);
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
	return 0;
}

/* The session's object that is wo's peer socket, or NULL. */
static const struct w_object *look_sock_peer(const struct world *w, const struct w_object *wo)
{
	for (size_t i = 0; wo->peer_ino && i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_SOCK && w->objs[i].o->link_ino == wo->peer_ino)
			return &w->objs[i];
	return NULL;
}

static void look_sock_probe(struct world *w, struct w_object *wo)
{
	wo->inq = wo->pending = wo->backlog = -1;
	wo->sock_state = look_sock_state(wo->o->link_ino);
	look_sock_diag(wo->o->link_ino, wo);
	int fd = look_borrow(wo);
	if (fd < 0)
		return;
	int n = 0;
	if (strcmp(wo->sock_state, "listening"))   /* a listener has connections, not bytes */
		wo->inq = ioctl(fd, SIOCINQ, &n) == 0 ? n : -1;
	struct ucred cr;
	socklen_t len = sizeof cr;
	if (!strcmp(wo->sock_state, "connected") && getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 && cr.pid > 0) {
		wo->peer_pid = cr.pid;
		const struct w_actor *wa = world_actor_by_pid(w, cr.pid);
		wo->peer = wa ? wa->a : NULL;
	}
	close(fd);
}

static void look_sock_fields(struct buf *b, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	const struct w_object *peer = look_sock_peer(w, wo);
	buf_printf(b, " %s, %s", o->sotype == SOCK_DGRAM ? _("unix datagram") : _("unix stream"), _(wo->sock_state));
	if (o->path)
		buf_printf(b, ", %s", o->path);
	if (wo->inq >= 0 && o->sotype == SOCK_DGRAM)   /* SIOCINQ: the next datagram's size */
		buf_printf(b, _("   next datagram %lld bytes"), (long long)wo->inq);
	else if (wo->inq >= 0)
		buf_printf(b, _("   %lld bytes to read"), (long long)wo->inq);
	if (wo->pending >= 0)
		buf_printf(b, _("   %lld of %lld connections wait for accept"), (long long)wo->pending, (long long)wo->backlog);
	if (peer) {
		buf_printf(b, _("   peer %s, held by"), peer->o->name);
		look_holders(b, peer, 0);
	} else if (wo->peer_ino) {
		buf_printf(b, _("   peer socket:[%llu] outside the session"), (unsigned long long)wo->peer_ino);
		if (wo->peer_pid)
			buf_printf(b, _(" (SO_PEERCRED: pid %d)"), wo->peer_pid);
	}
}

static void look_sock_text(const struct world *w, const struct w_object *wo, bool detail)
{
	(void)detail;
	struct buf b = {0};
	buf_printf(&b, "  %-4s %-10s", "sock", wo->o->name);
	look_sock_fields(&b, w, wo);
	buf_adds(&b, _("   held by:"));
	look_holders(&b, wo, 0);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void look_sock_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	const struct w_object *peer = look_sock_peer(w, wo);
	json_kstr(j, "family", "unix");
	json_kstr(j, "type", o->sotype == SOCK_DGRAM ? "dgram" : "stream");
	json_kstr(j, "state", wo->sock_state);
	json_kstr_or_null(j, "local", o->path);
	json_key(j, "peer");
	if (wo->peer_ino) {
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
		look_sock_fields(&b, w, wo);
		tui_rows_add(rows, "%s", b.s);
		buf_reset(&b);
		buf_adds(&b, _("   held by:"));
		look_holders(&b, wo, 0);
		tui_rows_add(rows, "%s", b.s);
		buf_free(&b);
	}
}

const struct look look_sock = { look_sock_probe, look_sock_text, look_sock_json };
