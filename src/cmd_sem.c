/* cmd_sem.c: the semaphore family -- System V sets (semget, P, V, semop,
 * semctl) and POSIX named semaphores (sem_open, sem_wait, sem_post,
 * sem_unlink). P, V, semop and sem_wait happen in actors, where they may
 * block; ipcsh makes, reads and removes the semaphores. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include "actors.h"
#include "cmd.h"
#include "devshm.h"
#include "explain.h"
#include "out.h"
#include "shmseg.h"
#include "sysv.h"

#define SEM_OPS_MAX 16

void cmd_sem_counts(struct object *o, int nsems)
{
	o->nsems = nsems;
	o->pcount = xcalloc((size_t)nsems, sizeof *o->pcount);
	o->vcount = xcalloc((size_t)nsems, sizeof *o->vcount);
}

static struct object *sem_register(enum obj_kind kind, const char *name, int nsems, bool created)
{
	struct object *o = reg_add_object(kind, name);
	cmd_sem_counts(o, nsems);
	o->owned = created;
	o->attached = !created;
	return o;
}

static int sem_get_cmd(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	struct cmd_sysv g;
	const struct cmd_optval *nv = cmd_opt(ctx, "nsems"), *iv = cmd_opt(ctx, "init");
	int64_t nsems = nv ? nv->n : 1, init = iv ? iv->n : 0;
	if (cmd_sysv_read(ctx, &g) != CMD_OK)
		return CMD_REJECTED;
	char desc[128];
	cmd_sysv_desc(desc, sizeof desc, "semget", &g, nsems);
	bool created;
	int id = sysv_get(SYSV_SEM, g.key, nsems, (int)g.perm, g.excl, &created);
	key_t key;
	uid_t cuid;
	unsigned mode;
	int n = id < 0 ? -1 : semset_owner(id, &key, &cuid, &mode);
	if (id >= 0 && n < 0) {           /* removed from outside at once */
		int e = errno;
		out_printf("  %s = %d", desc, id);
		explain_failed(e, NULL, "semctl(%d, IPC_STAT)", id);
		return CMD_OK;
	}
	if (n < 0) {
		int e = errno;
		char *note = NULL;
		long long semmsl = util_sysctl("/proc/sys/kernel/sem");   /* its first field */
		if (e == EINVAL && semmsl > 0 && nsems > semmsl)
			note = xasprintf(_("   (here: %lld is above SEMMSL, the most semaphores a set may have: %lld in /proc/sys/kernel/sem)"),
					 (long long)nsems, semmsl);
		else if (e == EINVAL)
			note = xstrdup(_("   (here: the set that key already names has fewer semaphores; see: ipcs -s)"));
		explain_failed(e, note, "%s", desc);
		free(note);
		return CMD_OK;
	}
	if (created && semset_setall(id, n, (int)init) < 0) {
		int e = errno;
		sysv_rmid(SYSV_SEM, id);
		explain_failed(e, NULL, "semctl(%d, SETALL, %lld)", id, (long long)init);
		return CMD_OK;
	}
	struct object *o = sem_register(OBJ_SEM, ctx->argv[0].s, n, created);
	o->id = id;
	o->key = g.key;
	reg_save();
	if (created)
		out_printf(ngettext("  %s = %d, semctl(SETALL, %lld) = 0   a new set of %d semaphore, value %lld: ipcs -s lists it",
				    "  %s = %d, semctl(SETALL, %lld) = 0   a new set of %d semaphores, each %lld: ipcs -s lists it",
				    (unsigned long)n),
			   desc, id, (long long)init, n, (long long)init);
	else
		out_printf(_("  %s = %d   the set already existed (%d semaphores): ipcsh uses it but will not remove it"), desc, id, n);
	return CMD_OK;
}

/* "   gate[0] is now 1" read from the kernel after the call. Returns the
 * value, or -1 when the set is gone. */
static int sem_value_note(const struct object *o, int idx, struct buf *b)
{
	int v = semset_get(o->id, idx, GETVAL);
	if (v < 0) {
		buf_printf(b, _("   (the set is gone)"));
		return -1;
	}
	buf_printf(b, _("   %s[%d] is now %d"), o->name, idx, v);
	return v;
}

/* After a V of delta left the value below delta, a process asleep in P
 * on that semaphore took (part of) it: name it when it can only be one. */
