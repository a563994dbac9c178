/* cmd_misc.c: looking and scripting -- show, expect, echo, sleep, set,
 * settle, explain, help, cleanup, save, quit. All run in ipcsh itself. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "cmd.h"
#include "cond.h"
#include "emit.h"
#include "explain.h"
#include "loop.h"
#include "out.h"
#include "stale.h"
#include "probe.h"
#include "tui.h"
#include "view_plain.h"

static int misc_show(struct cmd_ctx *ctx)
{
	struct world w;
	bool json = ctx->argc && !strcmp(ctx->argv[0].s, "--json");
	if (ctx->argc && !json && !reg_name_taken(ctx->argv[0].s))
		return cmd_reject(ctx, _("nothing named \"%s\" (show lists what there is)"), ctx->argv[0].s);
	probe_world(&w);
	if (json) {
		struct buf b = {0};
		world_json(&w, &b);
		out_printf("%s", b.s);
		buf_free(&b);
	} else if (ctx->argc) {
		view_plain_one(&w, ctx->argv[0].s);
		tui_highlight(ctx->argv[0].s);
	} else {
		view_plain_all(&w);
	}
	world_free(&w);
	return CMD_OK;
}

static int misc_expect(struct cmd_ctx *ctx)
{
	struct world w;
	struct buf b = {0};
	probe_world(&w);
	world_json(&w, &b);
	world_free(&w);
	struct jv *doc = jv_parse(b.s);
	buf_free(&b);
	bool ok = false;
	char *why = NULL;
	int rc = doc ? cond_eval(doc, ctx->argv, ctx->argc, &ok, &why) : -1;
	jv_free(doc);
	struct buf c = {0};
	for (int i = 0; i < ctx->argc; i++)
		buf_printf(&c, "%s%s", i ? " " : "", ctx->argv[i].s);
	if (rc < 0)
		cmd_reject(ctx, _("expect: %s"), why ? why : _("cannot read the state"));
	else if (!ok)
		out_error(_("expect failed: %s (%s)"), c.s, why ? why : "false");
	check_report(rc == 0 && ok, c.s, c.len);
	buf_free(&c);
	free(why);
	return rc == 0 && ok ? CMD_OK : CMD_REJECTED;
}

/* Reached only after ';': the form that can wrap any line is the one that
 * starts a line (cmd_run_line handles it, parse errors included). */
static int misc_expect_reject(struct cmd_ctx *ctx)
{
	return cmd_reject(ctx, _("expect-reject must start the line, so that it can check the whole rest of it"));
}

static int misc_echo(struct cmd_ctx *ctx)
{
	struct buf b = {0};
	for (int i = 0; i < ctx->argc; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_add(&b, ctx->argv[i].s, ctx->argv[i].len);
	}
	out_printf("%s", b.s ? b.s : "");
	buf_free(&b);
	return CMD_OK;
}

static int misc_sleep(struct cmd_ctx *ctx)
{
	char *end;
	double s = strtod(ctx->argv[0].s, &end);
	if (*end || s < 0 || s > 3600 || end == ctx->argv[0].s)
		return cmd_reject(ctx, _("sleep takes seconds from 0 to 3600 (fractions allowed), not \"%s\""), ctx->argv[0].s);
	loop_sleep((int)(s * 1000));
	return CMD_OK;
}

static int misc_set(struct cmd_ctx *ctx)
{
	if (ctx->argc == 0) {
		out_printf("  settle %d", reg.settle_ms);
		return CMD_OK;
	}
	if (strcmp(ctx->argv[0].s, "settle"))
		return cmd_reject(ctx, _("set: unknown setting \"%s\" (known: settle)"), ctx->argv[0].s);
	if (ctx->argc < 2)
		return cmd_reject(ctx, _("set settle needs a number of milliseconds"));
	int64_t ms;
	if (cmd_arg_int(ctx, 1, "settle", 0, 600000, &ms) != CMD_OK)
		return CMD_REJECTED;
	reg.settle_ms = (int)ms;
	return CMD_OK;
}

static int misc_settle(struct cmd_ctx *ctx)
{
	struct actor *only[16];
	for (int i = 0; i < ctx->argc; i++)
		if (!(only[i] = cmd_arg_actor(ctx, i)))
			return CMD_REJECTED;
	loop_settle_in(only, (size_t)ctx->argc);
	return CMD_OK;
}

static int misc_explain(struct cmd_ctx *ctx)
{
	if (explain_print(ctx->argv[0].s) < 0)
		return cmd_reject(ctx, _("explain knows errno names (EPIPE), signals (SIGPIPE, USR1) and kernel wait channels (pipe_read), not \"%s\""),
				  ctx->argv[0].s);
	return CMD_OK;
}

