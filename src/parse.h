/* parse.h: the command-line language of SPEC section 3 -- words, quotes,
 * escapes, comments, ';' and '&', the ACTOR: prefix -- and the number,
 * size and name syntax shared by every command. */
#ifndef IPCSH_PARSE_H
#define IPCSH_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

#define PARSE_LINE_MAX 4096
#define PARSE_WORDS_MAX 256

struct word {
	char *s;      /* NUL-terminated; may also hold NULs from \x00 */
	size_t len;
	bool quoted;  /* some part of it was quoted: */
	size_t qfrom, qto; /* s[qfrom..qto) came from the first to the last quote */
};

struct cmdline {
	char actor[IPCSH_NAME_MAX + 1]; /* "" when no ACTOR: prefix */
	struct word *words;
	size_t nwords;
	bool background;                /* ended with '&': do not settle */
};

struct parse_result {
	struct cmdline *cmds;
	size_t ncmds;
	char *error;                    /* set when the line is rejected */
};

/* Split one input line into commands. Returns 0, or -1 with res->error. */
int parse_line(const char *line, size_t len, struct parse_result *res);
void parse_free(struct parse_result *res);

/* Numbers: decimal or 0x hex (010 is ten); range-checked. */
int parse_int(const char *s, int64_t min, int64_t max, int64_t *out);
/* Modes: octal with a leading 0 (0600), else as parse_int; 0..07777. */
int parse_mode(const char *s, int64_t *out);
/* Sizes: a number with an optional K or M suffix (1024-based). */
int parse_size(const char *s, int64_t max, int64_t *out);
/* "key=value" word: returns value when the word starts with "key=". */
const char *parse_opt(const struct word *w, const char *key);

#endif
