/* emit_calls.c: what each command becomes in C (save FILE.c): a row per
 * command with an emitter that writes the command's system call, its
 * error check and the line that prints its result as ipcsh printed it.
 * A row without an emitter is ipcsh's own (show, expect, ...): a comment
 * in the program. A command with no row has no C yet: a comment too. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "emit.h"
#include "parse.h"
#include "sig.h"

/* r = EXPR; said(LABEL, r); */
static void emit_said(struct emit_cmd *c, const char *expr)
{
	emit_line(c, "r = %s;", expr);
	buf_adds(&c->code, "said(");
	emit_label(c);
	buf_adds(&c->code, ", r);\n");
	buf_adds(&c->locals, "long r;\n");
	emit_need(EMIT_H_SAID);
}

/* said() with a label the program makes: fmt's %d from args. */
static void emit_said_fmt(struct emit_cmd *c, const char *expr, const char *fmt, const char *args)
{
	emit_line(c, "r = %s;", expr);
	emit_line(c, "snprintf(call, sizeof call, \"%s\", %s);", fmt, args);
	emit_line(c, "said(call, r);");
	buf_adds(&c->locals, "long r;\nchar call[160];\n");
	emit_need(EMIT_H_SAID);
}

static const char *emit_obj(struct emit_cmd *c, int i)
{
	return c->obj[i] ? c->obj[i] : c->ctx->argv[i].s;
}

/* ---- processes ---- */

/* child = fork(); the child runs the actor's function. */
static void emit_fork_actor(struct emit_cmd *c, const char *name)
{
	const char *id = emit_new_actor(name);
	emit_line(c, "child = fork();");
	emit_line(c, "if (child == -1) {\n\tperror(\"fork\");\n\texit(1);\n}");
	emit_line(c, "if (child == 0)\n\tactor_%s();   /* the child: %s's steps */", id, name);
	emit_line(c, "shared->pid_%s = child;", id);
	buf_adds(&c->locals, "pid_t child;\n");
}

static void emit_spawn(struct emit_cmd *c)
{
	for (int i = 0; i < c->ctx->argc; i++) {
		emit_fork_actor(c, c->ctx->argv[i].s);
		emit_line(c, "printf(\"spawned %s (pid %%d)\\n\", (int)child);", c->ctx->argv[i].s);
	}
}

static void emit_fork(struct emit_cmd *c)
{
	emit_fork_actor(c, c->ctx->argv[0].s);
	buf_adds(&c->code, "said(");
	emit_label(c);
	buf_adds(&c->code, ", child);\n");
	emit_need(EMIT_H_SAID);
}

static void emit_exit(struct emit_cmd *c)
{
	emit_line(c, "_exit(%s);", c->ctx->argc ? c->ctx->argv[0].s : "0");
	c->ends = true;
}

static void emit_wait(struct emit_cmd *c)
{
	const char *child = c->ctx->argc ? emit_actor(c->ctx->argv[0].s) : NULL;
	if (c->ctx->argc && !child) {
		c->why = N_("it waits for a pid of the session, which the program's processes do not have");
		return;
	}
	char expr[96];
	if (child)
		snprintf(expr, sizeof expr, "waitpid(shared->pid_%s, &status, 0)", child);
	else
		snprintf(expr, sizeof expr, "waitpid(-1, &status, 0)");
	emit_said(c, expr);
	buf_adds(&c->locals, "int status;\n");
}

/* The signal of a kill: -SIG before the target, or SIGTERM. */
static int emit_kill_sig(const struct cmd_ctx *ctx, int *ti)
{
	*ti = 0;
	if (ctx->argc > 1) {
		*ti = 1;
		return sig_parse(ctx->argv[0].s + 1);
	}
	return 15;
}

static void emit_kill(struct emit_cmd *c)
{
	int ti;
	int sig = emit_kill_sig(c->ctx, &ti);
	const char *t = emit_actor(c->ctx->argv[ti].s);
	if (!t) {
		c->why = N_("it signals a pid of the session, which the program's processes do not have");
		return;
	}
	char sb[32], expr[96], fmt[96], args[64];
	const char *sn = sig ? sig_name(sig, sb, sizeof sb) : "0";
	snprintf(expr, sizeof expr, "kill(shared->pid_%s, %s)", t, sn);
	/* ipcsh itself signals through a pidfd (never a reused pid); the
	 * program uses kill(2), as the textbooks do */
	snprintf(fmt, sizeof fmt, "%s%skill(%s=%%d, %s)", c->who, *c->who ? ": " : "", c->ctx->argv[ti].s, sn);
	snprintf(args, sizeof args, "(int)shared->pid_%s", t);
	emit_said_fmt(c, expr, fmt, args);
}

