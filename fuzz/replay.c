/* replay.c: runs a fuzz target's LLVMFuzzerTestOneInput on files -- the
 * seed corpus and every input that once crashed -- without libFuzzer, so
 * that make check (and its sanitizer build) replays them all. Arguments
 * are files or directories; prints TAP, one line a file. */
#include "config.h"
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_n, replay_bad;

static void replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("not ok %d - %s: cannot be read\n", ++replay_n, path);
		replay_bad++;
		return;
	}
	size_t cap = 1 << 16, n = 0, k;
	uint8_t *buf = malloc(cap);
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0)
		if ((n += k) == cap)
			buf = realloc(buf, cap *= 2);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);  /* a crash ends the program: the test fails */
	free(buf);
	printf("ok %d - %s (%zu bytes)\n", ++replay_n, path, n);
}

static void replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return;                   /* no crashes yet: nothing to replay */
	if (!S_ISDIR(st.st_mode)) {
		replay_file(path);
		return;
	}
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char full[4096];
			snprintf(full, sizeof full, "%s/%s", path, names[i]->d_name);
			replay_file(full);
		}
		free(names[i]);
	}
	free(n >= 0 ? names : NULL);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		replay_path(argv[i]);
	printf("1..%d\n", replay_n);
	return replay_n && !replay_bad ? 0 : 1;
}
