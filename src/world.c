/* world.c: the snapshot's machine-readable form, show --json (SPEC
 * section 5), and lookups by name for the views and conditions. */
#include "config.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "bench_report.h"
#include "emit.h"
#include "explain.h"
#include "json.h"
#include "kinds.h"
#include "look.h"
#include "sig.h"
#include "world.h"

const struct w_actor *world_actor(const struct world *w, const char *name)
{
	for (size_t i = 0; i < w->nactors; i++)
		if (strcmp(w->actors[i].a->name, name) == 0)
			return &w->actors[i];
	return NULL;
}

bool world_waits_on(const struct world *w, const struct w_actor *wa, const struct w_object *wo, int idx)
{
	return wa->wait_oi == (int)(wo - w->objs) && (idx < 0 || wa->wait_idx == idx);
}

const struct w_actor *world_actor_by_pid(const struct world *w, int pid)
{
	for (size_t i = 0; pid > 0 && i < w->nactors; i++)
		if (w->actors[i].a->pid == pid)
			return &w->actors[i];
	return NULL;
}

const struct w_object *world_object(const struct world *w, const char *name)
{
	for (size_t i = 0; i < w->nobjs; i++)
		if (strcmp(w->objs[i].o->name, name) == 0)
			return &w->objs[i];
	return NULL;
}

static void world_sigset(struct json *j, const char *key, uint64_t mask)
{
	char sb[32];
	json_key(j, key);
	json_arr_begin(j);
	for (int s = 1; s <= 64; s++)
		if (mask & (1ull << (s - 1)))
			json_str(j, sig_name(s, sb, sizeof sb));
	json_arr_end(j);
}

static void world_signals(struct json *j, const struct w_actor *wa)
{
	char sb[32];
	json_key(j, "signals");
	json_obj_begin(j);
	world_sigset(j, "blocked", wa->blocked);
	world_sigset(j, "pending", wa->pending);
	world_sigset(j, "ignored", wa->ignored);
	world_sigset(j, "caught", wa->caught);
	json_key(j, "received");
	json_obj_begin(j);
	for (int s = 1; s <= 64; s++)
		if (wa->received[s])
			json_kint(j, sig_name(s, sb, sizeof sb), wa->received[s]);
	json_obj_end(j);
	json_key(j, "deliveries");            /* each caught one, in order */
	json_arr_begin(j);
	for (size_t i = 0; i < wa->ndeliv; i++) {
		const struct sig_delivery *d = &wa->deliv[i];
		json_obj_begin(j);
		json_kstr(j, "signal", sig_name(d->sig, sb, sizeof sb));
		json_kint(j, "pid", d->pid);
		json_kstr(j, "code", explain_fault_code(d->sig, d->code));
		json_kint(j, "value", d->value);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

static void world_exit(struct json *j, const struct actor *a)
{
	char sb[32];
	json_key(j, "exit");
	if (!a->have_exit) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	if (WIFSIGNALED(a->wstatus)) {
		json_kstr(j, "signal", sig_name(WTERMSIG(a->wstatus), sb, sizeof sb));
		json_key(j, "core");      /* WCOREDUMP: the kernel dumped core */
		json_bool(j, WCOREDUMP(a->wstatus));
	} else
		json_kint(j, "status", WEXITSTATUS(a->wstatus));
	json_obj_end(j);
}

static void world_last(struct json *j, const struct actor *a)
{
	json_key(j, "last");
	if (!a->last.set) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_kstr(j, "call", a->last.call);
	json_kint(j, "ret", a->last.ret);
	json_kstr_or_null(j, "errno", a->last.ret < 0 ? explain_errno_name(a->last.err) : NULL);
	json_key(j, "data");
	if (a->last.data)
		json_strn(j, a->last.data, a->last.dlen);
	else
		json_null(j);
	json_obj_end(j);
}

static void world_fds(struct json *j, const struct w_actor *wa)
{
	json_key(j, "fds");
	json_arr_begin(j);
	for (size_t i = 0; i < wa->nfds; i++) {
		const struct w_fd *f = &wa->fds[i];
		json_obj_begin(j);
		json_kint(j, "fd", f->fd);
		json_kstr_or_null(j, "object", f->obj[0] ? f->obj : NULL);
		json_kstr(j, "end", f->end);
		json_key(j, "nonblock");
		json_bool(j, f->nonblock);
		json_kstr(j, "target", f->target);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void world_actor_json(struct json *j, const struct w_actor *wa)
{
	const struct actor *a = wa->a;
	json_obj_begin(j);
	json_kstr(j, "name", a->name);
	json_kint(j, "pid", a->pid);
	json_kint(j, "ppid", wa->ppid);
	json_kstr_or_null(j, "parent", a->parent[0] ? a->parent : NULL);
	json_kstr(j, "state", wa->state);
	json_kstr_or_null(j, "wchan", wa->wchan[0] ? wa->wchan : NULL);
	json_kstr_or_null(j, "op", a->in_flight ? a->call.desc : NULL);
	if (a->in_flight)
		json_kint(j, "op_ms", wa->op_us / 1000);
	world_fds(j, wa);
	world_signals(j, wa);
	world_exit(j, a);
	world_last(j, a);
	json_obj_end(j);
}

static void world_object_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_obj_begin(j);
	json_kstr(j, "kind", reg_kind_name(o->kind));
	json_kstr(j, "name", o->name);
	kinds[o->kind].look->json(j, w, wo);
	json_obj_end(j);
}

void world_json(const struct world *w, struct buf *out)
{
	struct json j;
	json_init(&j, out);
	json_obj_begin(&j);
	json_kint(&j, "version", 1);
	json_key(&j, "session");
	json_obj_begin(&j);
	json_kint(&j, "pid", w->pid);
	json_kstr(&j, "dir", w->dir);
	json_key(&j, "saved");           /* save FILE.c: the last program written */
	emit_json_saved(&j);
	json_obj_end(&j);
	json_key(&j, "actors");
	json_arr_begin(&j);
	for (size_t i = 0; i < w->nactors; i++)
		world_actor_json(&j, &w->actors[i]);
	json_arr_end(&j);
	json_key(&j, "objects");
	json_arr_begin(&j);
	for (size_t i = 0; i < w->nobjs; i++)
		world_object_json(&j, w, &w->objs[i]);
	json_arr_end(&j);
	json_key(&j, "bench");           /* not the kernel's: bench's last figures */
	bench_report_json_kept(&j);
	json_obj_end(&j);
}
