/* emit.h: the session as a C program (save FILE.c, ipcsh --emit-c). The
 * recorder keeps each accepted command with its actor, what C it becomes
 * (emit_calls.c) and whether the session left it blocked and which later
 * command woke it; emit_save turns that into one program: a function per
 * actor, fork() where the session spawned or forked, the turns the
 * session took made explicit by a marked handshake, cleanup at the end. */
#ifndef IPCSH_EMIT_H
#define IPCSH_EMIT_H

#include <stdbool.h>
#include "util.h"

struct cmd_ctx;
struct cmdline;

/* Before a command runs: the objects it names, which it may remove. */
void emit_prepare(const struct cmd_ctx *ctx);
/* After a command was accepted (before its settle). */
void emit_command(struct cmd_ctx *ctx, const struct cmdline *cl);
/* After its settle: is it blocked, and did it wake an earlier one? */
void emit_settled(void);
/* The session starts over (cleanup, a lesson's reset): forget it all. */
void emit_forget(void);
/* Write the program to path: 0, or -1 with the reason said. force:
 * replace a file that is there. */
int emit_save(const char *path, bool force);
/* The last program written (emit_save) until the session starts over:
 * show --json's session.saved, {"path", "steps"} or null. */
struct json;
void emit_saved(const char *path, int steps);
void emit_json_saved(struct json *j);

/* ---- for the emitters (emit_calls.c) ---- */

/* What one command becomes: statements (one a line, no indentation; a
 * line may start with tabs of its own) run in its process. */
struct emit_cmd {
	struct cmd_ctx *ctx;      /* its words and options (its objects: obj, kind) */
	const char *obj[3];       /* the objects its arguments named, as they were
				   * before it ran (it may have removed them) */
	int kind[3];              /* their kinds (enum obj_kind), -1: none */
	const char *path[3];      /* their paths (a POSIX name), or NULL */
	const char *who;          /* the actor's name, "" for ipcsh itself */
	const char *label;        /* as ipcsh printed the call: "A: read(p.r, 4096)" */
	struct buf code;
	struct buf locals;        /* declarations for the top of its function, one a line */
	const char *why;          /* no C: why (N_()), the command becomes a comment */
	bool ends;                /* the process ends here (exit) */
};
/* An emitter; the row's name is the command's. */
typedef void emit_fn(struct emit_cmd *c);
struct emit_row {
	const char *name;
	emit_fn *fn;
};
extern const struct emit_row emit_rows[];

void emit_line(struct emit_cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The label as a C string literal, into c->code. */
void emit_label(struct emit_cmd *c);
/* s as a C string literal of n bytes. */
void emit_cstr(struct buf *b, const char *s, size_t n);
/* A C name for an object or actor: prefix and name made an identifier,
 * the same one each time, different for different names. Lives as long
 * as the recording. */
const char *emit_ident(const char *prefix, const char *name);
/* A declaration at file scope (once each), a member of the shared page
 * (once each: "int q;", read as shared->q), a line of the cleanup at the
 * end (once each). */
void emit_global(const char *decl);
void emit_shared(const char *member);
void emit_cleanup(const char *line);
/* s made fit for a C comment (no star-slash, no slash-star): a copy. */
char *emit_comment_safe(const char *s);
/* The C lvalue of the descriptor obj's end ("r", "w", "rw") is in a
 * process (pipe_p[0], fd_f_rw, sock_s), into out; NULL if none. */
const char *emit_fd_name(const char *obj, const char *end, char *out, size_t size);
/* A helper of the program is needed (EMIT_H_...). */
void emit_need(unsigned helper);
enum {
	EMIT_H_SAID = 1u, EMIT_H_DATA = 2u, EMIT_H_MSG = 4u, EMIT_H_HANDLER = 8u, EMIT_H_BUF = 16u,
	EMIT_H_DIR = 32u, EMIT_H_ADDR = 64u, EMIT_H_ADDR_OF = 128u, EMIT_H_FDPASS = 256u,
};
/* The actor c->who starts (spawn, fork) NAME: a new actor function. */
const char *emit_new_actor(const char *name);
/* The C name of the latest actor called name (its function is
 * actor_NAME, its pid shared->pid_NAME), or NULL. */
const char *emit_actor(const char *name);
/* Has this actor already done key (an mq_open of a name, say)? Marks it. */
bool emit_actor_once(const char *who, const char *key);

/* ---- for the writer (emit_program.c) ---- */

struct emit_step {
	int actor;                /* index in actors, -1: ipcsh itself */
	const char *cmd;          /* its command's name (its row's) */
	char *typed;              /* the command as typed, one line */
	char *code;               /* its statements, NULL: a comment only */
	char *locals;             /* its declarations, or NULL */
	const char *why;          /* a comment's reason, N_() */
	bool own;                 /* ipcsh's own command (else left out) */
	bool blocked;             /* left blocked after its settle (or exit) */
	int woken_by;             /* the step whose settle saw it return, -1;
				   * -2: its process ended while it was blocked */
	bool ends;                /* exit: its process ends here */
	bool died;                /* its process ended while it was blocked */
	int turn;                 /* 1.. for a step with code */
	unsigned helpers;         /* the program's helpers its code uses */
};

struct emit_actor {
	char *name;
	const char *ident;        /* actor_IDENT, shared->pid_IDENT */
	char **done;              /* emit_actor_once's keys */
	size_t ndone;
	int blocked_step;         /* its step still blocked, -1 */
};

struct emit_list {
	char **s;
	size_t n;
};

struct emit_rec {
	struct emit_step *steps;
	size_t nsteps;
	struct emit_actor *actors;
	size_t nactors;
	struct emit_list globals, shared, cleanup, idents, idkeys;
	int turns;                /* steps with code */
};
const struct emit_rec *emit_recording(void);
/* The program's text for what was recorded, named name (FILE.c). */
void emit_program(struct buf *b, const char *name);

#endif
