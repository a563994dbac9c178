/* tui_line.h: GNU readline inside the live view: fed by the poll loop,
 * drawn by curses on the input row, with the view's keys bound in it. */
#ifndef IPCSH_TUI_LINE_H
#define IPCSH_TUI_LINE_H

#include <stdbool.h>

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
/* Draw prompt and line on row y; returns the cursor column. */
int tui_line_draw(int y, int width);
/* Readline back to its ordinary ways (for --plain after a failure). */
void tui_line_restore(void);

#endif
