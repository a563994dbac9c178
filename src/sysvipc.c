/* sysvipc.c: /proc/sysvipc/{msg,shm,sem} read into typed rows. The
 * columns are proc(5)'s: msg "key msqid perms cbytes qnum lspid lrpid uid
 * ...", shm "key shmid perms size cpid lpid nattch uid ...", sem "key semid
 * perms nsems uid ..."; perms are octal. */
#include "config.h"
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sysvipc.h"

struct sysvipc_file {
	const char *path;
	int c_size, c_count, c_uid;    /* columns, from 0; -1: none */
};

static const struct sysvipc_file sysvipc_files[] = {
	[OBJ_MSG] = { "/proc/sysvipc/msg", 3, 4, 7 },
	[OBJ_SHM] = { "/proc/sysvipc/shm", 3, 6, 7 },
	[OBJ_SEM] = { "/proc/sysvipc/sem", 3, -1, 4 },
};

static bool sysvipc_row(const struct sysvipc_file *f, char *line, struct sysvipc_row *r)
{
	long long c[16] = {0};
	int n = 0;
	for (char *save = NULL, *t = strtok_r(line, " \t\n", &save); t && n < 16; t = strtok_r(NULL, " \t\n", &save)) {
		c[n] = strtoll(t, NULL, n == 2 ? 8 : 10);     /* perms: octal */
		n++;
	}
	if (n <= f->c_uid || n <= f->c_size)
		return false;
	*r = (struct sysvipc_row){ .key = (key_t)c[0], .id = (int)c[1], .mode = (unsigned)c[2],
				   .uid = (unsigned)c[f->c_uid], .size = c[f->c_size],
				   .count = f->c_count >= 0 ? c[f->c_count] : -1 };
	return true;
}

int sysvipc_read(enum obj_kind kind, struct sysvipc_row **rows)
{
	*rows = NULL;
	if (kind != OBJ_MSG && kind != OBJ_SHM && kind != OBJ_SEM)
		return -1;
	const struct sysvipc_file *f = &sysvipc_files[kind];
	FILE *fp = fopen(f->path, "re");
	if (!fp)
		return -1;
	char line[512];
	int n = 0;
	if (fgets(line, sizeof line, fp))       /* its own header */
		while (fgets(line, sizeof line, fp)) {
			*rows = xrealloc(*rows, (size_t)(n + 1) * sizeof **rows);
			n += sysvipc_row(f, line, &(*rows)[n]);
		}
	fclose(fp);
	return n;
}

const char *sysvipc_user(unsigned uid, char *buf, size_t size)
{
	struct passwd pw, *res = NULL;
	char tmp[1024];
	if (getpwuid_r(uid, &pw, tmp, sizeof tmp, &res) == 0 && res)
		snprintf(buf, size, "%s", res->pw_name);
	else
		snprintf(buf, size, "%u", uid);
	return buf;
}
