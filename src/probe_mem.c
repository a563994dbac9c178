/* probe_mem.c: reads the kernel's truth about shared memory, mappings,
 * semaphores and files into struct world. Segments: shmctl IPC_STAT
 * (nattch, dest); where each actor has a region: /proc/PID/maps at the
 * address its call returned; the first bytes: process_vm_readv from an
 * actor that has the region (or the object's file in /dev/shm); System V
 * sets: GETALL, GETNCNT, GETZCNT, GETPID; POSIX semaphores: sem_getvalue;
 * files: their size and /proc/locks. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>
#include "devshm.h"
#include "world.h"

/* Where each of the actor's regions is in /proc/PID/maps, and with which
 * permissions. Its mappings change only through the calls it reports, so
 * maps is read once after each report, not at every look. */
static void probe_mem_actor_maps(struct actor *a)
{
	uint64_t key = a->gen + reg.gen + 1;
	if (a->maps_gen == key)
		return;
	a->maps_gen = key;
	for (size_t k = 0; k < a->nmaps; k++)
		a->maps[k].seen = false;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)a->pid);
	FILE *f = fopen(path, "re");
	char line[512];
	while (f && fgets(line, sizeof line, f)) {
		unsigned long long lo;
		char p[5];
		if (sscanf(line, "%llx-%*x %4s", &lo, p) != 2)
			continue;
		for (size_t k = 0; k < a->nmaps; k++)
			if (a->maps[k].addr == lo) {
				memcpy(a->maps[k].perms, p, 5);
				a->maps[k].seen = true;
			}
	}
	if (f)
		fclose(f);
}

static void probe_mem_add_map(struct w_object *wo, const struct actor *a, const struct attach *m)
{
	wo->maps = xrealloc(wo->maps, (wo->nmaps + 1) * sizeof *wo->maps);
	struct w_map *x = &wo->maps[wo->nmaps++];
	memset(x, 0, sizeof *x);
	x->a = a;
	x->addr = m->addr;
	x->len = m->len;
	x->ro = m->ro;
	x->seen = m->seen;
	memcpy(x->perms, m->perms, sizeof x->perms);
}

/* Is the region m of o? A POSIX object's are the mappings of it. */
static bool probe_mem_belongs(const struct object *o, const struct attach *m)
{
	if (!strcmp(m->obj, o->name))
		return true;
	const struct object *mo = o->kind == OBJ_PSHM ? reg_object(m->obj) : NULL;
	return mo && mo->kind == OBJ_MMAP && mo->path && !strcmp(mo->path, o->path);
}

/* A named semaphore an actor opens in its first sem_wait or sem_post is
 * known to ipcsh only when that call reports; while it still waits there,
 * /proc/PID/maps shows the mapping of /dev/shm/sem.NAME already. */
static void probe_mem_psem_unreported(struct w_object *wo, const struct actor *a)
{
	char want[PATH_MAX], path[64], line[PATH_MAX + 128];
	devshm_path(DEVSHM_SEM, wo->o->path, want, sizeof want);
	snprintf(path, sizeof path, "/proc/%d/maps", (int)a->pid);
	FILE *f = fopen(path, "re");
	while (f && fgets(line, sizeof line, f)) {
		unsigned long long lo, hi;
		char perms[5];
		int at = 0;
		if (sscanf(line, "%llx-%llx %4s %*s %*s %*s %n", &lo, &hi, perms, &at) != 3 || !at)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line + at, want) && (strncmp(line + at, want, strlen(want)) || strcmp(line + at + strlen(want), " (deleted)")))
			continue;
		struct attach m = { .addr = lo, .len = hi - lo, .seen = true };
		memcpy(m.perms, perms, sizeof m.perms);
		probe_mem_add_map(wo, a, &m);
		break;
	}
	if (f)
		fclose(f);
}

static void probe_mem_maps(const struct world *w, struct w_object *wo)
{
	for (size_t i = 0; i < w->nactors; i++) {
		struct actor *a = (struct actor *)w->actors[i].a;
		size_t before = wo->nmaps;
		if (a->life == LIFE_ALIVE && a->nmaps)
			probe_mem_actor_maps(a);
		for (size_t k = 0; a->life == LIFE_ALIVE && k < a->nmaps; k++)
			if (probe_mem_belongs(wo->o, &a->maps[k]))
				probe_mem_add_map(wo, a, &a->maps[k]);
		if (wo->nmaps == before && wo->o->kind == OBJ_PSEM && a->life == LIFE_ALIVE && a->in_flight &&
		    !strcmp(a->call.obj, wo->o->name))
			probe_mem_psem_unreported(wo, a);
	}
}

