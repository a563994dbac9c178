/* out.c: the one way text reaches the terminal. When the line editor has a
 * prompt on screen, it is hidden before and redrawn after each message;
 * when the live view is up, each line goes to its event log instead. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "out.h"
#include "util.h"

static void (*out_hide)(void);
static void (*out_show)(void);
static void (*out_sink)(enum out_kind, const char *);

void out_set_prompt_hooks(void (*hide)(void), void (*show)(void))
{
	out_hide = hide;
	out_show = show;
}

void out_set_sink(void (*sink)(enum out_kind kind, const char *line))
{
	out_sink = sink;
}

static void out_v(enum out_kind kind, const char *prefix, const char *fmt, va_list ap)
{
	FILE *f = kind == OUT_ERROR || kind == OUT_HINT ? stderr : stdout;
	if (out_sink) {
		char *s = NULL;
		if (vasprintf(&s, fmt, ap) < 0)
			return;
		char *line = xasprintf("%s%s", prefix ? prefix : "", s);
		out_sink(kind, line);
		free(line);
		free(s);
		return;
	}
	if (out_hide)
		out_hide();
	fflush(f == stdout ? stderr : stdout);
	if (prefix)
		fputs(prefix, f);
	vfprintf(f, fmt, ap);
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

void out_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(OUT_ERROR, "ipcsh: error: ", fmt, ap);
	va_end(ap);
}

void out_err_text(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(OUT_HINT, NULL, fmt, ap);
	va_end(ap);
}
