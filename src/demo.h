/* demo.h: ipcsh --demo FILE, a script stepped through in the live view
 * one key a command, for a class. */
#ifndef IPCSH_DEMO_H
#define IPCSH_DEMO_H

struct demo_step {
	char *caption;                 /* the comments before it, or NULL */
	char *cmd;
	int line;
};

/* FILE, or the name of a shipped demo: 0 when the demo runs (keys then
 * come through the loop), or the exit status 2 after saying why. */
int demo_start(const char *file);
void demo_stop(void);
/* The step the next key runs (NULL at the end), its index and the count;
 * NULL and nothing set when no demo runs. */
const struct demo_step *demo_current(int *next, int *n);

#endif
