/* tui_panels_mem.c: the live view's panels for shared memory and
 * mappings (nattch, dest, who is attached where, the first bytes in hex
 * and text), semaphores (each value, P and V made here, ncnt, zcnt and
 * who sleeps on it) and files with their locks. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "sysv.h"
#include "tui_panels.h"
#include "view_plain.h"

static void tui_mem_maps(struct tui_rows *rows, const struct w_object *wo)
{
	struct buf b = {0};
	buf_adds(&b, _("   attached:"));
	for (size_t i = 0; i < wo->nmaps; i++) {
		const struct w_map *m = &wo->maps[i];
		buf_printf(&b, " %s@0x%llx(%s)", m->a->name, (unsigned long long)m->addr, m->seen ? m->perms : "?");
	}
	if (!wo->nmaps)
		buf_adds(&b, " -");
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

static void tui_mem_head(struct tui_rows *rows, const struct w_object *wo)
{
	if (wo->nhead <= 0)
		return;
	struct buf b = {0};
	buf_adds(&b, "  ");
	view_mem_hex(&b, wo);
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

static void tui_mem_one(const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], kb[16];
	const struct object *o = wo->o;
	const char *name = tui_panel_name(o->name, pick, nb, sizeof nb);
	if (o->kind == OBJ_SHM && wo->removed) {
		tui_rows_add(rows, _("%s shm  id %d  gone: the kernel freed it"), name, o->id);
		return;
	}
	if (o->kind == OBJ_SHM)
		tui_rows_add(rows, _("%s shm  id %d  key %s  %lld bytes  nattch %lld%s"), name, o->id,
			     sysv_key_str(wo->ss.key, kb, sizeof kb), (long long)wo->size, (long long)wo->ss.nattch,
			     wo->ss.dest ? _("  dest: freed at the last detach") : "");
	else if (o->kind == OBJ_PSHM)
		tui_rows_add(rows, _("%s pshm %s  %lld bytes%s"), name, o->path, (long long)wo->size,
			     o->unlinked ? _("  (unlinked)") : "");
	else
		tui_rows_add(rows, _("%s mmap %s  %s  %lld bytes at offset %lld"), name, o->path,
			     o->shared ? "MAP_SHARED" : "MAP_PRIVATE", (long long)o->size, (long long)o->offset);
	tui_mem_maps(rows, wo);
	tui_mem_head(rows, wo);
}

void tui_panel_mem(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++) {
		enum obj_kind k = w->objs[i].o->kind;
		if (k == OBJ_SHM || k == OBJ_PSHM || k == OBJ_MMAP)
			tui_mem_one(&w->objs[i], pick, rows);
	}
}

/* One semaphore: its value, P and V made here, sleepers. */
static void tui_sem_row(struct tui_rows *rows, const struct world *w, const struct w_object *wo, int idx, int val, int ncnt, int zcnt)
{
	const struct object *o = wo->o;
	struct buf b = {0};
	int i = idx < 0 ? 0 : idx;
	if (idx >= 0)
		buf_printf(&b, "   [%d]", idx);
	else
		buf_adds(&b, "   ");
	if (val >= 0)
		buf_printf(&b, _(" value %c%c%d%c%c"), TUI_MARK, val ? TONE_FILL : TONE_BLOCKED, val, TUI_MARK, TONE_PLAIN);
	else
		buf_adds(&b, _(" value ?"));
	buf_printf(&b, _("   P %lld  V %lld"), (long long)(i < o->nsems ? o->pcount[i] : 0),
		   (long long)(i < o->nsems ? o->vcount[i] : 0));
	if (ncnt >= 0)
		buf_printf(&b, _("   ncnt %d  zcnt %d"), ncnt, zcnt);
	size_t len = b.len;
	view_mem_sleepers(&b, w, wo, idx);
	tui_rows_add(rows, "%s", b.s);
	if (ncnt > 0 || zcnt > 0 || b.len > len)   /* who sleeps here: never hidden */
		rows->must = rows->n;
	buf_free(&b);
}

static void tui_sem_one(const struct world *w, const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], kb[16];
	const struct object *o = wo->o;
	const char *name = tui_panel_name(o->name, pick, nb, sizeof nb);
	if (o->kind == OBJ_PSEM) {
		tui_rows_add(rows, _("%s psem %s%s"), name, o->path, o->unlinked ? _("  (unlinked)") : "");
		tui_sem_row(rows, w, wo, -1, wo->value, -1, -1);
		return;
	}
	if (wo->removed) {
		tui_rows_add(rows, _("%s sem  id %d  removed (IPC_RMID)"), name, o->id);
		return;
	}
	tui_rows_add(rows, _("%s sem  id %d  key %s  %d in the set"), name, o->id, sysv_key_str(o->key, kb, sizeof kb),
		     wo->nsems);
	for (int i = 0; i < wo->nsems; i++)
		tui_sem_row(rows, w, wo, i, wo->sems[i].val, wo->sems[i].ncnt, wo->sems[i].zcnt);
}

void tui_panel_sem(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++) {
		enum obj_kind k = w->objs[i].o->kind;
		if (k == OBJ_SEM || k == OBJ_PSEM)
			tui_sem_one(w, &w->objs[i], pick, rows);
	}
}

void tui_panel_files(const struct world *w, const char *pick, struct tui_rows *rows)
{
	char nb[64];
	for (size_t i = 0; i < w->nobjs; i++) {
		const struct w_object *wo = &w->objs[i];
		if (wo->o->kind != OBJ_FILE)
			continue;
		struct buf b = {0};
		buf_printf(&b, _("%s file %s   open in:"), tui_panel_name(wo->o->name, pick, nb, sizeof nb), wo->o->path);
		view_holders(&b, wo, 0);
		tui_rows_add(rows, "%s", b.s);
		for (size_t j = 0; j < wo->nlocks; j++) {
			buf_reset(&b);
			buf_adds(&b, _("   lock:"));
			view_mem_lock(&b, &wo->locks[j]);
			tui_rows_add(rows, "%c%c%s", TUI_MARK, wo->locks[j].waiting ? TONE_BLOCKED : TONE_PLAIN, b.s);
			if (wo->locks[j].waiting)
				rows->must = rows->n;
		}
		buf_free(&b);
	}
}
