/* shmseg.h: System V shared memory segments and semaphore sets as the
 * kernel reports them (IPC_STAT, GETALL, GETNCNT, GETZCNT, GETPID). */
#ifndef IPCSH_SHMSEG_H
#define IPCSH_SHMSEG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct shmseg_stat {
	key_t key;
	unsigned mode;
	bool dest;               /* SHM_DEST: removed, freed at the last detach */
	int64_t size;
	int64_t nattch;
	pid_t cpid, lpid;
	uid_t uid, cuid;
};

struct semset_val {
	int val, ncnt, zcnt;
	pid_t pid;               /* the last process to change it */
};

/* IPC_STAT of a segment: 0, or -1 with errno (EINVAL/EIDRM: gone). */
int shmseg_stat(int id, struct shmseg_stat *st);
/* Every semaphore of a set: its number (and *vals, to free), or -1. */
int semset_read(int id, struct semset_val **vals);
/* SETALL to one value: 0, or -1 with errno. */
int semset_setall(int id, int nsems, int val);
/* SETVAL / GETVAL of one semaphore. */
int semset_setval(int id, int idx, int val);
int semset_get(int id, int idx, int cmd);
/* The key and creator of a set: 0, or -1. */
int semset_owner(int id, key_t *key, uid_t *cuid, unsigned *mode);

#endif
