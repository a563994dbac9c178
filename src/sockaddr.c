/* sockaddr.c: socket addresses from text and back (sockaddr.h), shared by
 * the commands (to check what the learner wrote) and the actor (to make the
 * call); ports 0 to 65535, 0 meaning "any free port" at bind. */
#include "config.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include "sockaddr.h"

static int sockaddr_port(const char *s, in_port_t *port)
{
	char *end;
	if (!*s || strlen(s) > 5)
		return -1;
	long p = strtol(s, &end, 10);
	if (*end || p < 0 || p > 65535)
		return -1;
	*port = htons((in_port_t)p);
	return 0;
}

static int sockaddr_unix(const char *text, struct sockaddr_un *sa, socklen_t *len)
{
	size_t n = strlen(text);
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	if (!n || n >= sizeof sa->sun_path || (text[0] == '@' && n == 1))
		return -1;
	memcpy(sa->sun_path, text, n);
	if (text[0] == '@')                /* abstract: a NUL, then the name */
		sa->sun_path[0] = '\0';
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (text[0] == '@' ? 0 : 1));
	return 0;
}

static int sockaddr_inet(const char *text, struct sockaddr_in *sa, socklen_t *len)
{
	const char *colon = strrchr(text, ':');
	char host[INET_ADDRSTRLEN] = "127.0.0.1";
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - text) >= sizeof host || sockaddr_port(colon + 1, &sa->sin_port) < 0)
		return -1;
	if (colon > text)
		snprintf(host, sizeof host, "%.*s", (int)(colon - text), text);
	*len = sizeof *sa;
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

static int sockaddr_inet6(const char *text, struct sockaddr_in6 *sa, socklen_t *len)
{
	char host[INET6_ADDRSTRLEN] = "::1";
	const char *port = text + 1;
	memset(sa, 0, sizeof *sa);
	sa->sin6_family = AF_INET6;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof host)
			return -1;
		snprintf(host, sizeof host, "%.*s", (int)(close - text - 1), text + 1);
		port = close + 2;
	} else if (text[0] != ':') {
		return -1;
	}
	*len = sizeof *sa;
	if (sockaddr_port(port, &sa->sin6_port) < 0)
		return -1;
	return inet_pton(AF_INET6, host, &sa->sin6_addr) == 1 ? 0 : -1;
}

int sockaddr_parse(int family, const char *text, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	switch (family) {
	case AF_UNIX: return sockaddr_unix(text, (struct sockaddr_un *)ss, len);
	case AF_INET: return sockaddr_inet(text, (struct sockaddr_in *)ss, len);
	case AF_INET6: return sockaddr_inet6(text, (struct sockaddr_in6 *)ss, len);
	default: return -1;
	}
}

const char *sockaddr_format(const struct sockaddr *sa, socklen_t len, char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN];
	buf[0] = '\0';
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
		snprintf(buf, size, "%s:%u", host, ntohs(in->sin_port));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
		snprintf(buf, size, "[%s]:%u", host, ntohs(in6->sin6_port));
	} else if (sa->sa_family == AF_UNIX && len > offsetof(struct sockaddr_un, sun_path)) {
		const struct sockaddr_un *un = (const struct sockaddr_un *)sa;
		size_t n = len - offsetof(struct sockaddr_un, sun_path);
		if (un->sun_path[0])
			snprintf(buf, size, "%.*s", (int)strnlen(un->sun_path, n), un->sun_path);
		else if (n > 1)
			snprintf(buf, size, "@%.*s", (int)(n - 1), un->sun_path + 1);
	}
	return buf;
}
