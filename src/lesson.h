/* lesson.h: a lesson running in the session -- where its files are, its
 * steps shown, each step's check made on the live state after every
 * command, hints, questions, progress -- and --check-lesson. */
#ifndef IPCSH_LESSON_H
#define IPCSH_LESSON_H

#include <stdbool.h>
#include "lesson_file.h"
#include "util.h"

/* zh_CN when messages are in Chinese (--lang sets LANGUAGE), else en. */
const char *lesson_lang(void);
/* Where shipped data (what: "lessons", "demos") is: $env_name, what/
 * beside an uninstalled ipcsh, or the installed one (malloc'd). */
char *lesson_data_dir(const char *what, const char *env_name);
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

/* ipcsh --check-lesson FILE...: each file parsed, then run in this
 * session: the setup, and for every step its check false, its solution,
 * its check true. Returns the exit status (0 all good, 1 otherwise). */
int lesson_check_files(char *const *files, int n);

#endif
