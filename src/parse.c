/* parse.c: turns a line the learner typed into commands (SPEC section 3).
 * It only splits and unquotes; what the words mean is the command table's
 * business. Every rejection carries a message and changes nothing. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"

struct lexer {
	const char *p, *end;
	struct parse_result *res;
	struct cmdline cur;
	struct buf word;
	bool in_word, quoted;
	size_t qfrom, qto;           /* the quoted span of the word so far */
};

static int parse_fail(struct lexer *lx, char *msg)
{
	lx->res->error = msg;
	return -1;
}

static void parse_push_word(struct lexer *lx)
{
	struct cmdline *c = &lx->cur;
	if (!lx->in_word)
		return;
	c->words = xrealloc(c->words, (c->nwords + 1) * sizeof *c->words);
	c->words[c->nwords].s = xstrndup(lx->word.s ? lx->word.s : "", lx->word.len);
	c->words[c->nwords].len = lx->word.len;
	c->words[c->nwords].quoted = lx->quoted;
	c->words[c->nwords].qfrom = lx->quoted ? lx->qfrom : 0;
	c->words[c->nwords].qto = lx->quoted ? lx->qto : 0;
	c->nwords++;
	buf_reset(&lx->word);
	lx->in_word = lx->quoted = false;
}

static void parse_free_cmd(struct cmdline *c)
{
	for (size_t i = 0; i < c->nwords; i++)
		free(c->words[i].s);
	free(c->words);
	memset(c, 0, sizeof *c);
}

/* Move an "A:" or "A:cmd" first word into cmd->actor. */
static int parse_actor_prefix(struct lexer *lx, struct cmdline *c)
{
	struct word *w = &c->words[0];
	if (w->quoted)
		return 0;
	char *colon = memchr(w->s, ':', w->len);
	if (!colon)
		return 0;
	size_t n = (size_t)(colon - w->s);
	char name[IPCSH_NAME_MAX + 2];
	if (n == 0 || n > IPCSH_NAME_MAX)
		return parse_fail(lx, xasprintf(_("\"%s\" is not a valid actor prefix (ACTOR: COMMAND)"), w->s));
	memcpy(name, w->s, n);
	name[n] = '\0';
	if (!util_valid_name(name))
		return parse_fail(lx, xasprintf(_("\"%s\" is not a valid actor name"), name));
	memcpy(c->actor, name, n + 1);
	if (colon[1] != '\0') {
		char *rest = xstrdup(colon + 1);
		free(w->s);
		w->s = rest;
		w->len = strlen(rest);
		return 0;
	}
	free(w->s);
	memmove(c->words, c->words + 1, (c->nwords - 1) * sizeof *c->words);
	c->nwords--;
	if (c->nwords == 0)
		return parse_fail(lx, xasprintf(_("\"%s:\" names an actor but no command"), name));
	return 0;
}

static int parse_end_cmd(struct lexer *lx, bool background)
{
	parse_push_word(lx);
	struct cmdline *c = &lx->cur;
	if (c->nwords == 0) {
		if (background)
			return parse_fail(lx, xstrdup(_("'&' must follow a command")));
		return 0;
	}
	if (parse_actor_prefix(lx, c) < 0)
		return -1;
	c->background = background;
	struct parse_result *r = lx->res;
	r->cmds = xrealloc(r->cmds, (r->ncmds + 1) * sizeof *r->cmds);
	r->cmds[r->ncmds++] = *c;
	memset(c, 0, sizeof *c);
	return 0;
}

