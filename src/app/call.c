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
	const struct list_view *l = screen_list_by_id(s, p->field);
	size_t c = list_view_column(l, p->column);

	return l->nrows ? l->cells[l->selected][c] : NULL;
}

/* A column of every row a list shows, as a PostgreSQL array: what the
 * clerk saw is what the call is about. Owned. */
static char *rows_value(struct screen *s, const struct form_param *p)
{
	const struct list_view *l = screen_list_by_id(s, p->field);
	size_t c = list_view_column(l, p->column);
	const char **v = xcalloc(l->nrows + 1, sizeof *v);
	char *array;

	for (size_t r = 0; r < l->nrows; r++)
		v[r] = l->cells[r][c];
	array = db_array_literal(v, l->nrows);
	free(v);
	return array;
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
	case PARAM_ROWS:
		return rows_value(s, p);
	case PARAM_KEY:
		return s->key ? xstrdup(s->key) : NULL;
	case PARAM_VERSION:
		return s->version ? xstrdup(s->version) : NULL;
	case PARAM_REQUEST:
		return request ? xstrdup(request) : NULL;
	case PARAM_RECORD:
		return record_json(s);
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

/* What a try of a call needs: the screen, the call, its values. */
struct call_try {
	struct screen *s;
	const struct form_call *c;
	char **params; /* the request parameter is filled by send */
};

static bool call_send(void *ctx, const char *id, struct db_error *err)
{
	struct call_try *t = ctx;

	for (size_t i = 0; i < t->c->nparams; i++) {
		if (t->c->params[i].kind == PARAM_REQUEST) {
			free(t->params[i]);
			t->params[i] = xstrdup(id);
		}
	}
	return run(t->s, t->c, (const char *const *)t->params, err);
}

static void call_show(void *ctx, const char *answer)
{
	struct call_try *t = ctx;

	if (t->c->record)
		record_show_answer(t->s, answer);
}

/* The same call with the same values again is a retry of one request. */
static char *call_key(const struct form_call *c, char *const *params)
{
	struct json_buf j;

	json_begin(&j);
	json_add(&j, "action", c->action);
	for (size_t i = 0; i < c->nparams; i++)
		if (c->params[i].kind != PARAM_REQUEST)
			json_add(&j, "value", params[i] ? params[i] : "");
	return json_end(&j);
}

/* A list of the record's own rows (its source takes the key): after a call
 * that answers the record, only these are read again with it; the others
 * (a check of what was typed) do not follow from the call. */
static bool lists_record_rows(const struct form_list *l)
{
	for (size_t i = 0; i < l->nparams; i++)
		if (l->params[i].kind == PARAM_KEY)
			return true;
	return false;
}

enum action_result call_run(struct screen *s, const struct form_call *c)
{
	struct ui *ui = &s->app->ui;
	struct call_try t;
	char **params, *key;
	struct list_view **lists;
	size_t nlists = 0;
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
	key = call_key(c, params);
	request_take(&s->call, key);
	free(key);
	t = (struct call_try){s, c, params};
	ok = request_run(s->app, &s->call, call_send, call_show, &t, &s->view,
			 _("The connection was lost and it was not done. Your input is kept: press the key again."));
	for (size_t i = 0; i < c->nparams; i++)
		free(params[i]);
	free(params);
	if (!ok)
		return ACTION_STAY;
	/* the lists that follow from it, read again in one statement */
	lists = xcalloc(s->form->nlists + 1, sizeof *lists);
	for (size_t i = 0; i < s->form->nlists; i++)
		if (s->form->lists[i].source && (!c->record || lists_record_rows(&s->form->lists[i])))
			lists[nlists++] = &s->lists[i];
	screen_fill_lists(s, lists, nlists);
	free(lists);
	ui_set_message(ui, UI_MSG_INFO, "%s", c->done);
	return ACTION_STAY;
}
