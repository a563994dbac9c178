/* tui_panels.h: the live view's panels, one per kind of thing, each built
 * by its own function from the snapshot into rows of text (tui_text.h). */
#ifndef IPCSH_TUI_PANELS_H
#define IPCSH_TUI_PANELS_H
#include "tui_text.h"
#include "world.h"

struct tui_panel {
	const char *title;            /* N_(): translated when drawn */
	unsigned kinds;               /* objects it shows (1 << kind); 0: actors */
	void (*build)(const struct world *w, const char *pick, struct tui_rows *rows);
	int (*count)(const struct world *w);  /* how many it shows; NULL: by kinds */
	bool always;                  /* on screen even when empty (actors) */
	bool bare;                    /* its title has no count (lesson, demo) */
};

extern const struct tui_panel tui_panels[];
extern const int tui_npanels;

/* How many actors or objects panel p has in w. */
int tui_panel_count(const struct tui_panel *p, const struct world *w);
/* Is panel p on screen (watch: --watch, which has no actors)? */
bool tui_panel_shown(const struct tui_panel *p, const struct world *w, bool watch);

/* The first row of an object: its name, marked when it is the pick. */
const char *tui_panel_name(const char *name, const char *pick, char *buf, size_t size);

#endif
