/* fuzz_json.c: libFuzzer target for the JSON of show --json. Any bytes
 * are first given to the reader (jsonv.c) as a document; then the writer
 * (json.c) puts them, cut in pieces, as keys and string values into a
 * document that the reader must read back: each string as the writer
 * promises (valid UTF-8 kept, a byte that is not UTF-8 written as the
 * text \xHH), so what show --json prints always parses. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "jsonv.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the reader should give back for n bytes of s: as the writer
 * promises, up to a NUL (a C string ends there). */
static char *fuzz_expected(const unsigned char *s, size_t n)
{
	struct buf b = {0};
	buf_adds(&b, "");
	for (size_t i = 0; i < n;) {
		size_t l = util_utf8_len(s + i, n - i);
		if (l >= 1) {
			buf_add(&b, s + i, l);
		} else {
			buf_printf(&b, "\\x%02x", s[i]);
			l = 1;
		}
		i += l;
	}
	char *out = xstrdup(b.s);
	buf_free(&b);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	jv_free(jv_parse(text));          /* the reader on anything */
	free(text);
	size_t cut = size / 3;            /* a key, a value, a value in a list */
	struct buf out = {0};
	struct json j;
	json_init(&j, &out);
	json_obj_begin(&j);
	json_key(&j, "k");
	json_strn(&j, (const char *)data, cut);
	json_key(&j, "v");
	json_arr_begin(&j);
	json_strn(&j, (const char *)data + cut, size - cut);
	json_int(&j, (int64_t)size);
	json_arr_end(&j);
	json_obj_end(&j);
	struct jv *doc = jv_parse(out.s);
	if (!doc)
		abort();                  /* the writer wrote what the reader refuses */
	const struct jv *k = jv_get(doc, "k"), *v = jv_get(doc, "v");
	char *want_k = fuzz_expected(data, cut), *want_v = fuzz_expected(data + cut, size - cut);
	if (!k || k->type != JV_STR || strcmp(k->str, want_k) || !v || v->type != JV_ARR || v->n != 2 ||
	    v->items[0].type != JV_STR || strcmp(v->items[0].str, want_v) || v->items[1].num != (double)size)
		abort();                  /* not what was written */
	free(want_k);
	free(want_v);
	jv_free(doc);
	buf_free(&out);
	return 0;
}
