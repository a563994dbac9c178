/* fuzz_state.c: libFuzzer target for the state file reader (stale.c),
 * which cleanup --stale runs on what a dead session left: any bytes as a
 * .state file. Each "obj" line it keeps is parsed back into an object,
 * whose name fits and whose kind is one ipcsh has. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "registry.h"
#include "stale.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stale_text t;
	stale_scan((const char *)data, size, &t);
	if (t.nactors < 0)
		abort();
	for (char *p = t.objs.s, *nl; p && (nl = strchr(p, '\n')); p = nl + 1) {
		struct object o;
		if (stale_obj_parse(p, &o) < 0)
			continue;
		if (strlen(o.name) > IPCSH_NAME_MAX || (int)o.kind < 0 || !o.path)
			abort();
		free(o.path);
	}
	buf_free(&t.objs);
	return 0;
}
