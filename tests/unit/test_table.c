/* test_table.c: the command tables tell one story with the manual: every
 * command's usage appears in man/ipcsh.1.in's COMMANDS section and the
 * section lists nothing else. Also: signal names both ways, completion. */
#include "config.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "tap.h"
#include "../../src/cmd.h"
#include "../../src/kinds.h"
#include "../../src/line.h"
#include "../../src/sig.h"

#define MAN_MAX 256

static int man_usages(char usages[][160])
{
	const char *src = getenv("IPCSH_SRCDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/man/ipcsh.1.in", src ? src : "../..");
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[512];
	int n = 0;
	bool in = false;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, ".SH", 3))
			in = strstr(line, "COMMANDS") != NULL;
		if (!in || strncmp(line, ".B \"", 4))
			continue;
		char *end = strrchr(line + 4, '"');
		if (!end || n >= MAN_MAX)
			continue;
		char *u = usages[n++], *s = line + 4;   /* roff's \- is a plain - */
		size_t k = 0;
		for (; s < end && k < 159; s++)
			if (!(s[0] == '\\' && s[1] == '-'))
				u[k++] = *s;
		u[k] = 0;
	}
	fclose(f);
	return n;
}

static void test_man(void)
{
	static char usages[MAN_MAX][160];
	int n = man_usages(usages);
	ok(n > 0, "man/ipcsh.1.in has a COMMANDS section (%d entries)", n);
	int ncmd = 0;
	for (const struct cmd_entry *e = cmd_next(NULL); e; e = cmd_next(e), ncmd++) {
		char *u = cmd_usage(e);
		bool found = false;
		for (int i = 0; i < n && !found; i++)
			found = !strcmp(usages[i], u);
		ok(found, "the manual documents \"%s\"", u);
		free(u);
	}
	ok(n == ncmd, "the manual lists %d commands, the tables %d", n, ncmd);
	for (int i = 0; i < n; i++) {
		const char *u = usages[i];
		if (!strncmp(u, "[ACTOR:] ", 9))
			u += 9;
		char name[64];
		sscanf(u, "%63s", name);
		ok(cmd_find(name) != NULL, "manual entry \"%s\" is a command", name);
	}
}

static void test_signals(void)
{
	char b[32];
	is_str(sig_name(SIGUSR1, b, sizeof b), "SIGUSR1", "SIGUSR1 named");
	is_str(sig_name(SIGRTMIN, b, sizeof b), "SIGRTMIN", "SIGRTMIN named");
	is_str(sig_name(SIGRTMIN + 2, b, sizeof b), "SIGRTMIN+2", "SIGRTMIN+2 named");
	is_str(sig_name(SIGRTMAX - 1, b, sizeof b), "SIGRTMAX-1", "SIGRTMAX-1 named");
	ok(sig_parse("USR1") == SIGUSR1 && sig_parse("SIGUSR1") == SIGUSR1 && sig_parse("usr1") == SIGUSR1, "USR1 parsed");
	ok(sig_parse("RTMIN+2") == SIGRTMIN + 2 && sig_parse("SIGRTMAX") == SIGRTMAX, "real-time names parsed");
	ok(sig_parse("9") == SIGKILL && sig_parse("0") == 0, "numbers parsed");
	ok(sig_parse("NOSUCH") < 0 && sig_parse("99") < 0 && sig_parse("RTMIN+99") < 0, "unknown signals rejected");
	for (int s = 1; s <= SIGRTMAX; s++)
		if (s < 32 || s >= SIGRTMIN)
			if (sig_parse(sig_name(s, b, sizeof b)) != s)
				ok(0, "round trip of %d", s);
}

static void test_completion(void)
{
	char **c = line_candidates(NULL, 0, "pi");
	ok(c && !strcmp(c[0], "pipe") && !strcmp(c[1], "pipesize") && !c[2], "commands complete");
	for (size_t i = 0; c && c[i]; i++)
		free(c[i]);
	free(c);
	c = line_command_candidates(true, "sh");
	ok(c && !strcmp(c[0], "shmat") && !strcmp(c[1], "shmdt") && !strcmp(c[2], "shutdown") && !c[3],
	   "after \"A: \" only commands that run in an actor (shmat, shmdt, shutdown; not shmget, shmctl, show)");
	for (size_t i = 0; c && c[i]; i++)
		free(c[i]);
	free(c);
	c = line_command_candidates(false, "sh");
	bool show = false, get = false;
	for (size_t i = 0; c && c[i]; i++) {
		show |= !strcmp(c[i], "show");
		get |= !strcmp(c[i], "shmget");
		free(c[i]);
	}
	free(c);
	ok(show && get, "at the start of a line every command (show, shmget)");
	c = line_candidates("kill", 0, "-USR");
	ok(c && !strcmp(c[0], "-USR1") && !strcmp(c[1], "-USR2"), "signal names complete");
	for (size_t i = 0; c && c[i]; i++)
		free(c[i]);
	free(c);
}

/* Every row's options are well formed: a value's usage word and the
 * text of its rejection, at most CMD_OPTS_MAX, no name twice. */
static void test_opts(void)
{
	int bad = 0, n = 0;
	for (const struct cmd_entry *e = cmd_next(NULL); e; e = cmd_next(e)) {
		int k = 0;
		for (const struct cmd_opt *o = e->opts; o && o->name; o++, k++, n++) {
			if (o->type != OPT_FLAG && (!o->meta || !o->takes)) {
				ok(0, "%s: option %s= has its usage word and its text", e->name, o->name);
				bad++;
			}
			for (const struct cmd_opt *p = e->opts; p < o; p++)
				if (!strcmp(p->name, o->name)) {
					ok(0, "%s: option %s declared twice", e->name, o->name);
					bad++;
				}
		}
		if (k > CMD_OPTS_MAX) {
			ok(0, "%s: %d options, more than CMD_OPTS_MAX", e->name, k);
			bad++;
		}
	}
	ok(!bad && n > 30, "the %d declared options are well formed", n);
	char **c = line_candidates("msgrcv", 1, "no");
	ok(c && !strcmp(c[0], "nowait") && !strcmp(c[1], "noerror") && !c[2], "options complete after the required arguments");
	for (size_t i = 0; c && c[i]; i++)
		free(c[i]);
	free(c);
	c = line_candidates("msgrcv", 2, "si");
	ok(c && !strcmp(c[0], "size=") && !c[1], "a valued option completes with its =");
	for (size_t i = 0; c && c[i]; i++)
		free(c[i]);
	free(c);
	c = line_candidates("msgsnd", 2, "no");
	ok(!c, "not before them: msgsnd's DATA may be the word nowait");
	free(c);
}

int main(void)
{
	/* every kind of object has its row in kinds.c: a name, and for what
	 * outlives its processes a check, a removal and a leftover text */
	int missing = kinds_check();
	ok(missing < 0, "every object kind has its row in the kinds table (%d)", missing);
	for (int k = 0; k < OBJ_NKINDS; k++)
		ok(!strcmp(reg_kind_name((enum obj_kind)k), kinds[k].name), "kind %d is \"%s\" by the table", k, kinds[k].name);
	test_man();
	test_signals();
	test_completion();
	test_opts();
	return done_testing();
}
