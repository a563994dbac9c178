/* tuibench.c: make bench's figures for the live view. A real session of
 * 64 actors and 256 objects (128 pipes, 64 System V queues holding a
 * message, 32 semaphore sets, 32 segments) is made through the command
 * table, then timed: a full look at the kernel, the live view's periodic
 * look, a full repaint (as after Ctrl-L) and a redraw where nothing
 * changed, on a 150x45 screen written to /dev/null. */
#include "config.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actor.h"
#include "cmd.h"
#include "loop.h"
#include "out.h"
#include "probe.h"
#include "registry.h"
#include "tui_draw.h"

static void bench_quiet(enum out_kind kind, const char *line)
{
	(void)kind;
	(void)line;
}

#define bench_run(...) do { \
	char line_[512]; \
	snprintf(line_, sizeof line_, __VA_ARGS__); \
	cmd_run_line(line_, strlen(line_), false); \
} while (0)

static void bench_session(void)
{
	for (int g = 0; g < 4; g++) {
		char line[512] = "spawn";
		for (int i = 0; i < 16; i++)
			snprintf(line + strlen(line), sizeof line - strlen(line), " a%d", g * 16 + i);
		cmd_run_line(line, strlen(line), false);
	}
	for (int i = 0; i < 64; i++) {
		bench_run("a%d: pipe p%d", i, 2 * i);
		bench_run("a%d: pipe p%d", i, 2 * i + 1);
		bench_run("msgget q%d", i);
		bench_run("a%d: msgsnd q%d 1 hello", i, i);
	}
	for (int i = 0; i < 32; i++) {
		bench_run("semget s%d", i);
		bench_run("shmget m%d 4096", i);
	}
}

/* Milliseconds per call of fn over n calls. */
static double bench_time(void (*fn)(void), int n)
{
	int64_t t0 = util_now_us();
	for (int i = 0; i < n; i++)
		fn();
	return (double)(util_now_us() - t0) / 1000.0 / n;
}

static void bench_probe(void)
{
	world_free(&tui.snap);
	probe_world(&tui.snap);
}

static void bench_probe_live(void)
{
	world_free(&tui.snap);
	probe_world_live(&tui.snap);
}

static void bench_repaint(void)
{
	clearok(curscr, TRUE);
	tui_draw_all();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--actor"))
		actor_main(actor_ctl_fd());   /* actors run this program again */
	setlocale(LC_ALL, "");
	char *msg = NULL;
	if (reg_session_start(&msg) < 0 || loop_init() < 0) {
		fprintf(stderr, "tuibench: %s\n", msg ? msg : "cannot start");
		return 2;
	}
	out_set_sink(bench_quiet);
	bench_session();
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *s = out && in ? newterm("xterm-256color", out, in) : NULL;
	if (!s) {
		reg_cleanup_all();
		fprintf(stderr, "tuibench: no terminal description for xterm-256color\n");
		return 2;
	}
	set_term(s);
	resize_term(45, 150);
	probe_world(&tui.snap);
	printf("live view, %zu actors / %zu objects at 150x45:\n", tui.snap.nactors, tui.snap.nobjs);
	printf("  full look at the kernel (after a command):   %7.3f ms\n", bench_time(bench_probe, 20));
	printf("  periodic look (every 250 ms):                %7.3f ms\n", bench_time(bench_probe_live, 20));
	printf("  full repaint (Ctrl-L):                       %7.3f ms   (target <= 5)\n", bench_time(bench_repaint, 50));
	printf("  redraw, nothing changed:                     %7.3f ms\n", bench_time(tui_draw_all, 50));
	endwin();
	delscreen(s);
	world_free(&tui.snap);
	out_set_sink(NULL);
	reg_cleanup_all();
	return 0;
}
