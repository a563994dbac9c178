/* emit_calls.c: what each command becomes in C (save FILE.c): a row per
 * command with an emitter that writes the command's system call, its
 * error check and the line that prints its result as ipcsh printed it.
 * A row without an emitter is ipcsh's own (show, expect, ...): a comment
 * in the program. A command with no row has no C yet: a comment too. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "cmd.h"
#include "emit.h"
#include "mqq.h"
#include "parse.h"
#include "sig.h"
#include "sockaddr.h"

/* HELPER(LABEL, ARGS);: one of the program's printers of results. */
static void emit_say(struct emit_cmd *c, const char *helper, const char *args)
{
	buf_printf(&c->code, "%s(", helper);
	emit_label(c);
	buf_printf(&c->code, ", %s);\n", args);
}

/* said_message(LABEL, r, HOW, ARGS): how ipcsh's own words say the type
 * or priority (translated, as ipcsh prints them). */
static void emit_say_message(struct emit_cmd *c, const char *how, const char *args)
{
	struct buf h = {0};
	emit_cstr(&h, how, strlen(how));
	char *all = xasprintf("r, %s, %s", h.s, args);
	emit_say(c, "said_message", all);
	free(all);
	buf_free(&h);
}

/* r = EXPR; said(LABEL, r); or, for an EXPR that keeps what the call
 * returns (VAR = CALL), EXPR; said(LABEL, VAR). C's flags are spaced:
 * IPC_CREAT | 0600. */
static void emit_said(struct emit_cmd *c, const char *expr)
{
	struct buf e = {0};
	bool quoted = false;
	size_t eq_at = 0;                 /* where " = " is, outside strings */
	for (const char *p = expr; *p; p++) {
		if (quoted && *p == '\\' && p[1]) {     /* an escape in a string: kept whole */
			buf_add(&e, p, 2);
			p++;
			continue;
		}
		quoted ^= *p == '"';
		if (!quoted && !eq_at && !strncmp(p, " = ", 3))
			eq_at = e.len + 1;
		bool flag = !quoted && *p == '|' && p > expr && p[-1] != ' ' && p[1] != ' ';
		buf_adds(&e, flag ? " | " : (char[]){ *p, 0 });
	}
	const char *eq = eq_at ? e.s + eq_at - 1 : NULL;
	if (eq) {
		emit_line(c, "%s;", e.s);
		char *var = xstrndup(e.s, (size_t)(eq - e.s));
		emit_say(c, "said", var);
		free(var);
	} else {
		emit_line(c, "r = %s;", e.s);
		emit_say(c, "said", "r");
		buf_adds(&c->locals, "long r;\n");
	}
	emit_need(EMIT_H_SAID);
	buf_free(&e);
}

/* said() with a label the program makes: fmt's %d from args. */
static void emit_said_fmt(struct emit_cmd *c, const char *expr, const char *fmt, const char *args)
{
	emit_line(c, "r = %s;", expr);
	emit_line(c, "snprintf(call, sizeof call, \"%s\", %s);", fmt, args);
	emit_line(c, "said(call, r);");
	buf_adds(&c->locals, "long r;\nchar call[640];\n");
	emit_need(EMIT_H_SAID);
}

static const char *emit_obj(struct emit_cmd *c, int i)
{
	return c->obj[i] ? c->obj[i] : c->ctx->argv[i].s;
}

/* The variable the program gives an object: prefix and name made an
 * identifier, declared once -- "static TYPE ID REST;" at file scope, or
 * "TYPE ID REST;" in the shared page (shared) -- with what (taken, a
 * translated description) as its comment; rm (a format with %s for
 * "shared->ID") is its line of the cleanup at the end, or NULL. */
static const char *emit_var(const char *prefix, const char *name, const char *type, const char *rest, char *what,
			    bool shared, const char *rm_call, const char *rm_args)
{
	const char *v = emit_ident(prefix, name);
	bool ptr = type[strlen(type) - 1] == '*';           /* "char *attached_buf" */
	char *safe = emit_comment_safe(what);               /* a POSIX name may hold them */
	char *decl = xasprintf("%s%s%s%s%s;   /* %s */", shared ? "" : "static ", type, ptr ? "" : " ", v, rest, safe);
	free(safe);
	if (shared)
		emit_shared(decl);
	else
		emit_global(decl);
	free(decl);
	free(what);
	if (rm_call) {
		char *rm = xasprintf("%s(shared->%s%s);", rm_call, v, rm_args);
		emit_cleanup(rm);
		free(rm);
	}
	return v;
}

/* Word i as ipcsh reads a number (decimal, or 0x hex; 010 is ten), for
 * the C source in decimal. */
static long long emit_num(const struct emit_cmd *c, int i)
{
	int64_t n = 0;
	if (i < c->ctx->argc)
		parse_int(c->ctx->argv[i].s, INT64_MIN, INT64_MAX, &n);
	return (long long)n;
}

/* ---- processes ---- */

/* child = fork(); the child runs the actor's function. */
static const char *emit_fork_actor(struct emit_cmd *c, const char *name)
{
	const char *id = emit_new_actor(name);
	emit_line(c, "child = fork();");
	emit_line(c, "if (child == -1) {\n\tperror(\"fork\");\n\texit(1);\n}");
	char *what = xasprintf(_("the child: %s's steps"), name);
	emit_line(c, "if (child == 0)\n\tactor_%s();   /* %s */", id, what);
	free(what);
	emit_line(c, "shared->pid_%s = child;", id);
	buf_adds(&c->locals, "pid_t child;\n");
	return id;
}

static void emit_spawn(struct emit_cmd *c)
{
	struct buf fmt = {0}, args = {0};
	for (int i = 0; i < c->ctx->argc; i++) {
		const char *id = emit_fork_actor(c, c->ctx->argv[i].s);
		buf_printf(&fmt, "%s%s (pid %%d)", i ? ", " : "spawned ", c->ctx->argv[i].s);
		buf_printf(&args, ", (int)shared->pid_%s", id);
	}
	emit_line(c, "printf(\"%s\\n\"%s);   /* %s */", fmt.s, args.s, _("as ipcsh says it"));
	buf_free(&fmt);
	buf_free(&args);
}

static void emit_fork(struct emit_cmd *c)
{
	emit_fork_actor(c, c->ctx->argv[0].s);
	emit_say(c, "said", "child");
	emit_need(EMIT_H_SAID);
}

static void emit_exit(struct emit_cmd *c)
{
	emit_line(c, "_exit(%lld);", emit_num(c, 0));
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
		emit_line(c, "sa.sa_flags = SA_RESTART;   /* %s */", _("an interrupted call goes on"));
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
	(void)c;
	return emit_var("pipe_", name, "int", "[2]", xasprintf(_("pipe %s: [0] is %s.r, [1] is %s.w"), name, name, name),
			false, NULL, NULL);
}

static void emit_pipe(struct emit_cmd *c)
{
	char expr[96];
	snprintf(expr, sizeof expr, "pipe(%s)", emit_pipe_var(c, c->ctx->argv[0].s));
	emit_said(c, expr);
}

/* Where the FIFO or file NAME is, in the shared page (a name made
 * after a fork must reach every process): in the program's own directory
 * for one in ipcsh's session directory, else where the learner put it. */
static const char *emit_path_var(const char *name)
{
	return emit_var("path_", name, "char", "[512]", xasprintf(_("where %s is"), name), true, NULL, NULL);
}

/* This process's descriptor for the FIFO or file NAME opened for end
 * ("r", "w" or "rw"): one variable each, as an actor may hold several. */
static const char *emit_fd_var(const char *name, const char *end)
{
	char *key = xasprintf("%s.%s", name, end);
	const char *v = emit_var("fd_", key, "int", " = -1",
				 xasprintf(_("this process's descriptor for %s, open for %s"), name, end), false, NULL, NULL);
	free(key);
	return v;
}

/* Which of the actor's descriptors for NAME the command used, as ipcsh
 * chose it: by the fd its line names (close), else the first one open
 * in the direction dir (NULL: any), as reg_fd_find finds it. */
