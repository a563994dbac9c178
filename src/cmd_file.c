/* cmd_file.c: files and file locks -- mkfile, and fcntl(2) record locks
 * (lock) and flock(2) locks made by actors on their own descriptors,
 * where a conflicting lock makes the call wait or fail. Who holds what is
 * read back from /proc/locks by the views. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actors.h"
#include "cmd.h"
#include "explain.h"
#include "out.h"

#define FILE_SIZE_MAX (1024LL * 1024 * 1024)

/* mkfile F [PATH] [SIZE]: a new regular file, O_EXCL, sized with ftruncate. */
static int file_mkfile(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	const char *given = NULL;
	int64_t size = 0;
	for (int i = 1; i < ctx->argc; i++) {
		int64_t n;
		if (parse_size(ctx->argv[i].s, FILE_SIZE_MAX, &n) == 0)
			size = n;
		else if (!given && (strchr(ctx->argv[i].s, '/') || ctx->argv[i].s[0] == '.'))
			given = ctx->argv[i].s;
		else
			return cmd_reject(ctx, _("mkfile: \"%s\" is neither a size (up to 1G) nor a path (a path has a /)"),
					  ctx->argv[i].s);
	}
	char *raw, *path;
	if (cmd_new_path(ctx, given, &raw, &path) != CMD_OK)
		return CMD_REJECTED;
	int fd = open(path ? path : raw, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int e = fd < 0 ? errno : 0;
	if (fd >= 0 && ftruncate(fd, size) < 0)
		e = errno;
	if (fd >= 0)
		close(fd);
	char call[PATH_MAX + 64];
	snprintf(call, sizeof call, "open(\"%s\", O_CREAT|O_EXCL|O_WRONLY, 0600)", raw);
	struct object *o = cmd_path_made(ctx, OBJ_FILE, raw, path, e, call);
	if (o) {
		o->size = size;
		out_printf(_("  %s = %d, ftruncate(%d, %lld) = 0, close(%d) = 0   a file of %lld bytes; open it in an actor to lock it"),
			   call, fd, fd, (long long)size, fd, (long long)size);
	}
	return CMD_OK;
}

/* The descriptor the actor holds for F, or a rejection with a hint. */
static struct fdent *file_fd(struct cmd_ctx *ctx, struct object **op)
{
	struct object *o = ctx->obj[0];
	struct fdent *e = reg_fd_find(ctx->actor, o->name, NULL);
	if (!e)
		cmd_reject(ctx, _("%s does not have %s open: locks belong to open files, so first \"%s: open %s rw\""),
			   ctx->actor->name, o->name, ctx->actor->name, o->name);
	*op = o;
	return e;
}

static const char *file_lock_type(int64_t t)
{
	return t == F_RDLCK ? "F_RDLCK" : t == F_WRLCK ? "F_WRLCK" : "F_UNLCK";
}

static void file_lock_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct buf b = {0};
	if (r->ret < 0 && r->v[0] > 0) {
		const struct actor *h = reg_actor_by_pid((pid_t)r->v[0]);
		buf_printf(&b, _("   F_GETLK: pid %lld%s%s%s holds %s on bytes %lld..%s"), (long long)r->v[0],
			   h ? " (" : "", h ? h->name : "", h ? ")" : "", file_lock_type(r->v[1]), (long long)r->v[2],
			   r->v[3] ? "" : "EOF");
		if (r->v[3])
			buf_printf(&b, "%lld", (long long)(r->v[2] + r->v[3] - 1));
	}
	reg_kernel_changed();
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int file_lock(struct cmd_ctx *ctx)
{
	struct object *o;
	const char *t = ctx->argv[1].s;
	int type = !strcmp(t, "r") ? F_RDLCK : !strcmp(t, "w") ? F_WRLCK : !strcmp(t, "un") ? F_UNLCK : -1;
	if (type < 0)
		return cmd_reject(ctx, _("lock: the type is r (shared), w (exclusive) or un, not \"%s\""), t);
	const struct cmd_optval *sv = cmd_opt(ctx, "start"), *lv = cmd_opt(ctx, "len");
	int64_t start = sv ? sv->n : 0, len = lv ? lv->n : 0;
	bool wait = cmd_flag(ctx, "wait");
	struct fdent *e = file_fd(ctx, &o);
	if (!e)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_LOCK, .fd = e->fd, .a = type, .b = start, .pad = (int32_t)len,
			      .flags = wait ? 0 : WF_NOWAIT };
	char desc[160];
	snprintf(desc, sizeof desc, "fcntl(%s, %s, {%s, start %lld, len %lld%s})", o->name, wait ? "F_SETLKW" : "F_SETLK",
		 file_lock_type(type), (long long)start, (long long)len, len ? "" : _(" = to EOF"));
	if (actors_call(ctx->actor, &q, NULL, desc, file_lock_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

static int file_flock(struct cmd_ctx *ctx)
{
	struct object *o;
	const char *t = ctx->argv[1].s;
	int op = !strcmp(t, "sh") ? LOCK_SH : !strcmp(t, "ex") ? LOCK_EX : !strcmp(t, "un") ? LOCK_UN : -1;
	if (op < 0)
		return cmd_reject(ctx, _("flock: sh (shared), ex (exclusive) or un, not \"%s\""), t);
	bool nowait = cmd_flag(ctx, "nowait");
	struct fdent *e = file_fd(ctx, &o);
	if (!e)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_FLOCK, .fd = e->fd, .a = op | (nowait ? LOCK_NB : 0) };
	char desc[96];
	snprintf(desc, sizeof desc, "flock(%s, %s%s)", o->name, op == LOCK_SH ? "LOCK_SH" : op == LOCK_EX ? "LOCK_EX" : "LOCK_UN",
		 nowait ? "|LOCK_NB" : "");
	if (actors_call(ctx->actor, &q, NULL, desc, file_lock_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

static const struct cmd_opt file_lock_opts[] = {
	{ "start", OPT_SIZE, "N", 0, FILE_SIZE_MAX, N_("a byte offset from 0") },
	{ "len", OPT_SIZE, "N", 0, FILE_SIZE_MAX, N_("a byte count (0: to the end of the file, however long)") },
	CMD_FLAG("wait"), CMD_OPT_END
};
static const struct cmd_opt file_flock_opts[] = { CMD_FLAG("nowait"), CMD_OPT_END };

const struct cmd_entry cmd_file_table[] = {
	{ "mkfile", "F [PATH] [SIZE]", N_("a new regular file in the session directory (or at PATH), SIZE bytes of zeros"),
	  CMD_COORD, 1, 3, file_mkfile, { ARG_WORD, ARG_WORD }, 0, NULL },
	{ "lock", "F r|w|un",
	  N_("fcntl(2) record lock on bytes of F: F_SETLK, or F_SETLKW with wait (sleeps while another process holds a conflicting lock)"),
	  CMD_ACTOR, 2, 2, file_lock, { ARG_FILE, ARG_WORD, ARG_WORD }, 0, file_lock_opts },
	{ "flock", "F sh|ex|un", N_("flock(2): a lock on the whole open file; waits unless nowait"),
	  CMD_ACTOR, 2, 2, file_flock, { ARG_FILE, ARG_WORD }, 0, file_flock_opts },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
