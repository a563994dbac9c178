/* notify.h: inotify on the session's FIFOs and files, so that a process
 * outside opening or closing one shows in the live view at once. */
#ifndef IPCSH_NOTIFY_H
#define IPCSH_NOTIFY_H

void notify_start(void);
/* Watch what the registry has now (cheap when nothing changed). */
void notify_sync(void);
void notify_stop(void);

#endif
