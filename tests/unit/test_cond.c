/* test_cond.c: the condition language over a JSON document shaped like
 * show --json, and the JSON reader under it. */
#include "config.h"
#include <stdlib.h>
#include "tap.h"
#include "../../src/cond.h"
#include "../../src/jsonv.h"

static const char *doc_text =
	"{\"version\":1,\"session\":{\"pid\":42,\"dir\":\"/tmp/x\"},"
	"\"actors\":[{\"name\":\"A\",\"state\":\"blocked\",\"signals\":{\"caught\":[\"SIGUSR1\",\"SIGTERM\"]},\"wchan\":\"pipe_read\",\"fds\":[{\"fd\":3},{\"fd\":4}],"
	"\"exit\":null,\"last\":{\"call\":\"read\",\"ret\":-1,\"errno\":\"EINTR\",\"data\":\"h\\u00e9 \\\"x\\\"\"}},"
	"{\"name\":\"B\",\"last\":{\"call\":\"peek\",\"ret\":4,\"data\":\"-12345\"}}],"
	"\"objects\":[{\"kind\":\"pipe\",\"name\":\"p\",\"bytes\":5,\"capacity\":65536,\"readers\":1,\"writers\":0},"
	"{\"kind\":\"socket\",\"name\":\"sp.0\",\"state\":\"connected\",\"peer\":{\"object\":\"sp.1\"}}]}";

static int eval(const struct jv *doc, const char *text, bool *res, char **why)
{
	struct parse_result pr;
	if (parse_line(text, strlen(text), &pr) < 0)
		return -2;
	int rc = cond_eval(doc, pr.cmds[0].words, (int)pr.cmds[0].nwords, res, why);
	parse_free(&pr);
	return rc;
}

/* The first path of text that names nothing in doc, or NULL. */
static char *missing_of(const struct jv *doc, const char *text)
{
	struct parse_result pr;
	bool r;
	char *why = NULL, *missing = NULL;
	if (parse_line(text, strlen(text), &pr) < 0)
		return strdup("(no parse)");
	cond_eval_paths(doc, pr.cmds[0].words, (int)pr.cmds[0].nwords, &r, &why, &missing);
	parse_free(&pr);
	free(why);
	return missing;
}

static void is_true(const struct jv *doc, const char *text)
{
	bool r = false;
	char *why = NULL;
	int rc = eval(doc, text, &r, &why);
	ok(rc == 0 && r, "true: %s%s%s", text, why ? " -- " : "", why ? why : "");
	free(why);
}

static void is_false(const struct jv *doc, const char *text, const char *want_why)
{
	bool r = true;
	char *why = NULL;
	int rc = eval(doc, text, &r, &why);
	ok(rc == 0 && !r, "false: %s", text);
	if (want_why)
		is_str(why, want_why, "  and says why");
	free(why);
}

