/* netproc.c: /proc/net/{tcp,udp}{,6} read by inode (netproc.h). proc(5):
 * "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt
 * uid timeout inode ...", addresses in hex as the kernel holds them in
 * memory (network order words printed as host numbers), ports in hex.
 * A TCP listener's backlog, which the file lacks, from the kernel's socket
 * diagnostics (NETLINK_SOCK_DIAG, inet_diag: ss -tln's Send-Q). */
#include "config.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include "netproc.h"

/* include/net/tcp_states.h, in its order from 1 */
static const char *const netproc_states[] = {
	"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
	"CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
};

/* "0100007F:1F90" (or 32 hex digits for IPv6) as text. */
static void netproc_addr(int family, const char *hex, char *out, size_t size)
{
	const char *colon = strchr(hex, ':');
	unsigned port = colon ? (unsigned)strtoul(colon + 1, NULL, 16) : 0;
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;
		in->sin_family = AF_INET;
		in->sin_port = htons((in_port_t)port);
		in->sin_addr.s_addr = (uint32_t)strtoul(hex, NULL, 16);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((in_port_t)port);
		for (int i = 0; i < 4; i++) {
			char word[9];
			memcpy(word, hex + 8 * i, 8);
			word[8] = '\0';
			uint32_t v = (uint32_t)strtoul(word, NULL, 16);
			memcpy(&in6->sin6_addr.s6_addr[4 * i], &v, 4);
		}
	}
	sockaddr_format((struct sockaddr *)&ss, sizeof ss, out, size);
}

/* During a look at the kernel (netproc_frame), each file is read once:
 * every socket of the snapshot finds its line in the same text. */
static struct netproc_frame {
	bool on;
	char *text[4];                 /* tcp, tcp6, udp, udp6; NULL: not read yet */
} netproc_fr;

void netproc_frame(bool on)
{
	for (size_t i = 0; i < 4; i++) {
		free(netproc_fr.text[i]);
		netproc_fr.text[i] = NULL;
	}
	netproc_fr.on = on;
}

/* The whole file (malloc'd, or the frame's copy, which the caller must
 * not free: *own says which); NULL when it cannot be read. */
static char *netproc_text(int family, int type, bool *own)
{
	int k = (type == SOCK_DGRAM) * 2 + (family == AF_INET6);
	char path[32];
	*own = !netproc_fr.on;
	if (netproc_fr.on && netproc_fr.text[k])
		return netproc_fr.text[k];
	snprintf(path, sizeof path, "/proc/net/%s%s", type == SOCK_DGRAM ? "udp" : "tcp", family == AF_INET6 ? "6" : "");
	FILE *f = fopen(path, "re");
	char *text = NULL;
	size_t n = 0;
	if (f && getdelim(&text, &n, '\0', f) < 0) {
		free(text);
		text = NULL;
	}
	if (f)
		fclose(f);
	if (netproc_fr.on)
		netproc_fr.text[k] = text;
	return text;
}

/* The line of the file matching ino, or (ino 0) the addresses in *out. */
static int netproc_scan(int family, int type, uint64_t ino, struct netproc_sock *out)
{
	char line[512];
	bool own;
	char *text = netproc_text(family, type, &own);
	int rc = -1;
	for (const char *p = text, *nl; p && *p && rc < 0; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		char local[64], remote[64];
		unsigned st;
		unsigned long tx, rx;
		unsigned long long i, drops = 0;   /* udp's last field: "inode ref pointer drops" */
		int n = sscanf(line, " %*s %63s %63s %x %lx:%lx %*s %*s %*s %*s %llu %*s %*s %llu", local, remote, &st, &tx,
			       &rx, &i, &drops);
		if (n < 6 || (ino && i != ino))
			continue;
		char l[SOCKADDR_TEXT_MAX], r[SOCKADDR_TEXT_MAX];
		netproc_addr(family, local, l, sizeof l);
		netproc_addr(family, remote, r, sizeof r);
		if (!ino && (strcmp(l, out->local) || strcmp(r, out->remote)))
			continue;
		out->state = st < sizeof netproc_states / sizeof *netproc_states ? netproc_states[st] : "?";
		if (type == SOCK_DGRAM)       /* UDP has no connection: the kernel's 1 and 7 */
			out->state = st == 1 ? "connected" : "unconnected";
		memcpy(out->local, l, sizeof l);
		memcpy(out->remote, r, sizeof r);
		out->ino = i;
		out->drops = type == SOCK_DGRAM && n == 7 ? (int64_t)drops : -1;
		out->txq = (int64_t)tx;
		out->rxq = (int64_t)rx;
		rc = 0;
	}
	if (own)
		free(text);
	return rc;
}

int netproc_find(int family, int type, uint64_t ino, struct netproc_sock *out)
{
	return ino ? netproc_scan(family, type, ino, out) : -1;
}

int netproc_diag(struct nlmsghdr *req, bool (*each)(const struct nlmsghdr *h, void *arg), void *arg)
{
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return -1;
	bool found = false, done = send(fd, req, req->nlmsg_len, 0) < 0;
	long buf[2048];
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		for (done = n <= 0; !done && NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
			done = h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR ||
			       (h->nlmsg_type == SOCK_DIAG_BY_FAMILY && (found = each(h, arg)));
		done |= !(req->nlmsg_flags & NLM_F_DUMP);   /* one answer to one question */
	}
	close(fd);
	return found ? 0 : -1;
}

struct netproc_listener {
	uint64_t ino;
	int64_t backlog;
};

/* One inet_diag answer: is it the listener? */
static bool netproc_diag_msg(const struct nlmsghdr *h, void *arg)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	struct netproc_listener *l = arg;
	if (m->idiag_inode != l->ino)
		return false;
	l->backlog = m->idiag_wqueue;    /* a listener's sk_max_ack_backlog */
	return true;
}

int64_t netproc_backlog(int family, uint64_t ino)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req = {
		.nlh = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = (uint8_t)family, .sdiag_protocol = IPPROTO_TCP, .idiag_states = 1u << TCP_LISTEN },
	};
	struct netproc_listener l = { ino, -1 };
	netproc_diag(&req.nlh, netproc_diag_msg, &l);
	return l.backlog;
}

int netproc_find_conn(int family, const char *local, const char *remote, struct netproc_sock *out)
{
	snprintf(out->local, sizeof out->local, "%s", local);
	snprintf(out->remote, sizeof out->remote, "%s", remote);
	return netproc_scan(family, SOCK_STREAM, 0, out);
}
