/* cmd_pipe.c: the pipe and FIFO family -- pipe, mkfifo, unlink, open,
 * write, read, close, nonblock, pipesize; read, write, close and nonblock
 * also take files and sockets, as their system calls do. Reads, writes and
 * opens happen in actors, where they may block; ipcsh itself never holds
 * an end. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actors.h"
#include "cmd.h"
#include "explain.h"
#include "loop.h"
#include "out.h"
#include "probe.h"

#define PIPE_IO_MAX (16 * 1024 * 1024)

/* "     p: readers 1, writers 0", read from the kernel once every actor
 * has settled after a change. */
static void pipe_counts_note(const char *name)
{
	struct object *o = reg_object(name);
	int r, w;
	if (!o || probe_pipe_ends(o, &r, &w) < 0)
		out_printf(_("     %s: no process holds an end now, so the kernel has freed it"), name);
	else
		out_printf(_("     %s: readers %d, writers %d"), name, r, w);
}

static void pipe_pipe_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	if (r->ret < 0 || reg_name_taken(c->obj)) {
		actors_print_result(a, c, r, NULL);
		return;
	}
	struct object *o = reg_add_object(OBJ_PIPE, c->obj);
	o->ino = o->link_ino = (uint64_t)r->v[2];
	reg_fd_add(a, (int)r->v[0], o->name, "r");
	reg_fd_add(a, (int)r->v[1], o->name, "w");
	reg_save();
	char *extra = xasprintf(_("   %s.r=fd %lld  %s.w=fd %lld  (capacity %lld bytes)"), o->name,
				(long long)r->v[0], o->name, (long long)r->v[1], (long long)r->v[3]);
	actors_print_result(a, c, r, extra);
	free(extra);
}

static int pipe_pipe(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_PIPE };
	char desc[64];
	snprintf(desc, sizeof desc, "pipe(%s)", ctx->argv[0].s);
	if (actors_call(ctx->actor, &q, NULL, desc, pipe_pipe_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", ctx->argv[0].s);
	return CMD_OK;
}

static int pipe_mkfifo(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	char *raw, *path;
	if (cmd_new_path(ctx, ctx->argc > 1 ? ctx->argv[1].s : NULL, &raw, &path) != CMD_OK)
		return CMD_REJECTED;
	/* Without a path its directory is not there: let the kernel say why. */
	int e = mkfifo(path ? path : raw, 0600) < 0 ? errno : 0;
	char call[PATH_MAX + 32];
	snprintf(call, sizeof call, "mkfifo(\"%s\", 0600)", raw);
	struct object *o = cmd_path_made(ctx, OBJ_FIFO, raw, path, e, call);
	if (o)
		out_printf(_("  mkfifo(\"%s\", 0600) = 0   a FIFO: a pipe with a name in the file system"), o->path);
	return CMD_OK;
}

static int pipe_unlink(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	if (o->unlinked)
		return cmd_reject(ctx, _("%s's name was already removed by unlink; it lives on only while it is open"), o->name);
	int rc = reg_remove_name(o);
	if (rc < 0)
		explain_failed(errno, NULL, "unlink(\"%s\")", o->path);
	else if (rc == 0)
		out_printf(_("  %s is no longer what ipcsh made (removed or replaced from outside); ipcsh leaves that path alone"), o->path);
	else
		out_printf(_("  unlink(\"%s\") = 0   the name is gone; processes that have it open keep using it"), o->path);
	reg_forget_unheld();
	return CMD_OK;
}

static void pipe_open_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	const char *note = NULL;
	bool same = o && (uint64_t)r->v[2] == o->ino && (!r->v[3] || !o->btime || (uint64_t)r->v[3] == o->btime);
	if (r->ret >= 0 && o && !same) {
		note = _("   but that path no longer names the FIFO ipcsh made (replaced from outside): ipcsh does not count it as the object");
	} else if (r->ret >= 0 && o) {
		reg_fd_add(a, (int)r->ret, c->obj, c->end);
		if (o->kind == OBJ_FIFO)
			loop_after_settle(pipe_counts_note, c->obj);
	}
	actors_print_result(a, c, r, note);
}

