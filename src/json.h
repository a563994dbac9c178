/* json.h: a streaming JSON writer into a struct buf (for show --json),
 * producing valid UTF-8 even from arbitrary payload bytes. */
#ifndef IPCSH_JSON_H
#define IPCSH_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include "util.h"

#define JSON_DEPTH_MAX 32

struct json {
	struct buf *out;
	int depth;
	bool first[JSON_DEPTH_MAX];
	bool after_key;
};

void json_init(struct json *j, struct buf *out);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);
void json_strn(struct json *j, const char *s, size_t n);
void json_int(struct json *j, int64_t v);
/* A measured figure, to six significant digits; null when it is not
 * finite. */
void json_double(struct json *j, double v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Helpers for "key": value pairs. */
void json_kstr(struct json *j, const char *key, const char *s);
void json_kint(struct json *j, const char *key, int64_t v);
void json_kstr_or_null(struct json *j, const char *key, const char *s);

#endif
