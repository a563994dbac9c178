/* bench_report.c: bench's figures told -- a table (mechanism, size,
 * latency, messages/s, MB/s, the ratio to the references measured in the
 * same run), horizontal bar charts drawn with text (latency at each size,
 * sorted; throughput against size when several were asked) and the JSON
 * of SPEC §4. Medians of the runs, with their spread (min-max). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "bench_report.h"
#include "util.h"
#include "json.h"
#include "explain.h"
#include "out.h"

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_median(const double *v, int n)
{
	if (n <= 0)
		return -1;
	double s[BENCH_RUNS];
	memcpy(s, v, (size_t)n * sizeof *s);
	qsort(s, (size_t)n, sizeof *s, bench_cmp);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double bench_min(const double *v, int n)
{
	double m = v[0];
	for (int i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

static double bench_max(const double *v, int n)
{
	double m = v[0];
	for (int i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

/* A figure in the unit that suits it: the first row it is under. */
struct bench_unit {
	double under, div;
	int digits;
	const char *suffix;
};

static void bench_scaled(char *out, size_t n, double v, const struct bench_unit *u)
{
	while (v >= u->under && u[1].suffix)
		u++;
	snprintf(out, n, "%.*f%s", u->digits, v / u->div, u->suffix);
}

/* "820 ns", "4.1 us", "2.30 ms": a duration for the reader. */
static void bench_time(char *out, size_t n, double ns)
{
	static const struct bench_unit units[] = { { 1e3, 1, 0, " ns" }, { 1e6, 1e3, 1, " us" }, { 0, 1e6, 2, " ms" }, { 0, 0, 0, NULL } };
	bench_scaled(out, n, ns, units);
}

/* "950", "182 k", "4.7 M": a rate. */
static void bench_rate(char *out, size_t n, double v)
{
	static const struct bench_unit units[] = { { 1e4, 1, 0, "" }, { 1e7, 1e3, 0, " k" }, { 0, 1e6, 1, " M" }, { 0, 0, 0, NULL } };
	bench_scaled(out, n, v, units);
}

/* "64 B", "4 KiB", "1 MiB" */
static void bench_size(char *out, size_t n, int64_t s)
{
	if (s >= 1024 * 1024 && s % (1024 * 1024) == 0)
		snprintf(out, n, "%lld MiB", (long long)(s >> 20));
	else if (s >= 1024 && s % 1024 == 0)
		snprintf(out, n, "%lld KiB", (long long)(s >> 10));
	else
		snprintf(out, n, "%lld B", (long long)s);
}

static double bench_mbs(const struct bench_row *r)
{
	return r->ntput ? bench_median(r->tput, r->ntput) * (double)r->size / 1e6 : -1;
}

static void bench_row_line(const struct bench_row *r)
{
	char sz[24], lat[24], lo[24], hi[24], rate[24];
	bench_size(sz, sizeof sz, r->size);
	struct buf b = {0};
	buf_printf(&b, "  %-18s %8s", bench_mechs[r->mech].label, r->mech == BM_SIGNAL ? "-" : sz);
	if (r->why_not || !r->nlat) {
		if (r->why_not)
			buf_printf(&b, "   %s", r->why_not);
		else
			buf_printf(&b, _("   no figure: every run failed (%s)"), explain_errno_name(r->fail_err));
		out_printf("%s", b.s);
		buf_free(&b);
		return;
	}
	bench_time(lat, sizeof lat, bench_median(r->lat, r->nlat));
	bench_time(lo, sizeof lo, bench_min(r->lat, r->nlat));
	bench_time(hi, sizeof hi, bench_max(r->lat, r->nlat));
	buf_printf(&b, " %10s (%s-%s)", lat, lo, hi);
	if (r->ntput) {
		bench_rate(rate, sizeof rate, bench_median(r->tput, r->ntput));
		buf_printf(&b, " %8s %9.1f", rate, bench_mbs(r));
	} else {
		buf_printf(&b, " %8s %9s", "-", "-");
	}
	if (r->nrbare)
		buf_printf(&b, _("   %.2fx bare pipe"), bench_median(r->rbare, r->nrbare));
	double copy = r->nrcopy ? bench_median(r->rcopy, r->nrcopy) : 0;
	if (copy >= 0.01)               /* smaller: the calls cost, not the bytes */
		buf_printf(&b, _(", %.2fx memcpy"), copy);
	if (r->nfail)
		buf_printf(&b, _("   (%d runs failed: %s)"), r->nfail, explain_errno_name(r->fail_err));
	if (r->parts > 1)
		buf_printf(&b, _("   (each message sent in %lld parts: the kernel's limit is smaller)"), (long long)r->parts);
	if (r->lost > 0)
		buf_printf(&b, _("   (%lld of %lld datagrams did not arrive)"), (long long)r->lost, (long long)r->sent);
	out_printf("%s", b.s);
	buf_free(&b);
}

