/* cmd.c: the command table's machinery: lookup, dispatch to ipcsh or to
 * an actor, the rules every command shares (who may run it, how many
 * arguments), rejections with usage, and running a whole line. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actors.h"
#include "check.h"
#include "cmd.h"
#include "emit.h"
#include "explain.h"
#include "kinds.h"
#include "lesson.h"
#include "loop.h"
#include "out.h"
#include "sig.h"
#include "sysv.h"

#define K(k) KIND_BIT(OBJ_##k)
const struct cmd_arg_kind cmd_arg_kinds[ARG_NKINDS] = {
	[ARG_PIPE] = { K(PIPE) | K(FIFO), false },
	[ARG_FIFO] = { K(FIFO) | K(FILE), false },
	[ARG_CHAN] = { K(PIPE) | K(FIFO) | K(FILE) | K(SOCK), false },
	[ARG_END] = { K(PIPE) | K(FIFO) | K(FILE) | K(SOCK), true },
	[ARG_MSG] = { K(MSG), false },
	[ARG_MQ] = { K(MQ), false },
	[ARG_SHM] = { K(SHM), false },
	[ARG_PSHM] = { K(PSHM), false },
	[ARG_REGION] = { K(SHM) | K(MMAP), false },
	[ARG_MMAP] = { K(MMAP), false },
	[ARG_SEM] = { K(SEM), false },
	[ARG_PSEM] = { K(PSEM), false },
	[ARG_FILE] = { K(FILE), false },
	[ARG_SOCK] = { K(SOCK), false },
};

static const struct cmd_entry *const cmd_tables[] = {
	cmd_proc_table, cmd_pipe_table, cmd_msg_table, cmd_mq_table, cmd_shm_table, cmd_mem_table,
	cmd_sem_table, cmd_file_table, cmd_sock_table, cmd_sig_table, cmd_look_table, cmd_misc_table, cmd_bench_table, cmd_lesson_table,
};

const struct cmd_entry *cmd_next(const struct cmd_entry *prev)
{
	if (!prev)
		return cmd_tables[0];
	prev++;
	if (prev->name)
		return prev;
	for (size_t t = 0; t + 1 < ARRAY_LEN(cmd_tables); t++) {
		const struct cmd_entry *e = cmd_tables[t];
		while (e->name)
			e++;
		if (e == prev)
			return cmd_tables[t + 1];
	}
	return NULL;
}

const struct cmd_entry *cmd_find(const char *name)
{
	for (const struct cmd_entry *e = cmd_next(NULL); e; e = cmd_next(e))
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

/* One option as the usage and the rejections show it: nowait, size=N. */
static void cmd_opt_word(struct buf *b, const struct cmd_opt *o)
{
	buf_adds(b, o->name);
	if (o->type != OPT_FLAG)
		buf_printf(b, "=%s", o->meta);
}

char *cmd_usage(const struct cmd_entry *e)
{
	struct buf b = {0};
	buf_printf(&b, "%s%s%s%s", e->where != CMD_COORD ? "[ACTOR:] " : "", e->name,
		   e->args[0] ? " " : "", e->args);
	for (const struct cmd_opt *o = e->opts; o && o->name; o++) {
		buf_adds(&b, " [");
		cmd_opt_word(&b, o);
		buf_adds(&b, "]");
	}
	return b.s;
}

void cmd_print_usage(const struct cmd_entry *e)
{
	char *u = cmd_usage(e);
	out_err_text(_("  usage: %s"), u);
	free(u);
}

int cmd_reject(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	struct buf b = {0};
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	out_error("%s", b.s);
	buf_free(&b);
	if (ctx && ctx->entry)
		cmd_print_usage(ctx->entry);
	return CMD_REJECTED;
}

/* What an argument taking several kinds of object is called. */
static const struct cmd_kind_words {
	int mask;
	const char *words;
} cmd_kind_words[] = {
	{ K(SHM) | K(MMAP), N_("a shared memory segment or a mapping") },
	{ K(FIFO) | K(FILE), N_("a FIFO or a file") },
	{ K(PIPE) | K(FIFO), N_("a pipe or FIFO") },
	{ K(PIPE) | K(FIFO) | K(FILE) | K(SOCK), N_("a pipe, FIFO, file or socket") },
};
#undef K

