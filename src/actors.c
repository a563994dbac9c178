/* actors.c: the coordinator's view of each actor. A call is sent and
 * forgotten; the result comes back as a report on the control socket. If it
 * does not come quickly, the kernel is asked: /proc/PID/stat says whether the
 * actor sleeps, /proc/PID/syscall whether it sleeps inside the learner's
 * call (not in its own wait for requests), /proc/PID/wchan where. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <unistd.h>
#include "actor.h"
#include "actors.h"
#include "guard.h"
#include "loop.h"
#include "explain.h"
#include "kproc.h"
#include "out.h"
#include "sig.h"
#include "wire.h"

static char actors_kstate(pid_t pid)
{
	struct kproc_stat st;
	return kproc_stat(pid, &st) == 0 ? st.state : 0;
}

static int actors_exit_code(pid_t pid)
{
	struct kproc_stat st;
	return kproc_stat(pid, &st) == 0 ? st.exit_code : -1;
}

static pid_t actors_ppid(pid_t pid)
{
	struct kproc_stat st;
	return kproc_stat(pid, &st) == 0 ? st.ppid : -1;
}

static void actors_wchan(pid_t pid, char *out, size_t n)
{
	if (kproc_wchan(pid, out, n) < 0 || !out[0])
		snprintf(out, n, "?");
}

/* Is a sleeping actor inside the learner's call (1), rather than in its
 * own recvmsg on the control socket (0)? -1: the kernel could not say now
 * (EAGAIN while the task wakes up), so ask again later. */
static int actors_in_call(pid_t pid)
{
	struct kproc_syscall sc;
	if (kproc_syscall(pid, &sc) < 0)
		return errno == EAGAIN || errno == ESRCH ? -1 : 1;
	if (sc.running)
		return -1;
	return sc.nr != SYS_recvmsg || (long)sc.arg0 != actor_ctl_fd();
}

const char *actors_state(const struct actor *a, char *wchan, size_t n)
{
	return actors_state_k(a, a->life == LIFE_GONE ? 0 : actors_kstate(a->pid), wchan, n);
}

const char *actors_state_k(const struct actor *a, char k, char *wchan, size_t n)
{
	if (wchan && n)
		wchan[0] = '\0';
	if (a->life == LIFE_GONE)
		return N_("gone");
	if (k == 'Z' || a->life == LIFE_ZOMBIE)
		return k == 0 ? N_("gone") : N_("zombie");
	if (k == 0 && a->pid > 0)
		return N_("gone");            /* its end-of-file report is on the way */
	if (k == 'T' || k == 't')
		return N_("stopped");
	if (!a->in_flight)
		return a->hello ? N_("idle") : N_("busy");
	if (a->call.blocked && (k == 'S' || k == 'D')) {
		if (wchan)
			actors_wchan(a->pid, wchan, n);
		return N_("blocked");
	}
	return N_("busy");
}

/* Whether a stop signal was sent in this session: until then an idle
 * actor that reported is idle for the kernel too (a stop from outside
 * the session then shows when the call does not come back). */
static bool actors_stops;

void actors_stop_sent(void)
{
	actors_stops = true;
}

char *actors_unavailable(const struct actor *a)
{
	char w[64];
	if (!actors_stops && a->life == LIFE_ALIVE && a->hello && !a->in_flight)
		return NULL;              /* the fast path: no look at /proc */
	const char *st = actors_state(a, w, sizeof w);
	if (strcmp(st, "idle") == 0)
		return NULL;
	if (strcmp(st, "blocked") == 0)
		return xasprintf(_("%s is blocked in %s (in the kernel at %s)"), a->name, a->call.desc, w);
	if (strcmp(st, "busy") == 0)
		return xasprintf(_("%s is busy with %s"), a->name, a->in_flight ? a->call.desc : "fork()");
	if (strcmp(st, "stopped") == 0)
		return xasprintf(_("%s is stopped (SIGSTOP or similar); it cannot run until it gets SIGCONT"), a->name);
	if (strcmp(st, "zombie") == 0)
		return xasprintf(_("%s has exited and is a zombie: only its exit status is left"), a->name);
	return xasprintf(_("%s is gone: the process has exited"), a->name);
}

