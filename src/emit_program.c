/* emit_program.c: the program's text and its file. Around the recorded
 * steps (emit.c) it writes what every such program has: the header
 * comment, the includes, the descriptors, the shared page (System V ids,
 * the actors' pids, the turns), the helpers that print a result the way
 * ipcsh does, the turns themselves (scaffolding, marked so), a function
 * per actor and main() for ipcsh itself, ending as ipcsh ends. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "emit.h"
#include "explain.h"
#include "out.h"

static const char emit_includes[] =
	"#define _GNU_SOURCE\n"
	"#include <arpa/inet.h>\n#include <errno.h>\n#include <fcntl.h>\n#include <mqueue.h>\n#include <semaphore.h>\n"
	"#include <signal.h>\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdio.h>\n#include <stdlib.h>\n"
	"#include <string.h>\n#include <sys/file.h>\n#include <sys/ipc.h>\n#include <sys/mman.h>\n"
	"#include <sys/msg.h>\n#include <sys/prctl.h>\n#include <sys/sem.h>\n#include <sys/shm.h>\n#include <sys/socket.h>\n"
	"#include <sys/stat.h>\n#include <sys/types.h>\n#include <sys/un.h>\n#include <sys/wait.h>\n#include <time.h>\n"
	"#include <unistd.h>\n\n";

/* A part of every program that needs it: what it is for (a comment,
 * translated, its lines as given) and its code. */
struct emit_block {
	const char *comment;
	const char *code;
};

static const struct emit_block emit_h_said = {
	N_("A call's result as ipcsh prints it: \"= 3\", or \"= -1 EAGAIN\"\n"
	   "and why."),
	"static void said(const char *call, long ret)\n"
	"{\n"
	"\tif (ret == -1)\n"
	"\t\tprintf(\"%s = -1 %s: %s\\n\", call, strerrorname_np(errno), strerror(errno));\n"
	"\telse\n"
	"\t\tprintf(\"%s = %ld\\n\", call, ret);\n"
	"}\n"
};

static const struct emit_block emit_h_quote = {
	N_("Bytes as ipcsh shows them: in quotes, with C's escapes, the first\n"
	   "max of them, and \"...\" when there are more."),
	"static void print_quoted(const char *p, long n, long max)\n"
	"{\n"
	"\tputchar('\"');\n"
	"\tfor (long i = 0; i < n && i < max; i++) {\n"
	"\t\tunsigned char c = (unsigned char)p[i];\n"
	"\t\tif (c == '\\n')\n\t\t\tfputs(\"\\\\n\", stdout);\n"
	"\t\telse if (c == '\\t')\n\t\t\tfputs(\"\\\\t\", stdout);\n"
	"\t\telse if (c == '\\r')\n\t\t\tfputs(\"\\\\r\", stdout);\n"
	"\t\telse if (c == '\\\\' || c == '\"')\n\t\t\tprintf(\"\\\\%c\", c);\n"
	"\t\telse if (c < 0x20 || c == 0x7f)\n\t\t\tprintf(\"\\\\x%02x\", c);\n"
	"\t\telse\n\t\t\tputchar(c);\n"
	"\t}\n"
	"\tputchar('\"');\n"
	"\tif (n > max)\n"
	"\t\tfputs(\"...\", stdout);\n"
	"}\n"
};

static const struct emit_block emit_h_data = {
	N_("What a read returned, with its bytes: \"= 5 \"hello\"\"."),
	"static void said_data(const char *call, long n, const char *data)\n"
	"{\n"
	"\tif (n <= 0) {\n"
	"\t\tsaid(call, n);\n"
	"\t\treturn;\n"
	"\t}\n"
	"\tprintf(\"%s = %ld \", call, n);\n"
	"\tprint_quoted(data, n, 64);\n"
	"\tputchar('\\n');\n"
	"}\n"
};

static const struct emit_block emit_h_msg = {
	N_("What a receive returned, with the message's type or priority as\n"
	   "ipcsh says it (how: \"   type %lld: \"): \"= 5   type 1: \"hello\"\"."),
	"static void said_message(const char *call, long n, const char *how, long long value, const char *data)\n"
	"{\n"
	"\tif (n < 0) {\n"
	"\t\tsaid(call, n);\n"
	"\t\treturn;\n"
	"\t}\n"
	"\tprintf(\"%s = %ld\", call, n);\n"
	"\tprintf(how, value);\n"
	"\tprint_quoted(data, n, 60);\n"
	"\tputchar('\\n');\n"
	"}\n"
};

