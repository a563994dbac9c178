/* shmseg.c: System V shared memory segments and semaphore sets through the
 * kernel's own calls: shmctl IPC_STAT (nattch, the SHM_DEST state), and
 * semctl IPC_STAT, GETALL, GETNCNT, GETZCNT, GETPID, SETALL, SETVAL. */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "shmseg.h"
#include "util.h"

union semset_arg {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

int shmseg_stat(int id, struct shmseg_stat *st)
{
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -1;
	st->key = ds.shm_perm.__key;
	st->mode = ds.shm_perm.mode & 0777;
	st->dest = ds.shm_perm.mode & SHM_DEST;
	st->size = (int64_t)ds.shm_segsz;
	st->nattch = (int64_t)ds.shm_nattch;
	st->cpid = ds.shm_cpid;
	st->lpid = ds.shm_lpid;
	st->uid = ds.shm_perm.uid;
	st->cuid = ds.shm_perm.cuid;
	return 0;
}

int semset_owner(int id, key_t *key, uid_t *cuid, unsigned *mode)
{
	struct semid_ds ds;
	union semset_arg arg = { .buf = &ds };
	if (semctl(id, 0, IPC_STAT, arg) < 0)
		return -1;
	*key = ds.sem_perm.__key;
	*cuid = ds.sem_perm.cuid;
	*mode = ds.sem_perm.mode & 0777;
	return (int)ds.sem_nsems;
}

int semset_read(int id, struct semset_val **vals)
{
	key_t key;
	uid_t cuid;
	unsigned mode;
	int n = semset_owner(id, &key, &cuid, &mode);
	if (n < 0)
		return -1;
	unsigned short *all = xcalloc((size_t)n + 1, sizeof *all);
	union semset_arg arg = { .array = all };
	if (semctl(id, 0, GETALL, arg) < 0) {
		int e = errno;
		free(all);
		errno = e;
		return -1;
	}
	*vals = xcalloc((size_t)n + 1, sizeof **vals);
	for (int i = 0; i < n; i++) {
		(*vals)[i].val = all[i];
		(*vals)[i].ncnt = semctl(id, i, GETNCNT);
		(*vals)[i].zcnt = semctl(id, i, GETZCNT);
		(*vals)[i].pid = semctl(id, i, GETPID);
	}
	free(all);
	return n;
}

int semset_setall(int id, int nsems, int val)
{
	unsigned short *all = xcalloc((size_t)nsems, sizeof *all);
	for (int i = 0; i < nsems; i++)
		all[i] = (unsigned short)val;
	union semset_arg arg = { .array = all };
	int rc = semctl(id, 0, SETALL, arg);
	int e = errno;
	free(all);
	errno = e;
	return rc;
}

int semset_setval(int id, int idx, int val)
{
	union semset_arg arg = { .val = val };
	return semctl(id, idx, SETVAL, arg);
}

int semset_get(int id, int idx, int cmd)
{
	return semctl(id, idx, cmd);
}
