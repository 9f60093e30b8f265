/* The actions every screen has: a form binds a function key to one of these
 * by name (its `keys:`), or to one of its own screen's. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* The arguments of a list's source, from the form's fields. */
static char **source_params(struct screen *s, const struct form_list *decl)
{
	char **v = xcalloc(decl->nparams + 1, sizeof *v);

	for (size_t i = 0; i < decl->nparams; i++)
		v[i] = screen_param(s, &decl->params[i], decl->limit, NULL);
	return v;
}

/* SELECT "col", ... FROM hosho."source"($1, ...) [LIMIT n + 1]: names are
 * identifiers the form loader checked, values are parameters. */
static char *source_sql(const struct form_list *decl)
{
	size_t cap = 128;
	char *sql;

	for (size_t c = 0; c < decl->ncolumns; c++)
		cap += strlen(decl->columns[c].id) + 4;
	cap += strlen(decl->source) + decl->nparams * 6;
	sql = xmalloc(cap);
	strcpy(sql, "SELECT ");
	for (size_t c = 0; c < decl->ncolumns; c++)
		sprintf(sql + strlen(sql), "%s\"%s\"", c ? ", " : "", decl->columns[c].id);
	sprintf(sql + strlen(sql), " FROM hosho.\"%s\"(", decl->source);
	for (size_t i = 0; i < decl->nparams; i++)
		sprintf(sql + strlen(sql), "%s$%zu", i ? ", " : "", i + 1);
	strcat(sql, ")");
	if (decl->limit)
		sprintf(sql + strlen(sql), " LIMIT %d", decl->limit + 1);
	return sql;
}

bool screen_fill_list(struct screen *s, struct list_view *l)
{
	const struct form_list *decl = l->decl;
	char **params = source_params(s, decl);
	char *sql = source_sql(decl);
	struct db_error err;
	PGresult *res = db_query(s->app->conn, &err, sql, (int)decl->nparams,
				 (const char *const *)params);
	size_t n;
	char ***cells;

	for (size_t i = 0; i < decl->nparams; i++)
		free(params[i]);
	free(params);
	free(sql);
	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	n = (size_t)PQntuples(res);
	l->more = decl->limit && n > (size_t)decl->limit;
	if (l->more)
		n = (size_t)decl->limit;
	cells = xcalloc(n + 1, sizeof *cells);
	for (size_t r = 0; r < n; r++) {
		cells[r] = xcalloc(decl->ncolumns, sizeof *cells[r]);
		for (size_t c = 0; c < decl->ncolumns; c++)
			if (!PQgetisnull(res, (int)r, (int)c))
				cells[r][c] = xstrdup(PQgetvalue(res, (int)r, (int)c));
	}
	PQclear(res);
	list_view_set_rows(l, cells, n);
	return true;
}

static struct list_view *source_list(struct screen *s)
{
	for (size_t i = 0; i < s->form->nlists; i++)
		if (s->form->lists[i].source)
			return &s->lists[i];
	return NULL;
}

static enum action_result act_search(struct screen *s)
{
	struct list_view *l = source_list(s);
	struct ui *ui = &s->app->ui;

	if (!l || !screen_fill_list(s, l))
		return ACTION_STAY;
	/* the other lists read from the database (a figure beside the
	 * search's list) are read again with it */
	for (size_t i = (size_t)(l - s->lists) + 1; i < s->form->nlists; i++)
		if (s->form->lists[i].source && !screen_fill_list(s, &s->lists[i]))
			return ACTION_STAY;
	if (l->nrows == 0)
		ui_set_message(ui, UI_MSG_INFO, "%s", _("Nothing matches."));
	else if (l->more)
		ui_set_message(ui, UI_MSG_INFO, _("More than %d found: narrow the search."), l->decl->limit);
	else if (l->decl->open)
		ui_set_message(ui, UI_MSG_INFO, _("%zu found. Choose with the arrow keys, Enter opens."),
			       l->nrows);
	else
		ui_set_message(ui, UI_MSG_INFO, _("%zu found."), l->nrows);
	if (l->nrows && l->decl->open)
		s->focus = (int)(l - s->lists);
	return ACTION_STAY;
}

static enum action_result act_criteria(struct screen *s)
{
	s->focus = -1;
	return ACTION_STAY;
}

static size_t key_column(const struct form_list *decl)
{
	size_t c = 0;

	while (strcmp(decl->columns[c].id, decl->key) != 0)
		c++;
	return c;
}

void screen_reread_list(struct screen *s, struct list_view *l)
{
	size_t kc = key_column(l->decl);
	char *key = l->nrows && l->cells[l->selected][kc] ? xstrdup(l->cells[l->selected][kc]) : NULL;
	char saved_msg[sizeof s->app->ui.message];
	enum ui_msg kind = s->app->ui.kind;

	snprintf(saved_msg, sizeof saved_msg, "%s", s->app->ui.message);
	if (!screen_fill_list(s, l))
		list_view_free_rows(l);
	else
		ui_set_message(&s->app->ui, kind, "%s", saved_msg);
	for (size_t r = 0; key && r < l->nrows; r++)
		if (l->cells[r][kc] && strcmp(l->cells[r][kc], key) == 0)
			l->selected = r;
	if (l->nrows == 0 && s->focus == (int)(l - s->lists))
		s->focus = -1;
	free(key);
}

