/* tui_text.h: text for the live view. Rows are UTF-8 strings that may
 * carry colour marks (TUI_MARK and a letter, see enum tui_tone); widths
 * are display columns (a Chinese character takes two). */
#ifndef IPCSH_TUI_TEXT_H
#define IPCSH_TUI_TEXT_H
#include <stddef.h>
#include <stdint.h>

#define TUI_MARK '\x01'

/* What a colour means; the letter follows TUI_MARK in a row. */
enum tui_tone {
	TONE_PLAIN = 'n', TONE_ERROR = 'e', TONE_BLOCKED = 'b', TONE_WOKE = 'w',
	TONE_SIGNAL = 's', TONE_DIM = 'd', TONE_FILL = 'f', TONE_HEAD = 't',
	TONE_PICK = 'h', TONE_COMMAND = 'c', TONE_EXIT = 'x',
};

struct tui_rows {
	char **s;
	int n, cap;
	int must;                     /* the first rows that must be seen */
};

void tui_rows_add(struct tui_rows *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_rows_free(struct tui_rows *r);

/* One step through s (left bytes): bytes of the next character (or
 * mark) and its columns (a mark: 0; a stray byte: 1). */
size_t tui_text_step(const char *s, size_t left, int *cols);
/* Display columns of s, marks not counted. */
int tui_text_width(const char *s);
/* Bytes of s that fit in width columns (marks kept), stopping at a whole
 * character. */
size_t tui_text_fit(const char *s, int width);
/* Bytes of s to leave out so that at least cols columns are gone; *cur
 * (a column in s) becomes the same column in what is left. */
size_t tui_text_skip(const char *s, int cols, int *cur);
/* A copy of n bytes of s that draws as measured: a byte that is not
 * valid UTF-8 or a character that cannot be shown becomes "?", a control
 * byte a space (each one column, as tui_text_width counts them). */
char *tui_text_clean(const char *s, size_t n);
/* A fill gauge of width cells: "[####......]" for used of cap. */
void tui_text_gauge(char *out, size_t size, int64_t used, int64_t cap, int width);

#endif