static const char *cmd_kind_word(int kind_mask)
{
	for (int k = 0; k < OBJ_NKINDS; k++)      /* one kind: its own words */
		if (kind_mask == KIND_BIT(k))
			return _(kinds[k].a_word);
	for (size_t i = 0; i < ARRAY_LEN(cmd_kind_words); i++)
		if (kind_mask == cmd_kind_words[i].mask)
			return _(cmd_kind_words[i].words);
	return _("an object of another kind");
}

struct object *cmd_arg_object(struct cmd_ctx *ctx, int i, int kind_mask)
{
	const char *name = ctx->argv[i].s;
	struct object *o = reg_object(name);
	if (!o) {
		if (reg_actor(name))
			cmd_reject(ctx, _("\"%s\" is an actor, not %s"), name, cmd_kind_word(kind_mask));
		else
			cmd_reject(ctx, _("no object named \"%s\" (see: show)"), name);
		return NULL;
	}
	if (!(KIND_BIT(o->kind) & kind_mask)) {
		cmd_reject(ctx, _("%s: \"%s\" is %s, not %s"), ctx->entry->name, name,
			   cmd_kind_word(KIND_BIT(o->kind)), cmd_kind_word(kind_mask));
		return NULL;
	}
	return o;
}

struct actor *cmd_arg_actor(struct cmd_ctx *ctx, int i)
{
	const char *name = ctx->argv[i].s;
	struct actor *a = reg_actor(name);
	if (!a)
		cmd_reject(ctx, _("no actor named \"%s\" (see: ps)"), name);
	return a;
}

int cmd_arg_new_name(struct cmd_ctx *ctx, int i)
{
	const char *name = ctx->argv[i].s;
	if (!util_valid_name(name))
		return cmd_reject(ctx, _("\"%s\" is not a valid name: a letter or _, then letters, digits, _ or -, at most %d in all"),
				  name, IPCSH_NAME_MAX);
	struct actor *gone = reg_actor(name);
	if (gone && gone->life == LIFE_GONE) {   /* reaped: nothing is left of it */
		out_printf(_("  (%s, pid %d, is gone and reaped: its name is free again)"), name, (int)gone->pid);
		reg_drop_actor(gone);
		gone = NULL;
	}
	if (gone && gone->life == LIFE_ZOMBIE)
		return cmd_reject(ctx, _("the name \"%s\" is still in use: %s is a zombie until its parent %s calls wait()"),
				  name, name, gone->parent[0] ? gone->parent : "ipcsh");
	struct object *kept = reg_object(name);
	if (kept && reg_only_lingers(kept)) {
		out_printf(_("  (%s was closed: the kernel finishes its connection without it, so the name is free again)"), name);
		reg_remove_object(kept);
	}
	if (reg_name_taken(name))
		return cmd_reject(ctx, _("the name \"%s\" is already in use"), name);
	return CMD_OK;
}

int cmd_arg_data(struct cmd_ctx *ctx, int i, int64_t max, struct cmd_data *d, struct buf *desc)
{
	const struct word *w = &ctx->argv[i];
	const char *filler = w->quoted ? NULL : parse_opt(w, "bytes");
	memset(d, 0, sizeof *d);
	d->filler = filler != NULL;
	d->n = (int64_t)w->len;
	if (filler && parse_size(filler, max, &d->n) < 0)
		return cmd_reject(ctx, _("bytes= takes a size from 0 to %lldM, not \"%s\""),
				  (long long)(max >> 20), filler);
	if (filler) {
		buf_printf(desc, "bytes=%lld", (long long)d->n);
	} else {
		d->bytes = w->s;
		d->len = (uint32_t)w->len;
		buf_add_quoted(desc, w->s, w->len, 40);
		buf_printf(desc, ", %zu", w->len);
	}
	return CMD_OK;
}

/* PATH made absolute, its directory resolved (symlinks, "..") as the
 * kernel will spell it in /proc/PID/fd; NULL when the directory is not
 * there (mkfifo then reports why). */
static char *cmd_canon_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char *real = realpath(dir, NULL);
	free(dir);
	if (!real || !*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		free(real);
		return NULL;
	}
	char *full = xasprintf("%s%s%s", real, strcmp(real, "/") ? "/" : "", base);
	free(real);
	return full;
}

/* Is a canonical path one of the session directory's own files? */
static bool cmd_in_session_dir(const char *path)
{
	size_t n = strlen(reg.dir);
	return !strncmp(path, reg.dir, n) && path[n] == '/' && path[n + 1] == '.';
}

