/* cmd_proc.c: the process family -- spawn, fork, exit, wait, kill, ps,
 * use. Processes are real: fork(2), _exit(2), waitpid(2), kill(2). */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "actors.h"
#include "cmd.h"
#include "explain.h"
#include "guard.h"
#include "out.h"
#include "sig.h"

static int proc_spawn(struct cmd_ctx *ctx)
{
	for (int i = 0; i < ctx->argc; i++) {
		if (cmd_arg_new_name(ctx, i) != CMD_OK)
			return CMD_REJECTED;
		for (int j = 0; j < i; j++)
			if (strcmp(ctx->argv[i].s, ctx->argv[j].s) == 0)
				return cmd_reject(ctx, _("the name \"%s\" is given twice"), ctx->argv[i].s);
	}
	struct buf b = {0};
	buf_adds(&b, _("  spawned"));
	int i;
	char *err = NULL;
	for (i = 0; i < ctx->argc; i++) {
		struct actor *a = actors_spawn(ctx->argv[i].s, &err);
		if (!a)
			break;
		buf_printf(&b, "%s %s (pid %d)", i ? "," : "", a->name, (int)a->pid);
	}
	if (i > 0)
		out_printf("%s", b.s);
	if (err)
		out_error(_("cannot spawn %s: %s"), ctx->argv[i].s, err);
	free(err);
	buf_free(&b);
	return CMD_OK;
}

static void proc_fork_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct actor *child = reg_actor(c->obj);
	if (r->ret < 0 || !child) {
		actors_print_result(a, c, r, NULL);
		if (child && r->ret < 0) {
			child->failed = true;      /* no process: the name is free again */
			child->life = LIFE_GONE;
		}
		return;
	}
	if (child->pid <= 0) {
		child->pid = (pid_t)r->ret;
		child->pidfd = (int)syscall(SYS_pidfd_open, child->pid, 0);
		reg_save();
	}
	struct buf b = {0};
	buf_printf(&b, _("   %s (pid %lld) is a copy of %s"), child->name, (long long)r->ret, a->name);
	if (child->nfds) {
		buf_adds(&b, _(", inheriting"));
		for (size_t i = 0; i < child->nfds; i++)   /* an end of a pipe: p.r; else its name */
			buf_printf(&b, " %s%s%s", child->fds[i].obj, strcmp(child->fds[i].end, "rw") ? "." : "",
				   strcmp(child->fds[i].end, "rw") ? child->fds[i].end : "");
	}
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int proc_fork(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	return actors_fork(ctx->actor, ctx->argv[0].s, proc_fork_done) < 0 ? CMD_REJECTED : CMD_OK;
}

static int proc_exit(struct cmd_ctx *ctx)
{
	int64_t st = 0;
	if (ctx->argc && cmd_arg_int(ctx, 0, "STATUS", 0, 255, &st) != CMD_OK)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_EXIT, .a = st };
	char desc[32];
	snprintf(desc, sizeof desc, "exit(%lld)", (long long)st);
	return actors_call(ctx->actor, &q, NULL, desc, NULL) < 0 ? CMD_REJECTED : CMD_OK;
}

static void proc_wait_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct actor *child = r->ret > 0 ? reg_actor_by_pid((pid_t)r->ret) : NULL;
	char *how = NULL, *extra = NULL;
	if (r->ret > 0) {
		how = actors_describe_status((int)r->v[0]);
		extra = xasprintf(_("   %s %s; it is gone now"), child ? child->name : "child", how);
	}
	if (child) {
		actors_reaped(child, (int)r->v[0]);
		if (strcmp(reg.use, child->name) == 0)
			reg.use[0] = '\0';
	}
	actors_print_result(a, c, r, extra);
	free(how);
	free(extra);
}

