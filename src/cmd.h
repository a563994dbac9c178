/* cmd.h: commands are table rows. Each family file (cmd_proc.c,
 * cmd_pipe.c, cmd_msg.c, cmd_sig.c, cmd_misc.c) holds a table of entries; help,
 * completion and the manual's command list all come from these tables. */
#ifndef IPCSH_CMD_H
#define IPCSH_CMD_H

#include <stdbool.h>
#include "parse.h"
#include "registry.h"

enum cmd_where {
	CMD_COORD,   /* runs in ipcsh itself */
	CMD_ACTOR,   /* runs inside an actor: ACTOR: prefix or "use" */
	CMD_EITHER,  /* inside an actor with an ACTOR: prefix, else in ipcsh */
};

/* What an argument names: completion offers it, and an argument that
 * names an object of some kinds is found before the command runs. */
enum arg_kind {
	ARG_NONE, ARG_ACTOR, ARG_ACTORS, ARG_PIPE, ARG_FIFO, ARG_CHAN, ARG_END,
	ARG_SIGNAL, ARG_COMMAND, ARG_WORD, ARG_ANY_NAME, ARG_MSG, ARG_MQ,
	ARG_SHM, ARG_REGION, ARG_MMAP, ARG_SEM, ARG_PSEM, ARG_FILE, ARG_PSHM, ARG_SOCK,
	ARG_NKINDS
};

/* The object kinds an argument kind names (0: not objects); with ends, a
 * pipe is named by one of its ends (p.r, p.w) and the family finds it. */
struct cmd_arg_kind {
	int mask;
	bool ends;
};
extern const struct cmd_arg_kind cmd_arg_kinds[ARG_NKINDS];

/* An option: a bare word (nowait) or NAME=VALUE (size=4K), taken from the
 * words after the command's required arguments and checked before the
 * command runs, so usage, completion and checks share one declaration. */
enum cmd_opt_type { OPT_FLAG, OPT_SIZE, OPT_INT, OPT_MODE, OPT_WORD };
struct cmd_opt {
	const char *name;
	enum cmd_opt_type type;
	const char *meta;         /* the value in the usage: size=N */
	int64_t min, max;         /* SIZE, INT, MODE */
	const char *takes;        /* N_(): "a size from 0 to 1M" (NAME= takes ...) */
};
#define CMD_OPTS_MAX 8
#define CMD_FLAG(name) { name, OPT_FLAG, NULL, 0, 0, NULL }
#define CMD_OPT_END { NULL, 0, NULL, 0, 0, NULL }
struct cmd_optval {
	bool set;
	int64_t n;                /* SIZE, INT, MODE */
	const char *s;            /* the value as typed */
};

struct cmd_ctx;
typedef int cmd_exec_fn(struct cmd_ctx *ctx);

struct cmd_entry {
	const char *name;
	const char *args;         /* usage after the name: "PIPE [N]" */
	const char *summary;      /* N_(): one line for help */
	enum cmd_where where;
	int min_args, max_args;   /* max -1: any number */
	cmd_exec_fn *exec;
	enum arg_kind complete[3];/* what arguments 1..3 name */
	unsigned flags;           /* CMD_F_... */
	const struct cmd_opt *opts; /* its options, ended by a NULL name; or NULL */
};

/* An idle actor may have a signal on its way after it (kill, sigqueue,
 * mq_send's notification): the settle after it looks at their state. */
#define CMD_F_SIGNALS 1u

struct cmd_ctx {
	const struct cmd_entry *entry;
	struct actor *actor;      /* CMD_ACTOR commands */
	int argc;
	struct word *argv;        /* the arguments after the command name, options taken out */
	struct object *obj[3];    /* arguments 1..3 when they name objects (cmd_arg_kinds) */
	struct cmd_optval opt[CMD_OPTS_MAX]; /* as entry->opts */
	bool background;
};

enum { CMD_OK = 0, CMD_REJECTED = 1 };

extern const struct cmd_entry cmd_proc_table[];
extern const struct cmd_entry cmd_pipe_table[];
extern const struct cmd_entry cmd_sig_table[];
extern const struct cmd_entry cmd_msg_table[];
extern const struct cmd_entry cmd_mq_table[];
extern const struct cmd_entry cmd_shm_table[];
extern const struct cmd_entry cmd_mem_table[];
extern const struct cmd_entry cmd_sem_table[];
extern const struct cmd_entry cmd_file_table[];
extern const struct cmd_entry cmd_look_table[];
extern const struct cmd_entry cmd_misc_table[];
extern const struct cmd_entry cmd_lesson_table[];
extern const struct cmd_entry cmd_sock_table[];
extern const struct cmd_entry cmd_bench_table[];

