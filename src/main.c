/* main.c: options, the choice of mode, start-up and the single exit path
 * (every way out -- quit, end of input, end of -c/-f, SIGINT, SIGTERM,
 * SIGHUP -- comes back here and removes what the session made). */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "actor.h"
#include "actors.h"
#include "check.h"
#include "cmd.h"
#include "demo.h"
#include "emit.h"
#include "isolate.h"
#include "lesson.h"
#include "line.h"
#include "loop.h"
#include "out.h"
#include "stale.h"
#include "registry.h"
#include "tui.h"
#include "watch.h"

struct main_opts {
	const char *file;
	const char *cmds;
	const char *lang;
	const char *lesson;        /* --lesson[=ID|FILE]: "" for the next one */
	const char *demo;          /* --demo FILE */
	const char *emit_c;        /* --emit-c OUT.c */
	bool stop_on_reject, plain, watch, check_lessons, isolated;
	int tap;                  /* --tap[=FD]: the descriptor, or -1 */
};

static void main_usage(FILE *f)
{
	fprintf(f, _("Usage: ipcsh [OPTION]...\n"
		     "An interactive teaching shell for Linux inter-process communication:\n"
		     "it makes real kernel objects and real processes that use them, and shows\n"
		     "what the kernel says about them.\n\n"
		     "  -f, --file=FILE    run the commands in FILE (\"-\" = standard input), then exit\n"
		     "  -c, --command=CMDS run CMDS (separated by ';'), then exit\n"
		     "  -e, --errexit      with -f, -c or piped input: stop at the first rejected command\n"
		     "      --emit-c=OUT.c with -f or -c: write the session as a C program that\n"
		     "                     makes the same calls (replacing OUT.c)\n"
		     "      --tap[=FD]     with -f, -c or piped input: report each expect and\n"
		     "                     expect-reject as a TAP line, on stdout or on FD\n"
		     "      --plain        line mode on a terminal (readline, no panes)\n"
		     "      --watch        a live view of every IPC object on the system (read-only)\n"
		     "      --lesson[=ID|FILE]  start (or resume) a lesson; without ID the list and\n"
		     "                     the next lesson not done\n"
		     "      --check-lesson FILE...  check lesson files: each step's check false\n"
		     "                     before its solution and true after it (exit 1 if not)\n"
		     "      --demo=FILE    step through a script in the live view, a key a command\n"
		     "                     (for a class; FILE may name a shipped demo)\n"
		     "      --lang=LANG    language of messages: en or zh_CN\n"
		     "      --isolated     the session in IPC and mount namespaces of its own (and a\n"
		     "                     user namespace when not root): other sessions cannot see\n"
		     "                     its System V and POSIX objects, nor it theirs\n"
		     "  -h, --help         show this help and exit\n"
		     "  -V, --version      show the version and exit\n\n"
		     "With no -f or -c, commands come from the terminal (in a live view of the\n"
		     "kernel's objects; NO_COLOR turns its colours off), or from standard input\n"
		     "when it is not a terminal. Type \"help\" inside ipcsh for the commands.\n"
		     "Exit status: 0 all commands accepted, 1 a command was rejected or an\n"
		     "expect failed, 2 ipcsh could not start.\n"));
}

/* Takes msg (malloc'd) and returns the start-up failure status. */
static int main_bad_option(char *msg)
{
	fprintf(stderr, "ipcsh: error: %s\n", msg);
	free(msg);
	main_usage(stderr);
	return 2;
}

/* --tap alone reports on stdout; --tap=FD on a descriptor the caller
 * opened (so that no line of the transcript can pass for a report). */
static int main_tap_fd(const char *arg, int *fd)
{
	int64_t n = 1;
	if (arg && (parse_int(arg, 1, 1023, &n) < 0 || fcntl((int)n, F_GETFD) < 0))
		return -1;
	*fd = (int)n;
	return 0;
}

