/* test_parse.c: the command-line language (SPEC section 3), through the
 * real parse_line/parse_int/parse_size. */
#include "config.h"
#include <stdint.h>
#include "tap.h"
#include "../../src/parse.h"

static int parse_s(const char *s, struct parse_result *r)
{
	return parse_line(s, strlen(s), r);
}

static void test_words(void)
{
	struct parse_result r;
	ok(parse_s("A: write p \"hi\\n\\x41\" # comment", &r) == 0, "quoted word with escapes parses");
	ok(r.ncmds == 1, "one command");
	is_str(r.cmds[0].actor, "A", "actor prefix taken");
	ok(r.cmds[0].nwords == 3, "three words after the prefix");
	ok(r.cmds[0].words[2].len == 4 && memcmp(r.cmds[0].words[2].s, "hi\nA", 4) == 0, "escapes decoded");
	parse_free(&r);

	ok(parse_s("spawn a b; a:pipe p ; b: read p &", &r) == 0, "three commands");
	ok(r.ncmds == 3, "split on ';' and '&'");
	is_str(r.cmds[1].actor, "a", "A:cmd form splits the prefix");
	is_str(r.cmds[1].words[0].s, "pipe", "command after A: prefix");
	ok(!r.cmds[1].background && r.cmds[2].background, "'&' marks only its command");
	parse_free(&r);

	ok(parse_s("echo 'a \"b\"' x#y", &r) == 0 && r.cmds[0].nwords == 3, "single quotes and # inside a word");
	is_str(r.cmds[0].words[1].s, "a \"b\"", "single quotes are literal");
	is_str(r.cmds[0].words[2].s, "x#y", "# inside a word is not a comment");
	parse_free(&r);

	ok(parse_s("   # only a comment", &r) == 0 && r.ncmds == 0, "comment line: no command");
	parse_free(&r);
	ok(parse_s("write p \"\\0\"", &r) == 0 && r.cmds[0].words[2].len == 1 && r.cmds[0].words[2].s[0] == 0, "\\0 gives a NUL byte");
	parse_free(&r);
}

static void test_rejections(void)
{
	struct parse_result r;
	const char *bad[] = { "echo \"abc", "echo 'abc", "echo \"\\q\"", "echo \"\\x4\"",
		"1bad: ps", "A:", "&", "waytoolongname_aaaaaaaaaaaaaaaaaaaaaaa: ps" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ok(parse_s(bad[i], &r) < 0 && r.error && r.ncmds == 0, "rejected: %s (%s)", bad[i], r.error ? r.error : "-");
		parse_free(&r);
	}
	char nul[] = "echo a\0b";
	ok(parse_line(nul, sizeof nul - 1, &r) < 0 && r.error, "NUL byte rejected");
	parse_free(&r);
	static char big[PARSE_LINE_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	ok(parse_line(big, sizeof big - 1, &r) < 0 && r.error, "overlong line rejected");
	parse_free(&r);
}

static void test_numbers(void)
{
	int64_t v = 0;
	ok(parse_int("42", 0, 100, &v) == 0 && v == 42, "decimal");
	ok(parse_int("0x1F", 0, 100, &v) == 0 && v == 31, "hex");
	ok(parse_int("010", 0, 100, &v) == 0 && v == 10, "a leading 0 is still decimal");
	ok(parse_mode("0600", &v) == 0 && v == 0600, "modes are octal");
	ok(parse_mode("0800", &v) < 0 && parse_mode("017777", &v) < 0, "bad modes rejected");
	ok(parse_int("-5", -10, 10, &v) == 0 && v == -5, "negative");
	ok(parse_int("99999999999999999999999", 0, INT64_MAX, &v) < 0, "huge number rejected");
	ok(parse_int("12x", 0, 100, &v) < 0, "trailing junk rejected");
	ok(parse_int("101", 0, 100, &v) < 0, "out of range rejected");
	ok(parse_int("", 0, 100, &v) < 0 && parse_int("-", -5, 5, &v) < 0, "empty and bare sign rejected");
	ok(parse_size("64K", INT64_MAX, &v) == 0 && v == 65536, "size with K");
	ok(parse_size("2M", INT64_MAX, &v) == 0 && v == 2097152, "size with M");
	ok(parse_size("9999999999999M", INT64_MAX, &v) < 0, "size overflow rejected");
	ok(parse_size("-1", INT64_MAX, &v) < 0, "negative size rejected");
}

static void test_names(void)
{
	ok(util_valid_name("a") && util_valid_name("_x-1") && util_valid_name("abcdefghijklmnopqrstuvwxyzABCDEF"), "valid names");
	ok(!util_valid_name("1a") && !util_valid_name("") && !util_valid_name("a.b") && !util_valid_name("abcdefghijklmnopqrstuvwxyzABCDEFG"), "invalid names");
}

int main(void)
{
	test_words();
	test_rejections();
	test_numbers();
	test_names();
	return done_testing();
}
