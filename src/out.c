/* out.c: the one way text reaches the terminal. When the line editor has a
 * prompt on screen, it is hidden before and redrawn after each message;
 * when the live view is up, each line goes to its event log instead. Lines
 * can be held back for a moment, so that a wake-up prints after its cause. */
#include "config.h"
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "out.h"
#include "util.h"

static void (*out_hide)(void);
static void (*out_show)(void);
static void (*out_sink)(enum out_kind, const char *);
/* Lines kept back while out_hold is on, printed by out_flush_held. */
struct out_held {
	int rank;
	enum out_kind kind;
	char *line;
};
static struct out_held *out_held;
static size_t out_nheld;
static int out_holding = -1;

void out_set_prompt_hooks(void (*hide)(void), void (*show)(void))
{
	out_hide = hide;
	out_show = show;
}

void out_set_sink(void (*sink)(enum out_kind kind, const char *line))
{
	out_sink = sink;
}

static void out_line(enum out_kind kind, const char *line);

void out_hold(int rank)
{
	out_holding = rank;
}

void out_flush_held(void)
{
	struct out_held *h = out_held;
	size_t n = out_nheld;
	out_held = NULL;
	out_nheld = 0;
	for (size_t i = 0; i < n; i++) {
		out_line(h[i].kind, h[i].line);
		free(h[i].line);
	}
	free(h);
}

/* Kept in rank order as they come: after every line of a lower or equal
 * rank, so the order within one rank is the order they came in. */
static void out_keep(enum out_kind kind, char *line)
{
	size_t at = out_nheld;
	while (at > 0 && out_held[at - 1].rank > out_holding)
		at--;
	out_held = xrealloc(out_held, (out_nheld + 1) * sizeof *out_held);
	memmove(out_held + at + 1, out_held + at, (out_nheld - at) * sizeof *out_held);
	out_held[at] = (struct out_held){ out_holding, kind, line };
	out_nheld++;
}

static void out_v(enum out_kind kind, const char *prefix, const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		return;
	char *line = xasprintf("%s%s", prefix ? prefix : "", s);
	free(s);
	if (out_holding >= 0) {
		out_keep(kind, line);
		return;
	}
	out_line(kind, line);
	free(line);
}

static void out_line(enum out_kind kind, const char *line)
{
	FILE *f = kind == OUT_ERROR || kind == OUT_HINT ? stderr : stdout;
	if (out_sink) {
		out_sink(kind, line);
		return;
	}
	if (out_hide)
		out_hide();
	fflush(f == stdout ? stderr : stdout);
	fputs(line, f);
	fputc('\n', f);
	fflush(f);
	if (out_show)
		out_show();
}

void out_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(OUT_NORMAL, NULL, fmt, ap);
	va_end(ap);
}

void out_event(enum out_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(kind, NULL, fmt, ap);
	va_end(ap);
}

/* Where the line being run comes from ("FILE:LINE: "), or "". */
static char out_place[PATH_MAX + 32];

void out_set_place(const char *file, unsigned line)
{
	if (file)
		snprintf(out_place, sizeof out_place, "%s:%u: ", file, line);
	else
		out_place[0] = '\0';
}

void out_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *prefix = xasprintf("ipcsh: error: %s", out_place);
	out_v(OUT_ERROR, prefix, fmt, ap);
	free(prefix);
	va_end(ap);
}

void out_err_text(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(OUT_HINT, NULL, fmt, ap);
	va_end(ap);
}
