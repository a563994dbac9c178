/* tui_draw.c: paints the live view into curses' screen from the snapshot:
 * title, the panels that have something (boxes with their counts, each
 * scrolled on its own), the event log (wrapped, newest at the bottom),
 * the input line and the key bar; help and completion boxes on top.
 * Everything is drawn into the virtual screen and refresh() sends only
 * the cells that changed: no clears, no flicker. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lesson.h"
#include "tui_draw.h"
#include "tui_line.h"
#include "tui_log.h"
#include "tui_panels.h"
#include "tui_text.h"

struct tui_state tui = { .focus = -1 };

enum { PAIR_ERROR = 1, PAIR_BLOCKED, PAIR_WOKE, PAIR_SIGNAL, PAIR_FILL, PAIR_EXIT };

/* The look of a tone: colour only where colours are on, else an attribute. */
static chtype tui_tone_attr(int tone, chtype base)
{
	int pair = 0;
	chtype a = base;
	switch (tone) {
	case TONE_ERROR: pair = PAIR_ERROR; a = A_BOLD; break;
	case TONE_BLOCKED: pair = PAIR_BLOCKED; a = A_BOLD; break;
	case TONE_WOKE: pair = PAIR_WOKE; break;
	case TONE_SIGNAL: pair = PAIR_SIGNAL; a = A_BOLD; break;
	case TONE_FILL: pair = PAIR_FILL; break;
	case TONE_EXIT: pair = PAIR_EXIT; break;
	case TONE_DIM: a = A_DIM; break;
	case TONE_HEAD: case TONE_COMMAND: a = A_BOLD; break;
	case TONE_PICK: a = A_REVERSE; break;
	default: break;
	}
	return tui.color && pair ? (a & ~A_COLOR) | COLOR_PAIR(pair) : a;
}

void tui_draw_text(int y, int x, int width, const char *s, bool marks, chtype base)
{
	if (width <= 0)
		return;
	move(y, x);
	attrset(base);
	int col = 0;
	size_t i = 0, len = strlen(s);
	while (i < len) {
		if (marks && s[i] == TUI_MARK && s[i + 1]) {
			attrset(s[i + 1] == TONE_PLAIN ? base : tui_tone_attr(s[i + 1], base));
			i += 2;
			continue;
		}
		size_t n = tui_text_fit(s + i, width - col);
		size_t one = n;
		for (size_t k = 0; k < n; k++)    /* up to the next mark */
			if (marks && s[i + k] == TUI_MARK) {
				one = k;
				break;
			}
		if (one == 0)
			break;
		char *part = tui_text_clean(s + i, one);
		col += tui_text_width(part);
		addstr(part);
		free(part);
		i += one;
	}
	attrset(base);
	for (; col < width; col++)
		addch(' ');
	attrset(A_NORMAL);
}

/* Is panel p about what the lesson's step checks (an actor or object it
 * shows is named in the check)? */
static bool tui_panel_in_step(int p)
{
	const struct tui_panel *tp = &tui_panels[p];
	if (tp->bare)
		return false;
	for (size_t i = 0; !tp->kinds && tp->always && i < tui.snap.nactors; i++)
		if (lesson_names(tui.snap.actors[i].a->name))
			return true;
	for (size_t i = 0; tp->kinds && i < tui.snap.nobjs; i++)
		if ((tp->kinds & (1u << tui.snap.objs[i].o->kind)) && lesson_names(tui.snap.objs[i].o->name))
			return true;
	return false;
}

static void tui_box(const struct tui_rect *r, const char *title, bool focused)
{
	attrset(focused ? A_BOLD : A_NORMAL);
	mvaddch(r->y, r->x, ACS_ULCORNER);
	mvhline(r->y, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y, r->x + r->w - 1, ACS_URCORNER);
	mvvline(r->y + 1, r->x, ACS_VLINE, r->h - 2);
	mvvline(r->y + 1, r->x + r->w - 1, ACS_VLINE, r->h - 2);
	mvaddch(r->y + r->h - 1, r->x, ACS_LLCORNER);
	mvhline(r->y + r->h - 1, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y + r->h - 1, r->x + r->w - 1, ACS_LRCORNER);
	char *t = xasprintf(" %s ", title);
	int tw = tui_text_width(t);
	tui_draw_text(r->y, r->x + 2, tw < r->w - 4 ? tw : r->w - 4, t, false, focused ? A_REVERSE : A_BOLD);
	free(t);
	attrset(A_NORMAL);
}

