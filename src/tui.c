/* tui.c: the live view's life and events: taking the terminal (and giving
 * it back on every way out, a crash included), the event log fed by out.c,
 * stderr caught so it never scribbles on the screen, when to read the
 * kernel again (after each command and report, at most every
 * TUI_BURST_MS while they pour in, else every TUI_TICK_MS, with probe.c
 * keeping the holders outside the session until inotify says they may
 * have changed), SIGWINCH and the keys. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <curses.h>
#include <term.h>
#include "loop.h"
#include "notify.h"
#include "out.h"
#include "probe.h"
#include "tui.h"
#include "tui_draw.h"
#include "tui_line.h"
#include "tui_log.h"
#include "tui_panels.h"

#define TUI_TICK_MS 250          /* the low-rate probe */
#define TUI_BURST_MS 40          /* redraws while reports pour in, at most */

static SCREEN *tui_screen;
static struct termios tui_tios;
static bool tui_tios_ok;
static char tui_restore_seq[128];  /* what a crash writes: rmcup, cnorm, sgr0 */
static size_t tui_restore_len;
static int tui_err_pipe = -1, tui_err_saved = -1;
static struct buf tui_err_text;    /* stderr while the view was up */
static int64_t tui_last_draw, tui_last_probe;
static bool tui_dirty;
static uint64_t tui_snap_gen = UINT64_MAX;  /* reg.gen when the snapshot was taken */

/* ---- the snapshot ---- */

static void tui_snapshot(bool fresh)
{
	world_free(&tui.snap);
	if (!tui.watch)
		notify_sync();            /* watch new FIFOs before looking */
	tui_snap_gen = reg.gen;
	if (tui.probe)
		tui.probe(&tui.snap);
	else if (fresh)
		probe_world(&tui.snap);
	else
		probe_world_live(&tui.snap);
	tui_last_probe = util_now_ms();
}

/* The snapshot points at the registry's actors and objects: once one may
 * have been freed (reg.gen moved), look again before using it. */
static void tui_snap_valid(void)
{
	if (!tui.watch && tui_snap_gen != reg.gen)
		tui_snapshot(false);
}

static void tui_paint(void)
{
	tui_snap_valid();
	tui_draw_all();
	tui_last_draw = util_now_ms();
	tui_dirty = false;
}

void tui_refresh(void)
{
	if (!tui_screen)
		return;
	tui_snapshot(false);
	tui_paint();
}

/* How long the loop may sleep before the view wants to run: the rest of
 * the burst when something was printed, else until the next probe. */
static int tui_wait_ms(void)
{
	int64_t now = util_now_ms();
	int64_t due = tui_last_probe + TUI_TICK_MS;
	if (tui_dirty && tui_last_draw + TUI_BURST_MS < due)
		due = tui_last_draw + TUI_BURST_MS;
	return due <= now ? 0 : (int)(due - now);
}

/* After each round of the loop: reports make the view dirty; draw at
 * most every TUI_BURST_MS while they come, and probe every TUI_TICK_MS. */
static void tui_after(bool reports)
{
	int64_t now = util_now_ms();
	if (reports)
		tui_dirty = true;
	if (now - tui_last_probe >= TUI_TICK_MS || (tui_dirty && now - tui_last_draw >= TUI_BURST_MS)) {
		tui_snapshot(false);
		tui_paint();
	}
}

/* ---- output ---- */

static void tui_on_out(enum out_kind kind, const char *line)
{
	char ts[16];
	time_t t = time(NULL);
	struct tm tm;
	strftime(ts, sizeof ts, "%H:%M:%S ", localtime_r(&t, &tm));
	char *s = xasprintf("%s%s", ts, line);
	if (kind == OUT_COMMAND)
		tui.log_scroll = 0;
	else if (tui.log_scroll)       /* keep the rows being read in place */
		tui.log_scroll += tui_draw_log_rows(s);
	tui_log_add(kind, s);
	free(s);
	tui_dirty = true;
}

