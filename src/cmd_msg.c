/* cmd_msg.c: the System V message queue family -- msgget, msgsnd,
 * msgrcv, msgctl. Sends and receives happen in actors, where they may
 * block; msgget and msgctl never block and may run in ipcsh itself. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include "actors.h"
#include "cmd.h"
#include "explain.h"
#include "msgq.h"
#include "out.h"
#include "sysv.h"

#define MSG_SIZE_MAX (1024 * 1024)

/* Record the queue msgget gave; the note to print after the result. */
static char *msg_register(const char *name, int id, key_t key, bool created)
{
	struct object *o = reg_add_object(OBJ_MSG, name);
	o->id = id;
	o->key = key;
	o->owned = created;
	o->attached = !created;
	reg_save();
	if (created)
		return xasprintf(_("   a new queue, id %d: ipcs -q lists it; ipcsh removes it at exit"), id);
	return xasprintf(_("   the queue already existed (id %d): ipcsh uses it but will not remove it"), id);
}

static void msg_get_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char *extra = NULL;
	if (r->ret >= 0 && !reg_name_taken(c->obj))
		extra = msg_register(c->obj, (int)r->ret, (key_t)c->arg, r->v[0] != 0);
	actors_print_result(a, c, r, extra);
	free(extra);
}

static int msg_get(struct cmd_ctx *ctx)
{
	struct cmd_sysv g;
	if (cmd_arg_new_name(ctx, 0) != CMD_OK || cmd_sysv_read(ctx, &g) != CMD_OK)
		return CMD_REJECTED;
	char desc[96];
	cmd_sysv_desc(desc, sizeof desc, "msgget", &g, -1);
	if (ctx->actor) {
		struct wire_req q = { .op = OP_MSGGET, .a = g.key, .b = g.perm, .flags = g.excl ? WF_EXCL : 0 };
		if (actors_call(ctx->actor, &q, NULL, desc, msg_get_done) < 0)
			return CMD_REJECTED;
		snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", ctx->argv[0].s);
		ctx->actor->call.arg = g.key;
		return CMD_OK;
	}
	bool created;
	int id = sysv_get(SYSV_MSG, g.key, 0, (int)g.perm, g.excl, &created);
	if (id < 0) {
		int e = errno;
		explain_failed(e, NULL, "%s", desc);
	} else {
		char *note = msg_register(ctx->argv[0].s, id, g.key, created);
		out_printf("  %s = %d%s", desc, id, note);
		free(note);
	}
	return CMD_OK;
}

/* The flags msgsnd and msgrcv were given. */
static uint32_t msg_flags(const struct cmd_ctx *ctx, bool rcv)
{
	uint32_t flags = cmd_flag(ctx, "nowait") ? WF_NOWAIT : 0;
	if (rcv && cmd_flag(ctx, "noerror"))
		flags |= WF_NOERROR;
	if (rcv && cmd_flag(ctx, "except"))
		flags |= WF_EXCEPT;
	return flags;
}

/* Queued, or handed at once to a receiver asleep in msgrcv (the kernel
 * then never queues it): the queue's count before (c->arg) and after says. */
static void msg_snd_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	char *note = NULL;
	const struct object *o = reg_object(c->obj);
	struct msqid_ds ds;
	const struct actor *s[16];
	size_t n = actors_sleepers(a, c, "msgrcv", s, 16);
	bool handed = r->ret == 0 && n && o && c->arg >= 0 && msgctl(o->id, IPC_STAT, &ds) == 0 &&
		      (int64_t)ds.msg_qnum <= c->arg;
	if (handed && n == 1)
		note = xasprintf(_("   handed at once to %s, asleep in msgrcv: it never waited in the queue"), s[0]->name);
	else if (handed)
		note = xstrdup(_("   handed at once to a receiver asleep in msgrcv: it never waited in the queue"));
	else if (r->ret == 0)
		note = xstrdup(_("   queued: the message waits in the kernel until someone receives it"));
	else if (r->err == EINVAL)
		note = xstrdup(_("   here: the message is longer than msgmax (see: limits), or the id names no queue"));
	actors_print_result(a, c, r, note);
	free(note);
}

