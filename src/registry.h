/* registry.h: what this session made and knows -- actors, objects, the
 * session directory and its state file -- and every way of removing it. */
#ifndef IPCSH_REGISTRY_H
#define IPCSH_REGISTRY_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "util.h"
#include "wire.h"

enum obj_kind {
	OBJ_PIPE, OBJ_FIFO, OBJ_MSG, OBJ_MQ, OBJ_SHM, OBJ_PSHM, OBJ_MMAP, OBJ_SEM,
	OBJ_PSEM, OBJ_FILE, OBJ_SOCK, OBJ_NKINDS
};

struct object {
	enum obj_kind kind;
	char name[IPCSH_NAME_MAX + 1];
	char *path;              /* FIFO, file: where it lives, absolute,
				  * directory resolved; POSIX queue, shared
				  * memory, semaphore: its name, /N; mapping:
				  * its source as given (/N, a path, "anon") */
	struct mqq_book *book;   /* POSIX queue: what the session saw go in and out */
	uint64_t dev;            /* FIFO: the device of its inode */
	uint64_t ino;            /* pipe: its inode (pipe:[INO]); FIFO: its inode */
	uint64_t btime;          /* FIFO: its birth time in ns (0: unknown), since
				  * a file made later may reuse the inode number */
	int id;                  /* System V: its id */
	int key;                 /* System V: its key (0: IPC_PRIVATE) */
	int64_t size;            /* shared memory: bytes; mapping: length */
	int64_t offset;          /* mapping: offset in its source */
	bool shared;             /* mapping: MAP_SHARED (else MAP_PRIVATE) */
	int nsems;               /* semaphores: how many in the set (POSIX: 1) */
	int64_t *pcount, *vcount;/* semaphores: P and V made in this session */
	void *psem;              /* POSIX semaphore: ipcsh's sem_t, to read it */
	struct race *race;       /* shared memory: the adds in progress (race.h) */
	bool owned;              /* made by us: removed at exit */
	char *state_line;        /* its line of the state file, as last written, */
	uint64_t state_sig;      /* ... and a hash of what that line says */
	bool attached;           /* made by another program: never removed */
	bool unlinked;           /* FIFO, POSIX name: removed, still in use;
				  * System V segment: IPC_RMID while attached */
	int sotype;              /* socket: SOCK_STREAM or SOCK_DGRAM */
	int sofamily;            /* socket: AF_UNIX, AF_INET or AF_INET6 */
	char *conn_local, *conn_remote; /* TCP socket closed while connected:
				  * its connection, which the kernel may keep
				  * a while (TIME_WAIT) */
	uint64_t link_ino;       /* pipe, socket: the inode its descriptors'
				  * links name (pipe:[INO], socket:[INO]); a
				  * socket's bound file is path, dev, ino, btime */
};

/* A descriptor an actor holds, as ipcsh named it. */
struct fdent {
	int fd;
	char obj[IPCSH_NAME_MAX + 1];
	char end[3];             /* "r", "w" or "rw" */
};

struct actor;
struct call;
struct w_fd;
typedef void call_done_fn(struct actor *a, struct call *c, const struct wire_rep *r,
			  const char *data);

/* A request in flight: how to describe it and what to do with its result. */
struct call {
	char desc[192];          /* "read(p.r, 4096)" */
	call_done_fn *done;
	char obj[IPCSH_NAME_MAX + 1];
	char end[3];
	int64_t arg;
	int64_t start_us;
	int64_t end_us;          /* when its result came (0: still running) */
	bool blocked;            /* reported as blocked in the kernel */
	bool long_run;           /* a loop of calls (add): blocked only when it
				  * sleeps without a context switch for 250 ms,
				  * as any call asleep in D state is */
	uint64_t ctxsw;          /* voluntary switches when last seen asleep */
	bool stop_said;          /* its actor was found stopped: said so */
	char lock[IPCSH_NAME_MAX + 1];   /* add lock=SEM: the semaphore, or "" */
	char addr[112];          /* bind, connect: the address; accept: the new
				  * socket's name */
	char wchan[64];
	char explain_as[16];     /* the call whose errno texts apply, "" for
				  * desc's own: "send" for a write(2) on a
				  * socket, which is send(2) without flags */
};

enum actor_life { LIFE_ALIVE, LIFE_DYING, LIFE_ZOMBIE, LIFE_GONE };

struct last_call {
	bool set;
	char call[32];
	int64_t ret;
	int err;
	char *data;
	size_t dlen;
};

/* A signal the actor's handler reported: who sent it, how, with what. */
struct sig_delivery {
	int sig;
	int pid;                 /* si_pid: the sender (0: the kernel) */
	int code;                /* si_code */
	int64_t value;           /* si_value; for SIGCHLD, si_status */
};
#define SIG_DELIVERIES_MAX 256   /* the newest kept */

