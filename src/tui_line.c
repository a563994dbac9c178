/* tui_line.c: GNU readline inside ncurses, the recipe of DESIGN.md.
 * Readline runs in callback mode and never touches the terminal: bytes
 * read by our poll loop are handed to it through rl_getc_function, its
 * redisplay asks the view to draw the input row, which it takes from here
 * as text (cursor column by wcwidth, so Chinese text keeps the cursor in
 * place, scrolled sideways when the line is longer than the screen),
 * completion candidates go to the view's box, and F1, F2, PgUp, PgDn,
 * Ctrl-L and "?" are readline key bindings that call the view's keys --
 * all through the hooks the view sets (struct tui_line_view), so that
 * this file calls nothing of the view's own. History, Ctrl-R search and ~/.inputrc work as usual.
 * While a command runs, readline is inside its line handler and must not
 * be fed: keys typed then are kept (and shown) as type-ahead, given to
 * readline once the command is over, and dropped by Ctrl-C, as a
 * terminal drops its input queue; the view's own keys act at once. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <curses.h>
#include <term.h>
#include <readline/readline.h>
#include "loop.h"
#include "tui_keys.h"
#include "tui_line.h"
#include "tui_text.h"
#include "util.h"

static unsigned char tui_line_buf[512];
static size_t tui_line_have, tui_line_next;
static FILE *tui_line_null;
static bool tui_line_running_now;        /* a command is running */
static char tui_line_ahead[sizeof tui_line_buf];
static size_t tui_line_nahead;

/* Readline in callback mode asks for one byte per rl_callback_read_char,
 * and tui_line_input calls that once per byte it read: there is always
 * one. The coordinator never waits on the terminal here. */
static int tui_line_getc(FILE *f)
{
	(void)f;
	return tui_line_next < tui_line_have ? tui_line_buf[tui_line_next++] : EOF;
}

static int tui_line_available(void)
{
	return tui_line_next < tui_line_have;
}

static const struct tui_line_view *tui_line_view;

void tui_line_set_view(const struct tui_line_view *v)
{
	tui_line_view = v;
}

static void tui_line_redisplay(void)
{
	tui_line_view->redraw();
}

static void tui_line_matches(char **matches, int num, int max)
{
	(void)max;
	tui_line_view->matches(matches + 1, num);
}

static void tui_line_noprep(int meta)
{
	(void)meta;
}

static void tui_line_nodeprep(void)
{
}

/* Readline's hooks: ours inside the view, its own ways outside. */
static void tui_line_hooks(bool live)
{
	rl_prep_term_function = live ? tui_line_noprep : rl_prep_terminal;
	rl_deprep_term_function = live ? tui_line_nodeprep : rl_deprep_terminal;
	rl_getc_function = live ? tui_line_getc : rl_getc;
	rl_input_available_hook = live ? tui_line_available : NULL;
	rl_redisplay_function = live ? tui_line_redisplay : rl_redisplay;
	rl_completion_display_matches_hook = live ? tui_line_matches : NULL;
	if (live && !tui_line_null)
		tui_line_null = fopen("/dev/null", "we");
	if (!live && tui_line_null) {
		fclose(tui_line_null);
		tui_line_null = NULL;
	}
	rl_outstream = tui_line_null ? tui_line_null : stdout;   /* the bell only */
}

void tui_line_prepare(void)
{
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	tui_line_hooks(true);
	TERMINAL *mine = cur_term;
	rl_initialize();                      /* reads inputrc, sets up termcap */
	set_curterm(mine);                    /* ... which must not replace ours */
}

void tui_line_restore(void)
{
	tui_line_hooks(false);
}

bool tui_line_running(void)
{
	return tui_line_running_now;
}

void tui_line_busy(bool running)
{
	tui_line_running_now = running;
	if (running)
		tui_line_view->redraw();
}

void tui_line_drop_ahead(void)
{
	tui_line_nahead = 0;
	tui_line_view->redraw();
}

/* Keys read while a command runs: the view's keys act, the rest wait. */
static void tui_line_keep(const char *s, size_t n)
{
	while (n) {
		enum tui_key k;
		size_t len = tui_keys_match(s, n, &k);
		if (len) {
			tui_line_view->key(k);
		} else {
			len = 1;
			if (tui_line_nahead < sizeof tui_line_ahead)
				tui_line_ahead[tui_line_nahead++] = *s;
			else
				beep();
		}
		s += len;
		n -= len;
	}
	tui_line_view->redraw();
}

/* The bytes of the key at s: a sequence the view knows, an escape
 * sequence (ESC [ or ESC O up to its final letter or ~), or one byte. */