static const struct emit_block emit_h_handler = {
	N_("A caught signal only interrupts: the call it stopped says EINTR."),
	"static void on_signal(int sig)\n"
	"{\n"
	"\t(void)sig;\n"
	"}\n"
};

static const struct emit_block emit_h_buf = {
	N_("Room for what a read or a receive brings."),
	"static char buf[1 << 24];\n"
};

static const struct emit_block emit_h_dir = {
	N_("The program's own directory for its FIFOs and files, as ipcsh has\n"
	   "its session directory: made at the start, removed at the end."),
	"static char dir[] = \"/tmp/ipcsh-c.XXXXXX\";\n"
};

static const struct emit_block emit_h_addr = {
	N_("A socket address from its text, as ipcsh writes it: a path, or\n"
	   "\"@name\" for a name in the abstract namespace (AF_UNIX: no file, its\n"
	   "first byte 0); \"127.0.0.1:PORT\" (AF_INET); \"[::1]:PORT\" (AF_INET6)."),
	"static socklen_t address(struct sockaddr_storage *ss, int family, const char *text)\n"
	"{\n"
	"\tmemset(ss, 0, sizeof *ss);\n"
	"\tif (family == AF_UNIX) {\n"
	"\t\tstruct sockaddr_un *un = (struct sockaddr_un *)ss;\n"
	"\t\tsize_t n = strlen(text);\n"
	"\t\tif (n >= sizeof un->sun_path)\n"
	"\t\t\tn = sizeof un->sun_path - 1;\n"
	"\t\tun->sun_family = AF_UNIX;\n"
	"\t\tmemcpy(un->sun_path, text, n);\n"
	"\t\tif (text[0] != '@')\n"
	"\t\t\treturn sizeof *un;\n"
	"\t\tun->sun_path[0] = '\\0';\n"
	"\t\treturn (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);\n"
	"\t}\n"
	"\tchar host[64];\n"
	"\tconst char *colon = strrchr(text, ':');\n"
	"\tint port = colon ? atoi(colon + 1) : 0;\n"
	"\tsnprintf(host, sizeof host, \"%.*s\", colon ? (int)(colon - text) : 0, text);\n"
	"\tif (family == AF_INET6) {\n"
	"\t\tstruct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;\n"
	"\t\thost[strcspn(host, \"]\")] = '\\0';\n"
	"\t\tin6->sin6_family = AF_INET6;\n"
	"\t\tin6->sin6_port = htons((uint16_t)port);\n"
	"\t\tinet_pton(AF_INET6, host + (host[0] == '['), &in6->sin6_addr);\n"
	"\t\treturn sizeof *in6;\n"
	"\t}\n"
	"\tstruct sockaddr_in *in = (struct sockaddr_in *)ss;\n"
	"\tin->sin_family = AF_INET;\n"
	"\tin->sin_port = htons((uint16_t)port);\n"
	"\tinet_pton(AF_INET, host, &in->sin_addr);\n"
	"\treturn sizeof *in;\n"
	"}\n"
};

static const struct emit_block emit_h_address_of = {
	N_("The address the kernel gave a TCP or UDP socket (getsockname), as\n"
	   "text: the port it picked for \":0\"."),
	"static void address_of(int fd, char *text, size_t size)\n"
	"{\n"
	"\tstruct sockaddr_storage ss;\n"
	"\tsocklen_t len = sizeof ss;\n"
	"\tchar host[64];\n"
	"\ttext[0] = '\\0';\n"
	"\tif (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)\n"
	"\t\treturn;\n"
	"\tif (ss.ss_family == AF_INET6) {\n"
	"\t\tstruct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;\n"
	"\t\tinet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);\n"
	"\t\tsnprintf(text, size, \"[%s]:%d\", host, ntohs(in6->sin6_port));\n"
	"\t} else if (ss.ss_family == AF_INET) {\n"
	"\t\tstruct sockaddr_in *in = (struct sockaddr_in *)&ss;\n"
	"\t\tinet_ntop(AF_INET, &in->sin_addr, host, sizeof host);\n"
	"\t\tsnprintf(text, size, \"%s:%d\", host, ntohs(in->sin_port));\n"
	"\t}\n"
	"}\n"
};

