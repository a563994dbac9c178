/* lesson_file.h: the lesson file format of ipcsh-lesson(5), read into
 * struct lesson. Pure parsing: no session, no kernel; every error is
 * "FILE:LINE: what is wrong". */
#ifndef IPCSH_LESSON_FILE_H
#define IPCSH_LESSON_FILE_H

#include <stdbool.h>
#include <stddef.h>

#define LESSON_STEPS_MAX 20
#define LESSON_HINTS_MAX 3
#define LESSON_CHOICES_MAX 6
#define LESSON_CLAIMS_MAX 6
#define LESSON_LINES_MAX 32        /* setup or solution lines */
#define LESSON_FILE_MAX (256 * 1024)
#define LESSON_ID_MAX 31

/* A command line or a condition, with the line it came from. */
struct lesson_line {
	char *s;
	int line;
};

/* A claim of the notes ("shared memory is the fastest"), a condition on
 * the learner's own figures, and what to say when it holds or not. */
struct lesson_claim {
	struct lesson_line cond;
	char *holds, *fails;
};

struct lesson_step {
	int line;                      /* where its "step:" is */
	char *title, *text, *todo;     /* todo: the "do:" text */
	char *ask, *reveal;            /* a question before trying, its reason */
	char *choices[LESSON_CHOICES_MAX];
	int nchoices;
	char *answer;                  /* a choice's number, or a value */
	struct lesson_line check;      /* the expect language */
	char *hints[LESSON_HINTS_MAX];
	int nhints;
	struct lesson_line solution[LESSON_LINES_MAX];
	int nsolution;
	struct lesson_claim claims[LESSON_CLAIMS_MAX];   /* judged when it is done */
	int nclaims;
};

struct lesson {
	char *path;
	char id[LESSON_ID_MAX + 1];
	char *title, *about;
	struct lesson_line setup[LESSON_LINES_MAX];
	int nsetup;
	struct lesson_step steps[LESSON_STEPS_MAX];
	int nsteps;
};

/* Parse text (len bytes, from path) into *l. 0, or -1 with *err set to
 * "PATH:LINE: message" (malloc'd) and *l empty. */
int lesson_parse(const char *path, const char *text, size_t len, struct lesson *l, char **err);
/* Read and parse a file; the same errors, and those of reading it. */
int lesson_load(const char *path, struct lesson *l, char **err);
void lesson_free(struct lesson *l);

#endif
