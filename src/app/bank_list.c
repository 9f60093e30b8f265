/* 金融機関一覧: the bank master (forms/bank_list.yaml); F6 lists the
 * branches of the bank chosen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

static enum action_result act_branches(struct screen *s)
{
	struct list_view *l = screen_list(s);
	const char *params[] = {l->cells[l->selected][0]};
	struct db_error err;
	PGresult *res = db_query(s->app->conn, &err,
		"SELECT branch_code, name FROM hosho.bank_branch WHERE bank_code = $1 ORDER BY branch_code",
		1, params);
	char *title;

	if (!res) {
		app_show_db_error(s->app, NULL, &err);
		return ACTION_STAY;
	}
	title = list_view_cell(l, l->selected, 1);
	if (PQntuples(res) == 0)
		ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("This bank has no branches registered."));
	else
		app_choose_row(s->app, title, res);
	free(title);
	PQclear(res);
	return ACTION_STAY;
}

static const struct action_def actions[] = {
	{"branches", act_branches, ACT_NEEDS_ROW, N_("the branches of the chosen bank")},
};

const struct screen_def screen_bank_list = {
	.name = "bank_list",
	.menu_label = N_("Bank master"),
	.object = "hosho.bank",
	.privilege = "SELECT",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
};
