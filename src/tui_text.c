/* tui_text.c: rows of text for the live view's panels, their display
 * width in columns (wcwidth, so CJK text is measured right), fitting a
 * row into a width without cutting a character, and fill gauges. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "tui_text.h"
#include "util.h"

void tui_rows_add(struct tui_rows *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->s = xrealloc(r->s, (size_t)r->cap * sizeof *r->s);
	}
	r->s[r->n++] = s;
}

void tui_rows_free(struct tui_rows *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->s[i]);
	free(r->s);
	memset(r, 0, sizeof *r);
}

size_t tui_text_step(const char *s, size_t left, int *cols)
{
	if (s[0] == TUI_MARK) {
		*cols = 0;
		return s[1] ? 2 : 1;
	}
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, left, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cols = 1;                /* a stray byte shows as one cell */
		return 1;
	}
	int w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

int tui_text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int cols = 0;
	while (i < len) {
		int c;
		i += tui_text_step(s + i, len - i, &c);
		cols += c;
	}
	return cols;
}

size_t tui_text_fit(const char *s, int width)
{
	size_t len = strlen(s), i = 0;
	int cols = 0;
	while (i < len) {
		int c;
		size_t n = tui_text_step(s + i, len - i, &c);
		if (cols + c > width)
			break;
		cols += c;
		i += n;
	}
	return i;
}

char *tui_text_clean(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t i = 0, k = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			out[k++] = ' ';
			i++;
			continue;
		}
		mbstate_t st;
		memset(&st, 0, sizeof st);
		wchar_t wc;
		size_t len = mbrtowc(&wc, s + i, n - i, &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0 || wcwidth(wc) < 0) {
			out[k++] = '?';
			i += len == (size_t)-1 || len == (size_t)-2 || len == 0 ? 1 : len;
			continue;
		}
		memcpy(out + k, s + i, len);
		k += len;
		i += len;
	}
	out[k] = '\0';
	return out;
}

size_t tui_text_skip(const char *s, int cols, int *cur)
{
	size_t len = strlen(s), i = 0;
	int gone = 0;
	while (i < len && gone < cols) {
		int c;
		i += tui_text_step(s + i, len - i, &c);
		gone += c;
	}
	*cur -= gone;
	return i;
}

void tui_text_gauge(char *out, size_t size, int64_t used, int64_t cap, int width)
{
	if (width < 3 || size < (size_t)width + 5) {
		snprintf(out, size, "%s", "");
		return;
	}
	int inner = width - 2;
	int full = cap > 0 && used > 0 ? (int)((used * inner + cap - 1) / cap) : 0;
	if (full > inner)
		full = inner;
	size_t k = 0;
	out[k++] = '[';
	out[k++] = TUI_MARK;
	out[k++] = TONE_FILL;
	for (int i = 0; i < full; i++)
		out[k++] = '#';
	out[k++] = TUI_MARK;
	out[k++] = TONE_PLAIN;
	for (int i = full; i < inner; i++)
		out[k++] = '.';
	out[k++] = ']';
	out[k] = '\0';
}
