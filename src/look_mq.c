/* look_mq.c: POSIX message queues looked at: mq_getattr through a
 * descriptor borrowed from a holder (else by name), /dev/mqueue's line,
 * and the messages as the session recorded them while that record agrees
 * with the kernel's count (a POSIX queue cannot be read without taking);
 * as text, as JSON and as the live view's rows. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "json.h"
#include "look.h"
#include "out.h"

/* A POSIX queue: its attributes through a descriptor borrowed from an
 * actor that is not running a call, else by its name; /dev/mqueue's line. */
static void look_mq_probe(struct world *w, struct w_object *wo)
{
	(void)w;
	wo->bytes = wo->capacity = -1;
	const struct object *o = wo->o;
	int fd = look_borrow(wo);
	if (fd >= 0) {
		wo->mq_known = mqq_getattr_fd(fd, &wo->mqa) == 0;
		close(fd);
	}
	if (!wo->mq_known && !o->unlinked)
		wo->mq_known = mqq_getattr_name(o->path, o->dev, o->ino, &wo->mqa) == 0;
	if (!o->unlinked)
		wo->devline = mqq_devline(o->path);
	/* what is in it can be shown only while the session saw every message
	 * come and go: a POSIX queue cannot be read without taking */
	wo->mq_shown = wo->mq_known && o->book && mqq_book_agrees(o->book, wo->mqa.curmsgs);
	if (!wo->mq_shown)
		return;
	wo->mq_nmsgs = o->book->n;
	wo->mq_msgs = wo->mq_nmsgs ? xcalloc(wo->mq_nmsgs, sizeof *wo->mq_msgs) : NULL;
	for (size_t i = 0; i < wo->mq_nmsgs; i++) {
		const struct mqq_msg *m = &o->book->msgs[i];
		wo->mq_msgs[i] = (struct mqq_msg){ m->prio, xstrndup(m->data, m->len), m->len };
	}
}

static void look_mq_text(const struct world *w, const struct w_object *wo, bool detail)
{
	(void)w;
	size_t max = detail ? SIZE_MAX : LOOK_MSGS_SHOWN;
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", "mq", o->name);
	if (strcmp(o->name, o->path))
		buf_printf(&b, " %s", o->path);
	if (wo->mq_known)
		buf_printf(&b, _(" %ld / %ld messages (msgsize %ld)"), wo->mqa.curmsgs, wo->mqa.maxmsg, wo->mqa.msgsize);
	else
		buf_adds(&b, _(" ? messages (no one can be asked now)"));
	buf_adds(&b, _("   open in:"));
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		if (h->a)
			buf_printf(&b, " %s(fd %d)", h->a->name, h->fd);
		else
			buf_printf(&b, _(" pid %d(fd %d, outside)"), h->pid, h->fd);
	}
	if (!wo->nholders)
		buf_adds(&b, _(" none"));
	if (o->unlinked)
		buf_adds(&b, _("   (name removed: it lives while open)"));
	else if (!o->owned)
		buf_adds(&b, _("   (made by another program, never removed by ipcsh)"));
	out_printf("%s", b.s);
	if (wo->devline)
		out_printf("       /dev/mqueue%s: %s", o->path, wo->devline);
	if (wo->mq_known && wo->mqa.curmsgs && !wo->mq_shown)
		out_printf(_("       (what is in it cannot be shown: messages came or went outside this session, and POSIX queues cannot be read without taking)"));
	for (size_t i = 0; i < wo->mq_nmsgs && i < max; i++) {
		buf_reset(&b);
		buf_printf(&b, _("       %zu. prio %u, %zu bytes "), i + 1, wo->mq_msgs[i].prio, wo->mq_msgs[i].len);
		buf_add_quoted(&b, wo->mq_msgs[i].data, wo->mq_msgs[i].len, 60);
		out_printf("%s", b.s);
	}
	buf_free(&b);
}

static void look_mq_json_fields(struct json *j, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_kstr(j, "path", o->path);
	json_key(j, "owned");
	json_bool(j, o->owned);
	json_key(j, "unlinked");
	json_bool(j, o->unlinked);
	look_int_or_null(j, "curmsgs", wo->mq_known ? wo->mqa.curmsgs : -1);
	look_int_or_null(j, "maxmsg", wo->mq_known ? wo->mqa.maxmsg : -1);
	look_int_or_null(j, "msgsize", wo->mq_known ? wo->mqa.msgsize : -1);
	json_key(j, "messages");
	if (!wo->mq_shown) {
		json_null(j);
	} else {
		json_arr_begin(j);
		for (size_t i = 0; i < wo->mq_nmsgs; i++) {
			const struct mqq_msg *m = &wo->mq_msgs[i];
			json_obj_begin(j);
			json_kint(j, "prio", m->prio);
			json_kint(j, "size", (int64_t)m->len);
			json_key(j, "text");
			json_strn(j, m->data, m->len);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	json_kstr(j, "messages_source", "session");
	json_kstr_or_null(j, "dev_mqueue", wo->devline);
}

static void look_mq_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	(void)w;
	look_mq_json_fields(j, wo);
	look_holders_json(j, wo);
}

static void look_mq_row(const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64];
	const struct object *o = wo->o;
	if (wo->mq_known)
		tui_rows_add(rows, _("%s %s  %ld / %ld messages  msgsize %ld  open in %zu%s"),
			     tui_panel_name(o->name, pick, nb, sizeof nb), o->path, wo->mqa.curmsgs, wo->mqa.maxmsg,
			     wo->mqa.msgsize, wo->nholders, o->unlinked ? _("  (unlinked)") : "");
	else
		tui_rows_add(rows, _("%s %s  ? messages (no one can be asked now)"),
			     tui_panel_name(o->name, pick, nb, sizeof nb), o->path);
	if (!wo->mq_shown) {
		if (wo->mq_known && wo->mqa.curmsgs)
			tui_rows_add(rows, _("   (its messages came or went outside the session: they cannot be shown)"));
		return;
	}
	size_t n = wo->mq_nmsgs < LOOK_MSGS_SHOWN ? wo->mq_nmsgs : LOOK_MSGS_SHOWN;
	for (size_t i = 0; i < n; i++)
		look_panel_message(rows, i, _("prio"), (long)wo->mq_msgs[i].prio, wo->mq_msgs[i].data, wo->mq_msgs[i].len);
	look_panel_more(rows, n, wo->mq_nmsgs, o->name);
}

void look_mq_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_MQ)
			look_mq_row(&w->objs[i], pick, rows);
}

const struct look look_mq = { look_mq_probe, look_mq_text, look_mq_json };
