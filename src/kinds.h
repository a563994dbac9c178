/* kinds.h: what each kind of object is, as data: one row a kind (its
 * name, whether the state file keeps it, whether it dies with the last
 * process holding it, how to tell it is still ipcsh's, how it is removed,
 * how a dead session's leftover is named). A new family adds a row; the
 * table is indexed by kind with designated initialisers, so a kind
 * without its row is an empty row that kinds_check() reports. */
#ifndef IPCSH_KINDS_H
#define IPCSH_KINDS_H

#include <stdbool.h>
#include "registry.h"

struct look;

struct kind_desc {
	const char *name;              /* "pipe", "posix_shm": JSON and state file */
	const struct look *look;       /* how its family is probed and shown (look.h) */
	const char *a_word;            /* N_(): "a pipe", in a rejection */
	bool kept;                     /* outlives its processes: the state file keeps it */
	bool dies_unheld;              /* freed by the kernel with its last holder */
	bool dies_unnamed;             /* the same unless it has a name in the file
					* system that ipcsh made (a bound socket) */
	bool (*lingers)(const struct object *o);   /* the kernel still keeps it
					* after its last descriptor is closed (a TCP
					* connection in TIME_WAIT): not forgotten yet */
	const char *fd_link;           /* its descriptors' /proc/PID/fd links start
					* so, with link_ino: "pipe:[", "socket:[" */
	bool by_path;                  /* opened by its path, by anyone: its
					* holders are looked for in every process */
	bool (*is_ours)(const struct object *o);   /* still the object ipcsh made? */
	int (*unlink)(const struct object *o);     /* remove its name or id: 0 or -1 */
	const char *leftover;          /* N_(): "FIFO", "message queue id": a dead
					* session's leftover is named so, then */
	bool by_id;                    /* by its id (else by its path) */
};

extern const struct kind_desc kinds[OBJ_NKINDS];
/* The first kind without its row (no name; or kept, without a check, a
 * removal or a leftover text), or -1 when every kind has one. */
int kinds_check(void);

#endif
