/* lesson_file.c: reads a lesson file (ipcsh-lesson(5)) into struct lesson.
 * One "key: value" a line; a line that starts with a space or a tab goes
 * on with the text before it (a new line of that text). Keys are table
 * rows: where they may stand, whether they take more lines, and which
 * field they fill. Commands are checked against the command tables and
 * conditions against the expect language, so that a lesson that cannot
 * run never starts. */
#include "config.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "cond.h"
#include "jsonv.h"
#include "lesson_file.h"
#include "parse.h"

struct lf_state {
	const char *path;
	struct lesson *l;
	struct lesson_step *step;      /* the step being read, or NULL */
	char **more;                   /* the text a continuation line extends */
	struct buf acc;                /* ... its lines so far (set at lf_commit) */
	bool grown;
	int line;
	char *err;
};

/* A text that continuation lines may extend from now on: its lines grow
 * in st->acc (appending, not copying the whole text each line) and are
 * put in place by lf_commit. */
static void lf_more_start(struct lf_state *st, char **field)
{
	st->more = field;
	st->grown = false;
	buf_reset(&st->acc);
	buf_adds(&st->acc, *field);
}

static void lf_commit(struct lf_state *st)
{
	if (st->more && st->grown) {
		free(*st->more);
		*st->more = xstrdup(st->acc.s);
	}
	st->grown = false;
}

