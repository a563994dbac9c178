/* check.c: counts the assertions a script makes (expect, expect-reject)
 * and, with --tap, reports each one on stdout as a TAP line naming its
 * script line, so a test harness checks every assertion on its own
 * instead of trusting the exit status of the whole run. */
#include "config.h"
#include <stdio.h>
#include "check.h"

static bool check_tap;
static unsigned check_count, check_line_now;
static int check_depth;

void check_tap_enable(void)
{
	check_tap = true;
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
	if (!check_tap || check_depth > 0)
		return;
	check_count++;
	printf("%sok %u - line %u: %.*s\n", ok ? "" : "not ", check_count, check_line_now, (int)len, text);
	fflush(stdout);
}

void check_plan(void)
{
	if (check_tap)
		printf("1..%u\n", check_count);
}