static int main_options(int argc, char **argv, struct main_opts *o)
{
	o->tap = -1;
	static const struct option longs[] = {
		{ "file", required_argument, NULL, 'f' }, { "command", required_argument, NULL, 'c' },
		{ "errexit", no_argument, NULL, 'e' }, { "plain", no_argument, NULL, 'P' },
		{ "lang", required_argument, NULL, 'L' }, { "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' }, { "lesson", optional_argument, NULL, 'l' },
		{ "demo", required_argument, NULL, 'd' }, { "watch", no_argument, NULL, 'w' },
		{ "tap", optional_argument, NULL, 'T' }, { "check-lesson", no_argument, NULL, 'C' },
		{ "isolated", no_argument, NULL, 'I' }, { "emit-c", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+f:c:ehV", longs, NULL)) != -1) {
		switch (c) {
		case 'f': o->file = optarg; break;
		case 'c': o->cmds = optarg; break;
		case 'e': o->stop_on_reject = true; break;
		case 'P': o->plain = true; break;
		case 'L': o->lang = optarg; break;
		case 'h': main_usage(stdout); exit(0);
		case 'V':
			printf("ipcsh %s\n", PACKAGE_VERSION);
			printf(_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
				 "This is free software: you are free to change and redistribute it.\n"));
			exit(0);
		case 'w': o->watch = true; break;
		case 'T':
			if (main_tap_fd(optarg, &o->tap) < 0)
				return main_bad_option(xasprintf(_("--tap=FD takes an open descriptor, not \"%s\""), optarg));
			break;
		case 'l': o->lesson = optarg ? optarg : ""; break;
		case 'C': o->check_lessons = true; break;
		case 'd': o->demo = optarg; break;
		case 'I': o->isolated = true; break;
		case 'E': o->emit_c = optarg; break;
		default:
			return main_bad_option(optopt ? xasprintf(_("unknown option -%c"), optopt)
					       : xasprintf(_("unknown option %s"), argv[optind - 1]));
		}
	}
	if (o->check_lessons && optind == argc)
		return main_bad_option(xstrdup(_("--check-lesson needs the lesson files to check")));
	if (o->check_lessons && (o->file || o->cmds || o->lesson || o->watch))
		return main_bad_option(xstrdup(_("--check-lesson only checks files: it takes no -f, -c, --lesson or --watch")));
	if (optind < argc && !o->check_lessons)
		return main_bad_option(xasprintf(_("unexpected argument \"%s\""), argv[optind]));
	if (o->isolated && o->watch)
		return main_bad_option(xstrdup(_("--watch looks at every object of the system: it takes no --isolated")));
	if (o->demo && (o->file || o->cmds || o->watch || o->lesson || o->plain || o->tap >= 0))
		return main_bad_option(xstrdup(_("--demo shows a script in the live view: it takes no -f, -c, --lesson, --watch, --plain or --tap")));
	if (o->lesson && (o->file || o->cmds || o->watch))
		return main_bad_option(xstrdup(_("--lesson is for a learner at a terminal: it takes no -f, -c or --watch")));
	if (o->emit_c && !o->file && !o->cmds)
		return main_bad_option(xstrdup(_("--emit-c writes a script's session as C: it needs -f or -c")));
	if (o->emit_c && (strlen(o->emit_c) < 3 || strcmp(o->emit_c + strlen(o->emit_c) - 2, ".c")))
		return main_bad_option(xasprintf(_("--emit-c writes a C program: its file's name ends in .c, not \"%s\""), o->emit_c));
	if (o->file && o->cmds)
		return main_bad_option(xstrdup(_("-f and -c cannot be used together")));
	if (o->tap >= 0 && !o->file && !o->cmds && isatty(STDIN_FILENO))
		return main_bad_option(xstrdup(_("--tap reports a script's checks: it needs -f, -c or piped input")));
	if (o->watch && (o->file || o->cmds || o->plain || o->stop_on_reject || o->tap >= 0))
		return main_bad_option(xstrdup(_("--watch only looks: it takes no -f, -c, -e, --tap or --plain")));
	if (o->lang && strcmp(o->lang, "en") && strcmp(o->lang, "zh_CN"))
		return main_bad_option(xasprintf(_("--lang takes en or zh_CN, not \"%s\""), o->lang));
	return 0;
}

/* The catalogues of a build tree (make puts them in locale/ beside the
 * program), or NULL for an installed ipcsh, which uses LOCALEDIR. */
static char *main_locale_beside(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	char *dir = xasprintf("%s/locale", exe);
	char *mo = xasprintf("%s/zh_CN/LC_MESSAGES/%s.mo", dir, PACKAGE);
	bool ok = access(mo, R_OK) == 0;
	free(mo);
	if (ok)
		return dir;
	free(dir);
	return NULL;
}

/* A language asked for by the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG) whose locale is not installed: "zh_CN.UTF-8" on a machine with
 * only C.UTF-8. gettext then needs LANGUAGE and a UTF-8 locale. */
static bool main_env_wants_zh(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "zh_CN", 5);
	}
	return false;
}

static void main_locale(const char *lang)
{
	if (lang) {
		setenv("LANGUAGE", lang, 1);
		if (!strcmp(lang, "en"))
			setenv("LANGUAGE", "C", 1);
	}
	bool have = setlocale(LC_ALL, "") != NULL;
	if (lang && !strcmp(lang, "zh_CN") && !setlocale(LC_ALL, "zh_CN.UTF-8"))
		setlocale(LC_ALL, "C.UTF-8");
	if (!lang && !have && main_env_wants_zh() && setlocale(LC_ALL, "C.UTF-8"))
		setenv("LANGUAGE", "zh_CN", 1);
	const char *dir = getenv("IPCSH_LOCALEDIR");  /* an uninstalled catalogue */
	char *beside = main_locale_beside();
	bindtextdomain(PACKAGE, dir && *dir ? dir : beside ? beside : LOCALEDIR);
	free(beside);
	textdomain(PACKAGE);
}

