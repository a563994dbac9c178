/* cmd_shm.c: the shared memory family -- System V segments (shmget,
 * shmat, shmdt, shmctl), POSIX objects (shm_open, shm_unlink) and
 * mappings (mmap, munmap, msync). ipcsh makes and removes the objects;
 * attaching and mapping happen in actors, at the addresses the kernel
 * chooses for each of them. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actors.h"
#include "cmd.h"
#include "devshm.h"
#include "explain.h"
#include "out.h"
#include "shmseg.h"
#include "sysv.h"

#define SHM_SIZE_MAX (1024LL * 1024 * 1024)

static int shm_get_cmd(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	int64_t size;
	if (parse_size(ctx->argv[1].s, SHM_SIZE_MAX, &size) < 0 || size < 1)
		return cmd_reject(ctx, _("SIZE is a size in bytes from 1 to 1G (K and M allowed), not \"%s\""),
				  ctx->argv[1].s);
	struct cmd_sysv g;
	if (cmd_sysv_read(ctx, &g) != CMD_OK)
		return CMD_REJECTED;
	char desc[128];
	cmd_sysv_desc(desc, sizeof desc, "shmget", &g, size);
	bool created;
	int id = sysv_get(SYSV_SHM, g.key, size, (int)g.perm, g.excl, &created);
	struct shmseg_stat st;
	if (id < 0) {
		int e = errno;
		explain_failed(e, e == EINVAL ? _("   (here: SIZE is outside shmmin..shmmax, or larger than the segment that key already names; see: limits)")
				: NULL, "%s", desc);
		return CMD_OK;
	}
	if (shmseg_stat(id, &st) < 0) {   /* removed from outside at once */
		int e = errno;
		out_printf("  %s = %d", desc, id);
		explain_failed(e, NULL, "shmctl(%d, IPC_STAT)", id);
		return CMD_OK;
	}
	struct object *o = reg_add_object(OBJ_SHM, ctx->argv[0].s);
	o->id = id;
	o->key = g.key;
	o->size = st.size;
	o->owned = created;
	o->attached = !created;
	reg_save();
	if (created)
		out_printf(_("  %s = %d   a new segment of %lld bytes, all zero: ipcs -m lists it; nobody has attached it yet (nattch 0)"),
			   desc, id, (long long)st.size);
	else
		out_printf(_("  %s = %d   the segment already existed (%lld bytes, nattch %lld): ipcsh uses it but will not remove it"),
			   desc, id, (long long)st.size, (long long)st.nattch);
	return CMD_OK;
}

/* "   nattch 2" read from the kernel right after the call. */
static void shm_nattch_note(const struct object *o, struct buf *b)
{
	struct shmseg_stat st;
	if (shmseg_stat(o->id, &st) < 0) {
		buf_adds(b, _("   the segment is gone: that was the last attachment of a removed segment"));
		return;
	}
	buf_printf(b, _("   nattch %lld"), (long long)st.nattch);
	if (st.dest)
		buf_adds(b, _(" (removed: the kernel frees it at the last detach)"));
}

static void shm_at_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	if (r->ret == -1 || !o) {
		actors_print_result(a, c, r, NULL);
		return;
	}
	struct buf b = {0};
	reg_map_add(a, o->name, (uint64_t)r->ret, (uint64_t)r->v[0], c->arg);
	buf_printf(&b, _("   %s is at 0x%llx in %s's address space"), o->name, (unsigned long long)r->ret, a->name);
	shm_nattch_note(o, &b);
	out_printf("  %s: %s = 0x%llx%s", a->name, c->desc, (unsigned long long)r->ret, b.s);
	buf_free(&b);
}

