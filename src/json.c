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
		size_t l = util_utf8_len(p + i, n - i);
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

void json_double(struct json *j, double v)
{
	json_sep(j);
	char t[64];
	snprintf(t, sizeof t, "%.6g", v);
	for (char *c = t; *c; c++)      /* a locale's decimal comma is no JSON */
		if (*c == ',')
			*c = '.';
	buf_adds(j->out, v != v || v > 1e300 || v < -1e300 ? "null" : t);
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
