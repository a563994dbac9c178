/* isolate.h: ipcsh --isolated -- the session in IPC and mount namespaces
 * of its own (and a user namespace for an ordinary user), where the
 * kernel permits (isolate.c). */
#ifndef IPCSH_ISOLATE_H
#define IPCSH_ISOLATE_H
#include <stdbool.h>

/* Enter them: 0, or -1 with *msg (malloc'd) saying why not. Before the
 * session starts and before any process is forked. */
int isolate_enter(char **msg);
bool isolate_active(void);
/* Its own mqueue file system is mounted on /dev/mqueue. */
bool isolate_has_mqueue(void);
/* "ipc:[4026531839]": this process's IPC namespace, or NULL. */
const char *isolate_ipc_ns(void);

#endif
