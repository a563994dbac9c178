/* look_msg.c: System V message queues looked at: IPC_STAT (qnum,
 * cbytes, qbytes, who sent and received last) and their messages copied
 * with MSG_COPY, not taken; as text, as JSON and as the live view's rows. */
#include "config.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "explain.h"
#include "json.h"
#include "look.h"
#include "out.h"
#include "sysv.h"

#define LOOK_MSGS_COPIED 256   /* messages copied per queue for a view */

/* A System V queue: IPC_STAT, then its messages copied, not taken. */
static void look_msg_probe(struct world *w, struct w_object *wo)
{
	(void)w;
	wo->bytes = wo->capacity = -1;
	if (msgq_stat(wo->o->id, &wo->ms) < 0) {
		wo->removed = true;
		return;
	}
	if (msgq_copy(wo->o->id, LOOK_MSGS_COPIED, &wo->msgs, &wo->nmsgs) < 0)
		wo->msgs_err = errno;
}

/* "pid 123 (A)", "pid 77 (outside)" or "-" */
static void look_msg_pid(struct buf *b, const struct world *w, pid_t pid)
{
	const struct w_actor *wa = world_actor_by_pid(w, pid);
	if (pid <= 0)
		buf_adds(b, "-");
	else if (wa)
		buf_printf(b, "%s (pid %d)", wa->a->name, (int)pid);
	else
		buf_printf(b, _("pid %d (outside)"), (int)pid);
}

static void look_msg_text(const struct world *w, const struct w_object *wo, bool detail)
{
	size_t max = detail ? SIZE_MAX : LOOK_MSGS_SHOWN;
	struct buf b = {0};
	const struct object *o = wo->o;
	char kb[16];
	buf_printf(&b, "  %-4s %-10s id %d  key %s", "msg", o->name, o->id, sysv_key_str(o->key, kb, sizeof kb));
	if (!o->owned)
		buf_adds(&b, _("  (attached: made by another program, never removed by ipcsh)"));
	if (wo->removed) {
		buf_adds(&b, _("   removed (IPC_RMID): the id no longer names a queue"));
		out_printf("%s", b.s);
		buf_free(&b);
		return;
	}
	buf_printf(&b, ngettext("   %lld message, %lld / %lld bytes", "   %lld messages, %lld / %lld bytes",
				(unsigned long)wo->ms.qnum),
		   (long long)wo->ms.qnum, (long long)wo->ms.cbytes, (long long)wo->ms.qbytes);
	buf_adds(&b, _("   last msgsnd: "));
	look_msg_pid(&b, w, wo->ms.lspid);
	buf_adds(&b, _("   last msgrcv: "));
	look_msg_pid(&b, w, wo->ms.lrpid);
	out_printf("%s", b.s);
	if (wo->msgs_err)
		out_printf(_("       (the messages cannot be read without taking them: MSG_COPY gave %s)"),
			   explain_errno_name(wo->msgs_err));
	for (size_t i = 0; i < wo->nmsgs && i < max; i++) {
		buf_reset(&b);
		buf_printf(&b, _("       %zu. type %ld, %zu bytes "), i + 1, wo->msgs[i].type, wo->msgs[i].size);
		buf_add_quoted(&b, wo->msgs[i].text, wo->msgs[i].tlen, 60);
		out_printf("%s", b.s);
	}
	if (wo->nmsgs > max)
		out_printf(_("       ... and %zu more (show %s lists them all)"), wo->nmsgs - max, o->name);
	buf_free(&b);
}

static void look_msg_json_fields(struct json *j, const struct w_object *wo)
{
	const struct object *o = wo->o;
	look_sysv_json(j, wo, o->key);
	if (wo->removed)
		return;
	char mode[8];
	snprintf(mode, sizeof mode, "0%03o", wo->ms.mode);
	json_kstr(j, "perm", mode);
	json_kint(j, "qnum", wo->ms.qnum);
	json_kint(j, "cbytes", wo->ms.cbytes);
	json_kint(j, "qbytes", wo->ms.qbytes);
	json_kint(j, "lspid", wo->ms.lspid);
	json_kint(j, "lrpid", wo->ms.lrpid);
	json_key(j, "messages");
	if (wo->msgs_err) {
		json_null(j);
		json_kstr(j, "messages_error", explain_errno_name(wo->msgs_err));
		return;
	}
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nmsgs; i++) {
		json_obj_begin(j);
		json_kint(j, "type", wo->msgs[i].type);
		json_kint(j, "size", (int64_t)wo->msgs[i].size);
		json_key(j, "text");
		json_strn(j, wo->msgs[i].text, wo->msgs[i].tlen);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void look_msg_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	(void)w;
	look_msg_json_fields(j, wo);
}

static void look_msg_row(const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], kb[16];
	const struct object *o = wo->o;
	if (wo->removed) {
		tui_rows_add(rows, _("%s id %d  %c%cremoved (IPC_RMID)%c%c"), tui_panel_name(o->name, pick, nb, sizeof nb),
			     o->id, TUI_MARK, TONE_EXIT, TUI_MARK, TONE_PLAIN);
		return;
	}
	tui_rows_add(rows, _("%s id %d  key %s  qnum %lld  cbytes %lld / qbytes %lld%s"),
		     tui_panel_name(o->name, pick, nb, sizeof nb), o->id, sysv_key_str(o->key, kb, sizeof kb),
		     (long long)wo->ms.qnum, (long long)wo->ms.cbytes, (long long)wo->ms.qbytes,
		     o->owned ? "" : _("  (not ours)"));
	size_t n = wo->nmsgs < LOOK_MSGS_SHOWN ? wo->nmsgs : LOOK_MSGS_SHOWN;
	for (size_t i = 0; i < n; i++)
		look_panel_message(rows, i, _("type"), wo->msgs[i].type, wo->msgs[i].text, wo->msgs[i].size);
	look_panel_more(rows, n, wo->nmsgs, o->name);
}

void look_msg_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_MSG)
			look_msg_row(&w->objs[i], pick, rows);
}

const struct look look_msg = { look_msg_probe, look_msg_text, look_msg_json };