static void sem_taken_note(const struct actor *a, const struct call *c, int idx, struct buf *b)
{
	const struct actor *s[16], *p[16];
	size_t n = actors_sleepers(a, c, "semop", s, 16), np = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t arg = s[i]->call.arg;
		int sidx = (int)(arg & 0xffff);
		if (sidx == idx && (arg - sidx) / 65536 < 0)
			p[np++] = s[i];
	}
	if (np == 1) {
		buf_printf(b, _(": %s, asleep in P on it, took it"), p[0]->name);
		return;
	}
	struct buf who = {0};
	for (size_t i = 0; i < np; i++)
		buf_printf(&who, "%s%s", i ? ", " : "", p[i]->name);
	buf_printf(b, _(": taken by what was asleep in P on it (of %s): the results that follow say who"),
		   who.s ? who.s : "?");
	buf_free(&who);
}

struct sem_ops {
	struct sembuf op[SEM_OPS_MAX];
	int n;
	bool undo, nowait;
};

static void sem_op_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	struct buf b = {0};
	if (o && r->ret == 0) {
		int idx = (int)(c->arg & 0xffff);
		int delta = (int)((c->arg - idx) / 65536);
		reg_sem_counted(o, idx, delta < 0, delta > 0);
		int v = sem_value_note(o, idx, &b);
		if (delta > 0 && v >= 0 && v < delta)
			sem_taken_note(a, c, idx, &b);
	} else if (r->ret < 0 && r->err == EIDRM) {
		buf_adds(&b, _("   the set was removed while this call waited on it"));
	}
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static void sem_ops_desc(const struct object *o, const struct sem_ops *s, struct buf *desc)
{
	buf_printf(desc, "semop(%s, {", o->name);
	for (int i = 0; i < s->n; i++)
		buf_printf(desc, "%s%d:%+d", i ? " " : "", s->op[i].sem_num, s->op[i].sem_op);
	buf_printf(desc, "}%s%s)", s->undo ? ", SEM_UNDO" : "", s->nowait ? ", IPC_NOWAIT" : "");
}

static int sem_send(struct cmd_ctx *ctx, struct object *o, struct sem_ops *s, const char *desc)
{
	for (int i = 0; i < s->n; i++)
		s->op[i].sem_flg = (short)((s->undo ? SEM_UNDO : 0) | (s->nowait ? IPC_NOWAIT : 0));
	struct wire_req q = { .op = OP_SEMOP, .a = o->id, .len = (uint32_t)(s->n * sizeof s->op[0]) };
	if (actors_call(ctx->actor, &q, s->op, desc, sem_op_done) < 0)
		return CMD_REJECTED;
	struct call *c = &ctx->actor->call;
	snprintf(c->obj, sizeof c->obj, "%s", o->name);
	/* the semaphore (low 16 bits) and, for one operation, its change */
	c->arg = s->op[0].sem_num + (s->n == 1 ? 65536 * (int64_t)s->op[0].sem_op : 0);
	return CMD_OK;
}

static int sem_index(struct cmd_ctx *ctx, const struct object *o, const char *w, int *idx)
{
	int64_t v;
	if (parse_int(w, 0, INT32_MAX, &v) < 0)
		return cmd_reject(ctx, _("IDX must be a semaphore number, not \"%s\""), w);
	if (v >= o->nsems)
		return cmd_reject(ctx, ngettext("%s has %d semaphore: IDX goes from 0 to %d, not %lld",
						"%s has %d semaphores: IDX goes from 0 to %d, not %lld", (unsigned long)o->nsems),
				  o->name, o->nsems, o->nsems - 1, (long long)v);
	*idx = (int)v;
	return CMD_OK;
}

/* P and V: [IDX] [n=N] [undo] [nowait]. */
static int sem_pv(struct cmd_ctx *ctx, int sign)
{
	struct object *o = ctx->obj[0];
	const struct cmd_optval *nv = cmd_opt(ctx, "n");
	struct sem_ops s = { .n = 1, .undo = cmd_flag(ctx, "undo"), .nowait = sign < 0 && cmd_flag(ctx, "nowait") };
	int idx = 0;
	int64_t n = nv ? nv->n : 1;
	if (ctx->argc > 1 && sem_index(ctx, o, ctx->argv[1].s, &idx) != CMD_OK)
		return CMD_REJECTED;
	s.op[0].sem_num = (unsigned short)idx;
	s.op[0].sem_op = (short)(sign * n);
	struct buf desc = {0};
	sem_ops_desc(o, &s, &desc);
	int rc = sem_send(ctx, o, &s, desc.s);
	buf_free(&desc);
	return rc;
}

static int sem_p(struct cmd_ctx *ctx)
{
	return sem_pv(ctx, -1);
}

static int sem_v(struct cmd_ctx *ctx)
{
	return sem_pv(ctx, +1);
}