static void tui_draw_panel(int p, const struct tui_rect *r, struct tui_rows *rows)
{
	int inner = r->h - 2;
	int *top = &tui.scroll[p];
	if (*top > rows->n - inner)
		*top = rows->n - inner;
	if (*top < 0)
		*top = 0;
	tui.panel_h[p] = inner;
	char *title, count[16] = "";
	if (!tui_panels[p].bare)
		snprintf(count, sizeof count, " (%d)", tui_panel_count(&tui_panels[p], &tui.snap));
	if (rows->n > inner)
		title = xasprintf("%s%s [%d-%d/%d]", _(tui_panels[p].title), count, *top + 1, *top + inner, rows->n);
	else
		title = xasprintf("%s%s", _(tui_panels[p].title), count);
	tui_box(r, title, tui.focus == p);
	if (tui_panel_in_step(p)) {     /* the lesson's step is about it */
		char *tag = xasprintf(" %s ", _("in this step"));
		int tw = tui_text_width(tag);
		if (tw + tui_text_width(title) + 8 < r->w)
			tui_draw_text(r->y, r->x + r->w - 2 - tw, tw, tag, false, tui_tone_attr(TONE_PICK, A_BOLD));
		free(tag);
	}
	free(title);
	for (int i = 0; i < inner; i++) {
		int k = *top + i;
		tui_draw_text(r->y + 1 + i, r->x + 1, r->w - 2, k < rows->n ? rows->s[k] : "", true, A_NORMAL);
	}
}

static int tui_kind_tone(enum out_kind k)
{
	switch (k) {
	case OUT_ERROR: case OUT_FAILED: return TONE_ERROR;
	case OUT_HINT: return TONE_DIM;
	case OUT_BLOCKED: return TONE_BLOCKED;
	case OUT_WOKE: return TONE_WOKE;
	case OUT_SIGNAL: return TONE_SIGNAL;
	case OUT_EXIT: return TONE_EXIT;
	case OUT_COMMAND: return TONE_COMMAND;
	case OUT_GUIDE: return TONE_PICK;
	default: return TONE_PLAIN;
	}
}

/* Rows a log line takes at width w, and where each starts (bytes). */
static int tui_log_wrap(const char *s, int w, size_t *starts, int max)
{
	int n = 0;
	size_t i = 0, len = strlen(s);
	do {
		if (n < max)
			starts[n] = i;
		n++;
		size_t k = tui_text_fit(s + i, n == 1 ? w : w - 2);
		if (i + k < len && s[i + k] != ' ') {   /* break at a space if one is near */
			size_t sp = k;
			while (sp > k / 2 && s[i + sp - 1] != ' ')
				sp--;
			if (sp > k / 2)
				k = sp;
		}
		i += k ? k : 1;
	} while (i < len);
	return n;
}

int tui_draw_log_rows(const char *line)
{
	size_t starts[64];
	return tui_log_wrap(line, COLS > 0 ? COLS : 80, starts, 64);
}

/* PgUp stops at the oldest line. */
static void tui_clamp_log(int w, int h)
{
	if (!tui.log_scroll)
		return;
	size_t starts[64];
	int total = 0;
	for (size_t i = tui_log_count(); i-- > 0 && total < tui.log_scroll + h;)
		total += tui_log_wrap(tui_log_line(i, NULL), w, starts, 64);
	if (tui.log_scroll > total - h)
		tui.log_scroll = total - h > 0 ? total - h : 0;
}

