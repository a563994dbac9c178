/* kproc.c: /proc/PID/stat (proc(5): the fields after the command name,
 * which may hold spaces and ')') and /proc/PID/status (its "Key:\tvalue"
 * lines) read into typed structs. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kproc.h"
#include "util.h"

int kproc_stat(pid_t pid, struct kproc_stat *st)
{
	char path[64], buf[1024];
	memset(st, 0, sizeof *st);
	st->exit_code = -1;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (pid <= 0 || util_read_file(path, buf, sizeof buf) < 0)
		return -1;
	char *p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return -1;
	p += 2;                            /* field 3 */
	for (int field = 3; *p; field++) {
		if (field == 3)
			st->state = *p;
		else if (field == 4)
			st->ppid = (pid_t)atoi(p);
		else if (field == 22)
			st->starttime = strtoull(p, NULL, 10);
		else if (field == 52)
			st->exit_code = atoi(p);
		char *sp = strchr(p, ' ');
		if (!sp)
			break;
		p = sp + 1;
	}
	return 0;
}

static uint64_t kproc_hex(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);
	return p ? strtoull(p + strlen(key), NULL, 16) : 0;
}

int kproc_status(pid_t pid, struct kproc_status *st)
{
	char path[64], buf[4096];
	memset(st, 0, sizeof *st);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (pid <= 0 || util_read_file(path, buf, sizeof buf) < 0)
		return -1;
	const char *s = strstr(buf, "\nState:\t");
	st->state = s ? s[8] : 0;
	st->pending = kproc_hex(buf, "\nSigPnd:\t") | kproc_hex(buf, "\nShdPnd:\t");
	st->blocked = kproc_hex(buf, "\nSigBlk:\t");
	st->ignored = kproc_hex(buf, "\nSigIgn:\t");
	st->caught = kproc_hex(buf, "\nSigCgt:\t");
	const char *c = strstr(buf, "\nCoreDumping:\t");
	st->coredumping = c && atoi(c + 14);
	const char *v = strstr(buf, "\nvoluntary_ctxt_switches:");
	st->vol_ctxsw = v ? strtoull(v + 26, NULL, 10) : 0;
	return 0;
}