/* semop M IDX:+N IDX:-N IDX:0 ... [undo] [nowait] */
static int sem_semop(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	struct sem_ops s = { .undo = cmd_flag(ctx, "undo"), .nowait = cmd_flag(ctx, "nowait") };
	for (int i = 1; i < ctx->argc; i++) {
		const char *w = ctx->argv[i].s;
		const char *colon = strchr(w, ':');
		int64_t d;
		char ib[16];
		int idx;
		if (!colon || colon - w >= (ptrdiff_t)sizeof ib || parse_int(colon + 1, -32767, 32767, &d) < 0)
			return cmd_reject(ctx, _("semop: each operation is IDX:+N, IDX:-N or IDX:0, not \"%s\""), w);
		snprintf(ib, sizeof ib, "%.*s", (int)(colon - w), w);
		if (sem_index(ctx, o, ib, &idx) != CMD_OK)
			return CMD_REJECTED;
		if (s.n == SEM_OPS_MAX)
			return cmd_reject(ctx, _("semop: at most %d operations"), SEM_OPS_MAX);
		s.op[s.n].sem_num = (unsigned short)idx;
		s.op[s.n++].sem_op = (short)d;
	}
	if (!s.n)
		return cmd_reject(ctx, _("semop: give at least one operation, like 0:-1"));
	struct buf desc = {0};
	sem_ops_desc(o, &s, &desc);
	int rc = sem_send(ctx, o, &s, desc.s);
	buf_free(&desc);
	return rc;
}

static void sem_ctl_getall(const struct object *o)
{
	struct semset_val *v = NULL;
	int n = semset_read(o->id, &v);
	if (n < 0) {
		explain_failed(errno, NULL, "semctl(%d, GETALL)", o->id);
		return;
	}
	struct buf b = {0};
	buf_printf(&b, "  semctl(%d, GETALL) = 0   {", o->id);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i ? ", " : "", v[i].val);
	buf_adds(&b, "}");
	out_printf("%s", b.s);
	buf_free(&b);
	free(v);
}

static const struct {
	const char *word;
	int cmd;
	const char *name;
	const char *what;
} sem_gets[] = {
	{ "getval", GETVAL, "GETVAL", N_("its value") },
	{ "getncnt", GETNCNT, "GETNCNT", N_("processes waiting for it to grow (in P)") },
	{ "getzcnt", GETZCNT, "GETZCNT", N_("processes waiting for it to be 0") },
	{ "getpid", GETPID, "GETPID", N_("the last process to operate on it (semop, SETVAL and SETALL, or the SEM_UNDO adjustment when a process exits)") },
};

static int sem_ctl_rm(struct cmd_ctx *ctx, struct object *o)
{
	if (!o->owned)
		return cmd_reject(ctx, _("%s was made by another program: ipcsh never changes or removes it (from a shell: ipcrm -s %d)"),
				  o->name, o->id);
	if (sysv_rmid(SYSV_SEM, o->id) < 0) {
		explain_failed(errno, NULL, "semctl(%d, IPC_RMID)", o->id);
		return CMD_OK;
	}
	out_printf(_("  semctl(%d, IPC_RMID) = 0   the set is gone at once; whoever waits on it wakes with EIDRM"), o->id);
	reg_remove_object(o);
	return CMD_OK;
}

static int sem_ctl(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	const char *what = ctx->argv[1].s;
	int idx = 0, argi = 2;
	if (!strcmp(what, "rm") || !strcmp(what, "getall")) {
		if (ctx->argc > 2)
			return cmd_reject(ctx, _("semctl %s takes nothing more"), what);
		return what[0] == 'r' ? sem_ctl_rm(ctx, o) : (sem_ctl_getall(o), CMD_OK);
	}
	int64_t val = 0;
	if (!strcmp(what, "setval")) {
		if (ctx->argc < 3 || cmd_arg_int(ctx, 2, "V", 0, 32767, &val) != CMD_OK)
			return ctx->argc < 3 ? cmd_reject(ctx, _("semctl setval takes a value V (and an IDX)")) : CMD_REJECTED;
		argi = 3;
	}
	if (ctx->argc > argi + 1)
		return cmd_reject(ctx, _("semctl %s: too many words"), what);
	if (ctx->argc > argi && sem_index(ctx, o, ctx->argv[argi].s, &idx) != CMD_OK)
		return CMD_REJECTED;
	if (!strcmp(what, "setval")) {
		if (!o->owned)
			return cmd_reject(ctx, _("%s was made by another program: ipcsh never changes it"), o->name);
		if (semset_setval(o->id, idx, (int)val) < 0)
			explain_failed(errno, NULL, "semctl(%d, %d, SETVAL, %lld)", o->id, idx, (long long)val);
		else
			out_printf(_("  semctl(%d, %d, SETVAL, %lld) = 0   waiters whose operation can now go ahead wake up"),
				   o->id, idx, (long long)val);
		return CMD_OK;
	}
	for (size_t i = 0; i < ARRAY_LEN(sem_gets); i++) {
		if (strcmp(what, sem_gets[i].word))
			continue;
		int v = semset_get(o->id, idx, sem_gets[i].cmd);
		if (v < 0)
			explain_failed(errno, NULL, "semctl(%d, %d, %s)", o->id, idx, sem_gets[i].name);
		else
			out_printf("  semctl(%d, %d, %s) = %d   %s", o->id, idx, sem_gets[i].name, v, _(sem_gets[i].what));
		return CMD_OK;
	}
	return cmd_reject(ctx, _("semctl: getval, setval V, getall, getncnt, getzcnt, getpid or rm, not \"%s\""), what);
}

