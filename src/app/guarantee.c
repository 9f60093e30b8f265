/* 保証案件: one guarantee case (forms/guarantee.yaml), loaded with the
 * company's last financial periods and its exposure by frame in one round
 * trip (hosho.guarantee_case); each transition is a declared call that
 * answers the case. What is its own: the history (F6) and the issue of the
 * certificate (F9), the execution report screen and the history screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

static enum action_result act_history(struct screen *s)
{
	enum action_result r = screen_run(s->app, &screen_guarantee_history, s->key);

	return r == ACTION_HANGUP ? r : ACTION_STAY;
}

static const struct action_def actions[] = {
	{"history", act_history, 0, N_("the case's history: who did what, when and why")},
};
static const char *const reads[] = {"guarantee_id"};

const struct screen_def screen_guarantee = {
	.name = "guarantee",
	.object = "hosho.guarantee_case(bigint)",
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
};

/* The history screen shows whose history it is. */
static void open_history(struct screen *s)
{
	fv_set_utf8(form_view_value(&s->view, "guarantee_id"), s->key);
}

const struct screen_def screen_guarantee_history = {
	.name = "guarantee_history",
	.object = "hosho.guarantee_history_list(bigint)",
	.privilege = "EXECUTE",
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
	.open = open_history,
};

const struct screen_def screen_guarantee_execute = {
	.name = "guarantee_execute",
	.object = "hosho.guarantee_execute(jsonb, uuid)",
	.privilege = "EXECUTE",
};
