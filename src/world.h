/* world.h: one snapshot of everything the views show -- actors and
 * objects as the kernel reports them -- built by probe.c and read by the
 * plain view, show --json, expect and (later) the live view. */
#ifndef IPCSH_WORLD_H
#define IPCSH_WORLD_H

#include <stdint.h>
#include "mqq.h"
#include "msgq.h"
#include "registry.h"
#include "shmseg.h"

struct w_fd {
	int fd;
	char obj[IPCSH_NAME_MAX + 1]; /* "" when ipcsh did not name it */
	char end[3];
	bool nonblock;                /* O_NONBLOCK, from /proc/PID/fdinfo */
	char target[128];             /* the /proc/PID/fd link */
	int oi;                       /* index in reg.objs and world.objs, or -1 */
};

struct w_actor {
	const struct actor *a;
	int ppid;
	char state[12];
	char wchan[64];
	int64_t op_us;                /* time inside the call in flight */
	struct w_fd *fds;
	size_t nfds;
	uint64_t blocked, pending, ignored, caught;
	int wait_oi;                  /* asleep in a call on world.objs[wait_oi], or -1 */
	int wait_idx;                 /* ... on that semaphore of a set */
	uint32_t received[65];        /* caught deliveries by signal */
	struct sig_delivery *deliv;   /* each one caught, oldest first */
	char **deliv_text;            /* ... and in words (the sender named) */
	size_t ndeliv;
};

struct w_holder {
	const struct actor *a;        /* NULL: a process outside the session */
	int pid;
	int fd;
	char end[3];
};

/* Where an actor has a segment or mapping, checked in /proc/PID/maps. */
struct w_map {
	const struct actor *a;
	uint64_t addr, len;
	bool ro;
	bool seen;                    /* /proc/PID/maps has it at addr */
	char perms[5];                /* as maps prints them: "rw-s" */
};

/* A lock on a file, from /proc/locks. */
struct w_lock {
	const struct actor *a;        /* NULL: a process outside the session */
	int pid;
	char kind[8];                 /* "posix", "flock", "ofd" */
	char type[2];                 /* "r" or "w" */
	int64_t start, len;           /* len 0: to the end of the file */
	bool waiting;                 /* a request blocked behind a lock */
};

#define W_HEAD_MAX 16

struct w_object {
	const struct object *o;
	int64_t bytes, capacity;      /* -1: the kernel could not be asked */
	int readers, writers;
	struct w_holder *holders;
	size_t nholders;
	/* System V message queue */
	bool removed;                 /* IPC_STAT says it is gone */
	struct msgq_stat ms;
	struct msgq_msg *msgs;        /* oldest first */
	size_t nmsgs;
	int msgs_err;                 /* 0, or why the messages cannot be read */
	/* POSIX message queue */
	bool mq_known;                /* mqa could be read */
	struct mqq_attr mqa;
	bool mq_shown;                /* the session's record of its messages agrees
				       * with the kernel's count: mq_msgs are they */
	struct mqq_msg *mq_msgs;      /* highest priority first */
	size_t mq_nmsgs;
	char *devline;                /* /dev/mqueue/N, where mounted */
	/* shared memory and mappings */
	struct shmseg_stat ss;        /* System V segment (removed: gone) */
	int64_t size;                 /* bytes, -1 unknown */
	struct w_map *maps;
	size_t nmaps;
	unsigned char head[W_HEAD_MAX];/* its first bytes */
	int nhead;                    /* how many of them could be read, -1 none */
	/* semaphores */
	struct semset_val *sems;      /* each of a System V set (removed: gone) */
	int nsems;
	int value;                    /* POSIX: sem_getvalue, -1 unknown */
	/* files */
	struct w_lock *locks;
	size_t nlocks;
	/* sockets */
	const char *sock_state;       /* "listening", "connected", ... "closed" */
	int64_t inq;                  /* bytes to read (SIOCINQ); -1 unknown */
	uint64_t peer_ino;            /* the peer socket's inode (sock_diag), 0 none */
	char sock_local[112];         /* TCP, UDP: the addresses /proc/net/tcp... */
	char sock_remote[112];        /* ... lists ("" when it lists none) */
	int64_t outq;                 /* TCP, UDP: tx_queue; -1 unknown */
	int64_t drops;                /* UDP: datagrams dropped on arrival; -1 */
	int64_t pending, backlog;     /* a listener: connections waiting for
				       * accept, and how many may; -1 otherwise */
	int peer_pid;                 /* SO_PEERCRED: who connected, listened or
				       * made the pair (then), 0 unknown */
	const struct actor *peer;     /* ... when it is an actor */
};

struct world {
	int pid;                      /* ipcsh's */
	char dir[PATH_MAX];           /* the session directory */
	struct w_actor *actors;
	size_t nactors;
	struct w_object *objs;
	size_t nobjs;
};

void probe_world(struct world *w);
/* The same for the live view's periodic look: the processes outside the
 * session that hold a FIFO, queue or file are taken from the last full
 * look when it is recent, unless probe_outside_stale() was called. */
void probe_world_live(struct world *w);
void probe_outside_stale(void);
/* The kernel's word on one object (wo->o set, its holders found). */
void probe_object(struct world *w, struct w_object *wo);
void world_free(struct world *w);
/* Readers and writers of a pipe or FIFO now; -1 when nobody holds it. */
int probe_pipe_ends(const struct object *o, int *readers, int *writers);

/* Is wa asleep in a call on wo (idx >= 0: on that semaphore of a set)? */
bool world_waits_on(const struct world *w, const struct w_actor *wa, const struct w_object *wo, int idx);
const struct w_actor *world_actor_by_pid(const struct world *w, int pid);

void world_json(const struct world *w, struct buf *out);
const struct w_actor *world_actor(const struct world *w, const char *name);
const struct w_object *world_object(const struct world *w, const char *name);

#endif