static enum action_result act_open(struct screen *s)
{
	struct list_view *l = screen_list(s);
	const struct screen_def *def;
	char *key;
	enum action_result r;

	if (!l->decl->open)
		return ACTION_STAY;
	def = screen_def_by_name(l->decl->open);
	if (!l->cells[l->selected][key_column(l->decl)]) /* a row without a key opens nothing */
		return ACTION_STAY;
	key = xstrdup(l->cells[l->selected][key_column(l->decl)]);
	r = screen_run(s->app, def, key);
	if (r != ACTION_HANGUP && l->decl->source)
		screen_reread_list(s, l);
	free(key);
	return r == ACTION_HANGUP ? r : ACTION_STAY;
}

static enum action_result act_save(struct screen *s)
{
	bool registering = !s->key;

	if (record_save(s))
		ui_set_message(&s->app->ui, UI_MSG_INFO,
			       registering ? _("Registered as number %s.") : _("Saved number %s."),
			       s->key ? s->key : "");
	return ACTION_STAY;
}

static enum action_result act_reload(struct screen *s)
{
	if (!s->key) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("Nothing has been saved yet."));
		return ACTION_STAY;
	}
	if (record_load(s))
		ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("Read the latest record again."));
	return ACTION_STAY;
}

static enum action_result act_back(struct screen *s)
{
	return ACTION_BACK;
}

/* Every column of the chosen row, hidden ones included, one per line. */
static enum action_result act_detail(struct screen *s)
{
	struct list_view *l = screen_list(s);
	const struct form_list *decl = l->decl;
	size_t len = 1;
	char *text = xstrdup(""), *title = list_view_cell(l, l->selected, 0);

	for (size_t c = 0; c < decl->ncolumns; c++) {
		char *cell = list_view_cell(l, l->selected, c);
		char *line = xasprintf("%s%s: %s", len > 1 ? "\n" : "", decl->columns[c].title, cell);
		len += strlen(line);
		text = xrealloc(text, len);
		strcat(text, line);
		free(line);
		free(cell);
	}
	ui_popup_text(&s->app->ui, title, text);
	free(title);
	free(text);
	return ACTION_STAY;
}

/* F1: the field's help, then what each key of the screen does. */
static enum action_result act_help(struct screen *s)
{
	const struct form_field *f = &s->form->fields[s->view.current];
	char *text = xstrdup(f->help);

	for (size_t i = 0; i < s->form->nkeys; i++) {
		const struct form_key *k = &s->form->keys[i];
		const struct action_def *act = screen_action(s->def, k->action);
		char *more = xasprintf("%s%sF%d %s: %s", text, i ? "\n" : "\n\n", k->fkey, k->label,
				 act ? _(act->help) : "");
		free(text);
		text = more;
	}
	ui_popup_text(&s->app->ui, f->label[0] ? f->label : s->form->title, text);
	free(text);
	return ACTION_STAY;
}

/* F4 belongs to the field under the cursor. */
static enum action_result act_prompt(struct screen *s)
{
	struct ui_key k = {.is_func = true, .code = KEY_F(4)};
	const char *action;

	if (s->readonly)
		return ACTION_STAY;
	s->focus = -1;
	form_view_key(&s->view, &s->app->ui, &k, &action);
	return ACTION_STAY;
}

static const struct action_def common[] = {
	{"help", act_help, 0, N_("help on the field and the keys")},
	{"prompt", act_prompt, 0, N_("the list of codes for the field")},
	{"back", act_back, ACT_DISCARDS, N_("back to the screen before")},
	{"search", act_search, ACT_CHECK_FORM, N_("search with what is typed")},
	{"criteria", act_criteria, 0, N_("back to the search conditions")},
	{"open", act_open, ACT_NEEDS_ROW, N_("open the chosen row")},
	{"save", act_save, ACT_CHECK_FORM | ACT_WRITES, N_("save what is on the screen")},
	{"reload", act_reload, ACT_DISCARDS, N_("read the latest record again")},
	{"detail", act_detail, ACT_NEEDS_ROW, N_("show the chosen row in full")},
	{"export", export_list, ACT_NEEDS_ROW, N_("write the list to a CSV file (recorded as taken out)")},
	{"pdf", export_pdf, ACT_NEEDS_ROW, N_("print the list as a PDF report (recorded as taken out)")},
};

const struct action_def *common_action(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(common); i++)
		if (strcmp(common[i].name, name) == 0)
			return &common[i];
	return NULL;
}
