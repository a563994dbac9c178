/* lesson_check.c: ipcsh --check-lesson FILE...: each file read, then run
 * in this session as a learner's solutions would run: the setup, and for
 * every step its check false, its solution lines, its check true.
 * Errors are "FILE:LINE: what is wrong", with what the session printed. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench_report.h"
#include "cmd.h"
#include "jsonv.h"
#include "lesson.h"
#include "out.h"

static struct buf lesson_transcript;

static void lesson_sink(enum out_kind kind, const char *line)
{
	(void)kind;
	buf_printf(&lesson_transcript, "  | %s\n", line);
}

/* "FILE:LINE: what" (msg is taken), and what the session printed. */
static int lesson_check_fail(const char *path, int line, char *msg)
{
	fprintf(stderr, "%s:%d: %s\n", path, line, msg);
	free(msg);
	if (lesson_transcript.len)
		fprintf(stderr, "%s", lesson_transcript.s);
	return 1;
}

/* A step: its check false first, then its solution, then true. */
static int lesson_check_step(const struct lesson *l, const struct lesson_step *s)
{
	struct jv *doc = lesson_state();
	char *why = NULL;
	int before = lesson_eval(doc, s->check.s, &why);
	jv_free(doc);
	free(why);
	why = NULL;
	if (before != 0)
		return lesson_check_fail(l->path, s->check.line, xstrdup(before < 0 ? _("the check does not parse")
			: _("the check holds before the solution runs: the step would pass without the learner doing it")));
	for (int i = 0; i < s->nsolution; i++)
		if (cmd_run_line(s->solution[i].s, strlen(s->solution[i].s), false))
			return lesson_check_fail(l->path, s->solution[i].line,
						 xasprintf(_("the solution was rejected: %s"), s->solution[i].s));
	doc = lesson_state();
	int after = lesson_eval(doc, s->check.s, &why), line = 0;
	char *claim = after == 1 ? lesson_claims_verify(s, doc, &line) : NULL;
	jv_free(doc);
	int rc = after != 1 ? lesson_check_fail(l->path, s->check.line,
			xasprintf(_("after the solution the check is still false: %s"), why ? why : "?"))
		 : claim ? lesson_check_fail(l->path, line, claim) : 0;
	free(why);
	return rc;
}

static int lesson_check_one(const char *file)
{
	struct lesson l;
	char *err = NULL;
	if (lesson_load(file, &l, &err) < 0) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return 1;
	}
	buf_reset(&lesson_transcript);
	bench_report_forget();           /* no figures from a lesson before */
	/* a solution's save FILE.c writes into the session directory, which
	 * goes at exit, not where the check was started */
	char *cwd = getcwd(NULL, 0);
	bool moved = cwd && reg.dir[0] && chdir(reg.dir) == 0;
	out_set_sink(lesson_sink);
	lesson_busy(true);
	int bad = 0;
	for (int i = 0; i < l.nsetup && !bad; i++)
		if (cmd_run_line(l.setup[i].s, strlen(l.setup[i].s), false))
			bad = lesson_check_fail(l.path, l.setup[i].line, xasprintf(_("the setup was rejected: %s"), l.setup[i].s));
	for (int i = 0; i < l.nsteps && !bad; i++)
		bad = lesson_check_step(&l, &l.steps[i]);
	lesson_busy(false);
	reg_reset();
	out_set_sink(NULL);
	if (moved && chdir(cwd) < 0)
		bad = lesson_check_fail(l.path, 0, xasprintf(_("cannot go back to %s: %s"), cwd, strerror(errno)));
	free(cwd);
	if (!bad)
		printf(ngettext("%s: %s, %d step: its check false before its solution and true after it\n",
				"%s: %s, %d steps: each check false before its solution and true after it\n",
				(unsigned long)l.nsteps), file, l.id, l.nsteps);
	lesson_free(&l);
	return bad;
}

int lesson_check_files(char *const *files, int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++)
		bad |= lesson_check_one(files[i]);
	buf_free(&lesson_transcript);
	reg.rejected = false;
	return bad;
}
