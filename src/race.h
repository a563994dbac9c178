/* race.h: the race lab's bookkeeping: the adds running at the same time
 * on one int of one region, and the verdict when the last of them ends. */
#ifndef IPCSH_RACE_H
#define IPCSH_RACE_H

#include <stdbool.h>
#include <stdint.h>
#include "registry.h"

struct race {
	int64_t off;
	int running;             /* adds still in flight */
	int started;             /* adds in this round */
	int64_t count;           /* increments asked for, in all */
	int64_t made;            /* increments the adds say they made */
	int64_t base;            /* the lowest value an add began with */
	bool locked;             /* every add of the round used a lock */
};

/* An add of count increments at off in o was sent. */
void race_begin(struct object *o, int64_t off, int64_t count, bool locked);
/* It ended: the value it began with, increments made, the value it left.
 * When it was the last of a round of two or more, print the verdict. */
void race_end(struct object *o, int64_t off, int64_t start, int64_t made, int64_t end);

#endif