static void actors_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* The learner's descriptor limit, which actors keep; ipcsh itself holds
 * two descriptors an actor (its control socket, its pidfd), so it raises
 * its own soft limit towards the hard one. */
static struct rlimit actors_nofile;
static bool actors_nofile_known;

void actors_limits(void)
{
	(void)actor_ctl_fd();             /* fixed from the learner's limit, as in every actor */
	struct rlimit r;
	if (getrlimit(RLIMIT_NOFILE, &r) < 0)
		return;
	actors_nofile = r;
	actors_nofile_known = true;
	rlim_t want = r.rlim_max == RLIM_INFINITY || r.rlim_max > 65536 ? 65536 : r.rlim_max;
	if (r.rlim_cur != RLIM_INFINITY && r.rlim_cur < want) {
		r.rlim_cur = want;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

/* Descriptors ipcsh keeps free beside its actors', to look at the kernel
 * (a /proc file, a pidfd_getfd, a netlink socket at a time). */
#define ACTORS_FD_RESERVE 16

/* After a socketpair for a new actor: is there room for it and the
 * reserve? Its pidfd will take the place of the socket's end the actor
 * keeps, so the descriptors open now are those it will leave open. 0, or
 * -1 with errno EMFILE (also when not even the count can be made). */
static int actors_fd_room(void)
{
	struct rlimit r;
	if (getrlimit(RLIMIT_NOFILE, &r) < 0 || r.rlim_cur == RLIM_INFINITY)
		return 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d && errno == ENOENT)
		return 0;                 /* no /proc to count in: the kernel will say */
	rlim_t used = 0;
	while (d && readdir(d))
		used++;
	if (d)
		closedir(d);
	used = used > 3 ? used - 3 : 0;   /* ".", "..", and the count's own */
	if (d && used + ACTORS_FD_RESERVE <= r.rlim_cur)
		return 0;
	errno = EMFILE;
	return -1;
}

/* Why an actor could not be made: the call (NULL: ipcsh's own check),
 * its errno, and for a limit, which one and what it allows. */
static char *actors_spawn_error(const char *call)
{
	int e = errno;
	struct rlimit r;
	char *limit = NULL;
	if (e == EMFILE && getrlimit(RLIMIT_NOFILE, &r) == 0)
		limit = xasprintf(_("ipcsh holds two descriptors for each actor and keeps %d free to look at the kernel, and it may have %llu open (it raises its own limit to the hard one, ulimit -Hn)"),
				  ACTORS_FD_RESERVE, (unsigned long long)r.rlim_cur);
	else if (e == EAGAIN && call && !strcmp(call, "fork") && getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur != RLIM_INFINITY)
		limit = xasprintf(_("this user may run %llu processes at once (ulimit -u, RLIMIT_NPROC), or the system is out of them"),
				  (unsigned long long)r.rlim_cur);
	char *msg = limit ? xasprintf("%s%s%s: %s", call ? call : "", call ? ": " : "", strerror(e), limit)
			  : xasprintf("%s%s%s", call ? call : "", call ? ": " : "", strerror(e));
	free(limit);
	return msg;
}

/* This program's file, to run actors from; NULL when it is gone. */
static const char *actors_self(void)
{
	static char self[PATH_MAX];
	static int known;
	if (!known) {
		ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
		self[n > 0 ? n : 0] = '\0';
		known = n > 0 && !strstr(self, " (deleted)") ? 1 : -1;
	}
	return known > 0 ? self : NULL;
}

struct actor *actors_spawn(const char *name, char **err)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		*err = actors_spawn_error("socketpair");
		return NULL;
	}
	if (actors_fd_room() < 0) {
		*err = actors_spawn_error(NULL);
		close(sv[0]);
		close(sv[1]);
		return NULL;
	}
	fflush(NULL);
	static bool warned;
	if (guard_ensure() < 0 && !warned) {
		out_error(_("cannot start the guard process (%s): actors whose parent ends may outlive a killed ipcsh"),
			  strerror(errno));
		warned = true;
	}
	pid_t pid = fork();
	if (pid < 0) {
		*err = actors_spawn_error("fork");
		close(sv[0]);
		close(sv[1]);
		return NULL;
	}
	if (pid == 0) {
		guard_join(0);
		if (actors_nofile_known)
			setrlimit(RLIMIT_NOFILE, &actors_nofile);
		actor_exec(sv[1], actors_self());
	}
	guard_join(pid);
	close(sv[1]);
	/* its pidfd is ipcsh's second descriptor for it: without one the
	 * actor could not be watched, so there is no actor */
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pfd < 0 && errno != ENOSYS) {
		*err = actors_spawn_error("pidfd_open");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(sv[0]);
		return NULL;
	}
	actors_nonblock(sv[0]);
	return reg_add_actor(name, pid, pfd, sv[0], NULL);
}