static const struct emit_block emit_h_send_fd = {
	N_("Pass a descriptor over a UNIX socket: one byte, with the descriptor\n"
	   "in an SCM_RIGHTS control message. The receiver gets the same open\n"
	   "file (its offset, its flags), under a number of its own."),
	"static long send_fd(int sock, int fd)\n"
	"{\n"
	"\tunion {\n"
	"\t\tstruct cmsghdr h;\n"
	"\t\tchar buf[CMSG_SPACE(sizeof(int))];\n"
	"\t} u;\n"
	"\tchar byte = 'F';\n"
	"\tstruct iovec iov = { &byte, 1 };\n"
	"\tstruct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };\n"
	"\tstruct cmsghdr *c = CMSG_FIRSTHDR(&m);\n"
	"\tmemset(&u, 0, sizeof u);\n"
	"\tc->cmsg_level = SOL_SOCKET;\n"
	"\tc->cmsg_type = SCM_RIGHTS;\n"
	"\tc->cmsg_len = CMSG_LEN(sizeof(int));\n"
	"\tmemcpy(CMSG_DATA(c), &fd, sizeof fd);\n"
	"\treturn sendmsg(sock, &m, 0);\n"
	"}\n"
};

static const struct emit_block emit_h_recv_fd = {
	N_("Receive a descriptor sent so: its new number here, or -1 (ENOMSG\n"
	   "when the byte came without one)."),
	"static int recv_fd(int sock)\n"
	"{\n"
	"\tunion {\n"
	"\t\tstruct cmsghdr h;\n"
	"\t\tchar buf[CMSG_SPACE(sizeof(int))];\n"
	"\t} u;\n"
	"\tchar byte;\n"
	"\tstruct iovec iov = { &byte, 1 };\n"
	"\tstruct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };\n"
	"\tint fd;\n"
	"\tif (recvmsg(sock, &m, 0) == -1)\n"
	"\t\treturn -1;\n"
	"\tstruct cmsghdr *c = CMSG_FIRSTHDR(&m);\n"
	"\tif (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {\n"
	"\t\terrno = ENOMSG;\n"
	"\t\treturn -1;\n"
	"\t}\n"
	"\tmemcpy(&fd, CMSG_DATA(c), sizeof fd);\n"
	"\treturn fd;\n"
	"}\n"
};

static const struct emit_block emit_turns_pause = {
	N_("---- turns: scaffolding, skip it on a first reading ----\n"
	   "In the session the commands ran one after another. Here the\n"
	   "processes run at once, so each step first waits for its turn. A\n"
	   "step whose call blocked in the session passes the turn before the\n"
	   "call, and the next step waits until the kernel says that process\n"
	   "sleeps; a step that woke a blocked call waits until that call has\n"
	   "returned. Waiting is polling, a millisecond at a time."),
	"static void pause_briefly(void)\n"
	"{\n"
	"\tstruct timespec ts = { 0, 1000000 };\n"
	"\tnanosleep(&ts, NULL);\n"
	"}\n"
};

static const struct emit_block emit_turns_state = {
	N_("Is the process not running: asleep in the kernel (state S or D\n"
	   "in /proc/PID/stat), stopped, ended, or gone?"),
	"static bool not_running(pid_t pid)\n"
	"{\n"
	"\tchar path[64], line[512];\n"
	"\tsnprintf(path, sizeof path, \"/proc/%d/stat\", (int)pid);\n"
	"\tFILE *f = fopen(path, \"r\");\n"
	"\tif (!f)\n"
	"\t\treturn true;\n"
	"\tbool not = true;\n"
	"\tif (fgets(line, sizeof line, f)) {\n"
	"\t\tchar *state = strrchr(line, ')');\n"
	"\t\tnot = !state || state[1] != ' ' || state[2] != 'R';\n"
	"\t}\n"
	"\tfclose(f);\n"
	"\treturn not;\n"
	"}\n"
};

