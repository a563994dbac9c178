/* cond.h: the condition language of expect and lesson checks, evaluated
 * over the same document show --json prints.
 *   CONDITION := OR ; OR := AND (or|'||' AND)* ; AND := NOT (and|'&&' NOT)*
 *   NOT := (not|'!') NOT | '(' OR ')' | PATH [OP VALUE]
 *   PATH := NAME(.FIELD|.INDEX|.length)*   OP := == != < <= > >= has
 *   (LIST has VALUE: one of the list's items == VALUE)                  */
#ifndef IPCSH_COND_H
#define IPCSH_COND_H
#include <stdbool.h>
#include "jsonv.h"
#include "parse.h"

/* 0 with *result set (and *why telling the first failed comparison when
 * false), or -1 with *why describing the syntax error. */
int cond_eval(const struct jv *world, const struct word *words, int n, bool *result, char **why);
/* The same, and *missing: the first path that names nothing in the world,
 * or names null (malloc'd), or NULL when every one has a value -- a claim
 * judged on figures that are not there is not judged. */
int cond_eval_paths(const struct jv *world, const struct word *words, int n, bool *result, char **why,
		    char **missing);
/* What a NAME.FIELD path names in the world, or NULL (tmp holds a
 * computed .length). */
const struct jv *cond_lookup(const struct jv *world, const char *path, struct jv *tmp);

#endif
