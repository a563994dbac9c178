/* devshm.h: POSIX shared memory objects and named semaphores, which
 * glibc keeps as files in /dev/shm (N and sem.N): their identity, so that
 * ipcsh only ever removes the very object it made, and their removal. */
#ifndef IPCSH_DEVSHM_H
#define IPCSH_DEVSHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum devshm_kind { DEVSHM_SHM, DEVSHM_SEM };

/* Where the object /N lives: "/dev/shm/N" or "/dev/shm/sem.N". */
const char *devshm_path(enum devshm_kind kind, const char *name, char *buf, size_t size);
/* Device and inode of /N when it is a regular file of this user: 0, or -1
 * (errno). size (may be NULL) gets its size. */
int devshm_id(enum devshm_kind kind, const char *name, uint64_t *dev, uint64_t *ino, int64_t *size);
bool devshm_is_ours(enum devshm_kind kind, const char *name, uint64_t dev, uint64_t ino);
/* shm_unlink(3) or sem_unlink(3): 0, or -1 with errno. */
int devshm_unlink(enum devshm_kind kind, const char *name);
/* Is /N a valid POSIX name as shm_overview(7) says: "/" then 1..NAME_MAX
 * characters, none of them "/"? */
bool devshm_name_ok(const char *name);

#endif
