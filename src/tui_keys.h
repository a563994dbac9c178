/* tui_keys.h: what the live view's keys do (tui.c), called from the key
 * bindings in the line editor (tui_line.c) and from --watch. */
#ifndef IPCSH_TUI_KEYS_H
#define IPCSH_TUI_KEYS_H
#include <stdbool.h>

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
/* Do what key k does: F1 (and "?" on an empty line) help, F2 the next
 * panel then the log, PgUp/PgDn scroll what has the focus, Ctrl-L redraw. */
void tui_keys_do(enum tui_key k);
/* The key whose sequence starts s (n bytes): its length, and *k; or 0. */
size_t tui_keys_match(const char *s, size_t n, enum tui_key *k);

/* Completion candidates to show until the next key. */
void tui_keys_matches(char **matches, int n);
/* Before each key: close the candidates; true when it closed help (the
 * key does nothing else). */
bool tui_keys_dismiss(void);

#endif
