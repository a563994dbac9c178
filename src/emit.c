/* emit.c: the recorder of the session as a program, and the program's
 * frame: each accepted command is kept with its actor and the C an
 * emitter (emit_calls.c) made of it, or as a comment when it has none;
 * its settle says whether it was left blocked, and which blocked step a
 * later command woke. emit_save writes the frame around them: the
 * declarations, the shared page, the turns (a handshake that makes the
 * processes run the steps in the session's order), one function per
 * actor, main() for ipcsh itself, the end as ipcsh ends (SIGKILL every
 * actor, reap, remove the objects). */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"
#include "emit.h"
#include "json.h"
#include "out.h"
#include "registry.h"

static struct emit_rec em;
static char *emit_saved_path;     /* the last save, until emit_forget */
static int emit_saved_steps;

/* ---- lists ---- */

static bool emit_list_has(const struct emit_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->s[i], s))
			return true;
	return false;
}

static void emit_list_add(struct emit_list *l, const char *s)
{
	l->s = xrealloc(l->s, (l->n + 1) * sizeof *l->s);
	l->s[l->n++] = xstrdup(s);
}

static void emit_list_once(struct emit_list *l, const char *s)
{
	if (!emit_list_has(l, s))
		emit_list_add(l, s);
}

static void emit_list_free(struct emit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	l->s = NULL;
	l->n = 0;
}

void emit_global(const char *decl) { emit_list_once(&em.globals, decl); }
void emit_shared(const char *member) { emit_list_once(&em.shared, member); }
void emit_cleanup(const char *line) { emit_list_once(&em.cleanup, line); }
static unsigned emit_step_helpers;    /* the helpers the step being made needs */
void emit_need(unsigned helper) { emit_step_helpers |= helper; }

/* Text that goes into a C comment cannot end or open one: "*" and "/"
 * next to each other are kept apart ("* /", "/ *"). A copy. */
char *emit_comment_safe(const char *s)
{
	struct buf b = {0};
	buf_adds(&b, "");
	for (const char *p = s; *p; p++) {
		buf_addc(&b, *p);
		if ((p[0] == '*' && p[1] == '/') || (p[0] == '/' && p[1] == '*'))
			buf_addc(&b, ' ');
	}
	return b.s;
}

/* ---- names ---- */

static bool emit_taken(const char *id)
{
	return emit_list_has(&em.idents, id);
}

const char *emit_ident(const char *prefix, const char *name)
{
	char *key = xasprintf("%s\n%s", prefix, name);
	for (size_t i = 0; i < em.idkeys.n; i++)
		if (!strcmp(em.idkeys.s[i], key)) {
			free(key);
			return em.idents.s[i];
		}
	struct buf b = {0};
	buf_adds(&b, prefix);
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
		if (ok || (b.len && b.s[b.len - 1] != '_'))
			buf_addc(&b, ok ? (char)c : '_');
	}
	if (!b.len || (b.s[0] >= '0' && b.s[0] <= '9'))
		buf_adds(&b, "_");
	size_t base = b.len;
	for (int n = 2; emit_taken(b.s); n++) {
		b.len = base;
		buf_printf(&b, "_%d", n);
	}
	emit_list_add(&em.idkeys, key);
	emit_list_add(&em.idents, b.s);
	free(key);
	buf_free(&b);
	return em.idents.s[em.idents.n - 1];
}

/* ---- actors ---- */

static int emit_actor_index(const char *name)
{
	for (size_t i = em.nactors; i-- > 0;)
		if (!strcmp(em.actors[i].name, name))
			return (int)i;
	return -1;
}

const char *emit_new_actor(const char *name)
{
	char *key = xasprintf("%s#%zu", name, em.nactors);   /* a name used again is a new actor */
	bool again = emit_actor_index(name) >= 0;
	em.actors = xrealloc(em.actors, (em.nactors + 1) * sizeof *em.actors);
	struct emit_actor *a = &em.actors[em.nactors++];
	*a = (struct emit_actor){ .name = xstrdup(name), .blocked_step = -1 };
	a->ident = emit_ident("", again ? key : name);
	free(key);
	char *member = xasprintf("pid_t pid_%s;", a->ident);
	emit_shared(member);
	free(member);
	return a->ident;
}

const char *emit_actor(const char *name)
{
	int i = emit_actor_index(name);
	return i < 0 ? NULL : em.actors[i].ident;
}

bool emit_actor_once(const char *who, const char *key)
{
	int i = emit_actor_index(who);
	if (i < 0)
		return false;
	struct emit_actor *a = &em.actors[i];
	for (size_t k = 0; k < a->ndone; k++)
		if (!strcmp(a->done[k], key))
			return true;
	a->done = xrealloc(a->done, (a->ndone + 1) * sizeof *a->done);
	a->done[a->ndone++] = xstrdup(key);
	return false;
}

