/* cmd_mem.c: loads and stores on attached memory -- poke, peek -- and
 * the race lab, add: COUNT increments that are a real load, a yield and a
 * real store, made racy on purpose, optionally each inside P/V on a
 * semaphore. When the last of the adds running on the same int ends, the
 * value in memory is printed against the one no update lost would give. */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include "actors.h"
#include "cmd.h"
#include "devshm.h"
#include "explain.h"
#include "out.h"
#include "race.h"
#include "sig.h"

#define MEM_PEEK_MAX 4096

/* SIGBUS: the page is past the end of the object it maps, or inside it
 * on a file system with no room for a new page (a store through a mapping
 * cannot return ENOSPC): which, from the object's size now. */
static const char *mem_sigbus_why(const struct actor *a, const struct call *c, uint64_t addr)
{
	const struct object *o = reg_object(c->obj);
	const struct attach *m = NULL;
	for (size_t i = 0; i < a->nmaps && !m; i++)
		if (!strcmp(a->maps[i].obj, c->obj))
			m = &a->maps[i];
	char buf[PATH_MAX];
	const char *file = !o || o->kind != OBJ_MMAP || !o->path || !strcmp(o->path, "anon") ? NULL
			 : strchr(o->path + 1, '/') ? o->path : devshm_path(DEVSHM_SHM, o->path, buf, sizeof buf);
	struct stat st;
	if (!m || !file || addr < m->addr || stat(file, &st) < 0)
		return _(": the page lies past the end of the object it maps, or its file system has no room for it");
	if (o->offset + (int64_t)(addr - m->addr) >= st.st_size)
		return _(": the page lies past the end of the object it maps");
	return _(": the object is that long, but its file system has no room for a new page, and a store through a mapping cannot fail with ENOSPC");
}

/* What a faulting access says: "SIGSEGV (SEGV_ACCERR) at 0x...". */
static void mem_fault_note(const struct actor *a, const struct call *c, const struct wire_rep *r, struct buf *b)
{
	char sb[32];
	buf_printf(b, _("   the access raised %s (%s) at 0x%llx"), sig_name((int)r->v[0], sb, sizeof sb),
		   explain_fault_code((int)r->v[0], (int)r->v[1]), (unsigned long long)r->v[2]);
	if (r->v[0] == SIGSEGV && r->v[1] == 2 /* SEGV_ACCERR */)
		buf_adds(b, _(": the page is mapped without write permission (an ro attachment or PROT_READ)"));
	else if (r->v[0] == SIGBUS)
		buf_adds(b, mem_sigbus_why(a, c, (uint64_t)r->v[2]));
	buf_adds(b, _("; ipcsh caught it for this one access, a plain program would have been killed"));
}

static void mem_print(struct actor *a, const struct call *c, const struct wire_rep *r, const char *extra)
{
	struct buf b = {0};
	if (r->ret < 0 && r->err == EFAULT && r->v[0]) {
		mem_fault_note(a, c, r, &b);
		out_printf("  %s: %s = %s%s", a->name, c->desc, _("fault"), b.s);
	} else {
		actors_print_result(a, c, r, extra);
	}
	buf_free(&b);
}

static void mem_poke_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	mem_print(a, c, r, NULL);
}

