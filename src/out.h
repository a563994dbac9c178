/* out.h: everything ipcsh prints goes through here, so that a result
 * arriving while the learner is typing does not tear the input line, and
 * so that the live view can take every line into its event log. */
#ifndef IPCSH_OUT_H
#define IPCSH_OUT_H

/* What a line means: the live view colours the event log by it. */
enum out_kind {
	OUT_NORMAL,       /* a result or a report */
	OUT_COMMAND,      /* the line the learner typed (live view only) */
	OUT_ERROR,        /* ipcsh: error: ... (stderr) */
	OUT_HINT,         /* usage lines and hints (stderr) */
	OUT_FAILED,       /* a system call that returned -1 */
	OUT_BLOCKED,      /* a call asleep in the kernel */
	OUT_WOKE,         /* a blocked call came back */
	OUT_SIGNAL,       /* a handler ran */
	OUT_EXIT,         /* a process ended */
	OUT_GUIDE,        /* a lesson's or a demo's words (lesson.c, demo.c) */
};

/* Results and reports (stdout). */
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, saying what kind of event the line reports. */
void out_event(enum out_kind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "ipcsh: error: ..." on stderr ("ipcsh: error: FILE:LINE: ..." while a
 * script's line runs). */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The script and line now running (file NULL: none). */
void out_set_place(const char *file, unsigned line);
/* Plain text on stderr (usage lines, hints). */
void out_err_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* With rank >= 0, lines are kept back (a woken call's result waits for
 * the result of the call that woke it); -1 prints again. out_flush_held
 * prints what was kept, by rank (the actors' order: several woken by one
 * call come out the same way every time), in order within a rank. */
void out_hold(int rank);
void out_flush_held(void);
/* The line editor registers how to hide and redraw its prompt. */
void out_set_prompt_hooks(void (*hide)(void), void (*show)(void));
/* The live view takes every line instead of the terminal (NULL: stop). */
void out_set_sink(void (*sink)(enum out_kind kind, const char *line));

#endif
