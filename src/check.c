/* check.c: counts the assertions a script makes (expect, expect-reject)
 * and, with --tap, reports each one as a TAP line (on stdout, or on the
 * descriptor --tap=FD names, apart from everything else) naming its
 * script line, so a test harness checks every assertion on its own
 * instead of trusting the exit status of the whole run. */
#include "config.h"
#include <stdio.h>
#include "check.h"
#include "util.h"

static int check_tap_fd = -1;
static unsigned check_count, check_line_now;
static int check_depth;

void check_tap_enable(int fd)
{
	check_tap_fd = fd;
}

void check_set_line(unsigned line)
{
	check_line_now = line;
}

void check_nest(int delta)
{
	check_depth += delta;
}

void check_report(bool ok, const char *text, size_t len)
{
	if (check_tap_fd < 0 || check_depth > 0)
		return;
	check_count++;
	struct buf b = {0};   /* one line: control bytes written as escapes */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n')
			buf_adds(&b, "\\n");
		else if (c == '\t')
			buf_adds(&b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(&b, "\\x%02x", c);
		else
			buf_addc(&b, (char)c);
	}
	fflush(stdout);   /* in order with what ipcsh printed before */
	dprintf(check_tap_fd, "%sok %u - line %u: %s\n", ok ? "" : "not ", check_count, check_line_now,
		b.s ? b.s : "");
	buf_free(&b);
}

void check_plan(void)
{
	if (check_tap_fd >= 0) {
		fflush(stdout);
		dprintf(check_tap_fd, "1..%u\n", check_count);
	}
}
