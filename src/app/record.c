/* A form's record: read through the function the form names in `load:`
 * (key -> jsonb) and written through `save:` (jsonb -> jsonb, the record as
 * saved), one round trip each. Fields take the record's keys of the same
 * name; a list declared with `record:` takes an array of objects. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* The record as rows: (key, scalar text, array index, element key, element
 * text), so that one statement brings fields and arrays alike (an array of
 * texts: no element key, the text). %s is the call giving the record;
 * function names are checked identifiers. */
static const char flatten_sql[] =
	"SELECT e.key, CASE WHEN jsonb_typeof(e.value) IN ('array', 'object') THEN NULL "
	"                   ELSE e.value #>> '{}' END, a.ord, c.key, "
	"       CASE WHEN jsonb_typeof(a.elem) = 'object' THEN c.value ELSE a.elem #>> '{}' END "
	"  FROM (SELECT %s AS r) x "
	"  CROSS JOIN LATERAL jsonb_each(x.r) e "
	"  LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.value) = 'array' "
	"       THEN e.value END) WITH ORDINALITY a(elem, ord) ON true "
	"  LEFT JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(a.elem) = 'object' "
	"       THEN a.elem END) c ON true "
	" ORDER BY e.key, a.ord";

static void set_owned(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

static struct list_view *record_list(struct screen *s, const char *key)
{
	for (size_t i = 0; i < s->form->nlists; i++)
		if (s->form->lists[i].record && strcmp(s->form->lists[i].record, key) == 0)
			return &s->lists[i];
	return NULL;
}

/* Puts element (ord, col, value) of a record array into its list. */
static void put_element(struct list_view *l, size_t ord, const char *col, const char *value)
{
	size_t ncols = l->decl->ncolumns;

	while (l->nrows < ord) {
		l->cells = xrealloc(l->cells, (l->nrows + 1) * sizeof *l->cells);
		l->cells[l->nrows++] = xcalloc(ncols, sizeof **l->cells);
	}
	for (size_t c = 0; col && c < ncols; c++)
		if (strcmp(l->decl->columns[c].id, col) == 0)
			set_owned(&l->cells[ord - 1][c], value);
}

void record_offers_free(struct screen *s)
{
	for (size_t i = 0; i < s->noffered; i++)
		free(s->offered[i]);
	free(s->offered);
	s->offered = NULL;
	s->noffered = 0;
}

bool record_offers(const struct screen *s, const char *action)
{
	if (!s->form->offers || !form_call_by_action(s->form, action))
		return true;
	for (size_t i = 0; i < s->noffered; i++)
		if (strcmp(s->offered[i], action) == 0)
			return true;
	return false;
}

/* Takes one row of the record's offers array (an empty array is one row
 * without an element). */
static void take_offer(struct screen *s, const PGresult *res, int r)
{
	if (PQgetisnull(res, r, 2) || PQgetisnull(res, r, 4))
		return;
	s->offered = xrealloc(s->offered, (s->noffered + 1) * sizeof *s->offered);
	s->offered[s->noffered++] = xstrdup(PQgetvalue(res, r, 4));
}

/* Fills the screen from a flattened record; false if there is none.
 * Field values are the database's text, or with typed the text as the
 * clerk typed it (a draft). */
static bool apply(struct screen *s, const PGresult *res, bool typed)
{
	bool cleared[s->form->nlists + 1], offers_cleared;

	if (PQntuples(res) == 0)
		return false;
	form_view_clear(&s->view);
	/* A list is what the record's array says; an answer without the array
	 * (a transition answering the case alone) leaves the list as it was. */
	memset(cleared, 0, sizeof cleared);
	offers_cleared = false;
	for (int r = 0; r < PQntuples(res); r++) {
		const char *key = PQgetvalue(res, r, 0);
		const char *val = PQgetisnull(res, r, 1) ? NULL : PQgetvalue(res, r, 1);
		const struct form_field *f = form_view_field(&s->view, key);
		struct list_view *l = record_list(s, key);

		/* As a list: an answer without the array leaves it as it was. */
		if (s->form->offers && strcmp(key, s->form->offers) == 0) {
			if (!offers_cleared)
				record_offers_free(s);
			offers_cleared = true;
			take_offer(s, res, r);
			continue;
		}

		if (l && !cleared[l - s->lists]) {
			list_view_free_rows(l);
			cleared[l - s->lists] = true;
		}

		if (strcmp(key, "version") == 0)
			set_owned(&s->version, val);
		if (s->form->key && strcmp(key, s->form->key) == 0)
			set_owned(&s->key, val);
		if (f && typed)
			fv_set_utf8(form_view_value(&s->view, key), val ? val : "");
		else if (f)
			field_from_db(f, form_view_value(&s->view, key), val);
		else if (l && !PQgetisnull(res, r, 2) && atoi(PQgetvalue(res, r, 2)) > 0)
			put_element(l, strtoul(PQgetvalue(res, r, 2), NULL, 10),
				    PQgetisnull(res, r, 3) ? NULL : PQgetvalue(res, r, 3),
				    PQgetisnull(res, r, 4) ? NULL : PQgetvalue(res, r, 4));
	}
	if (!typed)
		record_mark_saved(s);
	return true;
}

/* What a record call gives, flattened; NULL with err filled on failure. */
static PGresult *query_record_n(struct screen *s, const char *call, int nparams,
				const char *const *params, struct db_error *err)
{
	char *sql = xasprintf(flatten_sql, call);
	PGresult *res = db_query(s->app->conn, err, sql, nparams, params);

	free(sql);
	return res;
}

static PGresult *query_record(struct screen *s, const char *call, const char *param,
			      struct db_error *err)
{
	const char *params[] = {param};

	return query_record_n(s, call, 1, params, err);
}

/* Shows what a record call gave; false with the message set if nothing. */
static bool show_record(struct screen *s, PGresult *res)
{
	bool ok = apply(s, res, false);

	PQclear(res);
	if (!ok)
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("This record no longer exists."));
	return ok;
}

