/* look_file.c: files made with mkfile looked at: their size (if the path
 * still names them) and the locks on them in /proc/locks, held and
 * waited for; as text, as JSON and as the live view's rows. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "json.h"
#include "look.h"
#include "out.h"

/* /proc/locks: "1: POSIX  ADVISORY  WRITE 123 08:01:456 0 EOF", and a
 * waiter's line "1: -> POSIX ...". Those on the file's inode. */
static void look_file_locks(struct w_object *wo)
{
	FILE *f = fopen("/proc/locks", "re");
	if (!f)
		return;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		char *p = strchr(line, ':');
		if (!p)
			continue;
		p++;
		bool waiting = strstr(p, "->") != NULL;
		if (waiting)
			p = strstr(p, "->") + 2;
		char kind[16], mode[16], rw[16], end[32];
		int pid;
		unsigned maj, min;
		unsigned long long ino, start;
		if (sscanf(p, "%15s %15s %15s %d %x:%x:%llu %llu %31s", kind, mode, rw, &pid, &maj, &min, &ino, &start, end) != 9)
			continue;
		if (makedev(maj, min) != wo->o->dev || ino != wo->o->ino)
			continue;
		wo->locks = xrealloc(wo->locks, (wo->nlocks + 1) * sizeof *wo->locks);
		struct w_lock *l = &wo->locks[wo->nlocks++];
		memset(l, 0, sizeof *l);
		l->pid = pid;
		l->a = pid > 0 ? reg_actor_by_pid(pid) : NULL;
		snprintf(l->kind, sizeof l->kind, "%s", !strcmp(kind, "FLOCK") ? "flock" : !strcmp(kind, "OFDLCK") ? "ofd" : "posix");
		snprintf(l->type, sizeof l->type, "%s", !strcmp(rw, "WRITE") ? "w" : "r");
		l->start = (int64_t)start;
		l->len = strcmp(end, "EOF") ? strtoll(end, NULL, 10) - (int64_t)start + 1 : 0;
		l->waiting = waiting;
	}
	fclose(f);
}

/* Held locks before waiting ones, then by where they start: /proc/locks
 * lists them in an order that depends on the CPU that took them. */
static int look_file_lock_cmp(const void *x, const void *y)
{
	const struct w_lock *a = x, *b = y;
	if (a->waiting != b->waiting)
		return a->waiting ? 1 : -1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static void look_file_probe(struct world *w, struct w_object *wo)
{
	(void)w;
	struct stat st;
	wo->size = -1;
	if (lstat(wo->o->path, &st) == 0 && st.st_ino == wo->o->ino && st.st_dev == wo->o->dev)
		wo->size = st.st_size;
	look_file_locks(wo);
	if (wo->nlocks > 1)
		qsort(wo->locks, wo->nlocks, sizeof *wo->locks, look_file_lock_cmp);
}

static void look_file_lock_text(struct buf *b, const struct w_lock *l)
{
	if (l->a)
		buf_printf(b, " %s", l->a->name);
	else
		buf_printf(b, _(" pid %d(outside)"), l->pid);
	buf_printf(b, " %s%s %s %lld..", l->waiting ? _("waits for ") : "", l->kind, l->type, (long long)l->start);
	if (l->len)
		buf_printf(b, "%lld", (long long)(l->start + l->len - 1));
	else
		buf_adds(b, "EOF");
}

static void look_file_text_fields(struct buf *b, const struct w_object *wo)
{
	if (wo->size >= 0)
		buf_printf(b, _(" %lld bytes"), (long long)wo->size);
	else
		buf_adds(b, _(" (no longer at its path)"));
	buf_printf(b, "   %s   ", wo->o->path);
	buf_adds(b, _("locks (/proc/locks):"));
	for (size_t i = 0; i < wo->nlocks; i++) {
		if (i)
			buf_addc(b, ';');   /* one lock from the next */
		look_file_lock_text(b, &wo->locks[i]);
	}
	if (!wo->nlocks)
		buf_adds(b, _(" none"));
}

static void look_file_text(const struct world *w, const struct w_object *wo, bool detail)
{
	(void)w;
	(void)detail;
	struct buf b = {0};
	buf_printf(&b, "  %-4s %-10s", reg_kind_name(wo->o->kind), wo->o->name);
	look_file_text_fields(&b, wo);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void look_file_json_fields(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_kstr(j, "path", o->path);
	json_key(j, "owned");
	json_bool(j, o->owned);
	json_kint(j, "size", wo->size);
	json_key(j, "locks");
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nlocks; i++) {
		const struct w_lock *l = &wo->locks[i];
		json_obj_begin(j);
		json_kstr_or_null(j, "actor", l->a ? l->a->name : NULL);
		json_kint(j, "pid", l->pid);
		json_kstr(j, "kind", l->kind);
		json_kstr(j, "type", l->type);
		json_kint(j, "start", l->start);
		json_kint(j, "len", l->len);
		json_key(j, "waiting");
		json_bool(j, l->waiting);
		json_obj_end(j);
	}
	json_arr_end(j);
	look_waiting_json(j, w, wo, -1);
}

static void look_file_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	look_file_json_fields(j, w, wo);
	look_holders_json(j, wo);
}

void look_file_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	char nb[64];
	for (size_t i = 0; i < w->nobjs; i++) {
		const struct w_object *wo = &w->objs[i];
		if (wo->o->kind != OBJ_FILE)
			continue;
		struct buf b = {0};
		buf_printf(&b, _("%s file %s   open in:"), tui_panel_name(wo->o->name, pick, nb, sizeof nb), wo->o->path);
		look_holders(&b, wo, 0);
		tui_rows_add(rows, "%s", b.s);
		for (size_t j = 0; j < wo->nlocks; j++) {
			buf_reset(&b);
			buf_adds(&b, _("   lock:"));
			look_file_lock_text(&b, &wo->locks[j]);
			tui_rows_add(rows, "%c%c%s", TUI_MARK, wo->locks[j].waiting ? TONE_BLOCKED : TONE_PLAIN, b.s);
			if (wo->locks[j].waiting)
				rows->must = rows->n;
		}
		buf_free(&b);
	}
}

const struct look look_file = { look_file_probe, look_file_text, look_file_json };
