/* probe.h: reads the kernel into struct world (see world.h). */
#ifndef IPCSH_PROBE_H
#define IPCSH_PROBE_H
#include "world.h"

/* Which of the session's objects descriptor fd of pid is (its index in
 * reg.objs, or -1), and its access in end ("r", "w", "rw"): for a
 * descriptor that came from somewhere else (recvfd). */
int probe_fd_object(int pid, int fd, char end[3]);
/* A process outside the session holding socket:[ino] (a connection's
 * other end held by another program), or 0. A scan of every /proc/PID/fd,
 * so what it found is kept a few seconds. */
int probe_socket_pid(uint64_t ino);

#endif
