/* lesson.h: a lesson running in the session -- where its files are, its
 * steps shown, each step's check made on the live state after every
 * command, hints, questions, progress -- and --check-lesson. */
#ifndef IPCSH_LESSON_H
#define IPCSH_LESSON_H

#include <stdbool.h>
#include "lesson_file.h"
#include "util.h"

/* The shipped lessons for the language of messages, in order (paths,
 * malloc'd; free with lesson_paths_free). */
int lesson_paths(char ***paths);
void lesson_paths_free(char **paths, int n);

/* Start ID, a lesson's number or a file (progress resumes); 0, or -1
 * after saying why. Without which: the list and the next lesson not done. */
int lesson_start(const char *which);
/* The lesson running (its step, the hints shown, whether it is over),
 * or NULL. */
const struct lesson *lesson_current(int *step, int *hints, bool *finished);
/* After every command: the step's check on the live state; done, the
 * next step is shown. */
void lesson_tick(void);

/* The lesson commands (cmd_lesson.c); each 0, or -1 after saying why. */
void lesson_list(void);
int lesson_hint(void);
int lesson_check(void);
int lesson_next(void);
int lesson_back(void);
int lesson_restart(void);
int lesson_answer(const char *answer);
int lesson_quit(void);
int lesson_reset(const char *which);

/* The step's goal, each part of its check ticked (true: holds in w, or
 * now when w is NULL). */
struct lesson_goal {
	char *part;
	bool holds;
};
struct world;
int lesson_goals(const struct world *w, struct lesson_goal **goals);
void lesson_goals_free(struct lesson_goal *goals, int n);
/* Does the running step's check name this actor or object? */
bool lesson_names(const char *name);

/* For lesson_check.c: the live state as expect reads it (jv_free it);
 * 1 when cond holds on doc, 0 when not (*why, when given: the first
 * false part, to free), -1 when it does not parse; checks paused (on)
 * while a lesson's own lines run. */
struct jv;
struct jv *lesson_state(void);
int lesson_eval(const struct jv *doc, const char *cond, char **why);
/* The same, without why, and *missing: the first path that names nothing
 * (malloc'd) or NULL. */
int lesson_eval_paths(const struct jv *doc, const char *cond, char **missing);
/* A text of a lesson, a line of output a line of it, each after lead. */
void lesson_say(const char *text, const char *lead);

/* lesson_claim.c: the step's claims judged on doc, each one's holds or
 * fails text said with its {PATH} and {PATH/PATH} filled in. */
void lesson_claims_tell(const struct lesson_step *s, const struct jv *doc);
/* text with {PATH} and {PATH/PATH} filled in from doc ("?" where there is
 * no value; *missing, when given: the first such path). */
char *lesson_claim_fill(const struct jv *doc, const char *text, char **missing);
/* --check-lesson, after a step's solution: NULL when every claim can be
 * judged and every {PATH} of its texts has a value, else what is wrong
 * (malloc'd) and *line. */
char *lesson_claims_verify(const struct lesson_step *s, const struct jv *doc, int *line);
void lesson_busy(bool on);

/* ipcsh --check-lesson FILE...: each file parsed, then run in this
 * session: the setup, and for every step its check false, its solution,
 * its check true. Returns the exit status (0 all good, 1 otherwise). */
int lesson_check_files(char *const *files, int n);

#endif
