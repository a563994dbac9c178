/* guard.h: the guard process that ends every actor if ipcsh dies without
 * cleaning up (SIGKILL, a crash), including actors whose parent actor has
 * exited, which PR_SET_PDEATHSIG cannot reach. */
#ifndef IPCSH_GUARD_H
#define IPCSH_GUARD_H

#include <sys/types.h>

/* Start the guard if it is not running; its pid (the actors' process
 * group), or -1. */
pid_t guard_ensure(void);
/* Put a new actor into the guard's process group (call in parent and child). */
void guard_join(pid_t pid);
/* Stop the guard: it SIGKILLs its whole group, then itself; reaped here. */
void guard_stop(void);
/* The guard's pid, or -1 (actors may not signal it). */
pid_t guard_current(void);
/* A reaped child: 1 when it was the guard (it is started again on the
 * next spawn), 0 otherwise. */
int guard_reaped(pid_t pid);

#endif
