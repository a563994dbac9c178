/* tui_draw.h: the state of the live view shared by tui.c (events, keys,
 * timing) and tui_draw.c (painting it with curses). */
#ifndef IPCSH_TUI_DRAW_H
#define IPCSH_TUI_DRAW_H
#include <stdbool.h>
#include <curses.h>
#include "registry.h"
#include "tui_layout.h"
#include "world.h"

struct tui_state {
	struct world snap;
	int focus;                     /* panel with F2's focus (tui_panels), -1 */
	int scroll[TUI_PANELS_MAX];    /* first row shown of each panel */
	int panel_h[TUI_PANELS_MAX];   /* rows each showed last time */
	int log_scroll;                /* log rows above the newest shown */
	int log_h;                     /* rows the log showed last time */
	bool help;
	char **matches;                /* completion candidates on show */
	int nmatches;
	char pick[IPCSH_NAME_MAX + 1]; /* show NAME */
	bool seek;                     /* focus and scroll to pick at the next paint */
	bool color;
	const char *watch;             /* --watch: its title; no input line */
	bool demo;                     /* --demo: its keys */
	const char *demo_line;         /* --demo: the input row, as typed so far */
	void (*probe)(struct world *w);/* --watch: how to read the system */
};
extern struct tui_state tui;

/* Paint everything into curses' screen and refresh (only what changed
 * reaches the terminal). */
void tui_draw_all(void);
/* The input row only (the line editor changed). */
void tui_draw_input(void);
/* Rows a log line takes on the screen as it is now. */
int tui_draw_log_rows(const char *line);
/* Text at y, x, clipped and padded to width; marks: honour tone marks. */
void tui_draw_text(int y, int x, int width, const char *s, bool marks, chtype base);

#endif
