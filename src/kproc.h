/* kproc.h: a process as the kernel reports it in /proc/PID/stat,
 * status, wchan, syscall and maps, read into typed structs -- the one
 * reader the settle logic, the probe and the registry share (each file at
 * most once for what a caller asks). */
#ifndef IPCSH_KPROC_H
#define IPCSH_KPROC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct kproc_stat {
	char state;                    /* R S D T t Z X ... */
	pid_t ppid;
	unsigned long long starttime;  /* clock ticks after boot */
	int exit_code;                 /* field 52: the wait status, once it exits */
};

struct kproc_status {
	char state;
	uint64_t pending;              /* SigPnd | ShdPnd */
	uint64_t blocked, ignored, caught;
	bool coredumping;
	uint64_t vol_ctxsw;            /* voluntary_ctxt_switches */
};

/* The system call a task is in (/proc/PID/syscall): its number and first
 * argument, or running (it is on a CPU: no call to name). */
struct kproc_syscall {
	bool running;
	long nr;
	unsigned long arg0;
};

/* One line of /proc/PID/maps. */
struct kproc_map {
	uint64_t lo, hi;
	char perms[5];                 /* "rw-s" */
	char *path;                    /* "" for anonymous memory */
	bool deleted;                  /* the path had " (deleted)" after it */
};

/* 0, or -1 when the process is gone (or was never there); errno says why
 * (EAGAIN: the task is changing state, ask again). */
int kproc_stat(pid_t pid, struct kproc_stat *st);
int kproc_status(pid_t pid, struct kproc_status *st);
int kproc_syscall(pid_t pid, struct kproc_syscall *sc);
/* Where the task sleeps in the kernel (/proc/PID/wchan): a function name,
 * or "" when it is not asleep or the kernel does not say. */
int kproc_wchan(pid_t pid, char *out, size_t n);
/* Every mapping, in address order; free with kproc_maps_free. */
int kproc_maps(pid_t pid, struct kproc_map **maps, size_t *n);
void kproc_maps_free(struct kproc_map *maps, size_t n);

#endif
