/* explain.h: errno names, signals and kernel wait channels in teaching
 * words (every text through gettext, with a zh_CN translation). */
#ifndef IPCSH_EXPLAIN_H
#define IPCSH_EXPLAIN_H

const char *explain_errno_name(int e);
/* One line for a failed call's result. */
const char *explain_errno_short(int e);
/* The same, for a failure of CALL as printed ("write(p.w, ...)"): the
 * text for that call where there is one. */
const char *explain_errno_call(const char *call, int e);
/* Print a call ipcsh made itself that failed: "  CALL = -1 ENAME: what it
 * means" and an optional note (NULL: none). CALL is printf-formatted. */
void explain_failed(int e, const char *note, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A few words on where a blocked call sleeps, or NULL if unknown. */
const char *explain_wchan_short(const char *wchan);
const char *explain_si_code(int code);
/* si_code of a fault: SEGV_ACCERR, BUS_ADRERR ... */
const char *explain_fault_code(int sig, int code);
/* What si_value (si_status for SIGCHLD) holds for a delivery with this
 * si_code: "status", "signal", "value", or NULL when nothing. */
const char *explain_si_value(int sig, int code);
/* The explain command: ERRNO, SIGNAL or WCHAN; 0, or -1 if unknown. */
int explain_print(const char *word);
/* errno number from "EPIPE", or -1. */
int explain_errno_parse(const char *name);

#endif
