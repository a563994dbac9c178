/* line.h: the interactive line editor (GNU readline in callback mode) and
 * the script reader, both feeding cmd_run_line from the poll loop. */
#ifndef IPCSH_LINE_H
#define IPCSH_LINE_H
#include <stdbool.h>

void line_interactive_start(void);
/* The same inside the live view (tui_start first). */
void line_live_start(void);
void line_interactive_stop(void);
/* Read commands from fd (a script or a pipe), line by line. */
void line_script_start(int fd, bool stop_on_reject, const char *name);
/* Completion candidates for the text at word index argi of a command;
 * exposed for tests. Returns a NULL-terminated malloc'd list. */
char **line_candidates(const char *cmd, int argi, const char *text);
/* The command word: every command and "ACTOR:", or after "ACTOR: " only
 * the commands that can run inside an actor. */
char **line_command_candidates(bool in_actor, const char *text);

#endif
