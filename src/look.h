/* look.h: how each family of objects is looked at -- read from the kernel
 * into the snapshot (world.h), written as a line of text (show), as JSON
 * (show --json) and as the live view's rows. One struct look a family, in
 * its own file (look_chan.c, look_msg.c, look_mq.c, look_shm.c,
 * look_sem.c, look_file.c); each kind's row in kinds.c points at its
 * family's, so the probe and the views call it without knowing which it
 * is. What the families share is look.c's. */
#ifndef IPCSH_LOOK_H
#define IPCSH_LOOK_H

#include <stdbool.h>
#include "tui_panels.h"
#include "world.h"

struct json;

struct look {
	/* fill wo from the kernel (wo->o set, its holders found) */
	void (*probe)(struct world *w, struct w_object *wo);
	/* one line (detail: show NAME, everything) */
	void (*text)(const struct world *w, const struct w_object *wo, bool detail);
	/* its fields in show --json, after "kind" and "name" */
	void (*json)(struct json *j, const struct world *w, const struct w_object *wo);
};

extern const struct look look_chan, look_msg, look_mq, look_shm, look_sem, look_file, look_sock;

/* The live view's panels of the families (rows of tui_panels[]). */
void look_chan_panel(const struct world *w, const char *pick, struct tui_rows *rows);
void look_msg_panel(const struct world *w, const char *pick, struct tui_rows *rows);
void look_mq_panel(const struct world *w, const char *pick, struct tui_rows *rows);
void look_shm_panel(const struct world *w, const char *pick, struct tui_rows *rows);
void look_sem_panel(const struct world *w, const char *pick, struct tui_rows *rows);
void look_file_panel(const struct world *w, const char *pick, struct tui_rows *rows);
void look_sock_panel(const struct world *w, const char *pick, struct tui_rows *rows);

/* ---- shared by the families (look.c) ---- */

#define LOOK_MSGS_SHOWN 8   /* messages of a queue in a short view */

/* A copy of a holder's descriptor, taken with pidfd_getfd from an actor
 * that is not running a call, or -1; the caller closes it at once. */
int look_borrow(const struct w_object *wo);
/* " A(fd 3) pid 77(fd 4, outside)": who holds the ends with letter dir
 * ('r', 'w'; 0: every end), or " none". */
void look_holders(struct buf *b, const struct w_object *wo, char dir);
void look_holders_json(struct json *j, const struct w_object *wo);
void look_int_or_null(struct json *j, const char *key, int64_t v);
/* id, key, owned and removed of a System V object (key: as it is now). */
void look_sysv_json(struct json *j, const struct w_object *wo, int key);
/* owned and unlinked of a POSIX object. */
void look_flags_json(struct json *j, const struct object *o);
/* Who in the session has wo attached, mapped or open (/proc/PID/maps). */
void look_maps(const struct world *w, struct w_object *wo);
void look_maps_text(struct buf *b, const struct w_object *wo);
void look_maps_json(struct json *j, const char *key, const struct w_object *wo);
/* ", asleep: A B" for the actors asleep on wo (idx >= 0: on that
 * semaphore of a set), and the same as the JSON list "waiting". */
void look_sleepers(struct buf *b, const struct world *w, const struct w_object *wo, int idx);
void look_waiting_json(struct json *j, const struct world *w, const struct w_object *wo, int idx);
/* A queue's message as a live-view row, and "... and N more". */
void look_panel_message(struct tui_rows *rows, size_t i, const char *what, long n, const char *text, size_t len);
void look_panel_more(struct tui_rows *rows, size_t shown, size_t all, const char *name);

#endif