/* ---- the emitters' output ---- */

void emit_line(struct emit_cmd *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&c->code, fmt, ap);
	va_end(ap);
	buf_addc(&c->code, '\n');
}

void emit_cstr(struct buf *b, const char *s, size_t n)
{
	bool utf8 = util_utf8_valid(s, n);   /* then kept as it is: readable Chinese */
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		bool trigraph = ch == '?' && ((i + 1 < n && s[i + 1] == '?') || (i > 0 && s[i - 1] == '?'));
		if (ch == '"' || ch == '\\' || trigraph)   /* "??/" is a trigraph in C11: \?\?/ */
			buf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_adds(b, "\\n");
		else if (ch == '\t')
			buf_adds(b, "\\t");
		else if (ch < 0x20 || ch == 0x7f || (ch > 0x7f && !utf8))   /* octal: hex would take the next digits */
			buf_printf(b, "\\%03o", ch);
		else
			buf_addc(b, (char)ch);
	}
	buf_addc(b, '"');
}

void emit_label(struct emit_cmd *c)
{
	emit_cstr(&c->code, c->label, strlen(c->label));
}

/* ---- recording ---- */

static const struct emit_row *emit_find(const char *name)
{
	for (const struct emit_row *r = emit_rows; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

static char *emit_typed(const struct cmdline *cl)
{
	struct buf b = {0};
	if (cl->actor[0])
		buf_printf(&b, "%s: ", cl->actor);
	for (size_t i = 0; i < cl->nwords; i++) {
		if (i)
			buf_addc(&b, ' ');
		const struct word *w = &cl->words[i];
		bool plain = w->len && !w->quoted && strcspn(w->s, " \t\"'\\;&#") == w->len;
		if (plain)
			buf_add(&b, w->s, w->len);
		else
			buf_add_quoted(&b, w->s, w->len, 60);
	}
	if (cl->background)
		buf_adds(&b, " &");
	char *safe = emit_comment_safe(b.s);   /* it goes into a comment */
	buf_free(&b);
	return safe;
}

static struct {
	char name[3][IPCSH_NAME_MAX + 1];
	char path[3][256];
	int kind[3];
} emit_pre;

void emit_prepare(const struct cmd_ctx *ctx)
{
	for (int i = 0; i < 3; i++) {
		const struct object *o = ctx->obj[i];
		snprintf(emit_pre.name[i], sizeof emit_pre.name[i], "%s", o ? o->name : "");
		snprintf(emit_pre.path[i], sizeof emit_pre.path[i], "%s", o && o->path ? o->path : "");
		emit_pre.kind[i] = o ? (int)o->kind : -1;
	}
}

void emit_command(struct cmd_ctx *ctx, const struct cmdline *cl)
{
	const struct emit_row *row = emit_find(ctx->entry->name);
	struct emit_cmd c = { .ctx = ctx, .who = ctx->actor ? ctx->actor->name : "" };
	for (int i = 0; i < 3; i++) {
		c.obj[i] = emit_pre.kind[i] >= 0 ? emit_pre.name[i] : NULL;
		c.path[i] = emit_pre.path[i][0] ? emit_pre.path[i] : NULL;
		c.kind[i] = emit_pre.kind[i];
	}
	char label[256];
	snprintf(label, sizeof label, "%s%s%s", c.who, *c.who ? ": " : "",
		 ctx->actor ? ctx->actor->call.desc : "");
	c.label = label;
	static const char own[] = N_("ipcsh's own command: no system call of the program's");
	emit_step_helpers = 0;
	if (cl->background)
		c.why = N_("it ran in the background (&), so its turn cannot be told");
	else if (*c.who && emit_actor_index(c.who) < 0)
		c.why = N_("an actor this recording did not see start");
	else if (row && row->fn)
		row->fn(&c);
	else
		c.why = row ? own : N_("no C for this command yet");
	em.steps = xrealloc(em.steps, (em.nsteps + 1) * sizeof *em.steps);
	struct emit_step *s = &em.steps[em.nsteps++];
	*s = (struct emit_step){ .actor = *c.who ? emit_actor_index(c.who) : -1, .cmd = ctx->entry->name,
				 .typed = emit_typed(cl),
				 .why = c.why, .woken_by = -1, .ends = c.ends };
	s->own = s->why == own;
	if (!c.why && c.code.len) {
		s->code = c.code.s;
		s->locals = c.locals.s;
		s->helpers = emit_step_helpers;
		s->turn = ++em.turns;
	} else {
		buf_free(&c.code);
		buf_free(&c.locals);
		if (!c.why) {
			s->why = own;
			s->own = true;
		}
	}
}

/* recvfd's @FD@, once its call has returned: the variable of what came
 * (ipcsh found which object's open file it is), else a local of its own. */
static void emit_fix_recvfd(struct emit_step *s, const struct actor *ra)
{
	char *at = s->code ? strstr(s->code, "@FD@") : NULL;
	if (!at)
		return;
	char var[128] = "";
	for (size_t k = 0; ra && ra->last.set && ra->last.ret >= 0 && k < ra->nfds && !var[0]; k++)
		if (ra->fds[k].fd == ra->last.ret && !emit_fd_name(ra->fds[k].obj, ra->fds[k].end, var, sizeof var))
			var[0] = '\0';
	if (!var[0]) {
		snprintf(var, sizeof var, "passed");
		char *l = xasprintf("%sint passed;\n", s->locals ? s->locals : "");
		free(s->locals);
		s->locals = l;
	}
	struct buf b = {0};           /* VAR = recv_fd(...); said(LABEL, VAR); */
	for (const char *p = s->code; *p;) {
		const char *q = strstr(p, "@FD@");
		size_t n = q ? (size_t)(q - p) : strlen(p);
		buf_add(&b, p, n);
		if (!q)
			break;
		buf_adds(&b, var);
		p = q + 4;
	}
	free(s->code);
	s->code = b.s;
}

/* A poke or a peek that faulted (SIGSEGV, SIGBUS): ipcsh catches that
 * one access and reports it; the same access kills a program. */
static bool emit_faulted(const struct emit_step *s, const struct actor *ra)
{
	return (!strcmp(s->cmd, "poke") || !strcmp(s->cmd, "peek")) && ra->last.set && ra->last.ret == -1 &&
	       ra->last.err == EFAULT;
}

void emit_settled(void)
{
	if (!em.nsteps)
		return;
	int last = (int)em.nsteps - 1;
	struct emit_step *s = &em.steps[last];
	for (size_t i = 0; i < em.nactors; i++) {   /* who returned since */
		struct emit_actor *a = &em.actors[i];
		const struct actor *ra = reg_actor(a->name);
		if (a->blocked_step < 0 || (ra && ra->in_flight))
			continue;
		if (ra && ra->life == LIFE_ALIVE) {  /* its call returned */
			em.steps[a->blocked_step].woken_by = last;
			emit_fix_recvfd(&em.steps[a->blocked_step], ra);
		}
		else {                               /* its process ended in it */
			em.steps[a->blocked_step].died = true;
			em.steps[a->blocked_step].woken_by = -2;
		}
		a->blocked_step = -1;
	}
	if (!s->code || s->actor < 0)
		return;
	struct emit_actor *a = &em.actors[s->actor];
	const struct actor *ra = reg_actor(a->name);
	if (ra && !ra->in_flight && emit_faulted(s, ra)) {
		free(s->code);            /* the last step: its turn is the last too */
		free(s->locals);
		s->code = s->locals = NULL;
		s->turn = 0;
		em.turns--;
		s->why = N_("an access that faulted: ipcsh caught the signal for it, a program dies of it");
		return;
	}
	if (ra && !ra->in_flight)
		emit_fix_recvfd(s, ra);
	bool died = !ra || ra->life != LIFE_ALIVE;   /* SIGPIPE, say */
	if (s->ends || died || ra->in_flight) {
		s->blocked = true;
		s->died = died && !s->ends;
		a->blocked_step = s->ends || died ? -1 : last;
	}
}

const struct emit_rec *emit_recording(void)
{
	for (size_t i = 0; i < em.nsteps; i++)   /* a recvfd still waiting at the end */
		emit_fix_recvfd(&em.steps[i], NULL);
	return &em;
}

void emit_saved(const char *path, int steps)
{
	free(emit_saved_path);
	emit_saved_path = xstrdup(path);
	emit_saved_steps = steps;
}

void emit_json_saved(struct json *j)
{
	if (!emit_saved_path) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_kstr(j, "path", emit_saved_path);
	json_kint(j, "steps", emit_saved_steps);
	json_obj_end(j);
}

void emit_forget(void)
{
	free(emit_saved_path);
	emit_saved_path = NULL;
	for (size_t i = 0; i < em.nsteps; i++) {
		free(em.steps[i].typed);
		free(em.steps[i].code);
		free(em.steps[i].locals);
	}
	free(em.steps);
	for (size_t i = 0; i < em.nactors; i++) {
		free(em.actors[i].name);
		for (size_t k = 0; k < em.actors[i].ndone; k++)
			free(em.actors[i].done[k]);
		free(em.actors[i].done);
	}
	free(em.actors);
	emit_list_free(&em.globals);
	emit_list_free(&em.shared);
	emit_list_free(&em.cleanup);
	emit_list_free(&em.idents);
	emit_list_free(&em.idkeys);
	memset(&em, 0, sizeof em);
}
