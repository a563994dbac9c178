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
#include "mqq.h"
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

static int kinds_path_unlink(const struct object *o) { return unlink(o->path); }
static int kinds_mq_unlink(const struct object *o) { return mq_unlink(o->path); }
static int kinds_pshm_unlink(const struct object *o) { return devshm_unlink(DEVSHM_SHM, o->path); }
static int kinds_psem_unlink(const struct object *o) { return devshm_unlink(DEVSHM_SEM, o->path); }
static int kinds_msg_rmid(const struct object *o) { return sysv_rmid(SYSV_MSG, o->id); }
static int kinds_shm_rmid(const struct object *o) { return sysv_rmid(SYSV_SHM, o->id); }
static int kinds_sem_rmid(const struct object *o) { return sysv_rmid(SYSV_SEM, o->id); }

const struct kind_desc kinds[OBJ_NKINDS] = {
	[OBJ_PIPE] = { "pipe", FAM_CHAN, N_("a pipe"), false, true, NULL, NULL, NULL, false },
	[OBJ_FIFO] = { "fifo", FAM_CHAN, N_("a FIFO"), true, false, kinds_fifo_ours, kinds_path_unlink, N_("FIFO"), false },
	[OBJ_MSG] = { "msg", FAM_MSG, N_("a System V message queue"), true, false, kinds_msg_ours, kinds_msg_rmid, N_("message queue id"), true },
	[OBJ_MQ] = { "mq", FAM_MQ, N_("a POSIX message queue"), true, false, kinds_mq_ours, kinds_mq_unlink, N_("POSIX queue"), false },
	[OBJ_SHM] = { "shm", FAM_MEM, N_("a System V shared memory segment"), true, false, kinds_shm_ours, kinds_shm_rmid, N_("shared memory id"), true },
	[OBJ_PSHM] = { "posix_shm", FAM_MEM, N_("a POSIX shared memory object"), true, false, kinds_pshm_ours, kinds_pshm_unlink, N_("POSIX shared memory"), false },
	[OBJ_MMAP] = { "mmap", FAM_MEM, N_("a mapping"), false, true, NULL, NULL, NULL, false },
	[OBJ_SEM] = { "sem", FAM_MEM, N_("a System V semaphore set"), true, false, kinds_sem_ours, kinds_sem_rmid, N_("semaphore set id"), true },
	[OBJ_PSEM] = { "posix_sem", FAM_MEM, N_("a POSIX named semaphore"), true, false, kinds_psem_ours, kinds_psem_unlink, N_("POSIX semaphore"), false },
	[OBJ_FILE] = { "file", FAM_MEM, N_("a file (mkfile)"), true, false, kinds_file_ours, kinds_path_unlink, N_("file"), false },
};

int kinds_check(void)
{
	for (int k = 0; k < OBJ_NKINDS; k++)
		if (!kinds[k].name || kinds[k].family == FAM_NONE || !kinds[k].a_word || (kinds[k].kept && (!kinds[k].is_ours || !kinds[k].unlink || !kinds[k].leftover)))
			return k;
	return -1;
}