static const char *emit_held_end(struct emit_cmd *c, const char *name, const char *dir)
{
	struct actor *a = c->ctx->actor;
	const char *fdw = strstr(c->label, " = fd ");
	for (size_t k = 0; fdw && k < a->nfds; k++)
		if (a->fds[k].fd == atoi(fdw + 6) && !strcmp(a->fds[k].obj, name))
			return a->fds[k].end;
	const struct fdent *e = reg_fd_find(a, name, dir);
	return e ? e->end : "rw";
}

/* This process's descriptor for the socket NAME. */
static const char *emit_sock_var(const char *name)
{
	return emit_var("sock_", name, "int", " = -1", xasprintf(_("this process's descriptor for the socket %s"), name),
			false, NULL, NULL);
}

/* The descriptor a command's first word names, as C: a pipe's end
 * (pipe_p[0] for p.r, [1] for p.w; a pipe named whole: want 1 the write
 * end, else the read end), or a FIFO's or a file's descriptor in this
 * process (for reading, want 0; writing, 1; any, -1), or a socket's. NULL
 * for what has no C yet (c->why says so). */
static const char *emit_fd_word(struct emit_cmd *c, int i, int want, char *out, size_t size)
{
	const char *w = c->ctx->argv[i].s;
	size_t n = strlen(w);
	bool end = n > 2 && (!strcmp(w + n - 2, ".r") || !strcmp(w + n - 2, ".w"));
	const struct object *o = c->obj[i] ? NULL : reg_object(w);   /* close f: found by the family */
	if (o) {
		c->obj[i] = o->name;
		c->kind[i] = (int)o->kind;
	}
	if ((c->kind[i] == OBJ_PIPE || !c->obj[i]) && end) {   /* close p.r */
		char *name = xstrndup(w, n - 2);
		snprintf(out, size, "%s[%d]", emit_pipe_var(c, name), w[n - 1] == 'w');
		free(name);
		return out;
	}
	if (c->kind[i] == OBJ_PIPE) {
		snprintf(out, size, "%s[%d]", emit_pipe_var(c, c->obj[i]), want > 0);
		return out;
	}
	if (c->kind[i] == OBJ_FIFO || c->kind[i] == OBJ_FILE) {
		const char *held = emit_held_end(c, c->obj[i], want < 0 ? NULL : want ? "w" : "r");
		snprintf(out, size, "%s", emit_fd_var(c->obj[i], held));
		return out;
	}
	if (c->kind[i] == OBJ_SOCK) {
		snprintf(out, size, "%s", emit_sock_var(c->obj[i]));
		return out;
	}
	c->why = N_("no C for this command yet");
	return NULL;
}

static const char *emit_fd_of(struct emit_cmd *c, int want, char *out, size_t size)
{
	return emit_fd_word(c, 0, want, out, size);
}

const char *emit_fd_name(const char *obj, const char *end, char *out, size_t size)
{
	const struct object *o = reg_object(obj);
	if (!o)
		return NULL;
	if (o->kind == OBJ_PIPE)
		snprintf(out, size, "%s[%d]", emit_pipe_var(NULL, obj), !strcmp(end, "w"));
	else if (o->kind == OBJ_FIFO || o->kind == OBJ_FILE)
		snprintf(out, size, "%s", emit_fd_var(obj, end));
	else if (o->kind == OBJ_SOCK)
		snprintf(out, size, "%s", emit_sock_var(obj));
	else
		return NULL;
	return out;
}

/* read or recv (call) on fd into buf, up to N bytes (word 1, default
 * 4096), with flags (recv) or none (NULL); said with its data. */
static void emit_into_buf(struct emit_cmd *c, const char *call, const char *fd, const char *flags)
{
	int64_t n = 4096;
	if (c->ctx->argc > 1)
		parse_size(c->ctx->argv[1].s, INT64_MAX, &n);
	emit_line(c, "r = %s(%s, buf, %lld%s%s);", call, fd, (long long)n, flags ? ", " : "", flags ? flags : "");
	emit_say(c, "said_data", "r, buf");
	buf_adds(&c->locals, "long r;\n");
	emit_need(EMIT_H_DATA | EMIT_H_BUF);
}

static void emit_write(struct emit_cmd *c)
{
	char v[96];
	if (!emit_fd_of(c, 1, v, sizeof v))
		return;
	struct cmd_data d;
	struct buf desc = {0}, data = {0};
	cmd_arg_data(c->ctx, 1, INT64_MAX, &d, &desc);
	char *expr;
	if (d.filler) {
		emit_line(c, "memset(buf, 'x', %lld);", (long long)d.n);
		expr = xasprintf("write(%s, buf, %lld)", v, (long long)d.n);
		emit_need(EMIT_H_BUF);
	} else {
		emit_cstr(&data, d.bytes, d.len);
		expr = xasprintf("write(%s, %s, %u)", v, data.s, d.len);
	}
	emit_said(c, expr);
	free(expr);
	buf_free(&desc);
	buf_free(&data);
}

static void emit_read(struct emit_cmd *c)
{
	char v[96];
	if (!emit_fd_of(c, 0, v, sizeof v))
		return;
	emit_into_buf(c, "read", v, NULL);
}

static void emit_close(struct emit_cmd *c)
{
	char v[96], expr[128];
	if (!emit_fd_of(c, -1, v, sizeof v))
		return;
	snprintf(expr, sizeof expr, "close(%s)", v);
	emit_said(c, expr);
}

/* mkfifo NAME [PATH] and mkfile NAME [SIZE]: the path the program uses. */
static const char *emit_new_path(struct emit_cmd *c, bool fifo)
{
	const char *name = c->ctx->argv[0].s;
	const struct object *o = reg_object(name);
	const char *v = emit_path_var(name);
	size_t dl = strlen(reg.dir);
	const char *path = o && o->path ? o->path : fifo && c->ctx->argc > 1 ? c->ctx->argv[1].s : NULL;
	struct buf lit = {0};
	if (path && !(strncmp(path, reg.dir, dl) == 0 && path[dl] == '/')) {
		emit_cstr(&lit, path, strlen(path));
		emit_line(c, "snprintf(shared->%s, sizeof shared->%s, \"%%s\", %s);", v, v, lit.s);
	} else {
		const char *rel = path ? path + dl + 1 : name;
		emit_cstr(&lit, rel, strlen(rel));
		emit_line(c, "snprintf(shared->%s, sizeof shared->%s, \"%%s/%%s\", dir, %s);", v, v, lit.s);
		emit_need(EMIT_H_DIR);
	}
	buf_free(&lit);
	char *rm = xasprintf("unlink(shared->%s);", v);
	emit_cleanup(rm);
	free(rm);
	return v;
}

static void emit_mkfifo(struct emit_cmd *c)
{
	const char *v = emit_new_path(c, true);
	char expr[96], args[96];
	snprintf(expr, sizeof expr, "mkfifo(shared->%s, 0600)", v);
	snprintf(args, sizeof args, "shared->%s", v);
	emit_said_fmt(c, expr, "mkfifo(\\\"%s\\\", 0600)", args);
}

static void emit_mkfile(struct emit_cmd *c)
{
	const char *v = emit_new_path(c, false);
	int64_t size = 0, n;
	for (int i = 1; i < c->ctx->argc; i++)       /* F [PATH] [SIZE], as mkfile reads them */
		if (parse_size(c->ctx->argv[i].s, INT64_MAX, &n) == 0)
			size = n;
	emit_line(c, "fd = open(shared->%s, O_CREAT | O_EXCL | O_WRONLY, 0600);", v);
	emit_line(c, "if (fd == -1) {\n\tsnprintf(call, sizeof call, \"open(\\\"%%s\\\", O_CREAT|O_EXCL|O_WRONLY, 0600)\", shared->%s);\n"
		  "\tsaid(call, -1);\n} else {", v);
	emit_line(c, "\tprintf(\"open(\\\"%%s\\\", O_CREAT|O_EXCL|O_WRONLY, 0600) = %%d, ftruncate(%%d, %lld) = %%d, \", shared->%s, fd, fd,\n"
		  "\t       ftruncate(fd, %lld));\n\tprintf(\"close(%%d) = %%d\\n\", fd, close(fd));\n}", (long long)size, v,
		  (long long)size);
	buf_adds(&c->locals, "int fd;\nchar call[640];\n");
	emit_need(EMIT_H_SAID);
}

