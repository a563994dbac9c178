/* test_layout.c: the live view's geometry (tui_layout) and text widths
 * (tui_text): every rectangle inside the screen, no two overlapping, the
 * focused panel always shown, CJK text two columns a character. */
#include "config.h"
#include <locale.h>
#include <stdlib.h>
#include "tap.h"
#include "tui_layout.h"
#include "tui_text.h"

static int inside(const struct tui_rect *r, int lines, int cols)
{
	return r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0 && r->y + r->h <= lines && r->x + r->w <= cols;
}

static int overlap(const struct tui_rect *a, const struct tui_rect *b)
{
	if (!a->h || !a->w || !b->h || !b->w)
		return 0;
	return a->y < b->y + b->h && b->y < a->y + a->h && a->x < b->x + b->w && b->x < a->x + a->w;
}

/* All shown rectangles inside lines x cols and pairwise apart. */
static int sane(const struct tui_layout *l, int n, int lines, int cols)
{
	struct tui_rect all[TUI_PANELS_MAX + 4];
	int k = 0;
	all[k++] = l->title;
	all[k++] = l->log;
	all[k++] = l->input;
	all[k++] = l->keys;
	for (int i = 0; i < n; i++)
		if (l->shown[i])
			all[k++] = l->panel[i];
	for (int i = 0; i < k; i++) {
		if (!inside(&all[i], lines, cols))
			return 0;
		for (int j = i + 1; j < k; j++)
			if (overlap(&all[i], &all[j]))
				return 0;
	}
	return 1;
}

static void small_screen(void)
{
	int want[3] = { 4, 2, 3 };
	struct tui_layout l;
	int shown = tui_layout(24, 80, want, NULL, 3, -1, &l);
	ok(shown == 3, "80x24: three small panels all shown (%d)", shown);
	ok(l.ncols == 1, "80x24: one column");
	ok(sane(&l, 3, 24, 80), "80x24: inside the screen, no overlap");
	ok(l.panel[0].h == 6 && l.panel[1].h == 4 && l.panel[2].h == 5, "80x24: each gets its rows and a border");
	ok(l.input.y == 22 && l.keys.y == 23 && l.title.y == 0, "80x24: title on top, input and keys at the bottom");
	ok(l.log.y == 1 + 15 && l.log.h == 24 - 3 - 15, "80x24: the log takes the rest (%d rows)", l.log.h);
}

static void crowded(void)
{
	int want[6] = { 40, 30, 2, 20, 1, 10 };
	struct tui_layout l;
	int shown = tui_layout(24, 80, want, NULL, 6, 5, &l);
	ok(sane(&l, 6, 24, 80), "crowded 80x24: inside the screen, no overlap");
	ok(l.shown[5], "crowded 80x24: the focused panel is shown");
	ok(shown >= 5, "crowded 80x24: panels at their minimum rather than hidden (%d)", shown);
	ok(l.log.h >= 4, "crowded 80x24: the log keeps 4 rows (%d)", l.log.h);
	int sum = 0;
	for (int i = 0; i < 6; i++)
		sum += l.shown[i] ? l.panel[i].h : 0;
	ok(sum == 24 - 3 - l.log.h, "crowded 80x24: panels and log fill the middle");
	ok(l.panel[2].h == 4 || !l.shown[2], "crowded: a small panel gets all it wants first");
	shown = tui_layout(24, 80, (int[]){ 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 }, NULL, 10, 9, &l);
	ok(l.shown[9] && shown < 10, "too many panels: some hidden, never the focused one");
	ok(sane(&l, 10, 24, 80), "too many panels: still inside, no overlap");
}

/* Five actors (a row and a wait channel each when blocked, an fds row)
 * and four object panels at 80x24: the actors' rows down to the last
 * blocked one come before any other panel's rows. */
