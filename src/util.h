/* util.h: small helpers every module uses: allocation that never returns
 * NULL, a growable byte buffer, monotonic time, gettext macros, and the
 * escaping of payload bytes for display and JSON. */
#ifndef IPCSH_UTIL_H
#define IPCSH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define IPCSH_NAME_MAX 32

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Quote bytes for a learner: "hi\n" style, at most max bytes then "...". */
void buf_add_quoted(struct buf *b, const char *p, size_t n, size_t max);

int64_t util_now_ms(void);
int64_t util_now_us(void);
bool util_valid_name(const char *s);
bool util_utf8_term(void);
/* Length of a valid UTF-8 sequence at p (at most n bytes), or 0. */
size_t util_utf8_len(const unsigned char *p, size_t n);
/* ipcsh's directory for what outlives a session ($XDG_STATE_HOME/ipcsh
 * or ~/.local/state/ipcsh), made if missing; malloc'd, or NULL. */
char *util_state_dir(void);
/* Are these n bytes valid UTF-8? */
bool util_utf8_valid(const char *s, size_t n);
const char *util_ellipsis(void);
/* A number from a /proc/sys file (-1 when it cannot be read). */
long long util_sysctl(const char *path);
/* Read a small file whole into buf (NUL-terminated); -1 on error. */
ssize_t util_read_file(const char *path, char *buf, size_t size);
/* A file's birth time in nanoseconds from statx, 0 when the file system
 * does not keep one: with the inode number it tells a file from a later
 * one that reuses that number. */
struct statx;
uint64_t util_btime_ns(const struct statx *sx);

#endif