/* hidden: the panels with something to show but no room, or "" */
static void tui_draw_log(const struct tui_rect *r, const char *hidden)
{
	if (r->h <= 1)
		return;
	tui_clamp_log(r->w, r->h - 1);
	char *title = tui.log_scroll ? xasprintf(_("events (%d rows up, PgDn for newer)"), tui.log_scroll)
		    : *hidden ? xasprintf(_("events   no room for: %s (F2)"), hidden)
				     : xstrdup(_("events"));
	attrset(tui.focus == TUI_PANELS_MAX ? A_BOLD : A_NORMAL);
	mvhline(r->y, 0, ACS_HLINE, r->w);
	char *t = xasprintf(" %s ", title);
	tui_draw_text(r->y, 2, tui_text_width(t) < r->w - 2 ? tui_text_width(t) : r->w - 2, t, false,
		      tui.focus == TUI_PANELS_MAX ? A_REVERSE : A_BOLD);
	free(t);
	free(title);
	int h = r->h - 1, row = r->y + r->h - 1;
	tui.log_h = h;
	int skip = tui.log_scroll;
	size_t starts[64];
	for (size_t i = tui_log_count(); i-- > 0 && row > r->y;) {
		enum out_kind kind;
		const char *s = tui_log_line(i, &kind);
		int n = tui_log_wrap(s, r->w, starts, 64);
		for (int k = (n < 64 ? n : 64) - 1; k >= 0 && row > r->y; k--) {
			if (skip > 0) {
				skip--;
				continue;
			}
			size_t end = k + 1 < n && k + 1 < 64 ? starts[k + 1] : strlen(s);
			char *part = xasprintf("%s%.*s", k ? "  " : "", (int)(end - starts[k]), s + starts[k]);
			tui_draw_text(row--, 0, r->w, part, false, tui_tone_attr(tui_kind_tone(kind), A_NORMAL));
			free(part);
		}
	}
	while (row > r->y)
		tui_draw_text(row--, 0, r->w, "", false, A_NORMAL);
}

static void tui_draw_title(int w)
{
	char *t;
	if (tui.watch)
		t = xasprintf(" ipcsh %s  %s", PACKAGE_VERSION, tui.watch);
	else
		t = xasprintf(_(" ipcsh %s  session %s  %zu actors, %zu objects"), PACKAGE_VERSION, tui.snap.dir,
			      tui.snap.nactors, tui.snap.nobjs);
	tui_draw_text(0, 0, w, t, false, A_REVERSE);
	free(t);
}

static void tui_draw_keys(int y, int w)
{
	const char *k = tui.watch ? _(" F1 help  F2 focus  PgUp/PgDn scroll  ^L redraw  q quit")
		      : tui.demo ? _(" demo:  Space/Enter next step  b back  r restart  q quit")
		      : tui_line_running() ? _(" a command is running: keys typed now wait for it  ^C stop waiting  F1 help")
				  : _(" F1 help  Tab complete  F2 focus  PgUp/PgDn scroll  ^L redraw  ^D quit");
	tui_draw_text(y, 0, w, k, false, A_REVERSE);
}

static const char *tui_help_text[] = {
	N_("Keys"),
	N_("  F1 or ?     this help (any key closes it)"),
	N_("  Tab         complete a command, actor, object or option"),
	N_("  F2          move the focus: each panel, then the event log"),
	N_("  PgUp PgDn   scroll the panel with the focus (or the log)"),
	N_("  Ctrl-R      search the history"),
	N_("  Ctrl-L      redraw the screen"),
	N_("  Ctrl-D      leave (or type quit)"),
	"",
	N_("Commands: type help, or help COMMAND. show NAME marks an actor"),
	N_("or object here and prints all about it in the event log."),
	N_("Everything on screen is read from the kernel: check it with"),
	N_("ipcs, lsipc, ls /dev/shm and /proc/PID from another terminal."),
};

static void tui_draw_box_lines(const char *title, const char *const *lines, int n, int cols, int rows, bool low)
{
	int w = 0;
	for (int i = 0; i < n; i++)
		w = tui_text_width(lines[i]) > w ? tui_text_width(lines[i]) : w;
	w += 4;
	if (w > cols)
		w = cols;
	int h = n + 2 > rows - 3 ? rows - 3 : n + 2;
	if (h < 3)
		return;
	struct tui_rect r = { low ? rows - 2 - h : (rows - 2 - h) / 2, low ? 0 : (cols - w) / 2, h, w };
	tui_box(&r, title, true);
	for (int i = 0; i < h - 2; i++)
		tui_draw_text(r.y + 1 + i, r.x + 1, w - 2, lines[i], false, A_NORMAL);
}

static void tui_draw_help(int cols, int rows)
{
	int n = (int)(sizeof tui_help_text / sizeof tui_help_text[0]);
	const char *lines[sizeof tui_help_text / sizeof tui_help_text[0]];
	for (int i = 0; i < n; i++)
		lines[i] = *tui_help_text[i] ? _(tui_help_text[i]) : "";
	tui_draw_box_lines(_("help"), lines, n, cols, rows, false);
}