static void emit_unlink(struct emit_cmd *c)
{
	const char *v = emit_path_var(emit_obj(c, 0));
	char expr[96], args[96];
	snprintf(expr, sizeof expr, "unlink(shared->%s)", v);
	snprintf(args, sizeof args, "shared->%s", v);
	emit_said_fmt(c, expr, "unlink(\\\"%s\\\")", args);
}

/* The flags of ipcsh's line ("open(f, O_RDONLY|O_NOFOLLOW)") as C. */
static void emit_flags_of(const char *label, const char *after, struct buf *out)
{
	const char *p = strstr(label, after);
	p = p ? p + strlen(after) : "0)";
	for (; *p && *p != ')' && *p != ','; p++)
		buf_adds(out, *p == '|' ? " | " : (char[]){ *p, 0 });
}

static void emit_open(struct emit_cmd *c)
{
	const char *name = emit_obj(c, 0);
	const char *fd = emit_fd_var(name, c->ctx->argv[1].s), *path = emit_path_var(name);
	struct buf flags = {0};
	emit_flags_of(c->label, ", ", &flags);
	char *expr = xasprintf("%s = open(shared->%s, %s)", fd, path, flags.s);
	emit_said(c, expr);
	free(expr);
	buf_free(&flags);
}

static void emit_lock(struct emit_cmd *c)
{
	char fd[96];
	if (!emit_fd_of(c, -1, fd, sizeof fd))
		return;
	const char *t = c->ctx->argv[1].s;
	const char *type = !strcmp(t, "r") ? "F_RDLCK" : !strcmp(t, "w") ? "F_WRLCK" : "F_UNLCK";
	const char *cmd = cmd_flag(c->ctx, "wait") ? "F_SETLKW" : "F_SETLK";
	const struct cmd_optval *sv = cmd_opt(c->ctx, "start"), *lv = cmd_opt(c->ctx, "len");
	long long start = sv ? (long long)sv->n : 0, len = lv ? (long long)lv->n : 0;
	emit_line(c, "memset(&fl, 0, sizeof fl);");
	emit_line(c, "fl.l_type = %s;\nfl.l_whence = SEEK_SET;\nfl.l_start = %lld;\nfl.l_len = %lld;", type, start, len);
	char expr[128];
	snprintf(expr, sizeof expr, "fcntl(%s, %s, &fl)", fd, cmd);
	emit_said(c, expr);
	buf_adds(&c->locals, "struct flock fl;\n");
}

static void emit_flock(struct emit_cmd *c)
{
	char fd[96];
	if (!emit_fd_of(c, -1, fd, sizeof fd))
		return;
	struct buf op = {0};
	emit_flags_of(c->label, ", ", &op);
	char *expr = xasprintf("flock(%s, %s)", fd, op.s);
	emit_said(c, expr);
	free(expr);
	buf_free(&op);
}

static void emit_pipesize(struct emit_cmd *c)
{
	char fd[96], expr[160];
	if (!emit_fd_of(c, 0, fd, sizeof fd))
		return;
	const char *set = strstr(c->label, "F_SETPIPE_SZ, ");
	if (set)
		snprintf(expr, sizeof expr, "fcntl(%s, F_SETPIPE_SZ, %lld)", fd, atoll(set + 14));
	else
		snprintf(expr, sizeof expr, "fcntl(%s, F_GETPIPE_SZ)", fd);
	emit_said(c, expr);
}

/* ---- a process's own signals and clock ---- */

static void emit_alarm(struct emit_cmd *c)
{
	char expr[64];
	snprintf(expr, sizeof expr, "alarm(%lld)", emit_num(c, 0));
	emit_said(c, expr);
}

/* sleep SECS: time passes in the program too (an alarm goes off, a SYN
 * is sent again), as it did in the session. */
static void emit_sleep(struct emit_cmd *c)
{
	double secs = atof(c->ctx->argv[0].s);
	long long ns = (long long)(secs * 1e9 + 0.5);
	emit_line(c, "ts.tv_sec = %lld;\nts.tv_nsec = %lld;\nnanosleep(&ts, NULL);", ns / 1000000000, ns % 1000000000);
	buf_adds(&c->locals, "struct timespec ts;\n");
}

static void emit_pause(struct emit_cmd *c)
{
	emit_said(c, "pause()");
}

static void emit_sigqueue(struct emit_cmd *c)
{
	const char *t = emit_actor(c->ctx->argv[0].s);
	if (!t) {
		c->why = N_("it signals a pid of the session, which the program's processes do not have");
		return;
	}
	char sb[32], expr[160], fmt[128], args[64];
	int sig = sig_parse(c->ctx->argv[1].s);
	const char *sn = sig_name(sig, sb, sizeof sb);
	long long value = emit_num(c, 2);
	emit_line(c, "value.sival_int = %lld;", value);
	snprintf(expr, sizeof expr, "sigqueue(shared->pid_%s, %s, value)", t, sn);
	snprintf(fmt, sizeof fmt, "%s%ssigqueue(%s=%%d, %s, %lld)", c->who, *c->who ? ": " : "", c->ctx->argv[0].s, sn, value);
	snprintf(args, sizeof args, "(int)shared->pid_%s", t);
	emit_said_fmt(c, expr, fmt, args);
	buf_adds(&c->locals, "union sigval value;\n");
}

/* ---- System V message queues ---- */

static const char *emit_msqid(const char *name)
{
	return emit_var("msqid_", name, "int", "", xasprintf(_("the message queue %s"), name), true, "msgctl",
			", IPC_RMID, NULL");
}

static void emit_msg_buffer(void)
{
	char *decl = xasprintf("static struct message {\n\tlong mtype;\n\tchar mtext[1 << 20];\n} msg;   /* %s */",
			       _("a message: its type, then its bytes"));
	emit_global(decl);
	free(decl);
}

static void emit_msgget(struct emit_cmd *c)
{
	struct cmd_sysv g;
	char desc[96], expr[128];
	cmd_sysv_read(c->ctx, &g);
	cmd_sysv_desc(desc, sizeof desc, "msgget", &g, -1);
	const char *v = emit_msqid(c->ctx->argv[0].s);
	snprintf(expr, sizeof expr, "shared->%s = %s", v, desc);
	if (!*c->who)              /* else ipcsh's line, with its actor */
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
	emit_line(c, "msg.mtype = %lld;", emit_num(c, 1));
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
	emit_say_message(c, _("   type %lld: "), "(long long)msg.mtype, msg.mtext");
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
	buf_adds(&c->locals, "struct msqid_ds msq_ds;\n");
	snprintf(expr, sizeof expr, "msgctl(shared->%s, IPC_STAT, &msq_ds)", v);
	if (!strcmp(what, "stat")) {
		emit_said_fmt(c, expr, "msgctl(%d, IPC_STAT)", args);
		emit_line(c, "if (r == 0)\n\tprintf(\"    msg_qnum %%lu  msg_cbytes %%lu  msg_qbytes %%lu\\n\",\n\t       (unsigned long)msq_ds.msg_qnum, (unsigned long)msq_ds.__msg_cbytes, (unsigned long)msq_ds.msg_qbytes);");
		return;
	}
	int64_t n = 0;
	const char *q = c->ctx->argc > 2 ? parse_opt(&c->ctx->argv[2], "qbytes") : NULL;
	if (q)
		parse_size(q, INT64_MAX, &n);
	char fmt[64];
	snprintf(fmt, sizeof fmt, "msgctl(%%d, IPC_SET, qbytes=%lld)", (long long)n);
	emit_line(c, "msgctl(shared->%s, IPC_STAT, &msq_ds);", v);
	emit_line(c, "msq_ds.msg_qbytes = %lld;", (long long)n);
	snprintf(expr, sizeof expr, "msgctl(shared->%s, IPC_SET, &msq_ds)", v);
	emit_said_fmt(c, expr, fmt, args);
}