int cmd_new_path(struct cmd_ctx *ctx, const char *given, char **raw, char **path)
{
	if (given && (strlen(given) >= PATH_MAX || strchr(given, '\n')))
		return cmd_reject(ctx, _("a path must be shorter than PATH_MAX and hold no newline"));
	*raw = given ? xstrdup(given) : xasprintf("%s/%s", reg.dir, ctx->argv[0].s);
	*path = cmd_canon_path(*raw);
	if (*path && (strlen(*path) >= PATH_MAX || cmd_in_session_dir(*path))) {
		free(*raw);
		free(*path);
		return cmd_reject(ctx, _("that path is taken by ipcsh's own files; give a bare name or another path"));
	}
	return CMD_OK;
}

struct object *cmd_path_made(struct cmd_ctx *ctx, enum obj_kind kind, char *raw, char *path, int e, const char *call)
{
	uint64_t dev = 0, ino = 0, btime = 0;
	unsigned type = kind == OBJ_FIFO ? S_IFIFO : S_IFREG;
	if (!e && (!path || reg_path_id(path, type, &dev, &ino, &btime) < 0)) {
		if (!path) {              /* made, but we cannot name it */
			unlink(raw);
			out_printf(_("  %s = 0, but ipcsh cannot name what it made (its directory cannot be resolved), so it removed it again"), call);
		} else {                  /* replaced at once: not ours to remove */
			out_printf(_("  %s = 0, but the path was replaced from outside at once: what is there now is not ipcsh's, so ipcsh leaves it alone"), call);
		}
		free(raw);
		free(path);
		return NULL;
	}
	free(raw);
	if (e) {
		explain_failed(e, NULL, "%s", call);
		free(path);
		return NULL;
	}
	struct object *o = reg_add_object(kind, ctx->argv[0].s);
	o->path = path;
	o->dev = dev;
	o->ino = ino;
	o->btime = btime;
	reg_save();
	return o;
}

int cmd_sysv_read(struct cmd_ctx *ctx, struct cmd_sysv *g)
{
	const struct cmd_optval *key = cmd_opt(ctx, "key"), *perm = cmd_opt(ctx, "perm");
	g->key = IPC_PRIVATE;
	g->perm = perm ? perm->n : 0600;
	g->excl = cmd_flag(ctx, "excl");
	if (key && cmd_flag(ctx, "private"))
		return cmd_reject(ctx, _("give key= or private, not both"));
	if (!key)
		return CMD_OK;
	const char *v = key->s;
	char *err, *named = NULL;
	const char *colon = !strncmp(v, "ftok:", 5) ? strchr(v + 5, ':') : NULL;
	if (colon && !memchr(v + 5, '/', (size_t)(colon - v - 5))) {   /* ftok:NAME:ID, NAME made here */
		char name[IPCSH_NAME_MAX + 1];
		snprintf(name, sizeof name, "%.*s", (int)(colon - v - 5), v + 5);
		const struct object *o = reg_object(name);
		if (o && o->path && (o->kind == OBJ_FILE || o->kind == OBJ_FIFO))
			named = xasprintf("ftok:%s%s", o->path, colon);
	}
	key_t k;
	int rc = sysv_parse_key(named ? named : v, &k, &err);
	free(named);
	if (rc < 0) {
		cmd_reject(ctx, "%s", err);
		free(err);
		return CMD_REJECTED;
	}
	g->key = k;
	return CMD_OK;
}

const char *cmd_sysv_key(const struct cmd_sysv *g, char *buf, size_t size)
{
	return g->key == IPC_PRIVATE ? "IPC_PRIVATE" : sysv_key_str(g->key, buf, size);
}

const char *cmd_sysv_desc(char *buf, size_t size, const char *call, const struct cmd_sysv *g, int64_t n)
{
	char kb[16], nb[24] = "";
	if (n >= 0)
		snprintf(nb, sizeof nb, ", %lld", (long long)n);
	snprintf(buf, size, "%s(%s%s, IPC_CREAT%s|0%03o)", call, cmd_sysv_key(g, kb, sizeof kb), nb,
		 g->excl ? "|IPC_EXCL" : "", (unsigned)g->perm);
	return buf;
}

