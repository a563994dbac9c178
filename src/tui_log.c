/* tui_log.c: a ring of the last TUI_LOG_MAX lines of the event log. A
 * line with newlines becomes several entries of the same kind. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "tui_log.h"
#include "util.h"

static struct tui_log_entry {
	enum out_kind kind;
	char *text;
} tui_log_ring[TUI_LOG_MAX];
static size_t tui_log_first, tui_log_n;

static void tui_log_push(enum out_kind kind, const char *s, size_t len)
{
	size_t slot = (tui_log_first + tui_log_n) % TUI_LOG_MAX;
	if (tui_log_n == TUI_LOG_MAX) {
		free(tui_log_ring[tui_log_first].text);
		tui_log_first = (tui_log_first + 1) % TUI_LOG_MAX;
		tui_log_n--;
	}
	char *t = xstrndup(s, len);
	for (char *p = t; *p; p++)
		if (*p == '\t' || *p == '\r')
			*p = ' ';
	tui_log_ring[slot] = (struct tui_log_entry){ kind, t };
	tui_log_n++;
}

void tui_log_add(enum out_kind kind, const char *line)
{
	const char *p = line, *nl;
	while ((nl = strchr(p, '\n'))) {
		tui_log_push(kind, p, (size_t)(nl - p));
		p = nl + 1;
	}
	if (*p || p == line)
		tui_log_push(kind, p, strlen(p));
}

size_t tui_log_count(void)
{
	return tui_log_n;
}

const char *tui_log_line(size_t i, enum out_kind *kind)
{
	const struct tui_log_entry *e = &tui_log_ring[(tui_log_first + i) % TUI_LOG_MAX];
	if (kind)
		*kind = e->kind;
	return e->text;
}

void tui_log_clear(void)
{
	for (size_t i = 0; i < tui_log_n; i++)
		free(tui_log_ring[(tui_log_first + i) % TUI_LOG_MAX].text);
	tui_log_first = tui_log_n = 0;
}
