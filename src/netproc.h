/* netproc.h: a TCP or UDP socket as the kernel lists it in
 * /proc/net/tcp, tcp6, udp and udp6 (the files ss and netstat read too),
 * found by its inode or its addresses; and the kernel's socket
 * diagnostics (NETLINK_SOCK_DIAG) asked, as ss asks them. */
#ifndef IPCSH_NETPROC_H
#define IPCSH_NETPROC_H

#include <stdbool.h>
#include <stdint.h>
#include "sockaddr.h"

struct netproc_sock {
	const char *state;             /* TCP: the kernel's name ("LISTEN",
					* "ESTABLISHED", ...); UDP: "connected"
					* (connect named a peer) or "unconnected" */
	char local[SOCKADDR_TEXT_MAX]; /* "127.0.0.1:8080", "[::1]:8080" */
	char remote[SOCKADDR_TEXT_MAX];/* "0.0.0.0:0" when it has no peer */
	int64_t txq, rxq;              /* tx_queue, rx_queue. TCP: bytes sent and not
					* yet acknowledged, and not yet read (a FIN
					* counts one); a listener: 0 and connections
					* waiting for accept. UDP: memory, not bytes */
	int64_t drops;                 /* UDP: datagrams that came and were dropped
					* (its receive buffer was full); TCP: -1 */
	uint64_t ino;                  /* its inode; 0 when no descriptor holds it
					* (TIME_WAIT, in an accept queue) */
};

/* The line for the socket of family (AF_INET, AF_INET6) and type
 * (SOCK_STREAM: tcp, SOCK_DGRAM: udp) with inode ino: 0, or -1 when the
 * kernel lists none (closed, or in TIME_WAIT: no inode any more). */
int netproc_find(int family, int type, uint64_t ino, struct netproc_sock *out);
/* A look at the kernel begins (on) or ends: in between each file is read
 * once, however many sockets ask. */
void netproc_frame(bool on);
/* A TCP connection by its two addresses, whatever its inode: one whose
 * socket was closed while the kernel still keeps it (TIME_WAIT, FIN_WAIT2,
 * LAST_ACK: no inode any more). 0, or -1 when the kernel forgot it. */
int netproc_find_conn(int family, const char *local, const char *remote, struct netproc_sock *out);
/* A TCP listener's backlog (listen's, as the kernel capped it), by its
 * inode; -1 when the kernel does not say. */
int64_t netproc_backlog(int family, uint64_t ino);
/* Ask the kernel's socket diagnostics (NETLINK_SOCK_DIAG, as ss does) the
 * question req; each answer goes to each until it says it found what was
 * asked. 0 when it did, -1 when not (or the kernel cannot say). */
struct nlmsghdr;
int netproc_diag(struct nlmsghdr *req, bool (*each)(const struct nlmsghdr *h, void *arg), void *arg);

#endif
