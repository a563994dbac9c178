/* cond.c: evaluates conditions such as "p.bytes == 5 and B.state ==
 * blocked" against the world document. Names are looked up among the
 * actors, then the objects, then the top-level keys ("session"). */
#include "config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cond.h"

enum tok_kind { T_ATOM, T_STR, T_OP, T_AND, T_OR, T_NOT, T_LP, T_RP, T_END };

struct tok {
	enum tok_kind kind;
	char *s;
};

struct cond {
	const struct jv *world;
	struct tok *toks;
	size_t n, pos;
	char *why;
	char *missing;                 /* the first path that names nothing */
	bool error;
};

static void cond_push(struct cond *c, enum tok_kind k, const char *s, size_t len)
{
	c->toks = xrealloc(c->toks, (c->n + 1) * sizeof *c->toks);
	c->toks[c->n].kind = k;
	c->toks[c->n].s = xstrndup(s, len);
	c->n++;
}

static const char *const cond_ops[] = { "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "=" };

static void cond_fail(struct cond *c, char *msg);

static void cond_lex_word(struct cond *c, const char *s)
{
	while (*s) {
		size_t i;
		for (i = 0; i < ARRAY_LEN(cond_ops); i++)
			if (strncmp(s, cond_ops[i], strlen(cond_ops[i])) == 0)
				break;
		if (i < ARRAY_LEN(cond_ops)) {
			const char *op = cond_ops[i];
			size_t l = strlen(op);
			enum tok_kind k = !strcmp(op, "&&") ? T_AND : !strcmp(op, "||") ? T_OR :
					  !strcmp(op, "!") ? T_NOT : !strcmp(op, "(") ? T_LP :
					  !strcmp(op, ")") ? T_RP : T_OP;
			cond_push(c, k, !strcmp(op, "=") ? "==" : op, !strcmp(op, "=") ? 2 : l);
			s += l;
			continue;
		}
		size_t len = strcspn(s, "=!<>&|()");
		if (len == 0) {           /* a lone & or |: no operator of ours */
			cond_fail(c, xasprintf(_("\"%c\" alone is not an operator (and is && or and, or is || or or)"), *s));
			return;
		}
		enum tok_kind k = T_ATOM;
		if ((len == 3 && !strncmp(s, "and", 3)))
			k = T_AND;
		else if (len == 2 && !strncmp(s, "or", 2))
			k = T_OR;
		else if (len == 3 && !strncmp(s, "not", 3))
			k = T_NOT;
		else if (len == 3 && !strncmp(s, "has", 3))
			k = T_OP;             /* LIST has VALUE: one of its items == VALUE */
		cond_push(c, k, s, len);
		s += len;
	}
}

static const struct tok *cond_peek(struct cond *c)
{
	static const struct tok end = { T_END, NULL };
	return c->pos < c->n ? &c->toks[c->pos] : &end;
}

static void cond_fail(struct cond *c, char *msg)
{
	if (!c->error) {
		free(c->why);
		c->why = msg;
		c->error = true;
	} else {
		free(msg);
	}
}

static const struct jv *cond_in_lists(const struct jv *world, const char *name)
{
	const char *lists[] = { "actors", "objects" };
	for (size_t l = 0; l < 2; l++) {
		const struct jv *arr = jv_get(world, lists[l]);
		for (size_t i = 0; arr && i < arr->n; i++) {
			const struct jv *nm = jv_get(&arr->items[i], "name");
			if (nm && nm->type == JV_STR && strcmp(nm->str, name) == 0)
				return &arr->items[i];
		}
	}
	return NULL;
}

/* The actor or object the path starts with -- the longest run of its
 * parts that is a name, since a name may hold a dot (a socketpair's sp.0)
 * -- else a top-level key; *rest: the parts after it. */
static const struct jv *cond_named(const struct jv *world, char *path, char **rest)
{
	for (char *dot = path + strlen(path); dot; ) {
		char save = *dot;
		*dot = '\0';
		const struct jv *v = cond_in_lists(world, path);
		*dot = save;
		if (v) {
			*rest = *dot ? dot + 1 : dot;
			return v;
		}
		char *prev = NULL;
		for (char *p = path; p < dot; p++)
			if (*p == '.')
				prev = p;
		dot = prev;
	}
	char *first = strchr(path, '.');
	*rest = first ? first + 1 : path + strlen(path);
	if (first)
		*first = '\0';
	return jv_get(world, path);
}

/* Resolve a dotted path; *len gets an array's length for ".length". */
static const struct jv *cond_path(struct cond *c, const char *path, struct jv *tmp)
{
	char *copy = xstrdup(path), *save = NULL, *rest;
	const struct jv *v = *copy && *copy != '.' ? cond_named(c->world, copy, &rest) : NULL;
	char *part = v ? strtok_r(rest, ".", &save) : NULL;
	for (; v && part; part = strtok_r(NULL, ".", &save)) {
		bool count = !strcmp(part, "length") || !strcmp(part, "count");
		if (count && (v->type == JV_ARR || (v->type == JV_OBJ && !jv_get(v, part)))) {
			memset(tmp, 0, sizeof *tmp);
			tmp->type = JV_NUM;
			tmp->num = (double)v->n;
			v = tmp;
		} else if (v->type == JV_ARR) {
			char *end;
			long idx = strtol(part, &end, 10);
			v = (*end || idx < 0 || (size_t)idx >= v->n) ? NULL : &v->items[idx];
		} else {
			v = jv_get(v, part);
		}
	}
	free(copy);
	return v;
}

static char *cond_show(const struct jv *v)
{
	if (!v)
		return xstrdup(_("missing"));
	switch (v->type) {
	case JV_NULL: return xstrdup("null");
	case JV_BOOL: return xstrdup(v->b ? "true" : "false");
	case JV_NUM: return xasprintf("%g", v->num);
	case JV_STR: return xasprintf("\"%s\"", v->str);
	case JV_ARR: return xasprintf(_("a list of %zu"), v->n);
	default: return xstrdup(_("an object"));
	}
}

static bool cond_truthy(const struct jv *v)
{
	if (!v || v->type == JV_NULL)
		return false;
	if (v->type == JV_BOOL)
		return v->b;
	if (v->type == JV_NUM)
		return v->num != 0;
	if (v->type == JV_STR)
		return v->str[0] != '\0';
	return v->n > 0;
}

static void cond_note_missing(struct cond *c, const char *path)
{
	if (!c->missing)
		c->missing = xstrdup(path);
}

/* The right-hand side: a number, null/true/false, a path, or a word. */
static void cond_literal(struct cond *c, const struct tok *t, struct jv *out, const struct jv **res)
{
	memset(out, 0, sizeof *out);
	*res = out;
	if (t->kind == T_STR) {
		out->type = JV_STR;
		out->str = t->s;
		return;
	}
	char *end;
	double d = strtod(t->s, &end);
	if (*t->s && !*end) {
		out->type = JV_NUM;
		out->num = d;
	} else if (!strcmp(t->s, "null")) {
		out->type = JV_NULL;
	} else if (!strcmp(t->s, "true") || !strcmp(t->s, "false")) {
		out->type = JV_BOOL;
		out->b = t->s[0] == 't';
	} else if (strchr(t->s, '.')) {
		static struct jv tmp;
		const struct jv *p = cond_path(c, t->s, &tmp);
		if (p && p->type == JV_NULL)
			cond_note_missing(c, t->s);
		if (p)
			*res = p;
		else {
			cond_note_missing(c, t->s);   /* or a word with a dot: a.txt */
			out->type = JV_STR;
			out->str = t->s;
		}
	} else {
		out->type = JV_STR;
		out->str = t->s;
	}
}

/* A string that is a whole number in decimal ("-12345", what peek ...
 * int leaves in last.data) compares with a number as that number. */
static bool cond_num_of(const struct jv *v, double *out)
{
	if (v->type == JV_NUM) {
		*out = v->num;
		return true;
	}
	char *end;
	if (v->type != JV_STR || !v->str[0])
		return false;
	*out = strtod(v->str, &end);
	return *end == '\0';
}

static bool cond_compare(const struct jv *l, const char *op, const struct jv *r)
{
	int cmp;
	double ln, rn;
	if (!l)
		return false;
	if (!strcmp(op, "has")) {
		for (size_t i = 0; l->type == JV_ARR && i < l->n; i++)
			if (cond_compare(&l->items[i], "==", r))
				return true;
		return false;
	}
	if ((l->type == JV_NUM || r->type == JV_NUM) && cond_num_of(l, &ln) && cond_num_of(r, &rn))
		cmp = ln < rn ? -1 : ln > rn;
	else if (l->type == JV_STR && r->type == JV_STR)
		cmp = strcmp(l->str, r->str);
	else if (l->type == r->type && (l->type == JV_NULL || l->type == JV_BOOL))
		cmp = l->type == JV_BOOL ? (int)l->b - (int)r->b : 0;
	else
		return !strcmp(op, "!=");
	if (!strcmp(op, "==")) return cmp == 0;
	if (!strcmp(op, "!=")) return cmp != 0;
	if (!strcmp(op, "<")) return cmp < 0;
	if (!strcmp(op, "<=")) return cmp <= 0;
	if (!strcmp(op, ">")) return cmp > 0;
	return cmp >= 0;
}

static bool cond_or(struct cond *c);

static bool cond_cmp(struct cond *c)
{
	const struct tok *t = cond_peek(c);
	if (t->kind != T_ATOM) {
		cond_fail(c, xasprintf(_("a condition starts with a NAME.FIELD path, not \"%s\""), t->s ? t->s : _("the end")));
		return false;
	}
	c->pos++;
	struct jv tmp, lit;
	const struct jv *l = cond_path(c, t->s, &tmp);
	if (!l || l->type == JV_NULL)
		cond_note_missing(c, t->s);   /* null: no value there either */
	const struct tok *op = cond_peek(c);
	if (op->kind != T_OP) {
		bool v = cond_truthy(l);
		if (!v && !c->why)
			c->why = xasprintf(_("%s is %s"), t->s, l ? "false" : _("missing"));
		return v;
	}
	c->pos++;
	const struct tok *rt = cond_peek(c);
	if (rt->kind != T_ATOM && rt->kind != T_STR) {
		cond_fail(c, xasprintf(_("%s needs a value after it"), op->s));
		return false;
	}
	c->pos++;
	const struct jv *r;
	cond_literal(c, rt, &lit, &r);
	bool v = cond_compare(l, op->s, r);
	if (!v && !c->why) {
		char *shown = cond_show(l);
		c->why = xasprintf(_("%s is %s"), t->s, shown);
		free(shown);
	}
	return v;
}

static bool cond_not(struct cond *c)
{
	const struct tok *t = cond_peek(c);
	if (t->kind == T_NOT) {
		c->pos++;
		return !cond_not(c);
	}
	if (t->kind == T_LP) {
		c->pos++;
		bool v = cond_or(c);
		if (cond_peek(c)->kind != T_RP)
			cond_fail(c, xstrdup(_("a \"(\" is never closed")));
		else
			c->pos++;
		return v;
	}
	return cond_cmp(c);
}

static bool cond_and(struct cond *c)
{
	bool v = cond_not(c);
	while (cond_peek(c)->kind == T_AND) {
		c->pos++;
		bool r = cond_not(c);
		v = v && r;
	}
	return v;
}

static bool cond_or(struct cond *c)
{
	bool v = cond_and(c);
	while (cond_peek(c)->kind == T_OR) {
		c->pos++;
		bool r = cond_and(c);
		if (r && !v && !c->error) {   /* an error's reason stays */
			free(c->why);
			c->why = NULL;
		}
		v = v || r;
	}
	return v;
}

const struct jv *cond_lookup(const struct jv *world, const char *path, struct jv *tmp)
{
	struct cond c = { .world = world };
	return cond_path(&c, path, tmp);
}

int cond_eval(const struct jv *world, const struct word *words, int n, bool *result, char **why)
{
	return cond_eval_paths(world, words, n, result, why, NULL);
}

int cond_eval_paths(const struct jv *world, const struct word *words, int n, bool *result, char **why,
		    char **missing)
{
	struct cond c = { .world = world };
	for (int i = 0; i < n; i++) {
		const struct word *w = &words[i];
		if (!w->quoted) {
			cond_lex_word(&c, w->s);
			continue;
		}
		/* ("x") -- parentheses (or a "!") around the quotes are the
		 * condition's own; anything else makes the whole word a string */
		if (strspn(w->s, "(!") < w->qfrom || strspn(w->s + w->qto, ")") < w->len - w->qto) {
			cond_push(&c, T_STR, w->s, w->len);
			continue;
		}
		char *before = xstrndup(w->s, w->qfrom);
		cond_lex_word(&c, before);
		free(before);
		cond_push(&c, T_STR, w->s + w->qfrom, w->qto - w->qfrom);
		cond_lex_word(&c, w->s + w->qto);
	}
	if (c.n == 0)
		cond_fail(&c, xstrdup(_("the condition is empty")));
	else
		*result = cond_or(&c);
	if (!c.error && c.pos < c.n)
		cond_fail(&c, xasprintf(_("unexpected \"%s\" in the condition"), c.toks[c.pos].s));
	for (size_t i = 0; i < c.n; i++)
		free(c.toks[i].s);
	free(c.toks);
	if (missing)
		*missing = c.missing;
	else
		free(c.missing);
	*why = c.why;
	if (c.error)
		return -1;
	if (*result) {
		free(*why);
		*why = NULL;
	}
	return 0;
}
