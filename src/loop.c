/* loop.c: one poll() loop for everything. The coordinator never makes a
 * call that could block on a learner's object; it waits here, on the
 * terminal or script, the actors' reports and a signalfd. */
#include "config.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include "actors.h"
#include "loop.h"
#include "out.h"
#include "registry.h"

bool loop_quit;
int loop_quit_signal;
bool loop_interrupted;
bool loop_interrupt_own;

static int loop_sigfd = -1;
static int loop_input_fd = -1;
static bool loop_input_busy;
static void (*loop_input_cb)(void);
static void (*loop_sigint_cb)(void);
static void (*loop_view_after)(bool);
static int (*loop_view_wait)(void);
static void (*loop_winch_cb)(void);
#define LOOP_EXTRA_MAX 4
static struct loop_extra {
	int fd;
	void (*cb)(void);
} loop_extra[LOOP_EXTRA_MAX];
static size_t loop_nextra;

void loop_set_view(void (*after)(bool reports), int (*wait_ms)(void), void (*winch)(void))
{
	loop_view_after = after;
	loop_view_wait = wait_ms;
	loop_winch_cb = winch;
}

void loop_watch(int fd, void (*cb)(void))
{
	for (size_t i = 0; i < loop_nextra; i++)
		if (loop_extra[i].fd == fd) {
			loop_extra[i] = loop_extra[--loop_nextra];
			break;
		}
	if (cb && loop_nextra < LOOP_EXTRA_MAX)
		loop_extra[loop_nextra++] = (struct loop_extra){ fd, cb };
}

struct loop_note {
	void (*fn)(const char *);
	char *arg;
};
static struct loop_note *loop_notes;
static size_t loop_nnotes;

void loop_after_settle(void (*fn)(const char *), const char *arg)
{
	for (size_t i = 0; i < loop_nnotes; i++)
		if (loop_notes[i].fn == fn && !strcmp(loop_notes[i].arg, arg))
			return;
	loop_notes = xrealloc(loop_notes, (loop_nnotes + 1) * sizeof *loop_notes);
	loop_notes[loop_nnotes++] = (struct loop_note){ fn, xstrdup(arg) };
}

static void loop_run_notes(void)
{
	if (!loop_nnotes || !actors_settled())
		return;
	struct loop_note *notes = loop_notes;
	size_t n = loop_nnotes;
	loop_notes = NULL;
	loop_nnotes = 0;
	for (size_t i = 0; i < n; i++) {
		notes[i].fn(notes[i].arg);
		free(notes[i].arg);
	}
	free(notes);
}

int loop_init(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGWINCH);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	loop_sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	return loop_sigfd < 0 ? -1 : 0;
}

void loop_set_input(int fd, void (*on_input)(void))
{
	loop_input_fd = fd;
	loop_input_cb = on_input;
}

void loop_input_while_busy(bool on)
{
	loop_input_busy = on;
}

void loop_set_sigint(void (*on_sigint)(void))
{
	loop_sigint_cb = on_sigint;
}

static void loop_on_signals(void)
{
	struct signalfd_siginfo si;
	while (read(loop_sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		int sig = (int)si.ssi_signo;
		if (sig == SIGCHLD) {
			actors_on_sigchld();
		} else if (sig == SIGWINCH) {
			if (loop_winch_cb)
				loop_winch_cb();
		} else if (sig == SIGINT && loop_sigint_cb) {
			loop_sigint_cb();
		} else if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT) {
			loop_quit = true;
			loop_quit_signal = sig;
		}
	}
	actors_on_sigchld();
}

int loop_once(int timeout_ms, bool with_input)
{
	size_t n = reg.nactors;
	struct pollfd *pf = xcalloc(n + 2 + LOOP_EXTRA_MAX, sizeof *pf);
	struct actor **who = xcalloc(n + 2 + LOOP_EXTRA_MAX, sizeof *who);
	size_t k = 0;
	pf[k++] = (struct pollfd){ .fd = loop_sigfd, .events = POLLIN };
	bool input = (with_input || loop_input_busy) && loop_input_fd >= 0 && loop_input_cb;
	if (input)
		pf[k++] = (struct pollfd){ .fd = loop_input_fd, .events = POLLIN };
	size_t extra = k, nextra = loop_nextra;
	void (*extra_cb[LOOP_EXTRA_MAX])(void);
	for (size_t i = 0; i < nextra; i++) {
		extra_cb[i] = loop_extra[i].cb;
		pf[k++] = (struct pollfd){ .fd = loop_extra[i].fd, .events = POLLIN };
	}
	size_t first_actor = k;
	int view_ms = loop_view_wait ? loop_view_wait() : -1;
	if (view_ms >= 0 && (timeout_ms < 0 || timeout_ms > view_ms))
		timeout_ms = view_ms;
	bool reports = false;
	for (size_t i = 0; i < n; i++) {
		if (reg.actors[i]->ctl < 0)
			continue;
		who[k] = reg.actors[i];
		pf[k++] = (struct pollfd){ .fd = reg.actors[i]->ctl, .events = POLLIN };
	}
	int rc = poll(pf, k, timeout_ms);
	if (rc > 0) {
		if (pf[0].revents)
			loop_on_signals();
		/* reports before input: results print before the next command */
		for (size_t i = first_actor; i < k; i++)
			if (pf[i].revents && who[i]->ctl == pf[i].fd) {
				actors_on_readable(who[i]);
				reports = true;
			}
		for (size_t i = 0; i < nextra; i++)
			if (pf[extra + i].revents) {
				extra_cb[i]();
				reports = true;
			}
		if (input && pf[1].revents && !loop_quit)
			loop_input_cb();
	} else if (rc < 0 && errno != EINTR) {
		out_error("poll: %s", strerror(errno));
		loop_quit = true;
	}
	free(pf);
	free(who);
	if (rc == 0)                /* quiet for a while: ask the kernel */
		actors_probe();
	loop_run_notes();
	if (loop_view_after)
		loop_view_after(reports);
	return rc > 0 ? rc : 0;
}

void loop_settle(void)
{
	loop_settle_in(NULL, 0);
}

static bool loop_in_settle;

bool loop_settling(void)
{
	return loop_in_settle;
}

void loop_settle_in(struct actor *const *only, size_t n)
{
	int64_t deadline = util_now_ms() + reg.settle_ms;
	loop_in_settle = true;
	while (!loop_quit && !loop_interrupted) {
		/* calm only when nothing is left unread: a handler's report or a
		 * woken call's result may already wait in a socket */
		if (actors_settled_in(only, n) && loop_once(0, false) == 0 && actors_settled_in(only, n))
			break;
		if (deadline - util_now_ms() <= 0)
			break;
		loop_once(1, false);
	}
	loop_in_settle = false;
	loop_run_notes();   /* a note on the state a call left comes with that call, */
	out_flush_held();   /* then what it woke */
}

void loop_sleep(int ms)
{
	int64_t deadline = util_now_ms() + ms;
	while (!loop_quit && !loop_interrupted) {
		int64_t left = deadline - util_now_ms();
		if (left <= 0)
			return;
		int t = actors_poll_timeout();
		loop_once(t < 0 || t > left ? (int)left : t, false);
	}
}
