/* stale.h: leftovers of dead sessions of this user. */
#ifndef IPCSH_STALE_H
#define IPCSH_STALE_H

#include "util.h"

/* Say what dead sessions left (stderr); how many sessions. */
int stale_report(void);
/* Remove it (what is still theirs); how many sessions. */
int stale_remove(void);

/* A state file's text as a dead session left it, read defensively: any
 * bytes, any length (a file is read up to STALE_FILE_MAX, a line up to
 * STALE_LINE_MAX). start: its "session" line's start time (0: none);
 * ipcns: its IPC namespace ("" when not said);
 * objs: its "obj ..." lines, each ending in a newline (buf_free it). */
#define STALE_FILE_MAX (4 << 20)
#define STALE_LINE_MAX 8192
struct stale_text {
	unsigned long long start;
	char ipcns[64];          /* its "ns" line: the IPC namespace its objects were in */
	int nactors;
	struct buf objs;
};
void stale_scan(const char *text, size_t len, struct stale_text *t);
/* An "obj ..." line back into an object (o->path malloc'd): 0, or -1. */
struct object;
int stale_obj_parse(const char *line, struct object *o);

#endif
