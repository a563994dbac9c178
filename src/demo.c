/* demo.c: ipcsh --demo FILE, a classroom demo in the live view. The
 * script's commands run one a key (Space or Enter), each typed out on the
 * input row first; the comments before a command are its caption, shown
 * in a panel with what comes next. b goes back one step and r to the
 * start by making the session again (kernel state cannot be undone), q
 * quits. Keys pressed while a step types or runs are ignored. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"
#include "demo.h"
#include "datadir.h"
#include "loop.h"
#include "out.h"
#include "tui.h"
#include "tui_draw.h"

#define DEMO_TYPE_MS 18            /* a key's worth of typing */
#define DEMO_STEPS_MAX 512

static struct {
	struct demo_step steps[DEMO_STEPS_MAX];
	int n, next;
	bool busy;
	char line[PARSE_LINE_MAX + 16];
} demo;

/* Is this line of the script fit to show and run? NULL, or why not. */
static char *demo_bad_line(const char *s, size_t n)
{
	if (n > PARSE_LINE_MAX)
		return xasprintf(_("a line longer than %d bytes"), PARSE_LINE_MAX);
	if (memchr(s, '\0', n) || !util_utf8_valid(s, n))
		return xstrdup(_("not text (a NUL byte, or not UTF-8)"));
	const char *c = s + strspn(s, " \t");
	if (*c == '#' || !*c)
		return NULL;
	struct parse_result res;
	char *why = NULL;
	if (parse_line(c, strlen(c), &res) < 0)
		why = xstrdup(res.error);
	for (size_t i = 0; !why && i < res.ncmds; i++)
		if (!res.cmds[i].nwords || !cmd_find(res.cmds[i].words[0].s))
			why = xasprintf(_("no command named \"%s\""), res.cmds[i].nwords ? res.cmds[i].words[0].s : "");
	parse_free(&res);
	return why;
}

/* The script: each command with the comments just before it; any line
 * that is not fit, or more than DEMO_STEPS_MAX commands, is an error
 * "FILE:LINE: why" and nothing starts. */
static int demo_load(const char *path, char **err)
{
	FILE *f = fopen(path, "re");
	if (!f) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	struct buf cap = {0};
	char *line = NULL, *why = NULL;
	size_t size = 0;
	ssize_t len;
	int no = 0;
	while (!why && (len = getline(&line, &size, f)) >= 0) {
		no++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if ((why = demo_bad_line(line, (size_t)len)))
			break;
		const char *s = line + strspn(line, " \t");
		if (*s == '#') {
			s += 1 + (s[1] == ' ');
			buf_printf(&cap, "%s%s", cap.len ? "\n" : "", s);
		} else if (*s && demo.n >= DEMO_STEPS_MAX) {
			why = xasprintf(_("more than %d commands"), DEMO_STEPS_MAX);
		} else if (*s) {
			demo.steps[demo.n++] = (struct demo_step){ cap.len ? xstrdup(cap.s) : NULL, xstrdup(s), no };
			buf_reset(&cap);
		}
	}
	free(line);
	fclose(f);
	buf_free(&cap);
	if (why) {
		*err = xasprintf("%s:%d: %s", path, no, why);
		free(why);
		return -1;
	}
	if (!demo.n) {
		*err = xasprintf(_("%s: no command to show"), path);
		return -1;
	}
	return 0;
}

const struct demo_step *demo_current(int *next, int *n)
{
	if (!demo.n)
		return NULL;
	*next = demo.next;
	*n = demo.n;
	return demo.next < demo.n ? &demo.steps[demo.next] : NULL;
}

static void demo_show_line(const char *typed)
{
	snprintf(demo.line, sizeof demo.line, "ipcsh> %s", typed);
	tui.demo_line = demo.line;
	tui_refresh();
}

