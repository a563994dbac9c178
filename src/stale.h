/* stale.h: leftovers of dead sessions of this user. */
#ifndef IPCSH_STALE_H
#define IPCSH_STALE_H

/* Say what dead sessions left (stderr); how many sessions. */
int stale_report(void);
/* Remove it (what is still theirs); how many sessions. */
int stale_remove(void);

#endif
