/* line.c: where command lines come from. Interactive: GNU readline in
 * callback mode driven by the poll loop, with history and completion of
 * commands, actor names, objects of the right kind and signal names.
 * Scripts: a non-blocking reader that splits the input into lines. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "check.h"
#include "cmd.h"
#include "line.h"
#include "loop.h"
#include "out.h"
#include "sig.h"
#include "tui.h"
#include "tui_line.h"

static bool line_executing;
static bool line_live;              /* inside the live view */
static char line_prompt[64];
static char *line_hist_path;

/* ---- completion ---- */

static void line_add(char ***list, size_t *n, const char *s, const char *text)
{
	if (strncmp(s, text, strlen(text)))
		return;
	*list = xrealloc(*list, (*n + 2) * sizeof **list);
	(*list)[(*n)++] = xstrdup(s);
	(*list)[*n] = NULL;
}

static void line_add_objects(char ***l, size_t *n, const char *text, int mask, bool ends)
{
	for (size_t i = 0; i < reg.nobjs; i++) {
		struct object *o = reg.objs[i];
		if (!(KIND_BIT(o->kind) & mask))
			continue;
		if (ends && o->kind == OBJ_PIPE) {
			char *r = xasprintf("%s.r", o->name), *w = xasprintf("%s.w", o->name);
			line_add(l, n, r, text);
			line_add(l, n, w, text);
			free(r);
			free(w);
		} else {
			line_add(l, n, o->name, text);
		}
	}
}

static void line_add_signals(char ***l, size_t *n, const char *text)
{
	char sb[32];
	bool dash = text[0] == '-';
	for (int s = 1; s <= SIGRTMAX; s++) {
		if (s >= 32 && s < SIGRTMIN)
			continue;         /* glibc's own, not for programs */
		char *c = xasprintf("%s%s", dash ? "-" : "", sig_short(s, sb, sizeof sb));
		line_add(l, n, c, text);
		free(c);
	}
}

/* After the required arguments, the command's options: "nowait",
 * "size=" (readline then waits for the value). */
static void line_add_options(char ***l, size_t *n, const struct cmd_entry *e, int argi, const char *text)
{
	for (const struct cmd_opt *o = e->opts; argi >= e->min_args && o && o->name; o++) {
		char *w = xasprintf("%s%s", o->name, o->type == OPT_FLAG ? "" : "=");
		line_add(l, n, w, text);
		free(w);
	}
}

char **line_command_candidates(bool in_actor, const char *text)
{
	char **l = NULL;
	size_t n = 0;
	for (const struct cmd_entry *e = cmd_next(NULL); e; e = cmd_next(e))
		if (!in_actor || e->where != CMD_COORD)   /* after "A: " only what runs there */
			line_add(&l, &n, e->name, text);
	for (size_t i = 0; i < reg.nactors && !in_actor; i++) {
		char *p = xasprintf("%s:", reg.actors[i]->name);
		line_add(&l, &n, p, text);
		free(p);
	}
	return l;
}

char **line_candidates(const char *cmd, int argi, const char *text)
{
	char **l = NULL;
	size_t n = 0;
	if (!cmd)
		return line_command_candidates(false, text);
	const struct cmd_entry *e = cmd_find(cmd);
	if (!e)
		return NULL;
	enum arg_kind k = argi < 3 ? e->complete[argi] : e->complete[2];
	if (k == ARG_ACTORS)
		k = ARG_ACTOR;
	if (cmd_arg_kinds[k].mask)
		line_add_objects(&l, &n, text, cmd_arg_kinds[k].mask, cmd_arg_kinds[k].ends);
	switch (k) {
	case ARG_ACTOR:
		for (size_t i = 0; i < reg.nactors; i++)
			line_add(&l, &n, reg.actors[i]->name, text);
		break;
	case ARG_ANY_NAME:
		line_add_objects(&l, &n, text, ~0, false);
		for (size_t i = 0; i < reg.nactors; i++)
			line_add(&l, &n, reg.actors[i]->name, text);
		break;
	case ARG_SIGNAL: line_add_signals(&l, &n, text); break;
	case ARG_COMMAND:
		for (e = cmd_next(NULL); e; e = cmd_next(e))
			line_add(&l, &n, e->name, text);
		break;
	default: break;           /* objects (above), or free words */
	}
	line_add_options(&l, &n, e, argi, text);
	return l;
}

