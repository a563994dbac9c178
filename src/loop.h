/* loop.h: the coordinator's single poll() loop: the input, every actor's
 * control socket, a signalfd and the settle timer. */
#ifndef IPCSH_LOOP_H
#define IPCSH_LOOP_H

#include <stdbool.h>
#include <stddef.h>

struct actor;

extern bool loop_quit;
extern int loop_quit_signal;     /* the signal that ended the session, or 0 */
extern bool loop_interrupted;    /* Ctrl-C while a command ran: stop waiting */
extern bool loop_interrupt_own;  /* the running command stops its own work
				  * on Ctrl-C and says so (bench) */

int loop_init(void);
/* Where commands come from: fd and a callback for when it is readable. */
void loop_set_input(int fd, void (*on_input)(void));
/* Read input even while a command waits (the live view keeps type-ahead). */
void loop_input_while_busy(bool on);
/* Called on SIGINT instead of quitting (interactive line editing). */
void loop_set_sigint(void (*on_sigint)(void));
/* One round of poll(); input is read only when with_input. Returns how
 * many descriptors had something to say. */
int loop_once(int timeout_ms, bool with_input);
/* Wait until every actor has settled, at most reg.settle_ms. */
/* Is a command being settled now (loop_settle_in running)? */
bool loop_settling(void);
void loop_settle(void);
/* The same for some actors only (the settle command). */
void loop_settle_in(struct actor *const *only, size_t n);
/* Run fn(arg) once every actor has settled: a note read from the kernel
 * after a change (counts of readers and writers) must not be read while a
 * partner woken by the change is still on its way. Same fn and arg twice:
 * once. */
void loop_after_settle(void (*fn)(const char *), const char *arg);
/* The live view: after(reports) runs after every round (reports: an
 * actor or a watched descriptor said something), and the loop sleeps no
 * longer than wait_ms() says; winch on SIGWINCH. NULL: none. */
void loop_set_view(void (*after)(bool reports), int (*wait_ms)(void), void (*winch)(void));
/* Watch one more descriptor (inotify); cb NULL stops watching it. */
void loop_watch(int fd, void (*cb)(void));
/* Go on handling events for ms milliseconds (the sleep command). */
void loop_sleep(int ms);

#endif