static int actors_send(struct actor *a, const struct wire_req *q, const void *data, int passfd)
{
	if (a->ctl < 0 || wire_send(a->ctl, q, sizeof *q, data, q->len, passfd) < 0) {
		out_error(_("cannot reach %s: its control socket is closed"), a->name);
		return -1;
	}
	return 0;
}

int actors_call(struct actor *a, const struct wire_req *q, const void *data,
		const char *desc, call_done_fn *done)
{
	if (actors_send(a, q, data, -1) < 0)
		return -1;
	memset(&a->call, 0, sizeof a->call);
	snprintf(a->call.desc, sizeof a->call.desc, "%s", desc);
	a->call.done = done;
	a->call.start_us = util_now_us();
	a->in_flight = true;
	a->sleep_probe_us = 0;
	return 0;
}

int actors_fork(struct actor *parent, const char *name, call_done_fn *done)
{
	int sv[2] = { -1, -1 };
	bool made = socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0;
	if (!made || actors_fd_room() < 0) {
		char *why = actors_spawn_error(made ? NULL : "socketpair");
		out_error(_("cannot make actor %s: %s"), name, why);
		free(why);
		if (made) {
			close(sv[0]);
			close(sv[1]);
		}
		return -1;
	}
	struct wire_req q = { .op = OP_FORK };
	int rc = actors_send(parent, &q, NULL, sv[1]);
	close(sv[1]);
	if (rc < 0) {
		close(sv[0]);
		return -1;
	}
	actors_nonblock(sv[0]);
	struct actor *child = reg_add_actor(name, 0, -1, sv[0], parent->name);
	reg_fd_copy(child, parent);
	for (size_t i = 0; i < parent->nmaps; i++)
		reg_map_add(child, parent->maps[i].obj, parent->maps[i].addr, parent->maps[i].len, parent->maps[i].ro);
	memset(&parent->call, 0, sizeof parent->call);
	snprintf(parent->call.desc, sizeof parent->call.desc, "fork()");
	snprintf(parent->call.obj, sizeof parent->call.obj, "%s", name);
	parent->call.done = done;
	parent->call.start_us = util_now_us();
	parent->in_flight = true;
	return 0;
}

char *actors_describe_status(int st)
{
	char sb[32];
	if (WIFEXITED(st))
		return xasprintf(_("exited with status %d"), WEXITSTATUS(st));
	if (WIFSIGNALED(st))
		return xasprintf(_("killed by %s%s"), sig_name(WTERMSIG(st), sb, sizeof sb),
				 WCOREDUMP(st) ? _(" (core dumped)") : "");
	return xasprintf(_("status 0x%x"), st);
}

static void actors_woke_suffix(const struct call *c, struct buf *b)
{
	if (!c->blocked)
		return;
	double s = (double)(util_now_us() - c->start_us) / 1e6;
	buf_printf(b, _("   (woke after %.1f s)"), s);
}

void actors_print_result(struct actor *a, const struct call *c,
			 const struct wire_rep *r, const char *extra)
{
	struct buf b = {0};
	buf_printf(&b, "  %s: %s = %lld", a->name, c->desc, (long long)r->ret);
	if (r->ret < 0)
		buf_printf(&b, " %s: %s", explain_errno_name(r->err), explain_errno_call(c->explain_as[0] ? c->explain_as : c->desc, r->err));
	if (extra && *extra)
		buf_printf(&b, "%s", extra);
	actors_woke_suffix(c, &b);
	out_event(r->ret < 0 ? OUT_FAILED : c->blocked ? OUT_WOKE : OUT_NORMAL, "%s", b.s);
	buf_free(&b);
}

