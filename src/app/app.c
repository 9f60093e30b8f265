/* What every screen shares: its form, code lists, what the database grants
 * the signed-in person, and how a database error reaches the clerk. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

const struct form *app_form(const struct app *a, const char *name)
{
	return form_set_get(a->forms, name);
}

/* The date a screen's dated code lists (schemes) are valid on: its on_date
 * field (the form's on_date names it) when it has a valid one, else the
 * database's today. Owned. */
static char *date_in_force(struct screen *s)
{
	const char *id = s->form->on_date ? s->form->on_date : "on_date";
	char *on = form_view_field(&s->view, id) ? screen_field_db(s, id) : NULL;

	return on ? on : xstrdup(s->app->codes.today);
}

/* Every code list of the database, read in one query at the first sign-in
 * (or, if that failed, at the first lookup), once for the program's run: a
 * screen then opens without asking for its lists, and no transition pays
 * for them. */
bool app_read_codes(struct app *a)
{
	struct db_error err;
	struct code_rows *c = &a->codes;
	PGresult *res;

	if (c->read)
		return true;
	res = db_query(a->conn, &err,
		"SELECT list, code, label, coalesce(valid_from::text, ''), coalesce(valid_to::text, ''), "
		"current_date::text FROM hosho.code_list ORDER BY list, sort, code", 0, NULL);
	if (!res)
		return false;
	c->n = (size_t)PQntuples(res);
	c->rows = xcalloc(c->n + 1, sizeof *c->rows);
	for (size_t i = 0; i < c->n; i++)
		for (int k = 0; k < 5; k++)
			c->rows[i].v[k] = xstrdup(PQgetvalue(res, (int)i, k));
	if (c->n)
		snprintf(c->today, sizeof c->today, "%s", PQgetvalue(res, 0, 5));
	c->read = true;
	PQclear(res);
	return true;
}

/* The list's codes valid on a date (ISO dates compare as text). */
static void filter_codes(const struct code_rows *c, const char *name, const char *on,
			 struct code_list *out)
{
	out->codes = xcalloc(c->n + 1, sizeof *out->codes);
	out->labels = xcalloc(c->n + 1, sizeof *out->labels);
	for (size_t i = 0; i < c->n; i++) {
		char *const *v = c->rows[i].v;
		if (strcmp(v[0], name) != 0 || (*v[3] && strcmp(v[3], on) > 0) ||
		    (*v[4] && strcmp(on, v[4]) > 0))
			continue;
		out->codes[out->n] = xstrdup(v[1]);
		out->labels[out->n++] = xstrdup(v[2]);
	}
}

const struct code_list *app_lookup(void *ctx, const char *name)
{
	struct screen *s = ctx;
	struct app *a = s->app;
	struct lookup_entry *e = NULL;
	char *on;

	if (!a->conn || !app_read_codes(a))
		return NULL;
	on = date_in_force(s);
	for (size_t i = 0; i < a->nlookups && !e; i++)
		if (strcmp(a->lookups[i].name, name) == 0 && strcmp(a->lookups[i].on, on) == 0)
			e = &a->lookups[i];
	if (!e) {
		a->lookups = xrealloc(a->lookups, sizeof *a->lookups * (a->nlookups + 1));
		e = &a->lookups[a->nlookups++];
		memset(e, 0, sizeof *e);
		e->name = xstrdup(name);
		e->on = xstrdup(on);
		filter_codes(&a->codes, name, on, &e->list);
	}
	free(on);
	return &e->list;
}

