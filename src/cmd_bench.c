/* cmd_bench.c: bench -- which mechanism is fastest here, measured with
 * real processes. It spawns an actor, makes the System V and POSIX objects
 * the runs need as session objects (shown while it runs, removed after),
 * then asks the actor for one run at a time (actor_bench.c) while the
 * event loop goes on: progress shows, Ctrl-C stops it cleanly. Each run
 * measures the references first (a bare pipe ping-pong, memcpy), then
 * every mechanism; the figures go to bench_report.c. */
#include "config.h"
#include <errno.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actors.h"
#include "bench.h"
#include "bench_report.h"
#include "cmd.h"
#include "loop.h"
#include "mqq.h"
#include "msgq.h"
#include "out.h"
#include "sysv.h"

#define BENCH_SIZE_MAX (8 * 1024 * 1024)
#define BENCH_UDP_MAX 65507            /* 65535 less the IPv4 and UDP headers */

const struct bench_mech_desc bench_mechs[BM_NALL] = {
	[BM_PIPE] = { "pipe", "pipe", "pipe", false },
	[BM_FIFO] = { "fifo", "fifo", "fifo", false },
	[BM_MSG] = { "msg", "msg", "msg (System V)", false },
	[BM_MQ] = { "mq", "mq", "mq (POSIX)", false },
	[BM_SHM_SEM] = { "shm", "shm-sem", "shm + semaphores", false },
	[BM_SHM_FUTEX] = { "shm", "shm-futex", "shm + futex/spin", false },
	[BM_UNIX] = { "unix", "unix", "unix stream", false },
	[BM_UNIX_DGRAM] = { "unix-dgram", "unix-dgram", "unix datagram", false },
	[BM_TCP] = { "tcp", "tcp", "tcp (loopback)", false },
	[BM_UDP] = { "udp", "udp", "udp (loopback)", false },
	[BM_SIGNAL] = { "signal", "signal", "signal (RT)", true },
	[BM_BARE] = { "bare", "bare-pipe", "bare pipe", false },
	[BM_MEMCPY] = { "memcpy", "memcpy", "memcpy", false },
};

/* What the runs share: the actor, the objects, the spec's ids. */
static struct bench_ctx {
	struct actor *a;
	struct bench_spec base;        /* ids and paths of the objects */
	bool want[BM_NMECH];
	int64_t sizes[BENCH_SIZES_MAX];
	size_t nsizes;
	int64_t count;                 /* 0: chosen by size */
	bool json;
	bool done;
	int64_t mq_msgsize;            /* the queues' mq_msgsize */
	char *names[8];                /* the objects made, by name */
	size_t nnames;
} bc;

/* Messages a run: fewer as they grow, so a run takes a fraction of a
 * second whatever the size. */
static int64_t bench_count_for(int64_t size)
{
	if (bc.count)
		return bc.count;
	int64_t n = (int64_t)256 * 1024 * 1024 / 4 / (size < 1 ? 1 : size);   /* a signal: no size */
	return n > 5000 ? 5000 : n < 20 ? 20 : n;
}

static int bench_parse_sizes(struct cmd_ctx *ctx, const char *list)
{
	char *copy = xstrdup(list);
	bc.nsizes = 0;
	bool ok = true;
	for (char *t = copy, *comma; ok; t = comma + 1) {   /* every field a size: no empty one */
		int64_t v;
		comma = strchr(t, ',');
		if (comma)
			*comma = '\0';
		ok = bc.nsizes < BENCH_SIZES_MAX && parse_size(t, BENCH_SIZE_MAX, &v) == 0 && v >= 1;
		for (size_t k = 0; ok && k < bc.nsizes; k++)
			ok = bc.sizes[k] != v;      /* each size once */
		if (ok)
			bc.sizes[bc.nsizes++] = v;
		if (!comma)
			break;
	}
	free(copy);
	if (!ok)
		return cmd_reject(ctx, _("size= takes up to %d different sizes from 1 byte to %dM, separated by commas (size=64,4K,1M), not \"%s\""),
				  BENCH_SIZES_MAX, BENCH_SIZE_MAX >> 20, list);
	return CMD_OK;
}

