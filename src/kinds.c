/* kinds.c: the table of object kinds (kinds.h), and the per-kind checks
 * and removals it points to: a FIFO or file by its device, inode and birth
 * time, a POSIX object by the identity it had when ipcsh made it, a System
 * V id by its key and our user as its creator. */
#include "config.h"
#include <mqueue.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "devshm.h"
#include "kinds.h"
#include "look.h"
#include "mqq.h"
#include "netproc.h"
#include "sysv.h"

static bool kinds_path_is_ours(const struct object *o, unsigned type)
{
	uint64_t d, i, b;
	return o->path && reg_path_id(o->path, type, &d, &i, &b) == 0 && d == o->dev && i == o->ino &&
	       (!b || !o->btime || b == o->btime);
}

static bool kinds_fifo_ours(const struct object *o) { return kinds_path_is_ours(o, S_IFIFO); }
static bool kinds_file_ours(const struct object *o) { return kinds_path_is_ours(o, S_IFREG); }
static bool kinds_mq_ours(const struct object *o) { return o->path && mqq_is_ours(o->path, o->dev, o->ino); }
static bool kinds_pshm_ours(const struct object *o) { return o->path && devshm_is_ours(DEVSHM_SHM, o->path, o->dev, o->ino); }
static bool kinds_psem_ours(const struct object *o) { return o->path && devshm_is_ours(DEVSHM_SEM, o->path, o->dev, o->ino); }
static bool kinds_msg_ours(const struct object *o) { return sysv_is_ours(SYSV_MSG, o->id, o->key); }
static bool kinds_shm_ours(const struct object *o) { return sysv_is_ours(SYSV_SHM, o->id, o->key); }
static bool kinds_sem_ours(const struct object *o) { return sysv_is_ours(SYSV_SEM, o->id, o->key); }
/* a TCP connection closed by its process that the kernel still keeps */
static bool kinds_sock_lingers(const struct object *o)
{
	struct netproc_sock ns;
	return o->conn_local && o->conn_remote && netproc_find_conn(o->sofamily, o->conn_local, o->conn_remote, &ns) == 0;
}
/* a socket's bound file: not an abstract name (@), not unbound */
static bool kinds_sock_ours(const struct object *o) { return o->path && o->path[0] == '/' && kinds_path_is_ours(o, S_IFSOCK); }

static int kinds_path_unlink(const struct object *o) { return unlink(o->path); }
static int kinds_mq_unlink(const struct object *o) { return mq_unlink(o->path); }
static int kinds_pshm_unlink(const struct object *o) { return devshm_unlink(DEVSHM_SHM, o->path); }
static int kinds_psem_unlink(const struct object *o) { return devshm_unlink(DEVSHM_SEM, o->path); }
static int kinds_msg_rmid(const struct object *o) { return sysv_rmid(SYSV_MSG, o->id); }
static int kinds_shm_rmid(const struct object *o) { return sysv_rmid(SYSV_SHM, o->id); }
static int kinds_sem_rmid(const struct object *o) { return sysv_rmid(SYSV_SEM, o->id); }

const struct kind_desc kinds[OBJ_NKINDS] = {
	[OBJ_PIPE] = { .name = "pipe", .look = &look_chan, .a_word = N_("a pipe"),
		.dies_unheld = true, .fd_link = "pipe:[" },   /* with its last end */
	[OBJ_FIFO] = { .name = "fifo", .look = &look_chan, .a_word = N_("a FIFO"),
		.is_ours = kinds_fifo_ours, .unlink = kinds_path_unlink, .leftover = N_("FIFO"), .kept = true, .by_path = true },
	[OBJ_MSG] = { .name = "msg", .look = &look_msg, .a_word = N_("a System V message queue"),
		.is_ours = kinds_msg_ours, .unlink = kinds_msg_rmid, .leftover = N_("message queue id"), .kept = true, .by_id = true },
	[OBJ_MQ] = { .name = "mq", .look = &look_mq, .a_word = N_("a POSIX message queue"),
		.is_ours = kinds_mq_ours, .unlink = kinds_mq_unlink, .leftover = N_("POSIX queue"), .kept = true, .by_path = true },
	[OBJ_SHM] = { .name = "shm", .look = &look_shm, .a_word = N_("a System V shared memory segment"),
		.is_ours = kinds_shm_ours, .unlink = kinds_shm_rmid, .leftover = N_("shared memory id"), .kept = true, .by_id = true },
	[OBJ_PSHM] = { .name = "posix_shm", .look = &look_shm, .a_word = N_("a POSIX shared memory object"),
		.is_ours = kinds_pshm_ours, .unlink = kinds_pshm_unlink, .leftover = N_("POSIX shared memory"), .kept = true },
	[OBJ_MMAP] = { .name = "mmap", .look = &look_shm, .a_word = N_("a mapping"),
		.dies_unheld = true },          /* with its last mapping */
	[OBJ_SEM] = { .name = "sem", .look = &look_sem, .a_word = N_("a System V semaphore set"),
		.is_ours = kinds_sem_ours, .unlink = kinds_sem_rmid, .leftover = N_("semaphore set id"), .kept = true, .by_id = true },
	[OBJ_PSEM] = { .name = "posix_sem", .look = &look_sem, .a_word = N_("a POSIX named semaphore"),
		.is_ours = kinds_psem_ours, .unlink = kinds_psem_unlink, .leftover = N_("POSIX semaphore"), .kept = true },
	[OBJ_FILE] = { .name = "file", .look = &look_file, .a_word = N_("a file (mkfile)"),
		.is_ours = kinds_file_ours, .unlink = kinds_path_unlink, .leftover = N_("file"), .kept = true, .by_path = true },
	[OBJ_SOCK] = { .name = "socket", .look = &look_sock, .a_word = N_("a socket"), .fd_link = "socket:[",
		.is_ours = kinds_sock_ours, .unlink = kinds_path_unlink, .leftover = N_("socket file"), .kept = true,
		.dies_unnamed = true, .lingers = kinds_sock_lingers },
};

int kinds_check(void)
{
	for (int k = 0; k < OBJ_NKINDS; k++)
		if (!kinds[k].name || !kinds[k].look || !kinds[k].a_word ||
		    (kinds[k].kept && (!kinds[k].is_ours || !kinds[k].unlink || !kinds[k].leftover)))
			return k;
	return -1;
}