void bench_print_table(const struct bench_report *rep)
{
	out_printf(_("  median of %d runs (min-max); latency is half a round trip, throughput a stream of messages"), rep->runs);
	out_printf("  %-18s %8s %10s %-17s %8s %9s   %s", _("mechanism"), _("size"), _("latency"), "", _("msgs/s"), _("MB/s"), _("ratio"));
	for (size_t i = 0; i < rep->nrows; i++)
		bench_row_line(&rep->rows[i]);
	for (size_t k = 0; k < rep->nsizes; k++) {
		const struct bench_refs *f = &rep->refs[k];
		char sz[24], lat[24];
		bench_size(sz, sizeof sz, f->size);
		if (f->nbare) {
			bench_time(lat, sizeof lat, bench_median(f->bare, f->nbare));
			out_printf(_("  reference at %s: a bare pipe ping-pong %s one way, memcpy %.0f MB/s"), sz, lat,
				   f->ncopy ? bench_median(f->copy, f->ncopy) : 0.0);
		}
	}
	out_printf(_("  a ratio is the median of each run's figure over the reference measured in that run: on a busy machine the ratios move less than the figures, so compare ratios from run to run"));
}

static int bench_width(int width)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");
	if (width <= 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		width = ws.ws_col;
	if (width <= 0 && c)
		width = atoi(c);
	if (width <= 0)
		width = 80;
	return width > 120 ? 120 : width < 60 ? 60 : width;
}