struct attach *cmd_arg_region(struct cmd_ctx *ctx, int i, int64_t len, int64_t *off)
{
	const char *name = ctx->argv[i].s;
	struct object *o = ctx->obj[i];
	struct attach *m = reg_map_find(ctx->actor, name);
	if (!m) {
		if (o->kind == OBJ_SHM)
			cmd_reject(ctx, _("%s has not attached %s: first \"%s: shmat %s\""), ctx->actor->name, name,
				   ctx->actor->name, name);
		else
			cmd_reject(ctx, _("%s has not mapped %s (only the actor that called mmap, and its children, have it)"),
				   ctx->actor->name, name);
		return NULL;
	}
	if (parse_size(ctx->argv[i + 1].s, INT64_MAX, off) < 0) {
		cmd_reject(ctx, _("OFFSET must be a byte offset from 0, not \"%s\""), ctx->argv[i + 1].s);
		return NULL;
	}
	if ((uint64_t)*off >= m->len || (uint64_t)len > m->len - (uint64_t)*off) {
		cmd_reject(ctx, _("%s is %llu bytes long: %lld bytes at offset %lld would go past its end (ipcsh stops this before the actor faults)"),
			   name, (unsigned long long)m->len, (long long)len, (long long)*off);
		return NULL;
	}
	return m;
}

struct fdent *cmd_arg_held(struct cmd_ctx *ctx, int i, const char *verb, struct object **op)
{
	char name[IPCSH_NAME_MAX + 4];
	snprintf(name, sizeof name, "%s", ctx->argv[i].s);
	char *dot = strrchr(name, '.');
	const char *end = NULL;
	if (dot && (strcmp(dot, ".r") == 0 || strcmp(dot, ".w") == 0)) {
		*dot = '\0';
		end = dot + 1;
	}
	struct word w = { .s = name, .len = strlen(name) };
	struct cmd_ctx sub = *ctx;
	sub.argv = &w;
	struct object *o = cmd_arg_object(&sub, 0, KIND_BIT(OBJ_PIPE) | KIND_BIT(OBJ_FIFO) | KIND_BIT(OBJ_FILE) | KIND_BIT(OBJ_SOCK));
	if (!o)
		return NULL;
	if (o->kind == OBJ_PIPE && !end) {
		cmd_reject(ctx, _("%s: which end of the pipe? %s.r or %s.w"), verb, o->name, o->name);
		return NULL;
	}
	struct fdent *e = NULL;
	for (size_t k = 0; k < ctx->actor->nfds && !e; k++)
		if (strcmp(ctx->actor->fds[k].obj, o->name) == 0 && (!end || strcmp(ctx->actor->fds[k].end, end) == 0))
			e = &ctx->actor->fds[k];
	if (!e)
		cmd_reject(ctx, _("%s does not hold %s open"), ctx->actor->name, ctx->argv[i].s);
	*op = o;
	return e;
}

int cmd_arg_int(struct cmd_ctx *ctx, int i, const char *what, int64_t min, int64_t max, int64_t *out)
{
	if (parse_int(ctx->argv[i].s, min, max, out) == 0)
		return CMD_OK;
	return cmd_reject(ctx, _("%s must be a number from %lld to %lld, not \"%s\""), what,
			  (long long)min, (long long)max, ctx->argv[i].s);
}

static int cmd_pick_actor(struct cmd_ctx *ctx, const struct cmdline *cl)
{
	const char *name = cl->actor[0] ? cl->actor : reg.use;
	if (!name[0])
		return cmd_reject(ctx, _("%s runs inside an actor: write \"A: %s ...\", or choose one with \"use A\""),
				  ctx->entry->name, ctx->entry->name);
	ctx->actor = reg_actor(name);
	if (!ctx->actor)
		return cmd_reject(ctx, _("no actor named \"%s\" (see: ps)"), name);
	char *why = actors_unavailable(ctx->actor);
	if (why) {
		cmd_reject(ctx, "%s", why);
		if (ctx->actor->in_flight && ctx->actor->call.blocked)
			out_err_text(_("  hint: make the call return (for example from another actor), or interrupt it with a signal: kill %s (SIGTERM ends %s unless it catches, ignores or blocks it)"),
				     name, name);
		free(why);
		return CMD_REJECTED;
	}
	return CMD_OK;
}

/* Edits (insert, delete, change one letter) from a to b, up to 3. */
static int cmd_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32 || (la > lb ? la - lb : lb - la) > 3)
		return 4;
	int d[33][33];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* After "unknown command": an actor's name without its colon ("A read p"),
 * or the nearest command to a typo, as git suggests one. */
