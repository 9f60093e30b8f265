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
 * field when it has a valid one, else today (NULL). Owned. */
static char *date_in_force(struct screen *s)
{
	return form_view_field(&s->view, "on_date") ? screen_field_db(s, "on_date") : NULL;
}

const struct code_list *app_lookup(void *ctx, const char *name)
{
	struct screen *s = ctx;
	struct app *a = s->app;
	char *on = date_in_force(s);
	const char *params[] = {name, on};
	const char *on_key = on ? on : "";
	struct db_error err;
	struct lookup_entry *e = NULL;
	PGresult *res;

	for (size_t i = 0; i < a->nlookups && !e; i++)
		if (strcmp(a->lookups[i].name, name) == 0 && strcmp(a->lookups[i].on, on_key) == 0)
			e = &a->lookups[i];
	if (e || !a->conn) {
		free(on);
		return e ? &e->list : NULL;
	}
	res = db_query(a->conn, &err,
		"SELECT code, label FROM hosho.code_list WHERE list = $1 "
		"AND coalesce($2::date, current_date) BETWEEN coalesce(valid_from, '-infinity') "
		"AND coalesce(valid_to, 'infinity') ORDER BY sort, code",
		2, params);
	if (!res) {
		free(on);
		return NULL;
	}
	a->lookups = xrealloc(a->lookups, sizeof *a->lookups * (a->nlookups + 1));
	e = &a->lookups[a->nlookups++];
	e->name = xstrdup(name);
	e->on = xstrdup(on_key);
	e->list.n = (size_t)PQntuples(res);
	e->list.codes = xcalloc(e->list.n + 1, sizeof *e->list.codes);
	e->list.labels = xcalloc(e->list.n + 1, sizeof *e->list.labels);
	for (size_t i = 0; i < e->list.n; i++) {
		e->list.codes[i] = xstrdup(PQgetvalue(res, (int)i, 0));
		e->list.labels[i] = xstrdup(PQgetvalue(res, (int)i, 1));
	}
	PQclear(res);
	free(on);
	return &e->list;
}

/* A PostgreSQL array literal of quoted elements: {"a","b\"c"}. Owned. */
static char *array_literal(const char *const *v, size_t n)
{
	size_t cap = 3;
	char *s, *p;

	for (size_t i = 0; i < n; i++)
		cap += 2 * strlen(v[i]) + 3;
	s = p = xmalloc(cap);
	*p++ = '{';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ',';
		*p++ = '"';
		for (const char *c = v[i]; *c; c++) {
			if (*c == '"' || *c == '\\')
				*p++ = '\\';
			*p++ = *c;
		}
		*p++ = '"';
	}
	*p++ = '}';
	*p = '\0';
	return s;
}

bool app_read_grants(struct app *a, struct db_error *err)
{
	/* Per screen: may it be opened (its menu privilege), may its record be
	 * saved (EXECUTE on its save function). */
	const char **objects = xcalloc(2 * screen_count, sizeof *objects);
	const char **privs = xcalloc(2 * screen_count, sizeof *privs);
	char **saves = xcalloc(screen_count, sizeof *saves);
	char *params[2];
	PGresult *res;

	for (size_t i = 0; i < screen_count; i++) {
		const struct screen_def *d = screen_table[i];
		const struct form *f = app_form(a, d->name);
		objects[2 * i] = d->object ? d->object : "hosho.staff";
		privs[2 * i] = d->privilege ? d->privilege : "SELECT";
		saves[i] = f->save ? xasprintf("hosho.%s(jsonb)", f->save) : xstrdup("hosho.me()");
		objects[2 * i + 1] = saves[i];
		privs[2 * i + 1] = "EXECUTE";
	}
	params[0] = array_literal(objects, 2 * screen_count);
	params[1] = array_literal(privs, 2 * screen_count);
	res = db_query(a->conn, err,
		"SELECT CASE WHEN p = 'EXECUTE' THEN has_function_privilege(o, p) "
		"            ELSE has_table_privilege(o, p) END "
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
	free(a->may_open);
	free(a->may_save);
	a->may_open = xcalloc(screen_count, sizeof *a->may_open);
	a->may_save = xcalloc(screen_count, sizeof *a->may_save);
	for (size_t i = 0; i < screen_count && (int)(2 * i + 1) < PQntuples(res); i++) {
		a->may_open[i] = strcmp(PQgetvalue(res, (int)(2 * i), 0), "t") == 0;
		a->may_save[i] = strcmp(PQgetvalue(res, (int)(2 * i + 1), 0), "t") == 0;
	}
	PQclear(res);
	return true;
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
	free(a->may_open);
	free(a->may_save);
	free(a->demo_logins);
	if (a->conn)
		PQfinish(a->conn);
	memset(a, 0, sizeof *a);
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
