/* tui_keys.c: the live view's keys as byte sequences: terminfo's name
 * for each key and what xterm-like terminals send, and which key a
 * sequence read from the terminal starts with. What a key does is the
 * view's (tui.c); the line editor binds them (tui_line.c). */
#include "config.h"
#include <string.h>
#include <curses.h>
#include <term.h>
#include "tui_keys.h"

const struct tui_keyseq tui_keyseqs[] = {
	{ "kf1", { "\033OP", "\033[11~" }, TUI_KEY_HELP },
	{ "kf2", { "\033OQ", "\033[12~" }, TUI_KEY_FOCUS },
	{ "kpp", { "\033[5~", NULL }, TUI_KEY_PGUP },
	{ "knp", { "\033[6~", NULL }, TUI_KEY_PGDN },
	{ NULL, { "\014", NULL }, TUI_KEY_REDRAW },
};
const int tui_nkeyseqs = (int)(sizeof tui_keyseqs / sizeof tui_keyseqs[0]);

static size_t tui_keys_prefix(const char *seq, const char *s, size_t n)
{
	size_t len = seq ? strlen(seq) : 0;
	return len && len <= n && !memcmp(seq, s, len) ? len : 0;
}

size_t tui_keys_match(const char *s, size_t n, enum tui_key *k)
{
	for (int i = 0; i < tui_nkeyseqs; i++) {
		const struct tui_keyseq *ks = &tui_keyseqs[i];
		const char *cap = ks->capname ? tigetstr(ks->capname) : NULL;
		size_t len = cap && cap != (char *)-1 ? tui_keys_prefix(cap, s, n) : 0;
		for (int j = 0; j < 2 && !len; j++)
			len = tui_keys_prefix(ks->seqs[j], s, n);
		if (len) {
			*k = ks->key;
			return len;
		}
	}
	return 0;
}