static int shm_at(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	bool ro = cmd_flag(ctx, "ro");
	struct attach *m = reg_map_find(ctx->actor, o->name);
	if (m)
		return cmd_reject(ctx, _("%s has %s attached already, at 0x%llx (shmdt it first)"), ctx->actor->name,
				  o->name, (unsigned long long)m->addr);
	struct wire_req q = { .op = OP_SHMAT, .a = o->id, .flags = ro ? WF_RO : 0 };
	char desc[96];
	snprintf(desc, sizeof desc, "shmat(%s, NULL, %s)", o->name, ro ? "SHM_RDONLY" : "0");
	if (actors_call(ctx->actor, &q, NULL, desc, shm_at_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = ro;
	return CMD_OK;
}

static void shm_dt_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	struct buf b = {0};
	if (r->ret == 0 && o) {
		reg_map_del(a, o->name);
		shm_nattch_note(o, &b);
	}
	actors_print_result(a, c, r, b.s);
	buf_free(&b);
	reg_forget_unheld();
}

/* shmdt and munmap: the region the actor has, or a rejection. */
static struct attach *shm_region_of(struct cmd_ctx *ctx, struct object *o)
{
	struct attach *m = reg_map_find(ctx->actor, o->name);
	if (!m)
		cmd_reject(ctx, _("%s has no attachment or mapping of %s"), ctx->actor->name, o->name);
	return m;
}

static int shm_dt(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	struct attach *m = shm_region_of(ctx, o);
	if (!m)
		return CMD_REJECTED;
	struct wire_req q = { .op = OP_SHMDT, .a = (int64_t)m->addr };
	char desc[96];
	snprintf(desc, sizeof desc, "shmdt(0x%llx)", (unsigned long long)m->addr);
	if (actors_call(ctx->actor, &q, NULL, desc, shm_dt_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

static void shm_ctl_stat(const struct object *o)
{
	struct shmseg_stat st;
	if (shmseg_stat(o->id, &st) < 0) {
		explain_failed(errno, NULL, "shmctl(%d, IPC_STAT)", o->id);
		return;
	}
	char kb[16];
	out_printf("  shmctl(%d, IPC_STAT) = 0", o->id);
	out_printf(_("    key %s  owner uid %u  creator uid %u  mode 0%03o%s"), sysv_key_str(st.key, kb, sizeof kb),
		   (unsigned)st.uid, (unsigned)st.cuid, st.mode, st.dest ? _("  dest (removed, waiting for the last detach)") : "");
	out_printf(_("    shm_segsz %lld (bytes)  shm_nattch %lld (attachments)  shm_cpid %d (creator)  shm_lpid %d (last shmat/shmdt)"),
		   (long long)st.size, (long long)st.nattch, (int)st.cpid, (int)st.lpid);
}

static int shm_ctl(struct cmd_ctx *ctx)
{
	struct object *o = ctx->obj[0];
	const char *what = ctx->argv[1].s;
	if (!strcmp(what, "stat")) {
		shm_ctl_stat(o);
		return CMD_OK;
	}
	if (strcmp(what, "rm"))
		return cmd_reject(ctx, _("shmctl: stat or rm, not \"%s\""), what);
	if (o->unlinked)
		return cmd_reject(ctx, _("%s was removed already; it lives until its last detach"), o->name);
	if (!o->owned)
		return cmd_reject(ctx, _("%s was made by another program: ipcsh never changes or removes it (from a shell: ipcrm -m %d)"),
				  o->name, o->id);
	if (sysv_rmid(SYSV_SHM, o->id) < 0) {
		explain_failed(errno, NULL, "shmctl(%d, IPC_RMID)", o->id);
		return CMD_OK;
	}
	struct shmseg_stat st;
	if (shmseg_stat(o->id, &st) == 0) {
		o->owned = false;
		o->unlinked = true;
		reg_save();
		out_printf(_("  shmctl(%d, IPC_RMID) = 0   marked \"dest\": its key is now 0x00000000, so no shmget finds it, and the kernel frees it when the last of its %lld attachments goes"),
			   o->id, (long long)st.nattch);
		return CMD_OK;
	}
	out_printf(_("  shmctl(%d, IPC_RMID) = 0   nobody had it attached, so the kernel freed it at once"), o->id);
	reg_remove_object(o);
	return CMD_OK;
}

/* shm_open /N SIZE: made with O_EXCL and sized with ftruncate. */
static int shm_open_cmd(struct cmd_ctx *ctx)
{
	const char *name = ctx->argv[0].s;
	if (!devshm_name_ok(name))
		return cmd_reject(ctx, _("\"%s\" is not a POSIX shared memory name: a / then a name without another /"), name);
	if (reg_name_taken(name))
		return cmd_reject(ctx, _("the name \"%s\" is already in use"), name);
	int64_t size;
	if (parse_size(ctx->argv[1].s, SHM_SIZE_MAX, &size) < 0 || size < 1)
		return cmd_reject(ctx, _("SIZE is a size in bytes from 1 to 1G (K and M allowed), not \"%s\""),
				  ctx->argv[1].s);
	char desc[160];
	snprintf(desc, sizeof desc, "shm_open(\"%s\", O_CREAT|O_EXCL|O_RDWR, 0600)", name);
	int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;
		explain_failed(e, e == EEXIST ? _("   (another program made it: \"attach shm /N as NAME\" uses it without owning it)") : NULL,
			       "%s", desc);
		return CMD_OK;
	}
	struct stat st;
	int rc = ftruncate(fd, size) < 0 ? -1 : fstat(fd, &st);
	int e = errno;
	close(fd);
	struct object *o = reg_add_object(OBJ_PSHM, name);
	o->path = xstrdup(name);
	if (rc == 0) {
		o->dev = st.st_dev;
		o->ino = st.st_ino;
		o->size = st.st_size;
	}
	reg_save();
	if (rc < 0) {
		explain_failed(e, NULL, "ftruncate(\"%s\", %lld)", name, (long long)size);
		return CMD_OK;
	}
	out_printf(_("  %s = %d, ftruncate(%d, %lld) = 0, close(%d) = 0   a new object of %lld bytes, seen as /dev/shm%s; map it with \"A: mmap M %s\""),
		   desc, fd, fd, (long long)size, fd, (long long)size, name, name);
	return CMD_OK;
}

int cmd_unlink_posix(struct cmd_ctx *ctx, const char *call, const char *lives, const char *gone)
{
	struct object *o = ctx->obj[0];
	if (o->unlinked)
		return cmd_reject(ctx, _("%s's name was already removed; %s"), o->name, lives);
	if (!o->owned)
		return cmd_reject(ctx, _("%s was made by another program: ipcsh never removes it"), o->name);
	int rc = reg_remove_name(o);
	if (rc < 0)
		explain_failed(errno, NULL, "%s(\"%s\")", call, o->path);
	else if (rc == 0)
		out_printf(_("  %s is no longer the object ipcsh made (replaced from outside); ipcsh leaves it alone"), o->path);
	else
		out_printf("  %s(\"%s\") = 0   %s", call, o->path, gone);
	reg_forget_unheld();
	return CMD_OK;
}

static int shm_unlink_cmd(struct cmd_ctx *ctx)
{
	return cmd_unlink_posix(ctx, "shm_unlink", _("the memory lives while it is mapped"),
				_("the name is gone from /dev/shm; mappings keep the memory until munmap"));
}

/* ---- mmap ---- */

struct shm_mmap_args {
	const char *source;       /* what the actor opens: "anon", /N or a path */
	int64_t len, offset;
	bool priv, ro;
};

static int shm_mmap_opts(struct cmd_ctx *ctx, struct shm_mmap_args *m)
{
	const struct cmd_optval *len = cmd_opt(ctx, "len"), *off = cmd_opt(ctx, "offset");
	if (cmd_flag(ctx, "private") && cmd_flag(ctx, "shared"))
		return cmd_reject(ctx, _("a mapping is private or shared, not both"));
	m->priv = cmd_flag(ctx, "private");
	m->ro = cmd_flag(ctx, "ro");
	m->len = len ? len->n : 0;
	m->offset = off ? off->n : 0;
	return CMD_OK;
}

/* SOURCE: anon, a POSIX shared memory object, a file object, or a path. */
static int shm_mmap_source(struct cmd_ctx *ctx, struct shm_mmap_args *m)
{
	const char *s = ctx->argv[1].s;
	struct object *o = reg_object(s);
	if (!strcmp(s, "anon")) {
		if (!m->len)
			m->len = 4096;
		m->source = "anon";
	} else if (o && (o->kind == OBJ_PSHM || o->kind == OBJ_FILE)) {
		m->source = o->path;
	} else if (o) {
		return cmd_reject(ctx, _("mmap maps anon, a POSIX shared memory object (/N), a file (mkfile) or a path; \"%s\" is none of them"),
				  s);
	} else if (s[0] == '/' || strchr(s, '/')) {
		m->source = s;
	} else {
		return cmd_reject(ctx, _("no object named \"%s\": SOURCE is anon, /N, a file made with mkfile, or a path"), s);
	}
	return CMD_OK;
}

/* Without len= the actor maps the object's size from fstat less the
 * offset: the call is printed with the length it really passed. */
static void shm_mmap_len(struct call *c, const struct wire_rep *r)
{
	const char *its = _("its size");
	char *at = strstr(c->desc, its);
	if (!at || r->v[1])
		return;
	char tail[sizeof c->desc];
	snprintf(tail, sizeof tail, "%s", at + strlen(its));
	snprintf(at, sizeof c->desc - (size_t)(at - c->desc), "%lld%s", (long long)r->v[0], tail);
}

static void shm_mmap_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	struct object *o = reg_object(c->obj);
	shm_mmap_len(c, r);
	if (r->ret == -1 || !o) {
		const char *why = r->v[1] ? _("   (opening the source failed, before mmap was called)") : NULL;
		actors_print_result(a, c, r, why);
		if (o && o->kind == OBJ_MMAP)
			reg_forget_unheld();
		return;
	}
	o->size = r->v[0];
	reg_map_add(a, o->name, (uint64_t)r->ret, (uint64_t)r->v[0], c->arg);
	out_printf(_("  %s: %s = 0x%llx   %lld bytes at 0x%llx in %s (%s)"), a->name, c->desc, (unsigned long long)r->ret,
		   (long long)r->v[0], (unsigned long long)r->ret, a->name,
		   !o->shared ? _("private: copy-on-write, its stores stay in this process")
		   : strcmp(o->path, "anon") ? _("shared: every process mapping it sees its stores")
		   : _("shared: this process and the children it forks from now on see each other's stores; an anonymous mapping has no name another process could open"));
	if (strcmp(o->path, "anon") && r->v[2] < o->offset + r->v[0])
		out_printf(_("     the object is only %lld bytes: touching the pages past its end raises SIGBUS"),
			   (long long)r->v[2]);
}

static int shm_mmap(struct cmd_ctx *ctx)
{
	if (cmd_arg_new_name(ctx, 0) != CMD_OK)
		return CMD_REJECTED;
	struct shm_mmap_args m = {0};
	if (shm_mmap_opts(ctx, &m) != CMD_OK || shm_mmap_source(ctx, &m) != CMD_OK)
		return CMD_REJECTED;
	char desc[192], lb[32];
	snprintf(lb, sizeof lb, "%lld", (long long)m.len);
	snprintf(desc, sizeof desc, "mmap(NULL, %s, PROT_READ%s, %s%s, %s, %lld)", m.len ? lb : _("its size"),
		 m.ro ? "" : "|PROT_WRITE", m.priv ? "MAP_PRIVATE" : "MAP_SHARED",
		 strcmp(m.source, "anon") ? "" : "|MAP_ANONYMOUS", strcmp(m.source, "anon") ? ctx->argv[1].s : "-1",
		 (long long)m.offset);
	struct wire_req q = { .op = OP_MMAP, .a = m.len, .b = m.offset, .len = (uint32_t)strlen(m.source) + 1,
			      .flags = (m.priv ? WF_PRIVATE : 0) | (m.ro ? WF_RO : 0) };
	if (actors_call(ctx->actor, &q, m.source, desc, shm_mmap_done) < 0)
		return CMD_REJECTED;
	struct object *o = reg_add_object(OBJ_MMAP, ctx->argv[0].s);
	o->path = xstrdup(m.source);
	o->shared = !m.priv;
	o->offset = m.offset;
	o->size = m.len;
	o->owned = false;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	ctx->actor->call.arg = m.ro;
	return CMD_OK;
}

static void shm_munmap_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)data;
	if (r->ret == 0) {
		reg_map_del(a, c->obj);
	}
	actors_print_result(a, c, r, r->ret == 0 ? _("   the pages are gone from this process") : NULL);
	reg_forget_unheld();
}