static void tui_on_stderr(void)
{
	char chunk[1024];
	ssize_t n;
	while ((n = read(tui_err_pipe, chunk, sizeof chunk - 1)) > 0) {
		chunk[n] = '\0';
		buf_add(&tui_err_text, chunk, (size_t)n);
		if (chunk[n - 1] == '\n')
			chunk[n - 1] = '\0';
		tui_on_out(OUT_ERROR, chunk);
	}
}

/* stderr into a pipe we read: nothing may write over the screen. */
static void tui_catch_stderr(void)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0)
		return;
	tui_err_saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (tui_err_saved < 0 || dup2(p[1], STDERR_FILENO) < 0) {
		close(p[0]);
		close(p[1]);
		return;
	}
	close(p[1]);
	tui_err_pipe = p[0];
	loop_watch(tui_err_pipe, tui_on_stderr);
}

static void tui_release_stderr(void)
{
	if (tui_err_pipe < 0)
		return;
	fflush(stderr);
	tui_on_stderr();
	loop_watch(tui_err_pipe, NULL);
	dup2(tui_err_saved, STDERR_FILENO);
	close(tui_err_saved);
	close(tui_err_pipe);
	tui_err_pipe = tui_err_saved = -1;
}

/* ---- the terminal ---- */

/* A fatal signal: the terminal as it was, then what was written to
 * stderr and not yet shown (glibc's last words), then die of it. Only
 * async-signal-safe calls. */
static void tui_crash(int sig)
{
	if (tui_tios_ok)
		tcsetattr(STDIN_FILENO, TCSANOW, &tui_tios);
	if (tui_restore_len && write(STDOUT_FILENO, tui_restore_seq, tui_restore_len) < 0)
		tui_restore_len = 0;
	if (tui_err_pipe >= 0 && tui_err_saved >= 0) {
		dup2(tui_err_saved, STDERR_FILENO);
		char chunk[512];
		ssize_t n;
		while ((n = read(tui_err_pipe, chunk, sizeof chunk)) > 0)
			if (write(STDERR_FILENO, chunk, (size_t)n) < 0)
				break;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void tui_add_cap(const char *name)
{
	const char *s = tigetstr(name);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (tui_restore_len + n < sizeof tui_restore_seq) {
		memcpy(tui_restore_seq + tui_restore_len, s, n);
		tui_restore_len += n;
	}
}

/* Every signal whose default action would end ipcsh with the screen
 * taken (those the loop handles -- INT, TERM, HUP, QUIT -- end it cleanly). */
static void tui_crash_handlers(bool on)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGXCPU,
				    SIGXFSZ, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO, SIGPWR };
	static char altstack[65536];
	if (on) {                      /* a stack overflow still gets its handler */
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
		sigaltstack(&ss, NULL);
	}
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa = { .sa_handler = on ? tui_crash : SIG_DFL, .sa_flags = SA_RESETHAND | SA_ONSTACK };
		sigaction(sigs[i], &sa, NULL);
	}
}

static void tui_colors(void)
{
	const char *nc = getenv("NO_COLOR");
	tui.color = !(nc && *nc) && has_colors() && start_color() == OK;
	if (!tui.color)
		return;
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_GREEN, -1);
	init_pair(4, COLOR_MAGENTA, -1);
	init_pair(5, COLOR_CYAN, -1);
	init_pair(6, COLOR_BLUE, -1);
}

static void tui_on_winch(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	tui_paint();
}

static void tui_keys_matches(char **matches, int n);

/* What the line editor asks of the view. */
static const struct tui_line_view tui_for_line = {
	tui_draw_input, tui_keys_do, tui_keys_matches, tui_keys_dismiss,
};

bool tui_start(char **why)
{
	const char *term = getenv("TERM");
	*why = NULL;                   /* no terminal or TERM=dumb: line mode, quietly */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term || !*term || !strcmp(term, "dumb"))
		return false;
	tui_tios_ok = tcgetattr(STDIN_FILENO, &tui_tios) == 0;
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))   /* boxes in Unicode, not the VT100 set */
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	fflush(stdout);
	tui_screen = newterm(NULL, stdout, stdin);
	if (!tui_screen) {
		*why = xasprintf(_("the terminal type \"%s\" is unknown to ncurses"), term);
		return false;
	}
	set_term(tui_screen);
	tui_line_set_view(&tui_for_line);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	tui_colors();
	tui_add_cap("rmcup");
	tui_add_cap("cnorm");
	tui_add_cap("sgr0");
	tui_crash_handlers(true);
	tui_catch_stderr();
	out_set_sink(tui_on_out);
	loop_set_view(tui_after, tui_wait_ms, tui_on_winch);
	if (!tui.watch)
		notify_start();
	return true;
}

