/* tui_line.h: GNU readline inside the live view: fed by the poll loop,
 * drawn by curses on the input row, with the view's keys bound in it. */
#ifndef IPCSH_TUI_LINE_H
#define IPCSH_TUI_LINE_H

#include <stdbool.h>
#include "tui_keys.h"

/* What the view does for the line editor, set by the view (tui.c) when it
 * starts: the line editor calls nothing of the view's own. */
struct tui_line_view {
	void (*redraw)(void);               /* the input row changed */
	void (*key)(enum tui_key k);        /* one of the view's keys was typed */
	void (*matches)(char **m, int n);   /* completion candidates to show */
	bool (*dismiss)(void);              /* before each key: true when it
					     * closed help (the key does no more) */
};
void tui_line_set_view(const struct tui_line_view *v);

/* Before rl_callback_handler_install: readline must not touch the
 * terminal or signals. */
void tui_line_prepare(void);
/* After it: curses' terminal back, the view's keys bound. */
void tui_line_bind(void);
/* The loop's input callback: read the terminal, feed readline (or keep
 * the keys as type-ahead while a command runs). */
void tui_line_input(void);
/* A command starts (true) or is over (false); is one running? */
void tui_line_busy(bool running);
bool tui_line_running(void);
/* Ctrl-C while a command runs: forget the type-ahead. */
void tui_line_drop_ahead(void);
/* The input row as text (malloc'd): the prompt and the line -- demo_line
 * instead when --demo types, the keys typed so far while a command runs
 * -- scrolled sideways to fit width; *cur: the cursor's column. */
char *tui_line_row(const char *demo_line, int width, int *cur);
/* Readline back to its ordinary ways (for --plain after a failure). */
void tui_line_restore(void);

#endif
