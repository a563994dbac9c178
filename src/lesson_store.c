/* lesson_store.c: a learner's progress through the lessons, one line a
 * lesson in $XDG_STATE_HOME/ipcsh/lessons. The file is rewritten whole
 * (a temporary file renamed over it); a line that is not ours makes the
 * whole file suspect: it is renamed to lessons.bad and the learner told. */
#include "config.h"
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

/* Every line of the file into lines (ids and progress); -1 when it is
 * corrupt (then set aside). */
static int store_read(char ids[][LESSON_ID_MAX + 1], struct lesson_progress *ps, int max)
{
	char *path = store_path();
	FILE *f = path ? fopen(path, "re") : NULL;
	int n = 0;
	bool bad = false;
	char line[STORE_LINE_MAX];
	while (f && !bad && fgets(line, sizeof line, f)) {
		if (n >= max || !store_parse(line, ids[n], &ps[n]))
			bad = true;
		else
			n++;
	}
	if (f)
		fclose(f);
	if (bad) {
		char *aside = xasprintf("%s.bad", path);
		rename(path, aside);
		out_printf(_("  the lesson progress file %s was not in ipcsh's format: it is set aside as %s, and progress starts afresh"),
			   path, aside);
		free(aside);
		n = -1;
	}
	free(path);
	return n;
}

static void store_write(char ids[][LESSON_ID_MAX + 1], const struct lesson_progress *ps, int n)
{
	char *path = store_path();
	if (!path)
		return;
	char *tmp = xasprintf("%s.new", path);
	FILE *f = fopen(tmp, "we");
	for (int i = 0; f && i < n; i++)
		if (ids[i][0])
			fprintf(f, "%s\t%d\t%s\n", ids[i], ps[i].step, ps[i].marks);
	if (f && fclose(f) == 0)
		rename(tmp, path);
	else
		unlink(tmp);
	free(tmp);
	free(path);
}

#define STORE_MAX 256

bool lesson_store_get(const char *id, int nsteps, struct lesson_progress *p)
{
	static char ids[STORE_MAX][LESSON_ID_MAX + 1];
	static struct lesson_progress ps[STORE_MAX];
	memset(p, 0, sizeof *p);
	memset(p->marks, '.', (size_t)nsteps);
	int n = store_read(ids, ps, STORE_MAX);
	for (int i = 0; i < n; i++)
		if (!strcmp(ids[i], id) && (int)strlen(ps[i].marks) == nsteps && ps[i].step < nsteps) {
			*p = ps[i];
			return true;
		}
	return false;
}

void lesson_store_put(const char *id, const struct lesson_progress *p)
{
	static char ids[STORE_MAX][LESSON_ID_MAX + 1];
	static struct lesson_progress ps[STORE_MAX];
	int n = store_read(ids, ps, STORE_MAX);
	if (n < 0)
		n = 0;
	int i = 0;
	while (i < n && strcmp(ids[i], id))
		i++;
	if (i == n && n < STORE_MAX)
		snprintf(ids[n++], sizeof ids[0], "%s", id);
	if (i < n)
		ps[i] = *p;
	store_write(ids, ps, n);
}

void lesson_store_forget(const char *id)
{
	static char ids[STORE_MAX][LESSON_ID_MAX + 1];
	static struct lesson_progress ps[STORE_MAX];
	int n = store_read(ids, ps, STORE_MAX);
	for (int i = 0; i < n; i++)
		if (!id || !strcmp(ids[i], id))
			ids[i][0] = '\0';
	store_write(ids, ps, n < 0 ? 0 : n);
}
