/* devshm.c: POSIX shared memory objects and named semaphores by name:
 * where they live in /dev/shm, whether a name still leads to the object
 * ipcsh made, and removing it. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "devshm.h"

const char *devshm_path(enum devshm_kind kind, const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "/dev/shm/%s%s", kind == DEVSHM_SEM ? "sem." : "", name + (name[0] == '/'));
	return buf;
}

int devshm_id(enum devshm_kind kind, const char *name, uint64_t *dev, uint64_t *ino, int64_t *size)
{
	char path[PATH_MAX];
	struct stat st;
	if (lstat(devshm_path(kind, name, path, sizeof path), &st) < 0)
		return -1;
	if (!S_ISREG(st.st_mode) || st.st_uid != getuid()) {
		errno = EPERM;
		return -1;
	}
	*dev = st.st_dev;
	*ino = st.st_ino;
	if (size)
		*size = st.st_size;
	return 0;
}

bool devshm_is_ours(enum devshm_kind kind, const char *name, uint64_t dev, uint64_t ino)
{
	uint64_t d, i;
	return devshm_id(kind, name, &d, &i, NULL) == 0 && d == dev && i == ino;
}

int devshm_unlink(enum devshm_kind kind, const char *name)
{
	return kind == DEVSHM_SEM ? sem_unlink(name) : shm_unlink(name);
}

bool devshm_name_ok(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '/' && n > 1 && n <= NAME_MAX - 4 && !strchr(name + 1, '/');
}