static void blocked_first(void)
{
	int want[5] = { 13, 4, 4, 3, 5 }, must[5] = { 10, 0, 0, 0, 0 };
	struct tui_layout l;
	tui_layout(24, 80, want, must, 5, -1, &l);
	ok(sane(&l, 5, 24, 80), "blocked at 80x24: inside the screen, no overlap");
	ok(l.shown[0] && l.panel[0].h >= 10 + 2, "blocked at 80x24: the actors panel shows every blocked actor (%d rows)",
	   l.panel[0].h - 2);
	ok(l.log.h >= 4, "blocked at 80x24: the log keeps its 4 rows (%d)", l.log.h);
	int other = 0;
	for (int i = 1; i < 5; i++)
		other += l.shown[i];
	ok(other == 1, "blocked at 80x24: the rows left go to one more panel (%d shown)", other);
	tui_layout(24, 80, want, must, 5, 3, &l);
	ok(l.shown[3] && l.shown[0] && l.panel[0].h >= 12, "blocked at 80x24: a focused panel is shown too, and the blocked still are");
	must[0] = 40;
	want[0] = 45;
	tui_layout(24, 80, want, must, 5, -1, &l);
	ok(sane(&l, 5, 24, 80) && l.panel[0].h == 24 - 3 - 4, "more blocked rows than the screen: the actors take all the panel rows");
}

static void wide_screen(void)
{
	int want[4] = { 12, 6, 6, 4 };
	struct tui_layout l;
	tui_layout(45, 150, want, NULL, 4, -1, &l);
	ok(l.ncols == 2, "150x45: two columns of panels");
	ok(sane(&l, 4, 45, 150), "150x45: inside the screen, no overlap");
	ok(l.panel[0].x == 0 && l.panel[1].x == 75, "150x45: actors left, the next panel right");
	ok(l.panel[0].w + l.panel[1].w == 150, "150x45: the columns share the width");
	ok(l.log.w == 150 && l.log.h >= 4, "150x45: the log runs the whole width");
	tui_layout(45, 150, want, NULL, 1, -1, &l);
	ok(l.ncols == 1 && l.panel[0].w == 150, "150x45: one panel alone takes the whole width");
}

static void tiny_screen(void)
{
	int want[2] = { 3, 3 };
	struct tui_layout l;
	int shown = tui_layout(8, 30, want, NULL, 2, -1, &l);
	ok(sane(&l, 2, 8, 30), "30x8: inside the screen, no overlap");
	ok(shown == 0 && l.log.h == 5, "30x8: no room for panels, the log stays (%d rows)", l.log.h);
	tui_layout(2, 5, want, NULL, 2, 0, &l);
	ok(l.input.y >= 0 && l.keys.y >= 0, "2x5: nothing placed above the screen");
}

static void widths(void)
{
	ok(tui_text_width("abc") == 3, "ASCII: a column a character");
	ok(tui_text_width("\x01" "eab\x01n") == 2, "marks take no columns");
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		ok(1, "# SKIP no C.UTF-8 locale");
		return;
	}
	ok(tui_text_width("你好") == 4, "CJK: two columns a character");
	ok(tui_text_fit("你好世界", 5) == 6, "fit: 5 columns hold two CJK characters, not half a third");
	int cur = 7;
	size_t skip = tui_text_skip("a你好b", 2, &cur);
	ok(skip == 4 && cur == 4, "skip: 2 columns of a你 leave out a and 你 (3 columns)");
	char g[40];
	tui_text_gauge(g, sizeof g, 50, 100, 12);
	ok(tui_text_width(g) == 12, "gauge: exactly its width");
	tui_text_gauge(g, sizeof g, 1, 65536, 12);
	ok(strchr(g, '#') != NULL, "gauge: one byte in a pipe still shows");
	tui_text_gauge(g, sizeof g, 0, 65536, 12);
	ok(strchr(g, '#') == NULL, "gauge: an empty pipe shows none");
}

int main(void)
{
	small_screen();
	crowded();
	blocked_first();
	wide_screen();
	tiny_screen();
	widths();
	return done_testing();
}