static void actors_set_last(struct actor *a, const struct wire_rep *r, const char *data)
{
	const char *desc = a->call.desc;
	size_t n = strcspn(desc, "(");
	snprintf(a->last.call, sizeof a->last.call, "%.*s", (int)n, desc);
	a->last.set = true;
	a->last.ret = r->ret;
	a->last.err = r->ret < 0 ? r->err : 0;
	free(a->last.data);
	a->last.data = NULL;
	a->last.dlen = 0;
	if (r->len > r->extra) {
		a->last.data = xstrndup(data, r->len - r->extra);
		a->last.dlen = r->len - r->extra;
	}
}

size_t actors_sleepers(const struct actor *a, const struct call *c, const char *call,
			const struct actor **out, size_t max)
{
	size_t n = 0, len = strlen(call);
	for (size_t i = 0; i < reg.nactors && n < max; i++) {
		const struct actor *b = reg.actors[i];
		if (b == a || !b->call.blocked || strcmp(b->call.obj, c->obj) ||
		    strncmp(b->call.desc, call, len) || b->call.desc[len] != '(')
			continue;
		if (b->in_flight || b->call.end_us >= c->start_us)
			out[n++] = b;
	}
	return n;
}

/* Its place among the actors, the order held lines print in. */
static int actors_rank(const struct actor *a)
{
	for (size_t i = 0; i < reg.nactors; i++)
		if (reg.actors[i] == a)
			return (int)i;
	return 0;
}

/* A woken call's result is printed after the result of the call that
 * woke it: while a command settles, woken results are held back and
 * printed when it has settled, in the actors' order (several woken by one
 * call then read the same every time). */
static void actors_on_result(struct actor *a, const struct wire_rep *r, const char *data)
{
	if (!a->in_flight)
		return;
	a->in_flight = false;
	a->call.end_us = util_now_us();
	actors_set_last(a, r, data);
	struct call c = a->call;
	bool hold = c.blocked && loop_settling();
	out_hold(hold ? actors_rank(a) : -1);
	if (c.done)
		c.done(a, &c, r, data);
	else
		actors_print_result(a, &c, r, NULL);
	out_hold(-1);
}

/* "B (pid 12)", "ipcsh (pid 10)", "pid 77 (outside the session)", "the kernel" */
static void actors_sender(struct buf *b, int pid, int code)
{
	const struct actor *s = pid > 0 ? reg_actor_by_pid(pid) : NULL;
	if (pid <= 0 || code == SI_KERNEL)
		buf_adds(b, _("the kernel"));
	else if (s)
		buf_printf(b, "%s (pid %d)", s->name, pid);
	else if (pid == reg.pid)
		buf_printf(b, "ipcsh (pid %d)", pid);
	else
		buf_printf(b, _("pid %d (outside the session)"), pid);
}

static void actors_record_delivery(struct actor *a, const struct sig_delivery *d)
{
	if (!a->deliv)
		a->deliv = xcalloc(SIG_DELIVERIES_MAX, sizeof *a->deliv);
	if (a->ndeliv == SIG_DELIVERIES_MAX) {
		memmove(a->deliv, a->deliv + 1, (SIG_DELIVERIES_MAX - 1) * sizeof *a->deliv);
		a->ndeliv--;
	}
	a->deliv[a->ndeliv++] = *d;
}

void actors_delivery_text(struct buf *b, const struct sig_delivery *d)
{
	char sb[32];
	struct buf from = {0};
	actors_sender(&from, d->pid, d->code);
	buf_printf(b, _("%s from %s, si_code %s"), sig_name(d->sig, sb, sizeof sb), from.s,
		   explain_fault_code(d->sig, d->code));
	buf_free(&from);
	const char *what = explain_si_value(d->sig, d->code);
	if (what)
		buf_printf(b, ", %s %lld", what, (long long)d->value);
}

static void actors_on_signal_report(struct actor *a, const struct wire_rep *r)
{
	struct sig_delivery d = { (int)r->v[0], (int)r->v[1], (int)r->v[2], r->v[0] == SIGCHLD ? r->ret : r->v[3] };
	if (d.sig > 0 && d.sig <= 64)
		a->received[d.sig]++;
	actors_record_delivery(a, &d);
	struct buf b = {0};
	actors_delivery_text(&b, &d);
	/* caught by an actor that is not in a call of its own while a command
	 * settles: that command sent it (kill, mq_send, a child's end), and
	 * its result comes first, as a woken call's does */
	out_hold(!a->in_flight && loop_settling() ? actors_rank(a) : -1);
	out_event(OUT_SIGNAL, _("  %s: caught %s"), a->name, b.s);
	out_hold(-1);
	buf_free(&b);
}