static int proc_wait(struct cmd_ctx *ctx)
{
	int64_t pid = -1;
	char desc[64] = "waitpid(-1)";
	if (ctx->argc) {
		struct actor *child = reg_actor(ctx->argv[0].s);
		if (child) {
			if (strcmp(child->parent, ctx->actor->name))
				return cmd_reject(ctx, _("%s is not a child of %s: a process can only wait for its own children"),
						  child->name, ctx->actor->name);
			pid = child->pid;
			snprintf(desc, sizeof desc, "waitpid(%s)", child->name);
		} else if (cmd_arg_int(ctx, 0, "CHILD", 1, INT32_MAX, &pid) != CMD_OK) {
			return CMD_REJECTED;
		} else {
			snprintf(desc, sizeof desc, "waitpid(%lld)", (long long)pid);
		}
	}
	struct wire_req q = { .op = OP_WAIT, .a = pid };
	return actors_call(ctx->actor, &q, NULL, desc, proc_wait_done) < 0 ? CMD_REJECTED : CMD_OK;
}

/* kill [-SIG] TARGET: the signal, then the target word's index. */
static int proc_kill_args(struct cmd_ctx *ctx, int *sig, int *ti)
{
	*sig = SIGTERM;
	*ti = 0;
	if (ctx->argv[0].s[0] == '-' && !ctx->argv[0].quoted) {
		*sig = sig_parse(ctx->argv[0].s + 1);
		if (*sig < 0)
			return cmd_reject(ctx, _("unknown signal \"%s\" (names as kill -l prints them: USR1, SIGUSR1, RTMIN+2, or a number up to %d)"),
					  ctx->argv[0].s + 1, SIGRTMAX);
		*ti = 1;
	}
	if (*ti >= ctx->argc)
		return cmd_reject(ctx, _("kill: which process? name an actor"));
	if (ctx->argc > *ti + 1)
		return cmd_reject(ctx, _("kill: too many arguments"));
	return CMD_OK;
}

/* kill and sigqueue from ipcsh: only to its own actors, through their
 * pidfd with pidfd_send_signal(2) (never a pid that may have been
 * reused). queue: with a value, as sigqueue sends it. */
static int proc_signal_from_ipcsh(struct cmd_ctx *ctx, int sig, const char *target, bool queue, int value)
{
	struct actor *t = reg_actor(target);
	if (!t)
		return cmd_reject(ctx, _("ipcsh only signals its own actors, and there is no actor named \"%s\" (an actor can: A: kill -SIG PID)"),
				  target);
	if (t->life == LIFE_GONE || t->pidfd < 0)
		return cmd_reject(ctx, _("%s is gone: there is no process to signal"), t->name);
	char sb[32], desc[128];
	/* what is printed is the call made: by pidfd, not by pid */
	if (queue)
		snprintf(desc, sizeof desc, "pidfd_send_signal(pidfd of %s=%d, %s, {SI_QUEUE, value %d}, 0)", t->name,
			 (int)t->pid, sig_name(sig, sb, sizeof sb), value);
	else
		snprintf(desc, sizeof desc, "pidfd_send_signal(pidfd of %s=%d, %s, NULL, 0)", t->name, (int)t->pid,
			 sig ? sig_name(sig, sb, sizeof sb) : "0");
	siginfo_t info;
	memset(&info, 0, sizeof info);
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = getuid();
	info.si_value.sival_int = value;
	int rc = (int)syscall(SYS_pidfd_send_signal, t->pidfd, sig, queue ? &info : NULL, 0);
	int e = errno;
	if (rc < 0)
		explain_failed(e, NULL, "%s", desc);
	else if (sig != 0)
		actors_kicked(t);
	if (rc >= 0 && sig == 0)
		out_printf(_("  %s = 0   signal 0 sends nothing: it only checks that the process exists and may be signalled by the caller"), desc);
	else if (rc >= 0)
		out_printf("  %s = 0", desc);
	return CMD_OK;
}

static void proc_kill_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct actor *t = c->arg ? reg_actor_by_pid((pid_t)c->arg) : NULL;
	if (t && r->ret == 0)
		actors_kicked(t);
	actors_print_result(a, c, r, NULL);
}

