/* cmd_mq.c: the POSIX message queue family -- mq_open, mq_send,
 * mq_receive, mq_notify, mq_unlink. Sends, receives and notification
 * requests happen in actors, each with its own queue descriptor; ipcsh
 * itself makes and removes queues by name and never keeps one open. */
#include "config.h"
#include <errno.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actors.h"
#include "cmd.h"
#include "explain.h"
#include "mqq.h"
#include "out.h"
#include "sig.h"

static int mq_new_name(struct cmd_ctx *ctx, const char *name)
{
	if (!mqq_valid_name(name))
		return cmd_reject(ctx, _("\"%s\" is not a POSIX queue name ipcsh takes: a / then 1 to %d letters, digits, _, - or ."),
				  name, IPCSH_NAME_MAX - 1);
	if (reg_name_taken(name))
		return cmd_reject(ctx, _("the name \"%s\" is already in use"), name);
	return CMD_OK;
}

/* Record a queue made or found by name; as is the name ipcsh knows it by. */
struct object *cmd_mq_register(const char *as, const char *name, bool created, uint64_t dev, uint64_t ino)
{
	struct object *o = reg_add_object(OBJ_MQ, as);
	o->path = xstrdup(name);
	o->owned = created;
	o->attached = !created;
	o->dev = dev;
	o->ino = ino;
	o->book = xcalloc(1, sizeof *o->book);
	reg_save();
	return o;
}

static int mq_open_cmd(struct cmd_ctx *ctx)
{
	const char *name = ctx->argv[0].s;
	if (mq_new_name(ctx, name) != CMD_OK)
		return CMD_REJECTED;
	const struct cmd_optval *mv = cmd_opt(ctx, "maxmsg"), *sv = cmd_opt(ctx, "msgsize");
	long maxmsg = mv ? (long)mv->n : 0, msgsize = sv ? (long)sv->n : 0;
	bool created;
	uint64_t dev, ino;
	char desc[160];
	char mb[24] = "default", sb[24] = "default";
	if (maxmsg)
		snprintf(mb, sizeof mb, "%ld", maxmsg);
	if (msgsize)
		snprintf(sb, sizeof sb, "%ld", msgsize);
	if (maxmsg || msgsize)
		snprintf(desc, sizeof desc, "mq_open(\"%s\", O_CREAT|O_EXCL|O_RDWR, 0600, {maxmsg %s, msgsize %s})",
			 name, mb, sb);
	else
		snprintf(desc, sizeof desc, "mq_open(\"%s\", O_CREAT|O_EXCL|O_RDWR, 0600)", name);
	int fd = mqq_open(name, maxmsg, msgsize, &created, &dev, &ino);
	if (fd == -2) {               /* it exists, and ipcsh cannot open it */
		int e = errno;
		out_printf(_("  %s = -1 EEXIST   the queue already exists (made by another program)"), desc);
		explain_failed(e, NULL, "mq_open(\"%s\", O_RDONLY|O_NONBLOCK)", name);
		return CMD_OK;
	}
	if (fd < 0) {
		int e = errno;
		explain_failed(e, e == EINVAL ? _("   (here: maxmsg or msgsize beyond the limits; see: limits)") : NULL, "%s", desc);
		return CMD_OK;
	}
	struct object *o = cmd_mq_register(name, name, created, dev, ino);
	struct mqq_attr a = {0};
	mqq_getattr_name(o->path, dev, ino, &a);
	if (created)
		out_printf(_("  %s = %d, mq_close(%d) = 0   a new POSIX queue for %ld messages of up to %ld bytes; ipcsh closes its descriptor (each actor opens its own) and removes the queue at exit"),
			   desc, fd, fd, a.maxmsg, a.msgsize);
	else
		out_printf(_("  %s = -1 EEXIST   the queue already exists (made by another program): ipcsh uses it but will not remove it"),
			   desc);
	return CMD_OK;
}

/* The actor's descriptor for the queue, or -1 (it opens one). */
static int mq_actor_fd(struct actor *a, const struct object *o)
{
	struct fdent *e = reg_fd_find(a, o->name, NULL);
	return e ? e->fd : -1;
}

