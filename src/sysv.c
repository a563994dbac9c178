/* sysv.c: System V keys -- IPC_PRIVATE, a number, or ftok(3) of a path and
 * a project id, the three ways a program names a System V object -- and
 * the identity check and removal every System V kind shares. */
#include "config.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>
#include "parse.h"
#include "sysv.h"
#include "util.h"

static int sysv_ftok(const char *spec, key_t *key, char **err)
{
	const char *colon = strrchr(spec, ':');
	int64_t id;
	if (colon == spec || parse_int(colon + 1, 1, 255, &id) < 0) {
		*err = xasprintf(_("ftok keys are written ftok:PATH:ID with ID from 1 to 255, not \"ftok:%s\""), spec);
		return -1;
	}
	char *path = xstrndup(spec, (size_t)(colon - spec));
	*key = ftok(path, (int)id);
	int e = errno;
	if (*key == (key_t)-1)
		*err = xasprintf(_("ftok(\"%s\", %lld) failed: %s (ftok needs a file that exists)"), path,
				 (long long)id, strerror(e));
	free(path);
	return *key == (key_t)-1 ? -1 : 0;
}

int sysv_parse_key(const char *spec, key_t *key, char **err)
{
	*err = NULL;
	if (!strcmp(spec, "private") || !strcmp(spec, "IPC_PRIVATE")) {
		*key = IPC_PRIVATE;
		return 0;
	}
	if (!strncmp(spec, "ftok:", 5))
		return sysv_ftok(spec + 5, key, err);
	int64_t v;
	if (parse_int(spec, 0, UINT32_MAX, &v) < 0) {
		*err = xasprintf(_("a key is private, a number (0x1234) up to 0xffffffff, or ftok:PATH:ID, not \"%s\""), spec);
		return -1;
	}
	*key = (key_t)(uint32_t)v;
	return 0;
}

const char *sysv_key_str(key_t key, char *buf, size_t size)
{
	snprintf(buf, size, "0x%08x", (unsigned)key);
	return buf;
}

/* The owner part of IPC_STAT for any kind: 0, or -1 with errno. */
static int sysv_perm(enum sysv_kind kind, int id, struct ipc_perm *perm)
{
	int rc;
	if (kind == SYSV_MSG) {
		struct msqid_ds ds;
		rc = msgctl(id, IPC_STAT, &ds);
		*perm = ds.msg_perm;
	} else if (kind == SYSV_SHM) {
		struct shmid_ds ds;
		rc = shmctl(id, IPC_STAT, &ds);
		*perm = ds.shm_perm;
	} else {
		struct semid_ds ds;
		union { int val; struct semid_ds *buf; } arg = { .buf = &ds };
		rc = semctl(id, 0, IPC_STAT, arg);
		*perm = ds.sem_perm;
	}
	return rc < 0 ? -1 : 0;
}

bool sysv_is_ours(enum sysv_kind kind, int id, key_t key)
{
	struct ipc_perm perm;
	return sysv_perm(kind, id, &perm) == 0 && perm.__key == key && perm.cuid == getuid();
}

int sysv_rmid(enum sysv_kind kind, int id)
{
	if (kind == SYSV_MSG)
		return msgctl(id, IPC_RMID, NULL);
	if (kind == SYSV_SHM)
		return shmctl(id, IPC_RMID, NULL);
	return semctl(id, 0, IPC_RMID);
}

const char *sysv_ipcrm_flag(enum sysv_kind kind)
{
	return kind == SYSV_MSG ? "-q" : kind == SYSV_SHM ? "-m" : "-s";
}

static int sysv_get1(enum sysv_kind kind, key_t key, int64_t arg, int flags)
{
	if (kind == SYSV_MSG)
		return msgget(key, flags);
	if (kind == SYSV_SHM)
		return shmget(key, (size_t)arg, flags);
	return semget(key, (int)arg, flags);
}

int sysv_get(enum sysv_kind kind, key_t key, int64_t arg, int perm, bool excl, bool *created)
{
	*created = false;
	int flags = IPC_CREAT | (perm & 0777);
	if (key == IPC_PRIVATE || excl) {
		int id = sysv_get1(kind, key, arg, flags | (excl ? IPC_EXCL : 0));
		*created = id >= 0;
		return id;
	}
	/* IPC_CREAT alone cannot say whether it made the object: try to make
	 * it first, so one another program made is never taken for ours. */
	int id = sysv_get1(kind, key, arg, flags | IPC_EXCL);
	if (id >= 0) {
		*created = true;
		return id;
	}
	if (errno != EEXIST)
		return -1;
	return sysv_get1(kind, key, arg, flags);
}
