/* cmd_lesson.c: the lesson command -- list, start, hint, check, answer,
 * next, back, restart, reset, quit -- as rows of a table; the work is in
 * lesson.c. */
#include "config.h"
#include <string.h>
#include "cmd.h"
#include "lesson.h"

typedef int lesson_sub_fn(const char *arg);

static int sub_list(const char *arg) { (void)arg; lesson_list(); return 0; }
static int sub_start(const char *arg) { return lesson_start(arg); }
static int sub_hint(const char *arg) { (void)arg; return lesson_hint(); }
static int sub_check(const char *arg) { (void)arg; return lesson_check(); }
static int sub_answer(const char *arg) { return lesson_answer(arg); }
static int sub_next(const char *arg) { (void)arg; return lesson_next(); }
static int sub_back(const char *arg) { (void)arg; return lesson_back(); }
static int sub_restart(const char *arg) { (void)arg; return lesson_restart(); }
static int sub_reset(const char *arg) { return lesson_reset(arg); }
static int sub_quit(const char *arg) { (void)arg; return lesson_quit(); }

static const struct lesson_sub {
	const char *name;
	int nargs;                     /* 0, 1, or -1: 0 or 1 */
	lesson_sub_fn *fn;
} lesson_subs[] = {
	{ "list", 0, sub_list }, { "start", -1, sub_start }, { "hint", 0, sub_hint },
	{ "check", 0, sub_check }, { "answer", 1, sub_answer }, { "next", 0, sub_next },
	{ "back", 0, sub_back }, { "restart", 0, sub_restart }, { "reset", -1, sub_reset },
	{ "quit", 0, sub_quit },
};

static int cmd_lesson(struct cmd_ctx *ctx)
{
	const char *name = ctx->argc ? ctx->argv[0].s : "start";
	const struct lesson_sub *sub = NULL;
	for (size_t i = 0; i < ARRAY_LEN(lesson_subs) && !sub; i++)
		if (!strcmp(lesson_subs[i].name, name))
			sub = &lesson_subs[i];
	if (!sub)
		return cmd_reject(ctx, _("lesson: list, start [ID], hint, check, answer X, next, back, restart, reset [ID] or quit, not \"%s\""),
				  name);
	int extra = ctx->argc > 1 ? ctx->argc - 1 : 0;
	if ((sub->nargs == 0 && extra) || (sub->nargs == 1 && extra != 1) || extra > 1)
		return cmd_reject(ctx, sub->nargs == 1 ? _("lesson %s takes one argument") : sub->nargs == 0 ? _("lesson %s takes no argument")
							: _("lesson %s takes at most one argument"), name);
	/* a refusal has said why already (no usage: the command was right) */
	return sub->fn(extra ? ctx->argv[1].s : NULL) < 0 ? CMD_REJECTED : CMD_OK;
}

const struct cmd_entry cmd_lesson_table[] = {
	{ "lesson", "[list|start [ID]|hint|check|answer X|next|back|restart|reset [ID]|quit]",
	  N_("lessons: steps checked on the live kernel state as you go (no argument: the next one)"),
	  CMD_COORD, 0, 2, cmd_lesson, { ARG_WORD }, 0, NULL },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, { ARG_NONE }, 0, NULL },
};