static int misc_help(struct cmd_ctx *ctx)
{
	if (ctx->argc) {
		const struct cmd_entry *e = cmd_find(ctx->argv[0].s);
		if (!e)
			return cmd_reject(ctx, _("no command named \"%s\""), ctx->argv[0].s);
		char *u = cmd_usage(e);
		out_printf("  %s\n    %s", u, _(e->summary));
		free(u);
		return CMD_OK;
	}
	out_printf(_("  Commands (ACTOR: runs one inside that actor; \"help CMD\" for one):"));
	for (const struct cmd_entry *e = cmd_next(NULL); e; e = cmd_next(e)) {
		char *u = cmd_usage(e);
		if (strlen(u) <= 44)
			out_printf("    %-44s %s", u, _(e->summary));
		else   /* a long usage: its summary on a line of its own, in the column */
			out_printf("    %s\n    %-44s %s", u, "", _(e->summary));
		free(u);
	}
	return CMD_OK;
}

static int misc_cleanup(struct cmd_ctx *ctx)
{
	if (ctx->argc && strcmp(ctx->argv[0].s, "--stale"))
		return cmd_reject(ctx, _("cleanup: the only option is --stale"));
	if (ctx->argc) {
		if (stale_remove() == 0)
			out_printf(_("  no dead session left anything behind"));
		return CMD_OK;
	}
	reg_reset();
	out_printf(_("  killed every actor and removed every object of this session"));
	return CMD_OK;
}

/* save FILE.c [-f]: the session so far as a C program (emit.c). */
static int misc_save(struct cmd_ctx *ctx)
{
	const char *path = ctx->argv[0].s;
	size_t n = strlen(path);
	if (n < 3 || strcmp(path + n - 2, ".c") || path[n - 3] == '/')
		return cmd_reject(ctx, _("save writes a C program: its file's name ends in .c, not \"%s\""), path);
	if (emit_save(path, cmd_flag(ctx, "-f")) < 0)
		reg.rejected = true;
	return CMD_OK;
}

static const struct cmd_opt misc_save_opts[] = { CMD_FLAG("-f"), CMD_OPT_END };

static int misc_quit(struct cmd_ctx *ctx)
{
	(void)ctx;
	loop_quit = true;
	return CMD_OK;
}

const struct cmd_entry cmd_misc_table[] = {
	{ "show", "[NAME|--json]", N_("the state, read from the kernel: everything, one actor or object, or JSON"),
	  CMD_COORD, 0, 1, misc_show, { ARG_ANY_NAME }, 0, NULL },
	{ "expect", "CONDITION", N_("check a condition on the state, such as p.bytes == 5; rejected when false"),
	  CMD_COORD, 1, -1, misc_expect, { ARG_ANY_NAME }, 0, NULL },
	{ "expect-reject", "COMMAND...", N_("run the rest of the line, which must be rejected; the rejection is then no error"),
	  CMD_COORD, 1, -1, misc_expect_reject, { ARG_COMMAND }, 0, NULL },
	{ "echo", "TEXT...", N_("print the text"), CMD_COORD, 0, -1, misc_echo, { ARG_NONE }, 0, NULL },
	{ "sleep", "SECS", N_("wait, still showing what actors report"), CMD_COORD, 1, 1, misc_sleep, { ARG_NONE }, 0, NULL },
	{ "set", "[settle MS]", N_("show or change settings (settle: how long to wait for actors)"),
	  CMD_COORD, 0, 2, misc_set, { ARG_WORD }, 0, NULL },
	{ "settle", "[ACTOR...]", N_("wait until every actor (or each one named) is idle, blocked, stopped or gone"),
	  CMD_COORD, 0, 16, misc_settle, { ARG_ACTORS }, 0, NULL },
	{ "explain", "ERRNO|SIGNAL|WCHAN", N_("what an errno, a signal or a kernel wait channel means"),
	  CMD_COORD, 1, 1, misc_explain, { ARG_WORD }, 0, NULL },
	{ "help", "[COMMAND]", N_("list the commands, or show one"), CMD_COORD, 0, 1, misc_help, { ARG_COMMAND }, 0, NULL },
	{ "cleanup", "[--stale]", N_("remove everything this session made (--stale: what dead sessions left)"),
	  CMD_COORD, 0, 1, misc_cleanup, { ARG_WORD }, 0, NULL },
	{ "save", "FILE.c", N_("write the session so far as a C program that makes the same calls (-f: replace FILE.c)"),
	  CMD_COORD, 1, 1, misc_save, { ARG_NONE }, 0, misc_save_opts },
	{ "quit", "", N_("remove everything this session made and leave"), CMD_COORD, 0, 0, misc_quit, { ARG_NONE }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { ARG_NONE }, 0, NULL },
};