static void tui_draw_matches(int cols, int rows)
{
	int per = 0;
	for (int i = 0; i < tui.nmatches; i++)
		per = tui_text_width(tui.matches[i]) > per ? tui_text_width(tui.matches[i]) : per;
	per += 2;
	int across = (cols - 4) / per > 0 ? (cols - 4) / per : 1;
	int n = (tui.nmatches + across - 1) / across;
	char **lines = xcalloc((size_t)n + 1, sizeof *lines);
	for (int i = 0; i < n; i++) {
		struct buf b = {0};
		for (int j = i * across; j < tui.nmatches && j < (i + 1) * across; j++)
			buf_printf(&b, "%-*s", per, tui.matches[j]);
		lines[i] = xstrdup(b.s ? b.s : "");
		buf_free(&b);
	}
	char *title = xasprintf(_("%d candidates"), tui.nmatches);
	tui_draw_box_lines(title, (const char *const *)lines, n, cols, rows, true);
	free(title);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The input row at y, the cursor on it. */
static void tui_draw_line(int y)
{
	int cur;
	char *row = tui_line_row(tui.demo_line, COLS, &cur);
	tui_draw_text(y, 0, COLS, row, false, A_NORMAL);
	free(row);
	move(y, cur);
}

/* Below TUI_MIN_LINES x TUI_MIN_COLS: a note, and the input line. */
#define TUI_MIN_LINES 6
#define TUI_MIN_COLS 20

static bool tui_draw_tiny(void)
{
	if (LINES >= TUI_MIN_LINES && COLS >= TUI_MIN_COLS)
		return false;
	erase();
	if (LINES > 1 && COLS > 0)
		tui_draw_text(0, 0, COLS, _("(the terminal is too small for the live view)"), false, A_REVERSE);
	if (!tui.watch && LINES > 0 && COLS > 0)
		tui_draw_line(LINES - 1);
	refresh();
	return true;
}

void tui_draw_input(void)
{
	if (tui.watch || LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS) {
		if (!tui.watch)
			tui_draw_tiny();
		return;
	}
	tui_draw_line(LINES - 2);
	refresh();
}

/* show NAME: the first panel with its marked row takes the focus and
 * scrolls to it. */
static bool tui_draw_seek(int p, const struct tui_rows *rows)
{
	const char mark[] = { TUI_MARK, TONE_PICK, '\0' };
	for (int i = 0; i < rows->n; i++)
		if (strstr(rows->s[i], mark)) {
			tui.focus = p;
			tui.scroll[p] = i;
			return true;
		}
	return false;
}

void tui_draw_all(void)
{
	if (tui_draw_tiny())
		return;
	struct tui_rows rows[TUI_PANELS_MAX];
	int want[TUI_PANELS_MAX], must[TUI_PANELS_MAX], map[TUI_PANELS_MAX], np = 0, focus = -1;
	for (int p = 0; p < tui_npanels && np < TUI_PANELS_MAX; p++) {
		if (!tui_panel_shown(&tui_panels[p], &tui.snap, tui.watch != NULL))
			continue;
		memset(&rows[np], 0, sizeof rows[np]);
		tui_panels[p].build(&tui.snap, tui.pick[0] ? tui.pick : NULL, &rows[np]);
		want[np] = rows[np].n;
		must[np] = rows[np].must;
		if (tui.seek && tui_draw_seek(p, &rows[np]))
			tui.seek = false;
		if (p == tui.focus)
			focus = np;
		map[np++] = p;
	}
	struct tui_layout lay;
	tui_layout(LINES, COLS, want, must, np, focus, &lay);
	erase();
	tui_draw_title(COLS);
	struct buf hidden = {0};
	buf_adds(&hidden, "");
	for (int i = 0; i < np; i++) {
		if (lay.shown[i]) {
			tui_draw_panel(map[i], &lay.panel[i], &rows[i]);
		} else {
			tui.panel_h[map[i]] = 0;
			buf_printf(&hidden, "%s%s", hidden.len ? ", " : "", _(tui_panels[map[i]].title));
		}
		tui_rows_free(&rows[i]);
	}
	tui_draw_log(&lay.log, hidden.s);
	buf_free(&hidden);
	if (tui.watch)
		tui_draw_text(lay.input.y, 0, COLS, "", false, A_NORMAL);
	tui_draw_keys(lay.keys.y, COLS);
	if (tui.help)
		tui_draw_help(COLS, LINES);
	else if (tui.nmatches)
		tui_draw_matches(COLS, LINES);
	if (tui.watch) {
		curs_set(0);
		refresh();
		return;
	}
	tui_draw_input();
}