static int pipe_open(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	const char *mode = ctx->argv[1].s;
	int flags;
	const char *fname;
	if (strcmp(mode, "r") == 0) { flags = O_RDONLY; fname = "O_RDONLY"; }
	else if (strcmp(mode, "w") == 0) { flags = O_WRONLY; fname = "O_WRONLY"; }
	else if (strcmp(mode, "rw") == 0) { flags = O_RDWR; fname = "O_RDWR"; }
	else
		return cmd_reject(ctx, _("open: the mode is r, w or rw, not \"%s\""), mode);
	bool nonblock = cmd_flag(ctx, "nonblock");
	if (nonblock)
		flags |= O_NONBLOCK;
	/* O_NOFOLLOW: a FIFO or file ipcsh made is never a symbolic link, so
	 * one found there was put in its place, and is not followed */
	flags |= O_NOFOLLOW;
	struct wire_req q = { .op = OP_OPEN, .a = flags, .len = (uint32_t)strlen(o->path) + 1 };
	char desc[128];
	snprintf(desc, sizeof desc, "open(%s, %s%s|O_NOFOLLOW)", o->name, fname, nonblock ? "|O_NONBLOCK" : "");
	if (actors_call(ctx->actor, &q, o->path, desc, pipe_open_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	snprintf(ctx->actor->call.end, sizeof ctx->actor->call.end, "%s", mode);
	return CMD_OK;
}

/* The descriptor A holds for reading or writing P, or a rejection. */
static struct fdent *pipe_end(struct cmd_ctx *ctx, struct object *o, const char *dir, char *label, size_t n)
{
	struct fdent *e = reg_fd_find(ctx->actor, o->name, dir);
	if (!e && o->kind == OBJ_SOCK) {
		cmd_reject(ctx, _("%s does not hold socket %s (never had it, or closed it)"), ctx->actor->name, o->name);
		return NULL;
	}
	if (!e) {
		cmd_reject(ctx, _("%s holds no %s end of %s (never had one, or closed it)"), ctx->actor->name,
			   strcmp(dir, "r") == 0 ? _("read") : _("write"), o->name);
		return NULL;
	}
	if (o->kind == OBJ_PIPE)
		snprintf(label, n, "%s.%s", o->name, e->end);
	else
		snprintf(label, n, "%s", o->name);
	return e;
}

/* What a non-blocking write to a pipe that did not all go in shows: how
 * full the pipe was (v[1] of v[2] bytes, read by the writer after the
 * call) and why PIPE_BUF and page-sized buffers matter. */
static void pipe_write_nonblock_note(struct buf *b, const struct call *c, const struct wire_rep *r)
{
	long long n = c->arg, held = r->v[1], cap = r->v[2];
	if (r->ret >= 0) {
		buf_printf(b, _("   a partial write: %lld of %lld bytes went in before the pipe was full; a write of more than PIPE_BUF (4096) bytes may be split, and with O_NONBLOCK it returns what fitted"),
			   (long long)r->ret, n);
		return;
	}
	if (held >= 0 && cap > 0)
		buf_printf(b, _("   the pipe holds %lld of %lld bytes"), held, cap);
	bool atomic = n <= 4096;
	if (held >= 0 && cap > 0 && cap - held >= (atomic ? n : 1))
		buf_adds(b, _("; free bytes are not always room: the kernel keeps a pipe's bytes in page-sized buffers and reuses one only once a reader has emptied it"));
	if (atomic)
		buf_adds(b, _("; a write of at most PIPE_BUF (4096) bytes goes in whole or not at all"));
}

static void pipe_write_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct buf b = {0};
	const struct object *o = reg_object(c->obj);
	bool pipe = o && (o->kind == OBJ_PIPE || o->kind == OBJ_FIFO), nb = r->v[0] >= 0 && (r->v[0] & O_NONBLOCK);
	if (pipe && nb && (r->ret >= 0 ? r->ret < c->arg : r->err == EAGAIN))
		pipe_write_nonblock_note(&b, c, r);
	else if (r->ret >= 0 && r->ret < c->arg)
		buf_printf(&b, _("   a partial write: only %lld of %lld bytes went in"), (long long)r->ret, (long long)c->arg);
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int pipe_write(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	char label[64];
	struct fdent *e = pipe_end(ctx, o, "w", label, sizeof label);
	if (!e)
		return CMD_REJECTED;
	struct buf desc = {0};
	struct cmd_data d;
	buf_printf(&desc, "write(%s, ", label);
	if (cmd_arg_data(ctx, 1, PIPE_IO_MAX, &d, &desc) != CMD_OK) {
		buf_free(&desc);
		return CMD_REJECTED;
	}
	buf_adds(&desc, ")");
	struct wire_req q = { .op = OP_WRITE, .fd = e->fd, .a = d.n, .len = d.len,
			      .flags = d.filler ? WF_FILLER : 0 };
	int rc = actors_call(ctx->actor, &q, d.bytes, desc.s, pipe_write_done);
	buf_free(&desc);
	if (rc < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = d.n;
	if (o->kind == OBJ_SOCK)
		snprintf(ctx->actor->call.explain_as, sizeof ctx->actor->call.explain_as, "send");
	return CMD_OK;
}

static void pipe_read_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	struct buf b = {0};
	if (r->ret > 0) {
		buf_adds(&b, " ");
		buf_add_quoted(&b, data, r->len, 64);
	} else if (r->ret == 0 && c->arg == 0) {
		buf_adds(&b, _("   a read of 0 bytes returns 0 at once: it says nothing about end of file"));
	}
	const struct object *o = reg_object(c->obj);
	if (o && o->kind == OBJ_SOCK)
		cmd_sock_read_note(&b, o, c, r, NULL, true);
	else if (r->ret == 0 && c->arg > 0)
		buf_adds(&b, o && o->kind == OBJ_FILE ? _("   end of file: the offset is at the file's end")
						     : _("   end of file: no process holds a write end"));
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int pipe_read(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	int64_t n = 4096;
	if (ctx->argc > 1 && strcmp(ctx->argv[1].s, "nowait") == 0)
		return cmd_reject(ctx, _("read has no nowait: a read does not wait once its end has O_NONBLOCK (\"%s: nonblock %s%s on\")"),
				  ctx->actor->name, o->name, o->kind == OBJ_PIPE ? ".r" : "");
	if (ctx->argc > 1 && parse_size(ctx->argv[1].s, PIPE_IO_MAX, &n) < 0)
		return cmd_reject(ctx, _("read: N is a byte count from 0 to 16M, not \"%s\""), ctx->argv[1].s);
	char label[64];
	struct fdent *e = pipe_end(ctx, o, "r", label, sizeof label);
	if (!e)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_READ, .fd = e->fd, .a = n };
	char desc[96];
	snprintf(desc, sizeof desc, "read(%s, %lld)", label, (long long)n);
	if (actors_call(ctx->actor, &q, NULL, desc, pipe_read_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = n;
	if (o->kind == OBJ_SOCK)
		snprintf(ctx->actor->call.explain_as, sizeof ctx->actor->call.explain_as, "recv");
	return CMD_OK;
}

static void pipe_close_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	if (r->ret == 0) {
		reg_fd_del(a, (int)c->arg);
		if (o && (o->kind == OBJ_PIPE || o->kind == OBJ_FIFO))
			loop_after_settle(pipe_counts_note, c->obj);
		reg_forget_unheld();
	}
	actors_print_result(a, c, r, NULL);
}


static int pipe_close(struct cmd_ctx *ctx)
{
	struct object *o;
	struct fdent *e = cmd_arg_held(ctx, 0, "close", &o);
	if (!e)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_CLOSE, .fd = e->fd };
	char desc[96];
	snprintf(desc, sizeof desc, "close(%s = fd %d)", ctx->argv[0].s, e->fd);
	int fd = e->fd;
	if (actors_call(ctx->actor, &q, NULL, desc, pipe_close_done) < 0)
		return CMD_REJECTED;
	ctx->actor->call.arg = fd;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

static void pipe_nonblock_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	const char *note = NULL;
	const struct object *o = reg_object(c->obj);
	if (r->ret == 0 && o && o->kind == OBJ_FILE)
		note = _("   a regular file's read and write never wait, so O_NONBLOCK changes nothing for them");
	else if (r->ret == 0)
		note = (r->v[0] & O_NONBLOCK)
			? _("   O_NONBLOCK is set: a read or write on it that would have to wait fails with EAGAIN instead; the flag belongs to the open file description, so every descriptor sharing it (after fork or dup) has it too")
			: _("   O_NONBLOCK is clear: a read or write on it that cannot go on waits again");
	reg_kernel_changed();         /* a forked sharer's descriptor flags change too */
	actors_print_result(a, c, r, note);
}

/* fcntl(F_SETFL) turning O_NONBLOCK on or off on one descriptor. */
static int pipe_nonblock(struct cmd_ctx *ctx)
{
	const char *sw = ctx->argv[1].s;
	if (strcmp(sw, "on") && strcmp(sw, "off"))
		return cmd_reject(ctx, _("nonblock: on or off, not \"%s\""), sw);
	struct object *o;
	struct fdent *e = cmd_arg_held(ctx, 0, "nonblock", &o);
	if (!e)
		return CMD_REJECTED;
	bool on = strcmp(sw, "on") == 0;
	struct wire_req q = { .op = OP_NONBLOCK, .fd = e->fd, .a = on };
	char desc[96];
	snprintf(desc, sizeof desc, "fcntl(%s = fd %d, F_SETFL, %s)", ctx->argv[0].s, e->fd,
		 on ? "flags|O_NONBLOCK" : "flags&~O_NONBLOCK");
	if (actors_call(ctx->actor, &q, NULL, desc, pipe_nonblock_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

/* F_SETPIPE_SZ past pipe-max-size needs CAP_SYS_RESOURCE: EPERM. */
static void pipe_pipesize_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char *note = NULL;
	long long max = util_sysctl("/proc/sys/fs/pipe-max-size");
	if (r->ret < 0 && r->err == EPERM && max >= 0 && c->arg > max)
		note = xasprintf(_("   here: %lld bytes is above pipe-max-size (/proc/sys/fs/pipe-max-size: %lld), a limit only a process with CAP_SYS_RESOURCE may exceed"),
				 (long long)c->arg, max);
	else if (r->ret < 0 && r->err == EPERM)
		note = xstrdup(_("   here: growing it would take this user's pipes together past fs.pipe-user-pages-soft or fs.pipe-user-pages-hard pages (see /proc/sys/fs), limits only a process with CAP_SYS_RESOURCE or CAP_SYS_ADMIN may pass"));
	actors_print_result(a, c, r, note);
	free(note);
}

static int pipe_pipesize(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	int64_t n = 0;
	if (ctx->argc > 1 && parse_size(ctx->argv[1].s, INT32_MAX, &n) < 0)
		return cmd_reject(ctx, _("pipesize: N is a size in bytes (K and M allowed), not \"%s\""), ctx->argv[1].s);
	struct fdent *e = reg_fd_find(ctx->actor, o->name, NULL);
	if (!e)
		return cmd_reject(ctx, _("%s holds no end of %s"), ctx->actor->name, o->name);
	struct wire_req q = { .op = OP_PIPESIZE, .fd = e->fd, .a = n };
	char desc[96];
	if (ctx->argc > 1)
		snprintf(desc, sizeof desc, "fcntl(%s, F_SETPIPE_SZ, %lld)", o->name, (long long)n);
	else
		snprintf(desc, sizeof desc, "fcntl(%s, F_GETPIPE_SZ)", o->name);
	if (actors_call(ctx->actor, &q, NULL, desc, pipe_pipesize_done) < 0)
		return CMD_REJECTED;
	ctx->actor->call.arg = n;
	return CMD_OK;
}

static const struct cmd_opt pipe_open_opts[] = { CMD_FLAG("nonblock"), CMD_OPT_END };

const struct cmd_entry cmd_pipe_table[] = {
	{ "pipe", "NAME", N_("pipe(2): a pipe whose ends are NAME.r and NAME.w"), CMD_ACTOR, 1, 1, pipe_pipe, { ARG_WORD }, 0, NULL },
	{ "mkfifo", "NAME [PATH]", N_("mkfifo(3): a named pipe in the session directory (or at PATH)"),
	  CMD_COORD, 1, 2, pipe_mkfifo, { ARG_WORD }, 0, NULL },
	{ "unlink", "FIFO|FILE", N_("unlink(2) the name of a FIFO or of a file made with mkfile"), CMD_COORD, 1, 1, pipe_unlink, { ARG_FIFO }, 0, NULL },
	{ "open", "FIFO|FILE r|w|rw", N_("open(2) a FIFO (r or w blocks until a partner opens the other end; rw and nonblock do not) or a file"),
	  CMD_ACTOR, 2, 2, pipe_open, { ARG_FIFO, ARG_WORD }, 0, pipe_open_opts },
	{ "write", "PIPE|FIFO|FILE|SOCKET DATA|bytes=N", N_("write(2) DATA (or N filler bytes) to the write end"),
	  CMD_ACTOR, 2, 2, pipe_write, { ARG_CHAN }, 0, NULL },
	{ "read", "PIPE|FIFO|FILE|SOCKET [N]", N_("read(2) up to N bytes (default 4096) from the read end"),
	  CMD_ACTOR, 1, 2, pipe_read, { ARG_CHAN }, 0, NULL },
	{ "close", "PIPE.r|PIPE.w|FIFO|FILE|SOCKET", N_("close(2) one descriptor"), CMD_ACTOR, 1, 1, pipe_close, { ARG_END }, 0, NULL },
	{ "nonblock", "PIPE.r|PIPE.w|FIFO|FILE|SOCKET on|off", N_("fcntl(2) F_SETFL: set or clear O_NONBLOCK on one descriptor"),
	  CMD_ACTOR, 2, 2, pipe_nonblock, { ARG_END }, 0, NULL },
	{ "pipesize", "PIPE [N]", N_("fcntl(2) F_GETPIPE_SZ, or F_SETPIPE_SZ to N bytes"),
	  CMD_ACTOR, 1, 2, pipe_pipesize, { ARG_PIPE }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { ARG_NONE }, 0, NULL },
};
