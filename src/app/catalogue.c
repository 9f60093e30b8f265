/* 保証制度一覧: the schemes valid on a date, from hosho.scheme_on(); the
 * catalogue is data, so next year's brochure needs no change here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "text/text.h"
#include "util.h"

#define LIST_ROW 5
#define LIST_HEIGHT 17

static const struct list_column columns[] = {
	{N_("Scheme"), 34, false},
	{N_("Kind"), 6, false},
	{N_("Limit (k yen)"), 12, true},
	{N_("Rate"), 24, false},
};

/* Full details of each row, for F6, kept beside the list's cells. */
struct catalogue {
	char **details;
	size_t n;
};

static void free_details(struct catalogue *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->details[i]);
	free(c->details);
	c->details = NULL;
	c->n = 0;
}

/* The popup text of one scheme: what the list cannot show. */
static char *details(const PGresult *res, int r)
{
	return xasprintf("%s\n%s\n%s %s\n%s %s\n%s %s\n%s", PQgetvalue(res, r, 0),
			 PQgetvalue(res, r, 4), _("Frame:"), PQgetvalue(res, r, 5),
			 _("Terms:"), PQgetvalue(res, r, 6), _("Rate:"), PQgetvalue(res, r, 3),
			 PQgetvalue(res, r, 7));
}

static void load(struct app *a, struct form_view *v, struct list_view *l, struct catalogue *c)
{
	char *on = field_to_db(form_view_field(v, "on_date"), form_view_value(v, "on_date"));
	char *category = field_to_db(form_view_field(v, "category"), form_view_value(v, "category"));
	const char *params[] = {on, category};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err,
		"SELECT name, category_name, limit_amount, rate, summary, frame_name, terms, note "
		"FROM hosho.scheme_on(coalesce($1::date, current_date)) "
		"WHERE $2::text IS NULL OR category = $2 ORDER BY sort", 2, params);
	char ***cells;
	size_t n;

	free(on);
	free(category);
	if (!res) {
		app_show_db_error(a, v, &err);
		return;
	}
	n = (size_t)PQntuples(res);
	cells = xcalloc(n, sizeof *cells);
	free_details(c);
	c->details = xcalloc(n, sizeof *c->details);
	c->n = n;
	for (size_t r = 0; r < n; r++) {
		char kyen[40] = "";

		if (!PQgetisnull(res, (int)r, 2))
			text_kyen_format(strtoll(PQgetvalue(res, (int)r, 2), NULL, 10), kyen, sizeof kyen);
		cells[r] = xcalloc(ARRAY_SIZE(columns), sizeof *cells[r]);
		cells[r][0] = xstrdup(PQgetvalue(res, (int)r, 0));
		cells[r][1] = xstrdup(PQgetvalue(res, (int)r, 1));
		cells[r][2] = xstrdup(kyen);
		cells[r][3] = xstrdup(PQgetvalue(res, (int)r, 3));
		c->details[r] = details(res, (int)r);
	}
	PQclear(res);
	list_view_set_rows(l, cells, n);
	ui_set_message(&a->ui, UI_MSG_INFO, _("%zu schemes."), n);
}

enum screen_result screen_catalogue(struct app *a)
{
	const struct form *f = app_form(a, "catalogue");
	struct catalogue c = {0};
	struct form_view v;
	struct list_view l;
	struct ui_key key;
	const char *action;
	enum screen_result result = SCREEN_BACK;

	form_view_init(&v, f, app_lookup, a);
	list_view_init(&l, LIST_ROW, LIST_HEIGHT, columns, ARRAY_SIZE(columns));
	load(a, &v, &l, &c);
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
		if (r == FORM_ACTION && strcmp(action, "detail") == 0 && l.nrows)
			ui_popup_text(&a->ui, l.cells[l.selected][0], c.details[l.selected]);
		if (r == FORM_SUBMIT && form_view_check_all(&v, &a->ui))
			load(a, &v, &l, &c);
	}
	free_details(&c);
	list_view_free_rows(&l);
	form_view_free(&v);
	return result;
}
