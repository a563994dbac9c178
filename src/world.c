/* world.c: the snapshot's machine-readable form, show --json (SPEC
 * section 5), and lookups by name for the views and conditions. */
#include "config.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "explain.h"
#include "json.h"
#include "kinds.h"
#include "sig.h"
#include "world.h"

const struct w_actor *world_actor(const struct world *w, const char *name)
{
	for (size_t i = 0; i < w->nactors; i++)
		if (strcmp(w->actors[i].a->name, name) == 0)
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
	if (WIFSIGNALED(a->wstatus))
		json_kstr(j, "signal", sig_name(WTERMSIG(a->wstatus), sb, sizeof sb));
	else
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

static void world_int_or_null(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_int(j, v);
}

static void world_msg_json(struct json *j, const struct w_object *wo)
{
	const struct object *o = wo->o;
	world_sysv_json(j, wo, o->key);
	if (wo->removed)
		return;
	char mode[8];
	snprintf(mode, sizeof mode, "0%03o", wo->ms.mode);
	json_kstr(j, "perm", mode);
	json_kint(j, "qnum", wo->ms.qnum);
	json_kint(j, "cbytes", wo->ms.cbytes);
	json_kint(j, "qbytes", wo->ms.qbytes);
	json_kint(j, "lspid", wo->ms.lspid);
	json_kint(j, "lrpid", wo->ms.lrpid);
	json_key(j, "messages");
	if (wo->msgs_err) {
		json_null(j);
		json_kstr(j, "messages_error", explain_errno_name(wo->msgs_err));
		return;
	}
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nmsgs; i++) {
		json_obj_begin(j);
		json_kint(j, "type", wo->msgs[i].type);
		json_kint(j, "size", (int64_t)wo->msgs[i].size);
		json_key(j, "text");
		json_strn(j, wo->msgs[i].text, wo->msgs[i].tlen);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void world_mq_json(struct json *j, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_kstr(j, "path", o->path);
	json_key(j, "owned");
	json_bool(j, o->owned);
	json_key(j, "unlinked");
	json_bool(j, o->unlinked);
	world_int_or_null(j, "curmsgs", wo->mq_known ? wo->mqa.curmsgs : -1);
	world_int_or_null(j, "maxmsg", wo->mq_known ? wo->mqa.maxmsg : -1);
	world_int_or_null(j, "msgsize", wo->mq_known ? wo->mqa.msgsize : -1);
	json_key(j, "messages");
	if (!wo->mq_shown) {
		json_null(j);
	} else {
		json_arr_begin(j);
		for (size_t i = 0; i < wo->mq_nmsgs; i++) {
			const struct mqq_msg *m = &wo->mq_msgs[i];
			json_obj_begin(j);
			json_kint(j, "prio", m->prio);
			json_kint(j, "size", (int64_t)m->len);
			json_key(j, "text");
			json_strn(j, m->data, m->len);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	json_kstr(j, "messages_source", "session");
	json_kstr_or_null(j, "dev_mqueue", wo->devline);
}

static void world_holder_list(struct json *j, const struct w_object *wo)
{
	json_key(j, "holders");
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		json_obj_begin(j);
		json_kstr_or_null(j, "actor", h->a ? h->a->name : NULL);
		json_kint(j, "pid", h->pid);
		json_key(j, "fd");          /* null: asleep in open(2), no descriptor yet */
		if (h->fd >= 0)
			json_int(j, h->fd);
		else
			json_null(j);
		json_kstr(j, "end", h->end);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void world_holders_json(struct json *j, const struct w_object *wo)
{
	world_int_or_null(j, "bytes", wo->bytes);
	world_int_or_null(j, "capacity", wo->capacity);
	json_kint(j, "readers", wo->readers);
	json_kint(j, "writers", wo->writers);
	world_holder_list(j, wo);
}

static void world_object_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_obj_begin(j);
	json_kstr(j, "kind", reg_kind_name(o->kind));
	json_kstr(j, "name", o->name);
	switch (kinds[o->kind].family) {         /* no default: a new family must say */
	case FAM_MSG:
		world_msg_json(j, wo);
		break;
	case FAM_MEM:
		world_mem_json(j, w, wo);
		if (o->kind == OBJ_FILE)
			world_holder_list(j, wo);
		break;
	case FAM_MQ:
		world_mq_json(j, wo);
		world_holder_list(j, wo);
		break;
	case FAM_CHAN:
		if (o->kind == OBJ_FIFO)
			json_kstr(j, "path", o->path);
		else
			json_kint(j, "inode", (int64_t)o->ino);
		world_holders_json(j, wo);
		break;
	case FAM_NONE:
		break;
	}
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
	json_obj_end(&j);
}
