/* tui_panels.c: the panel table and the panels for actors, pipes and
 * FIFOs (fill gauges), System V queues (their messages in order) and
 * POSIX queues. Every row is read from the snapshot (world.h). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "actors.h"
#include "demo.h"
#include "lesson.h"
#include "look.h"
#include "view_plain.h"
#include "sig.h"
#include "sysv.h"
#include "tui_panels.h"


static void tui_panel_lesson(const struct world *w, const char *pick, struct tui_rows *rows);
static int tui_count_lesson(const struct world *w);
static void tui_panel_demo(const struct world *w, const char *pick, struct tui_rows *rows);
static int tui_count_demo(const struct world *w);
static void tui_panel_actors(const struct world *w, const char *pick, struct tui_rows *rows);
static void tui_panel_signals(const struct world *w, const char *pick, struct tui_rows *rows);
static int tui_count_actors(const struct world *w);
static int tui_count_signals(const struct world *w);

#define KB(k) (1u << (k))
const struct tui_panel tui_panels[] = {
	{ N_("lesson"), 0, tui_panel_lesson, tui_count_lesson, false, true },
	{ N_("demo"), 0, tui_panel_demo, tui_count_demo, false, true },
	{ N_("actors"), 0, tui_panel_actors, tui_count_actors, true, false },
	{ N_("signals"), 0, tui_panel_signals, tui_count_signals, false, false },
	{ N_("pipes and FIFOs"), KB(OBJ_PIPE) | KB(OBJ_FIFO), look_chan_panel, NULL, false, false },
	{ N_("System V message queues"), KB(OBJ_MSG), look_msg_panel, NULL, false, false },
	{ N_("POSIX message queues"), KB(OBJ_MQ), look_mq_panel, NULL, false, false },
	{ N_("shared memory and mappings"), KB(OBJ_SHM) | KB(OBJ_PSHM) | KB(OBJ_MMAP), look_shm_panel, NULL, false, false },
	{ N_("semaphores"), KB(OBJ_SEM) | KB(OBJ_PSEM), look_sem_panel, NULL, false, false },
	{ N_("files and locks"), KB(OBJ_FILE), look_file_panel, NULL, false, false },
	{ N_("sockets"), KB(OBJ_SOCK), look_sock_panel, NULL, false, false },
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
	size_t ask_line = s->ask ? strcspn(s->ask, "\n") : 0;
	if (s->ask && !s->ask[ask_line]) {
		tui_rows_add(rows, _("  Before you try: %s (lesson answer)"), s->ask);
	} else if (s->ask) {              /* the rest under it */
		tui_rows_add(rows, _("  Before you try: %.*s"), (int)ask_line, s->ask);
		tui_lesson_text(rows, s->ask + ask_line + 1, "  ");
		tui_rows_add(rows, "  %s", _("(lesson answer)"));
	}
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

/* ---- message queues ---- */

