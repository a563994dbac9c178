/* look_shm.c: System V segments, POSIX shared memory objects and
 * mappings looked at: shmctl IPC_STAT (nattch, dest), the size of the
 * object in /dev/shm, where each actor has it (/proc/PID/maps at the
 * address its call returned) and its first bytes (process_vm_readv from an
 * actor that has it, or the object's file); as text, as JSON and as the
 * live view's rows. */
#include "config.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include "devshm.h"
#include "json.h"
#include "look.h"
#include "out.h"
#include "sysv.h"

/* The first bytes, from the memory of an actor that has the region. */
static void look_shm_head(struct w_object *wo)
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

static void look_shm_probe(struct world *w, struct w_object *wo)
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
	look_maps(w, wo);
	look_shm_head(wo);
}

static void look_shm_hex(struct buf *b, const struct w_object *wo)
{
	for (int i = 0; i < wo->nhead; i++)
		buf_printf(b, " %02x", wo->head[i]);
	buf_printf(b, "%*s  ", 3 * (W_HEAD_MAX - wo->nhead), "");
	for (int i = 0; i < wo->nhead; i++)
		buf_printf(b, "%c", wo->head[i] >= 0x20 && wo->head[i] < 0x7f ? wo->head[i] : '.');
}

static void look_shm_head_text(const struct w_object *wo)
{
	if (wo->nhead <= 0)
		return;
	struct buf b = {0};
	buf_adds(&b, "       0000 ");
	look_shm_hex(&b, wo);
	out_printf("%s", b.s);
	buf_free(&b);
}

static void look_shm_sysv_text(struct buf *b, const struct w_object *wo)
{
	const struct object *o = wo->o;
	char kb[16];
	buf_printf(b, _(" id %d"), o->id);
	if (wo->removed) {
		buf_adds(b, _("   gone: the kernel freed it"));
		return;
	}
	buf_printf(b, _("  key %s  %lld bytes  nattch %lld"), sysv_key_str(wo->ss.key, kb, sizeof kb), (long long)wo->size,
		   (long long)wo->ss.nattch);
	if (wo->ss.dest)
		buf_adds(b, _("  dest (removed; freed at the last detach)"));
	else if (!o->owned)
		buf_adds(b, _("  (made by another program, never removed by ipcsh)"));
	buf_adds(b, _("   attached:"));
	look_maps_text(b, wo);
}

static void look_shm_region_text(struct buf *b, const struct w_object *wo)
{
	const struct object *o = wo->o;
	if (o->kind == OBJ_MMAP)
		buf_printf(b, _(" %s %s, %lld bytes at offset %lld"), o->path, o->shared ? "MAP_SHARED" : "MAP_PRIVATE",
			   (long long)o->size, (long long)o->offset);
	else
		buf_printf(b, _(" %lld bytes"), (long long)wo->size);
	buf_adds(b, _("   mapped:"));
	look_maps_text(b, wo);
	if (o->unlinked)
		buf_adds(b, _("   (name removed: the memory lives while mapped)"));
}

static void look_shm_text(const struct world *w, const struct w_object *wo, bool detail)
{
	(void)w;
	struct buf b = {0};
	const struct object *o = wo->o;
	buf_printf(&b, "  %-4s %-10s", reg_kind_name(o->kind), o->name);
	if (o->kind == OBJ_SHM)
		look_shm_sysv_text(&b, wo);
	else
		look_shm_region_text(&b, wo);
	out_printf("%s", b.s);
	buf_free(&b);
	if (detail)
		look_shm_head_text(wo);
}

static void look_shm_head_json(struct json *j, const struct w_object *wo)
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

static void look_shm_sysv_json(struct json *j, const struct w_object *wo)
{
	look_sysv_json(j, wo, wo->removed ? wo->o->key : wo->ss.key);
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
	look_maps_json(j, "attached", wo);
	look_shm_head_json(j, wo);
}

static void look_shm_json(struct json *j, const struct world *w, const struct w_object *wo)
{
	(void)w;
	const struct object *o = wo->o;
	if (o->kind == OBJ_SHM) {
		look_shm_sysv_json(j, wo);
		return;
	}
	if (o->kind == OBJ_PSHM) {
		json_kstr(j, "path", o->path);
		look_flags_json(j, o);
		json_kint(j, "size", wo->size);
	} else {
		json_kstr(j, "source", o->path);
		json_key(j, "shared");
		json_bool(j, o->shared);
		json_kint(j, "len", o->size);
		json_kint(j, "offset", o->offset);
	}
	look_maps_json(j, "mapped", wo);
	look_shm_head_json(j, wo);
}

static void look_shm_maps_row(struct tui_rows *rows, const struct w_object *wo)
{
	struct buf b = {0};
	buf_adds(&b, _("   attached:"));
	for (size_t i = 0; i < wo->nmaps; i++) {
		const struct w_map *m = &wo->maps[i];
		buf_printf(&b, " %s@0x%llx(%s)", m->a->name, (unsigned long long)m->addr, m->seen ? m->perms : "?");
	}
	if (!wo->nmaps)
		buf_adds(&b, " -");
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

static void look_shm_head_row(struct tui_rows *rows, const struct w_object *wo)
{
	if (wo->nhead <= 0)
		return;
	struct buf b = {0};
	buf_adds(&b, "  ");
	look_shm_hex(&b, wo);
	tui_rows_add(rows, "%s", b.s);
	buf_free(&b);
}

static void look_shm_row(const struct w_object *wo, const char *pick, struct tui_rows *rows)
{
	char nb[64], kb[16];
	const struct object *o = wo->o;
	const char *name = tui_panel_name(o->name, pick, nb, sizeof nb);
	if (o->kind == OBJ_SHM && wo->removed) {
		tui_rows_add(rows, _("%s shm  id %d  gone: the kernel freed it"), name, o->id);
		return;
	}
	if (o->kind == OBJ_SHM)
		tui_rows_add(rows, _("%s shm  id %d  key %s  %lld bytes  nattch %lld%s"), name, o->id,
			     sysv_key_str(wo->ss.key, kb, sizeof kb), (long long)wo->size, (long long)wo->ss.nattch,
			     wo->ss.dest ? _("  dest: freed at the last detach") : "");
	else if (o->kind == OBJ_PSHM)
		tui_rows_add(rows, _("%s pshm %s  %lld bytes%s"), name, o->path, (long long)wo->size,
			     o->unlinked ? _("  (unlinked)") : "");
	else
		tui_rows_add(rows, _("%s mmap %s  %s  %lld bytes at offset %lld"), name, o->path,
			     o->shared ? "MAP_SHARED" : "MAP_PRIVATE", (long long)o->size, (long long)o->offset);
	look_shm_maps_row(rows, wo);
	look_shm_head_row(rows, wo);
}

void look_shm_panel(const struct world *w, const char *pick, struct tui_rows *rows)
{
	for (size_t i = 0; i < w->nobjs; i++) {
		enum obj_kind k = w->objs[i].o->kind;
		if (k == OBJ_SHM || k == OBJ_PSHM || k == OBJ_MMAP)
			look_shm_row(&w->objs[i], pick, rows);
	}
}

const struct look look_shm = { look_shm_probe, look_shm_text, look_shm_json };