void tui_stop(void)
{
	if (!tui_screen)
		return;
	notify_stop();
	loop_set_view(NULL, NULL, NULL);
	out_set_sink(NULL);
	endwin();
	delscreen(tui_screen);
	tui_screen = NULL;
	tui_crash_handlers(false);
	tui_release_stderr();
	world_free(&tui.snap);
	tui_log_clear();
	if (tui_err_text.len)            /* what went to stderr meanwhile */
		fprintf(stderr, "%s%s", tui_err_text.s, tui_err_text.s[tui_err_text.len - 1] == '\n' ? "" : "\n");
	buf_free(&tui_err_text);
}

/* show NAME: the next paint marks it and brings its row into view. */
void tui_highlight(const char *name)
{
	snprintf(tui.pick, sizeof tui.pick, "%s", name);
	tui.seek = true;
}

/* ---- keys ---- */

static void tui_keys_help(void)
{
	tui.help = true;
	tui_paint();
}

/* F2: each panel on screen in turn, then the event log, then round. */
static void tui_keys_focus(void)
{
	tui_snap_valid();
	int p = tui.focus == TUI_PANELS_MAX ? -1 : tui.focus;
	for (p++; p < tui_npanels; p++)
		if (tui_panel_shown(&tui_panels[p], &tui.snap, tui.watch != NULL))
			break;
	tui.focus = p < tui_npanels ? p : TUI_PANELS_MAX;
	tui_paint();
}

static void tui_keys_scroll(int pages)
{
	if (tui.focus >= 0 && tui.focus < TUI_PANELS_MAX) {
		int page = tui.panel_h[tui.focus] > 1 ? tui.panel_h[tui.focus] - 1 : 1;
		tui.scroll[tui.focus] -= pages * page;   /* PgUp: towards the top */
		if (tui.scroll[tui.focus] < 0)
			tui.scroll[tui.focus] = 0;
	} else {
		int page = tui.log_h > 1 ? tui.log_h - 1 : 1;
		tui.log_scroll += pages * page;           /* PgUp: older lines */
		if (tui.log_scroll < 0)
			tui.log_scroll = 0;
	}
	tui_paint();
}

static void tui_keys_redraw(void)
{
	clearok(curscr, TRUE);
	tui_snapshot(true);           /* Ctrl-L: every process looked at again */
	tui_paint();
}

void tui_keys_do(enum tui_key k)
{
	switch (k) {
	case TUI_KEY_HELP: tui_keys_help(); break;
	case TUI_KEY_FOCUS: tui_keys_focus(); break;
	case TUI_KEY_PGUP: tui_keys_scroll(1); break;
	case TUI_KEY_PGDN: tui_keys_scroll(-1); break;
	case TUI_KEY_REDRAW: tui_keys_redraw(); break;
	default: break;
	}
}

static void tui_matches_clear(void)
{
	for (int i = 0; i < tui.nmatches; i++)
		free(tui.matches[i]);
	free(tui.matches);
	tui.matches = NULL;
	tui.nmatches = 0;
}

static void tui_keys_matches(char **matches, int n)
{
	tui_matches_clear();
	tui.matches = xcalloc((size_t)n + 1, sizeof *tui.matches);
	for (int i = 0; i < n; i++)
		tui.matches[i] = xstrdup(matches[i]);
	tui.nmatches = n;
	tui_paint();
}

bool tui_keys_dismiss(void)
{
	if (tui.nmatches) {
		tui_matches_clear();
		tui_dirty = true;
	}
	if (!tui.help)
		return false;
	tui.help = false;
	tui_paint();
	return true;
}
