/* tui_panels.c: the panel table and the panels for actors, pipes and
 * FIFOs (fill gauges), System V queues (their messages in order) and
 * POSIX queues. Every row is read from the snapshot (world.h). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "actors.h"
#include "demo.h"
#include "lesson.h"
#include "view_plain.h"
#include "sig.h"
#include "sysv.h"
#include "tui_panels.h"

#define TUI_MSGS_SHOWN 8
#define TUI_GAUGE_W 16

static void tui_panel_lesson(const struct world *w, const char *pick, struct tui_rows *rows);
static int tui_count_lesson(const struct world *w);
static void tui_panel_demo(const struct world *w, const char *pick, struct tui_rows *rows);
static int tui_count_demo(const struct world *w);
static void tui_panel_actors(const struct world *w, const char *pick, struct tui_rows *rows);
static void tui_panel_pipes(const struct world *w, const char *pick, struct tui_rows *rows);
static void tui_panel_msg(const struct world *w, const char *pick, struct tui_rows *rows);
static void tui_panel_mq(const struct world *w, const char *pick, struct tui_rows *rows);
static void tui_panel_signals(const struct world *w, const char *pick, struct tui_rows *rows);
static int tui_count_actors(const struct world *w);
static int tui_count_signals(const struct world *w);

#define KB(k) (1u << (k))
const struct tui_panel tui_panels[] = {
	{ N_("lesson"), 0, tui_panel_lesson, tui_count_lesson, false, true },
	{ N_("demo"), 0, tui_panel_demo, tui_count_demo, false, true },
	{ N_("actors"), 0, tui_panel_actors, tui_count_actors, true, false },
	{ N_("signals"), 0, tui_panel_signals, tui_count_signals, false, false },
	{ N_("pipes and FIFOs"), KB(OBJ_PIPE) | KB(OBJ_FIFO), tui_panel_pipes, NULL, false, false },
	{ N_("System V message queues"), KB(OBJ_MSG), tui_panel_msg, NULL, false, false },
	{ N_("POSIX message queues"), KB(OBJ_MQ), tui_panel_mq, NULL, false, false },
	{ N_("shared memory and mappings"), KB(OBJ_SHM) | KB(OBJ_PSHM) | KB(OBJ_MMAP), tui_panel_mem, NULL, false, false },
	{ N_("semaphores"), KB(OBJ_SEM) | KB(OBJ_PSEM), tui_panel_sem, NULL, false, false },
	{ N_("files and locks"), KB(OBJ_FILE), tui_panel_files, NULL, false, false },
};
const int tui_npanels = (int)(sizeof tui_panels / sizeof tui_panels[0]);

int tui_panel_count(const struct tui_panel *p, const struct world *w)
{
	if (p->count)
		return p->count(w);
	int n = 0;
	for (size_t i = 0; i < w->nobjs; i++)
		n += (p->kinds & KB(w->objs[i].o->kind)) != 0;
	return n;
}

bool tui_panel_shown(const struct tui_panel *p, const struct world *w, bool watch)
{
	if (watch && !p->kinds)
		return false;
	return p->always || tui_panel_count(p, w) > 0;
}

static int tui_count_actors(const struct world *w)
{
	return (int)w->nactors;
}

const char *tui_panel_name(const char *name, const char *pick, char *buf, size_t size)
{
	bool on = pick && !strcmp(pick, name);
	snprintf(buf, size, "%c%c%-8s%c%c", TUI_MARK, on ? TONE_PICK : TONE_HEAD, name, TUI_MARK, TONE_PLAIN);
	return buf;
}

/* ---- the lesson's step: its words, its goal ticked on the snapshot ---- */

static int tui_count_lesson(const struct world *w)
{
	(void)w;
	int step, hints;
	bool over;
	return lesson_current(&step, &hints, &over) ? 1 : 0;
}

static void tui_lesson_text(struct tui_rows *rows, const char *text, const char *lead)
{
	for (const char *s = text; *s;) {
		size_t n = strcspn(s, "\n");
		tui_rows_add(rows, "%s%.*s", lead, (int)n, s);
		s += n + (s[n] == '\n');
	}
}

