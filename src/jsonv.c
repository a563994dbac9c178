/* jsonv.c: a recursive-descent JSON reader (RFC 8259 subset: no \u
 * surrogate pairs beyond the BMP needed, numbers as doubles). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "jsonv.h"
#include "util.h"

struct jv_in {
	const char *p;
	int depth;
};

static int jv_value(struct jv_in *in, struct jv *out);

static void jv_ws(struct jv_in *in)
{
	while (*in->p == ' ' || *in->p == '\n' || *in->p == '\t' || *in->p == '\r')
		in->p++;
}

static void jv_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xe0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

static int jv_string(struct jv_in *in, char **out)
{
	struct buf b = {0};
	buf_adds(&b, "");
	in->p++;
	while (*in->p && *in->p != '"') {
		char c = *in->p++;
		if (c != '\\') {
			buf_addc(&b, c);
			continue;
		}
		c = *in->p++;
		switch (c) {
		case 'n': buf_addc(&b, '\n'); break;
		case 't': buf_addc(&b, '\t'); break;
		case 'r': buf_addc(&b, '\r'); break;
		case 'b': buf_addc(&b, '\b'); break;
		case 'f': buf_addc(&b, '\f'); break;
		case '"': case '\\': case '/': buf_addc(&b, c); break;
		case 'u': {
			char hex[5] = {0};
			for (int i = 0; i < 4 && in->p[i]; i++)
				hex[i] = in->p[i];
			if (strlen(hex) < 4) {
				buf_free(&b);
				return -1;
			}
			jv_utf8(&b, (unsigned)strtoul(hex, NULL, 16));
			in->p += 4;
			break;
		}
		default:
			buf_free(&b);
			return -1;
		}
	}
	if (*in->p != '"') {
		buf_free(&b);
		return -1;
	}
	in->p++;
	*out = b.s;
	return 0;
}

static int jv_container(struct jv_in *in, struct jv *out, bool obj)
{
	out->type = obj ? JV_OBJ : JV_ARR;
	in->p++;
	jv_ws(in);
	char close = obj ? '}' : ']';
	if (*in->p == close) {
		in->p++;
		return 0;
	}
	for (;;) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		if (obj)
			out->keys = xrealloc(out->keys, (out->n + 1) * sizeof *out->keys);
		struct jv *item = &out->items[out->n];
		memset(item, 0, sizeof *item);
		jv_ws(in);
		if (obj)
			out->keys[out->n] = NULL;
		out->n++;                /* counted now, so that a failure frees its key */
		if (obj) {
			if (*in->p != '"' || jv_string(in, &out->keys[out->n - 1]) < 0)
				return -1;
			jv_ws(in);
			if (*in->p++ != ':')
				return -1;
		}
		if (jv_value(in, item) < 0)
			return -1;
		jv_ws(in);
		if (*in->p == ',') {
			in->p++;
			continue;
		}
		if (*in->p++ != close)
			return -1;
		return 0;
	}
}

static int jv_value(struct jv_in *in, struct jv *out)
{
	memset(out, 0, sizeof *out);
	if (++in->depth > 64)
		return -1;
	jv_ws(in);
	int rc = 0;
	if (*in->p == '{' || *in->p == '[') {
		rc = jv_container(in, out, *in->p == '{');
	} else if (*in->p == '"') {
		out->type = JV_STR;
		rc = jv_string(in, &out->str);
	} else if (strncmp(in->p, "null", 4) == 0) {
		in->p += 4;
	} else if (strncmp(in->p, "true", 4) == 0 || strncmp(in->p, "false", 5) == 0) {
		out->type = JV_BOOL;
		out->b = in->p[0] == 't';
		in->p += out->b ? 4 : 5;
	} else {
		char *end;
		out->type = JV_NUM;
		out->num = strtod(in->p, &end);
		rc = end == in->p ? -1 : 0;
		in->p = end;
	}
	in->depth--;
	return rc;
}

static void jv_clear(struct jv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jv_clear(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

void jv_free(struct jv *v)
{
	if (!v)
		return;
	jv_clear(v);
	free(v);
}

struct jv *jv_parse(const char *text)
{
	struct jv_in in = { .p = text };
	struct jv *v = xcalloc(1, sizeof *v);
	if (jv_value(&in, v) < 0) {
		jv_free(v);
		return NULL;
	}
	jv_ws(&in);
	if (*in.p) {
		jv_free(v);
		return NULL;
	}
	return v;
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	if (!obj || obj->type != JV_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (obj->keys[i] && strcmp(obj->keys[i], key) == 0)
			return &obj->items[i];
	return NULL;
}
