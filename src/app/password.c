/* パスワード変更: every staff member changes their own password. The
 * current one is checked by connecting with it; the new one is hashed here
 * (PQencryptPasswordConn, the server's method) so that it never travels
 * or reaches the server's logs in clear. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* Shortest new password taken. */
#define PASSWORD_MIN_CHARS 8

static void forget(char *secret)
{
	memset(secret, 0, strlen(secret));
	free(secret);
}

/* The refused field is emptied for typing again; the others stay. */
static bool refuse(struct screen *s, const char *field, const char *why)
{
	fv_clear(form_view_value(&s->view, field));
	form_view_focus(&s->view, field);
	ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", why);
	return false;
}

/* ALTER ROLE takes no parameter: the hash goes in as an escaped literal. */
static bool set_password(struct screen *s, const char *password)
{
	PGconn *conn = s->app->conn;
	char *hash = PQencryptPasswordConn(conn, password, PQuser(conn), NULL);
	char *literal = hash ? PQescapeLiteral(conn, hash, strlen(hash)) : NULL;
	char *sql = literal ? xasprintf("ALTER ROLE CURRENT_USER PASSWORD %s", literal) : NULL;
	struct db_error err;
	bool ok = sql && db_exec(conn, &err, sql, 0, NULL);

	if (!sql)
		db_error_from(&err, conn, NULL);
	if (!ok)
		app_show_db_error(s->app, &s->view, &err);
	free(sql);
	PQfreemem(literal);
	PQfreemem(hash);
	return ok;
}

static bool change(struct screen *s, const char *current, const char *new, const char *again)
{
	struct db_error err;
	PGconn *check;

	if (strcmp(new, again) != 0)
		return refuse(s, "again", _("The new password and its repetition differ."));
	if (mbstowcs(NULL, new, 0) < PASSWORD_MIN_CHARS)
		return refuse(s, "new", _("The new password needs at least 8 characters."));
	if (strcmp(new, current) == 0)
		return refuse(s, "new", _("The new password is the same as the current one."));
	check = db_connect(s->app->conninfo, PQuser(s->app->conn), current, &err);
	if (!check)
		return refuse(s, "current", _("The current password is wrong."));
	PQfinish(check);
	return set_password(s, new);
}

static enum action_result act_change(struct screen *s)
{
	char *current = fv_get_utf8(form_view_value(&s->view, "current"));
	char *new = fv_get_utf8(form_view_value(&s->view, "new"));
	char *again = fv_get_utf8(form_view_value(&s->view, "again"));
	bool changed = change(s, current, new, again);

	forget(current);
	forget(new);
	forget(again);
	if (!changed)
		return ACTION_STAY;
	form_view_clear(&s->view);
	ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("The password was changed."));
	return ACTION_BACK;
}

static const struct action_def actions[] = {
	{"change", act_change, ACT_CHECK_FORM, N_("change the password")},
};
static const char *const reads[] = {"current", "new", "again"};

const struct screen_def screen_password = {
	.name = "password",
	.menu_label = N_("Change password"),
	.object = "hosho.me()", /* every staff member */
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
};
