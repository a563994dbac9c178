/* lesson.c: a lesson running in the session. It starts from an empty
 * session and the lesson's setup; each step is shown, and after every
 * command its check (the expect language) is made on the live state, read
 * from the kernel as show --json reads it: never on the text typed. A step
 * whose check holds is done and the next one is shown. Progress is saved
 * (lesson_store.c) and resumes by replaying the solutions of the steps
 * already done, since kernel state cannot be saved. */
#include "config.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"
#include "cond.h"
#include "jsonv.h"
#include "bench_report.h"
#include "datadir.h"
#include "lesson.h"
#include "lesson_store.h"
#include "out.h"
#include "probe.h"

static struct {
	bool on;
	bool busy;                     /* running setup or solutions: no checks */
	bool finished;
	bool saved, unsaved_said;      /* the last save worked; said it did not */
	struct lesson l;
	struct lesson_progress p;
	int hints;                     /* hints shown for this step */
	char *answer;                  /* the learner's answer to its question */
} les;

/* While a lesson's own lines run, no lesson command may start, end or
 * move it (those lines are the lesson's, freed by such a command). */
static int lesson_not_busy(void)
{
	if (!les.busy)
		return 0;
	out_error(_("a lesson's own lines are running: lesson commands wait until they are done"));
	return -1;
}

void lesson_busy(bool on)
{
	les.busy = on;
}

/* ---- where the lessons are ---- */

static int lesson_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int lesson_paths(char ***paths)
{
	char *top = datadir_find("lessons", "IPCSH_LESSONDIR");
	char *dir = xasprintf("%s/%s", top, datadir_lang());
	free(top);
	DIR *d = opendir(dir);
	int n = 0;
	*paths = NULL;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 8 || strcmp(e->d_name + len - 7, ".lesson"))
			continue;
		*paths = xrealloc(*paths, (size_t)(n + 1) * sizeof **paths);
		(*paths)[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	free(dir);
	if (n)
		qsort(*paths, (size_t)n, sizeof **paths, lesson_cmp);
	return n;
}