/* The first bytes, from the memory of an actor that has the region. */
static void probe_mem_head(struct w_object *wo)
{
	wo->nhead = -1;
	for (size_t i = 0; i < wo->nmaps && wo->nhead < 0; i++) {
		const struct w_map *m = &wo->maps[i];
		if (!m->seen)
			continue;
		size_t n = m->len < W_HEAD_MAX ? (size_t)m->len : W_HEAD_MAX;
		struct iovec local = { wo->head, n }, remote = { (void *)(uintptr_t)m->addr, n };
		ssize_t got = process_vm_readv(m->a->pid, &local, 1, &remote, 1, 0);
		if (got >= 0)
			wo->nhead = (int)got;
	}
	if (wo->nhead >= 0 || wo->o->kind != OBJ_PSHM || wo->o->unlinked)
		return;
	char path[PATH_MAX];
	int fd = open(devshm_path(DEVSHM_SHM, wo->o->path, path, sizeof path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t got = pread(fd, wo->head, W_HEAD_MAX, 0);
		wo->nhead = got < 0 ? -1 : (int)got;
		close(fd);
	}
}

static void probe_mem_region(const struct world *w, struct w_object *wo)
{
	const struct object *o = wo->o;
	wo->size = o->size;
	if (o->kind == OBJ_SHM) {
		if (shmseg_stat(o->id, &wo->ss) < 0)
			wo->removed = true;
		else
			wo->size = wo->ss.size;
	} else if (o->kind == OBJ_PSHM && !o->unlinked) {
		uint64_t dev, ino;
		int64_t size;
		if (devshm_id(DEVSHM_SHM, o->path, &dev, &ino, &size) == 0 && dev == o->dev && ino == o->ino)
			wo->size = size;
	}
	probe_mem_maps(w, wo);
	probe_mem_head(wo);
}

static void probe_mem_sem(const struct world *w, struct w_object *wo)
{
	const struct object *o = wo->o;
	wo->value = -1;
	if (o->kind == OBJ_SEM) {
		wo->nsems = semset_read(o->id, &wo->sems);
		if (wo->nsems < 0) {
			wo->nsems = 0;
			wo->removed = true;
		}
		return;
	}
	if (o->psem && sem_getvalue(o->psem, &wo->value) < 0)
		wo->value = -1;
	probe_mem_maps(w, wo);      /* the actors that have it open */
}

/* /proc/locks: "1: POSIX  ADVISORY  WRITE 123 08:01:456 0 EOF", and a
 * waiter's line "1: -> POSIX ...". Those on the file's inode. */
static void probe_mem_locks(struct w_object *wo)
{
	FILE *f = fopen("/proc/locks", "re");
	if (!f)
		return;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		char *p = strchr(line, ':');
		if (!p)
			continue;
		p++;
		bool waiting = strstr(p, "->") != NULL;
		if (waiting)
			p = strstr(p, "->") + 2;
		char kind[16], mode[16], rw[16], end[32];
		int pid;
		unsigned maj, min;
		unsigned long long ino, start;
		if (sscanf(p, "%15s %15s %15s %d %x:%x:%llu %llu %31s", kind, mode, rw, &pid, &maj, &min, &ino, &start, end) != 9)
			continue;
		if (makedev(maj, min) != wo->o->dev || ino != wo->o->ino)
			continue;
		wo->locks = xrealloc(wo->locks, (wo->nlocks + 1) * sizeof *wo->locks);
		struct w_lock *l = &wo->locks[wo->nlocks++];
		memset(l, 0, sizeof *l);
		l->pid = pid;
		l->a = pid > 0 ? reg_actor_by_pid(pid) : NULL;
		snprintf(l->kind, sizeof l->kind, "%s", !strcmp(kind, "FLOCK") ? "flock" : !strcmp(kind, "OFDLCK") ? "ofd" : "posix");
		snprintf(l->type, sizeof l->type, "%s", !strcmp(rw, "WRITE") ? "w" : "r");
		l->start = (int64_t)start;
		l->len = strcmp(end, "EOF") ? strtoll(end, NULL, 10) - (int64_t)start + 1 : 0;
		l->waiting = waiting;
	}
	fclose(f);
}

/* Held locks before waiting ones, then by where they start: /proc/locks
 * lists them in an order that depends on the CPU that took them. */
static int probe_mem_lock_cmp(const void *x, const void *y)
{
	const struct w_lock *a = x, *b = y;
	if (a->waiting != b->waiting)
		return a->waiting ? 1 : -1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static void probe_mem_file(struct w_object *wo)
{
	struct stat st;
	wo->size = -1;
	if (lstat(wo->o->path, &st) == 0 && st.st_ino == wo->o->ino && st.st_dev == wo->o->dev)
		wo->size = st.st_size;
	probe_mem_locks(wo);
	if (wo->nlocks > 1)
		qsort(wo->locks, wo->nlocks, sizeof *wo->locks, probe_mem_lock_cmp);
}

void probe_mem_object(struct world *w, struct w_object *wo)
{
	wo->bytes = wo->capacity = -1;
	wo->nhead = -1;
	switch (wo->o->kind) {
	case OBJ_SHM:
	case OBJ_PSHM:
	case OBJ_MMAP: probe_mem_region(w, wo); break;
	case OBJ_SEM:
	case OBJ_PSEM: probe_mem_sem(w, wo); break;
	case OBJ_FILE: probe_mem_file(wo); break;
	default: break;
	}
}

void probe_mem_free(struct w_object *wo)
{
	free(wo->maps);
	free(wo->sems);
	free(wo->locks);
}
