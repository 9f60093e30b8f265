/* 申込受付: a bank's guarantee request (forms/guarantee_intake.yaml). The
 * database's checks (hosho.guarantee_checks: eligibility, limits, terms,
 * watch list) run each time the clerk leaves a field that changed the
 * request, and stand beside the fields they concern: `!` stops the intake,
 * `*` is a note; the list under the form says why. F10 hands the request to
 * hosho.guarantee_intake, which refuses a blocking reason at its field with
 * everything typed kept; once received, the case opens, and the form is
 * empty for the next request. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* A finding of the last check: its field and whether it stops intake. */
struct finding {
	const struct form_field *field;
	bool blocking;
};

struct intake {
	char *checked;  /* the request as last checked */
	struct finding *findings;
	size_t nfindings;
};

static struct list_view *checks(struct screen *s)
{
	return screen_list_by_id(s, "checks");
}

/* Runs the checks again. A finding on a field still empty is left out
 * (the clerk has not come to it; the intake itself refuses it); the others
 * are shown by their field's label. */
static void run_checks(struct screen *s)
{
	struct intake *in = s->data;
	struct list_view *l = checks(s);
	size_t cf = list_view_column(l, "field"), cb = list_view_column(l, "blocking");

	free(in->checked);
	in->checked = record_json(s);
	in->nfindings = 0;
	screen_reread_list(s, l);
	in->findings = xrealloc(in->findings, (l->nrows + 1) * sizeof *in->findings);
	for (size_t r = 0; r < l->nrows;) {
		const struct form_field *f = l->cells[r][cf] ? form_field_by_id(s->form, l->cells[r][cf]) : NULL;
		if (f && form_view_value(&s->view, f->id)->len == 0) {
			l->selected = r;
			list_view_remove_selected(l);
			l->selected = 0;
			continue;
		}
		if (f) {
			in->findings[in->nfindings++] =
				(struct finding){f, l->cells[r][cb] && strcmp(l->cells[r][cb], "t") == 0};
			free(l->cells[r][cf]);
			l->cells[r][cf] = xstrdup(f->label);
		}
		r++;
	}
}

/* Whether every value typed is one its field takes: the database is asked
 * about the request only then (the field's own check says the rest). */
static bool typed_values_valid(struct screen *s)
{
	bool valid = true;

	for (size_t i = 0; i < s->form->nfields && valid; i++) {
		const struct form_field *f = &s->form->fields[i];
		struct field_value copy;
		if (f->readonly || s->view.values[i].len == 0)
			continue;
		fv_init(&copy);
		fv_copy(&copy, &s->view.values[i]);
		valid = field_check(f, &copy, f->type == FIELD_YESNO ? &s->view.yesno
				     : f->lookup ? app_lookup(s, f->lookup) : NULL) == NULL;
		fv_free(&copy);
	}
	return valid;
}

/* After a field is left: the checks, if the request changed. */
static void left_field(struct screen *s)
{
	struct intake *in = s->data;
	char *now;

	if (!typed_values_valid(s))
		return;
	now = record_json(s);
	if (!in->checked || strcmp(now, in->checked) != 0)
		run_checks(s);
	free(now);
}

/* `!` or `*` in the second cell right of a field with a finding (the
 * first is for the scroll mark). */
static void draw_marks(struct screen *s)
{
	struct intake *in = s->data;

	for (size_t i = 0; i < in->nfindings; i++) {
		const struct form_field *f = in->findings[i].field;
		int col = f->col + f->width + 1;
		if (col < FORM_COLS)
			ui_put(f->row, col, in->findings[i].blocking ? "!" : "*", 1, true);
	}
}

static enum action_result act_check(struct screen *s)
{
	if (!typed_values_valid(s)) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("Mend the value the field refuses first."));
		return ACTION_STAY;
	}
	run_checks(s);
	if (checks(s)->nrows == 0)
		ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("The checks find nothing to say."));
	return ACTION_STAY;
}

/* F2: companies whose reading begins with the フリガナ typed; the one
 * chosen fills the company number and name. */
static enum action_result act_company_find(struct screen *s)
{
	char *kana = screen_field_db(s, "company_kana");
	const char *params[] = {kana};
	struct db_error err;
	PGresult *res;
	int picked;

	if (!kana) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("Type the start of the company's reading first."));
		form_view_focus(&s->view, "company_kana");
		return ACTION_STAY;
	}
	res = db_query(s->app->conn, &err,
		"SELECT company_id::text, format('%s  %s', name, municipality) "
		"  FROM hosho.company_search($1, NULL, NULL, 20, 0)", /* a choice, not a search screen */
		1, params);
	free(kana);
	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return ACTION_STAY;
	}
	if (PQntuples(res) == 0)
		ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("Nothing matches."));
	else if ((picked = app_choose_row(s->app, _("Companies (Enter chooses)"), res)) >= 0) {
		fv_set_utf8(form_view_value(&s->view, "company_id"), PQgetvalue(res, picked, 0));
		fv_set_utf8(form_view_value(&s->view, "company_name"), PQgetvalue(res, picked, 1));
		form_view_focus(&s->view, "bank_code");
		run_checks(s);
	}
	PQclear(res);
	return ACTION_STAY;
}

/* Back to an empty request. */
static void start_over(struct screen *s)
{
	struct intake *in = s->data;

	form_view_clear(&s->view);
	list_view_free_rows(checks(s));
	in->nfindings = 0;
	free(in->checked);
	in->checked = NULL;
	free(s->key);
	free(s->version);
	s->key = s->version = NULL;
	record_mark_saved(s);
	form_view_focus(&s->view, "bank_requested_on");
}

static enum action_result act_intake(struct screen *s)
{
	enum action_result r;
	char *id;

	call_run(s, form_call_by_action(s->form, "intake"));
	if (!s->key) /* refused: the reason is at its field, the input kept */
		return ACTION_STAY;
	id = xstrdup(s->key);
	r = screen_run(s->app, &screen_guarantee, id);
	start_over(s);
	ui_set_message(&s->app->ui, UI_MSG_INFO, _("Received as case %s. The next request:"), id);
	free(id);
	return r == ACTION_HANGUP ? r : ACTION_STAY;
}

static void open_intake(struct screen *s)
{
	s->data = xcalloc(1, sizeof(struct intake));
}

static void close_intake(struct screen *s)
{
	struct intake *in = s->data;

	free(in->checked);
	free(in->findings);
	free(in);
}

static const struct action_def actions[] = {
	{"intake", act_intake, ACT_WRITES, N_("receive the request (the database checks it first)")},
	{"check", act_check, 0, N_("run the checks on what is typed")},
	{"company_find", act_company_find, 0, N_("find the company by the reading typed")},
};
static const char *const reads[] = {"company_kana", "company_id", "company_name", "bank_code",
				     "bank_requested_on", "checks.field", "checks.blocking"};

const struct screen_def screen_guarantee_intake = {
	.name = "guarantee_intake",
	.menu_label = N_("Guarantee request intake"),
	.object = "hosho.guarantee_intake(jsonb, uuid)",
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
	.open = open_intake,
	.draw = draw_marks,
	.close = close_intake,
	.left_field = left_field,
};