static void actors_on_hello(struct actor *a, const struct wire_rep *r)
{
	a->hello = true;
	if (a->pid <= 0) {
		a->pid = r->pid;
		a->pidfd = (int)syscall(SYS_pidfd_open, a->pid, 0);
		reg_save();
	}
}

/* Its parent has ended, so the kernel gave its children to the nearest
 * subreaper: ipcsh. */
static void actors_adopt_children(const struct actor *a)
{
	for (size_t i = 0; i < reg.nactors; i++) {
		struct actor *c = reg.actors[i];
		if (c == a || c->life == LIFE_GONE || strcmp(c->parent, a->name))
			continue;
		c->parent[0] = '\0';
		out_printf(_("  %s is an orphan now: its parent %s has ended, so the kernel made ipcsh (pid %d, a child subreaper) its parent"),
			   c->name, a->name, (int)reg.pid);
	}
}

/* Whether an idle actor may have a signal on its way (a kill, a sigqueue,
 * an mq_notify, or any death: its parent's SIGCHLD): only then does a
 * settle read /proc/PID/status of idle actors. */
static bool actors_watch;

void actors_watch_signals(bool on)
{
	actors_watch = on;
}

/* The actor's process has ended: report it once, forget its descriptors. */
static void actors_report_death(struct actor *a)
{
	actors_watch = true;              /* the parent's SIGCHLD may be due */
	a->gen++;
	char *how = a->have_exit ? actors_describe_status(a->wstatus) : xstrdup(_("ended"));
	if (a->quiet) {
		a->in_flight = false;
	} else if (a->in_flight) {
		out_event(OUT_EXIT, "  %s: %s %s %s", a->name, a->call.desc, util_ellipsis(), how);
		a->in_flight = false;
	} else {
		out_event(OUT_EXIT, _("  %s %s"), a->name, how);
	}
	if (!a->quiet && a->life == LIFE_ZOMBIE)
		out_printf(_("  %s is now a zombie: it stays in the process table until its parent %s calls wait()"),
			   a->name, a->parent[0] ? a->parent : "ipcsh");
	else if (!a->quiet && a->reaped_by_ipcsh)
		out_printf(_("  %s was reaped by ipcsh, its parent"), a->name);
	free(how);
	actors_adopt_children(a);
	a->nfds = 0;
	a->nmaps = 0;
	if (strcmp(reg.use, a->name) == 0 && a->life == LIFE_GONE)
		reg.use[0] = '\0';
	reg_forget_unheld();
}

static void actors_on_eof(struct actor *a)
{
	close(a->ctl);
	a->ctl = -1;
	if (a->life == LIFE_ALIVE)
		a->life = LIFE_DYING;
	actors_probe();
}

void actors_on_readable(struct actor *a)
{
	static char buf[sizeof(struct wire_rep) + WIRE_DATA_MAX + 1];
	while (a->ctl >= 0) {
		int passfd;
		ssize_t n = wire_recv(a->ctl, buf, sizeof buf - 1, &passfd);
		if (passfd >= 0)
			close(passfd);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n < (ssize_t)sizeof(struct wire_rep)) {
			actors_on_eof(a);
			return;
		}
		struct wire_rep *r = (struct wire_rep *)buf;
		const char *data = buf + sizeof *r;
		buf[n] = '\0';
		a->gen++;
		if (r->kind == W_HELLO)
			actors_on_hello(a, r);
		else if (r->kind == W_RESULT)
			actors_on_result(a, r, data);
		else if (r->kind == W_SIGNAL)
			actors_on_signal_report(a, r);
	}
}

void actors_on_sigchld(void)
{
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (guard_reaped(pid))
			continue;
		struct actor *a = reg_actor_by_pid(pid);
		if (!a || a->life == LIFE_GONE)
			continue;
		if (a->life == LIFE_ZOMBIE) {     /* an orphan that came to us */
			a->life = LIFE_GONE;
			a->reaped_by_ipcsh = true;
			out_printf(_("  %s was reaped by ipcsh, which adopted it when its parent died"), a->name);
			continue;
		}
		a->have_exit = true;
		a->wstatus = st;
		a->reaped_by_ipcsh = true;
		a->life = LIFE_GONE;
		if (a->ctl >= 0) {
			close(a->ctl);
			a->ctl = -1;
		}
		actors_report_death(a);
	}
}

