/* 企業検索: by reading prefix, part of the name, or company number. Enter
 * on the criteria searches; the list then takes the arrow and page keys,
 * Enter opens the company, F2 goes back to the criteria. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* A search returns at most this many rows: enough to page through, bounded
 * for a national-scale company table. */
#define SEARCH_LIMIT 500
#define LIST_ROW 7
#define LIST_HEIGHT 15

static const struct list_column columns[] = {
	{N_("No."), 8, true},
	{N_("Company name"), 28, false},
	{N_("Reading"), 20, false},
	{N_("Municipality"), 10, false},
	{N_("Section"), 8, false},
};

static bool is_enter(const struct ui_key *k)
{
	return (!k->is_func && (k->ch == L'\r' || k->ch == L'\n')) ||
	       (k->is_func && k->code == KEY_ENTER);
}

static char *field_or_null(struct form_view *v, const char *id)
{
	return field_to_db(form_view_field(v, id), form_view_value(v, id));
}

/* Runs the search; false with the message set if it failed or found none. */
static bool run_search(struct app *a, struct form_view *v, struct list_view *l)
{
	char *kana = field_or_null(v, "kana"), *name = field_or_null(v, "name");
	char *id = field_or_null(v, "company_id");
	char limit[16];
	const char *params[] = {kana, name, id, limit};
	struct db_error err;
	PGresult *res;
	size_t n;

	snprintf(limit, sizeof limit, "%d", SEARCH_LIMIT);
	res = db_query(a->conn, &err,
		"SELECT company_id, name, kana, municipality, section_name "
		"FROM hosho.company_search($1, $2, $3, $4, 0)", 4, params);
	free(kana);
	free(name);
	free(id);
	if (!res) {
		app_show_db_error(a, v, &err);
		return false;
	}
	app_list_set_result(l, res);
	PQclear(res);
	n = l->nrows;
	if (n == 0)
		ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("No company matches."));
	else if (n >= SEARCH_LIMIT)
		ui_set_message(&a->ui, UI_MSG_INFO, _("%d or more found: narrow the search."), SEARCH_LIMIT);
	else
		ui_set_message(&a->ui, UI_MSG_INFO, _("%zu found. Choose with the arrow keys, Enter opens."), n);
	return n > 0;
}

enum screen_result screen_company_search(struct app *a)
{
	const struct form *f = app_form(a, "company_search");
	struct form_view v;
	struct list_view l;
	struct ui_key key;
	const char *action;
	bool in_list = false;
	enum screen_result result = SCREEN_BACK;

	form_view_init(&v, f, app_lookup, a);
	list_view_init(&l, LIST_ROW, LIST_HEIGHT, columns, ARRAY_SIZE(columns));
	for (;;) {
		enum form_result r = FORM_CONTINUE;
		int fk;

		if (!app_read_key(a, &v, &l, in_list, &key)) {
			result = SCREEN_HANGUP;
			break;
		}
		if (key.is_func && key.code == KEY_RESIZE)
			continue;
		fk = ui_fkey(&key);
		if (in_list) {
			if (list_view_key(&l, &key))
				continue;
			if (fk == 2 || (!key.is_func && key.ch == 27)) {
				in_list = false;
				continue;
			}
			if (is_enter(&key)) {
				char *id = xstrdup(l.cells[l.selected][0]);
				enum screen_result sr = screen_company_edit(a, id);
				free(id);
				if (sr == SCREEN_HANGUP) {
					result = sr;
					break;
				}
				run_search(a, &v, &l);
				continue;
			}
		}
		if (!in_list && is_enter(&key))
			r = FORM_SUBMIT; /* Enter searches from any criterion */
		else if (!in_list)
			r = form_view_key(&v, &a->ui, &key, &action);
		else if (fk && form_key_by_action(f, "back") && fk == form_key_by_action(f, "back")->fkey)
			break;
		if (r == FORM_ACTION && strcmp(action, "back") == 0)
			break;
		if (r == FORM_SUBMIT || (r == FORM_ACTION && strcmp(action, "search") == 0)) {
			if (form_view_check_all(&v, &a->ui))
				in_list = run_search(a, &v, &l);
		}
	}
	list_view_free_rows(&l);
	form_view_free(&v);
	return result;
}
