/* sig.c: converts between signal numbers and the names kill -l uses. */
#include "config.h"
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sig.h"
#include "parse.h"

const char *sig_name(int sig, char *buf, int size)
{
	int lo = SIGRTMIN, hi = SIGRTMAX;
	if (sig >= lo && sig <= hi) {
		int mid = (lo + hi) / 2;
		if (sig == lo)
			snprintf(buf, (size_t)size, "SIGRTMIN");
		else if (sig == hi)
			snprintf(buf, (size_t)size, "SIGRTMAX");
		else if (sig <= mid)
			snprintf(buf, (size_t)size, "SIGRTMIN+%d", sig - lo);
		else
			snprintf(buf, (size_t)size, "SIGRTMAX-%d", hi - sig);
		return buf;
	}
	const char *abbr = sig > 0 && sig < NSIG ? sigabbrev_np(sig) : NULL;
	if (sig == SIGIO)
		abbr = "IO";              /* kill -l's name; glibc says POLL */
	if (abbr)
		snprintf(buf, (size_t)size, "SIG%s", abbr);
	else
		snprintf(buf, (size_t)size, "%d", sig);
	return buf;
}

static int sig_parse_rt(const char *s)
{
	int base;
	if (strncmp(s, "RTMIN", 5) == 0)
		base = SIGRTMIN;
	else if (strncmp(s, "RTMAX", 5) == 0)
		base = SIGRTMAX;
	else
		return -1;
	s += 5;
	if (!*s)
		return base;
	int64_t off;
	if ((*s != '+' && *s != '-') || parse_int(s + 1, 0, 64, &off) < 0)
		return -1;
	int sig = *s == '+' ? base + (int)off : base - (int)off;
	return sig >= SIGRTMIN && sig <= SIGRTMAX ? sig : -1;
}

const char *sig_short(int sig, char *buf, int size)
{
	sig_name(sig, buf, size);
	if (!strncmp(buf, "SIG", 3))
		memmove(buf, buf + 3, strlen(buf + 3) + 1);
	return buf;
}

int sig_parse(const char *s)
{
	int64_t n;
	/* 32 and 33 belong to glibc's threads: kill -l does not list them */
	if (isdigit((unsigned char)s[0]))
		return parse_int(s, 0, SIGRTMAX, &n) == 0 && (n < 32 || n >= SIGRTMIN) ? (int)n : -1;
	char up[32];
	size_t len = strlen(s);
	if (len >= sizeof up)
		return -1;
	for (size_t i = 0; i <= len; i++)
		up[i] = (char)toupper((unsigned char)s[i]);
	const char *p = strncmp(up, "SIG", 3) == 0 ? up + 3 : up;
	int rt = sig_parse_rt(p);
	if (rt > 0)
		return rt;
	static const struct { const char *alias; int sig; } aliases[] = {
		{ "IO", SIGIO }, { "POLL", SIGIO }, { "IOT", SIGABRT }, { "CLD", SIGCHLD },
	};
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcmp(aliases[i].alias, p))
			return aliases[i].sig;
	for (int i = 1; i < SIGRTMIN; i++) {
		const char *abbr = sigabbrev_np(i);
		if (abbr && strcmp(abbr, p) == 0)
			return i;
	}
	return -1;
}

uint64_t sig_mask_parse(const char *hex)
{
	return strtoull(hex, NULL, 16);
}