bool app_read_grants(struct app *a, struct db_error *err)
{
	/* Per screen: may it be opened (its menu privilege), may its record be
	 * saved (EXECUTE on its save function), and each of its calls made
	 * (EXECUTE on the call's function, under any of its signatures). */
	size_t n = 2 * screen_count, k = 0;
	const char **objects, **privs;
	char **saves = xcalloc(screen_count, sizeof *saves);
	char *params[2];
	PGresult *res;

	for (size_t i = 0; i < screen_count; i++)
		n += app_form(a, screen_table[i]->name)->ncalls;
	objects = xcalloc(n, sizeof *objects);
	privs = xcalloc(n, sizeof *privs);
	for (size_t i = 0; i < screen_count; i++) {
		const struct screen_def *d = screen_table[i];
		const struct form *f = app_form(a, d->name);
		objects[k] = d->object ? d->object : "hosho.staff";
		privs[k++] = d->privilege ? d->privilege : "SELECT";
		saves[i] = f->save ? xasprintf("hosho.%s(jsonb)", f->save) : xstrdup("hosho.me()");
		objects[k] = saves[i];
		privs[k++] = "EXECUTE";
		for (size_t c = 0; c < f->ncalls; c++) {
			objects[k] = f->calls[c].function;
			privs[k++] = "CALL";
		}
	}
	params[0] = db_array_literal(objects, n);
	params[1] = db_array_literal(privs, n);
	res = db_query(a->conn, err,
		/* An object the database lacks (a screen newer than the schema) is
		 * not granted, rather than an error that stops the sign-in. */
		"SELECT CASE p WHEN 'EXECUTE' THEN to_regprocedure(o) IS NOT NULL "
		"                 AND has_function_privilege(o, p) "
		"              WHEN 'CALL' THEN EXISTS (SELECT FROM pg_proc f WHERE f.proname = o "
		"                 AND f.pronamespace = 'hosho'::regnamespace AND has_function_privilege(f.oid, 'EXECUTE')) "
		"              ELSE to_regclass(o) IS NOT NULL AND has_table_privilege(o, p) END "
		"  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(o, p, i) ORDER BY i",
		2, (const char *const *)params);
	for (size_t i = 0; i < screen_count; i++)
		free(saves[i]);
	free(saves);
	free(objects);
	free(privs);
	free(params[0]);
	free(params[1]);
	if (!res)
		return false;
	app_free_grants(a);
	a->may_open = xcalloc(screen_count, sizeof *a->may_open);
	a->may_save = xcalloc(screen_count, sizeof *a->may_save);
	a->may_call = xcalloc(screen_count, sizeof *a->may_call);
	k = 0;
	for (size_t i = 0; i < screen_count && k < (size_t)PQntuples(res); i++) {
		size_t ncalls = app_form(a, screen_table[i]->name)->ncalls;
		a->may_open[i] = strcmp(PQgetvalue(res, (int)k++, 0), "t") == 0;
		a->may_save[i] = strcmp(PQgetvalue(res, (int)k++, 0), "t") == 0;
		a->may_call[i] = xcalloc(ncalls + 1, sizeof *a->may_call[i]);
		for (size_t c = 0; c < ncalls; c++)
			a->may_call[i][c] = strcmp(PQgetvalue(res, (int)k++, 0), "t") == 0;
	}
	PQclear(res);
	return true;
}

void app_free_grants(struct app *a)
{
	for (size_t i = 0; a->may_call && i < screen_count; i++)
		free(a->may_call[i]);
	free(a->may_call);
	free(a->may_open);
	free(a->may_save);
	a->may_call = NULL;
	a->may_open = NULL;
	a->may_save = NULL;
}

void app_free(struct app *a)
{
	for (size_t i = 0; i < a->nlookups; i++) {
		for (size_t k = 0; k < a->lookups[i].list.n; k++) {
			free(a->lookups[i].list.codes[k]);
			free(a->lookups[i].list.labels[k]);
		}
		free(a->lookups[i].list.codes);
		free(a->lookups[i].list.labels);
		free(a->lookups[i].name);
		free(a->lookups[i].on);
	}
	free(a->lookups);
	for (size_t i = 0; i < a->codes.n; i++)
		for (int k = 0; k < 5; k++)
			free(a->codes.rows[i].v[k]);
	free(a->codes.rows);
	app_free_grants(a);
	listen_forget(a);
	free(a->demo_logins);
	if (a->conn)
		PQfinish(a->conn);
	memset(a, 0, sizeof *a);
}

int app_choose_row(struct app *a, const char *title, const PGresult *res)
{
	struct code_list l = {.n = (size_t)PQntuples(res)};
	int picked;

	l.codes = xcalloc(l.n + 1, sizeof *l.codes);
	l.labels = xcalloc(l.n + 1, sizeof *l.labels);
	for (size_t i = 0; i < l.n; i++) {
		l.codes[i] = PQgetvalue(res, (int)i, 0);
		l.labels[i] = PQgetvalue(res, (int)i, 1);
	}
	picked = ui_choose(&a->ui, title, &l, 0);
	free(l.codes);
	free(l.labels);
	return picked;
}

void app_show_db_error(struct app *a, struct form_view *v, const struct db_error *e)
{
	const struct form_field *f = NULL;

	if (v && e->column[0] && form_view_focus(v, e->column))
		f = form_view_field(v, e->column);
	if (f && e->hint[0])
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s: %s %s", f->label, e->message, e->hint);
	else if (f)
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s: %s", f->label, e->message);
	else if (e->hint[0])
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s %s", e->message, e->hint);
	else
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s", e->message);
}
