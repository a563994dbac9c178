/* view_plain.c: prints the snapshot as text for line mode: one line per
 * actor and per object, and a detailed block for "show NAME". */
#include "config.h"
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "actors.h"
#include "explain.h"
#include "kinds.h"
#include "out.h"
#include "sig.h"
#include "sysv.h"
#include "view_plain.h"

void view_fds(struct buf *b, const struct w_actor *wa)
{
	for (size_t i = 0; i < wa->nfds; i++) {
		const struct w_fd *f = &wa->fds[i];
		if (f->obj[0])
			buf_printf(b, " %s%s%s=%d", f->obj, strcmp(f->end, "rw") ? "." : "",
				   strcmp(f->end, "rw") ? f->end : "", f->fd);
		else
			buf_printf(b, " %d:%s", f->fd, f->target);
		if (f->nonblock)
			buf_adds(b, "(O_NONBLOCK)");
	}
}

static void view_actor_line(const struct w_actor *wa)
{
	struct buf b = {0};
	buf_printf(&b, "  %-12s pid %-7d %-8s", wa->a->name, (int)wa->a->pid, _(wa->state));
	if (wa->a->in_flight)
		buf_printf(&b, " %s", wa->a->call.desc);
	if (wa->wchan[0])
		buf_printf(&b, _(" in %s for %.1f s"), wa->wchan, (double)wa->op_us / 1e6);
	if (wa->nfds) {
		buf_adds(&b, _("  fds:"));
		view_fds(&b, wa);
	}
	out_printf("%s", b.s);
	buf_free(&b);
}

void view_holders(struct buf *b, const struct w_object *wo, char dir)
{
	bool any = false;
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		if (dir && !strchr(h->end, dir))
			continue;
		if (h->a && h->fd < 0)
			buf_printf(b, _(" %s(asleep in open)"), h->a->name);
		else if (h->a)
			buf_printf(b, " %s(fd %d)", h->a->name, h->fd);
		else
			buf_printf(b, _(" pid %d(fd %d, outside)"), h->pid, h->fd);
		any = true;
	}
	if (!any)
		buf_adds(b, _(" none"));
}

/* "pid 123 (A)", "pid 77 (outside)" or "-" */
static void view_pid(struct buf *b, const struct world *w, pid_t pid)
{
	const struct w_actor *wa = world_actor_by_pid(w, pid);
	if (pid <= 0)
		buf_adds(b, "-");
	else if (wa)
		buf_printf(b, "%s (pid %d)", wa->a->name, (int)pid);
	else
		buf_printf(b, _("pid %d (outside)"), (int)pid);
}

static void view_msg(const struct world *w, const struct w_object *wo, size_t max)
{
	struct buf b = {0};
	const struct object *o = wo->o;
	char kb[16];
	buf_printf(&b, "  %-4s %-10s id %d  key %s", "msg", o->name, o->id, sysv_key_str(o->key, kb, sizeof kb));
	if (!o->owned)
		buf_adds(&b, _("  (attached: made by another program, never removed by ipcsh)"));
	if (wo->removed) {
		buf_adds(&b, _("   removed (IPC_RMID): the id no longer names a queue"));
		out_printf("%s", b.s);
		buf_free(&b);
		return;
	}
	buf_printf(&b, ngettext("   %lld message, %lld / %lld bytes", "   %lld messages, %lld / %lld bytes",
				(unsigned long)wo->ms.qnum),
		   (long long)wo->ms.qnum, (long long)wo->ms.cbytes, (long long)wo->ms.qbytes);
	buf_adds(&b, _("   last msgsnd: "));
	view_pid(&b, w, wo->ms.lspid);
	buf_adds(&b, _("   last msgrcv: "));
	view_pid(&b, w, wo->ms.lrpid);
	out_printf("%s", b.s);
	if (wo->msgs_err)
		out_printf(_("       (the messages cannot be read without taking them: MSG_COPY gave %s)"),
			   explain_errno_name(wo->msgs_err));
	for (size_t i = 0; i < wo->nmsgs && i < max; i++) {
		buf_reset(&b);
		buf_printf(&b, _("       %zu. type %ld, %zu bytes "), i + 1, wo->msgs[i].type, wo->msgs[i].size);
		buf_add_quoted(&b, wo->msgs[i].text, wo->msgs[i].tlen, 60);
		out_printf("%s", b.s);
	}
	if (wo->nmsgs > max)
		out_printf(_("       ... and %zu more (show %s lists them all)"), wo->nmsgs - max, o->name);
	buf_free(&b);
}