static int bench_parse(struct cmd_ctx *ctx)
{
	memset(bc.want, 0, sizeof bc.want);
	bool any = false;
	for (int i = 0; i < ctx->argc; i++) {
		bool known = false;
		for (int m = 0; m < BM_NMECH; m++)
			if (!strcmp(ctx->argv[i].s, bench_mechs[m].name))
				bc.want[m] = known = true;
		if (!known)
			return cmd_reject(ctx, _("bench: no mechanism \"%s\"; it measures pipe, fifo, msg, mq, shm, unix, unix-dgram, tcp, udp and signal"),
					  ctx->argv[i].s);
		any = true;
	}
	for (int m = 0; !any && m < BM_NMECH; m++)
		bc.want[m] = true;
	const struct cmd_optval *sz = cmd_opt(ctx, "size"), *cn = cmd_opt(ctx, "count");
	bc.sizes[0] = 64;
	bc.nsizes = 1;
	if (sz && bench_parse_sizes(ctx, sz->s) != CMD_OK)
		return CMD_REJECTED;
	bc.count = cn ? cn->n : 0;
	bc.json = cmd_flag(ctx, "--json");
	return CMD_OK;
}

static int64_t bench_max_size(void)
{
	int64_t m = 1;
	for (size_t i = 0; i < bc.nsizes; i++)
		m = bc.sizes[i] > m ? bc.sizes[i] : m;
	return m;
}

/* A name no actor or object has: base, or base2, base3... */
static const char *bench_free_name(const char *base, char *out, size_t n)
{
	snprintf(out, n, "%s", base);
	for (int i = 2; reg_name_taken(out); i++)
		snprintf(out, n, "%s%d", base, i);
	return out;
}

/* An object made for the runs: in the state file at once, so that a
 * crash leaves it named for cleanup --stale. */
static void bench_keep(const char *name)
{
	bc.names[bc.nnames++] = xstrdup(name);
	reg_save();
}

/* A System V object made by ipcsh itself, a session object while the
 * bench runs. */
static struct object *bench_sysv(enum obj_kind kind, const char *base, int id)
{
	char name[IPCSH_NAME_MAX + 1];
	if (id < 0)
		return NULL;
	struct object *o = reg_add_object(kind, bench_free_name(base, name, sizeof name));
	o->id = id;
	o->key = IPC_PRIVATE;
	bench_keep(name);
	return o;
}

static int bench_fifo(const char *base, char *path, size_t n)
{
	uint64_t dev, ino, btime;
	char name[IPCSH_NAME_MAX + 1];
	bench_free_name(base, name, sizeof name);
	if ((size_t)snprintf(path, n, "%s/%s", reg.dir, name) >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (mkfifo(path, 0600) < 0)
		return -1;
	if (reg_path_id(path, S_IFIFO, &dev, &ino, &btime) < 0) {
		int e = errno;
		unlink(path);
		errno = e;
		return -1;
	}
	struct object *o = reg_add_object(OBJ_FIFO, name);
	o->path = xstrdup(path);
	o->dev = dev;
	o->ino = ino;
	o->btime = btime;
	bench_keep(name);
	return 0;
}

static int bench_mq(int i, int64_t msgsize)
{
	char *name = bc.base.mq[i];
	snprintf(name, sizeof bc.base.mq[i], "/bench-%d-%c", (int)reg.pid, 'a' + i);
	bool created;
	uint64_t dev, ino;
	int fd = mqq_open(name, 0, (long)msgsize, &created, &dev, &ino);
	if (fd < 0 || !created) {
		if (fd >= 0)
			mq_close(fd);
		return -1;
	}
	mq_close(fd);
	cmd_mq_register(name, name, true, dev, ino);
	bench_keep(name);
	return 0;
}

/* The objects the mechanisms asked for need: made before the first run. */
static int bench_make_objects(void)
{
	int64_t top = bench_max_size();
	struct bench_spec *b = &bc.base;
	b->chunk = msgq_limit("msgmax");
	if (b->chunk <= 0)
		b->chunk = 8192;                /* the kernel's default */
	if (bc.want[BM_MSG] && !bench_sysv(OBJ_MSG, "bench_msg", b->msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600)))
		return -1;
	bool shm = bc.want[BM_SHM_SEM] || bc.want[BM_SHM_FUTEX];
	if (shm && !bench_sysv(OBJ_SHM, "bench_shm", b->shmid = shmget(IPC_PRIVATE, (size_t)top * BENCH_SHM_SLOTS + 64, IPC_CREAT | 0600)))
		return -1;
	struct object *sem = shm ? bench_sysv(OBJ_SEM, "bench_sem", b->semid = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600)) : NULL;
	if (shm && !sem)
		return -1;
	if (sem)
		cmd_sem_counts(sem, 2);
	int64_t mqmax = util_sysctl("/proc/sys/fs/mqueue/msgsize_max");
	if (mqmax <= 0)
		mqmax = 8192;
	bc.mq_msgsize = top < mqmax ? top : mqmax;
	if (bc.mq_msgsize < BENCH_ACK_SIZE)     /* the partner's account at a stream's end fits one */
		bc.mq_msgsize = BENCH_ACK_SIZE;
	if (bc.want[BM_MQ] && (bench_mq(0, bc.mq_msgsize) < 0 || bench_mq(1, bc.mq_msgsize) < 0))
		return -1;
	if (bc.want[BM_FIFO] && (bench_fifo("bench_f0", b->path[0], sizeof b->path[0]) < 0 ||
				 bench_fifo("bench_f1", b->path[1], sizeof b->path[1]) < 0))
		return -1;
	return 0;
}

