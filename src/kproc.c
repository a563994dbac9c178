/* kproc.c: /proc/PID/stat (proc(5): the fields after the command name,
 * which may hold spaces and ')'), /proc/PID/status (its "Key:\tvalue"
 * lines), wchan, syscall ("NR ARG1 ... SP PC", or "running") and maps
 * read into typed structs. */
#include "config.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kproc.h"
#include "util.h"

/* /proc/PID/FILE into buf, NUL-terminated; -1 with errno. */
static int kproc_read(pid_t pid, const char *file, char *buf, size_t size)
{
	char path[64];
	if (pid <= 0) {
		errno = ESRCH;
		return -1;
	}
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	return util_read_file(path, buf, size) < 0 ? -1 : 0;
}

int kproc_stat(pid_t pid, struct kproc_stat *st)
{
	char buf[1024];
	memset(st, 0, sizeof *st);
	st->exit_code = -1;
	if (kproc_read(pid, "stat", buf, sizeof buf) < 0)
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
	char buf[4096];
	memset(st, 0, sizeof *st);
	if (kproc_read(pid, "status", buf, sizeof buf) < 0)
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

int kproc_syscall(pid_t pid, struct kproc_syscall *sc)
{
	char buf[256];
	memset(sc, 0, sizeof *sc);
	if (kproc_read(pid, "syscall", buf, sizeof buf) < 0)
		return -1;
	sc->running = !strncmp(buf, "running", 7);
	if (sc->running)
		return 0;
	char *sp;
	sc->nr = strtol(buf, &sp, 10);
	sc->arg0 = *sp == ' ' ? strtoul(sp + 1, NULL, 16) : 0;
	return 0;
}

int kproc_wchan(pid_t pid, char *out, size_t n)
{
	if (kproc_read(pid, "wchan", out, n) < 0) {
		if (n)
			out[0] = '\0';
		return -1;
	}
	if (!strcmp(out, "0"))             /* not asleep */
		out[0] = '\0';
	return 0;
}

/* "lo-hi perms offset dev inode   path" */
static bool kproc_map_line(char *line, struct kproc_map *m)
{
	unsigned long long lo, hi;
	int at = 0;
	memset(m, 0, sizeof *m);
	if (sscanf(line, "%llx-%llx %4s %*s %*s %*s %n", &lo, &hi, m->perms, &at) != 3 || !at)
		return false;
	line[strcspn(line, "\n")] = '\0';
	char *path = line + at;
	size_t len = strlen(path);
	static const char del[] = " (deleted)";
	if (len >= sizeof del - 1 && !strcmp(path + len - (sizeof del - 1), del)) {
		m->deleted = true;
		path[len - (sizeof del - 1)] = '\0';
	}
	m->lo = lo;
	m->hi = hi;
	m->path = xstrdup(path);
	return true;
}

int kproc_maps(pid_t pid, struct kproc_map **maps, size_t *n)
{
	char path[64], line[PATH_MAX + 128];
	*maps = NULL;
	*n = 0;
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	FILE *f = pid > 0 ? fopen(path, "re") : NULL;
	if (!f)
		return -1;
	struct kproc_map m;
	while (fgets(line, sizeof line, f))
		if (kproc_map_line(line, &m)) {
			*maps = xrealloc(*maps, (*n + 1) * sizeof **maps);
			(*maps)[(*n)++] = m;
		}
	fclose(f);
	return 0;
}

void kproc_maps_free(struct kproc_map *maps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(maps[i].path);
	free(maps);
}