static int shm_munmap_or_msync(struct cmd_ctx *ctx, bool sync)
{
	struct object *o = ctx->obj[0];
	struct attach *m = shm_region_of(ctx, o);
	if (!m)
		return CMD_REJECTED;
	struct wire_req q = { .op = sync ? OP_MSYNC : OP_MUNMAP, .a = (int64_t)m->addr, .b = (int64_t)m->len };
	char desc[96];
	snprintf(desc, sizeof desc, sync ? "msync(0x%llx, %llu, MS_SYNC)" : "munmap(0x%llx, %llu)",
		 (unsigned long long)m->addr, (unsigned long long)m->len);
	if (actors_call(ctx->actor, &q, NULL, desc, sync ? NULL : shm_munmap_done) < 0)
		return CMD_REJECTED;
	snprintf(ctx->actor->call.obj, sizeof ctx->actor->call.obj, "%s", o->name);
	return CMD_OK;
}

static int shm_munmap(struct cmd_ctx *ctx)
{
	return shm_munmap_or_msync(ctx, false);
}

static int shm_msync(struct cmd_ctx *ctx)
{
	return shm_munmap_or_msync(ctx, true);
}

static const struct cmd_opt shm_get_opts[] = { CMD_SYSV_OPTS, CMD_OPT_END };
static const struct cmd_opt shm_at_opts[] = { CMD_FLAG("ro"), CMD_OPT_END };
static const struct cmd_opt shm_mmap_opts_decl[] = {
	CMD_FLAG("private"), CMD_FLAG("shared"), CMD_FLAG("ro"),
	{ "len", OPT_SIZE, "N", 1, SHM_SIZE_MAX, N_("a size from 1 to 1G") },
	{ "offset", OPT_SIZE, "N", 0, SHM_SIZE_MAX, N_("a size from 0 to 1G") },
	CMD_OPT_END
};

