/* tui_layout.c: the live view's geometry. Top to bottom: a title row, the
 * panels (one column, or two from 140 columns up), the event log, the
 * input line and the key bar. Panels get what they want when it fits; if
 * not, the focused one and the rows a panel says must be seen (the
 * blocked actors) come first, then small ones, and the rest share what
 * is left (each at least a border and one row); those that still do not
 * fit are hidden. The log gets the rows the panels leave. */
#include "config.h"
#include <string.h>
#include "tui_layout.h"

#define TUI_LOG_MIN 4                 /* rows of event log, at least */
#define TUI_PANEL_MIN 3               /* a border and one row */
#define TUI_TWO_COLUMNS 140

static int tui_layout_min(int a, int b)
{
	return a < b ? a : b;
}

/* Who is placed first: the focus (pass 0), then panels with rows that
 * must be seen (pass 1, at those rows), then the rest at their minimum
 * while there is room. The focus and must-rows are cut to what is left
 * rather than hidden. */
static void tui_layout_places(const int *need, const int *must, const int *idx, int n, int focus,
			      int *h, int *left)
{
	for (int pass = 0; pass < 3; pass++)
		for (int i = 0; i < n; i++) {
			bool take = pass == 0 ? idx[i] == focus : pass == 1 ? must[i] > 0 : true;
			if (h[i] || !take)
				continue;
			int m = tui_layout_min(must[i] + 2, need[i]);
			m = m > TUI_PANEL_MIN ? m : TUI_PANEL_MIN;
			if (m > *left)
				m = pass < 2 && *left >= TUI_PANEL_MIN ? *left : 0;
			h[i] = m;
			*left -= m;
		}
}

/* Heights for the panels in one column of avail rows: the places above,
 * then water-filling (the smallest wishes raised first). */
static int tui_layout_column(const int *need, const int *must, const int *idx, int n, int avail,
			     int focus, int *h)
{
	int used = 0, left = avail;
	for (int i = 0; i < n; i++)
		h[i] = 0;
	tui_layout_places(need, must, idx, n, focus, h, &left);
	int order[TUI_PANELS_MAX];
	for (int i = 0; i < n; i++) {
		int j = i;
		for (; j > 0 && need[order[j - 1]] > need[i]; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (int k = 0; k < n && left > 0; k++) {
		int i = order[k], open = 0;
		if (!h[i])
			continue;
		for (int m = k; m < n; m++)
			open += h[order[m]] != 0;
		int share = left / open > 0 ? left / open : 1;
		int add = need[i] - h[i] < share ? need[i] - h[i] : share;
		if (add > 0) {
			h[i] += add;
			left -= add;
		}
	}
	for (int i = 0; i < n; i++)
		used += h[i];
	return used;
}

/* Which column each panel goes to: the less filled one, in order. */
static void tui_layout_columns(const int *need, int n, int ncols, int *col)
{
	int fill[2] = { 0, 0 };
	for (int i = 0; i < n; i++) {
		col[i] = ncols == 2 && fill[1] < fill[0] ? 1 : 0;
		fill[col[i]] += need[i];
	}
}

int tui_layout(int height, int width, const int *want, const int *must, int npanels, int focus,
	       struct tui_layout *out)
{
	memset(out, 0, sizeof *out);
	if (npanels > TUI_PANELS_MAX)
		npanels = TUI_PANELS_MAX;
	if (height < 4 || width < 10) {
		height = height < 4 ? 4 : height;
		width = width < 10 ? 10 : width;
	}
	out->title = (struct tui_rect){ 0, 0, 1, width };
	out->keys = (struct tui_rect){ height - 1, 0, 1, width };
	out->input = (struct tui_rect){ height - 2, 0, 1, width };
	int mid = height - 3;                  /* rows 1 .. height-3 */
	int avail = mid - TUI_LOG_MIN;
	out->ncols = width >= TUI_TWO_COLUMNS && npanels > 1 ? 2 : 1;
	int need[TUI_PANELS_MAX], col[TUI_PANELS_MAX], h[TUI_PANELS_MAX];
	for (int i = 0; i < npanels; i++)
		need[i] = (want[i] > 0 ? want[i] : 1) + 2;
	tui_layout_columns(need, npanels, out->ncols, col);
	int top = 0, shown = 0;
	for (int c = 0; c < out->ncols && avail >= TUI_PANEL_MIN; c++) {
		int idx[TUI_PANELS_MAX], cneed[TUI_PANELS_MAX], cmust[TUI_PANELS_MAX], n = 0;
		for (int i = 0; i < npanels; i++)
			if (col[i] == c) {
				idx[n] = i;
				cmust[n] = must ? must[i] : 0;
				cneed[n++] = need[i];
			}
		int used = tui_layout_column(cneed, cmust, idx, n, avail, focus, h);
		top = used > top ? used : top;
		int x = c == 0 ? 0 : width / 2;
		int w = out->ncols == 1 ? width : c == 0 ? width / 2 : width - width / 2;
		int y = 1;
		for (int i = 0; i < n; i++) {
			if (!h[i])
				continue;
			out->panel[idx[i]] = (struct tui_rect){ y, x, h[i], w };
			out->shown[idx[i]] = true;
			y += h[i];
			shown++;
		}
	}
	out->log = (struct tui_rect){ 1 + top, 0, mid - top, width };
	return shown;
}