/* Find the command word and the argument index of the word at start. */
static char **line_complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;
	char *head = xstrndup(rl_line_buffer, (size_t)start);
	char *semi = strrchr(head, ';');
	char *p = semi ? semi + 1 : head;
	char *words[8];
	int nw = 0;
	for (char *save = NULL, *w = strtok_r(p, " \t", &save); w && nw < 8; w = strtok_r(NULL, " \t", &save))
		words[nw++] = w;
	int first = nw > 0 && words[0][strlen(words[0]) - 1] == ':' ? 1 : 0;
	char **l = NULL;
	if (nw - first <= 0) {
		l = line_command_candidates(first == 1, text);
	} else {
		int argi = nw - first - 1;
		const struct cmd_entry *e = cmd_find(words[first]);
		if (e && !strcmp(e->name, "kill") && argi == 1 && words[first + 1][0] != '-')
			argi = 2;
		l = line_candidates(words[first], argi, text);
	}
	free(head);
	if (!l)
		return NULL;
	/* readline wants the common prefix first */
	size_t n = 0;
	while (l[n])
		n++;
	char **out = xcalloc(n + 2, sizeof *out);
	size_t pre = strlen(l[0]);
	for (size_t i = 1; i < n; i++)
		for (size_t j = 0; j < pre; j++)
			if (l[i][j] != l[0][j]) {
				pre = j;
				break;
			}
	out[0] = n == 1 ? xstrdup(l[0]) : xstrndup(l[0], pre);
	memcpy(out + 1, l, n * sizeof *l);
	free(l);
	if (n == 1) {
		free(out[1]);
		out[1] = NULL;
		if (out[0][0] && out[0][strlen(out[0]) - 1] == '=')
			rl_completion_suppress_append = 1;   /* size=: the value follows */
	}
	return out;
}

/* ---- interactive ---- */

static void line_set_prompt(void)
{
	if (reg.use[0])
		snprintf(line_prompt, sizeof line_prompt, "ipcsh [%s]> ", reg.use);
	else
		snprintf(line_prompt, sizeof line_prompt, "ipcsh> ");
	rl_set_prompt(line_prompt);
}

static void line_hide(void)
{
	if (!line_executing)
		rl_clear_visible_line();
}

static void line_show(void)
{
	if (!line_executing)
		rl_forced_update_display();
}

static void line_on_line(char *line)
{
	if (!line) {
		out_printf("%s", "");
		loop_quit = true;
		return;
	}
	line_executing = true;
	loop_interrupted = false;
	if (line_live)
		out_event(OUT_COMMAND, "%s%s", line_prompt, line);
	if (*line) {
		add_history(line);
		if (line_hist_path)
			append_history(1, line_hist_path);
	}
	if (line_live)
		tui_line_busy(true);
	cmd_run_line(line, strlen(line), false);
	free(line);
	line_executing = false;
	if (line_live)
		tui_line_busy(false);
	if (line_live && !loop_quit)
		tui_refresh();
	if (loop_quit)
		rl_callback_handler_remove();
	else
		line_set_prompt();
}

static void line_on_input(void)
{
	rl_callback_read_char();
}

/* Ctrl-C: while a command runs, stop waiting for it (a sleep, a settle)
 * and come back to the prompt; at the prompt, clear the line (an empty
 * one too, as bash does: Ctrl-D or quit leave). */
static void line_on_sigint(void)
{
	if (line_executing) {
		loop_interrupted = true;
		if (line_live)
			tui_line_drop_ahead();
		if (!loop_interrupt_own)
			out_event(OUT_HINT, _("  stopped waiting: back to the prompt (the actors go on as they were)"));
		return;
	}
	rl_callback_sigcleanup();     /* out of a Ctrl-R search, if in one */
	rl_free_line_state();
	line_set_prompt();
	if (line_live) {              /* Ctrl-C clears the line; it never quits */
		if (rl_end == 0)
			out_event(OUT_HINT, _("  (Ctrl-D or \"quit\" leaves ipcsh)"));
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
		rl_forced_update_display();
		return;
	}
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	fputs("^C\n", stdout);
	rl_on_new_line();
	rl_redisplay();
}