/* ---- POSIX named semaphores ---- */

static int sem_open_cmd(struct cmd_ctx *ctx)
{
	const char *name = ctx->argv[0].s;
	if (!devshm_name_ok(name))
		return cmd_reject(ctx, _("\"%s\" is not a POSIX semaphore name: a / then a name without another /"), name);
	if (reg_name_taken(name))
		return cmd_reject(ctx, _("the name \"%s\" is already in use"), name);
	const struct cmd_optval *iv = cmd_opt(ctx, "init");
	int64_t init = iv ? iv->n : 0;
	char desc[160];
	snprintf(desc, sizeof desc, "sem_open(\"%s\", O_CREAT|O_EXCL, 0600, %lld)", name, (long long)init);
	sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, (unsigned)init);
	uint64_t dev = 0, ino = 0;
	if (s != SEM_FAILED && devshm_id(DEVSHM_SEM, name, &dev, &ino, NULL) < 0) {
		int e = errno;             /* made, but its file is not there now */
		sem_close(s);
		out_printf("  %s = 0x%llx", desc, (unsigned long long)(uintptr_t)s);
		explain_failed(e, _("   (its file in /dev/shm was removed or replaced from outside at once: ipcsh leaves it alone)"),
			       "stat(\"/dev/shm/sem.%s\")", name + 1);
		return CMD_OK;
	}
	if (s == SEM_FAILED) {
		int e = errno;
		explain_failed(e, e == EEXIST ? _("   (another program made it: \"attach sem /N as NAME\" uses it without owning it)") : NULL,
			       "%s", desc);
		return CMD_OK;
	}
	struct object *o = sem_register(OBJ_PSEM, name, 1, true);
	o->path = xstrdup(name);
	o->dev = dev;
	o->ino = ino;
	o->psem = s;
	reg_save();
	out_printf(_("  %s = 0x%llx   a named semaphore, value %lld, seen as /dev/shm/sem.%s"), desc,
		   (unsigned long long)(uintptr_t)s, (long long)init, name + 1);
	return CMD_OK;
}

static void sem_psem_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	struct buf b = {0};
	if (o && r->v[1])
		reg_map_add(a, o->name, (uint64_t)r->v[1], sizeof(sem_t), false);
	if (r->v[2] && r->err == ENOENT)
		buf_adds(&b, _("   (sem_open in the actor failed first: the name is gone)"));
	else if (r->v[2])
		buf_adds(&b, _("   (sem_open in the actor failed first)"));
	else if (o && r->ret == 0) {
		reg_sem_counted(o, 0, !c->arg, c->arg != 0);
		const struct actor *s[16];
		size_t n = c->arg ? actors_sleepers(a, c, "sem_wait", s, 16) : 0;
		if (n == 1)    /* the value read now races with the waiter taking it */
			buf_printf(&b, _("   %s was asleep in sem_wait on it and takes this post: the value goes back to 0"),
				   s[0]->name);
		else if (n > 1)
			buf_adds(&b, _("   one of those asleep in sem_wait on it takes this post: the value goes back to 0"));
		else
			buf_printf(&b, _("   %s is now %lld"), o->name, (long long)r->v[0]);
	}
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
}