static int mem_poke(struct cmd_ctx *ctx)
{
	const struct word *w = &ctx->argv[2];
	const char *iv = !w->quoted && !strncmp(w->s, "int:", 4) ? w->s + 4 : NULL;
	int64_t n = 0, off;
	if (iv && parse_int(iv, INT32_MIN, UINT32_MAX, &n) < 0)
		return cmd_reject(ctx, _("int: takes a 32-bit number, not \"%s\""), iv);
	struct attach *m = cmd_arg_region(ctx, 0, iv ? 4 : (int64_t)w->len, &off);
	if (!m)
		return CMD_REJECTED;
	if (!iv && w->len == 0)
		return cmd_reject(ctx, _("poke: DATA is empty; give the bytes to store, or int:N"));
	struct buf desc = {0};
	buf_printf(&desc, "poke(%s+%lld, ", ctx->argv[0].s, (long long)off);
	if (iv)
		buf_printf(&desc, "int %lld)", (long long)n);
	else {
		buf_add_quoted(&desc, w->s, w->len, 40);
		buf_printf(&desc, ", %zu)", w->len);
	}
	struct wire_req q = { .op = OP_POKE, .a = (int64_t)(m->addr + (uint64_t)off), .b = n,
			      .len = iv ? 0 : (uint32_t)w->len, .flags = iv ? WF_INT : 0 };
	int rc = actors_call(ctx->actor, &q, iv ? NULL : w->s, desc.s, mem_poke_done);
	buf_free(&desc);
	if (rc < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", m->obj);
	return CMD_OK;
}

static void mem_peek_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	struct buf b = {0};
	if (r->ret >= 0 && c->arg < 0) {
		char num[24];
		snprintf(num, sizeof num, "%lld", (long long)r->v[3]);
		free(a->last.data);
		a->last.data = xstrdup(num);
		a->last.dlen = strlen(num);
		out_printf("  %s: %s = %s", a->name, c->desc, num);
		return;
	}
	if (r->ret >= 0) {
		buf_adds(&b, " ");
		buf_add_quoted(&b, data, r->len, 64);
		buf_adds(&b, "  ");
		for (uint32_t i = 0; i < r->len && i < 16; i++)
			buf_printf(&b, " %02x", (unsigned char)data[i]);
		if (r->len > 16)
			buf_adds(&b, " ..");
	}
	mem_print(a, c, r, b.s);
	buf_free(&b);
}

static int mem_peek(struct cmd_ctx *ctx)
{
	int64_t len = 16, off;
	bool as_int = ctx->argc > 2 && !strcmp(ctx->argv[2].s, "int");
	if (ctx->argc > 2 && !as_int && (parse_size(ctx->argv[2].s, MEM_PEEK_MAX, &len) < 0 || len < 1))
		return cmd_reject(ctx, _("peek: LEN is a byte count from 1 to 4096, or int, not \"%s\""), ctx->argv[2].s);
	if (as_int)
		len = 4;
	struct attach *m = cmd_arg_region(ctx, 0, len, &off);
	if (!m)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_PEEK, .a = (int64_t)(m->addr + (uint64_t)off), .b = len,
			      .flags = as_int ? WF_INT : 0 };
	char desc[96];
	if (as_int)
		snprintf(desc, sizeof desc, "peek(%s+%lld, int)", ctx->argv[0].s, (long long)off);
	else
		snprintf(desc, sizeof desc, "peek(%s+%lld, %lld)", ctx->argv[0].s, (long long)off, (long long)len);
	if (actors_call(ctx->actor, &q, NULL, desc, mem_peek_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", m->obj);
	ctx->actor->call.arg = as_int ? -1 : len;
	return CMD_OK;
}

/* ---- the race lab ---- */

static void mem_add_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	struct buf b = {0};
	if (!(r->ret < 0 && r->err == EFAULT && r->v[0]))
		buf_printf(&b, _("   %lld increments made; the int went from %lld to %lld while %s ran"), (long long)r->v[2],
			   (long long)r->v[0], (long long)r->v[1], a->name);
	mem_print(a, c, r, b.s);
	buf_free(&b);
	struct object *s = c->lock[0] ? reg_object(c->lock) : NULL;
	if (s && s->nsems > 0) {           /* each increment took and gave the lock */
		reg_sem_counted(s, 0, r->v[2], r->v[2]);
	}
	if (o)
		race_end(o, c->arg, r->ret < 0 && r->err == EFAULT && r->v[0] ? 0 : r->v[0], r->v[2], r->v[1]);
}