/* A request for the queue: its name first, then data. */
static int mq_call(struct cmd_ctx *ctx, struct object *o, struct wire_req *q, const char *data, size_t len,
		   const char *desc, call_done_fn *done)
{
	size_t nlen = strlen(o->path) + 1;
	char *payload = xmalloc(nlen + len);
	memcpy(payload, o->path, nlen);
	if (len)
		memcpy(payload + nlen, data, len);
	q->fd = mq_actor_fd(ctx->actor, o);
	q->b = (int64_t)nlen;
	q->len = (uint32_t)(nlen + len);
	int rc = actors_call(ctx->actor, q, payload, desc, done);
	free(payload);
	if (rc < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

/* A descriptor the actor opened for this call is now part of its table. */
static struct object *mq_done_common(struct actor *a, const struct call *c, const struct wire_rep *r)
{
	struct object *o = reg_object(c->obj);
	if (o && r->v[1] >= 0)
		reg_fd_add(a, (int)r->v[1], o->name, "rw");
	return o;
}

/* The actor's own mq_open (its first use of the queue) failed: the call
 * was never made. Printed, and true. */
static bool mq_open_failed(struct actor *a, const struct call *c, const struct wire_rep *r)
{
	if (!r->v[2])
		return false;
	const struct object *o = reg_object(c->obj);
	struct call open = *c;            /* what failed is the actor's mq_open */
	snprintf(open.desc, sizeof open.desc, "mq_open(\"%s\", O_RDWR)", o && o->path ? o->path : c->obj);
	char *note = xasprintf(_("   (so %.*s was never called)"), (int)strcspn(c->desc, "("), c->desc);
	actors_print_result(a, &open, r, note);
	free(note);
	return true;
}

static void mq_send_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = mq_done_common(a, c, r);
	if (o && o->book)
		mqq_book_send_done(o->book, a, r->ret == 0);
	if (mq_open_failed(a, c, r))
		return;
	/* a receiver asleep when the send began means the queue was empty:
	 * the kernel hands the message over, never queues it, sends no
	 * notification */
	const struct actor *s[16];
	size_t n = r->ret == 0 ? actors_sleepers(a, c, "mq_receive", s, 16) : 0;
	char *note = NULL;
	if (n == 1)
		note = xasprintf(_("   handed at once to %s, asleep in mq_receive: it was never queued, and no mq_notify signal is sent for it"), s[0]->name);
	else if (n)
		note = xstrdup(_("   handed at once to a receiver asleep in mq_receive: it was never queued, and no mq_notify signal is sent for it"));
	else if (r->ret == 0)
		note = xstrdup(_("   queued in priority order"));
	actors_print_result(a, c, r, note);
	free(note);
}

static int mq_send_cmd(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	const struct cmd_optval *pv = cmd_opt(ctx, "prio");
	int64_t prio = pv ? pv->n : 0;
	bool nowait = cmd_flag(ctx, "nowait");
	const struct word *w = &ctx->argv[1];
	struct wire_req q = { .op = OP_MQSEND, .a = prio, .flags = nowait ? WF_NOWAIT : 0 };
	struct buf desc = {0};
	buf_printf(&desc, "mq_send(%s, ", o->name);
	buf_add_quoted(&desc, w->s, w->len, 40);
	buf_printf(&desc, ", %zu, prio %lld%s)", w->len, (long long)prio, nowait ? ", O_NONBLOCK" : "");
	int rc = mq_call(ctx, o, &q, w->s, w->len, desc.s, mq_send_done);
	buf_free(&desc);
	if (rc == CMD_OK && o->book)
		mqq_book_sending(o->book, ctx->actor, (unsigned)prio, w->s, w->len);
	return rc;
}

static void mq_receive_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	if (mq_open_failed(a, c, r))
		return;
	struct object *o = mq_done_common(a, c, r);
	struct buf b = {0};
	if (r->ret >= 0) {
		buf_printf(&b, _("   prio %lld: "), (long long)r->v[0]);
		buf_add_quoted(&b, data, r->len, 60);
		if (o && o->book)
			mqq_book_received(o->book, (unsigned)r->v[0], data, r->len);
	}
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int mq_receive_cmd(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	bool nowait = cmd_flag(ctx, "nowait");
	struct wire_req q = { .op = OP_MQRECV, .flags = nowait ? WF_NOWAIT : 0 };
	char desc[96];
	snprintf(desc, sizeof desc, "mq_receive(%s%s)", o->name, nowait ? ", O_NONBLOCK" : "");
	return mq_call(ctx, o, &q, NULL, 0, desc, mq_receive_done);
}

static void mq_notify_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	if (mq_open_failed(a, c, r))
		return;
	mq_done_common(a, c, r);
	const char *note = NULL;
	if (r->ret == 0 && c->arg)
		note = _("   when a message arrives in the empty queue, the kernel sends the signal once and forgets the request; but a message handed at once to a process asleep in mq_receive sends none, and the request stays");
	actors_print_result(a, c, r, note);
}