static int bench_by_value(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* "  label     ######## 4.1 us" rows, the longest bar at most room. */
static void bench_bar(const char *label, double v, double top, int room, const char *value)
{
	int n = top > 0 ? (int)(v / top * room + 0.5) : 0;
	char bar[128];
	n = n < 1 ? 1 : n > room ? room : n;
	memset(bar, '#', (size_t)n);
	bar[n] = '\0';
	out_printf("  %-18s %s %s", label, bar, value);
}

/* Latency at one size, shortest first. */
static void bench_latency_chart(const struct bench_report *rep, int64_t size, int room)
{
	double v[BM_NALL + 2][2];       /* value, row index */
	int n = 0;
	double top = 0;
	for (size_t i = 0; i < rep->nrows && n < BM_NALL; i++) {
		const struct bench_row *r = &rep->rows[i];
		bool sig_here = r->mech == BM_SIGNAL && size == rep->refs[0].size;   /* no size: charted once */
		if ((r->size != size && !sig_here) || (r->mech == BM_SIGNAL && !sig_here) || !r->nlat || r->why_not)
			continue;
		v[n][0] = bench_median(r->lat, r->nlat);
		v[n++][1] = (double)i;
		top = v[n - 1][0] > top ? v[n - 1][0] : top;
	}
	if (!n)
		return;
	qsort(v, (size_t)n, sizeof v[0], bench_by_value);
	char sz[24], t[24];
	bench_size(sz, sizeof sz, size);
	out_printf(_("  latency at %s (shorter is faster):"), sz);
	for (int k = 0; k < n; k++) {
		bench_time(t, sizeof t, v[k][0]);
		bench_bar(bench_mechs[rep->rows[(size_t)v[k][1]].mech].label, v[k][0], top, room, t);
	}
}

/* Throughput against size, a bar for each size under each mechanism. */
static void bench_growth_chart(const struct bench_report *rep, int room)
{
	double top = 0;
	for (size_t i = 0; i < rep->nrows; i++)
		top = bench_mbs(&rep->rows[i]) > top ? bench_mbs(&rep->rows[i]) : top;
	if (top <= 0)
		return;
	out_printf(_("  throughput as the messages grow (MB/s, longer is faster):"));
	for (int m = 0; m < BM_NMECH; m++) {
		bool first = true;
		for (size_t i = 0; i < rep->nrows; i++) {
			const struct bench_row *r = &rep->rows[i];
			double mb = bench_mbs(r);
			if (r->mech != m || mb <= 0)
				continue;
			if (first)
				out_printf("  %s", bench_mechs[m].label);
			char sz[24], label[48], val[24];
			bench_size(sz, sizeof sz, r->size);
			snprintf(label, sizeof label, "  %s", sz);
			snprintf(val, sizeof val, "%.1f", mb);
			bench_bar(label, mb, top, room, val);
			first = false;
		}
	}
}

void bench_print_charts(const struct bench_report *rep, int width)
{
	int room = bench_width(width) - 2 - 18 - 1 - 12 - 9;   /* and the live view's time stamp */
	for (size_t k = 0; k < rep->nsizes; k++)
		bench_latency_chart(rep, rep->refs[k].size, room);
	if (rep->nsizes > 1)
		bench_growth_chart(rep, room);
}

static void bench_json_num(struct json *j, const char *key, double v, bool have)
{
	json_key(j, key);
	if (have)
		json_double(j, v);
	else
		json_null(j);
}

static void bench_json_row(struct json *j, const struct bench_row *r)
{
	bool lat = r->nlat && !r->why_not, tp = r->ntput && !r->why_not;
	json_obj_begin(j);
	json_kstr(j, "mech", bench_mechs[r->mech].name);
	if (r->mech == BM_SHM_SEM || r->mech == BM_SHM_FUTEX)
		json_kstr(j, "handshake", r->mech == BM_SHM_SEM ? "semaphore" : "futex");
	json_kint(j, "size", r->size);
	json_kint(j, "count", r->count);
	bench_json_num(j, "latency_ns", lat ? bench_median(r->lat, r->nlat) : 0, lat);
	bench_json_num(j, "latency_ns_min", lat ? bench_min(r->lat, r->nlat) : 0, lat);
	bench_json_num(j, "latency_ns_max", lat ? bench_max(r->lat, r->nlat) : 0, lat);
	bench_json_num(j, "msgs_per_s", tp ? bench_median(r->tput, r->ntput) : 0, tp);
	bench_json_num(j, "mb_per_s", tp ? bench_mbs(r) : 0, tp);
	bench_json_num(j, "ratio_bare_pipe", r->nrbare ? bench_median(r->rbare, r->nrbare) : 0, lat && r->nrbare);
	bench_json_num(j, "ratio_memcpy", r->nrcopy ? bench_median(r->rcopy, r->nrcopy) : 0, tp && r->nrcopy);
	json_kint(j, "failed_runs", r->nfail);
	json_kint(j, "parts", r->parts ? r->parts : 1);
	json_kint(j, "lost", r->lost);
	json_kstr_or_null(j, "not_possible", r->why_not);
	json_obj_end(j);
}

void bench_print_json(const struct bench_report *rep)
{
	struct json j;
	struct buf b = {0};
	json_init(&j, &b);
	json_obj_begin(&j);
	json_kint(&j, "runs", rep->runs);
	json_key(&j, "stopped");
	json_bool(&j, rep->stopped);
	json_key(&j, "results");
	json_arr_begin(&j);
	for (size_t i = 0; i < rep->nrows; i++)
		bench_json_row(&j, &rep->rows[i]);
	json_arr_end(&j);
	json_key(&j, "references");
	json_arr_begin(&j);
	for (size_t k = 0; k < rep->nsizes; k++) {
		const struct bench_refs *f = &rep->refs[k];
		json_obj_begin(&j);
		json_kint(&j, "size", f->size);
		bench_json_num(&j, "bare_pipe_latency_ns", bench_median(f->bare, f->nbare), f->nbare > 0);
		bench_json_num(&j, "memcpy_mb_per_s", bench_median(f->copy, f->ncopy), f->ncopy > 0);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	out_printf("%s", b.s);
	buf_free(&b);
}

/* ---- the figures kept for the session ----
 * The last figure of each mechanism at each size (a later bench replaces
 * an earlier one), and the references as rows of their own (bare-pipe,
 * memcpy), for show --json's "bench" and the lessons' claims. */
static struct {
	struct bench_row *rows;
	size_t n;
} bench_kept;

static void bench_keep_row(const struct bench_row *r)
{
	if (!r->nlat && !r->ntput && !r->nfail && !r->why_not)
		return;                  /* stopped before it ran: the older figure stays */
	size_t i = 0;
	while (i < bench_kept.n && (bench_kept.rows[i].mech != r->mech || bench_kept.rows[i].size != r->size))
		i++;
	if (i == bench_kept.n)
		bench_kept.rows = xrealloc(bench_kept.rows, ++bench_kept.n * sizeof *bench_kept.rows);
	bench_kept.rows[i] = *r;
}

/* A reference at one size as a row: the bare pipe's latency; memcpy's
 * MB/s as copies a second. */
static void bench_keep_refs(const struct bench_refs *f)
{
	struct bench_row bare = { .mech = BM_BARE, .size = f->size, .count = f->count_bare, .nlat = f->nbare };
	memcpy(bare.lat, f->bare, sizeof bare.lat);
	bench_keep_row(&bare);
	struct bench_row copy = { .mech = BM_MEMCPY, .size = f->size, .count = f->count_copy, .ntput = f->ncopy };
	for (int i = 0; i < f->ncopy; i++)
		copy.tput[i] = f->copy[i] * 1e6 / (double)f->size;
	bench_keep_row(&copy);
}

void bench_report_keep(const struct bench_report *rep)
{
	for (size_t i = 0; i < rep->nrows; i++)
		bench_keep_row(&rep->rows[i]);
	for (size_t k = 0; k < rep->nsizes; k++)
		bench_keep_refs(&rep->refs[k]);
}

void bench_report_forget(void)
{
	free(bench_kept.rows);
	memset(&bench_kept, 0, sizeof bench_kept);
}

void bench_report_json_kept(struct json *j)
{
	json_obj_begin(j);
	for (int m = 0; m < BM_NALL; m++) {
		bool any = false;
		for (size_t i = 0; i < bench_kept.n; i++) {
			const struct bench_row *r = &bench_kept.rows[i];
			if (r->mech != m)
				continue;
			if (!any) {
				json_key(j, bench_mechs[m].key);
				json_obj_begin(j);
				any = true;
			}
			char size[24];
			snprintf(size, sizeof size, "%lld", (long long)r->size);
			json_key(j, size);
			bench_json_row(j, r);
		}
		if (any)
			json_obj_end(j);
	}
	json_obj_end(j);
}