/* Iterate over every command of every family; NULL at the end. */
const struct cmd_entry *cmd_next(const struct cmd_entry *prev);
const struct cmd_entry *cmd_find(const char *name);
/* Print "ipcsh: error: ..." and the usage; returns CMD_REJECTED. */
int cmd_reject(struct cmd_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cmd_print_usage(const struct cmd_entry *e);
char *cmd_usage(const struct cmd_entry *e);

/* Run one line: parse, dispatch every command, settle after each one.
 * Returns the number of rejected commands. With stop_on_reject, stops at
 * the first. */
/* A line longer than a line may be, read in pieces and not kept: it is
 * rejected with its whole length. Returns 1. */
int cmd_run_overlong(size_t len);
int cmd_run_line(const char *line, size_t len, bool stop_on_reject);

/* Options given (declared in the row: asking for another is a bug). */
bool cmd_flag(const struct cmd_ctx *ctx, const char *name);
const struct cmd_optval *cmd_opt(const struct cmd_ctx *ctx, const char *name);

/* Argument helpers for the families: each rejects with a clear message. */
struct object *cmd_arg_object(struct cmd_ctx *ctx, int i, int kind_mask);
struct actor *cmd_arg_actor(struct cmd_ctx *ctx, int i);
int cmd_arg_new_name(struct cmd_ctx *ctx, int i);
/* A DATA word or bytes=N (N filler bytes, at most max, a multiple of 1M). */
struct cmd_data {
	bool filler;
	int64_t n;                /* how many bytes either way */
	const char *bytes;        /* the payload to send; NULL for filler */
	uint32_t len;             /* its length; 0 for filler */
};
/* Read it from word i and describe it in desc ("\"hi\", 2" or "bytes=N"). */
int cmd_arg_data(struct cmd_ctx *ctx, int i, int64_t max, struct cmd_data *d, struct buf *desc);
/* Record a POSIX queue made or found by name (cmd_mq.c, attach). */
struct object *cmd_mq_register(const char *as, const char *name, bool created, uint64_t dev, uint64_t ino);
/* Where mkfifo or mkfile makes NAME (word 0): given (or NULL: the
 * session directory), made absolute with its directory resolved as the
 * kernel spells it in /proc/PID/fd. *raw: as given (to free); *path: that
 * (to free), or NULL when the directory is not there. Never one of the
 * session directory's own files. */
int cmd_new_path(struct cmd_ctx *ctx, const char *given, char **raw, char **path);
/* After making a FIFO or file (kind) at path with call (its description,
 * e its errno or 0): record it with its identity, or print why not. Frees
 * raw, and path unless recorded. The object, or NULL. */
struct object *cmd_path_made(struct cmd_ctx *ctx, enum obj_kind kind, char *raw, char *path, int e, const char *call);
/* The options every System V get shares: key=, private, perm=, excl. */
struct cmd_sysv {
	int key;                  /* key_t */
	int64_t perm;
	bool excl;
};
/* The rows' declaration of them, and reading them once checked. */
#define CMD_SYSV_OPTS \
	{ "key", OPT_WORD, "KEY", 0, 0, N_("a number (0x1234) or ftok:PATH:ID") }, \
	CMD_FLAG("private"), \
	{ "perm", OPT_MODE, "MODE", 0, 0777, N_("a mode from 0 to 0777 (octal, like 0640)") }, \
	CMD_FLAG("excl")
int cmd_sysv_read(struct cmd_ctx *ctx, struct cmd_sysv *g);
/* "IPC_PRIVATE" or "0x00001234", for a call's description. */
const char *cmd_sysv_key(const struct cmd_sysv *g, char *buf, size_t size);
/* The get call as C has it: "semget(KEY, N, IPC_CREAT|IPC_EXCL|0600)",
 * without the size for n < 0 (msgget); into buf. */
const char *cmd_sysv_desc(char *buf, size_t size, const char *call, const struct cmd_sysv *g, int64_t n);
/* A region the actor has attached or mapped (shmat, mmap) named by word
 * i, with OFFSET (word i+1) and len bytes inside it; else a rejection. */
struct attach *cmd_arg_region(struct cmd_ctx *ctx, int i, int64_t len, int64_t *off);
/* shm_unlink or sem_unlink (call) of the object named by word 0, with what
 * to say when its name was removed before (lives) and now (gone). */
int cmd_unlink_posix(struct cmd_ctx *ctx, const char *call, const char *lives, const char *gone);
/* A semaphore object's nsems and its P and V counters (cmd_sem.c, attach). */
void cmd_sem_counts(struct object *o, int nsems);
int cmd_arg_int(struct cmd_ctx *ctx, int i, const char *what, int64_t min, int64_t max, int64_t *out);
/* The descriptor the actor holds for word i (P.r, P.w, a FIFO, a file or
 * a socket), or a rejection naming verb; *op is its object. */
struct fdent *cmd_arg_held(struct cmd_ctx *ctx, int i, const char *verb, struct object **op);
#define KIND_BIT(k) (1 << (k))
/* What is said after a read of a socket (read, or recv: by_read false):
 * end of file or an empty datagram, who sent it (from, or NULL), the bytes
 * or the next datagram still waiting, and for read, which cannot tell,
 * that a datagram as long as N may have been cut. */
struct buf;
struct wire_rep;
void cmd_sock_read_note(struct buf *b, const struct object *o, const struct call *c, const struct wire_rep *r,
			const char *from, bool by_read);

#endif
