/* cmd_sig.c: the signal family inside actors -- signal (sigaction) and
 * sigprocmask. Deliveries to a catching actor are reported by its handler. */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actors.h"
#include "cmd.h"
#include "sig.h"

static int sig_arg(struct cmd_ctx *ctx, int i)
{
	int sig = sig_parse(ctx->argv[i].s);
	if (sig <= 0)
		cmd_reject(ctx, _("unknown signal \"%s\" (names as kill -l prints them: USR1, SIGUSR1, RTMIN+2, or a number from 1 to %d)"),
			   ctx->argv[i].s, SIGRTMAX);
	return sig;
}

static void sig_signal_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	actors_print_result(a, c, r, r->ret < 0 && r->err == EINVAL ?
			    _("   SIGKILL and SIGSTOP cannot be caught, ignored or blocked: the kernel keeps them for itself") : NULL);
}

static int sig_signal(struct cmd_ctx *ctx)
{
	int sig = sig_arg(ctx, 0);
	if (sig <= 0)
		return CMD_REJECTED;
	const char *disp = ctx->argv[1].s;
	int64_t d;
	if (!strcmp(disp, "default")) d = 0;
	else if (!strcmp(disp, "ignore")) d = 1;
	else if (!strcmp(disp, "catch")) d = 2;
	else
		return cmd_reject(ctx, _("signal: the action is default, ignore or catch, not \"%s\""), disp);
	bool restart = cmd_flag(ctx, "restart");
	if (restart && d != 2)
		return cmd_reject(ctx, _("signal: only \"catch\" takes the option \"restart\""));
	struct wire_req q = { .op = OP_SIGNAL, .a = sig, .b = d, .flags = restart ? WF_RESTART : 0 };
	char sb[32], desc[96];
	static const char *const names[] = { "SIG_DFL", "SIG_IGN", "handler" };
	snprintf(desc, sizeof desc, "sigaction(%s, %s%s)", sig_name(sig, sb, sizeof sb), names[d],
		 restart ? ", SA_RESTART" : "");
	return actors_call(ctx->actor, &q, NULL, desc, sig_signal_done) < 0 ? CMD_REJECTED : CMD_OK;
}

/* sigprocmask does not fail for SIGKILL or SIGSTOP (sigaction does): the
 * kernel quietly leaves them out of the mask. */
static void sig_mask_kept_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	actors_print_result(a, c, r, r->ret == 0 ?
			    _("   SIGKILL and SIGSTOP cannot be blocked: the kernel leaves them out of the mask without an error") : NULL);
}

static int sig_sigprocmask(struct cmd_ctx *ctx)
{
	const char *how = ctx->argv[0].s;
	int64_t h;
	if (!strcmp(how, "block")) h = SIG_BLOCK;
	else if (!strcmp(how, "unblock")) h = SIG_UNBLOCK;
	else if (!strcmp(how, "set")) h = SIG_SETMASK;
	else
		return cmd_reject(ctx, _("sigprocmask: the first word is block, unblock or set, not \"%s\""), how);
	uint64_t mask = 0;
	struct buf desc = {0};
	buf_printf(&desc, "sigprocmask(%s, {", h == SIG_BLOCK ? "SIG_BLOCK" : h == SIG_UNBLOCK ? "SIG_UNBLOCK" : "SIG_SETMASK");
	for (int i = 1; i < ctx->argc; i++) {
		int sig = sig_arg(ctx, i);
		if (sig <= 0) {
			buf_free(&desc);
			return CMD_REJECTED;
		}
		char sb[32];
		mask |= 1ull << (sig - 1);
		buf_printf(&desc, "%s%s", i > 1 ? " " : "", sig_name(sig, sb, sizeof sb));
	}
	buf_adds(&desc, "})");
	struct wire_req q = { .op = OP_SIGPROCMASK, .a = h, .b = (int64_t)mask };
	uint64_t kept = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1));
	int rc = actors_call(ctx->actor, &q, NULL, desc.s,
			     h != SIG_UNBLOCK && (mask & kept) ? sig_mask_kept_done : NULL);
	buf_free(&desc);
	return rc < 0 ? CMD_REJECTED : CMD_OK;
}

static void sig_pause_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	actors_print_result(a, c, r, r->ret < 0 && r->err == EINTR ?
			    _("   pause returns only after a handler has run: a caught signal ended the wait") : NULL);
}

static int sig_pause(struct cmd_ctx *ctx)
{
	struct wire_req q = { .op = OP_PAUSE };
	return actors_call(ctx->actor, &q, NULL, "pause()", sig_pause_done) < 0 ? CMD_REJECTED : CMD_OK;
}

static void sig_alarm_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char *extra = NULL;
	if (c->arg && r->ret > 0)
		extra = xasprintf(_("   SIGALRM in %lld s; the earlier alarm (%lld s left) is replaced"), (long long)c->arg,
				  (long long)r->ret);
	else if (c->arg)
		extra = xasprintf(_("   SIGALRM in %lld s (by default it ends the process)"), (long long)c->arg);
	else if (r->ret > 0)
		extra = xasprintf(_("   the alarm (%lld s left) is cancelled"), (long long)r->ret);
	actors_print_result(a, c, r, extra);
	free(extra);
}

static int sig_alarm(struct cmd_ctx *ctx)
{
	int64_t secs;
	if (cmd_arg_int(ctx, 0, "SECS", 0, 86400, &secs) != CMD_OK)
		return CMD_REJECTED;
	char desc[48];
	snprintf(desc, sizeof desc, "alarm(%lld)", (long long)secs);
	struct wire_req q = { .op = OP_ALARM, .a = secs };
	if (actors_call(ctx->actor, &q, NULL, desc, sig_alarm_done) < 0)
		return CMD_REJECTED;
	ctx->actor->call.arg = secs;
	return CMD_OK;
}

static const struct cmd_opt sig_signal_opts[] = { CMD_FLAG("restart"), CMD_OPT_END };

const struct cmd_entry cmd_sig_table[] = {
	{ "signal", "SIG default|ignore|catch", N_("sigaction(2): what the actor does when SIG arrives"),
	  CMD_ACTOR, 2, 2, sig_signal, { ARG_SIGNAL }, 0, sig_signal_opts },
	{ "sigprocmask", "block|unblock|set SIG...", N_("sigprocmask(2): block or unblock signals (they stay pending)"),
	  CMD_ACTOR, 1, 64, sig_sigprocmask, { ARG_WORD, ARG_SIGNAL, ARG_SIGNAL }, 0, NULL },
	{ "pause", "", N_("pause(2): sleep until a signal is caught (-1 EINTR) or ends the actor"),
	  CMD_ACTOR, 0, 0, sig_pause, { ARG_NONE }, 0, NULL },
	{ "alarm", "SECS", N_("alarm(2): SIGALRM after SECS seconds (0 cancels); returns the seconds left of the last one"),
	  CMD_ACTOR, 1, 1, sig_alarm, { ARG_WORD }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { ARG_NONE }, 0, NULL },
};