static int mq_notify_cmd(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	int sig = 0;
	char sb[32], desc[96];
	if (strcmp(ctx->argv[1].s, "none")) {
		sig = sig_parse(ctx->argv[1].s);
		if (sig <= 0)
			return cmd_reject(ctx, _("mq_notify: a signal (USR1, SIGRTMIN+1, ...) or none, not \"%s\""), ctx->argv[1].s);
		snprintf(desc, sizeof desc, "mq_notify(%s, SIGEV_SIGNAL %s)", o->name, sig_name(sig, sb, sizeof sb));
	} else {
		snprintf(desc, sizeof desc, "mq_notify(%s, NULL)", o->name);
	}
	struct wire_req q = { .op = OP_MQNOTIFY, .a = sig };
	if (mq_call(ctx, o, &q, NULL, 0, desc, mq_notify_done) != CMD_OK)
		return CMD_REJECTED;
	ctx->actor->call.arg = sig;
	return CMD_OK;
}

static int mq_unlink_cmd(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	if (o->unlinked)
		return cmd_reject(ctx, _("%s's name was already removed; the queue lives on only while it is open"), o->name);
	if (o->attached)
		return cmd_reject(ctx, _("%s was made by another program: ipcsh never removes it"), o->name);
	int rc = reg_remove_name(o);
	if (rc < 0)
		explain_failed(errno, NULL, "mq_unlink(\"%s\")", o->path);
	else if (rc == 0)
		out_printf(_("  %s is no longer our queue (removed or replaced from outside); ipcsh leaves that name alone"), o->path);
	else
		out_printf(_("  mq_unlink(\"%s\") = 0   the name is gone; descriptors already open keep the queue until they are closed"),
			   o->path);
	reg_forget_unheld();
	return CMD_OK;
}

static const struct cmd_opt mq_open_opts[] = {
	{ "maxmsg", OPT_SIZE, "N", 1, INT32_MAX, N_("a number from 1 up") },
	{ "msgsize", OPT_SIZE, "N", 1, INT32_MAX, N_("a number from 1 up") },
	CMD_OPT_END
};
static const struct cmd_opt mq_send_opts[] = {
	{ "prio", OPT_INT, "N", 0, 32767, N_("a number from 0 to 32767 (MQ_PRIO_MAX - 1)") },
	CMD_FLAG("nowait"), CMD_OPT_END
};
static const struct cmd_opt mq_receive_opts[] = { CMD_FLAG("nowait"), CMD_OPT_END };

const struct cmd_entry cmd_mq_table[] = {
	{ "mq_open", "/N", N_("mq_open(3) with O_CREAT: make a POSIX message queue"),
	  CMD_COORD, 1, 1, mq_open_cmd, { ARG_WORD, ARG_WORD, ARG_WORD }, 0, mq_open_opts },
	{ "mq_send", "/N DATA", N_("mq_send(3): queue a message; higher priorities are received first"),
	  CMD_ACTOR, 2, 2, mq_send_cmd, { ARG_MQ, ARG_WORD, ARG_WORD }, CMD_F_SIGNALS, mq_send_opts },
	{ "mq_receive", "/N", N_("mq_receive(3): take the oldest message of the highest priority"),
	  CMD_ACTOR, 1, 1, mq_receive_cmd, { ARG_MQ, ARG_WORD }, 0, mq_receive_opts },
	{ "mq_notify", "/N SIG|none", N_("mq_notify(3): ask for a signal when a message arrives in the empty queue"),
	  CMD_ACTOR, 2, 2, mq_notify_cmd, { ARG_MQ, ARG_SIGNAL }, 0, NULL },
	{ "mq_unlink", "/N", N_("mq_unlink(3): remove the queue's name"),
	  CMD_COORD, 1, 1, mq_unlink_cmd, { ARG_MQ }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