/* mq_unlink, sem_unlink: NAME's removal, as ipcsh printed it. */
static void emit_unlink_name(struct emit_cmd *c, const char *call)
{
	const char *name = c->ctx->argv[0].s;
	struct buf s = {0}, lab = {0};
	emit_cstr(&s, name, strlen(name));
	buf_printf(&lab, "%s(\"%s\")", call, name);
	char *expr = xasprintf("%s(%s)", call, s.s);
	c->label = lab.s;
	emit_said(c, expr);
	free(expr);
	buf_free(&s);
	buf_free(&lab);
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

static void emit_mq_open(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s;
	const struct cmd_optval *mv = cmd_opt(c->ctx, "maxmsg"), *sv = cmd_opt(c->ctx, "msgsize");
	struct buf s = {0}, lab = {0}, lab_c = {0};
	emit_cstr(&s, name, strlen(name));
	const char *attr = "NULL";
	buf_printf(&lab, "mq_open(\"%s\", O_CREAT|O_EXCL|O_RDWR, 0600", name);
	if (mv || sv) {
		long long m = mv ? (long long)mv->n : mqq_default("msg_default", 10);   /* as mqq_open makes it */
		long long z = sv ? (long long)sv->n : mqq_default("msgsize_default", 8192);
		char *dflt = xasprintf("   /* %s */", _("this system's default"));
		emit_line(c, "attr.mq_maxmsg = %lld;%s", m, mv ? "" : dflt);
		emit_line(c, "attr.mq_msgsize = %lld;%s", z, sv ? "" : dflt);
		free(dflt);
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
	const char *v = emit_var("mqdes_", name, "mqd_t", " = (mqd_t)-1", xasprintf(_("the POSIX queue %s"), name), false,
				 NULL, NULL);
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
	emit_say_message(c, _("   prio %lld: "), "(long long)prio, buf");
	if (nowait)
		emit_mq_nonblock(c, v, false);
	buf_adds(&c->locals, "long r;\nunsigned prio;\n");
	emit_need(EMIT_H_MSG | EMIT_H_BUF);
}

static void emit_mq_notify(struct emit_cmd *c)
{
	const char *name = c->path[0] ? c->path[0] : emit_obj(c, 0);
	const char *v = emit_mqd(c, name);
	const char *sig = strstr(c->label, "SIGEV_SIGNAL ");
	if (sig) {
		emit_line(c, "memset(&sev, 0, sizeof sev);\nsev.sigev_notify = SIGEV_SIGNAL;");
		emit_line(c, "sev.sigev_signo = %.*s;", (int)strcspn(sig + 13, ")"), sig + 13);
		buf_adds(&c->locals, "struct sigevent sev;\n");
	}
	char expr[128];
	snprintf(expr, sizeof expr, "mq_notify(%s, %s)", v, sig ? "&sev" : "NULL");
	emit_said(c, expr);
}

static void emit_mq_unlink(struct emit_cmd *c)
{
	emit_unlink_name(c, "mq_unlink");
}

/* ---- System V semaphores ---- */

static const char *emit_semid(const char *name)
{
	const char *v = emit_var("semid_", name, "int", "", xasprintf(_("the semaphore set %s"), name), true, "semctl",
				 ", 0, IPC_RMID");
	char *semun = xasprintf("/* %s */\nunion semun {\n\tint val;\n\tstruct semid_ds *buf;\n\tunsigned short *array;\n};",
				_("semctl(2): the caller declares its fourth argument"));
	emit_global(semun);
	free(semun);
	return v;
}

/* The array of a set's n values (SETALL, GETALL): one name for each
 * set and size, so that two sets of one name never clash in a function. */
static const char *emit_values(const char *semid, long long n)
{
	char *key = xasprintf("%s_%lld", semid + 6, n);
	const char *v = emit_ident("values_", key);
	free(key);
	return v;
}

static void emit_semget(struct emit_cmd *c)
{
	struct cmd_sysv g;
	char desc[128];
	const struct cmd_optval *nv = cmd_opt(c->ctx, "nsems"), *iv = cmd_opt(c->ctx, "init");
	long long nsems = nv ? (long long)nv->n : 1, init = iv ? (long long)iv->n : 0;
	cmd_sysv_read(c->ctx, &g);
	cmd_sysv_desc(desc, sizeof desc, "semget", &g, nsems);
	const char *v = emit_semid(c->ctx->argv[0].s);
	struct buf lab = {0};
	emit_cstr(&lab, desc, strlen(desc));
	emit_line(c, "shared->%s = %s;", v, desc);
	emit_line(c, "if (shared->%s == -1) {\n\tsaid(%s, -1);\n} else {", v, lab.s);
	const char *vals = emit_values(v, nsems);
	emit_line(c, "\tfor (int i = 0; i < %lld; i++)\n\t\t%s[i] = %lld;", nsems, vals, init);
	emit_line(c, "\targ.array = %s;   /* %s */", vals, _("SETALL: every semaphore's first value"));
	emit_line(c, "\tr = semctl(shared->%s, 0, SETALL, arg);", v);
	emit_line(c, "\tprintf(\"%%s = %%d, semctl(SETALL, %lld) = %%ld\\n\", %s, shared->%s, r);\n}", init, lab.s, v);
	char *decl = xasprintf("unsigned short %s[%lld];", vals, nsems);
	buf_printf(&c->locals, "long r;\nunion semun arg;\n%s\n", decl);
	free(decl);
	emit_need(EMIT_H_SAID);
	buf_free(&lab);
}

/* P, V and semop: the operations as ipcsh's line gives them. */
static void emit_semop(struct emit_cmd *c)
{
	const char *v = emit_semid(emit_obj(c, 0));
	const char *cmd = c->ctx->entry->name;
	bool pv = strcmp(cmd, "semop") != 0;
	bool undo = cmd_flag(c->ctx, "undo"), nowait = strcmp(cmd, "V") && cmd_flag(c->ctx, "nowait");
	const char *flg = undo && nowait ? "SEM_UNDO | IPC_NOWAIT" : undo ? "SEM_UNDO" : nowait ? "IPC_NOWAIT" : "0";
	int n = 0;
	for (int i = 1; i < (pv ? 2 : c->ctx->argc); i++, n++) {   /* P and V: one operation */
		int64_t num = 0, op = 0;
		const struct cmd_optval *nv = pv ? cmd_opt(c->ctx, "n") : NULL;
		if (pv) {
			if (i < c->ctx->argc)
				parse_int(c->ctx->argv[i].s, 0, INT32_MAX, &num);
			op = (cmd[0] == 'P' ? -1 : 1) * (nv ? nv->n : 1);
		} else {
			const char *colon = strchr(c->ctx->argv[i].s, ':');
			char *idx = xstrndup(c->ctx->argv[i].s, colon ? (size_t)(colon - c->ctx->argv[i].s) : 0);
			parse_int(idx, 0, INT32_MAX, &num);
			if (colon)
				parse_int(colon + 1, -32767, 32767, &op);
			free(idx);
		}
		emit_line(c, "ops[%d].sem_num = %lld;\nops[%d].sem_op = %lld;\nops[%d].sem_flg = %s;", n, (long long)num, n,
			  (long long)op, n, flg);
	}
	char expr[96];
	snprintf(expr, sizeof expr, "semop(shared->%s, ops, %d)", v, n);
	emit_said(c, expr);
	buf_adds(&c->locals, "struct sembuf ops[16];\n");
}

static void emit_semctl(struct emit_cmd *c)
{
	const char *v = emit_semid(emit_obj(c, 0));
	const char *what = c->ctx->argv[1].s;
	char expr[128], fmt[96], args[64];
	snprintf(args, sizeof args, "shared->%s", v);
	int idx = 0;
	if (!strcmp(what, "rm")) {
		snprintf(expr, sizeof expr, "semctl(shared->%s, 0, IPC_RMID)", v);
		emit_said_fmt(c, expr, "semctl(%d, IPC_RMID)", args);
		return;
	}
	if (!strcmp(what, "getall")) {
		int n = c->ctx->obj[0] ? c->ctx->obj[0]->nsems : 1;
		const char *vals = emit_values(v, n);
		emit_line(c, "arg.array = %s;", vals);
		snprintf(expr, sizeof expr, "semctl(shared->%s, 0, GETALL, arg)", v);
		emit_said_fmt(c, expr, "semctl(%d, GETALL)", args);
		emit_line(c, "if (r == 0)\n\tfor (int i = 0; i < %d; i++)\n\t\tprintf(\"    [%%d] %%d\\n\", i, %s[i]);", n, vals);
		buf_printf(&c->locals, "union semun arg;\nunsigned short %s[%d];\n", vals, n);
		return;
	}
	if (!strcmp(what, "setval")) {
		long long val = emit_num(c, 2);
		idx = (int)emit_num(c, 3);
		emit_line(c, "arg.val = %lld;", val);
		snprintf(expr, sizeof expr, "semctl(shared->%s, %d, SETVAL, arg)", v, idx);
		snprintf(fmt, sizeof fmt, "semctl(%%d, %d, SETVAL, %lld)", idx, val);
		emit_said_fmt(c, expr, fmt, args);
		buf_adds(&c->locals, "union semun arg;\n");
		return;
	}
	char up[16];
	size_t k = 0;
	for (; what[k] && k < sizeof up - 1; k++)
		up[k] = (char)(what[k] >= 'a' && what[k] <= 'z' ? what[k] - 32 : what[k]);
	up[k] = '\0';
	idx = (int)emit_num(c, 2);
	snprintf(expr, sizeof expr, "semctl(shared->%s, %d, %s)", v, idx, up);
	snprintf(fmt, sizeof fmt, "semctl(%%d, %d, %s)", idx, up);
	emit_said_fmt(c, expr, fmt, args);
}

/* ---- System V shared memory ---- */

static const char *emit_shmid(const char *name)
{
	return emit_var("shmid_", name, "int", "", xasprintf(_("the segment %s"), name), true, "shmctl", ", IPC_RMID, NULL");
}

/* Where a process has the segment attached (its own address). */
static const char *emit_shm_at(const char *name)
{
	return emit_var("attached_", name, "char *", "", xasprintf(_("where this process attached the segment %s"), name), false, NULL,
			NULL);
}

static void emit_shmget(struct emit_cmd *c)
{
	struct cmd_sysv g;
	char desc[128], expr[160];
	int64_t size = 0;
	parse_size(c->ctx->argv[1].s, INT64_MAX, &size);
	cmd_sysv_read(c->ctx, &g);
	cmd_sysv_desc(desc, sizeof desc, "shmget", &g, size);
	const char *v = emit_shmid(c->ctx->argv[0].s);
	snprintf(expr, sizeof expr, "shared->%s = %s", v, desc);
	c->label = desc;
	emit_said(c, expr);
}

static void emit_shmat(struct emit_cmd *c)
{
	const char *name = emit_obj(c, 0);
	const char *v = emit_shmid(name), *at = emit_shm_at(name);
	emit_line(c, "%s = shmat(shared->%s, NULL, %s);", at, v, cmd_flag(c->ctx, "ro") ? "SHM_RDONLY" : "0");
	emit_line(c, "if (%s == (void *)-1)", at);
	buf_adds(&c->code, "\tsaid(");
	emit_label(c);
	buf_adds(&c->code, ", -1);\nelse\n\tprintf(\"%s = %p\\n\", ");
	emit_label(c);
	buf_printf(&c->code, ", (void *)%s);\n", at);
	emit_need(EMIT_H_SAID);
}

static void emit_shmdt(struct emit_cmd *c)
{
	const char *at = emit_shm_at(emit_obj(c, 0));
	char expr[96], fmt[96], args[64];
	snprintf(expr, sizeof expr, "shmdt(%s)", at);
	snprintf(fmt, sizeof fmt, "%s: shmdt(%%p)", c->who);
	snprintf(args, sizeof args, "(void *)%s", at);
	emit_said_fmt(c, expr, fmt, args);
}

static void emit_shmctl(struct emit_cmd *c)
{
	const char *v = emit_shmid(emit_obj(c, 0));
	bool rm = !strcmp(c->ctx->argv[1].s, "rm");
	char expr[128], args[64];
	snprintf(args, sizeof args, "shared->%s", v);
	snprintf(expr, sizeof expr, rm ? "shmctl(shared->%s, IPC_RMID, NULL)" : "shmctl(shared->%s, IPC_STAT, &shm_ds)", v);
	emit_said_fmt(c, expr, rm ? "shmctl(%d, IPC_RMID)" : "shmctl(%d, IPC_STAT)", args);
	if (rm)
		return;
	emit_line(c, "if (r == 0)\n\tprintf(\"    shm_segsz %%zu  shm_nattch %%lu\\n\", shm_ds.shm_segsz, (unsigned long)shm_ds.shm_nattch);");
	buf_adds(&c->locals, "struct shmid_ds shm_ds;\n");
}

/* Where this process has the mapping NAME (its own address). */
static const char *emit_map_var(const char *name)
{
	return emit_var("map_", name, "char *", " = MAP_FAILED", xasprintf(_("where this process has the mapping %s"), name),
			false, NULL, NULL);
}

/* The segment or mapping a poke or a peek names, as this process has
 * it; NULL (with why) for a store ipcsh would catch as a fault. */
static const char *emit_region(struct emit_cmd *c, int64_t *off, bool store)
{
	parse_size(c->ctx->argv[1].s, INT64_MAX, off);
	const struct attach *m = reg_map_find(c->ctx->actor, c->obj[0]);
	if (store && m && m->ro) {
		c->why = N_("a store into a read-only attachment: ipcsh catches the fault, a program dies of SIGSEGV");
		return NULL;
	}
	return c->kind[0] == OBJ_SHM ? emit_shm_at(c->obj[0]) : emit_map_var(c->obj[0]);
}

static void emit_poke(struct emit_cmd *c)
{
	int64_t off = 0;
	const char *at = emit_region(c, &off, true);
	if (!at)
		return;
	const struct word *w = &c->ctx->argv[2];
	const char *iv = w->quoted || strncmp(w->s, "int:", 4) ? NULL : w->s + 4;
	int64_t ivn = 0;
	if (iv)
		parse_int(iv, INT32_MIN, UINT32_MAX, &ivn);
	struct buf data = {0};
	if (iv) {
		emit_line(c, "*(int *)(%s + %lld) = (int)%lld;", at, (long long)off, (long long)ivn);
	} else {
		emit_cstr(&data, w->s, w->len);
		emit_line(c, "memcpy(%s + %lld, %s, %zu);", at, (long long)off, data.s, w->len);
	}
	buf_adds(&c->code, "printf(\"%s = %d\\n\", ");
	emit_label(c);
	buf_printf(&c->code, ", %d);\n", iv ? 4 : (int)w->len);
	buf_free(&data);
}

static void emit_peek(struct emit_cmd *c)
{
	int64_t off = 0;
	const char *at = emit_region(c, &off, false);
	if (!at)
		return;
	if (strstr(c->label, ", int)")) {
		buf_adds(&c->code, "printf(\"%s = %d\\n\", ");
		emit_label(c);
		buf_printf(&c->code, ", *(int *)(%s + %lld));\n", at, (long long)off);
		return;
	}
	long long len = 16;
	const char *l = strrchr(c->label, ',');
	if (l)
		len = atoll(l + 1);
	char *args = xasprintf("%lld, %s + %lld", len, at, (long long)off);
	emit_say(c, "said_data", args);
	free(args);
	emit_need(EMIT_H_DATA);
}

/* ---- POSIX shared memory and mappings ---- */

static void emit_shm_open(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s;
	int64_t size = 0;
	parse_size(c->ctx->argv[1].s, INT64_MAX, &size);
	struct buf s = {0}, lab = {0};
	emit_cstr(&s, name, strlen(name));
	buf_printf(&lab, "shm_open(\"%s\", O_CREAT|O_EXCL|O_RDWR, 0600)", name);
	struct buf lab_c = {0};
	emit_cstr(&lab_c, lab.s, lab.len);
	emit_line(c, "fd = shm_open(%s, O_CREAT | O_EXCL | O_RDWR, 0600);", s.s);
	emit_line(c, "if (fd == -1) {\n\tsaid(%s, -1);\n} else {", lab_c.s);
	emit_line(c, "\tprintf(\"%%s = %%d, ftruncate(%%d, %lld) = %%d, \", %s, fd, fd, ftruncate(fd, %lld));\n"
		  "\tprintf(\"close(%%d) = %%d\\n\", fd, close(fd));\n}", (long long)size, lab_c.s, (long long)size);
	buf_adds(&c->locals, "int fd;\n");
	char *rm = xasprintf("shm_unlink(%s);", s.s);
	emit_cleanup(rm);
	free(rm);
	emit_need(EMIT_H_SAID);
	buf_free(&s);
	buf_free(&lab);
	buf_free(&lab_c);
}

static void emit_shm_unlink(struct emit_cmd *c)
{
	emit_unlink_name(c, "shm_unlink");
}

/* The open of a mapping's source, as the actor makes it, into fd. */
static void emit_map_source(struct emit_cmd *c, const char *src, bool rdonly)
{
	const struct object *o = reg_object(src);
	const char *fl = rdonly ? "O_RDONLY" : "O_RDWR";
	struct buf lit = {0};
	if (o && o->kind == OBJ_FILE) {
		emit_line(c, "fd = open(shared->%s, %s | O_CLOEXEC);", emit_path_var(o->name), fl);
	} else if (o && o->kind == OBJ_PSHM) {
		emit_cstr(&lit, o->path, strlen(o->path));
		emit_line(c, "fd = shm_open(%s, %s, 0);", lit.s, fl);
	} else {
		emit_cstr(&lit, src, strlen(src));
		emit_line(c, src[0] == '/' && !strchr(src + 1, '/') ? "fd = shm_open(%s, %s, 0);" : "fd = open(%s, %s | O_CLOEXEC);",
			  lit.s, fl);
	}
	buf_free(&lit);
}

/* ipcsh's mmap line with the length the call was given, as a format:
 * "A: mmap(NULL, %ld, ...)". */
static void emit_mmap_fmt(const char *label, struct buf *fmt)
{
	const char *at = strstr(label, "mmap(NULL, ");
	const char *rest = at ? strchr(at + 11, ',') : NULL;
	buf_add(fmt, label, at ? (size_t)(at - label) : 0);
	buf_adds(fmt, "mmap(NULL, %ld");
	for (const char *p = rest ? rest : ")"; *p; p++)
		buf_adds(fmt, *p == '%' ? "%%" : (char[]){ *p, 0 });
}

static void emit_mmap(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s, *src = c->ctx->argv[1].s;
	const struct cmd_optval *lv = cmd_opt(c->ctx, "len"), *ov = cmd_opt(c->ctx, "offset");
	bool anon = !strcmp(src, "anon"), priv = cmd_flag(c->ctx, "private"), ro = cmd_flag(c->ctx, "ro");
	long long off = ov ? (long long)ov->n : 0;
	const char *v = emit_map_var(name);
	const char *prot = ro ? "PROT_READ" : "PROT_READ | PROT_WRITE";
	char flags[64];
	snprintf(flags, sizeof flags, "%s%s", priv ? "MAP_PRIVATE" : "MAP_SHARED", anon ? " | MAP_ANONYMOUS" : "");
	struct buf fmt = {0}, fmt_c = {0};
	emit_mmap_fmt(c->label, &fmt);
	emit_cstr(&fmt_c, fmt.s, fmt.len);
	if (anon) {
		emit_line(c, "len = %lld;", lv ? (long long)lv->n : 4096LL);
		emit_line(c, "%s = mmap(NULL, len, %s, %s, -1, %lld);", v, prot, flags, off);
		emit_line(c, "snprintf(call, sizeof call, %s, len);", fmt_c.s);
		emit_line(c, "if (%s == MAP_FAILED)\n\tsaid(call, -1);\nelse\n\tprintf(\"%%s = %%p\\n\", call, (void *)%s);", v, v);
	} else {
		emit_map_source(c, src, ro || priv);
		buf_adds(&c->code, "if (fd == -1) {   /* ");
		buf_adds(&c->code, _("the source does not open: mmap is never called"));
		buf_adds(&c->code, " */\n\tsaid(");
		emit_label(c);
		buf_adds(&c->code, ", -1);\n} else {\n");
		if (lv) {
			emit_line(c, "\tlen = %lld;", (long long)lv->n);
		} else {
			emit_line(c, "\tlen = fstat(fd, &st) == 0 && st.st_size > %lld ? st.st_size - %lld : 0;   /* %s */", off, off,
				  _("the rest of the object"));
			buf_adds(&c->locals, "struct stat st;\n");
		}
		emit_line(c, "\t%s = mmap(NULL, len, %s, %s, fd, %lld);", v, prot, flags, off);
		emit_line(c, "\tclose(fd);   /* %s */", _("the mapping keeps the object"));
		emit_line(c, "\tsnprintf(call, sizeof call, %s, len);", fmt_c.s);
		emit_line(c, "\tif (%s == MAP_FAILED)\n\t\tsaid(call, -1);\n\telse\n\t\tprintf(\"%%s = %%p\\n\", call, (void *)%s);\n}",
			  v, v);
		buf_adds(&c->locals, "int fd;\n");
	}
	buf_adds(&c->locals, "long len;\nchar call[640];\n");
	emit_need(EMIT_H_SAID);
	buf_free(&fmt);
	buf_free(&fmt_c);
}

/* munmap and msync: the mapping's address and the length ipcsh knows. */
static void emit_unmap(struct emit_cmd *c, bool sync)
{
	const char *v = emit_map_var(emit_obj(c, 0));
	const struct attach *m = reg_map_find(c->ctx->actor, emit_obj(c, 0));
	unsigned long long len = m ? (unsigned long long)m->len : 0;
	char expr[128], fmt[128], args[64];
	snprintf(expr, sizeof expr, sync ? "msync(%s, %llu, MS_SYNC)" : "munmap(%s, %llu)", v, len);
	snprintf(fmt, sizeof fmt, sync ? "%s: msync(%%p, %llu, MS_SYNC)" : "%s: munmap(%%p, %llu)", c->who, len);
	snprintf(args, sizeof args, "(void *)%s", v);
	emit_said_fmt(c, expr, fmt, args);
}

static void emit_munmap(struct emit_cmd *c)
{
	emit_unmap(c, false);
}

static void emit_msync(struct emit_cmd *c)
{
	emit_unmap(c, true);
}

/* ---- POSIX named semaphores ---- */

static const char *emit_psem(struct emit_cmd *c, const char *name)
{
	const char *v = emit_var("psem_", name, "sem_t *", " = SEM_FAILED", xasprintf(_("the named semaphore %s"), name), false,
				 NULL, NULL);
	if (*c->who && !emit_actor_once(c->who, name)) {
		struct buf s = {0};
		emit_cstr(&s, name, strlen(name));
		emit_line(c, "if (%s == SEM_FAILED)\n\t%s = sem_open(%s, 0);", v, v, s.s);
		buf_free(&s);
	}
	return v;
}

static void emit_sem_open(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s;
	const struct cmd_optval *iv = cmd_opt(c->ctx, "init");
	long long init = iv ? (long long)iv->n : 0;
	const char *v = emit_psem(c, name);
	struct buf s = {0}, lab = {0}, lab_c = {0};
	emit_cstr(&s, name, strlen(name));
	buf_printf(&lab, "sem_open(\"%s\", O_CREAT|O_EXCL, 0600, %lld)", name, init);
	emit_cstr(&lab_c, lab.s, lab.len);
	emit_line(c, "%s = sem_open(%s, O_CREAT | O_EXCL, 0600, %lld);", v, s.s, init);
	emit_line(c, "if (%s == SEM_FAILED)\n\tsaid(%s, -1);\nelse\n\tprintf(\"%%s = %%p\\n\", %s, (void *)%s);", v,
		  lab_c.s, lab_c.s, v);
	char *line = xasprintf("sem_unlink(%s);", s.s);
	emit_cleanup(line);
	free(line);
	emit_need(EMIT_H_SAID);
	buf_free(&s);
	buf_free(&lab);
	buf_free(&lab_c);
}

/* sem_wait (sem_trywait with nowait) or sem_post (call). */
static void emit_sem_call(struct emit_cmd *c, const char *call)
{
	const char *v = emit_psem(c, c->path[0] ? c->path[0] : emit_obj(c, 0));
	char *expr = xasprintf("%s(%s)", call, v);
	emit_said(c, expr);
	free(expr);
}

static void emit_sem_wait(struct emit_cmd *c)
{
	emit_sem_call(c, cmd_flag(c->ctx, "nowait") ? "sem_trywait" : "sem_wait");
}

static void emit_sem_post(struct emit_cmd *c)
{
	emit_sem_call(c, "sem_post");
}

static void emit_sem_unlink(struct emit_cmd *c)
{
	emit_unlink_name(c, "sem_unlink");
}

/* ---- descriptors and masks ---- */

static void emit_nonblock(struct emit_cmd *c)
{
	char v[96];
	if (!emit_fd_of(c, -1, v, sizeof v))
		return;
	bool on = !strcmp(c->ctx->argv[1].s, "on");
	char expr[256];
	snprintf(expr, sizeof expr, "fcntl(%s, F_SETFL, fcntl(%s, F_GETFL) %s)", v, v, on ? "| O_NONBLOCK" : "& ~O_NONBLOCK");
	emit_said(c, expr);
}

static void emit_sigprocmask(struct emit_cmd *c)
{
	const char *w = c->ctx->argv[0].s;
	const char *how = !strcmp(w, "unblock") ? "SIG_UNBLOCK" : !strcmp(w, "set") ? "SIG_SETMASK" : "SIG_BLOCK";
	emit_line(c, "sigemptyset(&set);");
	for (int i = 1; i < c->ctx->argc; i++) {
		char sb[32];
		emit_line(c, "sigaddset(&set, %s);", sig_name(sig_parse(c->ctx->argv[i].s), sb, sizeof sb));
	}
	char expr[64];
	snprintf(expr, sizeof expr, "sigprocmask(%s, &set, NULL)", how);
	emit_said(c, expr);
	buf_adds(&c->locals, "sigset_t set;\n");
}

/* ---- UNIX sockets ---- */

static void emit_socket(struct emit_cmd *c)
{
	const char *args = strstr(c->label, "socket(");   /* "socket(AF_INET, SOCK_STREAM, 0)" */
	char expr[128];
	snprintf(expr, sizeof expr, "%s = %.*s", emit_sock_var(c->ctx->argv[0].s),
		 args ? (int)(strchr(args, ')') - args + 1) : 0, args ? args : "");
	emit_said(c, expr);
}

static void emit_socketpair(struct emit_cmd *c)
{
	const char *name = c->ctx->argv[0].s;
	char n0[IPCSH_NAME_MAX + 3], n1[IPCSH_NAME_MAX + 3];
	snprintf(n0, sizeof n0, "%s.0", name);
	snprintf(n1, sizeof n1, "%s.1", name);
	const char *v0 = emit_sock_var(n0), *v1 = emit_sock_var(n1);
	char expr[128];
	snprintf(expr, sizeof expr, "socketpair(AF_UNIX, %s, 0, pair)", cmd_flag(c->ctx, "dgram") ? "SOCK_DGRAM" : "SOCK_STREAM");
	emit_said(c, expr);
	emit_line(c, "%s = pair[0];\n%s = pair[1];", v0, v1);
	buf_adds(&c->locals, "int pair[2];\n");
}

/* The address text of ipcsh's line into the program's variable where,
 * and addr and addrlen made from it: a name in ipcsh's session directory
 * is one in the program's own; an address a socket of the session was
 * bound to is where that socket of the program's is bound (a port the
 * kernel picked differs from run to run); else the text itself. */
static void emit_address(struct emit_cmd *c, int family, const char *text, const char *self)
{
	size_t dl = strlen(reg.dir);
	const struct object *t = NULL;
	for (size_t i = 0; family != AF_UNIX && i < reg.nobjs && !t; i++) {
		const struct object *o = reg.objs[i];
		if (o->kind == OBJ_SOCK && o->path && !strcmp(o->path, text) && strcmp(o->name, self))
			t = o;
	}
	struct buf lit = {0};
	if (t) {
		const char *a = emit_var("addr_", t->name, "char", "[64]", xasprintf(_("the address %s is bound to"), t->name),
					 true, NULL, NULL);
		emit_line(c, "snprintf(where, sizeof where, \"%%s\", shared->%s);", a);
	} else if (family == AF_UNIX && !strncmp(text, reg.dir, dl) && text[dl] == '/') {
		emit_cstr(&lit, text + dl + 1, strlen(text + dl + 1));
		emit_line(c, "snprintf(where, sizeof where, \"%%s/%%s\", dir, %s);", lit.s);
		emit_need(EMIT_H_DIR);
	} else {
		emit_cstr(&lit, text, strlen(text));
		emit_line(c, "snprintf(where, sizeof where, \"%%s\", %s);", lit.s);
	}
	emit_line(c, "addrlen = address(&addr, %s, where);",
		  family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNIX");
	buf_adds(&c->locals, "char where[512];\nstruct sockaddr_storage addr;\nsocklen_t addrlen;\n");
	emit_need(EMIT_H_ADDR);
	buf_free(&lit);
}

/* The socket object name is (its family), or NULL. */
static int emit_family(const char *name)
{
	const struct object *o = reg_object(name);
	return o && o->kind == OBJ_SOCK ? o->sofamily : AF_UNIX;
}

/* The first quoted text after key in ipcsh's line: a copy, or NULL. */
static char *emit_quoted_after(const char *label, const char *key)
{
	const char *p = strstr(label, key);
	if (!p || !(p = strchr(p + strlen(key), '"')))
		return NULL;
	const char *e = strchr(p + 1, '"');
	return e ? xstrndup(p + 1, (size_t)(e - p - 1)) : NULL;
}

/* bind and connect: S and an address. */
static void emit_addr_call(struct emit_cmd *c, const char *call)
{
	const char *name = emit_obj(c, 0);
	const char *v = emit_sock_var(name);
	char *text = emit_quoted_after(c->label, ", ");
	if (!text) {
		c->why = N_("no C for this command yet");
		return;
	}
	int family = emit_family(name);
	emit_address(c, family, text, name);
	char expr[128], fmt[128];
	snprintf(expr, sizeof expr, "%s(%s, (struct sockaddr *)&addr, addrlen)", call, v);
	snprintf(fmt, sizeof fmt, "%s: %s(%s, \\\"%%s\\\")", c->who, call, name);
	emit_said_fmt(c, expr, fmt, "where");
	if (!strcmp(call, "bind") && family != AF_UNIX) {   /* the port the kernel gave */
		const char *a = emit_var("addr_", name, "char", "[64]", xasprintf(_("the address %s is bound to"), name), true,
					 NULL, NULL);
		emit_line(c, "address_of(%s, shared->%s, sizeof shared->%s);", v, a, a);
		emit_need(EMIT_H_ADDR_OF);
	} else if (!strcmp(call, "bind") && text[0] != '@') {   /* a socket file: the end removes it */
		const char *pv = emit_path_var(name);
		emit_line(c, "snprintf(shared->%s, sizeof shared->%s, \"%%s\", where);", pv, pv);
		char *rm = xasprintf("unlink(shared->%s);", pv);
		emit_cleanup(rm);
		free(rm);
	}
	free(text);
}

static void emit_bind(struct emit_cmd *c)
{
	emit_addr_call(c, "bind");
}

static void emit_connect(struct emit_cmd *c)
{
	emit_addr_call(c, "connect");
}

static void emit_listen(struct emit_cmd *c)
{
	const char *v = emit_sock_var(emit_obj(c, 0));
	const char *b = strrchr(c->label, ',');
	char expr[96];
	snprintf(expr, sizeof expr, "listen(%s, %d)", v, b ? atoi(b + 1) : 5);
	emit_said(c, expr);
}

static void emit_accept(struct emit_cmd *c)
{
	const char *v = emit_sock_var(emit_obj(c, 0));
	char expr[128];
	snprintf(expr, sizeof expr, "%s = accept(%s, NULL, NULL)", emit_sock_var(c->ctx->argv[1].s), v);
	emit_said(c, expr);
}

/* to=ADDR as ipcsh reads it (sock_addr): a socket of the session by its
 * name (where it is bound), a name in the session directory (UNIX), an
 * address written out (":0" is 127.0.0.1:0). A copy. */
static char *emit_to(const char *a, int family)
{
	const struct object *o = util_valid_name(a) ? reg_object(a) : NULL;
	if (o && o->kind == OBJ_SOCK && o->path)
		return xstrdup(o->path);
	if (family == AF_UNIX)
		return util_valid_name(a) ? xasprintf("%s/%s", reg.dir, a) : xstrdup(a);
	struct sockaddr_storage ss;
	socklen_t len;
	char text[SOCKADDR_TEXT_MAX];
	if (sockaddr_parse(family, a, &ss, &len) < 0)
		return xstrdup(a);
	return xstrdup(sockaddr_format((struct sockaddr *)&ss, len, text, sizeof text));
}

static void emit_send(struct emit_cmd *c)
{
	const char *v = emit_sock_var(emit_obj(c, 0));
	struct cmd_data d;
	struct buf desc = {0}, data = {0};
	cmd_arg_data(c->ctx, 1, INT64_MAX, &d, &desc);
	const char *flags = cmd_flag(c->ctx, "nowait") ? "MSG_DONTWAIT" : "0";
	if (d.filler) {
		emit_line(c, "memset(buf, 'x', %lld);", (long long)d.n);
		buf_adds(&data, "buf");
		emit_need(EMIT_H_BUF);
	} else {
		emit_cstr(&data, d.bytes, d.len);
	}
	int family = emit_family(emit_obj(c, 0));
	char *to = cmd_opt(c->ctx, "to") ? emit_to(cmd_opt(c->ctx, "to")->s, family) : NULL;
	const char *last = NULL;      /* where ipcsh's line gives the address */
	for (const char *p = c->label; (p = strstr(p, ", \"")); p++)
		last = p;
	char *expr;
	if (to && last) {
		emit_address(c, family, to, emit_obj(c, 0));
		expr = xasprintf("sendto(%s, %s, %lld, %s, (struct sockaddr *)&addr, addrlen)", v, data.s, (long long)d.n, flags);
		/* ipcsh's line with the program's path */
		char *head = xstrndup(c->label, (size_t)(last + 3 - c->label));
		struct buf fmt = {0};
		for (const char *p = head; *p; p++)
			buf_adds(&fmt, *p == '%' ? "%%" : *p == '"' ? "\\\"" : *p == '\\' ? "\\\\" : (char[]){ *p, 0 });
		buf_adds(&fmt, "%s\\\")");
		emit_said_fmt(c, expr, fmt.s, "where");
		free(head);
		buf_free(&fmt);
	} else {
		expr = xasprintf("send(%s, %s, %lld, %s)", v, data.s, (long long)d.n, flags);
		emit_said(c, expr);
	}
	free(expr);
	free(to);
	buf_free(&desc);
	buf_free(&data);
}

static void emit_recv(struct emit_cmd *c)
{
	const char *v = emit_sock_var(emit_obj(c, 0));
	emit_into_buf(c, "recv", v, cmd_flag(c->ctx, "nowait") ? "MSG_DONTWAIT" : "0");
}

static void emit_linger(struct emit_cmd *c)
{
	const char *v = emit_sock_var(emit_obj(c, 0));
	int on = 0, secs = 0;
	const char *l = strstr(c->label, "{l_onoff ");
	if (l)
		sscanf(l, "{l_onoff %d, l_linger %d}", &on, &secs);
	emit_line(c, "lin.l_onoff = %d;\nlin.l_linger = %d;", on, secs);
	char expr[128];
	snprintf(expr, sizeof expr, "setsockopt(%s, SOL_SOCKET, SO_LINGER, &lin, sizeof lin)", v);
	emit_said(c, expr);
	buf_adds(&c->locals, "struct linger lin;\n");
}

static void emit_sendfd(struct emit_cmd *c)
{
	char fd[96], expr[256];
	if (!emit_fd_word(c, 1, -1, fd, sizeof fd))
		return;
	snprintf(expr, sizeof expr, "send_fd(%s, %s)", emit_sock_var(emit_obj(c, 0)), fd);
	emit_said(c, expr);
	emit_need(EMIT_H_FDPASS);
}

/* The descriptor that comes is known when the call has returned (which
 * object it is, as ipcsh finds it): @FD@ until then (emit_settled). */
static void emit_recvfd(struct emit_cmd *c)
{
	char expr[160];
	snprintf(expr, sizeof expr, "@FD@ = recv_fd(%s)", emit_sock_var(emit_obj(c, 0)));
	emit_said(c, expr);
	emit_need(EMIT_H_FDPASS);
}

static void emit_shutdown(struct emit_cmd *c)
{
	const char *v = emit_sock_var(emit_obj(c, 0));
	const char *w = c->ctx->argv[1].s;
	const char *how = !strcmp(w, "rd") ? "SHUT_RD" : !strcmp(w, "wr") ? "SHUT_WR" : "SHUT_RDWR";
	char expr[128];
	snprintf(expr, sizeof expr, "shutdown(%s, %s)", v, how);
	emit_said(c, expr);
}

/* ipcsh's own commands: they look at the kernel, or at ipcsh, and make
 * no system call of the program's. */
const struct emit_row emit_rows[] = {
	{ "spawn", emit_spawn }, { "fork", emit_fork }, { "exit", emit_exit }, { "wait", emit_wait },
	{ "kill", emit_kill }, { "signal", emit_signal },
	{ "pipe", emit_pipe }, { "write", emit_write }, { "read", emit_read }, { "close", emit_close },
	{ "mkfifo", emit_mkfifo }, { "mkfile", emit_mkfile }, { "unlink", emit_unlink }, { "open", emit_open },
	{ "lock", emit_lock }, { "flock", emit_flock }, { "pipesize", emit_pipesize },
	{ "alarm", emit_alarm }, { "pause", emit_pause }, { "sigqueue", emit_sigqueue },
	{ "msgget", emit_msgget }, { "msgsnd", emit_msgsnd }, { "msgrcv", emit_msgrcv }, { "msgctl", emit_msgctl },
	{ "mq_open", emit_mq_open }, { "mq_send", emit_mq_send }, { "mq_receive", emit_mq_receive },
	{ "mq_unlink", emit_mq_unlink }, { "mq_notify", emit_mq_notify },
	{ "socket", emit_socket }, { "socketpair", emit_socketpair }, { "bind", emit_bind },
	{ "connect", emit_connect }, { "listen", emit_listen }, { "accept", emit_accept },
	{ "send", emit_send }, { "recv", emit_recv }, { "shutdown", emit_shutdown }, { "linger", emit_linger },
	{ "sendfd", emit_sendfd }, { "recvfd", emit_recvfd },
	{ "shm_open", emit_shm_open }, { "shm_unlink", emit_shm_unlink }, { "mmap", emit_mmap },
	{ "munmap", emit_munmap }, { "msync", emit_msync },
	{ "semget", emit_semget }, { "P", emit_semop }, { "V", emit_semop }, { "semop", emit_semop },
	{ "semctl", emit_semctl }, { "shmget", emit_shmget }, { "shmat", emit_shmat }, { "shmdt", emit_shmdt },
	{ "shmctl", emit_shmctl }, { "poke", emit_poke }, { "peek", emit_peek },
	{ "sem_open", emit_sem_open }, { "sem_wait", emit_sem_wait }, { "sem_post", emit_sem_post },
	{ "sem_unlink", emit_sem_unlink }, { "nonblock", emit_nonblock }, { "sigprocmask", emit_sigprocmask },
	{ "show", NULL }, { "expect", NULL }, { "echo", NULL }, { "help", NULL }, { "explain", NULL },
	{ "lesson", NULL }, { "ps", NULL }, { "use", NULL }, { "set", NULL }, { "settle", NULL },
	{ "save", NULL }, { "cleanup", NULL }, { "quit", NULL }, { "bench", NULL }, { "limits", NULL },
	{ "sleep", emit_sleep }, { "expect-reject", NULL }, { "ipcs", NULL },
	{ NULL, NULL },
};
