/* tui.h: the live view: a full-screen ncurses picture of the session,
 * drawn from one snapshot of the kernel (world.h), redrawn when an actor
 * reports, on a low-rate probe, and after each command. */
#ifndef IPCSH_TUI_H
#define IPCSH_TUI_H
#include <stdbool.h>
#include "tui_keys.h"

/* Take the terminal: true, or false with *why (malloc'd) when it cannot
 * (not a terminal, TERM=dumb or unknown). */
bool tui_start(char **why);
/* Give the terminal back as it was; errors printed meanwhile follow. */
void tui_stop(void);
/* A new snapshot from the kernel, and the screen drawn from it. */
void tui_refresh(void);
/* show NAME: the next paint marks the actor or object and brings its
 * row into view. */
void tui_highlight(const char *name);
/* Do what key k does: F1 (and "?" on an empty line) help, F2 the next
 * panel then the log, PgUp/PgDn scroll what has the focus, Ctrl-L redraw. */
void tui_keys_do(enum tui_key k);
/* Before each key: close the candidates; true when it closed help (the
 * key does nothing else). */
bool tui_keys_dismiss(void);

#endif
