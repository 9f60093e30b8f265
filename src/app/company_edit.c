/* 企業登録・修正: one company's master record. Saving names the version
 * the clerk read; if another clerk saved first, the database refuses and
 * this screen keeps everything typed, so nothing is silently overwritten. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

struct company_screen {
	struct app *app;
	struct form_view view;
	char *company_id; /* NULL until registered */
	char *version;    /* the version read, sent back on save */
};

static void set_owned(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

/* Fills the form from a record's key/value rows (company_get's shape). */
static void fill(struct company_screen *s, const PGresult *res)
{
	const struct form *f = s->view.form;

	form_view_clear(&s->view);
	for (int r = 0; r < PQntuples(res); r++) {
		const char *key = PQgetvalue(res, r, 0);
		const char *val = PQgetisnull(res, r, 1) ? NULL : PQgetvalue(res, r, 1);
		const struct form_field *fld = form_field_by_id(f, key);

		if (strcmp(key, "version") == 0)
			set_owned(&s->version, val);
		else if (strcmp(key, "company_id") == 0)
			set_owned(&s->company_id, val);
		if (fld)
			field_from_db(fld, form_view_value(&s->view, key), val);
	}
}

/* Fills the form from the database; false with the message set if the
 * company cannot be read. */
static bool load(struct company_screen *s)
{
	const char *params[] = {s->company_id};
	struct db_error err;
	PGresult *res = db_query(s->app->conn, &err,
		"SELECT key, value FROM jsonb_each_text(hosho.company_get($1))", 1, params);

	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	if (PQntuples(res) == 0) {
		PQclear(res);
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("This company no longer exists."));
		return false;
	}
	fill(s, res);
	PQclear(res);
	return true;
}

static char *to_json(struct company_screen *s)
{
	const struct form *f = s->view.form;
	struct json_buf j;

	json_begin(&j);
	json_add(&j, "company_id", s->company_id);
	json_add(&j, "version", s->version);
	for (size_t i = 0; i < f->nfields; i++) {
		char *v;
		if (f->fields[i].readonly)
			continue;
		v = field_to_db(&f->fields[i], &s->view.values[i]);
		json_add(&j, f->fields[i].id, v);
		free(v);
	}
	return json_end(&j);
}

static void save(struct company_screen *s)
{
	struct app *a = s->app;
	char *json;
	const char *params[1];
	struct db_error err;
	PGresult *res;
	bool registered = !s->company_id;

	if (!form_view_check_all(&s->view, &a->ui))
		return;
	json = to_json(s);
	params[0] = json;
	/* The save answers with the saved record: drawn as is, no reload. */
	res = db_query(a->conn, &err, "SELECT key, value FROM jsonb_each_text(hosho.company_save($1::jsonb))",
		       1, params);
	free(json);
	if (!res) {
		app_show_db_error(a, &s->view, &err);
		return;
	}
	fill(s, res);
	PQclear(res);
	ui_set_message(&a->ui, UI_MSG_INFO,
		       registered ? _("Registered as company number %s.") : _("Saved company number %s."),
		       s->company_id);
}

enum screen_result screen_company_edit(struct app *a, const char *company_id)
{
	struct company_screen s = {.app = a};
	const struct form *f = app_form(a, "company");
	struct ui_key key;
	const char *action;
	enum screen_result result = SCREEN_BACK;

	form_view_init(&s.view, f, app_lookup, a);
	if (company_id) {
		set_owned(&s.company_id, company_id);
		if (!load(&s))
			goto out;
	}
	for (;;) {
		enum form_result r;

		if (!app_read_key(a, &s.view, NULL, false, &key)) {
			result = SCREEN_HANGUP;
			break;
		}
		r = form_view_key(&s.view, &a->ui, &key, &action);
		if (r == FORM_SUBMIT)
			continue; /* Enter on the last field does not save: F10 does. */
		if (r != FORM_ACTION)
			continue;
		if (strcmp(action, "back") == 0)
			break;
		if (strcmp(action, "save") == 0)
			save(&s);
		else if (strcmp(action, "reload") == 0 && s.company_id && load(&s))
			ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("Read the latest record again."));
	}
out:
	form_view_free(&s.view);
	free(s.company_id);
	free(s.version);
	return result;
}