static void cmd_suggest(const struct cmdline *cl)
{
	const char *name = cl->words[0].s;
	const struct cmd_entry *then = cl->nwords > 1 ? cmd_find(cl->words[1].s) : NULL;
	if (reg_actor(name) && then && then->where != CMD_COORD) {
		out_err_text(_("  hint: to run it inside actor %s, write \"%s: %s ...\" (the name, then a colon)"),
			     name, name, cl->words[1].s);
		return;
	}
	if (reg_actor(name)) {    /* an actor's name is no typo of a command */
		if (then)
			out_err_text(_("  hint: %s runs in ipcsh itself, not inside an actor: write it without \"%s\""),
				     then->name, name);
		return;
	}
	const struct cmd_entry *best = NULL;
	int bestd = 3;
	for (const struct cmd_entry *e = cmd_next(NULL); e; e = cmd_next(e)) {
		int d = cmd_distance(name, e->name);
		if (d < bestd)
			best = e, bestd = d;
	}
	if (best)
		out_err_text(_("  hint: did you mean \"%s\"?"), best->name);
}

/* Which option of the row word w is (its index), or -1. Only unquoted
 * words are options: "nowait" in quotes is data. */
static int cmd_opt_index(const struct cmd_entry *e, const struct word *w)
{
	for (int k = 0; e->opts && e->opts[k].name; k++) {
		const struct cmd_opt *o = &e->opts[k];
		if (!w->quoted && (o->type == OPT_FLAG ? !strcmp(w->s, o->name) : parse_opt(w, o->name) != NULL))
			return k;
	}
	return -1;
}

/* Check option k's value and record it. */
static int cmd_opt_take(struct cmd_ctx *ctx, int k, const struct word *w)
{
	const struct cmd_opt *o = &ctx->entry->opts[k];
	struct cmd_optval *v = &ctx->opt[k];
	if (v->set)
		return cmd_reject(ctx, _("%s: %s%s is given twice"), ctx->entry->name, o->name, o->type == OPT_FLAG ? "" : "=");
	v->set = true;
	v->s = o->type == OPT_FLAG ? w->s : parse_opt(w, o->name);
	int bad = 0;
	switch (o->type) {
	case OPT_FLAG: break;
	case OPT_SIZE: bad = parse_size(v->s, o->max, &v->n) < 0 || v->n < o->min; break;
	case OPT_INT: bad = parse_int(v->s, o->min, o->max, &v->n) < 0; break;
	case OPT_MODE: bad = parse_mode(v->s, &v->n) < 0 || v->n < o->min || v->n > o->max; break;
	case OPT_WORD: bad = !v->s[0]; break;
	}
	if (bad)
		return cmd_reject(ctx, _("%s= takes %s, not \"%s\""), o->name, _(o->takes), v->s);
	return CMD_OK;
}

/* Does w look like an option (NAME=...) that this command does not take? */
static bool cmd_opt_unknown(const struct cmd_entry *e, const struct word *w)
{
	const char *eq = w->quoted ? NULL : strchr(w->s, '=');
	if (!e->opts || !eq || eq == w->s)
		return false;
	for (const char *p = w->s; p < eq; p++)
		if (!(*p >= 'a' && *p <= 'z'))
			return false;
	return true;
}

static int cmd_reject_option(struct cmd_ctx *ctx, const char *word)
{
	struct buf list = {0};
	for (const struct cmd_opt *o = ctx->entry->opts; o->name; o++) {
		if (o != ctx->entry->opts)
			buf_adds(&list, ", ");
		cmd_opt_word(&list, o);
	}
	cmd_reject(ctx, _("%s: unknown option \"%s\" (%s)"), ctx->entry->name, word, list.s);
	buf_free(&list);
	return CMD_REJECTED;
}

/* Take the options out of the words after the command's required
 * arguments (before them a word is an argument: "msgsnd q 1 nowait" sends
 * "nowait"); the arguments left go to pos, which ctx->argv then is. */
static int cmd_take_opts(struct cmd_ctx *ctx, struct word *pos)
{
	int npos = 0;
	for (int i = 0; i < ctx->argc; i++) {
		const struct word *w = &ctx->argv[i];
		int k = npos >= ctx->entry->min_args ? cmd_opt_index(ctx->entry, w) : -1;
		if (k >= 0 && cmd_opt_take(ctx, k, w) != CMD_OK)
			return CMD_REJECTED;
		if (k < 0 && npos >= ctx->entry->min_args && cmd_opt_unknown(ctx->entry, w))
			return cmd_reject_option(ctx, w->s);
		if (k < 0)
			pos[npos++] = *w;
	}
	ctx->argv = pos;
	ctx->argc = npos;
	return CMD_OK;
}

