/* actor.h: the actor's side -- a forked process that receives requests on
 * its control socket, makes the real system call, and reports the result. */
#ifndef IPCSH_ACTOR_H
#define IPCSH_ACTOR_H

/* Turn the calling (just forked) process into an actor. Never returns. */
void actor_main(int ctl) __attribute__((noreturn));
/* The same, as a new program: execute self ("ipcsh --actor", with the
 * control socket at actor_ctl_fd()), so that each actor gets an address
 * space laid out afresh (ASLR), as separate programs do. Falls back to
 * actor_main when self cannot be run. Never returns. */
void actor_exec(int ctl, const char *self) __attribute__((noreturn));
/* The descriptor number actors keep their control socket at. */
int actor_ctl_fd(void);

/* Family parts of the actor (actor_msg.c ...): make the call when the
 * request is theirs; false when it is not. */
#include <stdbool.h>
#include "wire.h"
bool actor_msg_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);
bool actor_mq_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);
bool actor_mem_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);
bool actor_sem_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);
bool actor_file_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);
bool actor_sock_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);
bool actor_bench_dispatch(const struct wire_req *q, const char *data, struct wire_rep *r, char **out);

#endif
