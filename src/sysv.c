/* sysv.c: System V keys: IPC_PRIVATE, a number, or ftok(3) of a path and
 * a project id, the three ways a program names a System V object. */
#include "config.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include "parse.h"
#include "sysv.h"
#include "util.h"

static int sysv_ftok(const char *spec, key_t *key, char **err)
{
	const char *colon = strrchr(spec, ':');
	int64_t id;
	if (colon == spec || parse_int(colon + 1, 1, 255, &id) < 0) {
		*err = xasprintf(_("ftok keys are written ftok:PATH:ID with ID from 1 to 255, not \"ftok:%s\""), spec);
		return -1;
	}
	char *path = xstrndup(spec, (size_t)(colon - spec));
	*key = ftok(path, (int)id);
	int e = errno;
	if (*key == (key_t)-1)
		*err = xasprintf(_("ftok(\"%s\", %lld) failed: %s (ftok needs a file that exists)"), path,
				 (long long)id, strerror(e));
	free(path);
	return *key == (key_t)-1 ? -1 : 0;
}

int sysv_parse_key(const char *spec, key_t *key, char **err)
{
	*err = NULL;
	if (!strcmp(spec, "private") || !strcmp(spec, "IPC_PRIVATE")) {
		*key = IPC_PRIVATE;
		return 0;
	}
	if (!strncmp(spec, "ftok:", 5))
		return sysv_ftok(spec + 5, key, err);
	int64_t v;
	if (parse_int(spec, 0, UINT32_MAX, &v) < 0) {
		*err = xasprintf(_("a key is private, a number (0x1234) up to 0xffffffff, or ftok:PATH:ID, not \"%s\""), spec);
		return -1;
	}
	*key = (key_t)(uint32_t)v;
	return 0;
}

const char *sysv_key_str(key_t key, char *buf, size_t size)
{
	snprintf(buf, size, "0x%08x", (unsigned)key);
	return buf;
}
