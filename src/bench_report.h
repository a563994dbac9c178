/* bench_report.h: bench's figures -- what each run gave, and the table,
 * the charts and the JSON made of them (bench_report.c). */
#ifndef IPCSH_BENCH_REPORT_H
#define IPCSH_BENCH_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include "bench.h"

#define BENCH_RUNS 5
#define BENCH_SIZES_MAX 8

/* One mechanism at one size: a figure a run, latency (ns one way) and
 * throughput (messages a second). */
struct bench_row {
	int mech;
	int64_t size, count;
	double lat[BENCH_RUNS], tput[BENCH_RUNS];
	int nlat, ntput;
	double rbare[BENCH_RUNS], rcopy[BENCH_RUNS];   /* each run's figure over the
					* same run's reference: latency / bare pipe,
					* MB/s / memcpy */
	int nrbare, nrcopy;
	int nfail, fail_err;           /* runs that failed, and the last errno */
	int64_t lost, sent;            /* UDP streams: datagrams that never came */
	int64_t parts;                 /* msg, mq: a message went in this many */
	const char *why_not;           /* not measured: why (a translated text) */
};

/* The references at one size, a figure a run. */
struct bench_refs {
	int64_t size;
	double bare[BENCH_RUNS], copy[BENCH_RUNS];   /* ns one way; MB/s */
	int nbare, ncopy;
	int64_t count_bare, count_copy;   /* round trips and copies a run */
};

struct bench_report {
	struct bench_row *rows;
	size_t nrows;
	struct bench_refs refs[BENCH_SIZES_MAX];
	size_t nsizes;
	int runs;                      /* runs finished */
	bool stopped;                  /* Ctrl-C came first */
};

double bench_median(const double *v, int n);
void bench_print_table(const struct bench_report *rep);
/* The bar charts: latency at each size; with several sizes, throughput
 * against size. width: the columns there are. */
void bench_print_charts(const struct bench_report *rep, int width);
void bench_print_json(const struct bench_report *rep);

/* The session keeps the last figure of each mechanism at each size, and
 * the references, for show --json's "bench":
 *   {"pipe": {"64": {"latency_ns": ..., "msgs_per_s": ...}}, "shm-sem": ...,
 *    "bare-pipe": ..., "memcpy": ...}
 * (bench_mech_desc.key). A lesson forgets them when it empties the session. */
struct json;
void bench_report_keep(const struct bench_report *rep);
void bench_report_forget(void);
void bench_report_json_kept(struct json *j);

#endif
