/* tui_layout.h: where each part of the live view goes on a screen of a
 * given size. Pure arithmetic, no curses: unit tested on its own. */
#ifndef IPCSH_TUI_LAYOUT_H
#define IPCSH_TUI_LAYOUT_H
#include <stdbool.h>

#define TUI_PANELS_MAX 12

struct tui_rect {
	int y, x, h, w;
};

struct tui_layout {
	struct tui_rect title, log, input, keys;
	struct tui_rect panel[TUI_PANELS_MAX];
	bool shown[TUI_PANELS_MAX];   /* false: no room for it now */
	int ncols;                    /* columns of panels: 1 or 2 */
};

/* want[i]: rows of content panel i would like (its border not counted);
 * must[i] (must may be NULL): how many of its first rows must be seen,
 * before any other panel gets a row; focus: the panel that must be shown,
 * or -1. Panels smaller than they want scroll. Returns the number of
 * panels shown. */
int tui_layout(int height, int width, const int *want, const int *must, int npanels, int focus,
	       struct tui_layout *out);

#endif