/* Too many arguments: for a command with options an extra unquoted word
 * that starts with a letter is most likely a mistyped one. */
static int cmd_too_many(struct cmd_ctx *ctx)
{
	const struct word *w = &ctx->argv[ctx->entry->max_args];
	if (ctx->entry->opts && !w->quoted && ((w->s[0] | 0x20) >= 'a' && (w->s[0] | 0x20) <= 'z'))
		return cmd_reject_option(ctx, w->s);
	return cmd_reject(ctx, _("%s: too many arguments"), ctx->entry->name);
}

/* The arguments that name objects, found before the command runs. */
static int cmd_find_objects(struct cmd_ctx *ctx)
{
	for (int i = 0; i < 3 && i < ctx->argc; i++) {
		const struct cmd_arg_kind *k = &cmd_arg_kinds[ctx->entry->complete[i]];
		if (k->mask && !k->ends && !(ctx->obj[i] = cmd_arg_object(ctx, i, k->mask)))
			return CMD_REJECTED;
	}
	return CMD_OK;
}

static const struct cmd_optval *cmd_opt_named(const struct cmd_ctx *ctx, const char *name)
{
	for (int k = 0; ctx->entry->opts && ctx->entry->opts[k].name; k++)
		if (!strcmp(ctx->entry->opts[k].name, name))
			return &ctx->opt[k];
	fprintf(stderr, "ipcsh: bug: %s has no option %s\n", ctx->entry->name, name);
	abort();
}

bool cmd_flag(const struct cmd_ctx *ctx, const char *name)
{
	return cmd_opt_named(ctx, name)->set;
}

const struct cmd_optval *cmd_opt(const struct cmd_ctx *ctx, const char *name)
{
	const struct cmd_optval *v = cmd_opt_named(ctx, name);
	return v->set ? v : NULL;
}

/* Is word i of e's arguments data, bytes that may hold any value, a NUL
 * too? Its usage says so: DATA, or a CONDITION (its words from there on),
 * which may compare data. */
static bool cmd_word_is_data(const struct cmd_entry *e, size_t i)
{
	const char *u = e->args;
	for (size_t k = 0; u && *u && k <= i; k++) {
		size_t n = strcspn(u, " ");
		if (!strncmp(u, "CONDITION", 9))
			return true;
		if (k == i)
			return n >= 4 && !strncmp(u, "DATA", 4);
		u += n + (u[n] == ' ');
	}
	return false;
}

/* A NUL byte ends a name or a path where the kernel reads it: only data
 * may hold one. */
static int cmd_check_nul(struct cmd_ctx *ctx)
{
	for (int i = 0; i < ctx->argc; i++) {
		const struct word *w = &ctx->argv[i];
		if (!memchr(w->s, '\0', w->len) || cmd_word_is_data(ctx->entry, (size_t)i))
			continue;
		struct buf q = {0};
		buf_add_quoted(&q, w->s, w->len, 64);
		cmd_reject(ctx, _("a NUL byte (\\0) may be in data only: in %s it would end the word where the kernel or ipcsh reads it"), q.s);
		buf_free(&q);
		return CMD_REJECTED;
	}
	return CMD_OK;
}