static const struct emit_block emit_turns_take = {
	N_("Wait for this step's turn, and for a process that passed the turn\n"
	"before its blocking call to be asleep in it (unless that is this\n"
	"process, whose call has returned). A turn that has not come in a\n"
	"minute never will (something went otherwise than in the session):\n"
	"this process ends, rather than wait for ever."),
	"static void take_turn(int step)\n"
	"{\n"
	"\tfor (int ms = 0; __atomic_load_n(&shared->next, __ATOMIC_ACQUIRE) != step; ms++) {\n"
	"\t\tif (ms == 60000) {\n"
	"\t\t\tfprintf(stderr, \"turns: step %d has not come in 60 s; pid %d ends\\n\", step, (int)getpid());\n"
	"\t\t\texit(1);\n"
	"\t\t}\n"
	"\t\tpause_briefly();\n"
	"\t}\n"
	"\tif (shared->sleeper) {\n"
	"\t\twhile (shared->sleeper != getpid() && !not_running(shared->sleeper))\n"
	"\t\t\tpause_briefly();\n"
	"\t\tshared->sleeper = 0;\n"
	"\t}\n"
	"}\n"
};

static const struct emit_block emit_turns_give = {
	N_("The next step may run."),
	"static void give_turn(void)\n"
	"{\n"
	"\t__atomic_add_fetch(&shared->next, 1, __ATOMIC_RELEASE);\n"
	"}\n"
};

static const struct emit_block emit_turns_block = {
	N_("Before a call that blocked in the session, or an exit."),
	"static void give_turn_and_block(void)\n"
	"{\n"
	"\tshared->sleeper = getpid();\n"
	"\tgive_turn();\n"
	"}\n"
};

static const struct emit_block emit_turns_woke = {
	N_("A blocked call of that step has returned."),
	"static void woke(int step)\n"
	"{\n"
	"\t__atomic_store_n(&shared->woke[step], true, __ATOMIC_RELEASE);\n"
	"}\n"
};

static const struct emit_block emit_turns_wait = {
	N_("The step that woke a blocked call waits until it has returned (at\n"
	   "most 10 s: then something went otherwise than in the session)."),
	"static void wait_woken(int step)\n"
	"{\n"
	"\tfor (int ms = 0; !__atomic_load_n(&shared->woke[step], __ATOMIC_ACQUIRE); ms++) {\n"
	"\t\tif (ms == 10000) {\n"
	"\t\t\tfprintf(stderr, \"turns: step %d's call has not returned in 10 s; going on\\n\", step);\n"
	"\t\t\treturn;\n"
	"\t\t}\n"
	"\t\tpause_briefly();\n"
	"\t}\n"
	"}\n"
};

static const struct emit_block emit_idle = {
	N_("An actor whose steps are done waits, as an idle actor waits for\n"
	   "commands, until the end kills it."),
	"static _Noreturn void idle(void)\n"
	"{\n"
	"\tfor (;;)\n"
	"\t\tpause();\n"
	"}\n"
};

static const struct emit_block emit_start = {
	N_("The start: output a line at a time, even into a pipe; the shared\n"
	   "page, before the first fork(); and ipcsh's part as the subreaper,\n"
	   "so that an orphaned actor becomes main's child, not init's."),
	"static void start(void)\n"
	"{\n"
	"\tsetvbuf(stdout, NULL, _IOLBF, 0);\n"
	"\tshared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);\n"
	"\tif (shared == MAP_FAILED) {\n"
	"\t\tperror(\"mmap\");\n"
	"\t\texit(1);\n"
	"\t}\n"
	"\tshared->next = 1;\n"
	"\tprctl(PR_SET_CHILD_SUBREAPER, 1);\n"
	"}\n"
};

/* t (translated already) as a C comment: one line, or lines with " * ". */
static void emit_comment(struct buf *b, const char *indent, const char *t)
{
	for (const char *p = t;;) {
		size_t n = strcspn(p, "\n");
		bool last = !p[n];
		if (p == t)
			buf_printf(b, "%s/* %.*s", indent, (int)n, p);
		else if (n)
			buf_printf(b, "%s * %.*s", indent, (int)n, p);
		else
			buf_printf(b, "%s *", indent);
		buf_adds(b, last ? " */\n" : "\n");
		if (last)
			break;
		p += n + 1;
	}
}