void lesson_paths_free(char **paths, int n)
{
	for (int i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

/* ---- checks on the live state ---- */

/* The document expect reads, from w (a snapshot) or from the kernel now. */
static struct jv *lesson_state_of(const struct world *w)
{
	struct world now;
	struct buf b = {0};
	if (!w)
		probe_world(&now);
	world_json(w ? w : &now, &b);
	if (!w)
		world_free(&now);
	struct jv *doc = jv_parse(b.s);
	buf_free(&b);
	return doc;
}

struct jv *lesson_state(void)
{
	return lesson_state_of(NULL);
}

static int lesson_eval_in(const struct jv *doc, const char *cond, char **why, char **missing)
{
	char *line = xasprintf("expect %s", cond);
	struct parse_result res;
	int rc = -1;
	char *said = NULL;
	if (doc) {
		bool ok = false;
		if (parse_line(line, strlen(line), &res) == 0 && res.ncmds == 1 && res.cmds[0].nwords > 1 &&
		    cond_eval_paths(doc, res.cmds[0].words + 1, (int)res.cmds[0].nwords - 1, &ok, &said, missing) == 0)
			rc = ok;
		parse_free(&res);         /* its error too, when it did not parse */
	}
	if (why)
		*why = said;
	else
		free(said);
	free(line);
	return rc;
}

int lesson_eval(const struct jv *doc, const char *cond, char **why)
{
	return lesson_eval_in(doc, cond, why, NULL);
}

int lesson_eval_paths(const struct jv *doc, const char *cond, char **missing)
{
	return lesson_eval_in(doc, cond, NULL, missing);
}

/* The parts of a condition joined by a top-level "and": the goal's
 * checklist. */
static int lesson_split(const char *cond, char **parts, int max)
{
	int n = 0, depth = 0;
	char quote = 0;                   /* inside '...' or "..." (as parse.c) */
	const char *start = cond;
	for (const char *c = cond; *c && n < max - 1; c++) {
		if (quote == '"' && *c == '\\' && c[1])
			c++;                      /* an escape inside double quotes */
		else if (quote && *c == quote)
			quote = 0;
		else if (!quote && (*c == '"' || *c == '\''))
			quote = *c;
		if (quote)
			continue;
		if (*c == '(')
			depth++;
		else if (*c == ')')
			depth--;
		size_t w = !strncmp(c, " and ", 5) ? 5 : !strncmp(c, " && ", 4) ? 4 : 0;
		if (!depth && w) {
			parts[n++] = xstrndup(start, (size_t)(c - start));
			start = c + w;
			c += w - 1;
		}
	}
	parts[n++] = xstrdup(start);
	return n;
}

int lesson_goals(const struct world *w, struct lesson_goal **goals)
{
	*goals = NULL;
	if (!les.on || les.finished)
		return 0;
	char *parts[16];
	int n = lesson_split(les.l.steps[les.p.step].check.s, parts, 16);
	struct jv *doc = lesson_state_of(w);
	*goals = xcalloc((size_t)n, sizeof **goals);
	for (int i = 0; i < n; i++) {
		(*goals)[i].part = parts[i];
		(*goals)[i].holds = lesson_eval(doc, parts[i], NULL) == 1;
	}
	jv_free(doc);
	return n;
}

bool lesson_names(const char *name)
{
	if (!les.on || les.finished)
		return false;
	const char *check = les.l.steps[les.p.step].check.s;
	size_t n = strlen(name);
	for (const char *c = strstr(check, name); c; c = strstr(c + 1, name))
		if ((c == check || strchr(" (!", c[-1])) && c[n] == '.')
			return true;
	return false;
}

void lesson_goals_free(struct lesson_goal *goals, int n)
{
	for (int i = 0; goals && i < n; i++)
		free(goals[i].part);
	free(goals);
}

/* ---- showing ---- */

void lesson_say(const char *text, const char *lead)
{
	const char *s = text;
	while (*s) {
		size_t n = strcspn(s, "\n");
		out_event(OUT_GUIDE, "%s%.*s", lead, (int)n, s);
		s += n + (s[n] == '\n');
	}
}

static void lesson_show_step(void)
{
	const struct lesson_step *s = &les.l.steps[les.p.step];
	out_event(OUT_GUIDE, _("  == %s, step %d of %d: %s =="), les.l.title, les.p.step + 1, les.l.nsteps, s->title);
	lesson_say(s->text, "  ");
	size_t first = strcspn(s->todo, "\n");   /* the rest in line under it */
	out_event(OUT_GUIDE, _("  Do: %.*s"), (int)first, s->todo);
	if (s->todo[first])
		lesson_say(s->todo + first + 1, "      ");
	if (s->ask) {
		size_t line = strcspn(s->ask, "\n");   /* the rest under it */
		out_event(OUT_GUIDE, _("  Before you try: %.*s"), (int)line, s->ask);
		if (s->ask[line])
			lesson_say(s->ask + line + 1, "  ");
		for (int i = 0; i < s->nchoices; i++)
			out_event(OUT_GUIDE, "    %d. %s", i + 1, s->choices[i]);
		out_event(OUT_GUIDE, _("  (answer with \"lesson answer %s\", or just try it)"), s->nchoices ? "N" : _("VALUE"));
	}
	out_event(OUT_GUIDE, _("  (lesson hint, lesson check, lesson next skips, lesson quit)"));
}

/* Save the progress; the first time it cannot be, say so (once). */
static void lesson_save(void)
{
	les.saved = lesson_store_put(les.l.id, &les.p);
	if (!les.saved && !les.unsaved_said) {
		char *dir = util_state_dir();
		out_event(OUT_GUIDE, _("  (progress cannot be saved in %s: it lasts only as long as this session)"),
			  dir ? dir : "$XDG_STATE_HOME/ipcsh");
		free(dir);
		les.unsaved_said = true;
	}
}

/* Run lines (setup or solutions) without checking steps in between;
 * the number rejected. */
static int lesson_run_lines(const struct lesson_line *lines, int n, bool echo)
{
	bool was = les.busy;
	les.busy = true;
	int rejected = 0;
	for (int i = 0; i < n; i++) {
		if (echo)
			out_event(OUT_GUIDE, "  > %s", lines[i].s);
		rejected += cmd_run_line(lines[i].s, strlen(lines[i].s), false);
	}
	les.busy = was;
	return rejected;
}

static void lesson_end(void)
{
	if (!les.on)
		return;
	lesson_free(&les.l);
	free(les.answer);
	memset(&les, 0, sizeof les);
}

/* An empty session, the setup, and the steps before `upto` replayed. */
static void lesson_rebuild(int upto)
{
	bench_report_forget();           /* the figures are the lesson's own */
	if (reg.nactors || reg.nobjs) {
		reg_reset();
		out_event(OUT_GUIDE, _("  (a lesson starts from an empty session: every actor and object before it is gone)"));
	}
	lesson_run_lines(les.l.setup, les.l.nsetup, false);
	if (upto > 0)
		out_event(OUT_GUIDE, _("  replaying the solutions of steps 1 to %d, to rebuild their state in the kernel:"), upto);
	for (int i = 0; i < upto; i++)
		lesson_run_lines(les.l.steps[i].solution, les.l.steps[i].nsolution, true);
}

static void lesson_goto(int step)
{
	les.p.step = step;
	les.hints = 0;
	free(les.answer);
	les.answer = NULL;
	lesson_save();
	lesson_show_step();
}

static int lesson_open(const char *path, bool fresh)
{
	struct lesson l;
	char *err = NULL;
	if (lesson_load(path, &l, &err) < 0) {
		out_error("%s", err);
		free(err);
		return -1;
	}
	lesson_end();
	les.on = true;
	les.l = l;
	bool resumed = !fresh && lesson_store_get(l.id, l.nsteps, &les.p) && strchr(les.p.marks, '.');
	if (!resumed) {                   /* new, or done before: from the start */
		memset(&les.p, 0, sizeof les.p);
		memset(les.p.marks, '.', (size_t)l.nsteps);
	}
	out_event(OUT_GUIDE, ngettext("  Lesson \"%s\": %s (%d step)", "  Lesson \"%s\": %s (%d steps)", (unsigned long)l.nsteps),
		  l.id, l.title, l.nsteps);
	if (l.about)
		lesson_say(l.about, "  ");
	if (resumed && les.p.step)
		out_event(OUT_GUIDE, _("  resuming at step %d"), les.p.step + 1);
	lesson_rebuild(les.p.step);
	lesson_goto(les.p.step);
	return 0;
}

/* ID, a number in the list, or a file. */
static char *lesson_find(const char *which)
{
	if (strchr(which, '/') || strstr(which, ".lesson"))
		return xstrdup(which);
	char **paths;
	int n = lesson_paths(&paths);
	char *found = NULL;
	int64_t k;
	if (parse_int(which, 1, n > 0 ? n : 1, &k) == 0 && n > 0)
		found = xstrdup(paths[k - 1]);
	for (int i = 0; i < n && !found; i++) {
		struct lesson l;
		char *err = NULL;
		if (lesson_load(paths[i], &l, &err) == 0 && !strcmp(l.id, which))
			found = xstrdup(paths[i]);
		free(err);
		lesson_free(&l);
	}
	lesson_paths_free(paths, n);
	return found;
}

/* ---- the list ---- */

static const char *lesson_status(const struct lesson *l, char *buf, size_t size, bool *done)
{
	struct lesson_progress p;
	bool saved = lesson_store_get(l->id, l->nsteps, &p);
	*done = saved && !strchr(p.marks, '.');
	if (*done)
		return _("done");
	if (!saved)
		return _("not started");
	snprintf(buf, size, _("step %d of %d"), p.step + 1, l->nsteps);
	return buf;
}

/* Print the list; the path of the first lesson not done (malloc'd), or
 * NULL. */
static char *lesson_list_next(int *count)
{
	char **paths, *next = NULL;
	int n = lesson_paths(&paths);
	*count = 0;                       /* the lessons that could be read */
	if (!n) {
		char *top = datadir_find("lessons", "IPCSH_LESSONDIR");
		out_error(_("no lessons found (looked in %s/%s)"), top, datadir_lang());
		free(top);
	}
	for (int i = 0; i < n; i++) {
		struct lesson l;
		char *err = NULL, buf[64];
		bool done;
		if (lesson_load(paths[i], &l, &err) < 0) {
			out_error("%s", err);
			free(err);
			continue;
		}
		out_printf("%s\t%s\t%s", l.id, l.title, lesson_status(&l, buf, sizeof buf, &done));
		(*count)++;
		if (!done && !next)
			next = xstrdup(paths[i]);
		lesson_free(&l);
	}
	lesson_paths_free(paths, n);
	return next;
}

void lesson_list(void)
{
	int n;
	free(lesson_list_next(&n));
}

int lesson_start(const char *which)
{
	if (lesson_not_busy() < 0)
		return -1;
	if (!which) {
		int n;
		char *next = lesson_list_next(&n);
		if (!next && !n)
			return -1;
		if (!next) {
			out_printf(_("  every lesson is done: \"lesson start ID\" goes through one again"));
			return 0;
		}
		int rc = lesson_open(next, false);
		free(next);
		return rc;
	}
	char *path = lesson_find(which);
	if (!path) {
		out_error(_("no lesson \"%s\": \"lesson list\" shows them"), which);
		return -1;
	}
	int rc = lesson_open(path, false);
	free(path);
	return rc;
}

const struct lesson *lesson_current(int *step, int *hints, bool *finished)
{
	if (!les.on)
		return NULL;
	*step = les.p.step;
	*hints = les.hints;
	*finished = les.finished;
	return &les.l;
}

/* ---- steps ---- */

static void lesson_reveal(const struct lesson_step *s)
{
	if (!s->ask)
		return;
	if (les.answer) {
		bool right = !strcmp(les.answer, s->answer);
		out_event(OUT_GUIDE, right ? _("  You said %s: right.") : _("  You said %s; the kernel says %s."),
			  les.answer, s->answer);
	} else {
		out_event(OUT_GUIDE, _("  The answer: %s."), s->answer);
	}
	lesson_say(s->reveal, "  ");
}

static void lesson_finish(void)
{
	int done = 0, skipped = 0;
	for (int i = 0; i < les.l.nsteps; i++) {
		done += les.p.marks[i] == 'd';
		skipped += les.p.marks[i] == 's';
	}
	les.finished = true;
	lesson_save();
	out_event(OUT_GUIDE, _("  Lesson \"%s\" is over: %d steps done, %d skipped. Look around; \"lesson quit\" clears the session, \"lesson\" offers the next one."),
		  les.l.id, done, skipped);
}

static void lesson_advance(char mark)
{
	les.p.marks[les.p.step] = mark;
	if (les.p.step + 1 >= les.l.nsteps) {
		lesson_finish();
		return;
	}
	lesson_goto(les.p.step + 1);
}

void lesson_tick(void)
{
	if (!les.on || les.busy || les.finished)
		return;
	const struct lesson_step *s = &les.l.steps[les.p.step];
	struct jv *doc = lesson_state();
	if (lesson_eval(doc, s->check.s, NULL) != 1) {
		jv_free(doc);
		return;
	}
	out_event(OUT_GUIDE, _("  Step %d done: the kernel shows it."), les.p.step + 1);
	lesson_reveal(s);
	lesson_claims_tell(s, doc);        /* judged on the state that did it */
	jv_free(doc);
	lesson_advance('d');
}

static int lesson_need(void)
{
	if (lesson_not_busy() < 0)
		return -1;
	if (les.on && !les.finished)
		return 0;
	out_error(les.on ? _("the lesson is over: \"lesson restart\" goes through it again, \"lesson quit\" ends it")
			 : _("no lesson is running: \"lesson list\" shows them, \"lesson start ID\" starts one"));
	return -1;
}

/* A lesson is on (done or not) and none of its own lines runs: 0, or
 * -1 after saying why not. */
static int lesson_running(void)
{
	if (lesson_not_busy() < 0)
		return -1;
	if (les.on)
		return 0;
	lesson_need();
	return -1;
}

int lesson_hint(void)
{
	if (lesson_need() < 0)
		return -1;
	const struct lesson_step *s = &les.l.steps[les.p.step];
	if (les.hints >= s->nhints) {
		out_event(OUT_GUIDE, s->nhints ? _("  no more hints: \"lesson next\" skips the step (its solution is run for you)")
						: _("  this step has no hints: \"lesson next\" skips it (its solution is run for you)"));
		return 0;
	}
	out_event(OUT_GUIDE, _("  hint %d of %d: %s"), les.hints + 1, s->nhints, s->hints[les.hints]);
	les.hints++;
	return 0;
}

int lesson_check(void)
{
	if (lesson_need() < 0)
		return -1;
	struct lesson_goal *g;
	int n = lesson_goals(NULL, &g), missing = 0;
	struct jv *doc = lesson_state();
	for (int i = 0; i < n; i++) {
		char *why = NULL;
		if (!g[i].holds)         /* what the kernel says instead */
			lesson_eval(doc, g[i].part, &why);
		if (why)
			out_event(OUT_GUIDE, _("  [ ] %s   (now: %s)"), g[i].part, why);
		else
			out_event(OUT_GUIDE, "  [%s] %s", g[i].holds ? "x" : " ", g[i].part);
		free(why);
		missing += !g[i].holds;
	}
	lesson_goals_free(g, n);
	if (!missing) {
		jv_free(doc);
		return 0;                /* the tick after this command moves on */
	}
	const struct lesson_step *s = &les.l.steps[les.p.step];
	char *why = NULL;
	lesson_eval(doc, s->check.s, &why);
	jv_free(doc);
	out_error(_("step %d is not done yet: %s"), les.p.step + 1, why ? why : "false");
	free(why);
	return -1;
}

int lesson_next(void)
{
	if (lesson_need() < 0)
		return -1;
	const struct lesson_step *s = &les.l.steps[les.p.step];
	out_event(OUT_GUIDE, _("  step %d skipped: its solution runs, so that the next step finds what it needs:"), les.p.step + 1);
	int rejected = lesson_run_lines(s->solution, s->nsolution, true);
	struct jv *doc = lesson_state();
	char *why = NULL;
	if (rejected || lesson_eval(doc, s->check.s, &why) != 1)   /* half done by hand before? */
		out_event(OUT_GUIDE, _("  (the solution did not complete the step here (%s): \"lesson back\" makes the session again up to it)"),
			  why ? why : _("a command of it was rejected"));
	free(why);
	lesson_reveal(s);
	lesson_claims_tell(s, doc);
	jv_free(doc);
	lesson_advance('s');
	return 0;
}

int lesson_back(void)
{
	if (lesson_running() < 0)
		return -1;
	int to = les.finished ? les.l.nsteps - 1 : les.p.step - 1;
	if (to < 0) {
		out_error(_("this is the first step"));
		return -1;
	}
	les.finished = false;
	memset(les.p.marks + to, '.', (size_t)(les.l.nsteps - to));
	out_event(OUT_GUIDE, _("  back to step %d: the kernel's state cannot be undone, so the session is made again up to it"), to + 1);
	lesson_rebuild(to);
	lesson_goto(to);
	return 0;
}

int lesson_restart(void)
{
	if (lesson_running() < 0)
		return -1;
	les.finished = false;
	memset(les.p.marks, '.', (size_t)les.l.nsteps);
	lesson_rebuild(0);
	lesson_goto(0);
	return 0;
}

int lesson_answer(const char *answer)
{
	if (lesson_need() < 0)
		return -1;
	const struct lesson_step *s = &les.l.steps[les.p.step];
	int64_t k;
	if (!s->ask) {
		out_error(_("step %d asks nothing: just do it"), les.p.step + 1);
		return -1;
	}
	if (s->nchoices && parse_int(answer, 1, s->nchoices, &k) < 0) {
		out_error(_("answer with the number of a choice, 1 to %d"), s->nchoices);
		return -1;
	}
	free(les.answer);                 /* a choice as its number: "+2" is 2 */
	les.answer = s->nchoices ? xasprintf("%lld", (long long)k) : xstrdup(answer);
	out_event(OUT_GUIDE, _("  noted: %s. Now try it: the kernel will tell."), les.answer);
	return 0;
}

int lesson_quit(void)
{
	if (lesson_running() < 0)
		return -1;
	out_event(OUT_GUIDE, les.saved ? _("  left lesson \"%s\" at step %d (progress kept); its actors and objects are removed")
				     : _("  left lesson \"%s\" at step %d (progress not saved); its actors and objects are removed"),
		  les.l.id, les.p.step + 1);
	lesson_end();
	reg_reset();
	return 0;
}

int lesson_reset(const char *which)
{
	char id[LESSON_ID_MAX + 1] = "";
	if (which) {
		char *path = lesson_find(which);
		struct lesson l;
		char *err = NULL;
		if (!path || lesson_load(path, &l, &err) < 0) {
			out_error(_("no lesson \"%s\": \"lesson list\" shows them"), which);
			free(path);
			free(err);
			return -1;
		}
		snprintf(id, sizeof id, "%s", l.id);
		lesson_free(&l);
		free(path);
	}
	if (les.on && (!which || !strcmp(les.l.id, id))) {   /* it would save itself again */
		out_error(_("lesson \"%s\" is running: \"lesson restart\" starts it over, or \"lesson quit\" first"), les.l.id);
		return -1;
	}
	if (!lesson_store_forget(which ? id : NULL)) {
		out_error(_("the progress file cannot be written"));
		return -1;
	}
	if (which)
		out_printf(_("  progress of lesson \"%s\" forgotten"), id);
	else
		out_printf(_("  progress of every lesson forgotten"));
	return 0;
}
