/* json.c: the JSON writer behind show --json. Payload bytes that are not
 * printable UTF-8 are written as \xHH text escapes, so the output is always
 * valid JSON and valid UTF-8. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "json.h"

void json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->first[0] = true;
}

static void json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		buf_addc(j->out, ',');
	j->first[j->depth] = false;
}

static void json_open(struct json *j, char c)
{
	json_sep(j);
	buf_addc(j->out, c);
	if (j->depth + 1 < JSON_DEPTH_MAX)
		j->depth++;
	j->first[j->depth] = true;
}

static void json_close(struct json *j, char c)
{
	buf_addc(j->out, c);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_begin(struct json *j) { json_open(j, '{'); }
void json_obj_end(struct json *j) { json_close(j, '}'); }
void json_arr_begin(struct json *j) { json_open(j, '['); }
void json_arr_end(struct json *j) { json_close(j, ']'); }

/* Length of a valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t json_utf8_len(const unsigned char *p, size_t n)
{
	size_t len;
	unsigned int cp;
	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) { len = 2; cp = p[0] & 0x1f; }
	else if ((p[0] & 0xf0) == 0xe0) { len = 3; cp = p[0] & 0x0f; }
	else if ((p[0] & 0xf8) == 0xf0) { len = 4; cp = p[0] & 0x07; }
	else return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static void json_escape_byte(struct buf *b, unsigned char c)
{
	switch (c) {
	case '"': buf_adds(b, "\\\""); break;
	case '\\': buf_adds(b, "\\\\"); break;
	case '\n': buf_adds(b, "\\n"); break;
	case '\t': buf_adds(b, "\\t"); break;
	case '\r': buf_adds(b, "\\r"); break;
	default:
		if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
}

void json_strn(struct json *j, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	json_sep(j);
	buf_addc(j->out, '"');
	for (size_t i = 0; i < n;) {
		size_t l = json_utf8_len(p + i, n - i);
		if (l == 1) {
			json_escape_byte(j->out, p[i]);
		} else if (l > 1) {
			buf_add(j->out, p + i, l);
		} else {
			buf_printf(j->out, "\\\\x%02x", p[i]);
			l = 1;
		}
		i += l;
	}
	buf_addc(j->out, '"');
}

void json_str(struct json *j, const char *s)
{
	json_strn(j, s, strlen(s));
}

void json_key(struct json *j, const char *key)
{
	json_str(j, key);
	buf_addc(j->out, ':');
	j->after_key = true;
}

void json_int(struct json *j, int64_t v)
{
	json_sep(j);
	buf_printf(j->out, "%lld", (long long)v);
}

void json_bool(struct json *j, bool v)
{
	json_sep(j);
	buf_adds(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	json_sep(j);
	buf_adds(j->out, "null");
}

void json_kstr(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kint(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kstr_or_null(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s)
		json_str(j, s);
	else
		json_null(j);
}