static int lf_fail(struct lf_state *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int lf_fail(struct lf_state *st, const char *fmt, ...)
{
	struct buf b = {0};
	buf_printf(&b, "%s:%d: ", st->path, st->line);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	st->err = b.s;
	return -1;
}

/* A text key given once: set it, and let continuation lines extend it. */
static int lf_text(struct lf_state *st, char **field, const char *key, const char *v)
{
	if (*field)
		return lf_fail(st, _("\"%s\" given twice"), key);
	*field = xstrdup(v);
	lf_more_start(st, field);
	return 0;
}

/* A command line for setup or solution: it parses, and each command is
 * one ipcsh has. */
static int lf_command(struct lf_state *st, struct lesson_line *lines, int *n, const char *key, const char *v)
{
	if (*n >= LESSON_LINES_MAX)
		return lf_fail(st, _("more than %d \"%s\" lines"), LESSON_LINES_MAX, key);
	struct parse_result res;
	if (parse_line(v, strlen(v), &res) < 0) {
		int rc = lf_fail(st, "%s: %s", key, res.error);
		parse_free(&res);
		return rc;
	}
	/* what a lesson's own lines may not do: end the session or the lesson */
	static const char *const banned[] = { "lesson", "quit", "cleanup" };
	int rc = res.ncmds ? 0 : lf_fail(st, _("\"%s\" with no command"), key);
	for (size_t i = 0; i < res.ncmds && !rc; i++) {
		const char *name = res.cmds[i].nwords ? res.cmds[i].words[0].s : "";
		if (!cmd_find(name))
			rc = lf_fail(st, _("%s: no command named \"%s\""), key, name);
		for (size_t b = 0; b < ARRAY_LEN(banned) && !rc; b++)
			if (!strcmp(name, banned[b]))
				rc = lf_fail(st, _("%s: \"%s\" cannot be part of a lesson (it would end the lesson or the session)"),
					     key, name);
	}
	parse_free(&res);
	if (rc)
		return rc;
	lines[*n] = (struct lesson_line){ xstrdup(v), st->line };
	(*n)++;
	st->more = NULL;
	return 0;
}

/* A condition in the expect language: only its syntax can be judged here
 * (names are judged by --check-lesson, on a session). */
static int lf_condition(struct lf_state *st, const char *key, const char *v)
{
	char *line = xasprintf("expect %s", v);
	struct parse_result res;
	int rc = 0;
	if (parse_line(line, strlen(line), &res) < 0 || res.ncmds != 1 || res.cmds[0].nwords < 2) {
		rc = lf_fail(st, _("%s: not one condition: %s"), key, res.error ? res.error : v);
	} else {
		struct jv *empty = jv_parse("{}");
		bool ok;
		char *why = NULL;
		if (cond_eval(empty, res.cmds[0].words + 1, (int)res.cmds[0].nwords - 1, &ok, &why) < 0)
			rc = lf_fail(st, "%s: %s", key, why ? why : "?");
		free(why);
		jv_free(empty);
	}
	parse_free(&res);
	free(line);
	return rc;
}

typedef int lf_key_fn(struct lf_state *st, const char *v);

static int lf_id(struct lf_state *st, const char *v)
{
	size_t n = strlen(v);
	if (st->l->id[0])
		return lf_fail(st, _("\"id\" given twice"));
	if (!n || n > LESSON_ID_MAX || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return lf_fail(st, _("id: 1 to %d of a-z, 0-9 and -, not \"%s\""), LESSON_ID_MAX, v);
	memcpy(st->l->id, v, n + 1);
	st->more = NULL;
	return 0;
}

static int lf_title(struct lf_state *st, const char *v) { return lf_text(st, &st->l->title, "title", v); }
static int lf_about(struct lf_state *st, const char *v) { return lf_text(st, &st->l->about, "about", v); }
static int lf_setup(struct lf_state *st, const char *v) { return lf_command(st, st->l->setup, &st->l->nsetup, "setup", v); }

static int lf_step(struct lf_state *st, const char *v)
{
	if (st->l->nsteps >= LESSON_STEPS_MAX)
		return lf_fail(st, _("more than %d steps"), LESSON_STEPS_MAX);
	st->step = &st->l->steps[st->l->nsteps++];
	st->step->line = st->line;
	return lf_text(st, &st->step->title, "step", v);
}

static int lf_stext(struct lf_state *st, const char *v) { return lf_text(st, &st->step->text, "text", v); }
static int lf_do(struct lf_state *st, const char *v) { return lf_text(st, &st->step->todo, "do", v); }
static int lf_ask(struct lf_state *st, const char *v) { return lf_text(st, &st->step->ask, "ask", v); }
static int lf_reveal(struct lf_state *st, const char *v) { return lf_text(st, &st->step->reveal, "reveal", v); }

static int lf_answer(struct lf_state *st, const char *v)
{
	if (st->step->answer)
		return lf_fail(st, _("\"answer\" given twice"));
	st->step->answer = xstrdup(v);
	st->more = NULL;
	return 0;
}

/* One more item of a step's list (choices, hints): -1 when it has max. */
static int lf_item(struct lf_state *st, char **items, int *n, int max, const char *v)
{
	if (*n >= max)
		return -1;
	items[*n] = xstrdup(v);
	lf_more_start(st, &items[(*n)++]);
	return 0;
}

static int lf_choice(struct lf_state *st, const char *v)
{
	if (lf_item(st, st->step->choices, &st->step->nchoices, LESSON_CHOICES_MAX, v) < 0)
		return lf_fail(st, _("more than %d choices"), LESSON_CHOICES_MAX);
	return 0;
}

static int lf_hint(struct lf_state *st, const char *v)
{
	if (lf_item(st, st->step->hints, &st->step->nhints, LESSON_HINTS_MAX, v) < 0)
		return lf_fail(st, _("more than %d hints"), LESSON_HINTS_MAX);
	return 0;
}

static int lf_check(struct lf_state *st, const char *v)
{
	if (st->step->check.s)
		return lf_fail(st, _("\"check\" given twice"));
	if (lf_condition(st, "check", v) < 0)
		return -1;
	st->step->check = (struct lesson_line){ xstrdup(v), st->line };
	st->more = NULL;
	return 0;
}

static int lf_claim(struct lf_state *st, const char *v)
{
	struct lesson_step *s = st->step;
	if (s->nclaims >= LESSON_CLAIMS_MAX)
		return lf_fail(st, _("more than %d claims"), LESSON_CLAIMS_MAX);
	if (lf_condition(st, "claim", v) < 0)
		return -1;
	s->claims[s->nclaims++].cond = (struct lesson_line){ xstrdup(v), st->line };
	st->more = NULL;
	return 0;
}

/* holds: or fails: -- a text of the claim just before it */
static int lf_claim_text(struct lf_state *st, bool holds, const char *v)
{
	const char *key = holds ? "holds" : "fails";
	if (!st->step->nclaims)
		return lf_fail(st, _("\"%s\" belongs to a claim: put a \"claim:\" line before it"), key);
	struct lesson_claim *c = &st->step->claims[st->step->nclaims - 1];
	return lf_text(st, holds ? &c->holds : &c->fails, key, v);
}

static int lf_holds(struct lf_state *st, const char *v) { return lf_claim_text(st, true, v); }
static int lf_fails(struct lf_state *st, const char *v) { return lf_claim_text(st, false, v); }

static int lf_solution(struct lf_state *st, const char *v)
{
	return lf_command(st, st->step->solution, &st->step->nsolution, "solution", v);
}

static const struct lf_key {
	const char *key;
	bool in_step;                  /* after a "step:" (else before any) */
	lf_key_fn *fn;
} lf_keys[] = {
	{ "id", false, lf_id },
	{ "title", false, lf_title },
	{ "about", false, lf_about },
	{ "setup", false, lf_setup },
	{ "step", true, lf_step },
	{ "text", true, lf_stext },
	{ "do", true, lf_do },
	{ "ask", true, lf_ask },
	{ "choice", true, lf_choice },
	{ "answer", true, lf_answer },
	{ "reveal", true, lf_reveal },
	{ "check", true, lf_check },
	{ "hint", true, lf_hint },
	{ "solution", true, lf_solution },
	{ "claim", true, lf_claim },
	{ "holds", true, lf_holds },
	{ "fails", true, lf_fails },
};

static int lf_key(struct lf_state *st, const char *line)
{
	const char *colon = strchr(line, ':');
	size_t klen = colon ? (size_t)(colon - line) : 0;
	const struct lf_key *k = NULL;
	for (size_t i = 0; colon && i < ARRAY_LEN(lf_keys) && !k; i++)
		if (strlen(lf_keys[i].key) == klen && !strncmp(line, lf_keys[i].key, klen))
			k = &lf_keys[i];
	if (!k)
		return lf_fail(st, _("not \"key: value\" with a key of ipcsh-lesson(5): %.40s"), line);
	const char *v = colon + 1 + strspn(colon + 1, " \t");
	if (!*v)
		return lf_fail(st, _("\"%s\" has no value"), k->key);
	if (k->fn == lf_step)
		return lf_step(st, v);
	if (k->in_step && !st->step)
		return lf_fail(st, _("\"%s\" belongs to a step: put a \"step:\" line before it"), k->key);
	if (!k->in_step && st->step)
		return lf_fail(st, _("\"%s\" belongs before the first step"), k->key);
	return k->fn(st, v);
}

static int lf_more(struct lf_state *st, const char *line)
{
	if (!st->more)
		return lf_fail(st, _("an indented line, but nothing before it takes more lines"));
	buf_printf(&st->acc, "\n%s", line + strspn(line, " \t"));
	st->grown = true;
	return 0;
}

/* Every step has what a learner and a check need; a question has its
 * answer and its reason. */
static int lf_complete(struct lf_state *st)
{
	struct lesson *l = st->l;
	if (!l->id[0] || !l->title)
		return lf_fail(st, _("a lesson needs an \"id\" and a \"title\""));
	if (!l->nsteps)
		return lf_fail(st, _("a lesson needs at least one \"step\""));
	for (int i = 0; i < l->nsteps; i++) {
		struct lesson_step *s = &l->steps[i];
		st->line = s->line;
		if (!s->text || !s->todo || !s->check.s || !s->nsolution)
			return lf_fail(st, _("step %d needs \"text\", \"do\", \"check\" and \"solution\""), i + 1);
		if (!s->ask != !s->reveal || !s->ask != !s->answer)
			return lf_fail(st, _("step %d: \"ask\", \"answer\" and \"reveal\" go together"), i + 1);
		if (s->nchoices && !s->ask)
			return lf_fail(st, _("step %d: choices without \"ask\""), i + 1);
		for (int k = 0; k < s->nclaims; k++)
			if (!s->claims[k].holds || !s->claims[k].fails) {
				st->line = s->claims[k].cond.line;
				return lf_fail(st, _("a claim needs \"holds\" and \"fails\": what to say when the figures agree, and when they do not"));
			}
		int64_t n;
		if (s->nchoices && (parse_int(s->answer, 1, s->nchoices, &n) < 0))
			return lf_fail(st, _("step %d: the answer is the number of a choice, 1 to %d"), i + 1, s->nchoices);
	}
	return 0;
}

/* One line: its bytes must be text (no NUL, valid UTF-8). */
static int lf_line(struct lf_state *st, const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return lf_fail(st, _("a NUL byte: a lesson is text"));
	if (!util_utf8_valid(s, n))
		return lf_fail(st, _("not valid UTF-8"));
	char *line = xstrndup(s, n);
	if (n && line[n - 1] == '\r')
		line[n - 1] = '\0';
	int rc = 0;
	bool blank = line[strspn(line, " \t")] == '\0';
	bool goes_on = !blank && (line[0] == ' ' || line[0] == '\t');
	if (!goes_on && line[0] != '#')
		lf_commit(st);            /* the text before is complete */
	if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
		st->more = line[0] == '#' ? st->more : NULL;
	else if (line[0] == ' ' || line[0] == '\t')
		rc = lf_more(st, line);
	else
		rc = lf_key(st, line);
	free(line);
	return rc;
}

int lesson_parse(const char *path, const char *text, size_t len, struct lesson *l, char **err)
{
	memset(l, 0, sizeof *l);
	struct lf_state st = { .path = path, .l = l };
	int rc = 0;
	if (len > LESSON_FILE_MAX) {
		st.line = 1;
		rc = lf_fail(&st, _("larger than %d KiB: not a lesson"), LESSON_FILE_MAX / 1024);
	}
	for (size_t at = 0; !rc && at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		st.line++;
		rc = lf_line(&st, text + at, n);
		at += n + 1;
	}
	lf_commit(&st);
	buf_free(&st.acc);
	if (!rc) {
		st.line = st.line ? st.line : 1;
		rc = lf_complete(&st);
	}
	if (rc) {
		*err = st.err;
		lesson_free(l);
		return -1;
	}
	l->path = xstrdup(path);
	return 0;
}

int lesson_load(const char *path, struct lesson *l, char **err)
{
	memset(l, 0, sizeof *l);
	FILE *f = fopen(path, "re");
	if (!f) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	struct buf b = {0};
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= LESSON_FILE_MAX)
		buf_add(&b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		*err = xasprintf("%s: %s", path, strerror(EIO));
		buf_free(&b);
		return -1;
	}
	int rc = lesson_parse(path, b.s ? b.s : "", b.len, l, err);
	buf_free(&b);
	return rc;
}

void lesson_free(struct lesson *l)
{
	free(l->path);
	free(l->title);
	free(l->about);
	for (int i = 0; i < l->nsetup; i++)
		free(l->setup[i].s);
	for (int i = 0; i < l->nsteps; i++) {
		struct lesson_step *s = &l->steps[i];
		free(s->title);
		free(s->text);
		free(s->todo);
		free(s->ask);
		free(s->reveal);
		free(s->answer);
		free(s->check.s);
		for (int k = 0; k < s->nchoices; k++)
			free(s->choices[k]);
		for (int k = 0; k < s->nhints; k++)
			free(s->hints[k]);
		for (int k = 0; k < s->nsolution; k++)
			free(s->solution[k].s);
		for (int k = 0; k < s->nclaims; k++) {
			free(s->claims[k].cond.s);
			free(s->claims[k].holds);
			free(s->claims[k].fails);
		}
	}
	memset(l, 0, sizeof *l);
}