/* Gone without being a zombie: when its parent ignores SIGCHLD (or set
 * SA_NOCLDWAIT) the kernel reaps a child itself, at once. */
static void actors_note_autoreap(const struct actor *a)
{
	const struct actor *p = a->parent[0] ? reg_actor(a->parent) : NULL;
	struct kproc_status st;
	if (!p || p->life != LIFE_ALIVE)
		return;
	if (kproc_status(p->pid, &st) < 0 || !(st.ignored & (1ull << (SIGCHLD - 1))))
		return;
	out_printf(_("  %s left no zombie: its parent %s ignores SIGCHLD, so the kernel reaped it at once (a wait for it in %s fails with ECHILD)"),
		   a->name, p->name, p->name);
}

void actors_reaped(struct actor *child, int wstatus)
{
	child->have_exit = true;
	child->wstatus = wstatus;
	bool told = child->life == LIFE_ZOMBIE || child->life == LIFE_GONE;
	child->life = LIFE_GONE;
	if (!told)                        /* reaped before ipcsh saw it die */
		actors_report_death(child);
}

/* A dying actor whose parent is another actor: zombie or already reaped. */
static void actors_probe_dying(struct actor *a)
{
	char k = actors_kstate(a->pid);
	if (k == 'Z' && actors_ppid(a->pid) == reg.pid)
		return;                   /* ours to reap: SIGCHLD reports it */
	if (k == 'Z') {
		int code = actors_exit_code(a->pid);
		a->have_exit = code >= 0;
		a->wstatus = code;
		a->life = LIFE_ZOMBIE;
		actors_report_death(a);
	} else if (k == 0) {
		a->life = LIFE_GONE;
		actors_report_death(a);
		actors_note_autoreap(a);
	}
}

/* voluntary_ctxt_switches of /proc/PID/status: how often it went to sleep. */
static uint64_t actors_ctxsw(pid_t pid)
{
	struct kproc_status st;
	return kproc_status(pid, &st) == 0 ? st.vol_ctxsw : 0;
}

/* How long a reply may take before ipcsh asks the kernel where the call
 * is: a round trip takes tens of microseconds, a busy machine (or strace,
 * or a sanitizer build) a few milliseconds. Until then no /proc file is
 * read for the call: the reply usually comes first. */
#define ACTORS_GRACE_US 10000

static bool actors_in_grace(const struct actor *a)
{
	return !a->call.blocked && util_now_us() - a->call.start_us < ACTORS_GRACE_US;
}

static void actors_probe_call(struct actor *a)
{
	if (actors_in_grace(a))
		return;
	char k = actors_kstate(a->pid);
	if ((k != 'S' && k != 'D') || actors_in_call(a->pid) != 1) {
		a->sleep_probe_us = 0;
		return;
	}
	/* A loop of calls (add) sleeps now and then as part of its work, and
	 * a sleep in D is the kernel's own work (msync waiting for the disk):
	 * blocked only after 250 ms asleep without a context switch. */
	bool patient = a->call.long_run || k == 'D';
	int64_t now = util_now_us();
	if (!a->sleep_probe_us) {         /* seen asleep once: look again */
		a->sleep_probe_us = now;
		a->call.ctxsw = patient ? actors_ctxsw(a->pid) : 0;
		return;
	}
	if (patient) {
		uint64_t sw = actors_ctxsw(a->pid);
		if (sw != a->call.ctxsw) {
			a->call.ctxsw = sw;
			a->sleep_probe_us = now;
			return;
		}
		if (now - a->sleep_probe_us < 250000)
			return;
	}
	actors_wchan(a->pid, a->call.wchan, sizeof a->call.wchan);
	a->call.blocked = true;
	const char *why = explain_wchan_short(a->call.wchan);
	if (!a->quiet)                    /* a tool's actor: its tool speaks */
		out_event(OUT_BLOCKED, _("  %s: %s %s blocked in %s%s%s"), a->name, a->call.desc, util_ellipsis(),
			   a->call.wchan, why ? " - " : "", why ? why : "");
}

