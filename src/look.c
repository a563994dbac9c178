/* look.c: what the families' looks (look.h) share: a descriptor borrowed
 * from a holder, who holds an object (text and JSON), who has it mapped
 * (/proc/PID/maps, text and JSON), who sleeps on it, the System V fields,
 * and the message rows of both kinds of queue in the live view. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "devshm.h"
#include "json.h"
#include "kproc.h"
#include "look.h"

/* A copy of a holder's descriptor, taken with pidfd_getfd from an actor
 * that is not running a call (it cannot close its end while we look), or
 * -1. The caller closes it at once. */
int look_borrow(const struct w_object *wo)
{
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		if (!h->a || h->fd < 0 || h->a->pidfd < 0 || h->a->life != LIFE_ALIVE || h->a->kick_us)
			continue;         /* outside, ending, or a signal on its way */
		if (h->a->in_flight && !h->a->call.blocked)
			continue;         /* running a call: it may close the end */
		int fd = (int)syscall(SYS_pidfd_getfd, h->a->pidfd, h->fd, 0);
		if (fd >= 0)
			return fd;
	}
	return -1;
}

void look_holders(struct buf *b, const struct w_object *wo, char dir)
{
	bool any = false;
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		if (dir && !strchr(h->end, dir))
			continue;
		if (h->a && h->fd < 0)
			buf_printf(b, _(" %s(asleep in open)"), h->a->name);
		else if (h->a)
			buf_printf(b, " %s(fd %d)", h->a->name, h->fd);
		else
			buf_printf(b, _(" pid %d(fd %d, outside)"), h->pid, h->fd);
		any = true;
	}
	if (!any)
		buf_adds(b, _(" none"));
}