static void emit_signal(struct emit_cmd *c)
{
	char sb[32];
	int sig = sig_parse(c->ctx->argv[0].s);
	const char *d = c->ctx->argv[1].s;
	const char *h = !strcmp(d, "catch") ? "on_signal" : !strcmp(d, "ignore") ? "SIG_IGN" : "SIG_DFL";
	emit_line(c, "memset(&sa, 0, sizeof sa);");
	emit_line(c, "sa.sa_handler = %s;", h);
	if (cmd_flag(c->ctx, "restart"))
		emit_line(c, "sa.sa_flags = SA_RESTART;   /* an interrupted call goes on */");
	char expr[64];
	snprintf(expr, sizeof expr, "sigaction(%s, &sa, NULL)", sig_name(sig, sb, sizeof sb));
	emit_said(c, expr);
	buf_adds(&c->locals, "struct sigaction sa;\n");
	if (!strcmp(d, "catch"))
		emit_need(EMIT_H_HANDLER);
}

/* ---- pipes ---- */

static const char *emit_pipe_var(struct emit_cmd *c, const char *name)
{
	const char *v = emit_ident("pipe_", name);
	char *decl = xasprintf("static int %s[2];   /* pipe %s: [0] is %s.r, [1] is %s.w */", v, name, name, name);
	emit_global(decl);
	free(decl);
	(void)c;
	return v;
}

static void emit_pipe(struct emit_cmd *c)
{
	char expr[96];
	snprintf(expr, sizeof expr, "pipe(%s)", emit_pipe_var(c, c->ctx->argv[0].s));
	emit_said(c, expr);
}

/* The pipe a command names, or NULL (a FIFO, a file, a socket: no C yet). */
static const char *emit_pipe_of(struct emit_cmd *c)
{
	const char *w = c->ctx->argv[0].s;
	size_t n = strlen(w);
	if (!c->obj[0] && n > 2 && (!strcmp(w + n - 2, ".r") || !strcmp(w + n - 2, ".w"))) {   /* close p.r */
		char *name = xstrndup(w, n - 2);
		const char *v = emit_pipe_var(c, name);
		free(name);
		return v;
	}
	if (c->kind[0] != OBJ_PIPE) {
		c->why = N_("no C for this command on a FIFO, a file or a socket yet: only on a pipe");
		return NULL;
	}
	return emit_pipe_var(c, c->obj[0]);
}

static void emit_write(struct emit_cmd *c)
{
	const char *v = emit_pipe_of(c);
	if (!v)
		return;
	struct cmd_data d;
	struct buf desc = {0}, data = {0};
	cmd_arg_data(c->ctx, 1, INT64_MAX, &d, &desc);
	char *expr;
	if (d.filler) {
		emit_line(c, "memset(buf, 'x', %lld);", (long long)d.n);
		expr = xasprintf("write(%s[1], buf, %lld)", v, (long long)d.n);
		emit_need(EMIT_H_BUF);
	} else {
		emit_cstr(&data, d.bytes, d.len);
		expr = xasprintf("write(%s[1], %s, %u)", v, data.s, d.len);
	}
	emit_said(c, expr);
	free(expr);
	buf_free(&desc);
	buf_free(&data);
}

static void emit_read(struct emit_cmd *c)
{
	const char *v = emit_pipe_of(c);
	if (!v)
		return;
	int64_t n = 4096;
	if (c->ctx->argc > 1)
		parse_size(c->ctx->argv[1].s, INT64_MAX, &n);
	emit_line(c, "r = read(%s[0], buf, %lld);", v, (long long)n);
	buf_adds(&c->code, "said_data(");
	emit_label(c);
	buf_adds(&c->code, ", r, buf);\n");
	buf_adds(&c->locals, "long r;\n");
	emit_need(EMIT_H_DATA | EMIT_H_BUF);
}