static void emit_block(struct buf *b, const struct emit_block *k)
{
	emit_comment(b, "", _(k->comment));
	buf_printf(b, "%s\n", k->code);
}

/* Does a step woken by a step with code (woken), or any step (blocked),
 * make the program need woke() and wait_woken(), or give_turn_and_block()? */
static bool emit_woken_by_code(const struct emit_rec *r, const struct emit_step *s)
{
	return s->woken_by >= 0 && r->steps[s->woken_by].code;
}

/* The step whose code waits until step k's woken call has returned: its
 * waker, after its call; or, for a waker that passed its turn before
 * its call (it blocked, or it was an exit), the next step with code,
 * after taking its turn. -1: the end does (main, before it kills). */
static int emit_waiter(const struct emit_rec *r, size_t k)
{
	int w = r->steps[k].woken_by;
	if (!r->steps[w].blocked)
		return w;
	for (size_t j = (size_t)w + 1; j < r->nsteps; j++)
		if (r->steps[j].code)
			return (int)j;
	return -1;
}

/* wait_woken() for each call that the step i (-1: the end) waits for;
 * after (the waker itself) or before its own call. */
static void emit_waits(struct buf *b, const struct emit_rec *r, int i, bool after)
{
	for (size_t k = 0; k < r->nsteps; k++) {
		const struct emit_step *s = &r->steps[k];
		if (!s->blocked || !emit_woken_by_code(r, s) || emit_waiter(r, k) != i)
			continue;
		if (i >= 0 && (s->woken_by == i) != after)
			continue;
		buf_printf(b, "\twait_woken(%d);\n", s->turn);
	}
}

static bool emit_any(const struct emit_rec *r, bool woken)
{
	for (size_t i = 0; i < r->nsteps; i++)
		if (woken ? emit_woken_by_code(r, &r->steps[i]) : r->steps[i].blocked)
			return true;
	return false;
}

static void emit_head(struct buf *b, const struct emit_rec *r, const char *name)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	char *stem = xstrndup(base, strlen(base) - 2);
	char *head = xasprintf(_("%s: an ipcsh session as a C program.\n"
				 "\n"
				 "Written by ipcsh %s. It makes the system calls the session's\n"
				 "commands made, in the same order and in the same processes: main()\n"
				 "is ipcsh itself, and each actor is a function that a child made by\n"
				 "fork() runs. Each block starts with the command it came from and\n"
				 "prints its call's result as ipcsh printed it. At the end, as ipcsh\n"
				 "does at exit, main() kills every actor and removes what the session\n"
				 "made.\n"
				 "\n"
				 "  cc -std=c11 -Wall -Wextra -o %s %s && ./%s"), base, PACKAGE_VERSION, stem, base, stem);
	emit_comment(b, "", head);
	free(head);
	free(stem);
	buf_adds(b, emit_includes);
	if (r->globals.n) {
		emit_comment(b, "", _("Descriptors belong to a process: a child made by fork() gets copies."));
		for (size_t i = 0; i < r->globals.n; i++)
			buf_printf(b, "%s\n", r->globals.s[i]);
		buf_adds(b, "\n");
	}
	emit_comment(b, "", _("What every process sees: one page, shared, mapped before the first\n"
			      "fork(). A System V id is a number the whole system knows, so a\n"
			      "process may use an id that another process got."));
	buf_adds(b, "static struct shared {\n");
	for (size_t i = 0; i < r->shared.n; i++)
		buf_printf(b, "\t%s\n", r->shared.s[i]);
	buf_printf(b, "\tint next;   /* %s */\n", _("turns: the step that may run now"));
	buf_printf(b, "\tpid_t sleeper;   /* %s */\n", _("turns: a process about to block"));
	buf_printf(b, "\tbool woke[%d];   /* %s */\n", r->turns + 2, _("turns: a blocked step's call has returned"));
	buf_adds(b, "} *shared;\n\n");
}

/* The helpers the kept steps use (a step dropped after it was made, a
 * faulted access, takes its own with it). */
static unsigned emit_helpers_used(const struct emit_rec *r)
{
	unsigned h = 0;
	for (size_t i = 0; i < r->nsteps; i++)
		if (r->steps[i].code)
			h |= r->steps[i].helpers;
	return h;
}

