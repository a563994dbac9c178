/* tui_keys.h: the live view's keys (tui_keys.c): their byte sequences and
 * which one a read starts with. What each does is tui.c's (tui.h). */
#ifndef IPCSH_TUI_KEYS_H
#define IPCSH_TUI_KEYS_H
#include <stddef.h>

enum tui_key { TUI_KEY_HELP, TUI_KEY_FOCUS, TUI_KEY_PGUP, TUI_KEY_PGDN, TUI_KEY_REDRAW, TUI_NKEYS };

/* The byte sequences of the view's keys: terminfo's name for the key and
 * what xterm-like terminals send. */
struct tui_keyseq {
	const char *capname;
	const char *seqs[2];
	enum tui_key key;
};
extern const struct tui_keyseq tui_keyseqs[];
extern const int tui_nkeyseqs;
/* The key whose sequence starts s (n bytes): its length, and *k; or 0. */
size_t tui_keys_match(const char *s, size_t n, enum tui_key *k);

#endif
