/* 保証試算: the clerk types a company's facts and a request; the database
 * answers every check (eligibility, limits, term, rate, fee) through
 * hosho.simulate_checks() (forms/simulate.yaml). This screen decides
 * nothing: it only counts the checks that failed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

static enum action_result act_simulate(struct screen *s)
{
	struct list_view *l = &s->lists[0];
	size_t ok = list_view_column(l, "ok"), bad = 0;

	if (!screen_fill_list(s, l))
		return ACTION_STAY;
	for (size_t r = 0; r < l->nrows; r++)
		bad += !l->cells[r][ok] || strcmp(l->cells[r][ok], "t") != 0;
	if (bad)
		ui_set_message(&s->app->ui, UI_MSG_ERROR, _("%zu checks failed. F6 shows a reason in full."),
			       bad);
	else
		ui_set_message(&s->app->ui, UI_MSG_INFO, "%s",
			       _("Every check passed. F6 shows a reason in full."));
	return ACTION_STAY;
}

static const char *const reads[] = {"checks.ok"};

static const struct action_def actions[] = {
	{"simulate", act_simulate, ACT_CHECK_FORM, N_("check the request against every rule")},
};

const struct screen_def screen_simulate = {
	.name = "simulate",
	.menu_label = N_("Guarantee simulation"),
	.object = "hosho.simulate_checks(text, text, text, bigint, integer, text, text, bigint, "
		  "integer, integer, text, integer, smallint, boolean, text, boolean, boolean, date)",
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
};
