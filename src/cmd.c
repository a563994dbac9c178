/* cmd.c: the command table's machinery: lookup, dispatch to ipcsh or to
 * an actor, the rules every command shares (who may run it, how many
 * arguments), rejections with usage, and running a whole line. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actors.h"
#include "cmd.h"
#include "loop.h"
#include "out.h"

static const struct cmd_entry *const cmd_tables[] = {
	cmd_proc_table, cmd_pipe_table, cmd_msg_table, cmd_mq_table, cmd_sig_table, cmd_look_table, cmd_misc_table,
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

char *cmd_usage(const struct cmd_entry *e)
{
	return xasprintf("%s%s%s%s", e->where != CMD_COORD ? "[ACTOR:] " : "", e->name,
			 e->args[0] ? " " : "", e->args);
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

static const char *cmd_kind_word(int kind_mask)
{
	if (kind_mask == KIND_BIT(OBJ_PIPE))
		return _("a pipe");
	if (kind_mask == KIND_BIT(OBJ_FIFO))
		return _("a FIFO");
	if (kind_mask == KIND_BIT(OBJ_MSG))
		return _("a System V message queue");
	if (kind_mask == KIND_BIT(OBJ_MQ))
		return _("a POSIX message queue");
	return _("a pipe or FIFO");
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
			out_err_text(_("  hint: make the call return (for example from another actor), or interrupt it with a signal: kill %s (SIGTERM ends %s unless it catches or ignores it)"),
				     name, name);
		free(why);
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
		return CMD_REJECTED;
	}
	if (ctx.entry->where == CMD_COORD && cl->actor[0])
		return cmd_reject(&ctx, _("%s runs in ipcsh itself, not inside an actor: drop \"%s:\""),
				  name, cl->actor);
	if (ctx.argc < ctx.entry->min_args)
		return cmd_reject(&ctx, _("%s: missing argument"), name);
	if (ctx.entry->max_args >= 0 && ctx.argc > ctx.entry->max_args)
		return cmd_reject(&ctx, _("%s: too many arguments"), name);
	bool in_actor = ctx.entry->where == CMD_ACTOR || (ctx.entry->where == CMD_EITHER && cl->actor[0]);
	if (in_actor && cmd_pick_actor(&ctx, cl) != CMD_OK)
		return CMD_REJECTED;
	return ctx.entry->exec(&ctx);
}

int cmd_run_line(const char *line, size_t len, bool stop_on_reject)
{
	struct parse_result res;
	if (parse_line(line, len, &res) < 0) {
		out_error("%s", res.error);
		out_err_text(_("  usage: [ACTOR:] COMMAND [ARG...] [; ...]"));
		parse_free(&res);
		reg.rejected = true;
		return 1;
	}
	int rejected = 0;
	for (size_t i = 0; i < res.ncmds && !loop_quit; i++) {
		int rc = cmd_dispatch(&res.cmds[i]);
		if (rc == CMD_REJECTED) {
			rejected++;
			reg.rejected = true;
			if (stop_on_reject)
				break;
		}
		if (!res.cmds[i].background)
			loop_settle();
	}
	parse_free(&res);
	return rejected;
}