static void bench_remove_objects(void)
{
	for (size_t i = 0; i < bc.nnames; i++) {
		struct object *o = reg_object(bc.names[i]);
		if (o) {
			reg_remove_name(o);
			reg_remove_object(o);
		}
		free(bc.names[i]);
	}
	bc.nnames = 0;
	reg_save();
}

/* The spec of mech at size in mode, from the objects made. */
static struct bench_spec bench_spec_for(int mech, int64_t size, int mode)
{
	struct bench_spec s = bc.base;
	s.mech = mech;
	s.mode = mode;
	s.size = size;
	s.count = bench_count_for(size);
	s.warmup = s.count / 10 + 5;
	if (mech == BM_MQ)
		s.chunk = bc.mq_msgsize;
	return s;
}

/* Why mech cannot move a message of size as one, or NULL. */
static const char *bench_why_not(int mech, int64_t size)
{
	if (mech == BM_UDP && size > BENCH_UDP_MAX)
		return _("not possible: a UDP datagram carries at most 65507 bytes, and splitting it would need what UDP lacks (order, delivery)");
	return NULL;
}

static struct bench_row *bench_row(struct bench_report *rep, int mech, int64_t size)
{
	for (size_t i = 0; i < rep->nrows; i++)
		if (rep->rows[i].mech == mech && rep->rows[i].size == size)
			return &rep->rows[i];
	rep->rows = xrealloc(rep->rows, (rep->nrows + 1) * sizeof *rep->rows);
	struct bench_row *r = &rep->rows[rep->nrows++];
	memset(r, 0, sizeof *r);
	r->mech = mech;
	r->size = size;
	r->count = bench_count_for(size);
	r->why_not = bench_why_not(mech, size);
	return r;
}

/* The plan: every run in order, each a step the actor takes; what it
 * gave is kept in the step. */
struct bench_step {
	struct bench_spec spec;
	int row;                       /* its row in the report, or -1: a reference */
	int ref;                       /* the reference's size index */
	int run;                       /* which run it belongs to */
	bool last;                     /* the run's last step */
	struct wire_rep rep;
	bool done;
};

static struct bench_plan {
	struct bench_step *steps;
	size_t n, cur;
} bp;

static struct bench_step *bench_add_step(int mech, int64_t size, int mode, int row, int ref, int run)
{
	bp.steps = xrealloc(bp.steps, (bp.n + 1) * sizeof *bp.steps);
	struct bench_step *st = &bp.steps[bp.n++];
	memset(st, 0, sizeof *st);
	st->spec = bench_spec_for(mech, size, mode);
	if (mech == BM_MEMCPY)
		st->spec.count *= 10;   /* a copy is quick: more of them */
	st->row = row;
	st->ref = ref;
	st->run = run;
	return st;
}

/* Run r: the references, then each mechanism, at each size. */
static void bench_plan_run(struct bench_report *rep, int r)
{
	for (size_t k = 0; k < bc.nsizes; k++) {
		bench_add_step(BM_BARE, bc.sizes[k], BENCH_LATENCY, -1, (int)k, r);
		bench_add_step(BM_MEMCPY, bc.sizes[k], BENCH_THROUGHPUT, -1, (int)k, r);
		for (int m = 0; m < BM_NMECH; m++) {
			if (!bc.want[m] || (m == BM_SIGNAL && k))   /* a signal has no size: once */
				continue;
			struct bench_row *row = bench_row(rep, m, m == BM_SIGNAL ? 0 : bc.sizes[k]);
			for (int mode = BENCH_LATENCY; !row->why_not && mode <= BENCH_THROUGHPUT; mode++)
				if (mode == BENCH_LATENCY || !bench_mechs[m].latency_only)
					bench_add_step(m, m == BM_SIGNAL ? 1 : bc.sizes[k], mode, (int)(row - rep->rows), (int)k, r);
		}
	}
	bp.steps[bp.n - 1].last = true;
}