static void emit_helpers(struct buf *b, const struct emit_rec *r)
{
	/* each helper, when some step needs it (or a helper that uses it) */
	static const struct {
		unsigned needed_by;
		const struct emit_block *block;
	} rows[] = {
		{ EMIT_H_SAID | EMIT_H_DATA | EMIT_H_MSG, &emit_h_said }, { EMIT_H_DATA | EMIT_H_MSG, &emit_h_quote },
		{ EMIT_H_DATA, &emit_h_data }, { EMIT_H_MSG, &emit_h_msg }, { EMIT_H_HANDLER, &emit_h_handler },
		{ EMIT_H_BUF, &emit_h_buf }, { EMIT_H_DIR, &emit_h_dir }, { EMIT_H_ADDR, &emit_h_addr },
		{ EMIT_H_ADDR_OF, &emit_h_address_of }, { EMIT_H_FDPASS, &emit_h_send_fd }, { EMIT_H_FDPASS, &emit_h_recv_fd },
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		if (emit_helpers_used(r) & rows[i].needed_by)
			emit_block(b, rows[i].block);
	emit_block(b, &emit_turns_pause);
	emit_block(b, &emit_turns_state);
	emit_block(b, &emit_turns_take);
	emit_block(b, &emit_turns_give);
	if (emit_any(r, false))
		emit_block(b, &emit_turns_block);
	if (emit_any(r, true)) {
		emit_block(b, &emit_turns_woke);
		emit_block(b, &emit_turns_wait);
	}
	if (r->nactors)
		emit_block(b, &emit_idle);
	emit_block(b, &emit_start);
}

/* Each line of text, indented one tab more. */
static void emit_indent(struct buf *b, const char *text)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n)
			buf_printf(b, "\t%.*s\n", (int)n, p);
		else
			buf_adds(b, "\n");
		p += n + (nl != NULL);
	}
}

/* The declarations the steps of one process need, once each. */
static void emit_locals(struct buf *b, const struct emit_rec *r, int actor)
{
	struct buf seen = {0};
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct emit_step *s = &r->steps[i];
		if (s->actor != actor || !s->locals)
			continue;
		for (const char *p = s->locals; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			char *line = xstrndup(p, n);
			char *key = xasprintf("\n%s\n", line);
			if (!seen.s || !strstr(seen.s, key)) {
				buf_printf(&seen, "%s", key);
				buf_printf(b, "\t%s\n", line);
			}
			free(key);
			free(line);
			p += n + (nl != NULL);
		}
	}
	if (seen.len)
		buf_adds(b, "\n");
	buf_free(&seen);
}

static void emit_one_step(struct buf *b, const struct emit_rec *r, size_t i)
{
	const struct emit_step *s = &r->steps[i];
	char *head;
	if (!s->code)
		head = s->own ? xasprintf("%s -- %s", s->typed, _(s->why))
			      : xasprintf(_("left out: %s -- %s"), s->typed, _(s->why));
	else if (s->blocked && emit_woken_by_code(r, s))
		head = xasprintf(_("%s -- blocked in the session until \"%s\" woke it"), s->typed,
				 r->steps[s->woken_by].typed);
	else if (s->blocked && s->woken_by >= 0)
		head = xasprintf(_("%s -- blocked in the session; it returned while \"%s\" ran"), s->typed,
				 r->steps[s->woken_by].typed);
	else if (s->blocked && s->died && s->woken_by == -2)
		head = xasprintf(_("%s -- blocked in the session until its process ended"), s->typed);
	else if (s->blocked && s->died)
		head = xasprintf(_("%s -- its process ended in this call"), s->typed);
	else if (s->blocked && !s->ends)
		head = xasprintf(_("%s -- still blocked when the session ended: the end kills it"), s->typed);
	else
		head = xstrdup(s->typed);
	emit_comment(b, "\t", head);
	free(head);
	if (!s->code)
		return;
	buf_printf(b, "\ttake_turn(%d);\n", s->turn);
	emit_waits(b, r, (int)i, false);   /* what a waker that passed its turn woke */
	if (s->blocked)
		buf_adds(b, "\tgive_turn_and_block();\n");
	emit_indent(b, s->code);
	if (s->blocked && emit_woken_by_code(r, s))
		buf_printf(b, "\twoke(%d);\n", s->turn);
	if (s->blocked)
		return;
	emit_waits(b, r, (int)i, true);
	buf_adds(b, "\tgive_turn();\n");
}

