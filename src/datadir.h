/* datadir.h: where ipcsh's shipped data is (lessons, demos), and in
 * which language. */
#ifndef IPCSH_DATADIR_H
#define IPCSH_DATADIR_H

/* zh_CN when messages are in Chinese (--lang sets LANGUAGE), else en. */
const char *datadir_lang(void);
/* Where what ("lessons", "demos") is: $env_name, what/ beside an
 * uninstalled ipcsh, or the installed one (malloc'd). */
char *datadir_find(const char *what, const char *env_name);

#endif