struct actor {
	char name[IPCSH_NAME_MAX + 1];
	pid_t pid;
	int ctl;                 /* our end of its control socket, -1 once closed */
	int pidfd;
	char parent[IPCSH_NAME_MAX + 1]; /* "" when ipcsh is the parent */
	bool hello;
	bool failed;             /* its fork failed: no process; forgotten
				  * before the next command (reg_purge_failed) */
	bool in_flight;
	struct call call;
	enum actor_life life;
	bool have_exit;
	int wstatus;
	bool reaped_by_ipcsh;
	bool quiet;              /* a tool's own actor (bench's): its waits
				  * and its end are not reported, the tool says
				  * what it did */
	struct fdent *fds;
	size_t nfds;
	struct attach *maps;     /* its attached segments and mappings */
	size_t nmaps;
	uint64_t maps_gen;       /* gen + reg.gen when seen/perms were read, 0: never */
	struct last_call last;
	uint32_t received[65];
	struct sig_delivery *deliv;  /* in the order they were handled */
	size_t ndeliv;
	int64_t sleep_probe_us;  /* first time seen asleep inside the call */
	int64_t kick_us;         /* when a signal was sent to it, until delivered */
	uint64_t gen;            /* bumped by each report: its fds may have changed */
	struct w_fd *fdcache;    /* its descriptors as last read from /proc */
	size_t nfdcache;
	uint64_t fdcache_gen;    /* gen + reg.gen when fdcache was read, 0: none */
};

struct registry {
	struct actor **actors;
	size_t nactors;
	struct object **objs;
	size_t nobjs;
	char dir[PATH_MAX];      /* session directory */
	char base[PATH_MAX];     /* its parent: .../ipcsh */
	pid_t pid;
	char use[IPCSH_NAME_MAX + 1];
	int settle_ms;
	bool rejected;           /* some command was rejected: exit 1 */
	uint64_t gen;            /* bumped by the registry's own functions when
				  * its records change (objects, actors, maps,
				  * counts), and by reg_kernel_changed(): the
				  * probe's cached looks are then read again */
};

extern struct registry reg;

/* Session directory: make it (0700) and the state file; 0 or -1 with msg. */
int reg_session_start(char **msg);
void reg_save(void);
/* Kill and reap actors, remove owned objects and the session directory. */
void reg_cleanup_all(void);
/* Remove objects and actors but keep the session (the cleanup command). */
void reg_reset(void);

struct actor *reg_actor(const char *name);
struct actor *reg_actor_by_pid(pid_t pid);
struct object *reg_object(const char *name);
bool reg_name_taken(const char *name);
/* A new actor: its pid (0: not known yet, a fork under way), ipcsh's pidfd
 * for it (-1: none), its control socket. */
struct actor *reg_add_actor(const char *name, pid_t pid, int pidfd, int ctl, const char *parent);
/* Forget the actors whose fork failed (never while a poll is running). */
/* Forget an actor (one that failed to start, or is gone and reaped). */
void reg_drop_actor(struct actor *a);
void reg_purge_failed(void);
struct object *reg_add_object(enum obj_kind kind, const char *name);
void reg_remove_object(struct object *o);
const char *reg_kind_name(enum obj_kind k);
/* The identity of the file at path (not following a symlink) when it is
 * of that type (S_IFIFO, S_IFREG) and this user's: 0, or -1. */
int reg_path_id(const char *path, unsigned type, uint64_t *dev, uint64_t *ino, uint64_t *btime);
/* Is the object o still what its name leads to (same kernel object)? */
bool reg_obj_is_ours(const struct object *o);

/* A region an actor has attached or mapped (shmat, mmap), where the
 * call said; a fork copies them, as the kernel does. */
struct attach {
	char obj[IPCSH_NAME_MAX + 1];
	uint64_t addr;
	uint64_t len;
	bool ro;
	bool seen;               /* /proc/PID/maps has it at addr (look.c) */
	char perms[5];           /* as maps prints them: "rw-s" */
};

/* The actor's descriptor table as ipcsh named it. */
void reg_fd_add(struct actor *a, int fd, const char *obj, const char *end);
void reg_fd_del(struct actor *a, int fd);
struct fdent *reg_fd_find(struct actor *a, const char *obj, const char *end);
void reg_fd_copy(struct actor *to, const struct actor *from);
/* Its attachments, by object name. */
void reg_map_add(struct actor *a, const char *obj, uint64_t addr, uint64_t len, bool ro);
struct attach *reg_map_find(struct actor *a, const char *obj);
void reg_map_del(struct actor *a, const char *obj);
/* P and V made on semaphore idx of o (p and v of them). */
void reg_sem_counted(struct object *o, int idx, int64_t p, int64_t v);
/* A call changed kernel state that other actors' cached looks rest on
 * (an open file description's flags, which a forked sharer has too; a
 * lock, which changes who waits): look again. */
void reg_kernel_changed(void);
/* Drop pipes, and FIFOs and POSIX queues whose name is gone, that no actor
 * holds any more: the kernel has freed them. */
void reg_forget_unheld(void);
/* Is o closed by everyone and kept only by the kernel a while (a TCP
 * connection in TIME_WAIT)? Its name may then be given again. */
bool reg_only_lingers(const struct object *o);
/* Remove the name of a FIFO, file or POSIX object ipcsh made (or the id of
 * a System V object), if it still leads to that very object. 1: removed; 0: no longer ours, left alone; -1: the
 * call failed (errno), nothing changed. Unless -1, the name is not ours
 * any more. */
int reg_remove_name(struct object *o);

/* For stale.c: a kind by its name (-1: none), and a session directory
 * removed with what is in it. */
int reg_kind_by_name(const char *name);
void reg_remove_dir(const char *dir);

#endif
