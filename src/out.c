/* out.c: the one way text reaches the terminal. When the line editor has a
 * prompt on screen, it is hidden before and redrawn after each message. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include "out.h"

static void (*out_hide)(void);
static void (*out_show)(void);

void out_set_prompt_hooks(void (*hide)(void), void (*show)(void))
{
	out_hide = hide;
	out_show = show;
}

static void out_v(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
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
	out_v(stdout, NULL, fmt, ap);
	va_end(ap);
}

void out_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(stderr, "ipcsh: error: ", fmt, ap);
	va_end(ap);
}

void out_err_text(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_v(stderr, NULL, fmt, ap);
	va_end(ap);
}
