/* sysv.h: what the System V families (message queues now, shared memory
 * and semaphores later) share: keys as a learner writes them. */
#ifndef IPCSH_SYSV_H
#define IPCSH_SYSV_H

#include <sys/types.h>

/* "private", "0x1234", "4660" or "ftok:PATH:ID" to a key. 0, or -1 with
 * *err (to free) saying why. */
int sysv_parse_key(const char *spec, key_t *key, char **err);
/* The key as ipcs(1) prints it: 0x00001234. */
const char *sysv_key_str(key_t key, char *buf, size_t size);

#endif
