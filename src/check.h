/* check.h: the results of a script's assertions (expect, expect-reject):
 * which script line is running, and, with --tap, one TAP line for each
 * assertion so that a harness can count them one by one. */
#ifndef IPCSH_CHECK_H
#define IPCSH_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* --tap[=FD]: write "ok N - line L: TEXT" / "not ok ..." for each
 * assertion to fd (1: stdout). */
void check_tap_enable(int fd);
/* The script line now running (1-based; 0 outside a script). */
void check_set_line(unsigned line);
/* One assertion's result; text is the assertion as written. */
void check_report(bool ok, const char *text, size_t len);
/* Inside expect-reject the inner command's own expect is not reported. */
void check_nest(int delta);
/* At exit: the TAP plan "1..N" (with --tap only). */
void check_plan(void);

#endif