/* Type the next command out on the input row, then run it. */
static void demo_step(void)
{
	if (demo.next >= demo.n) {
		out_event(OUT_GUIDE, _("  the end of the demo: b goes back, r starts again, q quits"));
		tui_refresh();
		return;
	}
	const struct demo_step *s = &demo.steps[demo.next];
	char typed[PARSE_LINE_MAX + 1];
	size_t len = strlen(s->cmd);
	for (size_t i = 0; i < len && !loop_quit;) {   /* a character at a time */
		size_t c = util_utf8_len((const unsigned char *)s->cmd + i, len - i);
		i += c ? c : 1;
		snprintf(typed, sizeof typed, "%.*s", (int)i, s->cmd);
		demo_show_line(typed);
		loop_sleep(DEMO_TYPE_MS);
	}
	out_event(OUT_COMMAND, "ipcsh> %s", s->cmd);
	demo_show_line("");
	demo.next++;
	cmd_run_line(s->cmd, len, false);
	tui_refresh();
}

/* A fresh session made up to step `to` (the commands before it run at
 * once, without typing). */
static void demo_goto(int to)
{
	reg_reset();
	if (to)
		out_event(OUT_GUIDE, _("  the session is made again up to step %d (kernel state cannot be undone):"), to + 1);
	else
		out_event(OUT_GUIDE, _("  the demo starts again from an empty session"));
	demo.next = 0;
	while (demo.next < to && !loop_quit) {
		const struct demo_step *s = &demo.steps[demo.next++];
		out_event(OUT_COMMAND, "ipcsh> %s", s->cmd);
		cmd_run_line(s->cmd, strlen(s->cmd), false);
	}
	tui_refresh();
}

static void demo_key(char k)
{
	switch (k) {
	case ' ': case '\r': case '\n': demo_step(); break;
	case 'b': demo_goto(demo.next > 0 ? demo.next - 1 : 0); break;
	case 'r': demo_goto(0); break;
	case 'q': loop_quit = true; break;
	default: break;
	}
}

static void demo_on_input(void)
{
	char buf[64];
	ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
	if (n <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN))
			loop_quit = true;
		return;
	}
	if (demo.busy)                /* typing or running: keys wait for nothing */
		return;
	demo.busy = true;
	for (ssize_t i = 0; i < n && !loop_quit; i++)
		if (buf[i] != '\033')     /* F-keys and arrows: not ours */
			demo_key(buf[i]);
		else
			break;
	demo.busy = false;
}

/* A shipped demo by name: "02-pipes", "02-pipes.ipc" or "pipes". */
static char *demo_find(const char *name)
{
	char *top = datadir_find("demos", "IPCSH_DEMODIR");
	char *dir = xasprintf("%s/%s", top, datadir_lang());
	free(top);
	char *want = xasprintf("%s%s", name, strstr(name, ".ipc") ? "" : ".ipc");
	char *path = xasprintf("%s/%s", dir, want);
	DIR *d = access(path, R_OK) ? opendir(dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		const char *dash = strchr(e->d_name, '-');
		if (dash && !strcmp(dash + 1, want)) {
			free(path);
			path = xasprintf("%s/%s", dir, e->d_name);
			break;
		}
	}
	if (d)
		closedir(d);
	free(want);
	free(dir);
	return path;
}

int demo_start(const char *file)
{
	char *path = strchr(file, '/') || access(file, R_OK) == 0 ? xstrdup(file) : demo_find(file);
	char *err = NULL, *why = NULL;
	int rc = demo_load(path, &err);
	free(path);
	if (rc < 0) {
		fprintf(stderr, "ipcsh: error: %s\n", err);
		free(err);
		return 2;
	}
	tui.demo = true;
	if (!tui_start(&why)) {
		fprintf(stderr, _("ipcsh: error: --demo needs the live view: %s\n"), why ? why : _("standard input and output must be a terminal"));
		free(why);
		return 2;
	}
	out_printf(ngettext("ipcsh %s - a demo of %d step: Space or Enter runs it, b goes back, r restarts, q quits",
			    "ipcsh %s - a demo of %d steps: Space or Enter runs the next, b goes back, r restarts, q quits",
			    (unsigned long)demo.n),
		   PACKAGE_VERSION, demo.n);
	loop_set_input(STDIN_FILENO, demo_on_input);
	loop_input_while_busy(true);      /* keys during a step are read, and dropped */
	demo_show_line("");
	return 0;
}

void demo_stop(void)
{
	for (int i = 0; i < demo.n; i++) {
		free(demo.steps[i].caption);
		free(demo.steps[i].cmd);
	}
	memset(&demo, 0, sizeof demo);
	tui.demo_line = NULL;
}