void actors_probe(void)
{
	for (size_t i = 0; i < reg.nactors; i++) {
		struct actor *a = reg.actors[i];
		if (a->life == LIFE_DYING)
			actors_probe_dying(a);
		else if (a->life == LIFE_ZOMBIE && actors_kstate(a->pid) == 0)
			a->life = LIFE_GONE;
		else if (a->life == LIFE_ALIVE && a->in_flight && !a->call.blocked && a->hello)
			actors_probe_call(a);
	}
}

void actors_kicked(struct actor *a)
{
	if (a->life == LIFE_ALIVE)
		a->kick_us = util_now_us();
}

/* Is a signal on its way into pid: one pending and not blocked, or the
 * process running (its handler, or dying of it)? A stopped process runs
 * nothing until SIGCONT, so it is quiet. *gone: no such process. */
static bool actors_signal_due(pid_t pid, bool *gone)
{
	struct kproc_status st;
	*gone = kproc_status(pid, &st) < 0;
	if (*gone)
		return false;
	char k = st.state;
	/* R: running the signal's effect; Z: died of it, report on the way;
	 * CoreDumping: dying of it, asleep while the core is written */
	return k == 'R' || k == 'Z' || st.coredumping || (k != 'T' && k != 't' && (st.pending & ~st.blocked));
}

/* Has a signal sent to a reached it? Gives up after 500 ms. */
static bool actors_kick_done(struct actor *a)
{
	if (!a->kick_us)
		return true;
	bool gone;
	/* gone: its end-of-file report is on the way */
	bool done = !actors_signal_due(a->pid, &gone) && !gone;
	if (done || util_now_us() - a->kick_us > 500000)
		a->kick_us = 0;
	return a->kick_us == 0;
}

/* Is a done for now: idle, blocked, stopped or gone, with no result or
 * report on its way? With signals, also no signal about to run its
 * handler or end it (a settle waits for that report; the poll loop need
 * not look, since the report itself wakes it). */
static bool actors_actor_settled(struct actor *a, bool signals)
{
	bool gone;
	if (a->life == LIFE_DYING)
		return false;
	if (a->life != LIFE_ALIVE)
		return true;
	if (!a->hello || !actors_kick_done(a))
		return false;
	if (!a->in_flight)                /* an idle actor's end comes as end-of-file */
		return !signals || !actors_watch || !actors_signal_due(a->pid, &gone);
	if (actors_in_grace(a))
		return false;             /* just sent: give the result a moment */
	char k = actors_kstate(a->pid);   /* late: ask the kernel where it is */
	if (k == 0 || k == 'Z')
		return false;             /* ended: its report is on the way */
	if (k == 'T' || k == 't') {
		/* with no stop sent by this session, it came from outside: say
		 * so once, and from now on ask before each call */
		if (!actors_stops && !a->call.stop_said)
			out_event(OUT_SIGNAL, _("  %s is stopped (a stop signal from outside this session): %s waits until it gets SIGCONT"),
				  a->name, a->call.desc);
		a->call.stop_said = true;
		actors_stops = true;
		return true;
	}
	/* blocked, and still asleep inside the call: not woken, no result due
	 * (and not dying of a signal while it writes a core) */
	return a->call.blocked && (k == 'S' || k == 'D') && actors_in_call(a->pid) == 1 &&
	       (!signals || !actors_signal_due(a->pid, &gone));
}

bool actors_settled_in(struct actor *const *only, size_t n)
{
	if (n) {
		for (size_t i = 0; i < n; i++)
			if (!actors_actor_settled(only[i], true))
				return false;
		return true;
	}
	for (size_t i = 0; i < reg.nactors; i++)
		if (!actors_actor_settled(reg.actors[i], true))
			return false;
	return true;
}

bool actors_settled(void)
{
	return actors_settled_in(NULL, 0);
}

/* 1 ms while a call in flight has not been seen settle (the probe that
 * finds it blocked runs when poll times out), else no timeout. */
int actors_poll_timeout(void)
{
	for (size_t i = 0; i < reg.nactors; i++)
		if (!actors_actor_settled(reg.actors[i], false))
			return 1;
	return -1;
}