static void emit_close(struct emit_cmd *c)
{
	const char *v = emit_pipe_of(c);
	if (!v)
		return;
	const char *w = c->ctx->argv[0].s;
	size_t n = strlen(w);
	char expr[96];
	snprintf(expr, sizeof expr, "close(%s[%d])", v, n > 2 && !strcmp(w + n - 2, ".w"));
	emit_said(c, expr);
}

/* ---- System V message queues ---- */

static const char *emit_msqid(const char *name)
{
	const char *v = emit_ident("msqid_", name);
	char *m = xasprintf("int %s;   /* the message queue %s */", v, name);
	emit_shared(m);
	free(m);
	char *rm = xasprintf("msgctl(shared->%s, IPC_RMID, NULL);", v);
	emit_cleanup(rm);
	free(rm);
	return v;
}

static void emit_msg_buffer(void)
{
	emit_global("static struct message {\n\tlong mtype;\n\tchar mtext[65536];\n} msg;   /* a message: its type, then its bytes */");
}

static void emit_msgget(struct emit_cmd *c)
{
	struct cmd_sysv g;
	char desc[96], expr[128];
	cmd_sysv_read(c->ctx, &g);
	cmd_sysv_desc(desc, sizeof desc, "msgget", &g, -1);
	const char *v = emit_msqid(c->ctx->argv[0].s);
	snprintf(expr, sizeof expr, "shared->%s = %s", v, desc);
	c->label = desc;
	emit_said(c, expr);
}

static void emit_msgsnd(struct emit_cmd *c)
{
	const char *v = emit_msqid(emit_obj(c, 0));
	struct cmd_data d;
	struct buf desc = {0}, data = {0};
	cmd_arg_data(c->ctx, 2, INT64_MAX, &d, &desc);
	emit_msg_buffer();
	emit_line(c, "msg.mtype = %s;", c->ctx->argv[1].s);
	if (d.filler) {
		emit_line(c, "memset(msg.mtext, 'x', %lld);", (long long)d.n);
	} else {
		emit_cstr(&data, d.bytes, d.len);
		emit_line(c, "memcpy(msg.mtext, %s, %u);", data.s, d.len);
	}
	char expr[128];
	snprintf(expr, sizeof expr, "msgsnd(shared->%s, &msg, %lld, %s)", v, (long long)d.n,
		 cmd_flag(c->ctx, "nowait") ? "IPC_NOWAIT" : "0");
	emit_said(c, expr);
	buf_free(&desc);
	buf_free(&data);
}

static void emit_msgrcv(struct emit_cmd *c)
{
	const char *v = emit_msqid(emit_obj(c, 0));
	long long size = 8192, type = 0;
	const char *l = strstr(c->label, "size ");
	if (l)
		sscanf(l, "size %lld, type %lld", &size, &type);
	struct buf flags = {0};
	if (cmd_flag(c->ctx, "nowait"))
		buf_adds(&flags, "IPC_NOWAIT");
	if (cmd_flag(c->ctx, "noerror"))
		buf_adds(&flags, flags.len ? " | MSG_NOERROR" : "MSG_NOERROR");
	if (cmd_flag(c->ctx, "except"))
		buf_adds(&flags, flags.len ? " | MSG_EXCEPT" : "MSG_EXCEPT");
	emit_msg_buffer();
	emit_line(c, "r = msgrcv(shared->%s, &msg, %lld, %lld, %s);", v, size, type, flags.len ? flags.s : "0");
	buf_adds(&c->code, "said_message(");
	emit_label(c);
	buf_adds(&c->code, ", r, \"type\", msg.mtype, msg.mtext);\n");
	buf_adds(&c->locals, "long r;\n");
	emit_need(EMIT_H_MSG);
	buf_free(&flags);
}

