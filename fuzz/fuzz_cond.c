/* fuzz_cond.c: libFuzzer target for the condition language (cond.c), on
 * a document shaped like show --json (actors, objects with a dotted name,
 * bench figures): any bytes after "expect ". A condition evaluates to a
 * result, or is refused with a reason; never both, never neither. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cond.h"
#include "jsonv.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_world =
	"{\"version\":1,\"session\":{\"pid\":42,\"dir\":\"/tmp/x\"},"
	"\"actors\":[{\"name\":\"A\",\"state\":\"blocked\",\"wchan\":\"pipe_read\",\"fds\":[{\"fd\":3,\"object\":\"p\"}],"
	"\"signals\":{\"caught\":[\"SIGUSR1\"],\"pending\":[]},\"exit\":null,"
	"\"last\":{\"call\":\"read\",\"ret\":-1,\"errno\":\"EINTR\",\"data\":\"-12\"}}],"
	"\"objects\":[{\"kind\":\"pipe\",\"name\":\"p\",\"bytes\":5,\"capacity\":65536},"
	"{\"kind\":\"socket\",\"name\":\"sp.0\",\"peer\":{\"object\":\"sp.1\"}}],"
	"\"bench\":{\"pipe\":{\"64\":{\"latency_ns\":3000.5,\"mb_per_s\":null}}}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jv *world;
	if (!world && !(world = jv_parse(fuzz_world)))
		abort();
	char *line = malloc(size + 8);
	memcpy(line, "expect ", 7);
	memcpy(line + 7, data, size);
	struct parse_result res;
	if (parse_line(line, size + 7, &res) == 0 && res.ncmds == 1 && res.cmds[0].nwords > 1) {
		bool ok = false;
		char *why = NULL, *missing = NULL;
		int rc = cond_eval_paths(world, res.cmds[0].words + 1, (int)res.cmds[0].nwords - 1, &ok, &why, &missing);
		if ((rc < 0 && !why) || (rc == 0 && ok && why))
			abort();              /* an error says why; a truth needs no why */
		free(why);
		free(missing);
	}
	parse_free(&res);
	free(line);
	return 0;
}
