/* lesson_store.h: a learner's progress through the lessons, kept in
 * $XDG_STATE_HOME/ipcsh/lessons (~/.local/state/ipcsh/lessons): one line
 * a lesson, "ID<TAB>STEP<TAB>MARKS", MARKS one character a step ('.' not
 * done, 'd' done, 's' skipped). */
#ifndef IPCSH_LESSON_STORE_H
#define IPCSH_LESSON_STORE_H

#include "lesson_file.h"

struct lesson_progress {
	int step;                          /* the step reached, from 0 */
	char marks[LESSON_STEPS_MAX + 1];
};

/* What is saved for id (nsteps long); false when nothing is (*p then
 * says: step 0, nothing done). A corrupt file is set aside (say so). */
bool lesson_store_get(const char *id, int nsteps, struct lesson_progress *p);
/* Save it: true when it was written. */
bool lesson_store_put(const char *id, const struct lesson_progress *p);
/* Forget one lesson (id) or all (NULL): true when written. */
bool lesson_store_forget(const char *id);

#endif
