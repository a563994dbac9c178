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
#include "look.h"
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
		kinds[w->objs[i].o->kind].look->text(w, &w->objs[i], false);
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
	kinds[wo->o->kind].look->text(w, wo, true);
	return 0;
}