static int msg_snd(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	int64_t type;
	if (parse_int(ctx->argv[1].s, INT64_MIN + 1, INT64_MAX, &type) < 0)
		return cmd_reject(ctx, _("TYPE must be a number, not \"%s\""), ctx->argv[1].s);
	if (type <= 0)
		return cmd_reject(ctx, _("a message's type must be greater than 0 (0 and negative types are for msgrcv, to choose which message to take)"));
	uint32_t flags = msg_flags(ctx, false);
	struct buf desc = {0};
	struct cmd_data d;
	buf_printf(&desc, "msgsnd(%s, type %lld, ", o->name, (long long)type);
	if (cmd_arg_data(ctx, 2, MSG_SIZE_MAX, &d, &desc) != CMD_OK) {
		buf_free(&desc);
		return CMD_REJECTED;
	}
	buf_adds(&desc, (flags & WF_NOWAIT) ? ", IPC_NOWAIT)" : ")");
	struct wire_req q = { .op = OP_MSGSND, .a = o->id, .b = type, .fd = (int32_t)d.n, .len = d.len,
			      .flags = flags | (d.filler ? WF_FILLER : 0) };
	struct msqid_ds ds;
	int64_t before = msgctl(o->id, IPC_STAT, &ds) == 0 ? (int64_t)ds.msg_qnum : -1;
	int rc = actors_call(ctx->actor, &q, d.bytes, desc.s, msg_snd_done);
	buf_free(&desc);
	if (rc < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = before;
	return CMD_OK;
}

static void msg_rcv_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	struct buf b = {0};
	if (r->ret >= 0) {
		buf_printf(&b, _("   type %lld: "), (long long)r->v[0]);
		buf_add_quoted(&b, data, r->len, 60);
		if (c->arg && r->ret == c->arg && r->v[1] > r->ret)
			buf_printf(&b, _("   (cut from %lld bytes to size= by MSG_NOERROR: the rest is lost)"), (long long)r->v[1]);
		else if (c->arg && r->ret == c->arg && r->v[1] < 0)
			buf_adds(&b, _("   (size= bytes taken: if the message was longer, MSG_NOERROR cut it and the rest is lost; its length cannot be known here: the call waited, or the queue changed meanwhile)"));
	}
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int msg_rcv(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	int64_t type = 0;
	static long def;                  /* msgmax, read once a session */
	if (def <= 0)
		def = msgq_limit("msgmax");
	const struct cmd_optval *sz = cmd_opt(ctx, "size");
	int64_t size = sz ? sz->n : def > 0 ? def : 8192;
	uint32_t flags = msg_flags(ctx, true);
	if (ctx->argc > 1 && parse_int(ctx->argv[1].s, INT64_MIN + 1, INT64_MAX, &type) < 0)
		return cmd_reject(ctx, _("TYPE must be a number (0: the first message, > 0: the first of that type, < 0: the lowest type up to |TYPE|), not \"%s\""),
				  ctx->argv[1].s);
	struct wire_req q = { .op = OP_MSGRCV, .a = o->id, .b = type, .fd = (int32_t)size, .flags = flags };
	char desc[192];
	snprintf(desc, sizeof desc, "msgrcv(%s, size %lld, type %lld%s%s%s)", o->name, (long long)size,
		 (long long)type, (flags & WF_NOWAIT) ? ", IPC_NOWAIT" : "",
		 (flags & WF_NOERROR) ? ", MSG_NOERROR" : "", (flags & WF_EXCEPT) ? ", MSG_EXCEPT" : "");
	if (actors_call(ctx->actor, &q, NULL, desc, msg_rcv_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = (flags & WF_NOERROR) ? size : 0;
	return CMD_OK;
}

static void msg_ctl_stat(const struct object *o)
{
	struct msqid_ds ds;
	if (msgctl(o->id, IPC_STAT, &ds) < 0) {
		int e = errno;
		explain_failed(e, NULL, "msgctl(%d, IPC_STAT)", o->id);
		return;
	}
	char kb[16];
	out_printf("  msgctl(%d, IPC_STAT) = 0", o->id);
	out_printf(_("    key %s  owner uid %u  creator uid %u  mode 0%03o"),
		   sysv_key_str(ds.msg_perm.__key, kb, sizeof kb), (unsigned)ds.msg_perm.uid,
		   (unsigned)ds.msg_perm.cuid, (unsigned)ds.msg_perm.mode & 0777);
	out_printf(_("    msg_qnum %lu (messages)  msg_cbytes %lu (bytes queued)  msg_qbytes %lu (the most it may hold)"),
		   (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes);
	out_printf(_("    msg_lspid %d (last msgsnd)  msg_lrpid %d (last msgrcv)"), (int)ds.msg_lspid, (int)ds.msg_lrpid);
}

static int msg_ctl_set(struct cmd_ctx *ctx, struct object *o)
{
	const char *v = ctx->argc > 2 ? parse_opt(&ctx->argv[2], "qbytes") : NULL;
	int64_t n;
	if (!v || ctx->argc > 3)
		return cmd_reject(ctx, _("msgctl set takes qbytes=N"));
	if (parse_size(v, INT32_MAX, &n) < 0)
		return cmd_reject(ctx, _("qbytes= takes a size, not \"%s\""), v);
	struct msqid_ds ds;
	int rc = msgctl(o->id, IPC_STAT, &ds);
	if (rc == 0) {
		ds.msg_qbytes = (msglen_t)n;
		rc = msgctl(o->id, IPC_SET, &ds);
	}
	int e = errno;
	char *note = NULL;
	long long mnb = util_sysctl("/proc/sys/kernel/msgmnb");
	if (rc < 0 && e == EPERM && mnb >= 0 && n > mnb)
		note = xasprintf(_("   here: %lld bytes is above msgmnb (/proc/sys/kernel/msgmnb: %lld), a limit only a process with CAP_SYS_RESOURCE may raise a queue past"),
				 (long long)n, mnb);
	else if (rc < 0 && e == EPERM)
		note = xstrdup(_("   here: only the queue's owner or creator (or a process with CAP_SYS_ADMIN) may change it"));
	if (rc < 0)
		explain_failed(e, note, "msgctl(%d, IPC_SET, qbytes=%lld)", o->id, (long long)n);
	else
		out_printf(_("  msgctl(%d, IPC_SET, qbytes=%lld) = 0   the queue now holds at most %lld bytes"),
			   o->id, (long long)n, (long long)n);
	free(note);
	return CMD_OK;
}

static int msg_ctl(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	const char *what = ctx->argv[1].s;
	if (!strcmp(what, "stat") && ctx->argc == 2) {
		msg_ctl_stat(o);
		return CMD_OK;
	}
	if (strcmp(what, "rm") && strcmp(what, "set"))
		return cmd_reject(ctx, _("msgctl: stat, rm or set qbytes=N, not \"%s\""), what);
	if (!o->owned)
		return cmd_reject(ctx, _("%s was made by another program: ipcsh never changes or removes it (from a shell: ipcrm -q %d)"),
				  o->name, o->id);
	if (!strcmp(what, "set"))
		return msg_ctl_set(ctx, o);
	if (ctx->argc != 2)
		return cmd_reject(ctx, _("msgctl rm takes nothing more"));
	if (msgctl(o->id, IPC_RMID, NULL) < 0) {
		int e = errno;
		explain_failed(e, NULL, "msgctl(%d, IPC_RMID)", o->id);
		return CMD_OK;
	}
	out_printf(_("  msgctl(%d, IPC_RMID) = 0   the queue and its messages are gone at once; whoever waits on it wakes with EIDRM"),
		   o->id);
	reg_remove_object(o);
	return CMD_OK;
}

static const struct cmd_opt msg_get_opts[] = { CMD_SYSV_OPTS, CMD_OPT_END };
static const struct cmd_opt msg_snd_opts[] = { CMD_FLAG("nowait"), CMD_OPT_END };
static const struct cmd_opt msg_rcv_opts[] = {
	{ "size", OPT_SIZE, "N", 0, MSG_SIZE_MAX, N_("a size from 0 to 1M") },
	CMD_FLAG("nowait"),
	CMD_FLAG("noerror"),
	CMD_FLAG("except"),
	CMD_OPT_END
};

const struct cmd_entry cmd_msg_table[] = {
	{ "msgget", "Q", N_("msgget(2): make (or find, by key) a System V message queue"),
	  CMD_EITHER, 1, 1, msg_get, { ARG_WORD, ARG_WORD, ARG_WORD }, 0, msg_get_opts },
	{ "msgsnd", "Q TYPE DATA|bytes=N", N_("msgsnd(2): queue a message of TYPE (> 0); blocks while the queue is full"),
	  CMD_ACTOR, 3, 3, msg_snd, { ARG_MSG, ARG_WORD, ARG_WORD }, 0, msg_snd_opts },
	{ "msgrcv", "Q [TYPE]",
	  N_("msgrcv(2): take a message (TYPE 0: the first, > 0: the first of that type, < 0: the lowest type up to |TYPE|)"),
	  CMD_ACTOR, 1, 2, msg_rcv, { ARG_MSG, ARG_WORD, ARG_WORD }, 0, msg_rcv_opts },
	{ "msgctl", "Q stat|rm|set qbytes=N", N_("msgctl(2): look at a queue, remove it, or change how many bytes it may hold"),
	  CMD_COORD, 2, 3, msg_ctl, { ARG_MSG, ARG_WORD, ARG_WORD }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
