/* outside.c: a separate program for the tests, as a learner's own C code
 * would be: it reads what an actor stored in System V or POSIX shared
 * memory, and makes a POSIX object for ipcsh to attach.
 *   outside shm-read ID OFF LEN     shmat(ID, SHM_RDONLY), print LEN bytes
 *   outside pshm-read /N OFF LEN    shm_open + mmap, print LEN bytes
 *   outside pshm-make /N TEXT       shm_open(O_CREAT|O_EXCL) 4096 bytes, TEXT at 0
 *   outside mq-make /N              mq_open(O_CREAT|O_EXCL), left for the census
 *   outside mq-unlink /N            mq_unlink */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

static int outside_print(const char *p, long off, long len)
{
	fwrite(p + off, 1, (size_t)len, stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "shm-read")) {
		const char *p = shmat(atoi(argv[2]), NULL, SHM_RDONLY);
		if (p == (void *)-1) {
			perror("shmat");
			return 1;
		}
		return outside_print(p, atol(argv[3]), atol(argv[4]));
	}
	if (argc == 5 && !strcmp(argv[1], "pshm-read")) {
		int fd = shm_open(argv[2], O_RDONLY, 0);
		const char *p = fd < 0 ? MAP_FAILED : mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			perror("shm_open/mmap");
			return 1;
		}
		return outside_print(p, atol(argv[3]), atol(argv[4]));
	}
	if (argc == 4 && !strcmp(argv[1], "pshm-make")) {
		int fd = shm_open(argv[2], O_CREAT | O_EXCL | O_RDWR, 0600);
		if (fd < 0 || ftruncate(fd, 4096) < 0 || write(fd, argv[3], strlen(argv[3])) < 0) {
			perror("shm_open");
			return 1;
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "mq-make")) {
		mqd_t q = mq_open(argv[2], O_CREAT | O_EXCL | O_RDWR, 0600, NULL);
		if (q == (mqd_t)-1) {
			perror("mq_open");
			return 1;
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "mq-unlink"))
		return mq_unlink(argv[2]) < 0;
	fprintf(stderr, "usage: outside shm-read ID OFF LEN | pshm-read /N OFF LEN | pshm-make /N TEXT | mq-make /N | mq-unlink /N\n");
	return 2;
}
