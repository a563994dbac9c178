/* test_explain.c: which explanation a failed call gets. A call with a
 * row of its own gets that row, whatever else it prints; a key counts only
 * in the words ipcsh writes, never inside the learner's quoted data; a
 * call without a row gets the general text; the general texts never name
 * one call's causes as the only ones. */
#include "config.h"
#include <errno.h>
#include <string.h>
#include "tap.h"
#include "../../src/explain.h"

int main(void)
{
	const char *flock_nb = explain_errno_call("flock(f, LOCK_EX|LOCK_NB)", EAGAIN);
	ok(strstr(flock_nb, "flock lock") != NULL, "flock LOCK_NB, EAGAIN: the flock row (%s)", flock_nb);
	const char *setlk = explain_errno_call("fcntl(f, F_SETLK, {F_WRLCK, start 0, len 1})", EAGAIN);
	ok(strstr(setlk, "F_SETLK does not wait") != NULL, "fcntl F_SETLK, EAGAIN: the record lock row");
	const char *setlkw = explain_errno_call("fcntl(f, F_SETLKW, {F_WRLCK, start 0, len 1})", EAGAIN);
	is_str(setlkw, explain_errno_short(EAGAIN), "fcntl F_SETLKW is not F_SETLK: the general text");
	const char *quoted = explain_errno_call("flock(f, \"LOCK_NB\")", EAGAIN);
	is_str(quoted, explain_errno_short(EAGAIN), "a key inside quoted data does not count");
	const char *escaped = explain_errno_call("flock(f, \"a\\\" LOCK_NB\")", EAGAIN);
	is_str(escaped, explain_errno_short(EAGAIN), "... nor after an escaped quote inside the data");
	const char *any = explain_errno_call("waitpid(-1)", ECHILD);
	ok(strstr(any, "no child left") != NULL, "waitpid(-1), ECHILD: no child left at all");
	const char *one = explain_errno_call("waitpid(123)", ECHILD);
	ok(strstr(one, "not an unreaped child") != NULL, "waitpid(PID), ECHILD: that pid is no child");
	const char *prefix = explain_errno_call("readv(p.r, 1)", EAGAIN);
	is_str(prefix, explain_errno_short(EAGAIN), "a call whose name only starts like a row's: the general text");
	static const int sock_errnos[] = { ECONNREFUSED, EADDRINUSE, ENOTCONN, EISCONN, ECONNRESET, EPIPE,
					   EDESTADDRREQ, EAFNOSUPPORT, EINPROGRESS };
	for (size_t i = 0; i < sizeof sock_errnos / sizeof *sock_errnos; i++)
		ok(strcmp(explain_errno_short(sock_errnos[i]), strerror(sock_errnos[i])) != 0,
		   "%s has a teaching text of its own", explain_errno_name(sock_errnos[i]));
	const char *wr = explain_errno_call("send(s, \"x\", 1, 0)", EPIPE);
	ok(strstr(wr, "socket") != NULL, "send, EPIPE: the socket row, not the pipe text");
	return done_testing();
}
