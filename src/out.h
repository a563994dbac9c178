/* out.h: everything ipcsh prints goes through here, so that a result
 * arriving while the learner is typing does not tear the input line. */
#ifndef IPCSH_OUT_H
#define IPCSH_OUT_H

/* Results and reports (stdout). */
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "ipcsh: error: ..." on stderr. */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Plain text on stderr (usage lines, hints). */
void out_err_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The line editor registers how to hide and redraw its prompt. */
void out_set_prompt_hooks(void (*hide)(void), void (*show)(void));

#endif
