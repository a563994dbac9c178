/* sig.h: signal names as kill -l prints them, both ways. */
#ifndef IPCSH_SIG_H
#define IPCSH_SIG_H
#include <stdint.h>

/* "SIGUSR1", "SIGRTMIN+2"; writes into buf. */
const char *sig_name(int sig, char *buf, int size);
/* The same without "SIG": "USR1", "RTMIN+2". */
const char *sig_short(int sig, char *buf, int size);
/* "USR1", "SIGUSR1", "RTMIN+2", "SIGRTMAX-1" or a number; -1 if unknown. */
int sig_parse(const char *s);
/* A mask from /proc/PID/status (hex) to a list of names, comma-free. */
uint64_t sig_mask_parse(const char *hex);

#endif
