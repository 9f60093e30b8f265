/* ログイン: user and password go to libpq and nowhere else. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* Where the demo users are listed (embedded default only): below the form. */
#define DEMO_ROW 12

static void draw_demo(const struct app *a)
{
	int row = DEMO_ROW;
	char *copy, *line, *save = NULL;

	if (!a->demo_logins)
		return;
	ui_put(row++, 4, _("Demo users of this private database (user / password / duty):"), 72, true);
	copy = xstrdup(a->demo_logins);
	for (line = strtok_r(copy, "\n", &save); line && row < FORM_MSG_ROW;
	     line = strtok_r(NULL, "\n", &save))
		ui_put(row++, 6, line, 72, false);
	free(copy);
}

/* Reads who signed in, for the status line; a login role that is not in
 * the staff table is refused. */
static bool read_me(struct app *a, struct db_error *err)
{
	PGresult *res = db_query(a->conn, err,
		"SELECT display_name, office_name, section_name FROM hosho.me()", 0, NULL);

	if (!res)
		return false;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		PQclear(res);
		db_error_set(err, "%s", _("This user is not registered as staff."));
		return false;
	}
	if (strcmp(PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2)) == 0)
		snprintf(a->status, sizeof a->status, "%s %s", PQgetvalue(res, 0, 2),
			 PQgetvalue(res, 0, 0));
	else
		snprintf(a->status, sizeof a->status, "%s %s %s", PQgetvalue(res, 0, 1),
			 PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 0));
	PQclear(res);
	return true;
}

static bool try_login(struct app *a, struct form_view *v)
{
	char *user = fv_get_utf8(form_view_value(v, "user"));
	char *password = fv_get_utf8(form_view_value(v, "password"));
	struct db_error err;
	bool ok = false;

	a->conn = db_connect(a->conninfo, user, password, &err);
	memset(password, 0, strlen(password));
	free(password);
	free(user);
	if (a->conn && migrate_check_compatible(a->conn, a->sql_dir, &err) && read_me(a, &err))
		ok = true;
	if (!ok) {
		if (a->conn)
			PQfinish(a->conn);
		a->conn = NULL;
		fv_clear(form_view_value(v, "password"));
		form_view_focus(v, "password");
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s", err.message);
	}
	return ok;
}

bool screen_login(struct app *a)
{
	const struct form *f = app_form(a, "login");
	struct form_view v;
	struct ui_key key;
	const char *action;
	bool done = false, signed_in = false;

	form_view_init(&v, f, NULL, NULL);
	if (a->user) {
		fv_set_utf8(form_view_value(&v, "user"), a->user);
		form_view_focus(&v, "password");
	}
	while (!done) {
		ui_draw_frame(&a->ui, f, NULL);
		draw_demo(a);
		form_view_draw(&v);
		ui_refresh();
		if (ui_read_key(&a->ui, &key) != UI_KEY_OK)
			break;
		switch (form_view_key(&v, &a->ui, &key, &action)) {
		case FORM_SUBMIT:
			signed_in = done = try_login(a, &v);
			break;
		case FORM_ACTION:
			if (strcmp(action, "login") == 0 && form_view_check_all(&v, &a->ui))
				signed_in = done = try_login(a, &v);
			else if (strcmp(action, "quit") == 0)
				done = true;
			break;
		case FORM_CONTINUE:
			break;
		}
	}
	form_view_free(&v);
	return signed_in;
}
