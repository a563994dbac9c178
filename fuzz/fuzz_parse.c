/* fuzz_parse.c: libFuzzer target for the command-line parser (parse.c):
 * any bytes as a line a learner typed. A line that parses gives commands
 * whose words hold what the line held; each command's name is looked up
 * in the command tables, as ipcsh does before running it, and each word
 * given to the number parsers (parse_int, parse_size, parse_mode). */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_result res;
	if (parse_line((const char *)data, size, &res) == 0) {
		for (size_t i = 0; i < res.ncmds; i++) {
			const struct cmdline *c = &res.cmds[i];
			for (size_t w = 0; w < c->nwords; w++) {
				const struct word *wd = &c->words[w];
				if (strlen(wd->s) > wd->len || wd->len > size ||
				    (wd->quoted && (wd->qfrom > wd->qto || wd->qto > wd->len)))
					abort();      /* a word longer than the line */
				int64_t v;        /* the number parsers on every word */
				(void)parse_int(wd->s, INT64_MIN, INT64_MAX, &v);
				(void)parse_size(wd->s, INT64_MAX, &v);
				(void)parse_mode(wd->s, &v);
			}
			if (c->nwords)
				(void)cmd_find(c->words[0].s);
		}
	} else if (!res.error) {
		abort();                  /* a rejection always says why */
	}
	parse_free(&res);
	return 0;
}
