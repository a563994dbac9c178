/* tui_log.h: the live view's event log: the last lines printed, each with
 * what it means (out.h's kinds), oldest dropped first. */
#ifndef IPCSH_TUI_LOG_H
#define IPCSH_TUI_LOG_H
#include <stddef.h>
#include "out.h"

#define TUI_LOG_MAX 2000

void tui_log_add(enum out_kind kind, const char *line);
size_t tui_log_count(void);
/* The i-th line, 0 the oldest kept. */
const char *tui_log_line(size_t i, enum out_kind *kind);
void tui_log_clear(void);

#endif
