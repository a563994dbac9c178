/* datadir.c: where ipcsh's shipped data is (lessons, demos): $ENV, the
 * directory beside an uninstalled ipcsh, or the installed one; and which
 * language's copy to take, from the language of the messages. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "datadir.h"
#include "util.h"

const char *datadir_lang(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh_CN", 5) ? "en" : "zh_CN";
	}
	return "en";
}

char *datadir_find(const char *what, const char *env_name)
{
	const char *env = getenv(env_name);
	if (env && *env)
		return xstrdup(env);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *dir = xasprintf("%s/%s", exe, what);
			if (access(dir, R_OK | X_OK) == 0)
				return dir;
			free(dir);
		}
	}
	return xasprintf("%s/%s", PKGDATADIR, what);
}