static void bench_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data);

/* Ask the actor for step i; the event loop goes on meanwhile. */
static int bench_start(size_t i)
{
	const struct bench_spec *s = &bp.steps[i].spec;
	char desc[96];
	snprintf(desc, sizeof desc, "bench %s %lld B %s", bench_mechs[s->mech].label, (long long)s->size,
		 s->mode == BENCH_LATENCY ? "latency" : "throughput");
	struct wire_req q = { .op = OP_BENCH, .len = sizeof *s };
	if (actors_call(bc.a, &q, s, desc, bench_done) < 0)
		return -1;
	bc.a->call.long_run = true;     /* busy by design: never "blocked" */
	return 0;
}

/* A step's result: kept, and the next step asked at once, so that the
 * actor is seen busy all along. */
static void bench_done(struct actor *a, struct call *c, const struct wire_rep *r, const char *data)
{
	(void)a, (void)c, (void)data;
	if (!bp.steps)                  /* the plan is over: a result come late */
		return;
	struct bench_step *st = &bp.steps[bp.cur];
	st->rep = *r;
	st->done = true;
	if (st->last && !bc.json)
		out_printf(_("  run %d of %d done"), st->run + 1, BENCH_RUNS);
	bp.cur++;
	if (bp.cur == bp.n || loop_interrupted || loop_quit || bench_start(bp.cur) < 0)
		bc.done = true;
}

/* What a step gave, in its row or reference; a row's ratios against the
 * references of the same run and size (measured just before it). */
static void bench_fold(struct bench_report *rep, const struct bench_step *st)
{
	const struct bench_spec *s = &st->spec;
	double ns = (double)st->rep.v[0];
	int64_t got = st->rep.v[1];
	struct bench_refs *f = &rep->refs[st->ref];
	if (st->row < 0) {
		if (st->rep.ret < 0)
			return;
		if (s->mech == BM_BARE) {
			f->bare[f->nbare++] = ns / (double)s->count / 2;
			f->count_bare = s->count;
		} else {
			f->copy[f->ncopy++] = (double)s->count * (double)s->size * 1e3 / ns;   /* MB/s */
			f->count_copy = s->count;
		}
		return;
	}
	struct bench_row *row = &rep->rows[st->row];
	if (st->rep.ret < 0) {
		if (st->rep.err == EMSGSIZE)
			row->why_not = _("not possible: the message is longer than one datagram can be (EMSGSIZE)");
		row->nfail++;
		row->fail_err = st->rep.err;
		return;
	}
	bool bare = f->nbare > row->nrbare, copy = f->ncopy > row->nrcopy;   /* this run's references */
	if (s->mode == BENCH_LATENCY && row->nlat < BENCH_RUNS) {
		row->lat[row->nlat++] = ns / (double)s->count / 2;
		if (bare && row->mech != BM_SIGNAL)
			row->rbare[row->nrbare++] = row->lat[row->nlat - 1] / f->bare[f->nbare - 1];
	}
	if (s->mode == BENCH_THROUGHPUT && row->ntput < BENCH_RUNS) {
		row->tput[row->ntput++] = got > 0 && ns > 0 ? (double)got * 1e9 / ns : 0;
		row->lost += s->count - got;
		row->sent += s->count;
		if (copy)
			row->rcopy[row->nrcopy++] = row->tput[row->ntput - 1] * (double)s->size / 1e6 / f->copy[f->ncopy - 1];
	}
	row->parts = (s->mech == BM_MSG || s->mech == BM_MQ) ? (s->size + s->chunk - 1) / s->chunk : 1;
}

/* Every step, one after another, until the last or Ctrl-C; then what
 * they gave, and how many runs were finished. */
static void bench_go(struct bench_report *rep)
{
	bp.cur = 0;
	bc.done = bp.n == 0 || bench_start(0) < 0;
	loop_interrupt_own = true;      /* Ctrl-C stops the bench, which says so */
	while (!bc.done && !loop_interrupted && !loop_quit && bc.a->life == LIFE_ALIVE)
		loop_once(100, false);
	loop_interrupt_own = false;
	if (!bc.done && bc.a->life != LIFE_ALIVE)
		out_error(_("bench: its actor ended in the middle of a run (killed from outside?): only the runs finished before are shown"));
	for (size_t i = 0; i < bp.n && bp.steps[i].done; i++)
		rep->runs += bp.steps[i].last;
	rep->stopped = !bc.done;
	for (size_t i = 0; i < bp.n && bp.steps[i].run < rep->runs; i++)   /* a run left half done counts not */
		bench_fold(rep, &bp.steps[i]);
	free(bp.steps);
	bp = (struct bench_plan){ 0 };
}

