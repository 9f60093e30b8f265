/* 保証試算: the clerk types a company's facts and a request; the database
 * answers with every reason (eligibility, limits, term, rate, fee) through
 * hosho.simulate(). This screen decides nothing itself. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "text/text.h"
#include "util.h"

#define LIST_ROW 12
#define LIST_HEIGHT 10

static const struct list_column columns[] = {
	{N_("Check"), 8, false},
	{N_("Result"), 4, false},
	{N_("Reason"), 50, false},
	{N_("Yen"), 13, true},
};

/* The parameters of hosho.simulate(), in order, by form field. */
static const char *const params_order[] = {
	"legal_form", "industry_code", "muni_code", "capital_yen", "employees", "scheme_code",
	"use_of_funds", "amount", "term_months", "deferral_months", "repayment", "installments",
	"rate_class", "secured", "guarantor", "collateral_discount", "advisor_discount", "on_date",
};

static const char *section_name(const char *section)
{
	static const struct {
		const char *code, *name;
	} names[] = {
		{"eligibility", N_("Eligible")}, {"limit", N_("Limit")}, {"term", N_("Term")},
		{"rate", N_("Rate")}, {"fee", N_("Fee")},
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(names[i].code, section) == 0)
			return _(names[i].name);
	return section;
}

/* yes/no fields go to the database as booleans. */
static char *param_value(struct form_view *v, const char *id)
{
	const struct form_field *f = form_view_field(v, id);
	char *s = field_to_db(f, form_view_value(v, id));

	if (f->type == FIELD_YESNO) {
		bool yes = s && strcmp(s, "1") == 0;
		free(s);
		return xstrdup(yes ? "true" : "false");
	}
	return s;
}

static void run(struct app *a, struct form_view *v, struct list_view *l)
{
	char *vals[ARRAY_SIZE(params_order)];
	struct db_error err;
	PGresult *res;
	char ***cells;
	size_t n, bad = 0;

	if (!form_view_check_all(v, &a->ui))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(params_order); i++)
		vals[i] = param_value(v, params_order[i]);
	res = db_query(a->conn, &err,
		"SELECT section, ok, message, CASE WHEN section = 'fee' THEN amount END "
		"FROM hosho.simulate($1, $2, $3, $4::bigint, $5::int, $6, $7, $8::bigint, $9::int, "
		"coalesce($10::int, 0), $11, $12::int, $13::smallint, $14::boolean, $15, $16::boolean, "
		"$17::boolean, coalesce($18::date, current_date))",
		(int)ARRAY_SIZE(params_order), (const char *const *)vals);
	for (size_t i = 0; i < ARRAY_SIZE(params_order); i++)
		free(vals[i]);
	if (!res) {
		app_show_db_error(a, v, &err);
		return;
	}
	n = (size_t)PQntuples(res);
	cells = xcalloc(n, sizeof *cells);
	for (size_t r = 0; r < n; r++) {
		bool ok = strcmp(PQgetvalue(res, (int)r, 1), "t") == 0;
		char yen[40] = "";

		if (!PQgetisnull(res, (int)r, 3))
			text_amount_format(strtoll(PQgetvalue(res, (int)r, 3), NULL, 10), yen, sizeof yen);
		cells[r] = xcalloc(ARRAY_SIZE(columns), sizeof *cells[r]);
		cells[r][0] = xstrdup(section_name(PQgetvalue(res, (int)r, 0)));
		cells[r][1] = xstrdup(ok ? _("OK") : _("NG"));
		cells[r][2] = xstrdup(PQgetvalue(res, (int)r, 2));
		cells[r][3] = xstrdup(yen);
		bad += !ok;
	}
	PQclear(res);
	list_view_set_rows(l, cells, n);
	if (bad)
		ui_set_message(&a->ui, UI_MSG_ERROR, _("%zu checks failed. F6 shows a reason in full."), bad);
	else
		ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("Every check passed. F6 shows a reason in full."));
}

enum screen_result screen_simulate(struct app *a)
{
	const struct form *f = app_form(a, "simulate");
	struct form_view v;
	struct list_view l;
	struct ui_key key;
	const char *action;
	enum screen_result result = SCREEN_BACK;

	form_view_init(&v, f, app_lookup, a);
	list_view_init(&l, LIST_ROW, LIST_HEIGHT, columns, ARRAY_SIZE(columns));
	for (;;) {
		enum form_result r;

		if (!app_read_key(a, &v, &l, false, &key)) {
			result = SCREEN_HANGUP;
			break;
		}
		if (list_view_side_key(&l, &key, false))
			continue;
		r = form_view_key(&v, &a->ui, &key, &action);
		if (r == FORM_ACTION && strcmp(action, "back") == 0)
			break;
		if (r == FORM_ACTION && strcmp(action, "simulate") == 0)
			run(a, &v, &l);
		else if (r == FORM_ACTION && strcmp(action, "detail") == 0 && l.nrows)
			ui_popup_text(&a->ui, l.cells[l.selected][0], l.cells[l.selected][2]);
	}
	list_view_free_rows(&l);
	form_view_free(&v);
	return result;
}