bool record_call(struct screen *s, const char *expr, int nparams, const char *const *params,
		 struct db_error *err)
{
	PGresult *res = query_record_n(s, expr, nparams, params, err);

	if (!res)
		return false;
	return show_record(s, res);
}

bool record_load(struct screen *s)
{
	char call[128];
	struct db_error err;
	PGresult *res;

	snprintf(call, sizeof call, "hosho.\"%s\"($1)", s->form->load);
	res = query_record(s, call, s->key, &err);
	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	return show_record(s, res);
}

bool record_apply_draft(struct screen *s, const char *draft)
{
	struct db_error err;
	PGresult *res = query_record(s, "$1::jsonb", draft, &err);
	bool ok;

	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	ok = apply(s, res, true);
	PQclear(res);
	return ok;
}

/* The record's arrays (lists declared with record:), as JSON arrays. */
static void add_arrays(struct screen *s, struct json_buf *j)
{
	const struct form *f = s->form;

	for (size_t i = 0; i < f->nlists; i++) {
		const struct form_list *l = &f->lists[i];
		const char *names[l->ncolumns + 1];
		if (!l->record)
			continue;
		for (size_t c = 0; c < l->ncolumns; c++)
			names[c] = l->columns[c].id;
		json_add_rows(j, l->record, names, l->ncolumns,
			      (char *const *const *)s->lists[i].cells, s->lists[i].nrows);
	}
}

/* The record as the save function takes it, with request_id if not NULL. */
static char *record_request(struct screen *s, const char *request_id)
{
	const struct form *f = s->form;
	struct json_buf j;

	json_begin(&j);
	json_add(&j, "request_id", request_id);
	if (f->key)
		json_add(&j, f->key, s->key);
	json_add(&j, "version", s->version);
	for (size_t i = 0; i < f->nfields; i++) {
		char *v;
		if (f->fields[i].readonly || f->fields[i].transient)
			continue;
		v = field_to_db(&f->fields[i], &s->view.values[i]);
		json_add(&j, f->fields[i].id, v);
		free(v);
	}
	add_arrays(s, &j);
	return json_end(&j);
}

char *record_json(struct screen *s)
{
	return record_request(s, NULL);
}

char *record_draft(struct screen *s)
{
	struct json_buf j;

	json_begin(&j);
	json_add(&j, "#screen", s->def->name);
	if (s->form->key)
		json_add(&j, s->form->key, s->key);
	json_add(&j, "version", s->version);
	for (size_t i = 0; i < s->form->nfields; i++) {
		const struct form_field *f = &s->form->fields[i];
		char *v;
		if (f->readonly || f->transient || f->type == FIELD_PASSWORD)
			continue;
		v = fv_get_utf8(&s->view.values[i]);
		json_add(&j, f->id, *v ? v : NULL);
		free(v);
	}
	add_arrays(s, &j);
	return json_end(&j);
}

/* A save is sent as the record with its request id; the record it answers is
 * what the screen shows. */
static bool save_send(void *ctx, const char *id, struct db_error *err)
{
	struct screen *s = ctx;
	char call[128], *request = record_request(s, id);
	PGresult *res;

	snprintf(call, sizeof call, "hosho.\"%s\"($1::jsonb)", s->form->save);
	res = query_record(s, call, request, err);
	free(request);
	return res && show_record(s, res);
}

void record_show_answer(void *screen, const char *answer)
{
	struct screen *s = screen;
	struct db_error err;
	PGresult *res = query_record(s, "$1::jsonb", answer, &err);

	if (res)
		show_record(s, res);
}

bool record_save(struct screen *s)
{
	char *record = record_json(s);

	request_take(&s->save, record);
	free(record);
	return request_run(s->app, &s->save, save_send, record_show_answer, s, &s->view,
			   _("The connection was lost while saving and the save was not done. "
			     "Your input is kept: press F10 to save it."));
}

/* What the clerk sees of the record: every field's text as typed, and the
 * record's arrays. */
static char *snapshot(struct screen *s)
{
	struct json_buf j;
	char *arrays = NULL;

	json_begin(&j);
	for (size_t i = 0; i < s->form->nfields; i++) {
		char *v;
		if (s->form->fields[i].transient)
			continue;
		v = fv_get_utf8(&s->view.values[i]);
		json_add(&j, s->form->fields[i].id, v);
		free(v);
	}
	if (s->form->nlists) {
		arrays = record_json(s); /* the arrays differ only by what is in them */
		json_add(&j, "", arrays);
		free(arrays);
	}
	return json_end(&j);
}

/* A form whose call takes the record (an intake) has one to lose. */
static bool sends_record(const struct form *f)
{
	for (size_t i = 0; i < f->ncalls; i++)
		for (size_t p = 0; p < f->calls[i].nparams; p++)
			if (f->calls[i].params[p].kind == PARAM_RECORD)
				return true;
	return false;
}

bool record_unsaved(struct screen *s)
{
	char *now;
	bool changed;

	if (!s->form->save && !sends_record(s->form)) /* search conditions are not a record to lose */
		return false;
	now = snapshot(s);
	changed = !s->saved || strcmp(now, s->saved) != 0;

	free(now);
	return changed;
}

void record_mark_saved(struct screen *s)
{
	free(s->saved);
	s->saved = snapshot(s);
}
