/* lesson_claim.c: a step's claims (ipcsh-lesson(5): claim, holds, fails)
 * -- what the notes say of the mechanisms, "shared memory is the fastest"
 * -- judged on the learner's own figures once the step is done, and their
 * texts with {PATH} and {PATH/PATH} filled in from the same state, so that
 * every figure a claim's text gives is the one this machine measured. */
#include "config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cond.h"
#include "jsonv.h"
#include "lesson.h"
#include "out.h"
#include "tui_text.h"

#define CLAIM_WIDTH 72                 /* columns a line, after its lead */

/* A number for the reader: whole above 100 ("2463117"), else three
 * digits ("1.19", "0.0426"). */
static void claim_number(struct buf *b, double v)
{
	if (fabs(v) >= 100)
		buf_printf(b, "%.0f", v);
	else
		buf_printf(b, "%.3g", v);
}

/* {PATH} or {PATH/PATH}: its value into b; else "?" and *missing, when
 * given: the first path with no value to give (absent, null, not a number
 * where one is divided, or a divisor of 0). */
static void claim_value(struct buf *b, const struct jv *doc, const char *expr, char **missing)
{
	char *copy = xstrdup(expr), *div = strchr(copy, '/');
	if (div)
		*div++ = '\0';
	struct jv t1, t2;
	const struct jv *a = cond_lookup(doc, copy, &t1), *d = div ? cond_lookup(doc, div, &t2) : NULL;
	const char *bad = !a || !(a->type == JV_NUM || (a->type == JV_STR && !div)) ? copy
			: div && (!d || d->type != JV_NUM || d->num == 0) ? div : NULL;
	if (bad) {
		if (missing && !*missing)
			*missing = xstrdup(bad);
		buf_adds(b, "?");
	} else if (a->type == JV_STR) {
		buf_adds(b, a->str);
	} else {
		claim_number(b, div ? a->num / d->num : a->num);
	}
	free(copy);
}

char *lesson_claim_fill(const struct jv *doc, const char *text, char **missing)
{
	static const char path_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/";
	struct buf b = {0};
	buf_adds(&b, "");
	for (const char *s = text; *s;) {
		size_t n = s[0] == '{' ? strspn(s + 1, path_chars) : 0;
		if (n && s[1 + n] == '}') {
			char *expr = xstrndup(s + 1, n);
			claim_value(&b, doc, expr, missing);
			free(expr);
			s += n + 2;
		} else {
			buf_add(&b, s, 1);
			s++;
		}
	}
	return b.s;
}

/* Break the line begun at b->s + *line at its last break (a space, which
 * becomes the newline, or before a wide character). */
static void claim_break(struct buf *b, size_t *line, size_t brk, bool space)
{
	if (!space && brk > *line + 1 && b->s[brk - 1] == ' ') {
		brk--;                    /* "UNIX" then Chinese: at the space */
		space = true;
	}
	if (space) {
		b->s[brk] = '\n';
	} else {
		buf_add(b, "", 1);        /* room for the newline */
		b->len--;
		memmove(b->s + brk + 1, b->s + brk, b->len - brk + 1);
		b->s[brk] = '\n';
		b->len++;
	}
	*line = brk + 1;
}

/* Chinese punctuation that may not begin a line. */
static bool claim_closing(const char *s)
{
	static const char *const marks[] = { "，", "。", "、", "：", "；", "！", "？", "）", "”", "》" };
	for (size_t i = 0; i < ARRAY_LEN(marks); i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return true;
	return false;
}

/* Does b end with Chinese punctuation that may not end a line? */
static bool claim_opening_ends(const struct buf *b)
{
	static const char *const marks[] = { "（", "“", "《", "「" };
	for (size_t i = 0; i < ARRAY_LEN(marks); i++) {
		size_t n = strlen(marks[i]);
		if (b->len >= n && !memcmp(b->s + b->len - n, marks[i], n))
			return true;
	}
	return false;
}

/* The filled text wrapped again at CLAIM_WIDTH columns: its author broke
 * the lines for the file, before values of any length went in. Lines are
 * joined (with a space, but none between two Chinese characters) and broken between words or before a wide character. */
static char *claim_wrap(const char *text)
{
	struct buf b = {0};
	buf_adds(&b, "");
	size_t len = strlen(text), line = 0, brk = 0;
	bool brk_space = false;
	for (size_t i = 0; i < len;) {
		int w;
		size_t n = tui_text_step(text + i, len - i, &w);
		bool wide = w > 1;
		if (text[i] == '\n') {
			bool cjk_both = i > 0 && (text[i - 1] & 0x80) && (text[i + 1] & 0x80);
			i++;
			if (cjk_both)
				continue;         /* Chinese lines join without a space */
			n = 0;
		}
		if (text[i] == ' ' || n == 0) {
			if (b.len > line && b.s[b.len - 1] != ' ') {   /* one space, never two */
				brk = b.len;
				brk_space = true;
				buf_adds(&b, " ");
			}
			i += n ? n : 0;
			continue;
		}
		if (wide && b.len > line && !claim_closing(text + i) && !claim_opening_ends(&b)) {
			brk = b.len;
			brk_space = false;
		}
		buf_add(&b, text + i, n);
		i += n;
		if (tui_text_width(b.s + line) > CLAIM_WIDTH && brk > line)
			claim_break(&b, &line, brk, brk_space);
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';        /* no space at the end */
	return b.s;
}

void lesson_claims_tell(const struct lesson_step *s, const struct jv *doc)
{
	for (int i = 0; i < s->nclaims; i++) {
		const struct lesson_claim *c = &s->claims[i];
		char *missing = NULL;
		int rc = lesson_eval_paths(doc, c->cond.s, &missing);
		char *text = rc >= 0 && !missing ? lesson_claim_fill(doc, rc ? c->holds : c->fails, &missing) : NULL;
		if (rc < 0 || missing) {   /* judged, or told, on a figure that is not there */
			free(text);
			out_event(OUT_GUIDE, _("  (a claim of this step cannot be judged: %s has no value here)"),
				  missing ? missing : c->cond.s);
			free(missing);
			continue;
		}
		out_event(OUT_GUIDE, rc ? _("  Checked on this machine, the claim holds:")
					: _("  Checked on this machine, the claim does not hold:"));
		char *wrapped = claim_wrap(text);
		lesson_say(wrapped, "    ");
		free(wrapped);
		free(text);
	}
}

char *lesson_claims_verify(const struct lesson_step *s, const struct jv *doc, int *line)
{
	for (int i = 0; i < s->nclaims; i++) {
		const struct lesson_claim *c = &s->claims[i];
		char *missing = NULL;
		*line = c->cond.line;
		if (lesson_eval_paths(doc, c->cond.s, &missing) < 0 || missing) {
			char *msg = xasprintf(_("after the solution the claim cannot be judged: %s names nothing"),
					      missing ? missing : c->cond.s);
			free(missing);
			return msg;
		}
		for (int t = 0; t < 2; t++) {
			free(lesson_claim_fill(doc, t ? c->fails : c->holds, &missing));
			if (missing) {
				char *msg = xasprintf(_("after the solution the claim's \"%s\" text has no value for {%s}"),
						      t ? "fails" : "holds", missing);
				free(missing);
				return msg;
			}
		}
	}
	return NULL;
}
