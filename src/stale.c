/* stale.c: what dead sessions of this user left: their state files read
 * (each object line checked to still lead to the object that session
 * made), reported at start and removed by "cleanup --stale". Only
 * sessions of this user whose process is gone are touched. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kinds.h"
#include "isolate.h"
#include "kproc.h"
#include "out.h"
#include "registry.h"
#include "stale.h"

static unsigned long long stale_starttime(pid_t pid)
{
	struct kproc_stat st;
	return kproc_stat(pid, &st) == 0 ? st.starttime : 0;
}

struct stale {
	pid_t pid;
	char dir[PATH_MAX];
	bool other_ns;           /* its IPC objects were in another namespace (--isolated) */
	struct buf objs;         /* its "obj ..." lines, as reg_obj_line wrote them */
	int nactors;
};

void stale_scan(const char *text, size_t len, struct stale_text *t)
{
	memset(t, 0, sizeof *t);
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		char *line = xstrndup(text + at, n > STALE_LINE_MAX ? STALE_LINE_MAX : n);
		char w2[64];
		unsigned long long start;
		if (sscanf(line, "session %63s %llu", w2, &start) == 2)
			t->start = start;
		else if (sscanf(line, "ns %63s", w2) == 1)
			snprintf(t->ipcns, sizeof t->ipcns, "%s", w2);
		else if (!strncmp(line, "obj ", 4))
			buf_printf(&t->objs, "%s\n", line);
		else if (!strncmp(line, "actor ", 6))
			t->nactors++;
		free(line);
		at += n + 1;
	}
}

/* Read a session's state file; returns 1 when that session is dead. */
static int stale_read(const char *name, struct stale *s)
{
	char *end;
	long pid = strtol(name, &end, 10);
	if (*end || pid <= 0 || pid == reg.pid)
		return 0;
	memset(s, 0, sizeof *s);
	s->pid = (pid_t)pid;
	snprintf(s->dir, sizeof s->dir, "%.3800s/%.64s", reg.base, name);
	struct stat st;
	if (lstat(s->dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
		return 0;
	char path[PATH_MAX + 8];
	snprintf(path, sizeof path, "%s/.state", s->dir);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct buf text = {0};
	char chunk[8192];
	ssize_t k;
	while (fd >= 0 && text.len < STALE_FILE_MAX && (k = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&text, chunk, (size_t)k);
	if (fd >= 0)
		close(fd);
	struct stale_text t;
	stale_scan(text.s ? text.s : "", text.len, &t);
	buf_free(&text);
	s->objs = t.objs;
	s->nactors = t.nactors;
	const char *ns = isolate_ipc_ns();
	s->other_ns = t.ipcns[0] && ns && strcmp(t.ipcns, ns);
	unsigned long long now = stale_starttime(s->pid);
	/* alive; or, from inside --isolated, a dead session whose objects are
	 * in another namespace that only a session out there can reach: its
	 * record is left for one */
	if ((now && (t.start == 0 || now == t.start)) || (s->other_ns && isolate_active())) {
		buf_free(&s->objs);
		return 0;
	}
	return 1;
}

int stale_obj_parse(const char *line, struct object *o)
{
	char kind[16];
	unsigned long long dev, ino, bt;
	int off = 0;
	memset(o, 0, sizeof *o);
	if (sscanf(line, "obj %15s %32s %d %d %llu %llu %llu %n", kind, o->name, &o->id, &o->key, &dev, &ino,
		   &bt, &off) != 7 || !off || reg_kind_by_name(kind) < 0)
		return -1;
	o->kind = (enum obj_kind)reg_kind_by_name(kind);
	o->dev = dev;
	o->ino = ino;
	o->btime = bt;
	o->path = xstrndup(line + off, strcspn(line + off, "\n"));
	o->owned = true;
	return 0;
}

/* Call fn on each object a dead session recorded that is still its own. */
static void stale_objs(struct stale *s, void (*fn)(const struct object *))
{
	for (char *p = s->objs.s, *nl; p && (nl = strchr(p, '\n')); p = nl + 1) {
		struct object o;
		if (stale_obj_parse(p, &o) < 0)
			continue;
		/* an isolated session's System V and POSIX objects went with
		 * its namespace (seen from outside it: from inside, such a
		 * session is never read); an id here would be another object's */
		bool gone = s->other_ns && o.kind != OBJ_FIFO && o.kind != OBJ_FILE && o.kind != OBJ_SOCK;
		if (!gone && reg_obj_is_ours(&o))
			fn(&o);
		free(o.path);
	}
}

static int stale_each(void (*fn)(struct stale *))
{
	DIR *d = opendir(reg.base);
	if (!d)
		return 0;
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stale s;
		if (!stale_read(e->d_name, &s))
			continue;
		fn(&s);
		buf_free(&s.objs);
		count++;
	}
	closedir(d);
	return count;
}

static void stale_print_obj(const struct object *o)
{
	const struct kind_desc *k = &kinds[o->kind];
	if (!k->leftover)
		return;
	if (k->by_id)
		fprintf(stderr, ", %s %d", _(k->leftover), o->id);
	else
		fprintf(stderr, ", %s %s", _(k->leftover), o->path);
}

static void stale_print(struct stale *s)
{
	fprintf(stderr, _("ipcsh: a dead session (pid %d) left %s behind"), (int)s->pid, s->dir);
	stale_objs(s, stale_print_obj);
	fputc('\n', stderr);
}

int stale_report(void)
{
	int n = stale_each(stale_print);
	if (n)
		fprintf(stderr, _("ipcsh: \"cleanup --stale\" removes what dead sessions left\n"));
	return n;
}

static void stale_unlink_obj(const struct object *o)
{
	if (kinds[o->kind].unlink)
		kinds[o->kind].unlink(o);
}

static void stale_unlink(struct stale *s)
{
	stale_objs(s, stale_unlink_obj);
	reg_remove_dir(s->dir);
	out_printf(_("  removed the leftovers of dead session %d (%s)"), (int)s->pid, s->dir);
}

int stale_remove(void)
{
	return stale_each(stale_unlink);
}
