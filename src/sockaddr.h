/* sockaddr.h: socket addresses as a learner writes them and as the kernel
 * takes them: a path or @name (AF_UNIX), 127.0.0.1:PORT or :PORT
 * (AF_INET, loopback), [::1]:PORT or :PORT (AF_INET6, loopback). */
#ifndef IPCSH_SOCKADDR_H
#define IPCSH_SOCKADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define SOCKADDR_TEXT_MAX 112   /* the longest text form, with its NUL */

/* text as an address of family; 0, or -1 when it is not one. */
int sockaddr_parse(int family, const char *text, struct sockaddr_storage *ss, socklen_t *len);
/* The text form of an address ("127.0.0.1:8080", "[::1]:8080", a path,
 * "@name", or "" for an unnamed UNIX socket) into buf. */
const char *sockaddr_format(const struct sockaddr *sa, socklen_t len, char *buf, size_t size);

#endif
