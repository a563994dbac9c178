/* lesson_store.c: a learner's progress through the lessons, one line a
 * lesson in $XDG_STATE_HOME/ipcsh/lessons. The file is rewritten whole
 * (a temporary file renamed over it); a line that is not ours makes the
 * whole file suspect: it is renamed to lessons.bad and the learner told. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lesson_store.h"
#include "out.h"
#include "parse.h"

#define STORE_LINE_MAX 128

static char *store_path(void)
{
	char *dir = util_state_dir();
	if (!dir)
		return NULL;
	char *p = xasprintf("%s/lessons", dir);
	free(dir);
	return p;
}

/* One line: "ID\tSTEP\tMARKS". */
static bool store_parse(char *line, char *id, struct lesson_progress *p)
{
	char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
	if (!tab2 || tab1 - line > LESSON_ID_MAX || tab1 == line)
		return false;
	*tab1 = *tab2 = '\0';
	char *marks = tab2 + 1;
	marks[strcspn(marks, "\n")] = '\0';
	int64_t step;
	size_t n = strlen(marks);
	if (parse_int(tab1 + 1, 0, LESSON_STEPS_MAX - 1, &step) < 0 || !n || n > LESSON_STEPS_MAX ||
	    strspn(marks, ".ds") != n || strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789-") != (size_t)(tab1 - line))
		return false;
	strcpy(id, line);
	p->step = (int)step;
	memcpy(p->marks, marks, n + 1);
	return true;
}

#define STORE_MAX 256

/* The file as it was read: one lesson a row. */
static struct {
	char ids[STORE_MAX][LESSON_ID_MAX + 1];
	struct lesson_progress ps[STORE_MAX];
	int n;
} store;

/* Read the file into store (empty lines skipped); a line that is not
 * ours sets the file aside and starts afresh (said so). */
static void store_read(void)
{
	char *path = store_path();
	FILE *f = path ? fopen(path, "re") : NULL;
	bool bad = false;
	char line[STORE_LINE_MAX];
	store.n = 0;
	while (f && !bad && fgets(line, sizeof line, f)) {
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		if (store.n >= STORE_MAX || !store_parse(line, store.ids[store.n], &store.ps[store.n]))
			bad = true;
		else
			store.n++;
	}
	if (f)
		fclose(f);
	if (bad) {
		char *aside = xasprintf("%s.bad", path);
		if (rename(path, aside) == 0)
			out_printf(_("  the lesson progress file %s was not in ipcsh's format: it is set aside as %s, and progress starts afresh"),
				   path, aside);
		else
			out_printf(_("  the lesson progress file %s is not in ipcsh's format, and it cannot be set aside (%s): progress starts afresh"),
				   path, strerror(errno));
		free(aside);
		store.n = 0;
	}
	free(path);
}

/* Write store whole (a new file renamed over the old): true when saved. */
static bool store_write(void)
{
	char *path = store_path();
	if (!path)
		return false;
	char *tmp = xasprintf("%s.new", path);
	FILE *f = fopen(tmp, "we");
	for (int i = 0; f && i < store.n; i++)
		if (store.ids[i][0])
			fprintf(f, "%s\t%d\t%s\n", store.ids[i], store.ps[i].step, store.ps[i].marks);
	bool ok = f && fclose(f) == 0 && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	free(path);
	return ok;
}

bool lesson_store_get(const char *id, int nsteps, struct lesson_progress *p)
{
	memset(p, 0, sizeof *p);
	memset(p->marks, '.', (size_t)nsteps);
	store_read();
	for (int i = 0; i < store.n; i++)
		if (!strcmp(store.ids[i], id) && (int)strlen(store.ps[i].marks) == nsteps && store.ps[i].step < nsteps) {
			*p = store.ps[i];
			return true;
		}
	return false;
}

bool lesson_store_put(const char *id, const struct lesson_progress *p)
{
	store_read();
	int i = 0;
	while (i < store.n && strcmp(store.ids[i], id))
		i++;
	if (i == store.n && store.n < STORE_MAX)
		snprintf(store.ids[store.n++], sizeof store.ids[0], "%s", id);
	if (i < store.n)
		store.ps[i] = *p;
	return store_write();
}

bool lesson_store_forget(const char *id)
{
	store_read();
	for (int i = 0; i < store.n; i++)
		if (!id || !strcmp(store.ids[i], id))
			store.ids[i][0] = '\0';
	return store_write();
}