static void view_mq(const struct w_object *wo, size_t max)
{
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", "mq", o->name);
	if (strcmp(o->name, o->path))
		buf_printf(&b, " %s", o->path);
	if (wo->mq_known)
		buf_printf(&b, _(" %ld / %ld messages (msgsize %ld)"), wo->mqa.curmsgs, wo->mqa.maxmsg, wo->mqa.msgsize);
	else
		buf_adds(&b, _(" ? messages (no one can be asked now)"));
	buf_adds(&b, _("   open in:"));
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		if (h->a)
			buf_printf(&b, " %s(fd %d)", h->a->name, h->fd);
		else
			buf_printf(&b, _(" pid %d(fd %d, outside)"), h->pid, h->fd);
	}
	if (!wo->nholders)
		buf_adds(&b, _(" none"));
	if (o->unlinked)
		buf_adds(&b, _("   (name removed: it lives while open)"));
	else if (!o->owned)
		buf_adds(&b, _("   (made by another program, never removed by ipcsh)"));
	out_printf("%s", b.s);
	if (wo->devline)
		out_printf("       /dev/mqueue%s: %s", o->path, wo->devline);
	if (wo->mq_known && wo->mqa.curmsgs && !wo->mq_shown)
		out_printf(_("       (what is in it cannot be shown: messages came or went outside this session, and POSIX queues cannot be read without taking)"));
	for (size_t i = 0; i < wo->mq_nmsgs && i < max; i++) {
		buf_reset(&b);
		buf_printf(&b, _("       %zu. prio %u, %zu bytes "), i + 1, wo->mq_msgs[i].prio, wo->mq_msgs[i].len);
		buf_add_quoted(&b, wo->mq_msgs[i].data, wo->mq_msgs[i].len, 60);
		out_printf("%s", b.s);
	}
	buf_free(&b);
}

static void view_object_line(const struct world *w, const struct w_object *wo, size_t max)
{
	switch (kinds[wo->o->kind].family) {   /* no default: a new family must say */
	case FAM_MSG: view_msg(w, wo, max); return;
	case FAM_MQ: view_mq(wo, max); return;
	case FAM_MEM: view_mem_object(w, wo, max == SIZE_MAX); return;
	case FAM_CHAN: case FAM_NONE: break;
	}
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", reg_kind_name(o->kind), o->name);
	if (wo->bytes >= 0 && wo->capacity >= 0)
		buf_printf(&b, _(" %lld / %lld bytes"), (long long)wo->bytes, (long long)wo->capacity);
	else if (wo->bytes >= 0)
		buf_printf(&b, _(" %lld bytes"), (long long)wo->bytes);
	else
		buf_printf(&b, _(" ? bytes (every holder is busy)"));
	buf_adds(&b, _("   readers:"));
	view_holders(&b, wo, 'r');
	buf_adds(&b, _("   writers:"));
	view_holders(&b, wo, 'w');
	if (o->kind == OBJ_FIFO)
		buf_printf(&b, "   %s", o->path);
	out_printf("%s", b.s);
	buf_free(&b);
}

void view_plain_all(const struct world *w)
{
	if (!w->nactors && !w->nobjs) {
		out_printf(_("  nothing yet: try \"spawn A B\", then \"A: pipe p\""));
		return;
	}
	if (w->nactors)
		out_printf(_("  actors:"));
	for (size_t i = 0; i < w->nactors; i++)
		view_actor_line(&w->actors[i]);
	if (w->nobjs)
		out_printf(_("  objects:"));
	for (size_t i = 0; i < w->nobjs; i++)
		view_object_line(w, &w->objs[i], 8);
}

static void view_sigset(const char *label, uint64_t mask)
{
	struct buf b = {0};
	char sb[32];
	buf_printf(&b, "    %-9s", label);
	for (int s = 1; s <= 64; s++)
		if (mask & (1ull << (s - 1)))
			buf_printf(&b, " %s", sig_name(s, sb, sizeof sb));
	if (!mask)
		buf_adds(&b, " -");
	out_printf("%s", b.s);
	buf_free(&b);
}

/* What the actor's handler received: counts, then each delivery. */
static void view_deliveries(const struct w_actor *wa)
{
	char sb[32];
	if (!wa->ndeliv)
		return;
	struct buf b = {0};
	buf_printf(&b, "    %-9s", _("received"));
	for (int s = 1; s <= 64; s++)
		if (wa->received[s])
			buf_printf(&b, " %s x%u", sig_name(s, sb, sizeof sb), wa->received[s]);
	out_printf("%s", b.s);
	for (size_t i = 0; i < wa->ndeliv; i++)
		out_printf("      %zu. %s", i + 1, wa->deliv_text[i]);
	buf_free(&b);
}

int view_plain_one(const struct world *w, const char *name)
{
	const struct w_actor *wa = world_actor(w, name);
	if (wa) {
		view_actor_line(wa);
		if (wa->ppid > 0)
			out_printf(_("    parent    %s (pid %d)"), wa->a->parent[0] ? wa->a->parent : "ipcsh", wa->ppid);
		view_sigset(_("blocked"), wa->blocked);
		view_sigset(_("pending"), wa->pending);
		view_sigset(_("ignored"), wa->ignored);
		view_sigset(_("caught"), wa->caught);
		view_deliveries(wa);
		return 0;
	}
	const struct w_object *wo = world_object(w, name);
	if (!wo)
		return -1;
	view_object_line(w, wo, SIZE_MAX);
	return 0;
}