static void proc_kill0_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	actors_print_result(a, c, r, r->ret == 0 ? _("   signal 0 sends nothing: it only checks that the process exists and may be signalled by the caller") : NULL);
}

/* The process an actor's kill or sigqueue names (argument ti): an actor
 * of the session or a pid; *t the actor when it is one. */
static int proc_target(struct cmd_ctx *ctx, int ti, int64_t *pid, struct actor **t)
{
	const char *target = ctx->argv[ti].s;
	*t = reg_actor(target);
	if (*t && (*t)->life == LIFE_GONE)
		return cmd_reject(ctx, _("%s is gone: its pid may belong to another process by now"), (*t)->name);
	if (*t && (*t)->pid <= 0)
		return cmd_reject(ctx, _("%s has no pid yet: its fork() has not returned"), (*t)->name);
	if (*t)
		*pid = (*t)->pid;
	else if (cmd_arg_int(ctx, ti, "TARGET", INT32_MIN, INT32_MAX, pid) != CMD_OK)
		return CMD_REJECTED;
	if (*pid <= 0)
		return cmd_reject(ctx, _("pid %lld: 0 and negative pids signal whole process groups (-1: every process you may signal); here an actor signals one process at a time"),
				  (long long)*pid);
	if (*pid == guard_current())
		return cmd_reject(ctx, _("pid %lld is ipcsh's guard, which ends the actors if ipcsh dies: leave it alone"),
				  (long long)*pid);
	if (*pid == reg.pid)
		return cmd_reject(ctx, _("pid %lld is ipcsh itself: signalling it would end the session"), (long long)*pid);
	if (!*t) {
		*t = reg_actor_by_pid((pid_t)*pid);
		if (*t && (*t)->life == LIFE_GONE)
			*t = NULL;
	}
	return CMD_OK;
}

/* An actor's kill(2) or sigqueue(3) of pid: its own system call, whose
 * EPERM or ESRCH is a result like any other. */
static int proc_signal_from_actor(struct cmd_ctx *ctx, int sig, int ti, bool queue, int value)
{
	int64_t pid;
	struct actor *t;
	if (proc_target(ctx, ti, &pid, &t) != CMD_OK)
		return CMD_REJECTED;
	char sb[32], desc[128];
	bool named = t && strcmp(t->name, ctx->argv[ti].s) == 0;
	const char *sn = sig ? sig_name(sig, sb, sizeof sb) : "0";
	if (queue)
		snprintf(desc, sizeof desc, "sigqueue(%s%s%lld, %s, %d)", named ? t->name : "", named ? "=" : "",
			 (long long)pid, sn, value);
	else
		snprintf(desc, sizeof desc, "kill(%s%s%lld, %s)", named ? t->name : "", named ? "=" : "", (long long)pid, sn);
	struct wire_req q = { .op = queue ? OP_SIGQUEUE : OP_KILL, .a = pid,
			      .b = queue ? (int64_t)(((uint64_t)(uint32_t)value << 32) | (uint64_t)sig) : sig };
	if (actors_call(ctx->actor, &q, NULL, desc, sig ? proc_kill_done : proc_kill0_done) < 0)
		return CMD_REJECTED;
	ctx->actor->call.arg = t && sig ? t->pid : 0;   /* whom to wait for */
	return CMD_OK;
}

static int proc_kill(struct cmd_ctx *ctx)
{
	int sig, ti;
	if (proc_kill_args(ctx, &sig, &ti) != CMD_OK)
		return CMD_REJECTED;
	if (!ctx->actor)
		return proc_signal_from_ipcsh(ctx, sig, ctx->argv[ti].s, false, 0);
	return proc_signal_from_actor(ctx, sig, ti, false, 0);
}

