/* 金融機関一覧: the bank master, filtered by category; Enter on a bank
 * lists its branches. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

#define LIST_ROW 5
#define LIST_HEIGHT 17

static const struct list_column columns[] = {
	{N_("Code"), 4, false},
	{N_("Bank"), 24, false},
	{N_("Category"), 14, false},
	{N_("Sharing"), 8, false},
	{N_("Branches"), 8, true},
};

static void load_banks(struct app *a, struct form_view *v, struct list_view *l)
{
	char *category = field_to_db(form_view_field(v, "category"), form_view_value(v, "category"));
	const char *params[] = {category};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err,
		"SELECT b.bank_code, b.name, b.category_name, b.sharing_name, b.branches "
		"FROM hosho.bank_list b JOIN hosho.bank USING (bank_code) "
		"WHERE $1::text IS NULL OR bank.category_code = $1 ORDER BY b.sort, b.bank_code",
		1, params);

	free(category);
	if (!res) {
		app_show_db_error(a, v, &err);
		return;
	}
	app_list_set_result(l, res);
	PQclear(res);
	ui_set_message(&a->ui, UI_MSG_INFO, _("%zu banks. Enter lists the branches of the one chosen."),
		       l->nrows);
}

static void show_branches(struct app *a, const char *bank_code, const char *bank_name)
{
	const char *params[] = {bank_code};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err,
		"SELECT branch_code, name FROM hosho.bank_branch WHERE bank_code = $1 ORDER BY branch_code",
		1, params);
	struct code_list l = {0};

	if (!res) {
		app_show_db_error(a, NULL, &err);
		return;
	}
	l.n = (size_t)PQntuples(res);
	l.codes = xcalloc(l.n, sizeof *l.codes);
	l.labels = xcalloc(l.n, sizeof *l.labels);
	for (size_t i = 0; i < l.n; i++) {
		l.codes[i] = PQgetvalue(res, (int)i, 0);
		l.labels[i] = PQgetvalue(res, (int)i, 1);
	}
	if (l.n == 0)
		ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("This bank has no branches registered."));
	else
		ui_choose(&a->ui, bank_name, &l, 0);
	free(l.codes);
	free(l.labels);
	PQclear(res);
}

enum screen_result screen_bank_browse(struct app *a)
{
	const struct form *f = app_form(a, "bank_list");
	struct form_view v;
	struct list_view l;
	struct ui_key key;
	const char *action;
	enum screen_result result = SCREEN_BACK;

	form_view_init(&v, f, app_lookup, a);
	list_view_init(&l, LIST_ROW, LIST_HEIGHT, columns, ARRAY_SIZE(columns));
	load_banks(a, &v, &l);
	for (;;) {
		enum form_result r;

		if (!app_read_key(a, &v, &l, false, &key)) {
			result = SCREEN_HANGUP;
			break;
		}
		if (list_view_side_key(&l, &key, true))
			continue;
		r = form_view_key(&v, &a->ui, &key, &action);
		if (r == FORM_ACTION && strcmp(action, "back") == 0)
			break;
		if (r == FORM_ACTION && strcmp(action, "branches") == 0 && l.nrows)
			show_branches(a, l.cells[l.selected][0], l.cells[l.selected][1]);
		if (r == FORM_SUBMIT && form_view_check_all(&v, &a->ui))
			load_banks(a, &v, &l);
	}
	list_view_free_rows(&l);
	form_view_free(&v);
	return result;
}
