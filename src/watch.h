/* watch.h: ipcsh --watch, the live view of every IPC object on the
 * system, read-only. */
#ifndef IPCSH_WATCH_H
#define IPCSH_WATCH_H

/* Runs until q, Ctrl-D or a signal; the exit status (2: no terminal). */
int watch_run(void);

#endif
