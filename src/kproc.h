/* kproc.h: a process as the kernel reports it in /proc/PID/stat and
 * /proc/PID/status, read into typed structs -- the one reader the
 * settle logic, the probe and the registry share (each file at most
 * once for what a caller asks). */
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

/* 0, or -1 when the process is gone (or was never there). */
int kproc_stat(pid_t pid, struct kproc_stat *st);
int kproc_status(pid_t pid, struct kproc_status *st);

#endif