static void tui_panel_lesson(const struct world *w, const char *pick, struct tui_rows *rows)
{
	(void)pick;
	int step, hints;
	bool over;
	const struct lesson *l = lesson_current(&step, &hints, &over);
	if (!l)
		return;
	if (over) {
		tui_rows_add(rows, _("%c%c%s: done%c%c (lesson quit clears the session)"), TUI_MARK, TONE_WOKE, l->title, TUI_MARK,
			     TONE_PLAIN);
		return;
	}
	const struct lesson_step *s = &l->steps[step];
	tui_rows_add(rows, _("%c%cstep %d of %d: %s%c%c"), TUI_MARK, TONE_HEAD, step + 1, l->nsteps, s->title, TUI_MARK, TONE_PLAIN);
	tui_lesson_text(rows, s->text, "  ");
	size_t first = strcspn(s->todo, "\n");
	tui_rows_add(rows, _("%c%cDo:%c%c %.*s"), TUI_MARK, TONE_PICK, TUI_MARK, TONE_PLAIN, (int)first, s->todo);
	if (s->todo[first])
		tui_lesson_text(rows, s->todo + first + 1, "    ");
	if (s->ask)
		tui_rows_add(rows, _("  Before you try: %s (lesson answer)"), s->ask);
	struct lesson_goal *g;
	int n = lesson_goals(w, &g);
	for (int i = 0; i < n; i++)
		tui_rows_add(rows, "  %c%c[%s]%c%c %s", TUI_MARK, g[i].holds ? TONE_WOKE : TONE_DIM, g[i].holds ? "x" : " ",
			     TUI_MARK, TONE_PLAIN, g[i].part);
	lesson_goals_free(g, n);
	for (int i = 0; i < hints && i < s->nhints; i++)
		tui_rows_add(rows, _("  hint: %s"), s->hints[i]);
	rows->must = rows->n;             /* the step is never hidden */
}

/* ---- a demo's next step: its caption and its command ---- */

static int tui_count_demo(const struct world *w)
{
	(void)w;
	int next = 0, n = 0;
	demo_current(&next, &n);
	return n > 0;
}

static void tui_panel_demo(const struct world *w, const char *pick, struct tui_rows *rows)
{
	(void)w;
	(void)pick;
	int next = 0, n = 0;
	const struct demo_step *s = demo_current(&next, &n);
	if (!s) {
		tui_rows_add(rows, _("%c%cthe end (%d steps)%c%c: b goes back, r starts again, q quits"), TUI_MARK, TONE_WOKE, n,
			     TUI_MARK, TONE_PLAIN);
		return;
	}
	tui_rows_add(rows, _("%c%cstep %d of %d%c%c, next: %s"), TUI_MARK, TONE_HEAD, next + 1, n, TUI_MARK, TONE_PLAIN, s->cmd);
	if (s->caption)
		tui_lesson_text(rows, s->caption, "  ");
	rows->must = rows->n;
}

/* ---- actors ---- */

static char tui_state_tone(const char *state)
{
	if (!strcmp(state, "blocked"))
		return TONE_BLOCKED;
	if (!strcmp(state, "stopped"))
		return TONE_SIGNAL;
	if (!strcmp(state, "zombie") || !strcmp(state, "gone"))
		return TONE_EXIT;
	return TONE_PLAIN;
}

static void tui_sigset(struct buf *b, const char *label, uint64_t mask)
{
	char sb[32];
	if (!mask)
		return;
	buf_printf(b, "  %s", label);
	for (int s = 1; s <= 64; s++)
		if (mask & (1ull << (s - 1)))
			buf_printf(b, " %s", sig_short(s, sb, sizeof sb));
}

/* Has the actor anything to show in the signals panel? */
static bool tui_signal_active(const struct w_actor *wa)
{
	return wa->blocked || wa->pending || wa->caught || wa->ignored || wa->a->ndeliv;
}

static int tui_count_signals(const struct world *w)
{
	int n = 0;
	for (size_t i = 0; i < w->nactors; i++)
		n += tui_signal_active(&w->actors[i]);
	return n;
}

#define TUI_DELIVERIES_SHOWN 3

/* An actor's sets (/proc/PID/status), the count of each signal its
 * handler received, and its last deliveries: sender, si_code, value. */
static void tui_actor_signals(const struct w_actor *wa, const char *pick, struct tui_rows *rows)
{
	char nb[64], sb[32];
	const struct actor *a = wa->a;
	struct buf b = {0};
	buf_adds(&b, tui_panel_name(a->name, pick, nb, sizeof nb));
	tui_sigset(&b, _("blocked:"), wa->blocked);
	if (wa->pending)
		buf_printf(&b, "%c%c", TUI_MARK, TONE_SIGNAL);
	tui_sigset(&b, _("pending:"), wa->pending);
	buf_printf(&b, "%c%c", TUI_MARK, TONE_PLAIN);
	tui_sigset(&b, _("caught:"), wa->caught);
	tui_sigset(&b, _("ignored:"), wa->ignored);
	tui_rows_add(rows, "%s", b.s);
	buf_reset(&b);
	for (int s = 1; s <= 64; s++)
		if (wa->received[s])
			buf_printf(&b, "%s %s x%u", b.len ? "" : _("   received:"), sig_short(s, sb, sizeof sb), wa->received[s]);
	if (b.len)
		tui_rows_add(rows, "%s", b.s);
	size_t first = wa->ndeliv > TUI_DELIVERIES_SHOWN ? wa->ndeliv - TUI_DELIVERIES_SHOWN : 0;
	for (size_t i = first; i < wa->ndeliv; i++)
		tui_rows_add(rows, "   #%zu %c%c%s", i + 1, TUI_MARK, TONE_SIGNAL, wa->deliv_text[i]);
	buf_free(&b);
}

