/* jsonv.h: a small JSON reader into a tree, so that conditions (expect,
 * lesson checks) read exactly what show --json prints. */
#ifndef IPCSH_JSONV_H
#define IPCSH_JSONV_H
#include <stdbool.h>
#include <stddef.h>

enum jv_type { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type type;
	bool b;
	double num;
	char *str;
	size_t n;          /* items in an array or object */
	struct jv *items;
	char **keys;       /* objects only */
};

/* Parse a whole document; NULL on a syntax error. */
struct jv *jv_parse(const char *text);
void jv_free(struct jv *v);
const struct jv *jv_get(const struct jv *obj, const char *key);

#endif
