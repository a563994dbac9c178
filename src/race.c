/* race.c: the race lab's verdict. Adds sent while another add on the same
 * int is still running form a round; when the round's last add has
 * reported, the value in memory (read from an actor that has the region,
 * with process_vm_readv: every adder has stored its last by then) is
 * printed against the value that no lost update would give. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include "out.h"
#include "race.h"
#include "registry.h"
#include "util.h"

/* The int at off in o, from the memory of a live actor that has it. */
static bool race_read(const struct object *o, int64_t off, int64_t *v)
{
	for (size_t i = 0; i < reg.nactors; i++) {
		const struct actor *a = reg.actors[i];
		for (size_t k = 0; a->life == LIFE_ALIVE && k < a->nmaps; k++) {
			const struct attach *m = &a->maps[k];
			int32_t x;
			struct iovec local = { &x, sizeof x }, remote = { (void *)(uintptr_t)(m->addr + (uint64_t)off), sizeof x };
			if (strcmp(m->obj, o->name) || (uint64_t)off + sizeof x > m->len)
				continue;
			if (process_vm_readv(a->pid, &local, 1, &remote, 1, 0) == (ssize_t)sizeof x) {
				*v = x;
				return true;
			}
		}
	}
	return false;
}

void race_begin(struct object *o, int64_t off, int64_t count, bool locked)
{
	if (!o)
		return;
	if (!o->race)
		o->race = xcalloc(1, sizeof *o->race);
	struct race *r = o->race;
	if (r->running == 0 || r->off != off) {
		*r = (struct race){ .off = off, .base = INT64_MAX, .locked = true };
	}
	r->running++;
	r->started++;
	r->count += count;
	r->locked &= locked;
}

static void race_verdict(const struct object *o, const struct race *r, int64_t end)
{
	int64_t expect = r->base + r->made;
	int64_t lost = expect - end;
	out_printf(_("  %s+%lld: %d adds ran at the same time, %lld increments in all from %lld: expected %lld, memory holds %lld"),
		   o->name, (long long)r->off, r->started, (long long)r->made, (long long)r->base, (long long)expect,
		   (long long)end);
	if (o->kind == OBJ_MMAP && !o->shared)
		out_printf(_("     (a private mapping: each actor added to its own copy-on-write page, so these numbers do not add up)"));
	else if (lost > 0)
		out_printf(_("     %lld updates lost (%.1f%%): two actors loaded the same value, both added 1, and the second store overwrote the first"),
			   (long long)lost, 100.0 * (double)lost / (double)r->made);
	else if (lost == 0)
		out_printf(r->locked ? _("     none lost: the semaphore let only one actor at a time between its load and its store")
				     : _("     none lost this time: the adds did not overlap (start them together with &, then settle)"));
	else
		out_printf(_("     more than expected: something else stored to that int meanwhile"));
}

void race_end(struct object *o, int64_t off, int64_t start, int64_t made, int64_t end)
{
	struct race *r = o->race;
	if (!r || r->off != off || r->running == 0)
		return;
	if (start < r->base)
		r->base = start;
	r->made += made;
	if (--r->running == 0 && r->started > 1) {
		if (o->kind != OBJ_MMAP || o->shared)   /* one int for all: read it now */
			race_read(o, off, &end);
		race_verdict(o, r, end);
	}
}
