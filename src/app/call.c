/* Declared calls (a form's `calls:`): a key bound to a state-changing
 * database function. The function decides; a refusal is an error naming its
 * field, shown there with what was typed kept. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* The chosen row's column of a list, or NULL (no row chosen). */
static const char *row_value(struct screen *s, const struct form_param *p)
{
	const struct form_list *decl = form_list_by_id(s->form, p->field);
	const struct list_view *l = &s->lists[decl - s->form->lists];
	size_t c = (size_t)(form_column_by_id(decl, p->column) - decl->columns);

	return l->nrows ? l->cells[l->selected][c] : NULL;
}

/* A password field never leaves the terminal in clear: it goes hashed,
 * as ALTER ROLE ... PASSWORD takes it. */
static char *field_param(struct screen *s, const char *id)
{
	const struct form_field *f = form_view_field(&s->view, id);
	char *v = screen_field_db(s, id), *hashed;

	if (!v || f->type != FIELD_PASSWORD)
		return v;
	hashed = PQencryptPasswordConn(s->app->conn, v, "", NULL);
	memset(v, 0, strlen(v));
	free(v);
	if (!hashed)
		return NULL;
	v = xstrdup(hashed);
	PQfreemem(hashed);
	return v;
}

char *screen_param(struct screen *s, const struct form_param *p, int limit, const char *request)
{
	const char *row;

	switch (p->kind) {
	case PARAM_FIELD:
		return field_param(s, p->field);
	case PARAM_LIMIT:
		return xasprintf("%d", limit + 1);
	case PARAM_CONST:
		return xasprintf("%lld", p->value);
	case PARAM_ROW:
		row = row_value(s, p);
		return row ? xstrdup(row) : NULL;
	case PARAM_KEY:
		return s->key ? xstrdup(s->key) : NULL;
	case PARAM_VERSION:
		return s->version ? xstrdup(s->version) : NULL;
	case PARAM_REQUEST:
		return request ? xstrdup(request) : NULL;
	}
	return NULL;
}

/* A call with a row parameter needs a chosen row. */
static bool has_row(struct screen *s, const struct form_call *c)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (c->params[i].kind == PARAM_ROW && !row_value(s, &c->params[i]))
			return false;
	return true;
}

/* Runs the call; false with err filled if the database refused it or the
 * answer did not come. */
static bool run(struct screen *s, const struct form_call *c, const char *const *params,
		struct db_error *err)
{
	size_t cap = 32 + strlen(c->function) + 6 * c->nparams;
	char *expr = xmalloc(cap), *sql;
	PGresult *res;
	bool ok;

	/* hosho."function"($1, ...): the name is a checked identifier. */
	snprintf(expr, cap, "hosho.\"%s\"(", c->function);
	for (size_t i = 0; i < c->nparams; i++)
		snprintf(expr + strlen(expr), cap - strlen(expr), "%s$%zu", i ? ", " : "", i + 1);
	strcat(expr, ")");
	if (c->record) {
		ok = record_call(s, expr, (int)c->nparams, params, err);
		free(expr);
		return ok;
	}
	sql = xasprintf("SELECT %s", expr);
	res = db_query(s->app->conn, err, sql, (int)c->nparams, params);
	ok = res != NULL;
	PQclear(res);
	free(sql);
	free(expr);
	return ok;
}

/* The same call with the same values again is a retry of one request: it
 * keeps its id, so the database applies it once. */
static void take_request_id(struct screen *s, const struct form_call *c, char *const *params)
{
	struct json_buf j;
	char *key;

	json_begin(&j);
	json_add(&j, "action", c->action);
	for (size_t i = 0; i < c->nparams; i++)
		if (c->params[i].kind != PARAM_REQUEST)
			json_add(&j, "value", params[i] ? params[i] : "");
	key = json_end(&j);
	if (s->call_for && strcmp(s->call_for, key) == 0) {
		free(key);
		return;
	}
	free(s->call_for);
	s->call_for = key;
	s->call_unsure = false;
	uuid_v4(s->call_request);
}

enum call_outcome {
	CALL_DONE,
	CALL_NOT_DONE,
	CALL_UNKNOWN, /* the database could not say: message set */
};

/* After a lost answer: did the database apply the request? */
static enum call_outcome ask_done(struct screen *s)
{
	const char *params[] = {s->call_request};
	struct db_error err;
	PGresult *res = db_query(s->app->conn, &err,
		"SELECT hosho.request_done($1::uuid) IS NOT NULL", 1, params);
	bool done;

	if (!res) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			_("The connection was lost and whether it was done is not known. Press the key "
			  "again when the database is back: it will not be done twice."));
		return CALL_UNKNOWN;
	}
	done = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	s->call_unsure = false;
	return done ? CALL_DONE : CALL_NOT_DONE;
}

/* Runs the call once, or settles whether a lost try was applied. */
static bool call_once(struct screen *s, const struct form_call *c, const char *const *params)
{
	struct db_error err;

	if (s->call_unsure) {
		enum call_outcome o = ask_done(s);
		if (o != CALL_NOT_DONE)
			return o == CALL_DONE && (!c->record || record_load(s));
	}
	db_error_clear(&err);
	if (run(s, c, params, &err))
		return true;
	if (!err.sqlstate[0] && !err.message[0]) /* no record came back: message set */
		return false;
	if (strcmp(err.sqlstate, "08006") != 0) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	/* Sent, and the answer lost: it may or may not have been done. */
	s->call_unsure = true;
	switch (ask_done(s)) {
	case CALL_DONE:
		return !c->record || record_load(s);
	case CALL_NOT_DONE:
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			_("The connection was lost and it was not done. Your input is kept: press the key again."));
		return false;
	case CALL_UNKNOWN:
		break;
	}
	return false;
}

enum action_result call_run(struct screen *s, const struct form_call *c)
{
	struct ui *ui = &s->app->ui;
	char **params;
	bool ok;

	if (!has_row(s, c)) {
		ui_set_message(ui, UI_MSG_ERROR, "%s", _("There is no row to choose in the list."));
		return ACTION_STAY;
	}
	/* As before a save: every field passes its checks, and a code typed by
	 * its label is resolved to the code the function takes. */
	if (!form_view_check_all(&s->view, ui))
		return ACTION_STAY;
	if (c->confirm && !ui_confirm(ui, c->confirm))
		return ACTION_STAY;
	params = xcalloc(c->nparams + 1, sizeof *params);
	for (size_t i = 0; i < c->nparams; i++)
		params[i] = screen_param(s, &c->params[i], 0, NULL);
	take_request_id(s, c, params);
	for (size_t i = 0; i < c->nparams; i++)
		if (c->params[i].kind == PARAM_REQUEST)
			params[i] = xstrdup(s->call_request);
	ok = call_once(s, c, (const char *const *)params);
	for (size_t i = 0; i < c->nparams; i++)
		free(params[i]);
	free(params);
	if (!ok)
		return ACTION_STAY;
	free(s->call_for); /* done: the next press is a new request */
	s->call_for = NULL;
	for (size_t i = 0; i < s->form->nlists; i++)
		if (s->form->lists[i].source)
			screen_fill_list(s, &s->lists[i]);
	ui_set_message(ui, UI_MSG_INFO, "%s", c->done);
	return ACTION_STAY;
}
