/* loop.h: the coordinator's single poll() loop: the input, every actor's
 * control socket, a signalfd and the settle timer. */
#ifndef IPCSH_LOOP_H
#define IPCSH_LOOP_H

#include <stdbool.h>

extern bool loop_quit;
extern int loop_quit_signal;     /* the signal that ended the session, or 0 */

int loop_init(void);
/* Where commands come from: fd and a callback for when it is readable. */
void loop_set_input(int fd, void (*on_input)(void));
/* Called on SIGINT instead of quitting (interactive line editing). */
void loop_set_sigint(void (*on_sigint)(void));
/* One round of poll(); input is read only when with_input. Returns how
 * many descriptors had something to say. */
int loop_once(int timeout_ms, bool with_input);
/* Wait until every actor has settled, at most reg.settle_ms. */
void loop_settle(void);
/* Go on handling events for ms milliseconds (the sleep command). */
void loop_sleep(int ms);

#endif
