/* 企業登録・修正: one company's master record (forms/company.yaml: loaded by
 * company_get, saved by company_save with the version read, so a second
 * saver gets a conflict and keeps the screen). What is its own: possible
 * duplicates shown before the first save, and its banks, any number, kept
 * in a list edited on the screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

static struct list_view *banks(struct screen *s)
{
	return screen_list_by_id(s, "banks");
}

/* Companies the database thinks may be this one; the clerk opens one of
 * them, or confirms that this is a new company. True to go on saving. */
static bool no_duplicate(struct screen *s)
{
	char *json = record_json(s);
	const char *params[] = {json};
	struct db_error err;
	PGresult *res = db_query(s->app->conn, &err,
		"SELECT company_id::text, format('%s %s %s', name, municipality, reason) "
		"FROM hosho.company_duplicates($1::jsonb)", 1, params);
	int picked;
	bool go_on;

	free(json);
	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	if (PQntuples(res) == 0) {
		PQclear(res);
		return true;
	}
	picked = app_choose_row(s->app, _("Maybe registered already (Enter opens it, Esc goes on)"), res);
	go_on = picked < 0 && ui_confirm(&s->app->ui, _("Register it as a new company all the same?"));
	if (picked >= 0) {
		char *id = xstrdup(PQgetvalue(res, picked, 0));
		screen_run(s->app, &screen_company, id);
		free(id);
	}
	PQclear(res);
	return go_on;
}

static enum action_result act_save(struct screen *s)
{
	if (!s->key && !no_duplicate(s))
		return ACTION_STAY;
	return common_action("save")->run(s);
}

static enum action_result act_bank_add(struct screen *s)
{
	struct list_view *l = banks(s);
	char *bank = screen_field_db(s, "bank_code"), *branch = screen_field_db(s, "branch_code"), **row;
	size_t cb = list_view_column(l, "bank_code"), cr = list_view_column(l, "branch_code"), cm = list_view_column(l, "main");

	if (!bank || !branch) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			       _("Type the bank code and the branch code to add."));
		form_view_focus(&s->view, bank ? "branch_code" : "bank_code");
		goto out;
	}
	for (size_t r = 0; r < l->nrows; r++) {
		if (l->cells[r][cb] && l->cells[r][cr] && strcmp(l->cells[r][cb], bank) == 0 &&
		    strcmp(l->cells[r][cr], branch) == 0) {
			ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("This branch is listed already."));
			l->selected = r;
			goto out;
		}
	}
	row = list_view_append(l);
	row[cb] = xstrdup(bank);
	row[cr] = xstrdup(branch);
	row[cm] = xstrdup(l->nrows == 1 ? "true" : "false");
	fv_clear(form_view_value(&s->view, "bank_code"));
	fv_clear(form_view_value(&s->view, "branch_code"));
	form_view_focus(&s->view, "bank_code");
	ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("Added. F10 saves it with the company."));
out:
	free(bank);
	free(branch);
	return ACTION_STAY;
}

static void set_main(struct list_view *l, size_t main_row)
{
	size_t cm = list_view_column(l, "main");

	for (size_t r = 0; r < l->nrows; r++) {
		free(l->cells[r][cm]);
		l->cells[r][cm] = xstrdup(r == main_row ? "true" : "false");
	}
}

static enum action_result act_bank_remove(struct screen *s)
{
	struct list_view *l = banks(s);
	size_t cm = list_view_column(l, "main"), r = l->selected;
	bool was_main = l->cells[r][cm] && strcmp(l->cells[r][cm], "true") == 0;

	list_view_remove_selected(l);
	if (was_main && l->nrows)
		set_main(l, 0);
	ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("Removed. F10 saves the change."));
	return ACTION_STAY;
}

static enum action_result act_bank_main(struct screen *s)
{
	set_main(banks(s), banks(s)->selected);
	return ACTION_STAY;
}

static const struct action_def actions[] = {
	{"save", act_save, ACT_CHECK_FORM | ACT_WRITES, N_("save what is on the screen")},
	{"bank_add", act_bank_add, ACT_WRITES, N_("add the bank and branch typed to the list")},
	{"bank_remove", act_bank_remove, ACT_WRITES | ACT_NEEDS_ROW,
	 N_("remove the chosen bank (PageUp/PageDown choose)")},
	{"bank_main", act_bank_main, ACT_WRITES | ACT_NEEDS_ROW, N_("make the chosen bank the main bank")},
};
static const char *const reads[] = {"bank_code", "branch_code", "banks.bank_code",
				     "banks.branch_code", "banks.main"};

const struct screen_def screen_company = {
	.name = "company",
	.menu_label = N_("Company registration"),
	.object = "hosho.company_save(jsonb)",
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
};