/* sigqueue TARGET SIG VALUE */
static int proc_sigqueue(struct cmd_ctx *ctx)
{
	int sig = sig_parse(ctx->argv[1].s);
	if (sig < 0)
		return cmd_reject(ctx, _("unknown signal \"%s\" (names as kill -l prints them: USR1, SIGUSR1, RTMIN+2, or a number up to %d)"),
				  ctx->argv[1].s, SIGRTMAX);
	int64_t value;
	if (cmd_arg_int(ctx, 2, "VALUE", INT32_MIN, INT32_MAX, &value) != CMD_OK)
		return CMD_REJECTED;
	if (!ctx->actor)
		return proc_signal_from_ipcsh(ctx, sig, ctx->argv[0].s, true, (int)value);
	return proc_signal_from_actor(ctx, sig, 0, true, (int)value);
}

static int proc_ps(struct cmd_ctx *ctx)
{
	(void)ctx;
	out_printf(_("  NAME             PID    PARENT      STATE     DOING"));
	for (size_t i = 0; i < reg.nactors; i++) {
		struct actor *a = reg.actors[i];
		char w[64];
		const char *st = actors_state(a, w, sizeof w);
		char doing[300] = "";
		if (a->in_flight)
			snprintf(doing, sizeof doing, "%s%s%s", a->call.desc, w[0] ? " in " : "", w);
		else if (a->have_exit) {
			char *how = actors_describe_status(a->wstatus);
			snprintf(doing, sizeof doing, "%s", how);
			free(how);
		}
		out_printf("  %-16s %-6d %-11s %-9s %s", a->name, (int)a->pid,
			   a->parent[0] ? a->parent : "ipcsh", _(st), doing);
	}
	return CMD_OK;
}

static int proc_use(struct cmd_ctx *ctx)
{
	if (ctx->argc == 0) {
		reg.use[0] = '\0';
		return CMD_OK;
	}
	struct actor *a = cmd_arg_actor(ctx, 0);
	if (!a)
		return CMD_REJECTED;
	if (a->life != LIFE_ALIVE)
		return cmd_reject(ctx, _("%s has exited"), a->name);
	snprintf(reg.use, sizeof reg.use, "%s", a->name);
	return CMD_OK;
}

const struct cmd_entry cmd_proc_table[] = {
	{ "spawn", "NAME...", N_("fork new actors from ipcsh"), CMD_COORD, 1, 16, proc_spawn, { ARG_WORD }, 0, NULL },
	{ "fork", "NAME", N_("fork(2) inside the actor: the child inherits its descriptors, dispositions and mask"),
	  CMD_ACTOR, 1, 1, proc_fork, { ARG_WORD }, 0, NULL },
	{ "exit", "[STATUS]", N_("_exit(2): the actor ends; a zombie until its parent waits"), CMD_ACTOR, 0, 1, proc_exit, { ARG_NONE }, 0, NULL },
	{ "wait", "[CHILD]", N_("waitpid(2): blocks while the child runs, then reaps it"), CMD_ACTOR, 0, 1, proc_wait, { ARG_ACTOR }, 0, NULL },
	{ "kill", "[-SIG] TARGET", N_("kill(2) from ipcsh (an actor) or from an actor (an actor or a pid)"),
	  CMD_EITHER, 1, 2, proc_kill, { ARG_SIGNAL, ARG_ACTOR }, CMD_F_SIGNALS, NULL },
	{ "sigqueue", "TARGET SIG VALUE", N_("sigqueue(3): a signal with a value; real-time signals queue, one delivery per send"),
	  CMD_EITHER, 3, 3, proc_sigqueue, { ARG_ACTOR, ARG_SIGNAL, ARG_WORD }, CMD_F_SIGNALS, NULL },
	{ "ps", "", N_("list the actors with their state from the kernel"), CMD_COORD, 0, 0, proc_ps, { ARG_NONE }, 0, NULL },
	{ "use", "[ACTOR]", N_("run actor commands in ACTOR when no ACTOR: prefix is given"), CMD_COORD, 0, 1, proc_use, { ARG_ACTOR }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { ARG_NONE }, 0, NULL },
};
