/* bench.h: what bench measures, shared by the command (cmd_bench.c, which
 * plans the runs and makes the System V and POSIX objects they need), the
 * actor that makes the measured calls (actor_bench.c) and the report
 * (bench_report.c). */
#ifndef IPCSH_BENCH_H
#define IPCSH_BENCH_H

#include <stdbool.h>
#include <stdint.h>

enum bench_mech {
	BM_PIPE, BM_FIFO, BM_MSG, BM_MQ, BM_SHM_SEM, BM_SHM_FUTEX, BM_UNIX, BM_UNIX_DGRAM, BM_TCP, BM_UDP,
	BM_SIGNAL,
	BM_NMECH,
	BM_BARE = BM_NMECH,            /* the references: a bare pipe ping-pong */
	BM_MEMCPY,                     /* and memcpy of the same size */
	BM_NALL
};

/* shm: a stream goes through a ring of this many slots of a message each */
#define BENCH_SHM_SLOTS 4

/* The end of a stream, sent back by the partner: how many measured
 * messages came, and how long it waited in vain for more (UDP may lose
 * some). */
struct bench_ack {
	int64_t got, waited_ns;
};
#define BENCH_ACK_SIZE ((int64_t)sizeof(struct bench_ack))

/* latency: a ping-pong, half the round trip; throughput: a stream of
 * count messages, then one byte back */
enum bench_mode { BENCH_LATENCY, BENCH_THROUGHPUT };

/* One measured run, as the actor gets it (OP_BENCH's payload). */
struct bench_spec {
	int32_t mech, mode;
	int64_t size;                  /* bytes a message */
	int64_t count;                 /* messages (round trips) measured */
	int64_t warmup;                /* before them, not measured */
	int64_t chunk;                 /* msg, mq: the most one message may hold
					* (msgmax, mq_msgsize): larger ones go in parts */
	int32_t msqid, semid, shmid;   /* msg: the queue; shm: the segment (a
					* head, then BENCH_SHM_SLOTS of size) and, with
					* semaphores, the set of two */
	char path[2][256];             /* fifo: the two FIFOs' paths */
	char mq[2][40];                /* mq: the two queues' names (there, back) */
};

/* The name a learner types for each mechanism, and the words for it. */
struct bench_mech_desc {
	const char *name;              /* "pipe", "shm", "unix-dgram" ... */
	const char *key;               /* its key in show --json's "bench":
					* "shm-sem" and "shm-futex" apart */
	const char *label;             /* in the table: "shm (semaphores)" */
	bool latency_only;             /* signals carry no data */
};
extern const struct bench_mech_desc bench_mechs[BM_NALL];

#endif
