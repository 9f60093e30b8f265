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

static void draw_demo(struct screen *s)
{
	const struct app *a = s->app;
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
 * the staff table (or no longer active) is refused. */
static bool read_me(struct app *a, struct db_error *err)
{
	PGresult *res = db_query(a->conn, err,
		"SELECT display_name, office_name, section_name FROM hosho.me()", 0, NULL);

	if (!res)
		return false;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		PQclear(res);
		snprintf(err->sqlstate, sizeof err->sqlstate, "28000");
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

/* A connected login that is not (active) staff: the database refuses it
 * what it refuses any stranger (42501), or says so (HS403, or me() has no
 * row: 28000). */
static bool not_staff(const struct db_error *e)
{
	return strcmp(e->sqlstate, "42501") == 0 || strcmp(e->sqlstate, "HS403") == 0 ||
	       strcmp(e->sqlstate, "28000") == 0;
}

/* The session plans the intake check now (hosho.rules_warm), so that the
 * clerk's first check costs what the next ones do (tests/bench/rules). A
 * failure costs only that: the check itself works either way. */
static void warm_rules(struct app *a)
{
	struct db_error ignored;

	db_exec(a->conn, &ignored, "SELECT hosho.rules_warm()", 0, NULL);
}

/* After the password was taken: the session is set up for the clerk. */
static bool start_session(struct app *a, struct db_error *err)
{
	const char *timeout = getenv("HOSHO_STATEMENT_TIMEOUT");

	app_take_notices(a);
	if (!(migrate_check_compatible(a->conn, a->sql_dir, err) && read_me(a, err) &&
	      app_read_grants(a, err) &&
	      db_set_statement_timeout(a->conn, timeout && *timeout ? timeout : "30s", err)))
		return false;
	warm_rules(a);
	app_read_codes(a); /* if it fails, the first lookup reads them */
	return true;
}

static enum action_result act_login(struct screen *s)
{
	struct app *a = s->app;
	char *user = fv_get_utf8(form_view_value(&s->view, "user"));
	char *password = fv_get_utf8(form_view_value(&s->view, "password"));
	struct db_error err;

	a->conn = db_connect(a->conninfo, user, password, &err);
	memset(password, 0, strlen(password));
	free(password);
	free(user);
	if (a->conn && start_session(a, &err))
		return ACTION_BACK;
	/* Unknown user, wrong password, not staff: one answer, so that the
	 * screen tells nobody which passwords are right. */
	if (a->conn && not_staff(&err))
		db_error_set(&err, "%s", _("The user name or password is wrong."));
	if (a->conn)
		PQfinish(a->conn);
	a->conn = NULL;
	fv_clear(form_view_value(&s->view, "password"));
	form_view_focus(&s->view, "password");
	ui_set_message(&a->ui, UI_MSG_ERROR, "%s", err.message);
	return ACTION_STAY;
}

static enum action_result act_quit(struct screen *s)
{
	return ACTION_QUIT;
}

static void open_login(struct screen *s)
{
	if (s->app->user) {
		fv_set_utf8(form_view_value(&s->view, "user"), s->app->user);
		form_view_focus(&s->view, "password");
	}
}

static const struct action_def actions[] = {
	{"login", act_login, ACT_CHECK_FORM, N_("sign in")},
	{"quit", act_quit, ACT_CONFIRM, N_("Quit hosho?")},
};
static const char *const reads[] = {"user", "password"};

const struct screen_def screen_login = {
	.name = "login",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
	.open = open_login,
	.draw = draw_demo,
};