void look_holders_json(struct json *j, const struct w_object *wo)
{
	json_key(j, "holders");
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nholders; i++) {
		const struct w_holder *h = &wo->holders[i];
		json_obj_begin(j);
		json_kstr_or_null(j, "actor", h->a ? h->a->name : NULL);
		json_kint(j, "pid", h->pid);
		json_key(j, "fd");          /* null: asleep in open(2), no descriptor yet */
		if (h->fd >= 0)
			json_int(j, h->fd);
		else
			json_null(j);
		json_kstr(j, "end", h->end);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void look_int_or_null(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_int(j, v);
}

void look_sysv_json(struct json *j, const struct w_object *wo, int key)
{
	json_kint(j, "id", wo->o->id);
	json_kint(j, "key", (int64_t)(uint32_t)key);
	json_key(j, "owned");
	json_bool(j, wo->o->owned);
	json_key(j, "removed");
	json_bool(j, wo->removed);
}

void look_flags_json(struct json *j, const struct object *o)
{
	json_key(j, "owned");
	json_bool(j, o->owned);
	json_key(j, "unlinked");
	json_bool(j, o->unlinked);
}

/* Where each of the actor's regions is in /proc/PID/maps, and with which
 * permissions. Its mappings change only through the calls it reports, so
 * maps is read once after each report, not at every look. */
static void look_maps_of_actor(struct actor *a)
{
	uint64_t key = a->gen + reg.gen + 1;
	if (a->maps_gen == key)
		return;
	a->maps_gen = key;
	for (size_t k = 0; k < a->nmaps; k++)
		a->maps[k].seen = false;
	struct kproc_map *km;
	size_t n;
	if (kproc_maps(a->pid, &km, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < a->nmaps; k++)
			if (a->maps[k].addr == km[i].lo) {
				memcpy(a->maps[k].perms, km[i].perms, sizeof a->maps[k].perms);
				a->maps[k].seen = true;
			}
	kproc_maps_free(km, n);
}

static void look_maps_add(struct w_object *wo, const struct actor *a, const struct attach *m)
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
static bool look_maps_belong(const struct object *o, const struct attach *m)
{
	if (!strcmp(m->obj, o->name))
		return true;
	const struct object *mo = o->kind == OBJ_PSHM ? reg_object(m->obj) : NULL;
	return mo && mo->kind == OBJ_MMAP && mo->path && !strcmp(mo->path, o->path);
}

/* A named semaphore an actor opens in its first sem_wait or sem_post is
 * known to ipcsh only when that call reports; while it still waits there,
 * /proc/PID/maps shows the mapping of /dev/shm/sem.NAME already. */
static void look_maps_psem_unreported(struct w_object *wo, const struct actor *a)
{
	char want[PATH_MAX];
	devshm_path(DEVSHM_SEM, wo->o->path, want, sizeof want);
	struct kproc_map *km;
	size_t n;
	if (kproc_maps(a->pid, &km, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(km[i].path, want))
			continue;
		struct attach m = { .addr = km[i].lo, .len = km[i].hi - km[i].lo, .seen = true };
		memcpy(m.perms, km[i].perms, sizeof m.perms);
		look_maps_add(wo, a, &m);
		break;
	}
	kproc_maps_free(km, n);
}

void look_maps(const struct world *w, struct w_object *wo)
{
	for (size_t i = 0; i < w->nactors; i++) {
		struct actor *a = (struct actor *)w->actors[i].a;
		size_t before = wo->nmaps;
		if (a->life == LIFE_ALIVE && a->nmaps)
			look_maps_of_actor(a);
		for (size_t k = 0; a->life == LIFE_ALIVE && k < a->nmaps; k++)
			if (look_maps_belong(wo->o, &a->maps[k]))
				look_maps_add(wo, a, &a->maps[k]);
		if (wo->nmaps == before && wo->o->kind == OBJ_PSEM && a->life == LIFE_ALIVE && a->in_flight &&
		    !strcmp(a->call.obj, wo->o->name))
			look_maps_psem_unreported(wo, a);
	}
}

void look_maps_text(struct buf *b, const struct w_object *wo)
{
	for (size_t i = 0; i < wo->nmaps; i++) {
		const struct w_map *m = &wo->maps[i];
		buf_printf(b, " %s@0x%llx", m->a->name, (unsigned long long)m->addr);
		if (m->seen)
			buf_printf(b, "(%s)", m->perms);
		else
			buf_adds(b, _("(not in /proc/PID/maps)"));
	}
	if (!wo->nmaps)
		buf_adds(b, _(" nobody in the session"));
}

static void look_hex_json(struct json *j, const char *key, uint64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
	json_kstr(j, key, b);
}

void look_maps_json(struct json *j, const char *key, const struct w_object *wo)
{
	json_key(j, key);
	json_arr_begin(j);
	for (size_t i = 0; i < wo->nmaps; i++) {
		const struct w_map *m = &wo->maps[i];
		json_obj_begin(j);
		json_kstr(j, "actor", m->a->name);
		look_hex_json(j, "addr", m->addr);
		json_kint(j, "len", (int64_t)m->len);
		json_key(j, "ro");
		json_bool(j, m->ro);
		json_kstr_or_null(j, "perms", m->seen ? m->perms : NULL);
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* The actors asleep in a call on o (idx >= 0: on that semaphore). */
void look_sleepers(struct buf *b, const struct world *w, const struct w_object *wo, int idx)
{
	bool any = false;
	for (size_t i = 0; i < w->nactors; i++) {
		if (!world_waits_on(w, &w->actors[i], wo, idx))
			continue;
		buf_printf(b, "%s%s", any ? " " : _(", asleep: "), w->actors[i].a->name);
		any = true;
	}
}

/* The actors asleep in a call on this object (idx >= 0: on that
 * semaphore of a set). */
void look_waiting_json(struct json *j, const struct world *w, const struct w_object *wo, int idx)
{
	json_key(j, "waiting");
	json_arr_begin(j);
	for (size_t i = 0; i < w->nactors; i++)
		if (world_waits_on(w, &w->actors[i], wo, idx))
			json_str(j, w->actors[i].a->name);
	json_arr_end(j);
}

void look_panel_message(struct tui_rows *rows, size_t i, const char *what, long n, const char *text, size_t len)
{
	struct buf b = {0};
	buf_printf(&b, "   %zu. %s %ld, %zu B ", i + 1, what, n, len);
	buf_add_quoted(&b, text, len, 48);
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

void look_panel_more(struct tui_rows *rows, size_t shown, size_t all, const char *name)
{
	if (all > shown)
		tui_rows_add(rows, _("   ... and %zu more (show %s lists them all)"), all - shown, name);
}
