/* メインメニュー: what the signed-in person may do. An item is shown only
 * if the database grants its privilege to this login, so the menu and the
 * database never disagree about rights. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

#define MENU_ROW 4

static enum screen_result company_new(struct app *a)
{
	return screen_company_edit(a, NULL);
}

static const struct menu_item {
	const char *number;
	const char *label;
	const char *object, *privilege; /* a table, or a function for EXECUTE */
	enum screen_result (*run)(struct app *a);
} items[] = {
	{"1", N_("Company search"), "hosho.company", "SELECT", screen_company_search},
	{"2", N_("Company registration"), "hosho.company", "INSERT", company_new},
	{"3", N_("Bank master"), "hosho.bank", "SELECT", screen_bank_browse},
	{"4", N_("Guarantee schemes"), "hosho.scheme_on(date)", "EXECUTE", screen_catalogue},
	{"5", N_("Guarantee simulation"),
	 "hosho.simulate(text, text, text, bigint, int, text, text, bigint, int, int, text, int, "
	 "smallint, boolean, text, boolean, boolean, date)", "EXECUTE", screen_simulate},
};

static bool granted(struct app *a, const struct menu_item *it)
{
	const char *params[] = {it->object, it->privilege};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err,
		strcmp(it->privilege, "EXECUTE") == 0 ? "SELECT has_function_privilege($1, $2)"
						      : "SELECT has_table_privilege($1, $2)",
		2, params);
	bool yes = res && strcmp(PQgetvalue(res, 0, 0), "t") == 0;

	PQclear(res);
	return yes;
}

static void draw_items(const bool *allowed)
{
	int row = MENU_ROW;

	for (size_t i = 0; i < ARRAY_SIZE(items); i++) {
		char line[128];
		if (!allowed[i])
			continue;
		snprintf(line, sizeof line, "%s. %s", items[i].number, _(items[i].label));
		ui_put(row, 6, line, 60, false);
		row += 2;
	}
}

enum screen_result screen_menu(struct app *a)
{
	const struct form *f = app_form(a, "menu");
	bool allowed[ARRAY_SIZE(items)];
	struct form_view v;
	struct ui_key key;
	const char *action;
	enum screen_result result = SCREEN_QUIT;

	for (size_t i = 0; i < ARRAY_SIZE(items); i++)
		allowed[i] = granted(a, &items[i]);
	form_view_init(&v, f, NULL, NULL);
	for (;;) {
		enum form_result r;
		char *choice;
		const struct menu_item *it = NULL;

		app_frame(a, f);
		draw_items(allowed);
		form_view_draw(&v);
		ui_refresh();
		if (ui_read_key(&a->ui, &key) != UI_KEY_OK) {
			result = SCREEN_HANGUP;
			break;
		}
		r = form_view_key(&v, &a->ui, &key, &action);
		if (r == FORM_ACTION && strcmp(action, "quit") == 0)
			break;
		if (r != FORM_SUBMIT)
			continue;
		choice = fv_get_utf8(form_view_value(&v, "choice"));
		for (size_t i = 0; i < ARRAY_SIZE(items) && !it; i++)
			if (allowed[i] && strcmp(items[i].number, choice) == 0)
				it = &items[i];
		free(choice);
		fv_clear(form_view_value(&v, "choice"));
		if (!it) {
			ui_set_message(&a->ui, UI_MSG_ERROR, "%s", _("Choose one of the numbers shown."));
			continue;
		}
		if (it->run(a) == SCREEN_HANGUP) {
			result = SCREEN_HANGUP;
			break;
		}
	}
	form_view_free(&v);
	return result;
}