static int cmd_dispatch(struct cmdline *cl)
{
	reg_purge_failed();
	struct cmd_ctx ctx = { .argc = (int)cl->nwords - 1, .argv = cl->words + 1,
			       .background = cl->background };
	const char *name = cl->words[0].s;
	ctx.entry = cmd_find(name);
	if (!ctx.entry) {
		cmd_reject(NULL, _("unknown command \"%s\""), name);
		out_err_text(_("  usage: [ACTOR:] COMMAND [ARG...]   (\"help\" lists the commands)"));
		cmd_suggest(cl);
		return CMD_REJECTED;
	}
	if (ctx.entry->where == CMD_COORD && cl->actor[0])
		return cmd_reject(&ctx, _("%s runs in ipcsh itself, not inside an actor: drop \"%s:\""),
				  name, cl->actor);
	struct word pos[PARSE_WORDS_MAX];
	if (cmd_check_nul(&ctx) != CMD_OK || cmd_take_opts(&ctx, pos) != CMD_OK)
		return CMD_REJECTED;
	if (ctx.argc < ctx.entry->min_args)
		return cmd_reject(&ctx, _("%s: missing argument"), name);
	bool in_actor = ctx.entry->where == CMD_ACTOR || (ctx.entry->where == CMD_EITHER && cl->actor[0]);
	if (in_actor && cmd_pick_actor(&ctx, cl) != CMD_OK)
		return CMD_REJECTED;
	if (cmd_find_objects(&ctx) != CMD_OK)   /* a wrong object says more than a word too many */
		return CMD_REJECTED;
	if (ctx.entry->max_args >= 0 && ctx.argc > ctx.entry->max_args)
		return cmd_too_many(&ctx);
	emit_prepare(&ctx);
	int rc = ctx.entry->exec(&ctx);
	if (rc == CMD_OK)
		emit_command(&ctx, cl);    /* kept for save FILE.c */
	return rc;
}

/* "expect-reject REST": REST is run as a line of its own and must be
 * rejected (a parse error or a rejected command). Returns the length of
 * the "expect-reject" word and its blanks, or 0 when the line is not one. */
static size_t cmd_reject_prefix(const char *line, size_t len)
{
	static const char word[] = "expect-reject";
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (len - i <= sizeof word - 1 || memcmp(line + i, word, sizeof word - 1))
		return 0;
	i += sizeof word - 1;
	if (line[i] != ' ' && line[i] != '\t')
		return 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i;
}

static int cmd_run_expect_reject(const char *rest, size_t len)
{
	bool was = reg.rejected;
	check_nest(1);
	int rejected = cmd_run_line(rest, len, false);
	check_nest(-1);
	reg.rejected = was;
	check_report(rejected > 0, rest, len);
	if (rejected > 0)
		return 0;
	out_error(_("expect-reject failed: this line was accepted: %.*s"), (int)len, rest);
	reg.rejected = true;
	return 1;
}

/* After a command whose row says CMD_F_SIGNALS an idle actor may have a
 * signal on its way (the target of a kill or sigqueue, a process mq_notify
 * asked for one); a death (SIGCHLD) is noticed by actors.c itself. A word
 * that reads as a stop signal (even an actor named STOP, or a value of 19)
 * makes every later call ask the kernel first: cautious, never wrong. */
static bool cmd_may_signal(const struct cmdline *c)
{
	const struct cmd_entry *e = c->nwords ? cmd_find(c->words[0].s) : NULL;
	bool may = e && (e->flags & CMD_F_SIGNALS);
	for (size_t i = 1; may && i < c->nwords; i++) {   /* a stop among them? */
		const char *w = c->words[i].s + (c->words[i].s[0] == '-');
		int sig = sig_parse(w);
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
			actors_stop_sent();
	}
	return may;
}

/* A line that is not one: why, and the shape of a line. */
static int cmd_reject_line(const char *why)
{
	out_error("%s", why);
	out_err_text(_("  usage: [ACTOR:] COMMAND [ARG...] [; ...]"));
	reg.rejected = true;
	return 1;
}

int cmd_run_overlong(size_t len)
{
	char *why = xasprintf(_("line too long: %zu bytes (at most %d)"), len, PARSE_LINE_MAX);
	int rc = cmd_reject_line(why);
	free(why);
	return rc;
}

int cmd_run_line(const char *line, size_t len, bool stop_on_reject)
{
	size_t skip = cmd_reject_prefix(line, len);
	if (skip)
		return cmd_run_expect_reject(line + skip, len - skip);
	struct parse_result res;
	if (parse_line(line, len, &res) < 0) {
		cmd_reject_line(res.error);
		parse_free(&res);
		return 1;
	}
	int rejected = 0;
	for (size_t i = 0; i < res.ncmds && !loop_quit && !loop_interrupted; i++) {
		int rc = cmd_dispatch(&res.cmds[i]);
		if (rc == CMD_REJECTED) {
			rejected++;
			reg.rejected = true;
			if (stop_on_reject)
				break;
		}
		if (cmd_may_signal(&res.cmds[i]))
			actors_watch_signals(true);
		if (!res.cmds[i].background)
			loop_settle();
		if (rc == CMD_OK)
			emit_settled();
		actors_watch_signals(false);
		lesson_tick();             /* a step is judged after every command */
	}
	parse_free(&res);
	return rejected;
}