static void emit_msgctl(struct emit_cmd *c)
{
	const char *v = emit_msqid(emit_obj(c, 0));
	const char *what = c->ctx->argv[1].s;
	char expr[128], args[64];
	snprintf(args, sizeof args, "shared->%s", v);
	if (!strcmp(what, "rm")) {
		snprintf(expr, sizeof expr, "msgctl(shared->%s, IPC_RMID, NULL)", v);
		emit_said_fmt(c, expr, "msgctl(%d, IPC_RMID)", args);
		return;
	}
	buf_adds(&c->locals, "struct msqid_ds ds;\n");
	snprintf(expr, sizeof expr, "msgctl(shared->%s, IPC_STAT, &ds)", v);
	if (!strcmp(what, "stat")) {
		emit_said_fmt(c, expr, "msgctl(%d, IPC_STAT)", args);
		emit_line(c, "if (r == 0)\n\tprintf(\"    msg_qnum %%lu  msg_cbytes %%lu  msg_qbytes %%lu\\n\",\n\t       (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes);");
		return;
	}
	int64_t n = 0;
	const char *q = c->ctx->argc > 2 ? parse_opt(&c->ctx->argv[2], "qbytes") : NULL;
	if (q)
		parse_size(q, INT64_MAX, &n);
	char fmt[64];
	snprintf(fmt, sizeof fmt, "msgctl(%%d, IPC_SET, qbytes=%lld)", (long long)n);
	emit_line(c, "msgctl(shared->%s, IPC_STAT, &ds);", v);
	emit_line(c, "ds.msg_qbytes = %lld;", (long long)n);
	snprintf(expr, sizeof expr, "msgctl(shared->%s, IPC_SET, &ds)", v);
	emit_said_fmt(c, expr, fmt, args);
}

/* ---- POSIX message queues ---- */

static void emit_mq_cleanup(const char *name)
{
	struct buf s = {0};
	emit_cstr(&s, name, strlen(name));
	char *line = xasprintf("mq_unlink(%s);", s.s);
	emit_cleanup(line);
	free(line);
	buf_free(&s);
}

/* maxmsg= or msgsize= given, or the system's default for it. */
static long long emit_mq_size(const struct cmd_optval *v, const char *def, long long fallback)
{
	long long d = util_sysctl(def);
	return v ? (long long)v->n : d > 0 ? d : fallback;
}

static void emit_mq_open(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s;
	const struct cmd_optval *mv = cmd_opt(c->ctx, "maxmsg"), *sv = cmd_opt(c->ctx, "msgsize");
	struct buf s = {0}, lab = {0}, lab_c = {0};
	emit_cstr(&s, name, strlen(name));
	const char *attr = "NULL";
	buf_printf(&lab, "mq_open(\"%s\", O_CREAT|O_EXCL|O_RDWR, 0600", name);
	if (mv || sv) {
		long long m = emit_mq_size(mv, "/proc/sys/fs/mqueue/msg_default", 10);
		long long z = emit_mq_size(sv, "/proc/sys/fs/mqueue/msgsize_default", 8192);
		emit_line(c, "attr.mq_maxmsg = %lld;%s", m, mv ? "" : "   /* this system's default */");
		emit_line(c, "attr.mq_msgsize = %lld;%s", z, sv ? "" : "   /* this system's default */");
		buf_adds(&c->locals, "struct mq_attr attr = { 0, 0, 0, 0, { 0 } };\n");
		attr = "&attr";
		if (mv)
			buf_printf(&lab, ", {maxmsg %lld, msgsize ", m);
		else
			buf_adds(&lab, ", {maxmsg default, msgsize ");
		if (sv)
			buf_printf(&lab, "%lld}", z);
		else
			buf_adds(&lab, "default}");
	}
	buf_adds(&lab, ")");
	emit_cstr(&lab_c, lab.s, lab.len);
	/* ipcsh makes the queue and closes its descriptor: each actor opens its own */
	emit_line(c, "mq = mq_open(%s, O_CREAT | O_EXCL | O_RDWR, 0600, %s);", s.s, attr);
	emit_line(c, "if (mq == (mqd_t)-1)\n\tsaid(%s, -1);\nelse", lab_c.s);
	emit_line(c, "\tprintf(\"%%s = %%d, mq_close(%%d) = %%d\\n\", %s, (int)mq, (int)mq, mq_close(mq));", lab_c.s);
	buf_adds(&c->locals, "mqd_t mq;\n");
	emit_need(EMIT_H_SAID);
	emit_mq_cleanup(name);
	buf_free(&s);
	buf_free(&lab);
	buf_free(&lab_c);
}

/* The actor's descriptor for the queue: opened at its first use, as
 * the actor in ipcsh opens its own. */
