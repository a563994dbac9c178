/* sysvipc.h: the System V objects of the whole system as the kernel lists
 * them in /proc/sysvipc/{msg,shm,sem} (proc(5)), read into typed rows --
 * the one reader that ipcs and --watch share -- and a uid's login name. */
#ifndef IPCSH_SYSVIPC_H
#define IPCSH_SYSVIPC_H

#include <stddef.h>
#include <sys/types.h>
#include "registry.h"

struct sysvipc_row {
	key_t key;
	int id;
	unsigned mode;                 /* perms, with SHM_DEST and SHM_LOCKED */
	unsigned uid;
	long long size;                /* msg: used bytes; shm: bytes; sem: nsems */
	long long count;               /* msg: messages; shm: nattch; sem: -1 */
};

/* The rows of kind (OBJ_MSG, OBJ_SHM or OBJ_SEM), malloc'd in *rows:
 * how many, or -1 with errno when the file cannot be read. */
int sysvipc_read(enum obj_kind kind, struct sysvipc_row **rows);
/* uid's login name, or the number when it has none. */
const char *sysvipc_user(unsigned uid, char *buf, size_t size);

#endif
