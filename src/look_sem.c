/* look_sem.c: System V semaphore sets (GETALL, GETNCNT, GETZCNT, GETPID
 * of each) and POSIX named semaphores (sem_getvalue, who has them open)
 * looked at, with the P and V made in the session and who sleeps on each;
 * as text, as JSON and as the live view's rows. */
#include "config.h"
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "look.h"
#include "out.h"
#include "sysv.h"

static void look_sem_probe(struct world *w, struct w_object *wo)
{
	const struct object *o = wo->o;
	wo->value = -1;
	if (o->kind == OBJ_SEM) {
		wo->nsems = semset_read(o->id, &wo->sems);
		if (wo->nsems < 0) {
			wo->nsems = 0;
			wo->removed = true;
		}
		return;
	}
	if (o->psem && sem_getvalue(o->psem, &wo->value) < 0)
		wo->value = -1;
	look_maps(w, wo);      /* the actors that have it open */
}

static void look_sem_sysv_text(struct buf *b, const struct world *w, const struct w_object *wo, bool detail)
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
		look_sleepers(b, w, wo, i);
		buf_adds(b, ")");
	}
}

static void look_sem_posix_text(struct buf *b, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	if (wo->value >= 0)
		buf_printf(b, _(" value %d"), wo->value);
	else
		buf_adds(b, _(" value ?"));
	buf_printf(b, _("  (P %lld, V %lld"), (long long)o->pcount[0], (long long)o->vcount[0]);
	look_sleepers(b, w, wo, -1);
	buf_adds(b, _(")   open in:"));
	look_maps_text(b, wo);
	if (o->unlinked)
		buf_adds(b, _("   (name removed: it lives while open)"));
}

static void look_sem_text(const struct world *w, const struct w_object *wo, bool detail)
{
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", reg_kind_name(o->kind), o->name);
	if (o->kind == OBJ_SEM)
		look_sem_sysv_text(&b, w, wo, detail);
	else
		look_sem_posix_text(&b, w, wo);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void look_sem_sysv_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	look_sysv_json(j, wo, o->key);
	json_key(j, "sems");
	json_arr_begin(j);
	for (int i = 0; i < wo->nsems; i++) {
		const struct semset_val *v = &wo->sems[i];
		json_obj_begin(j);
		json_kint(j, "val", v->val);
		json_kint(j, "ncnt", v->ncnt);
		json_kint(j, "zcnt", v->zcnt);
		json_kint(j, "pid", v->pid);
		json_kint(j, "p", i < o->nsems ? o->pcount[i] : 0);
		json_kint(j, "v", i < o->nsems ? o->vcount[i] : 0);
		look_waiting_json(j, w, wo, i);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void look_sem_posix_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_kstr(j, "path", o->path);
	look_flags_json(j, o);
	json_key(j, "value");
	if (wo->value < 0)
		json_null(j);
	else
		json_int(j, wo->value);
	json_kint(j, "p", o->pcount[0]);
	json_kint(j, "v", o->vcount[0]);
	look_maps_json(j, "open_in", wo);
	look_waiting_json(j, w, wo, -1);
}

static void look_sem_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	if (wo->o->kind == OBJ_SEM)
		look_sem_sysv_json(j, w, wo);
	else
		look_sem_posix_json(j, w, wo);
}

/* One semaphore: its value, P and V made here, sleepers. */
static void look_sem_value_row(struct tui_rows *rows, const struct world *w, const struct w_object *wo, int idx, int val, int ncnt, int zcnt)
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
	look_sleepers(&b, w, wo, idx);
	tui_rows_add(rows, "%s", b.s);
	if (ncnt > 0 || zcnt > 0 || b.len > len)   /* who sleeps here: never hidden */
		rows->must = rows->n;
	buf_free(&b);
}

static void look_sem_row(const struct world *w, const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], kb[16];
	const struct object *o = wo->o;
	const char *name = tui_panel_name(o->name, pick, nb, sizeof nb);
	if (o->kind == OBJ_PSEM) {
		tui_rows_add(rows, _("%s psem %s%s"), name, o->path, o->unlinked ? _("  (unlinked)") : "");
		look_sem_value_row(rows, w, wo, -1, wo->value, -1, -1);
		return;
	}
	if (wo->removed) {
		tui_rows_add(rows, _("%s sem  id %d  removed (IPC_RMID)"), name, o->id);
		return;
	}
	tui_rows_add(rows, _("%s sem  id %d  key %s  %d in the set"), name, o->id, sysv_key_str(o->key, kb, sizeof kb),
		     wo->nsems);
	for (int i = 0; i < wo->nsems; i++)
		look_sem_value_row(rows, w, wo, i, wo->sems[i].val, wo->sems[i].ncnt, wo->sems[i].zcnt);
}

void look_sem_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++) {
		enum obj_kind k = w->objs[i].o->kind;
		if (k == OBJ_SEM || k == OBJ_PSEM)
			look_sem_row(w, &w->objs[i], pick, rows);
	}
}

const struct look look_sem = { look_sem_probe, look_sem_text, look_sem_json };