static const char *emit_mqd(struct emit_cmd *c, const char *name)
{
	const char *v = emit_ident("mqd_", name);
	char *decl = xasprintf("static mqd_t %s = (mqd_t)-1;   /* the POSIX queue %s */", v, name);
	emit_global(decl);
	free(decl);
	if (!emit_actor_once(c->who, name)) {
		struct buf s = {0};
		emit_cstr(&s, name, strlen(name));
		emit_line(c, "if (%s == (mqd_t)-1)\n\t%s = mq_open(%s, O_RDWR);", v, v, s.s);
		buf_free(&s);
	}
	return v;
}

/* O_NONBLOCK for one call, as ipcsh's nowait: set, call, clear. */
static void emit_mq_nonblock(struct emit_cmd *c, const char *v, bool on)
{
	emit_line(c, "attr.mq_flags = %s;\nmq_setattr(%s, &attr, NULL);", on ? "O_NONBLOCK" : "0", v);
	buf_adds(&c->locals, "struct mq_attr attr = { 0, 0, 0, 0, { 0 } };\n");
}

static void emit_mq_send(struct emit_cmd *c)
{
	const char *name = c->path[0] ? c->path[0] : emit_obj(c, 0);
	const char *v = emit_mqd(c, name);
	const struct word *w = &c->ctx->argv[1];
	const struct cmd_optval *p = cmd_opt(c->ctx, "prio");
	bool nowait = cmd_flag(c->ctx, "nowait");
	struct buf data = {0};
	emit_cstr(&data, w->s, w->len);
	if (nowait)
		emit_mq_nonblock(c, v, true);
	char *expr = xasprintf("mq_send(%s, %s, %zu, %lld)", v, data.s, w->len, p ? (long long)p->n : 0LL);
	emit_said(c, expr);
	if (nowait)
		emit_mq_nonblock(c, v, false);
	free(expr);
	buf_free(&data);
}

static void emit_mq_receive(struct emit_cmd *c)
{
	const char *name = c->path[0] ? c->path[0] : emit_obj(c, 0);
	const char *v = emit_mqd(c, name);
	bool nowait = cmd_flag(c->ctx, "nowait");
	if (nowait)
		emit_mq_nonblock(c, v, true);
	emit_line(c, "r = mq_receive(%s, buf, sizeof buf, &prio);", v);
	buf_adds(&c->code, "said_message(");
	emit_label(c);
	buf_adds(&c->code, ", r, \"prio\", (long)prio, buf);\n");
	if (nowait)
		emit_mq_nonblock(c, v, false);
	buf_adds(&c->locals, "long r;\nunsigned prio;\n");
	emit_need(EMIT_H_MSG | EMIT_H_BUF);
}

static void emit_mq_unlink(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s;
	struct buf s = {0}, lab = {0};
	emit_cstr(&s, name, strlen(name));
	buf_printf(&lab, "mq_unlink(\"%s\")", name);
	char *expr = xasprintf("mq_unlink(%s)", s.s);
	c->label = lab.s;
	emit_said(c, expr);
	free(expr);
	buf_free(&s);
	buf_free(&lab);
}

/* ipcsh's own commands: they look at the kernel, or at ipcsh, and make
 * no system call of the program's. */
const struct emit_row emit_rows[] = {
	{ "spawn", emit_spawn }, { "fork", emit_fork }, { "exit", emit_exit }, { "wait", emit_wait },
	{ "kill", emit_kill }, { "signal", emit_signal },
	{ "pipe", emit_pipe }, { "write", emit_write }, { "read", emit_read }, { "close", emit_close },
	{ "msgget", emit_msgget }, { "msgsnd", emit_msgsnd }, { "msgrcv", emit_msgrcv }, { "msgctl", emit_msgctl },
	{ "mq_open", emit_mq_open }, { "mq_send", emit_mq_send }, { "mq_receive", emit_mq_receive },
	{ "mq_unlink", emit_mq_unlink },
	{ "show", NULL }, { "expect", NULL }, { "echo", NULL }, { "help", NULL }, { "explain", NULL },
	{ "lesson", NULL }, { "ps", NULL }, { "use", NULL }, { "set", NULL }, { "settle", NULL },
	{ "save", NULL }, { "cleanup", NULL }, { "quit", NULL }, { "bench", NULL }, { "limits", NULL },
	{ "sleep", NULL },
	{ NULL, NULL },
};