static void tui_panel_signals(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nactors; i++)
		if (tui_signal_active(&w->actors[i]))
			tui_actor_signals(&w->actors[i], pick, rows);
}

static void tui_actor(const struct w_actor *wa, const char *pick, struct tui_rows *rows)
{
	char nb[64];
	const struct actor *a = wa->a;
	struct buf b = {0};
	buf_printf(&b, "%s pid %-6d %s %-6s %c%c%s%c%c", tui_panel_name(a->name, pick, nb, sizeof nb), (int)a->pid,
		   _("parent"), a->parent[0] ? a->parent : "ipcsh", TUI_MARK, tui_state_tone(wa->state), _(wa->state),
		   TUI_MARK, TONE_PLAIN);
	if (wa->wchan[0])
		buf_printf(&b, _(" %.1f s"), (double)wa->op_us / 1e6);
	if (a->in_flight)
		buf_printf(&b, "  %s", a->call.desc);
	if (wa->wchan[0]) {
		tui_rows_add(rows, "%s", b.s);
		buf_reset(&b);
		buf_printf(&b, _("   %c%cin the kernel at%c%c %c%c%s%c%c"), TUI_MARK, TONE_DIM, TUI_MARK, TONE_PLAIN, TUI_MARK,
			   TONE_BLOCKED, wa->wchan, TUI_MARK, TONE_PLAIN);
	}
	tui_rows_add(rows, "%s", b.s);
	if (!strcmp(wa->state, "blocked"))    /* down to where it waits: never hidden */
		rows->must = rows->n;
	buf_reset(&b);
	view_fds(&b, wa);
	if (b.len)
		tui_rows_add(rows, "   %c%c%s:%c%c%s", TUI_MARK, TONE_DIM, _("fds"), TUI_MARK, TONE_PLAIN, b.s);
	buf_free(&b);
}

static void tui_panel_actors(const struct world *w, const char *pick, struct tui_rows *rows)
{
	if (!w->nactors)
		tui_rows_add(rows, "%c%c%s", TUI_MARK, TONE_DIM, _("no actors yet: try \"spawn A B\", then \"A: pipe p\""));
	for (size_t i = 0; i < w->nactors; i++)
		tui_actor(&w->actors[i], pick, rows);
}

/* ---- pipes and FIFOs ---- */

static void tui_pipe(const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], g[TUI_GAUGE_W + 8];
	const struct object *o = wo->o;
	struct buf b = {0};
	buf_printf(&b, "%s %-4s ", tui_panel_name(o->name, pick, nb, sizeof nb), reg_kind_name(o->kind));
	if (wo->bytes >= 0 && wo->capacity > 0) {
		tui_text_gauge(g, sizeof g, wo->bytes, wo->capacity, TUI_GAUGE_W);
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
	view_holders(&b, wo, 'r');
	buf_adds(&b, _("   write ends:"));
	view_holders(&b, wo, 'w');
	if (o->kind == OBJ_FIFO)
		buf_printf(&b, "   %s%s", o->path, o->unlinked ? _(" (unlinked)") : "");
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

static void tui_panel_pipes(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_PIPE || w->objs[i].o->kind == OBJ_FIFO)
			tui_pipe(&w->objs[i], pick, rows);
}

/* ---- message queues ---- */

static void tui_message(struct tui_rows *rows, size_t i, const char *what, long n, const char *text, size_t len)
{
	struct buf b = {0};
	buf_printf(&b, "   %zu. %s %ld, %zu B ", i + 1, what, n, len);
	buf_add_quoted(&b, text, len, 48);
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

static void tui_more(struct tui_rows *rows, size_t shown, size_t all, const char *name)
{
	if (all > shown)
		tui_rows_add(rows, _("   ... and %zu more (show %s lists them all)"), all - shown, name);
}

static void tui_msg(const struct w_object *wo, const char *pick, struct tui_rows *rows)
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
	size_t n = wo->nmsgs < TUI_MSGS_SHOWN ? wo->nmsgs : TUI_MSGS_SHOWN;
	for (size_t i = 0; i < n; i++)
		tui_message(rows, i, _("type"), wo->msgs[i].type, wo->msgs[i].text, wo->msgs[i].size);
	tui_more(rows, n, wo->nmsgs, o->name);
}

static void tui_panel_msg(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_MSG)
			tui_msg(&w->objs[i], pick, rows);
}

static void tui_mq(const struct w_object *wo, const char *pick, struct tui_rows *rows)
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
	size_t n = wo->mq_nmsgs < TUI_MSGS_SHOWN ? wo->mq_nmsgs : TUI_MSGS_SHOWN;
	for (size_t i = 0; i < n; i++)
		tui_message(rows, i, _("prio"), (long)wo->mq_msgs[i].prio, wo->mq_msgs[i].data, wo->mq_msgs[i].len);
	tui_more(rows, n, o->book->n, o->name);
}

static void tui_panel_mq(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (w->objs[i].o->kind == OBJ_MQ)
			tui_mq(&w->objs[i], pick, rows);
}