static int sem_psem_op(struct cmd_ctx *ctx, bool post)
{
	struct object *o = ctx->obj[0];
	bool nowait = !post && cmd_flag(ctx, "nowait");
	struct attach *m = reg_map_find(ctx->actor, o->name);
	struct wire_req q = { .op = post ? OP_PSEM_POST : OP_PSEM_WAIT, .b = m ? (int64_t)m->addr : 0,
			      .len = (uint32_t)strlen(o->path) + 1, .flags = nowait ? WF_NOWAIT : 0 };
	char desc[96];
	snprintf(desc, sizeof desc, "%s(%s)", post ? "sem_post" : nowait ? "sem_trywait" : "sem_wait", o->name);
	if (actors_call(ctx->actor, &q, o->path, desc, sem_psem_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = post;
	return CMD_OK;
}

static int sem_wait_cmd(struct cmd_ctx *ctx)
{
	return sem_psem_op(ctx, false);
}

static int sem_post_cmd(struct cmd_ctx *ctx)
{
	return sem_psem_op(ctx, true);
}

static int sem_unlink_cmd(struct cmd_ctx *ctx)
{
	return cmd_unlink_posix(ctx, "sem_unlink", _("the semaphore lives while it is open"),
				_("the name is gone; processes that opened it keep using it"));
}

#define OPT_N { "n", OPT_INT, "N", 1, 32767, N_("a number from 1 to 32767") }
static const struct cmd_opt sem_get_opts[] = {
	{ "nsems", OPT_INT, "N", 1, INT32_MAX, N_("a number of semaphores from 1") },   /* the kernel judges it: SEMMSL */
	{ "init", OPT_INT, "V", 0, 32767, N_("a value from 0 to 32767 (SEMVMX)") },
	CMD_SYSV_OPTS, CMD_OPT_END
};
static const struct cmd_opt sem_p_opts[] = { OPT_N, CMD_FLAG("undo"), CMD_FLAG("nowait"), CMD_OPT_END };
static const struct cmd_opt sem_v_opts[] = { OPT_N, CMD_FLAG("undo"), CMD_OPT_END };
static const struct cmd_opt sem_semop_opts[] = { CMD_FLAG("undo"), CMD_FLAG("nowait"), CMD_OPT_END };
static const struct cmd_opt sem_open_opts[] = {
	{ "init", OPT_INT, "V", 0, SEM_VALUE_MAX, N_("a value from 0 up") }, CMD_OPT_END
};
static const struct cmd_opt sem_wait_opts[] = { CMD_FLAG("nowait"), CMD_OPT_END };

const struct cmd_entry cmd_sem_table[] = {
	{ "semget", "M", N_("semget(2): make (or find, by key) a System V semaphore set; SETALL gives each the value init="),
	  CMD_COORD, 1, 1, sem_get_cmd, { ARG_WORD, ARG_WORD, ARG_WORD }, 0, sem_get_opts },
	{ "P", "M [IDX]", N_("semop(2) with -N: take; sleeps while the value is too small"),
	  CMD_ACTOR, 1, 2, sem_p, { ARG_SEM, ARG_WORD, ARG_WORD }, 0, sem_p_opts },
	{ "V", "M [IDX]", N_("semop(2) with +N: give back; wakes whoever can now go ahead"),
	  CMD_ACTOR, 1, 2, sem_v, { ARG_SEM, ARG_WORD, ARG_WORD }, 0, sem_v_opts },
	{ "semop", "M IDX:+N|IDX:-N|IDX:0 ...", N_("semop(2): several operations made at once, all or none"),
	  CMD_ACTOR, 2, -1, sem_semop, { ARG_SEM, ARG_WORD, ARG_WORD }, 0, sem_semop_opts },
	{ "semctl", "M getval|setval V|getall|getncnt|getzcnt|getpid|rm [IDX]",
	  N_("semctl(2): read or set values, the waiters' counts, or remove the set"),
	  CMD_COORD, 2, 4, sem_ctl, { ARG_SEM, ARG_WORD, ARG_WORD }, 0, NULL },
	{ "sem_open", "/N", N_("sem_open(3) with O_CREAT|O_EXCL: a POSIX named semaphore"),
	  CMD_COORD, 1, 1, sem_open_cmd, { ARG_WORD, ARG_WORD }, 0, sem_open_opts },
	{ "sem_wait", "/N", N_("sem_wait(3) (sem_trywait with nowait): take; sleeps while the value is 0"),
	  CMD_ACTOR, 1, 1, sem_wait_cmd, { ARG_PSEM, ARG_WORD }, 0, sem_wait_opts },
	{ "sem_post", "/N", N_("sem_post(3): give back, waking a waiter"), CMD_ACTOR, 1, 1, sem_post_cmd, { ARG_PSEM }, 0, NULL },
	{ "sem_unlink", "/N", N_("sem_unlink(3): remove the name; who has it open keeps it"),
	  CMD_COORD, 1, 1, sem_unlink_cmd, { ARG_PSEM }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
