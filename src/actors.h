/* actors.h: the coordinator's side of actors -- spawning, sending a call,
 * taking reports, noticing deaths, and reading from the kernel whether a
 * call is running, blocked (and where) or done. Never blocks. */
#ifndef IPCSH_ACTORS_H
#define IPCSH_ACTORS_H

#include <stdbool.h>
#include "registry.h"

/* At start, before any actor: actors keep the learner's descriptor limit
 * (ulimit -n), ipcsh raises its own soft one for two descriptors an actor. */
void actors_limits(void);
struct actor *actors_spawn(const char *name, char **err);
/* fork(2) inside parent; the child is registered as name. */
int actors_fork(struct actor *parent, const char *name, call_done_fn *done);
/* Send one request; the call is in flight until its result comes. */
int actors_call(struct actor *a, const struct wire_req *q, const void *data,
		const char *desc, call_done_fn *done);

void actors_on_readable(struct actor *a);
void actors_on_sigchld(void);
/* Look at the kernel for calls in flight and dying actors. */
void actors_probe(void);
/* A signal was just sent to a: settling waits until the kernel shows it
 * delivered (nothing deliverable pending, not running, or dead). */
void actors_kicked(struct actor *a);
/* "SIGUSR1 from B (pid 12), si_code SI_QUEUE, value 5": one delivery. */
struct sig_delivery;
void actors_delivery_text(struct buf *b, const struct sig_delivery *d);
/* Every actor idle, blocked, stopped, a zombie or gone? */
bool actors_settled(void);
/* A command that may send a signal to an idle actor is running (on), or
 * its settle is over (off); an actor's death turns it on too. */
void actors_watch_signals(bool on);
/* Its parent's waitpid reaped child with this status: gone now, its end
 * reported first if ipcsh had not seen it yet (a race with the parent). */
void actors_reaped(struct actor *child, int wstatus);
/* A stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) was sent: from now
 * on an actor's state is read from the kernel before each call. */
void actors_stop_sent(void);
/* The same for some actors only (n == 0: every actor). */
bool actors_settled_in(struct actor *const *only, size_t n);
/* Milliseconds until actors_probe should run again, or -1. */
int actors_poll_timeout(void);

/* "idle", "busy", "blocked", "stopped", "zombie", "gone" from the kernel;
 * wchan (may be NULL) gets where it sleeps. */
const char *actors_state(const struct actor *a, char *wchan, size_t n);
/* The same, from a task state already read (field 3 of stat; 0: gone). */
const char *actors_state_k(const struct actor *a, char k, char *wchan, size_t n);
/* Why the actor cannot take a command now, or NULL. */
char *actors_unavailable(const struct actor *a);

/* Print "A: desc = ret" (or "= -1 ENAME: explanation"), plus extra. */
/* The actors whose call named call ("semop", "msgrcv") on c's object was
 * asleep while c ran: still asleep, or woken since c started. At most max
 * in out; how many. (Who may have taken what c gave.) */
size_t actors_sleepers(const struct actor *a, const struct call *c, const char *call,
		       const struct actor **out, size_t max);
void actors_print_result(struct actor *a, const struct call *c,
			 const struct wire_rep *r, const char *extra);
/* Describe a wait status: "exited with status 3", "killed by SIGPIPE". */
char *actors_describe_status(int wstatus);

#endif
