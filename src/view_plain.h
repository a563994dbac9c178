/* view_plain.h: the line-mode view of the world snapshot (show). */
#ifndef IPCSH_VIEW_PLAIN_H
#define IPCSH_VIEW_PLAIN_H
#include "world.h"

void view_plain_all(const struct world *w);
/* Returns -1 when no actor or object has that name. */
int view_plain_one(const struct world *w, const char *name);
/* Pieces the live view's panels share: " p.r=3 5:/dev/pts/1", an actor's
 * descriptors; " A(fd 3) pid 77(fd 4, outside)", who holds the ends with
 * letter dir ('r', 'w'; 0: every end), or " none". */
void view_fds(struct buf *b, const struct w_actor *wa);
void view_holders(struct buf *b, const struct w_object *wo, char dir);

#endif