static void line_history_open(void)
{
	char *dir = util_state_dir();
	if (!dir)
		return;
	line_hist_path = xasprintf("%s/history", dir);
	free(dir);
	/* append_history only appends: the file must exist */
	int fd = open(line_hist_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	read_history(line_hist_path);
}

static void line_setup(void)
{
	rl_readline_name = "ipcsh";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_attempted_completion_function = line_complete;
	line_history_open();
	line_set_prompt();
	loop_set_sigint(line_on_sigint);
}

void line_interactive_start(void)
{
	line_setup();
	rl_callback_handler_install(line_prompt, line_on_line);
	out_set_prompt_hooks(line_hide, line_show);
	loop_set_input(STDIN_FILENO, line_on_input);
}

void line_live_start(void)
{
	line_live = true;
	line_setup();
	tui_line_prepare();
	rl_callback_handler_install(line_prompt, line_on_line);
	tui_line_bind();
	loop_set_input(STDIN_FILENO, tui_line_input);
	loop_input_while_busy(true);      /* type-ahead is read (and shown) */
	tui_refresh();
}

void line_interactive_stop(void)
{
	out_set_prompt_hooks(NULL, NULL);
	rl_callback_handler_remove();
	if (line_live)
		tui_line_restore();
	loop_input_while_busy(false);
	line_live = false;
	if (line_hist_path)
		history_truncate_file(line_hist_path, 1000);
	free(line_hist_path);
	line_hist_path = NULL;
	clear_history();
}

/* ---- scripts ---- */

static int line_script_fd = -1;
static bool line_script_stop;
static struct buf line_pending;
static bool line_skipping;         /* inside an overlong line */
static unsigned line_script_no;    /* the line being run, from 1 */
static const char *line_script_name;   /* for errors: "FILE:LINE: " */

/* The next line of the script: n bytes at s, or (s NULL) an overlong
 * line of n bytes that was not kept. */
static void line_script_run(const char *s, size_t n)
{
	line_script_no++;
	check_set_line(line_script_no);
	out_set_place(line_script_name, line_script_no);
	if ((s ? cmd_run_line(s, n, line_script_stop) : cmd_run_overlong(n)) && line_script_stop)
		loop_quit = true;
}

static size_t line_skip_total;   /* the overlong line's bytes so far */

/* An overlong line, now that its end came: rejected with its length. */
static void line_script_overlong(void)
{
	line_script_run(NULL, line_skip_total);
	line_skipping = false;
}

static void line_script_lines(void)
{
	char *start = line_pending.s;
	char *nl;
	while (!loop_quit && (nl = memchr(start, '\n', line_pending.len - (size_t)(start - line_pending.s)))) {
		if (line_skipping) {
			line_skip_total += (size_t)(nl - start);
			line_script_overlong();
		} else {
			line_script_run(start, (size_t)(nl - start));
		}
		start = nl + 1;
	}
	size_t rest = line_pending.len - (size_t)(start - line_pending.s);
	memmove(line_pending.s, start, rest);
	line_pending.len = rest;
	if (!line_skipping && rest > PARSE_LINE_MAX) {
		line_skipping = true;     /* not kept: only counted till its end */
		line_skip_total = 0;
	}
	if (line_skipping) {
		line_skip_total += line_pending.len;
		line_pending.len = 0;
	}
}

static void line_on_script(void)
{
	char chunk[8192];
	ssize_t n = read(line_script_fd, chunk, sizeof chunk);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0) {
		buf_add(&line_pending, chunk, (size_t)n);
		line_script_lines();
		return;
	}
	if (line_skipping && !loop_quit)
		line_script_overlong();
	else if (line_pending.len && !loop_quit)
		line_script_run(line_pending.s, line_pending.len);
	buf_free(&line_pending);
	loop_quit = true;
}

void line_script_start(int fd, bool stop_on_reject, const char *name)
{
	line_script_name = name;
	line_script_fd = fd;
	line_script_stop = stop_on_reject;
	buf_adds(&line_pending, "");
	line_pending.len = 0;
	loop_set_input(fd, line_on_script);
}