/* lock=SEM: a System V set (its semaphore 0) or a POSIX semaphore the
 * actor has opened or will open. */
static int mem_add_lock(struct cmd_ctx *ctx, const char *v, struct wire_req *q, uint64_t *psem, struct buf *desc)
{
	struct object *s = reg_object(v);
	if (!s || (s->kind != OBJ_SEM && s->kind != OBJ_PSEM))
		return cmd_reject(ctx, _("lock= names a semaphore (semget or sem_open), not \"%s\""), v);
	if (s->kind == OBJ_SEM) {
		q->fd = 1;
		q->pad = s->id;
		buf_printf(desc, _(", each inside P/V on %s[0]"), s->name);
		return CMD_OK;
	}
	struct attach *m = reg_map_find(ctx->actor, s->name);
	if (!m)
		return cmd_reject(ctx, _("%s has not opened %s yet: \"%s: sem_post %s\" or sem_wait opens it (or use a System V set)"),
				  ctx->actor->name, s->name, ctx->actor->name, s->name);
	q->fd = 2;
	*psem = m->addr;
	buf_printf(desc, _(", each inside sem_wait/sem_post on %s"), s->name);
	return CMD_OK;
}

static int mem_add(struct cmd_ctx *ctx)
{
	int64_t count, off;
	if (cmd_arg_int(ctx, 2, "COUNT", 1, 100000000, &count) != CMD_OK)
		return CMD_REJECTED;
	struct attach *m = cmd_arg_region(ctx, 0, 4, &off);
	if (!m)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_ADD, .a = (int64_t)(m->addr + (uint64_t)off), .b = count };
	uint64_t psem = 0;
	struct buf desc = {0};
	buf_printf(&desc, "add(%s+%lld, %lld", ctx->argv[0].s, (long long)off, (long long)count);
	const struct cmd_optval *lock = cmd_opt(ctx, "lock");
	if (lock && mem_add_lock(ctx, lock->s, &q, &psem, &desc) != CMD_OK) {
		buf_free(&desc);
		return CMD_REJECTED;
	}
	buf_adds(&desc, ")");
	q.len = psem ? sizeof psem : 0;
	int rc = actors_call(ctx->actor, &q, psem ? &psem : NULL, desc.s, mem_add_done);
	buf_free(&desc);
	if (rc < 0)
		return CMD_REJECTED;
	struct call *c = &ctx->actor->call;
	snprintf(c->obj, sizeof c->obj, "%s", ctx->argv[0].s);
	snprintf(c->lock, sizeof c->lock, "%s", lock ? lock->s : "");
	c->arg = off;
	c->long_run = true;
	race_begin(reg_object(ctx->argv[0].s), off, count, q.fd != 0);
	return CMD_OK;
}

static const struct cmd_opt mem_add_opts[] = {
	{ "lock", OPT_WORD, "SEM", 0, 0, N_("a semaphore's name") }, CMD_OPT_END
};

const struct cmd_entry cmd_mem_table[] = {
	{ "poke", "R OFFSET DATA|int:N", N_("store bytes (or a 32-bit int) at OFFSET in an attached segment or mapping"),
	  CMD_ACTOR, 3, 3, mem_poke, { ARG_REGION, ARG_WORD, ARG_WORD }, 0, NULL },
	{ "peek", "R OFFSET [LEN|int]", N_("load LEN bytes (default 16, or a 32-bit int) from OFFSET in an attached segment or mapping"),
	  CMD_ACTOR, 2, 3, mem_peek, { ARG_REGION, ARG_WORD, ARG_WORD }, 0, NULL },
	{ "add", "R OFFSET COUNT",
	  N_("the race lab: COUNT increments of the int at OFFSET, each a load, a yield and a store (not atomic); lock= puts each inside P/V"),
	  CMD_ACTOR, 3, 3, mem_add, { ARG_REGION, ARG_WORD, ARG_WORD }, 0, mem_add_opts },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
