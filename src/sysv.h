/* sysv.h: what the System V families (message queues, shared memory,
 * semaphores) share: keys as a learner writes them, and telling whether an
 * id still names the object this user made. */
#ifndef IPCSH_SYSV_H
#define IPCSH_SYSV_H

#include <stdbool.h>
#include <sys/types.h>

enum sysv_kind { SYSV_MSG, SYSV_SHM, SYSV_SEM };

/* "private", "0x1234", "4660" or "ftok:PATH:ID" to a key. 0, or -1 with
 * *err (to free) saying why. */
int sysv_parse_key(const char *spec, key_t *key, char **err);
/* The key as ipcs(1) prints it: 0x00001234. */
const char *sysv_key_str(key_t key, char *buf, size_t size);

/* msgget/shmget/semget as a learner asks (IPC_CREAT, perm, excl), telling
 * whether this call made the object (*created) or found one by its key.
 * arg: shmget's size, semget's nsems. */
int sysv_get(enum sysv_kind kind, key_t key, int64_t arg, int perm, bool excl, bool *created);
/* Is the object at id (of that kind) still the one this user made with
 * that key? A segment removed while attached has key 0 and is not. */
bool sysv_is_ours(enum sysv_kind kind, int id, key_t key);
/* IPC_RMID of that kind: 0, or -1 with errno. */
int sysv_rmid(enum sysv_kind kind, int id);
/* What ipcrm(1) takes for that kind: "-q", "-m", "-s". */
const char *sysv_ipcrm_flag(enum sysv_kind kind);

#endif
