/* What every screen shares: its form, code lists, the status line, and
 * how a database error reaches the clerk. */
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

const struct code_list *app_lookup(void *ctx, const char *name)
{
	struct app *a = ctx;
	const char *params[] = {name};
	struct db_error err;
	struct lookup_entry *e;
	PGresult *res;

	for (size_t i = 0; i < a->nlookups; i++)
		if (strcmp(a->lookups[i].name, name) == 0)
			return &a->lookups[i].list;
	if (!a->conn)
		return NULL;
	res = db_query(a->conn, &err,
		       "SELECT code, label FROM hosho.code_list WHERE list = $1 ORDER BY sort, code",
		       1, params);
	if (!res)
		return NULL;
	a->lookups = xrealloc(a->lookups, sizeof *a->lookups * (a->nlookups + 1));
	e = &a->lookups[a->nlookups++];
	e->name = xstrdup(name);
	e->list.n = (size_t)PQntuples(res);
	e->list.codes = xcalloc(e->list.n, sizeof *e->list.codes);
	e->list.labels = xcalloc(e->list.n, sizeof *e->list.labels);
	for (size_t i = 0; i < e->list.n; i++) {
		e->list.codes[i] = xstrdup(PQgetvalue(res, (int)i, 0));
		e->list.labels[i] = xstrdup(PQgetvalue(res, (int)i, 1));
	}
	PQclear(res);
	return &e->list;
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
	}
	free(a->lookups);
	free(a->demo_logins);
	if (a->conn)
		PQfinish(a->conn);
	memset(a, 0, sizeof *a);
}

void app_frame(struct app *a, const struct form *f)
{
	ui_draw_frame(&a->ui, f, a->status);
}

bool app_read_key(struct app *a, struct form_view *v, const struct list_view *l,
		  bool cursor_in_list, struct ui_key *key)
{
	app_frame(a, v->form);
	if (l && !cursor_in_list)
		list_view_draw(l);
	form_view_draw(v);
	if (l && cursor_in_list)
		list_view_draw(l);
	ui_refresh();
	return ui_read_key(&a->ui, key) == UI_KEY_OK;
}

void app_list_set_result(struct list_view *l, const PGresult *res)
{
	size_t n = (size_t)PQntuples(res);
	char ***cells = xcalloc(n, sizeof *cells);

	for (size_t r = 0; r < n; r++) {
		cells[r] = xcalloc(l->ncolumns, sizeof *cells[r]);
		for (size_t c = 0; c < l->ncolumns; c++)
			cells[r][c] = xstrdup(PQgetvalue(res, (int)r, (int)c));
	}
	list_view_set_rows(l, cells, n);
}

void app_show_db_error(struct app *a, struct form_view *v, const struct db_error *e)
{
	const struct form_field *f = NULL;

	if (v && e->column[0] && form_view_focus(v, e->column))
		f = form_view_field(v, e->column);
	if (f)
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s: %s", f->label, e->message);
	else if (e->hint[0])
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s %s", e->message, e->hint);
	else
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s", e->message);
}
