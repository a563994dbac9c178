/* test_json.c: the JSON writer produces exactly the expected text,
 * including escapes and invalid UTF-8. */
#include "config.h"
#include "tap.h"
#include "../../src/json.h"

int main(void)
{
	struct buf b = {0};
	struct json j;
	json_init(&j, &b);
	json_obj_begin(&j);
	json_kint(&j, "version", 1);
	json_key(&j, "list");
	json_arr_begin(&j);
	json_int(&j, -3);
	json_null(&j);
	json_bool(&j, true);
	json_str(&j, "a\"b\\c\n");
	json_arr_end(&j);
	json_kstr_or_null(&j, "none", NULL);
	json_key(&j, "empty");
	json_obj_begin(&j);
	json_obj_end(&j);
	json_obj_end(&j);
	is_str(b.s, "{\"version\":1,\"list\":[-3,null,true,\"a\\\"b\\\\c\\n\"],\"none\":null,\"empty\":{}}", "nested document");

	buf_reset(&b);
	json_init(&j, &b);
	json_strn(&j, "\xe4\xbd\xa0\xff\x01", 5);
	is_str(b.s, "\"\xe4\xbd\xa0\\\\xff\\u0001\"", "UTF-8 kept, bad byte and control escaped");

	buf_reset(&b);
	json_init(&j, &b);
	json_strn(&j, "\xc0\x80\xed\xa0\x80", 5);
	is_str(b.s, "\"\\\\xc0\\\\x80\\\\xed\\\\xa0\\\\x80\"", "overlong and surrogate encodings escaped");
	buf_free(&b);
	return done_testing();
}