static int parse_hex(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* A backslash escape inside double quotes; p points after the backslash. */
static int parse_escape(struct lexer *lx)
{
	if (lx->p >= lx->end)
		return parse_fail(lx, xstrdup(_("unterminated quote: a line ends inside \"...\"")));
	char c = *lx->p++;
	switch (c) {
	case 'n': buf_addc(&lx->word, '\n'); return 0;
	case 't': buf_addc(&lx->word, '\t'); return 0;
	case 'r': buf_addc(&lx->word, '\r'); return 0;
	case '0': buf_addc(&lx->word, '\0'); return 0;
	case '\\': case '"': case '\'': buf_addc(&lx->word, c); return 0;
	case 'x': {
		int hi = lx->p < lx->end ? parse_hex(lx->p[0]) : -1;
		int lo = lx->p + 1 < lx->end ? parse_hex(lx->p[1]) : -1;
		if (hi < 0 || lo < 0)
			return parse_fail(lx, xstrdup(_("\\x needs two hex digits, as in \"\\x41\"")));
		buf_addc(&lx->word, (char)(hi * 16 + lo));
		lx->p += 2;
		return 0;
	}
	default:
		return parse_fail(lx, xasprintf(_("unknown escape \\%c (known: \\n \\t \\r \\0 \\\\ \\\" \\xHH)"), c));
	}
}

static int parse_quoted(struct lexer *lx, char q)
{
	if (!lx->quoted)
		lx->qfrom = lx->word.len;
	lx->in_word = lx->quoted = true;
	while (lx->p < lx->end) {
		char c = *lx->p++;
		if (c == q) {
			lx->qto = lx->word.len;
			return 0;
		}
		if (c == '\\' && q == '"') {
			if (parse_escape(lx) < 0)
				return -1;
			continue;
		}
		buf_addc(&lx->word, c);
	}
	return parse_fail(lx, xasprintf(_("unterminated quote: %c opened but never closed"), q));
}

static int parse_scan(struct lexer *lx)
{
	while (lx->p < lx->end) {
		char c = *lx->p++;
		int rc = 0;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			parse_push_word(lx);
		} else if (c == '#' && !lx->in_word) {
			break;
		} else if (c == '&' && lx->p < lx->end && *lx->p == '&') {
			lx->in_word = true;      /* "&&" is a word (expect's and) */
			buf_adds(&lx->word, "&&");
			lx->p++;
		} else if (c == ';' || c == '&') {
			rc = parse_end_cmd(lx, c == '&');
		} else if (c == '"' || c == '\'') {
			rc = parse_quoted(lx, c);
		} else {
			lx->in_word = true;
			buf_addc(&lx->word, c);
		}
		if (rc < 0)
			return -1;
		if (lx->cur.nwords >= PARSE_WORDS_MAX)
			return parse_fail(lx, xasprintf(_("too many words in one command (at most %d)"), PARSE_WORDS_MAX));
	}
	return parse_end_cmd(lx, false);
}

int parse_line(const char *line, size_t len, struct parse_result *res)
{
	memset(res, 0, sizeof *res);
	if (len > PARSE_LINE_MAX) {
		res->error = xasprintf(_("line too long: %zu bytes (at most %d)"), len, PARSE_LINE_MAX);
		return -1;
	}
	if (memchr(line, '\0', len)) {
		res->error = xstrdup(_("the line contains a NUL byte; write it as \"\\0\" inside quotes"));
		return -1;
	}
	struct lexer lx = { .p = line, .end = line + len, .res = res };
	int rc = parse_scan(&lx);
	parse_free_cmd(&lx.cur);
	buf_free(&lx.word);
	if (rc < 0) {
		char *err = res->error;
		res->error = NULL;
		parse_free(res);
		res->error = err;
	}
	return rc;
}

void parse_free(struct parse_result *res)
{
	for (size_t i = 0; i < res->ncmds; i++)
		parse_free_cmd(&res->cmds[i]);
	free(res->cmds);
	free(res->error);
	memset(res, 0, sizeof *res);
}

int parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s)
		return -1;
	const char *p = s;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = (*p++ == '-');
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p || *p == '-' || *p == '+' || *p == ' ')
		return -1;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(p, &end, base);
	if (errno || *end || v > (unsigned long long)INT64_MAX)
		return -1;
	int64_t r = neg ? -(int64_t)v : (int64_t)v;
	if (r < min || r > max)
		return -1;
	*out = r;
	return 0;
}

int parse_mode(const char *s, int64_t *out)
{
	if (!s || s[0] != '0' || s[1] == 'x' || s[1] == 'X')
		return parse_int(s, 0, 07777, out);
	errno = 0;
	char *end;
	long v = strtol(s, &end, 8);
	if (errno || *end || v < 0 || v > 07777)
		return -1;
	*out = v;
	return 0;
}

int parse_size(const char *s, int64_t max, int64_t *out)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 40)
		return -1;
	char tmp[48];
	memcpy(tmp, s, n + 1);
	int64_t mult = 1;
	char last = tmp[n - 1];
	if (last == 'K' || last == 'k')
		mult = 1024;
	else if (last == 'M' || last == 'm')
		mult = 1024 * 1024;
	if (mult > 1)
		tmp[n - 1] = '\0';
	int64_t v;
	if (parse_int(tmp, 0, INT64_MAX / mult, &v) < 0 || v * mult > max)
		return -1;
	*out = v * mult;
	return 0;
}

const char *parse_opt(const struct word *w, const char *key)
{
	size_t k = strlen(key);
	if (w->len > k && strncmp(w->s, key, k) == 0 && w->s[k] == '=')
		return w->s + k + 1;
	return NULL;
}