int main(void)
{
	struct jv *doc = jv_parse(doc_text);
	ok(doc != NULL, "document parses");
	is_true(doc, "p.bytes == 5");
	is_true(doc, "sp.0.state == connected and sp.0.peer.object == \"sp.1\"");   /* a name with a dot */
	is_true(doc, "objects.count == 2 and objects.1.name == \"sp.0\"");
	is_true(doc, "p.bytes==5");
	is_true(doc, "p.bytes >= 5 and p.bytes < 6");
	is_true(doc, "p.capacity > p.bytes");
	is_true(doc, "A.state == blocked && A.wchan == pipe_read");
	is_true(doc, "A.state == idle or A.state == blocked");
	is_true(doc, "not A.state == idle");
	is_true(doc, "!(p.writers != 0)");
	is_true(doc, "A.exit == null");
	is_true(doc, "A.fds.length == 2 and A.fds.1.fd == 4");
	is_true(doc, "A.last.errno == EINTR and A.last.ret == -1");
	is_true(doc, "A.last.data == \"h\xc3\xa9 \\\"x\\\"\"");
	is_true(doc, "session.pid == 42");
	/* has: one item of a list is the value, wherever it is */
	is_true(doc, "A.signals.caught has SIGTERM and A.signals.caught has SIGUSR1");
	is_false(doc, "A.signals.caught has SIGINT", "A.signals.caught is a list of 2");
	is_false(doc, "A.fds has 3", NULL);
	/* parentheses against a quoted string close and open groups */
	is_true(doc, "(A.state == \"blocked\")");
	is_true(doc, "!(A.state == \"idle\")");
	is_true(doc, "(A.state == \"blocked\" )");
	/* as in a shell, quotes inside a word only quote that part of it */
	is_true(doc, "A.state == \"block\"ed");
	is_true(doc, "p.readers");
	is_false(doc, "p.bytes == 6", "p.bytes is 5");
	is_false(doc, "A.state == idle", "A.state is \"blocked\"");
	is_false(doc, "q.bytes == 0", "q.bytes is missing");
	is_false(doc, "p.writers", NULL);
	is_false(doc, "A.fds.7.fd == 3", NULL);
	/* a decimal string (peek ... int) compares with a number as a number */
	is_true(doc, "B.last.data == -12345 and B.last.data < 0 and B.last.data > -20000");
	is_true(doc, "B.last.data == \"-12345\"");
	is_false(doc, "B.last.data > 0", NULL);
	is_false(doc, "A.last.data == 0", NULL);
	/* the paths that name nothing: a claim on them is not judged */
	char *m = missing_of(doc, "p.bytes < p.capacity and A.state == blocked");
	ok(m == NULL, "every path names something: none missing");
	free(m);
	m = missing_of(doc, "p.bytes < bench.pipe.64.latency_ns");
	is_str(m, "bench.pipe.64.latency_ns", "a path on the right that names nothing is missing");
	free(m);
	m = missing_of(doc, "q.bytes > 1 or p.bytes > 1");
	is_str(m, "q.bytes", "a path on the left, though the condition holds");
	free(m);
	m = missing_of(doc, "p.bytes == 5 and (p.nope or x.y == 1)");
	is_str(m, "p.nope", "the first of several");
	free(m);
	struct jv tmp;
	const struct jv *v = cond_lookup(doc, "A.fds.length", &tmp);
	ok(v && v->type == JV_NUM && v->num == 2, "cond_lookup: a computed .length");
	v = cond_lookup(doc, "sp.0.peer.object", &tmp);
	ok(v && v->type == JV_STR && !strcmp(v->str, "sp.1"), "cond_lookup: a name with a dot");
	ok(cond_lookup(doc, "p.nothing", &tmp) == NULL, "cond_lookup: NULL for nothing");
	bool r;
	char *why = NULL;
	ok(eval(doc, "p.bytes == ", &r, &why) == -1 && why, "missing value is a syntax error (%s)", why ? why : "");
	free(why);
	why = NULL;
	ok(eval(doc, "(p.bytes == 5", &r, &why) == -1 && why, "unclosed parenthesis is an error");
	free(why);
	why = NULL;
	ok(eval(doc, "== 5", &r, &why) == -1 && why, "no path is an error");
	free(why);
	why = NULL;                       /* it looped for ever (fuzz/crashes/cond) */
	ok(eval(doc, "A.state | idle", &r, &why) == -1 && why && strstr(why, "alone"), "a lone | is an error, not a hang");
	free(why);
	why = NULL;
	ok(eval(doc, "p.bytes == 5 or A.state|idle", &r, &why) == -1 && why, "... inside a word too");
	free(why);
	why = NULL;                       /* an error, then a true "or": the reason was lost */
	ok(eval(doc, "(p.nope == 1 \"x\") or p.bytes == 5", &r, &why) == -1 && why, "an error keeps its reason past a true or (%s)",
	   why ? why : "none");
	free(why);
	jv_free(doc);
	ok(jv_parse("{\"a\":[1,2,}") == NULL, "bad JSON rejected");
	ok(jv_parse("[1] x") == NULL, "trailing garbage rejected");
	struct jv *deep = jv_parse("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	ok(deep == NULL, "nesting deeper than 64 rejected");
	return done_testing();
}