static void emit_steps(struct buf *b, const struct emit_rec *r, int actor)
{
	bool first = true;
	for (size_t i = 0; i < r->nsteps; i++) {
		if (r->steps[i].actor != actor)
			continue;
		if (!first)
			buf_adds(b, "\n");
		first = false;
		emit_one_step(b, r, i);
	}
}

static void emit_actors(struct buf *b, const struct emit_rec *r)
{
	for (size_t a = 0; a < r->nactors; a++)
		buf_printf(b, "static _Noreturn void actor_%s(void);\n", r->actors[a].ident);
	buf_adds(b, "\n");
	for (size_t a = 0; a < r->nactors; a++) {
		char *what = xasprintf(_("the actor %s"), r->actors[a].name);
		emit_comment(b, "", what);
		free(what);
		buf_printf(b, "static _Noreturn void actor_%s(void)\n{\n", r->actors[a].ident);
		emit_locals(b, r, (int)a);
		emit_steps(b, r, (int)a);
		buf_adds(b, "\tidle();\n}\n\n");
	}
}

static void emit_main(struct buf *b, const struct emit_rec *r)
{
	emit_comment(b, "", _("ipcsh itself"));
	buf_adds(b, "int main(void)\n{\n");
	emit_locals(b, r, -1);
	buf_adds(b, "\tstart();\n");
	if (emit_helpers_used(r) & EMIT_H_DIR)
		buf_adds(b, "\tif (!mkdtemp(dir)) {\n\t\tperror(\"mkdtemp\");\n\t\treturn 1;\n\t}\n");
	buf_adds(b, "\n");
	size_t before = b->len;
	emit_steps(b, r, -1);
	if (b->len > before)
		buf_adds(b, "\n");
	emit_comment(b, "\t", _("the end, as ipcsh ends: it kills every actor and reaps them"));
	buf_printf(b, "\ttake_turn(%d);\n", r->turns + 1);
	emit_waits(b, r, -1, false);
	for (size_t a = 0; a < r->nactors; a++)
		buf_printf(b, "\tif (shared->pid_%s > 0)\n\t\tkill(shared->pid_%s, SIGKILL);\n",
			   r->actors[a].ident, r->actors[a].ident);
	buf_adds(b, "\twhile (wait(NULL) > 0)\n\t\t;\n");
	if (r->cleanup.n)
		emit_comment(b, "\t", _("and removes what it made (what is gone already just fails)"));
	for (size_t i = 0; i < r->cleanup.n; i++)
		buf_printf(b, "\t%s\n", r->cleanup.s[i]);
	if (emit_helpers_used(r) & EMIT_H_DIR)
		buf_adds(b, "\trmdir(dir);\n");
	buf_adds(b, "\treturn 0;\n}\n");
}

void emit_program(struct buf *b, const char *name)
{
	const struct emit_rec *r = emit_recording();
	emit_head(b, r, name);
	emit_helpers(b, r);
	emit_actors(b, r);
	emit_main(b, r);
}

static int emit_write(const char *path, bool force, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			close(fd);
			errno = e;
			return -1;
		}
		done += (size_t)n;
	}
	return close(fd);
}

int emit_save(const char *path, bool force)
{
	const struct emit_rec *r = emit_recording();
	if (!r->turns) {
		out_error(_("nothing to save: no command of this session has made a system call that a program can make"));
		return -1;
	}
	struct buf b = {0};
	emit_program(&b, path);
	int rc = emit_write(path, force, b.s, b.len);
	int e = errno;
	buf_free(&b);
	if (rc < 0 && e == EEXIST)
		out_error(_("cannot save %s: it exists (save %s -f replaces it)"), path, path);
	else if (rc < 0)
		out_error(_("cannot save %s: %s"), path, strerror(e));
	else
		out_printf(_("  wrote %s: %d steps as C; cc -std=c11 -Wall -Wextra %s builds it"), path, r->turns, path);
	if (rc == 0)
		emit_saved(path, r->turns);
	return rc;
}
