/* world_mem.c: show --json for shared memory, mappings, semaphores and
 * files (SPEC section 5: shm, posix_shm, mmap, sem, posix_sem, file), and
 * the System V fields and the sleepers that world.c and view_mem.c ask
 * about. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "world.h"

/* id, key, owned and removed of a System V object (world.c's queues use
 * it too: kept here, so that world.c calls this file and not back). */
void world_sysv_json(struct json *j, const struct w_object *wo, int key)
{
	json_kint(j, "id", wo->o->id);
	json_kint(j, "key", (int64_t)(uint32_t)key);
	json_key(j, "owned");
	json_bool(j, wo->o->owned);
	json_key(j, "removed");
	json_bool(j, wo->removed);
}

bool world_waits_on(const struct world *w, const struct w_actor *wa, const struct w_object *wo, int idx)
{
	return wa->wait_oi == (int)(wo - w->objs) && (idx < 0 || wa->wait_idx == idx);
}

const struct w_actor *world_actor_by_pid(const struct world *w, int pid)
{
	for (size_t i = 0; pid > 0 && i < w->nactors; i++)
		if (w->actors[i].a->pid == pid)
			return &w->actors[i];
	return NULL;
}

static void world_mem_hex(struct json *j, const char *key, uint64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
	json_kstr(j, key, b);
}

static void world_mem_maps(struct json *j, const char *key, const struct w_object *wo)
{
	json_key(j, key);
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nmaps; i++) {
		const struct w_map *m = &wo->maps[i];
		json_obj_begin(j);
		json_kstr(j, "actor", m->a->name);
		world_mem_hex(j, "addr", m->addr);
		json_kint(j, "len", (int64_t)m->len);
		json_key(j, "ro");
		json_bool(j, m->ro);
		json_kstr_or_null(j, "perms", m->seen ? m->perms : NULL);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void world_mem_head(struct json *j, const struct w_object *wo)
{
	json_key(j, "head");
	if (wo->nhead < 0) {
		json_null(j);
		return;
	}
	char hex[W_HEAD_MAX * 2 + 1] = "";
	for (int i = 0; i < wo->nhead; i++)
		snprintf(hex + 2 * i, 3, "%02x", wo->head[i]);
	json_str(j, hex);
}

static void world_mem_flags(struct json *j, const struct object *o)
{
	json_key(j, "owned");
	json_bool(j, o->owned);
	json_key(j, "unlinked");
	json_bool(j, o->unlinked);
}

static void world_mem_shm(struct json *j, const struct w_object *wo)
{
	world_sysv_json(j, wo, wo->removed ? wo->o->key : wo->ss.key);
	json_kint(j, "size", wo->size);
	if (!wo->removed) {
		char mode[8];
		snprintf(mode, sizeof mode, "0%03o", wo->ss.mode);
		json_kstr(j, "perm", mode);
		json_kint(j, "nattch", wo->ss.nattch);
		json_key(j, "dest");
		json_bool(j, wo->ss.dest);
		json_kint(j, "cpid", wo->ss.cpid);
		json_kint(j, "lpid", wo->ss.lpid);
	}
	world_mem_maps(j, "attached", wo);
	world_mem_head(j, wo);
}

/* The actors asleep in a call on this object (idx >= 0: on that
 * semaphore of a set). */
static void world_mem_waiting(struct json *j, const struct world *w, const struct w_object *wo, int idx)
{
	json_key(j, "waiting");
	json_arr_begin(j);
	for (size_t i = 0; i < w->nactors; i++)
		if (world_waits_on(w, &w->actors[i], wo, idx))
			json_str(j, w->actors[i].a->name);
	json_arr_end(j);
}

static void world_mem_sem(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	world_sysv_json(j, wo, o->key);
	json_key(j, "sems");
	json_arr_begin(j);
	for (int i = 0; i < wo->nsems; i++) {
		const struct semset_val *v = &wo->sems[i];
		json_obj_begin(j);
		json_kint(j, "val", v->val);
		json_kint(j, "ncnt", v->ncnt);
		json_kint(j, "zcnt", v->zcnt);
		json_kint(j, "pid", v->pid);
		json_kint(j, "p", i < o->nsems ? o->pcount[i] : 0);
		json_kint(j, "v", i < o->nsems ? o->vcount[i] : 0);
		world_mem_waiting(j, w, wo, i);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void world_mem_psem(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_kstr(j, "path", o->path);
	world_mem_flags(j, o);
	json_key(j, "value");
	if (wo->value < 0)
		json_null(j);
	else
		json_int(j, wo->value);
	json_kint(j, "p", o->pcount[0]);
	json_kint(j, "v", o->vcount[0]);
	world_mem_maps(j, "open_in", wo);
	world_mem_waiting(j, w, wo, -1);
}

static void world_mem_file(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	json_kstr(j, "path", o->path);
	json_key(j, "owned");
	json_bool(j, o->owned);
	json_kint(j, "size", wo->size);
	json_key(j, "locks");
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nlocks; i++) {
		const struct w_lock *l = &wo->locks[i];
		json_obj_begin(j);
		json_kstr_or_null(j, "actor", l->a ? l->a->name : NULL);
		json_kint(j, "pid", l->pid);
		json_kstr(j, "kind", l->kind);
		json_kstr(j, "type", l->type);
		json_kint(j, "start", l->start);
		json_kint(j, "len", l->len);
		json_key(j, "waiting");
		json_bool(j, l->waiting);
		json_obj_end(j);
	}
	json_arr_end(j);
	world_mem_waiting(j, w, wo, -1);
}

void world_mem_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	const struct object *o = wo->o;
	switch (o->kind) {
	case OBJ_SHM:
		world_mem_shm(j, wo);
		break;
	case OBJ_PSHM:
		json_kstr(j, "path", o->path);
		world_mem_flags(j, o);
		json_kint(j, "size", wo->size);
		world_mem_maps(j, "mapped", wo);
		world_mem_head(j, wo);
		break;
	case OBJ_MMAP:
		json_kstr(j, "source", o->path);
		json_key(j, "shared");
		json_bool(j, o->shared);
		json_kint(j, "len", o->size);
		json_kint(j, "offset", o->offset);
		world_mem_maps(j, "mapped", wo);
		world_mem_head(j, wo);
		break;
	case OBJ_SEM: world_mem_sem(j, w, wo); break;
	case OBJ_PSEM: world_mem_psem(j, w, wo); break;
	case OBJ_FILE: world_mem_file(j, w, wo); break;
	default: break;
	}
}