static size_t tui_line_keylen(const unsigned char *s, size_t n)
{
	enum tui_key k;
	size_t len = tui_keys_match((const char *)s, n, &k);
	if (len)
		return len;
	if (n < 3 || s[0] != '\033' || (s[1] != '[' && s[1] != 'O'))
		return 1;
	for (len = 2; len < n; len++)
		if ((s[len] >= 'A' && s[len] <= 'Z') || (s[len] >= 'a' && s[len] <= 'z') || s[len] == '~')
			return len + 1;
	return n;
}

/* Hand bytes to readline one at a time (each call of the line handler
 * may run a command, during which more type-ahead may come). */
static void tui_line_feed(void)
{
	tui_line_next = 0;
	while (tui_line_next < tui_line_have && !loop_quit) {
		if (tui_line_view->dismiss()) {  /* the key that closes help does no more */
			tui_line_next += tui_line_keylen(tui_line_buf + tui_line_next, tui_line_have - tui_line_next);
			continue;
		}
		rl_callback_read_char();
	}
	tui_line_have = tui_line_next = 0;
}

void tui_line_input(void)
{
	char in[sizeof tui_line_buf];
	ssize_t n = read(STDIN_FILENO, in, sizeof in);
	if (n <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN))
			loop_quit = true;    /* the terminal is gone */
		return;
	}
	if (tui_line_running_now) {
		tui_line_keep(in, (size_t)n);
		return;
	}
	memcpy(tui_line_buf, in, (size_t)n);
	tui_line_have = (size_t)n;
	tui_line_feed();
	while (tui_line_nahead && !tui_line_running_now && !loop_quit) {
		memcpy(tui_line_buf, tui_line_ahead, tui_line_nahead);
		tui_line_have = tui_line_nahead;
		tui_line_nahead = 0;
		tui_line_feed();
	}
}

char *tui_line_row(const char *demo_line, int width, int *cur)
{
	const char *prompt = rl_display_prompt ? rl_display_prompt : "";
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	if (demo_line) {                     /* --demo types its own commands */
		prompt = "";
		line = demo_line;
	}
	int point = demo_line ? (int)strlen(demo_line) : rl_point < 0 ? 0 : rl_point;
	char *ahead = NULL;
	if (tui_line_running_now) {              /* the keys typed so far, as typed */
		ahead = xasprintf("%.*s", (int)tui_line_nahead, tui_line_ahead);
		line = ahead;
		point = (int)strlen(ahead);
	}
	char *all = xasprintf("%s%s", prompt, line);
	free(ahead);
	for (char *c = all; *c; c++)          /* ^A typed with ^V is no colour mark */
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	size_t upto = strlen(prompt) + (size_t)point;
	char save = all[upto];
	all[upto] = '\0';
	*cur = tui_text_width(all);
	all[upto] = save;
	size_t skip = 0;
	if (*cur >= width)                     /* scroll sideways */
		skip = tui_text_skip(all, *cur - width + 1 + width / 4, cur);
	char *row = xstrdup(all + skip);
	free(all);
	if (*cur >= width)
		*cur = width - 1;
	return row;
}

/* ---- the view's keys ---- */

/* Every key of the view: which one it is comes from the sequence that
 * readline is running (rl_executing_keyseq). */
static int tui_line_key(int count, int key)
{
	(void)key;
	enum tui_key k;
	size_t n = rl_executing_keyseq ? (size_t)rl_key_sequence_length : 0;
	if (!n || !tui_keys_match(rl_executing_keyseq, n, &k))
		return 0;
	if (count < 0 && (k == TUI_KEY_PGUP || k == TUI_KEY_PGDN))
		k = k == TUI_KEY_PGUP ? TUI_KEY_PGDN : TUI_KEY_PGUP;
	tui_line_view->key(k);
	return 0;
}

static int tui_line_key_question(int count, int key)
{
	if (rl_end == 0) {
		tui_line_view->key(TUI_KEY_HELP);
		return 0;
	}
	return rl_insert(count, key);
}

void tui_line_bind(void)
{
	for (int i = 0; i < tui_nkeyseqs; i++) {
		const struct tui_keyseq *k = &tui_keyseqs[i];
		for (int j = 0; j < 2 && k->seqs[j]; j++)
			rl_bind_keyseq(k->seqs[j], tui_line_key);
		char *cap = k->capname ? tigetstr(k->capname) : NULL;
		if (cap && cap != (char *)-1 && *cap)
			rl_bind_keyseq(cap, tui_line_key);
	}
	rl_bind_key('?', tui_line_key_question);
}
