/* cmd_look.c: looking at the whole system's IPC, beyond the session --
 * ipcs (every System V object, like ipcs(1)), limits (the kernel's IPC
 * limits from /proc/sys) and attach (use an object another program made,
 * without ever removing it). */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <semaphore.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include "cmd.h"
#include "devshm.h"
#include "explain.h"
#include "mqq.h"
#include "msgq.h"
#include "out.h"
#include "sysvipc.h"
#include "shmseg.h"
#include "sysv.h"

/* "<- q (ours)" when id is one of the session's queues. */
static const char *look_mark(enum obj_kind kind, int id, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < reg.nobjs; i++) {
		const struct object *o = reg.objs[i];
		if (o->kind == kind && o->id == id)
			snprintf(buf, size, "  <- %s (%s)", o->name, o->attached ? _("attached") : _("made by this session"));
	}
	return buf;
}

struct look_table {
	const char *file;        /* what sysvipc.c reads */
	const char *title;
	const char *header;
	enum obj_kind kind;
	bool status;             /* a status column from the mode (shm: dest, locked) */
};

static void look_ipcs_table(const struct look_table *t)
{
	out_printf("------ %s --------", _(t->title));
	out_printf("%s", t->header);
	struct sysvipc_row *rows;
	int n = sysvipc_read(t->kind, &rows);
	if (n < 0) {
		out_printf(_("  (cannot read %s: %s)"), t->file, strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct sysvipc_row *r = &rows[i];
		char kb[16], ub[64], mb[96], st[24] = "", count[24] = "";
		if (t->status)   /* as ipcs -m: the mode's SHM_DEST and SHM_LOCKED bits */
			snprintf(st, sizeof st, "%-10s ", (r->mode & 01000) ? "dest" : (r->mode & 02000) ? "locked" : "");
		if (r->count >= 0)
			snprintf(count, sizeof count, "%-12lld", r->count);
		out_printf("%-10s %-10d %-10s %-10o %-12lld %s%s%s", sysv_key_str(r->key, kb, sizeof kb), r->id,
			   sysvipc_user(r->uid, ub, sizeof ub), r->mode & 0777, r->size, count, st,
			   look_mark(t->kind, r->id, mb, sizeof mb));
	}
	free(rows);
	out_printf("%s", "");
}

static int look_ipcs(struct cmd_ctx *ctx)
{
	(void)ctx;
	static const struct look_table tables[] = {
		{ "/proc/sysvipc/msg", N_("Message Queues"), "key        msqid      owner      perms      used-bytes   messages",
		  OBJ_MSG, false },
		{ "/proc/sysvipc/shm", N_("Shared Memory Segments"), "key        shmid      owner      perms      bytes        nattch      status",
		  OBJ_SHM, true },
		{ "/proc/sysvipc/sem", N_("Semaphore Arrays"), "key        semid      owner      perms      nsems",
		  OBJ_SEM, false },
	};
	for (size_t i = 0; i < ARRAY_LEN(tables); i++)
		look_ipcs_table(&tables[i]);
	return CMD_OK;
}

struct look_limit {
	const char *path;
	const char *name;
	const char *meaning;
};

static int look_limits(struct cmd_ctx *ctx)
{
	(void)ctx;
	static const struct look_limit limits[] = {
		{ "/proc/sys/kernel/msgmax", "msgmax", N_("the largest System V message, in bytes") },
		{ "/proc/sys/kernel/msgmnb", "msgmnb", N_("the bytes a new System V queue may hold (its msg_qbytes)") },
		{ "/proc/sys/kernel/msgmni", "msgmni", N_("how many System V queues the system may have") },
		{ "/proc/sys/kernel/shmmax", "shmmax", N_("the largest System V shared memory segment, in bytes") },
		{ "/proc/sys/kernel/shmall", "shmall", N_("all System V shared memory together, in pages") },
		{ "/proc/sys/kernel/shmmni", "shmmni", N_("how many shared memory segments the system may have") },
		{ "/proc/sys/kernel/sem", "sem", N_("semaphores: per set (SEMMSL), in all (SEMMNS), per semop (SEMOPM), sets (SEMMNI)") },
		{ "/proc/sys/fs/mqueue/msg_max", "mqueue/msg_max", N_("the most messages a POSIX queue may hold (maxmsg=), unless CAP_SYS_RESOURCE") },
		{ "/proc/sys/fs/mqueue/msgsize_max", "mqueue/msgsize_max", N_("the largest POSIX message (msgsize=), in bytes, unless CAP_SYS_RESOURCE") },
		{ "/proc/sys/fs/mqueue/queues_max", "mqueue/queues_max", N_("how many POSIX queues the system may have, unless CAP_SYS_RESOURCE") },
		{ "/proc/sys/fs/pipe-max-size", "pipe-max-size", N_("the largest capacity a pipe may be given (F_SETPIPE_SZ), in bytes, unless CAP_SYS_RESOURCE") },
	};
	for (size_t i = 0; i < ARRAY_LEN(limits); i++) {
		char buf[128];
		if (util_read_file(limits[i].path, buf, sizeof buf) < 0)
			snprintf(buf, sizeof buf, "?");
		buf[strcspn(buf, "\n")] = '\0';
		for (char *p = buf; *p; p++)
			if (*p == '\t')
				*p = ' ';
		out_printf("  %-20s %-22s %s", limits[i].name, buf, _(limits[i].meaning));
	}
	return CMD_OK;
}

/* The id a key names, for attach: msgget/shmget/semget without IPC_CREAT. */
static int look_sysv_by_key(enum sysv_kind kind, key_t key)
{
	if (kind == SYSV_MSG)
		return msgget(key, 0);
	if (kind == SYSV_SHM)
		return shmget(key, 0, 0);
	return semget(key, 0, 0);
}

static const char *const look_sysv_get[] = { "msgget", "shmget", "semget" };
static const char *const look_sysv_ctl[] = { "msgctl", "shmctl", "semctl" };
static const enum obj_kind look_sysv_obj[] = { OBJ_MSG, OBJ_SHM, OBJ_SEM };

/* The object's kernel facts an attached object needs: 0, or -1 (errno). */
static int look_sysv_fill(struct object *o, enum sysv_kind kind)
{
	if (kind == SYSV_MSG) {
		struct msgq_stat st;
		if (msgq_stat(o->id, &st) < 0)
			return -1;
		o->key = st.key;
	} else if (kind == SYSV_SHM) {
		struct shmseg_stat st;
		if (shmseg_stat(o->id, &st) < 0)
			return -1;
		o->key = st.key;
		o->size = st.size;
	} else {
		key_t key;
		uid_t cuid;
		unsigned mode;
		int n = semset_owner(o->id, &key, &cuid, &mode);
		if (n < 0)
			return -1;
		o->key = key;
		cmd_sem_counts(o, n);
	}
	return 0;
}

/* attach msg|shm|sem ID|key=KEY as NAME */
static int look_attach_sysv(struct cmd_ctx *ctx, const char *name, enum sysv_kind kind)
{
	const char *kv = parse_opt(&ctx->argv[1], "key");
	int id;
	char desc[96];
	if (kv) {
		key_t key;
		char *err;
		if (sysv_parse_key(kv, &key, &err) < 0) {
			cmd_reject(ctx, "%s", err);
			free(err);
			return CMD_REJECTED;
		}
		if (key == IPC_PRIVATE)
			return cmd_reject(ctx, _("a private object has no key to find it by: give its id (ipcs lists them)"));
		char kb[16];
		snprintf(desc, sizeof desc, "%s(%s, 0)", look_sysv_get[kind], sysv_key_str(key, kb, sizeof kb));
		id = look_sysv_by_key(kind, key);
	} else {
		int64_t v;
		if (cmd_arg_int(ctx, 1, "ID", 0, INT32_MAX, &v) != CMD_OK)
			return CMD_REJECTED;
		id = (int)v;
		snprintf(desc, sizeof desc, "%s(%d, IPC_STAT)", look_sysv_ctl[kind], id);
	}
	struct object tmp = { .id = id };
	if (id < 0 || look_sysv_fill(&tmp, kind) < 0) {
		int e = errno;
		free(tmp.pcount);
		free(tmp.vcount);
		explain_failed(e, NULL, "%s", desc);
		return CMD_OK;
	}
	struct object *o = reg_add_object(look_sysv_obj[kind], name);
	o->id = id;
	o->key = tmp.key;
	o->size = tmp.size;
	o->nsems = tmp.nsems;
	o->pcount = tmp.pcount;
	o->vcount = tmp.vcount;
	o->owned = false;
	o->attached = true;
	reg_save();
	out_printf(_("  %s = %d   attached as %s: ipcsh uses it but never removes it"), desc, kv ? id : 0, name);
	return CMD_OK;
}

/* attach shm|sem /N as NAME: a POSIX object found by name. */
static int look_attach_posix(struct cmd_ctx *ctx, const char *name, bool sem)
{
	const char *pn = ctx->argv[1].s;
	if (!devshm_name_ok(pn))
		return cmd_reject(ctx, _("\"%s\" is not a POSIX name: a / then a name without another /"), pn);
	uint64_t dev, ino;
	int64_t size;
	sem_t *s = sem ? sem_open(pn, 0) : NULL;
	if ((sem && s == SEM_FAILED) || devshm_id(sem ? DEVSHM_SEM : DEVSHM_SHM, pn, &dev, &ino, &size) < 0) {
		int e = errno;
		if (s && s != SEM_FAILED)
			sem_close(s);
		explain_failed(e, NULL, "%s(\"%s\")", sem ? "sem_open" : "shm_open", pn);
		return CMD_OK;
	}
	struct object *o = reg_add_object(sem ? OBJ_PSEM : OBJ_PSHM, name);
	o->path = xstrdup(pn);
	o->dev = dev;
	o->ino = ino;
	o->size = size;
	o->psem = s;
	if (sem)
		cmd_sem_counts(o, 1);
	o->owned = false;
	o->attached = true;
	reg_save();
	out_printf(_("  %s(\"%s\") = found   attached as %s: ipcsh uses it but never removes it"), sem ? "sem_open" : "shm_open",
		   pn, name);
	return CMD_OK;
}

/* attach mq /N as NAME: found by name, never made or removed. */
static int look_attach_mq(struct cmd_ctx *ctx, const char *name)
{
	const char *qn = ctx->argv[1].s;
	if (!mqq_valid_name(qn))
		return cmd_reject(ctx, _("\"%s\" is not a POSIX queue name: a / then letters, digits, _, - or ."), qn);
	mqd_t q = mq_open(qn, O_RDONLY | O_NONBLOCK);
	if (q == (mqd_t)-1) {
		int e = errno;
		explain_failed(e, NULL, "mq_open(\"%s\", O_RDONLY)", qn);
		return CMD_OK;
	}
	struct stat st;
	uint64_t dev = 0, ino = 0;
	if (fstat((int)q, &st) == 0) {
		dev = (uint64_t)st.st_dev;
		ino = (uint64_t)st.st_ino;
	}
	mq_close(q);
	cmd_mq_register(name, qn, false, dev, ino);
	out_printf(_("  mq_open(\"%s\", O_RDONLY) = found   attached as %s: ipcsh uses this queue but never removes it"), qn, name);
	return CMD_OK;
}

static int look_attach(struct cmd_ctx *ctx)
{
	if (ctx->argc != 4 || strcmp(ctx->argv[2].s, "as"))
		return cmd_reject(ctx, _("attach: write attach KIND ID|key=KEY as NAME"));
	if (cmd_arg_new_name(ctx, 3) != CMD_OK)
		return CMD_REJECTED;
	const char *kind = ctx->argv[0].s;
	const char *what = ctx->argv[1].s;
	if (!strcmp(kind, "msg"))
		return look_attach_sysv(ctx, ctx->argv[3].s, SYSV_MSG);
	if (!strcmp(kind, "mq"))
		return look_attach_mq(ctx, ctx->argv[3].s);
	if (!strcmp(kind, "shm") || !strcmp(kind, "sem")) {
		bool sem = kind[1] == 'e';
		if (what[0] == '/')
			return look_attach_posix(ctx, ctx->argv[3].s, sem);
		return look_attach_sysv(ctx, ctx->argv[3].s, sem ? SYSV_SEM : SYSV_SHM);
	}
	return cmd_reject(ctx, _("attach: KIND is msg, shm, sem or mq, not \"%s\""), kind);
}

const struct cmd_entry cmd_look_table[] = {
	{ "ipcs", "", N_("every System V object on the system, like ipcs(1), the session's own marked"),
	  CMD_COORD, 0, 0, look_ipcs, { 0 }, 0, NULL },
	{ "limits", "", N_("the kernel's IPC limits (from /proc/sys) and what each one means"),
	  CMD_COORD, 0, 0, look_limits, { 0 }, 0, NULL },
	{ "attach", "msg|shm|sem ID|key=KEY as NAME | mq|shm|sem /N as NAME",
	  N_("use an object another program made (ipcmk, mq_open, shm_open, sem_open); ipcsh never removes it"),
	  CMD_COORD, 4, 4, look_attach, { ARG_WORD, ARG_WORD, ARG_WORD }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { 0 }, 0, NULL },
};
