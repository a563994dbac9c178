/* view_mem.c: the plain view of shared memory, mappings, semaphores and
 * files: one line each, and with "show NAME" their first bytes in hex
 * and text, each semaphore, each lock. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "out.h"
#include "sysv.h"
#include "world.h"

static void view_mem_maps(struct buf *b, const struct w_object *wo)
{
	for (size_t i = 0; i < wo->nmaps; i++) {
		const struct w_map *m = &wo->maps[i];
		buf_printf(b, " %s@0x%llx", m->a->name, (unsigned long long)m->addr);
		if (m->seen)
			buf_printf(b, "(%s)", m->perms);
		else
			buf_adds(b, _("(not in /proc/PID/maps)"));
	}
	if (!wo->nmaps)
		buf_adds(b, _(" nobody in the session"));
}

void view_mem_hex(struct buf *b, const struct w_object *wo)
{
	for (int i = 0; i < wo->nhead; i++)
		buf_printf(b, " %02x", wo->head[i]);
	buf_printf(b, "%*s  ", 3 * (W_HEAD_MAX - wo->nhead), "");
	for (int i = 0; i < wo->nhead; i++)
		buf_printf(b, "%c", wo->head[i] >= 0x20 && wo->head[i] < 0x7f ? wo->head[i] : '.');
}

static void view_mem_head(const struct w_object *wo)
{
	if (wo->nhead <= 0)
		return;
	struct buf b = {0};
	buf_adds(&b, "       0000 ");
	view_mem_hex(&b, wo);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void view_mem_shm(struct buf *b, const struct w_object *wo)
{
	const struct object *o = wo->o;
	char kb[16];
	buf_printf(b, _(" id %d"), o->id);
	if (wo->removed) {
		buf_adds(b, _("   gone: the kernel freed it"));
		return;
	}
	buf_printf(b, _("  key %s  %lld bytes  nattch %lld"), sysv_key_str(wo->ss.key, kb, sizeof kb), (long long)wo->size,
		   (long long)wo->ss.nattch);
	if (wo->ss.dest)
		buf_adds(b, _("  dest (removed; freed at the last detach)"));
	else if (!o->owned)
		buf_adds(b, _("  (made by another program, never removed by ipcsh)"));
	buf_adds(b, _("   attached:"));
	view_mem_maps(b, wo);
}

static void view_mem_region(struct buf *b, const struct w_object *wo)
{
	const struct object *o = wo->o;
	if (o->kind == OBJ_MMAP)
		buf_printf(b, _(" %s %s, %lld bytes at offset %lld"), o->path, o->shared ? "MAP_SHARED" : "MAP_PRIVATE",
			   (long long)o->size, (long long)o->offset);
	else
		buf_printf(b, _(" %lld bytes"), (long long)wo->size);
	buf_adds(b, _("   mapped:"));
	view_mem_maps(b, wo);
	if (o->unlinked)
		buf_adds(b, _("   (name removed: the memory lives while mapped)"));
}

/* The actors asleep in a call on o (idx >= 0: on that semaphore). */
void view_mem_sleepers(struct buf *b, const struct world *w, const struct w_object *wo, int idx)
{
	bool any = false;
	for (size_t i = 0; i < w->nactors; i++) {
		if (!world_waits_on(w, &w->actors[i], wo, idx))
			continue;
		buf_printf(b, "%s%s", any ? " " : _(", asleep: "), w->actors[i].a->name);
		any = true;
	}
}

static void view_mem_sem(struct buf *b, const struct world *w, const struct w_object *wo, bool detail)
{
	const struct object *o = wo->o;
	char kb[16];
	buf_printf(b, _(" id %d  key %s"), o->id, sysv_key_str(o->key, kb, sizeof kb));
	if (wo->removed) {
		buf_adds(b, _("   removed (IPC_RMID)"));
		return;
	}
	for (int i = 0; i < wo->nsems && (detail || i < 8); i++) {
		buf_printf(b, _("   [%d] %d (ncnt %d, zcnt %d, P %lld, V %lld"), i, wo->sems[i].val, wo->sems[i].ncnt,
			   wo->sems[i].zcnt, (long long)(i < o->nsems ? o->pcount[i] : 0),
			   (long long)(i < o->nsems ? o->vcount[i] : 0));
		view_mem_sleepers(b, w, wo, i);
		buf_adds(b, ")");
	}
}

static void view_mem_psem(struct buf *b, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	if (wo->value >= 0)
		buf_printf(b, _(" value %d"), wo->value);
	else
		buf_adds(b, _(" value ?"));
	buf_printf(b, _("  (P %lld, V %lld"), (long long)o->pcount[0], (long long)o->vcount[0]);
	view_mem_sleepers(b, w, wo, -1);
	buf_adds(b, _(")   open in:"));
	view_mem_maps(b, wo);
	if (o->unlinked)
		buf_adds(b, _("   (name removed: it lives while open)"));
}

void view_mem_lock(struct buf *b, const struct w_lock *l)
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

static void view_mem_file(struct buf *b, const struct w_object *wo)
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
		view_mem_lock(b, &wo->locks[i]);
	}
	if (!wo->nlocks)
		buf_adds(b, _(" none"));
}

void view_mem_object(const struct world *w, const struct w_object *wo, bool detail)
{
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", reg_kind_name(o->kind), o->name);
	switch (o->kind) {
	case OBJ_SHM: view_mem_shm(&b, wo); break;
	case OBJ_PSHM:
	case OBJ_MMAP: view_mem_region(&b, wo); break;
	case OBJ_SEM: view_mem_sem(&b, w, wo, detail); break;
	case OBJ_PSEM: view_mem_psem(&b, w, wo); break;
	case OBJ_FILE: view_mem_file(&b, wo); break;
	default: break;
	}
	out_printf("%s", b.s);
	buf_free(&b);
	if (detail)
		view_mem_head(wo);
}
