/* fuzz_lesson.c: libFuzzer target for the lesson file parser
 * (lesson_file.c, ipcsh-lesson(5)): any bytes as a lesson file. A file is
 * refused with "PATH:LINE: why", or read into a lesson within its limits. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lesson_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lesson l;
	char *err = NULL;
	if (lesson_parse("fuzz.lesson", (const char *)data, size, &l, &err) == 0) {
		if (err || !l.id[0] || !l.title || l.nsteps < 1 || l.nsteps > LESSON_STEPS_MAX)
			abort();
		for (int i = 0; i < l.nsteps; i++) {
			const struct lesson_step *s = &l.steps[i];
			if (!s->text || !s->todo || !s->check.s || s->nsolution < 1 || s->nhints > LESSON_HINTS_MAX ||
			    s->nchoices > LESSON_CHOICES_MAX || s->nclaims > LESSON_CLAIMS_MAX)
				abort();
			for (int k = 0; k < s->nclaims; k++)
				if (!s->claims[k].holds || !s->claims[k].fails)
					abort();
		}
		lesson_free(&l);
	} else {
		if (!err || strncmp(err, "fuzz.lesson:", 12))
			abort();              /* refused: where, and why */
		free(err);
	}
	return 0;
}