const struct cmd_entry cmd_shm_table[] = {
	{ "shmget", "S SIZE", N_("shmget(2): make (or find, by key) a System V shared memory segment"),
	  CMD_COORD, 2, 2, shm_get_cmd, { ARG_WORD, ARG_WORD, ARG_WORD }, 0, shm_get_opts },
	{ "shmat", "S", N_("shmat(2): attach segment S; prints the address it got in this actor"),
	  CMD_ACTOR, 1, 1, shm_at, { ARG_SHM, ARG_WORD }, 0, shm_at_opts },
	{ "shmdt", "S", N_("shmdt(2): detach segment S"), CMD_ACTOR, 1, 1, shm_dt, { ARG_SHM }, 0, NULL },
	{ "shmctl", "S stat|rm", N_("shmctl(2): look at a segment, or remove it (while attached it lives on as \"dest\")"),
	  CMD_COORD, 2, 2, shm_ctl, { ARG_SHM, ARG_WORD }, 0, NULL },
	{ "shm_open", "/N SIZE", N_("shm_open(3) with O_CREAT|O_EXCL, then ftruncate(2) to SIZE: a POSIX shared memory object"),
	  CMD_COORD, 2, 2, shm_open_cmd, { ARG_WORD, ARG_WORD }, 0, NULL },
	{ "shm_unlink", "/N", N_("shm_unlink(3): remove the name; mappings keep the memory"),
	  CMD_COORD, 1, 1, shm_unlink_cmd, { ARG_PSHM }, 0, NULL },
	{ "mmap", "M anon|/N|FILE|PATH",
	  N_("mmap(2): map memory as M (shared unless private; anon is inherited by fork)"),
	  CMD_ACTOR, 2, 2, shm_mmap, { ARG_WORD, ARG_ANY_NAME, ARG_WORD }, 0, shm_mmap_opts_decl },
	{ "munmap", "M", N_("munmap(2): remove the mapping M from this actor"), CMD_ACTOR, 1, 1, shm_munmap, { ARG_MMAP }, 0, NULL },
	{ "msync", "M", N_("msync(2) with MS_SYNC: write a shared file mapping back to its file"),
	  CMD_ACTOR, 1, 1, shm_msync, { ARG_MMAP }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
