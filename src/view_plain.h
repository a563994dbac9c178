/* view_plain.h: the line-mode view of the world snapshot (show). */
#ifndef IPCSH_VIEW_PLAIN_H
#define IPCSH_VIEW_PLAIN_H
#include "world.h"

void view_plain_all(const struct world *w);
/* Returns -1 when no actor or object has that name. */
int view_plain_one(const struct world *w, const char *name);
/* " p.r=3 5:/dev/pts/1": an actor's descriptors (the live view too). */
void view_fds(struct buf *b, const struct w_actor *wa);

#endif