static int main_input(const struct main_opts *o)
{
	if (o->tap >= 0)
		check_tap_enable(o->tap);
	if (o->cmds) {
		check_set_line(1);
		cmd_run_line(o->cmds, strlen(o->cmds), o->stop_on_reject);
		loop_quit = true;
		return 0;
	}
	if (o->file && strcmp(o->file, "-")) {
		int fd = open(o->file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, _("ipcsh: error: cannot open %s: %s\n"), o->file, strerror(errno));
			return 2;
		}
		line_script_start(fd, o->stop_on_reject, o->file);
		return 0;
	}
	if (o->file || !isatty(STDIN_FILENO)) {
		line_script_start(STDIN_FILENO, o->stop_on_reject, "stdin");
		return 0;
	}
	char *why = NULL;
	/* a lesson starts before the line editor takes the terminal: keys
	 * typed during its setup wait in the terminal, not in the middle of it */
	if (!o->plain && tui_start(&why)) {
		out_printf(_("ipcsh %s - session %s - type \"help\", F1 for the keys"), PACKAGE_VERSION, reg.dir);
		if (o->lesson)
			lesson_start(*o->lesson ? o->lesson : NULL);
		line_live_start();
		return 0;
	}
	if (why && !o->plain)
		fprintf(stderr, _("ipcsh: line mode: %s\n"), why);
	free(why);
	printf(_("ipcsh %s - session %s - type \"help\"\n"), PACKAGE_VERSION, reg.dir);
	if (o->lesson)
		lesson_start(*o->lesson ? o->lesson : NULL);
	line_interactive_start();
	return 0;
}

/* --isolated: where the session's objects are, and how to look at them
 * from another terminal. */
static void main_isolated_say(void)
{
	const char *ns = isolate_ipc_ns();
	out_printf(isolate_has_mqueue()
		   ? _("  isolated: IPC namespace %s, a private /dev/shm and its own /dev/mqueue: other sessions cannot see this session's System V and POSIX objects, nor it theirs")
		   : _("  isolated: IPC namespace %s and a private /dev/shm: other sessions cannot see this session's System V and POSIX objects, nor it theirs"),
		   ns ? ns : "?");
	out_printf(geteuid() ? _("  to look from another terminal: nsenter --target %d --user --preserve-credentials --ipc --mount ipcs")
			     : _("  to look from another terminal: nsenter --target %d --ipc --mount ipcs"), (int)getpid());
}

/* A closed standard descriptor would be taken by the next open (the
 * signalfd as "stdin"): park /dev/null there first. */
static void main_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			exit(2);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--actor"))
		actor_main(actor_ctl_fd());   /* a new actor (actors_spawn) */
	struct main_opts o = {0};
	main_std_fds();
	const char *lang = NULL;
	for (int i = 1; i < argc; i++)   /* --lang first, so errors are translated */
		if (!strncmp(argv[i], "--lang=", 7))
			lang = argv[i] + 7;
		else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[i + 1];
	main_locale(lang && (!strcmp(lang, "en") || !strcmp(lang, "zh_CN")) ? lang : NULL);
	int rc = main_options(argc, argv, &o);
	if (rc)
		return rc;
	if (o.watch)
		return watch_run();
	char *msg = NULL;
	actors_limits();
	if (o.isolated && isolate_enter(&msg) < 0) {
		fprintf(stderr, "ipcsh: error: %s\n", msg);
		free(msg);
		return 2;
	}
	if (reg_session_start(&msg) < 0) {
		fprintf(stderr, "ipcsh: error: %s\n", msg);
		free(msg);
		return 2;
	}
	if (loop_init() < 0) {
		fprintf(stderr, "ipcsh: error: signalfd: %s\n", strerror(errno));
		reg_cleanup_all();
		return 2;
	}
	stale_report();
	if (o.isolated)
		main_isolated_say();
	if (o.check_lessons) {
		rc = lesson_check_files(argv + optind, argc - optind);
		reg_cleanup_all();
		return rc;
	}
	rc = o.demo ? demo_start(o.demo) : main_input(&o);
	while (!loop_quit && !rc)
		loop_once(actors_poll_timeout(), true);
	if (isatty(STDIN_FILENO) && !o.cmds && !o.file)
		line_interactive_stop();
	tui_stop();
	demo_stop();
	bool unsaved = o.emit_c && !rc && emit_save(o.emit_c, true) < 0;
	reg_cleanup_all();
	if (rc)
		return rc;
	if (unsaved)
		return 1;
	check_plan();
	/* SPEC section 7: a session cut short by a signal did not complete */
	return reg.rejected || loop_quit_signal ? 1 : 0;
}