static struct actor *bench_spawn(void)
{
	char name[IPCSH_NAME_MAX + 1];
	char *err = NULL;
	struct actor *a = actors_spawn(bench_free_name("bench", name, sizeof name), &err);
	if (a)
		a->quiet = true;
	if (!a) {
		out_error(_("bench: cannot start its actor: %s"), err ? err : "?");
		free(err);
	}
	return a;
}

/* The actor goes the way it came: exit, then reaped by ipcsh. */
static void bench_end_actor(void)
{
	if (!bc.a)
		return;
	if (bc.a->life == LIFE_ALIVE && !bc.a->in_flight) {
		struct wire_req q = { .op = OP_EXIT, .a = 0 };
		actors_call(bc.a, &q, NULL, "exit(0)", NULL);
	} else if (bc.a->life == LIFE_ALIVE) {
		bc.a->in_flight = false;      /* a result coming late is nobody's */
		kill(bc.a->pid, SIGKILL);     /* stopped in the middle of a run */
	}
	for (int i = 0; i < 100 && bc.a->life != LIFE_GONE; i++)
		loop_once(20, false);
	if (bc.a->life == LIFE_GONE)
		reg_drop_actor(bc.a);
	bc.a = NULL;
}

static void bench_plan_say(void)
{
	int n = 0;
	for (int m = 0; m < BM_NMECH; m++)
		n += bc.want[m] && m != BM_SHM_FUTEX;
	out_printf(_("  bench: mechanisms: %d, sizes: %zu, runs of each: %d (latency by ping-pong, throughput by a stream); a bare pipe and memcpy measured in every run as references; Ctrl-C stops"),
		   n, bc.nsizes, BENCH_RUNS);
}

static int bench_cmd(struct cmd_ctx *ctx)
{
	if (bench_parse(ctx) != CMD_OK)
		return CMD_REJECTED;
	struct bench_report rep = { 0 };
	rep.nsizes = bc.nsizes;
	for (size_t k = 0; k < bc.nsizes; k++)
		rep.refs[k].size = bc.sizes[k];
	memset(&bc.base, 0, sizeof bc.base);
	bc.base.msqid = bc.base.semid = bc.base.shmid = -1;
	if (!bc.json)
		bench_plan_say();
	loop_interrupted = false;
	bc.a = bench_spawn();
	int rc = bc.a ? bench_make_objects() : -1;
	if (bc.a && rc < 0)
		out_error(_("bench: cannot make its objects: %s"), strerror(errno));
	for (int r = 0; rc == 0 && r < BENCH_RUNS; r++)
		bench_plan_run(&rep, r);
	if (rc == 0)
		bench_go(&rep);
	rep.stopped |= loop_interrupted || loop_quit;
	bench_report_keep(&rep);
	bench_end_actor();
	bench_remove_objects();
	if (rep.stopped && !bc.json)
		out_printf(rep.runs ? _("  bench stopped: its actor and objects are gone; the runs finished before are below")
				    : _("  bench stopped: its actor and objects are gone; no run had finished"));
	if (bc.json) {
		bench_print_json(&rep);
	} else if (rep.runs) {
		bench_print_table(&rep);
		bench_print_charts(&rep, 0);
	}
	free(rep.rows);
	return rc == 0 || rep.stopped ? CMD_OK : CMD_REJECTED;
}

static const struct cmd_opt bench_opts[] = {
	{ "size", OPT_WORD, "N[,N...]", 0, 0, N_("sizes from 1 byte to 8M, separated by commas") },
	{ "count", OPT_INT, "N", 1, 1000000, N_("a number of messages from 1 to 1000000") },
	CMD_FLAG("--json"),
	CMD_OPT_END,
};

const struct cmd_entry cmd_bench_table[] = {
	{ "bench", "[MECH...]", N_("measure latency and throughput of pipe, fifo, msg, mq, shm, unix, unix-dgram, tcp, udp, signal with real processes"),
	  CMD_COORD, 0, -1, bench_cmd, { ARG_WORD }, 0, bench_opts },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { ARG_NONE }, 0, NULL },
};
