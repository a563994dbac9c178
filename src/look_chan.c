/* look_chan.c: pipes and FIFOs looked at: bytes waiting (FIONREAD) and
 * capacity (F_GETPIPE_SZ) through a descriptor borrowed from a holder,
 * who holds each end; as a line of text, as JSON and as the live view's
 * rows with a fill gauge. */
#include "config.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "json.h"
#include "look.h"
#include "out.h"

#define LOOK_GAUGE_W 16

/* Bytes and capacity of a pipe or FIFO, through a borrowed descriptor. */
static void look_chan_probe(struct world *w, struct w_object *wo)
{
	(void)w;
	wo->bytes = wo->capacity = -1;
	int fd = look_borrow(wo);
	if (fd >= 0) {
		int n = 0;
		if (ioctl(fd, FIONREAD, &n) == 0)
			wo->bytes = n;
		wo->capacity = fcntl(fd, F_GETPIPE_SZ);
		close(fd);
	} else {                      /* no end open anywhere (an opener */
		size_t open = 0;          /* asleep holds none yet): no bytes */
		for (size_t i = 0; i < wo->nholders; i++)
			open += wo->holders[i].fd >= 0;
		if (!open)
			wo->bytes = 0;
	}
}

static void look_chan_text(const struct world *w, const struct w_object *wo, bool detail)
{
	(void)w;
	(void)detail;
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", reg_kind_name(o->kind), o->name);
	if (wo->bytes >= 0 && wo->capacity >= 0)
		buf_printf(&b, _(" %lld / %lld bytes"), (long long)wo->bytes, (long long)wo->capacity);
	else if (wo->bytes >= 0)
		buf_printf(&b, _(" %lld bytes"), (long long)wo->bytes);
	else
		buf_printf(&b, _(" ? bytes (every holder is busy)"));
	buf_adds(&b, _("   readers:"));
	look_holders(&b, wo, 'r');
	buf_adds(&b, _("   writers:"));
	look_holders(&b, wo, 'w');
	if (o->kind == OBJ_FIFO)
		buf_printf(&b, "   %s", o->path);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void look_chan_ends_json(struct json *j, const struct w_object *wo)
{
	look_int_or_null(j, "bytes", wo->bytes);
	look_int_or_null(j, "capacity", wo->capacity);
	json_kint(j, "readers", wo->readers);
	json_kint(j, "writers", wo->writers);
	look_holders_json(j, wo);
}

static void look_chan_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	(void)w;
	if (wo->o->kind == OBJ_FIFO)
		json_kstr(j, "path", wo->o->path);
	else
		json_kint(j, "inode", (int64_t)wo->o->ino);
	look_chan_ends_json(j, wo);
}

static void look_chan_row(const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], g[LOOK_GAUGE_W + 8];
	const struct object *o = wo->o;
	struct buf b = {0};
	buf_printf(&b, "%s %-4s ", tui_panel_name(o->name, pick, nb, sizeof nb), reg_kind_name(o->kind));
	if (wo->bytes >= 0 && wo->capacity > 0) {
		tui_text_gauge(g, sizeof g, wo->bytes, wo->capacity, LOOK_GAUGE_W);
		buf_printf(&b, _("%s %lld / %lld bytes"), g, (long long)wo->bytes, (long long)wo->capacity);
	} else if (wo->bytes >= 0) {
		buf_printf(&b, _("%lld bytes"), (long long)wo->bytes);
	} else {
		buf_adds(&b, _("? bytes (every holder is busy)"));
	}
	buf_printf(&b, _("   readers %d  writers %d"), wo->readers, wo->writers);
	tui_rows_add(rows, "%s", b.s);
	buf_reset(&b);
	buf_adds(&b, _("   read ends:"));
	look_holders(&b, wo, 'r');
	buf_adds(&b, _("   write ends:"));
	look_holders(&b, wo, 'w');
	if (o->kind == OBJ_FIFO)
		buf_printf(&b, "   %s%s", o->path, o->unlinked ? _(" (unlinked)") : "");
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

void look_chan_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_PIPE || w->objs[i].o->kind == OBJ_FIFO)
			look_chan_row(&w->objs[i], pick, rows);
}

const struct look look_chan = { look_chan_probe, look_chan_text, look_chan_json };
