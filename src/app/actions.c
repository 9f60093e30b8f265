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

/* The lists' sources in one statement, so that a screen showing several
 * lists reads them in one round trip:
 *   (SELECT 0, row_number() OVER (), text of "col", ... FROM
 *      (SELECT "col", ... FROM hosho."source"($1, ...) [LIMIT n + 1]) t)
 *   UNION ALL (SELECT 1, ...) ORDER BY 1, 2
 * Each cell as the column's own output (format %s, NULL kept), the lists
 * padded to the widest; the numbering keeps each source's order. Names are
 * identifiers the form loader checked, values are parameters. */
static char *sources_sql(struct list_view *const *ls, size_t n)
{
	size_t width = 0, cap = 64, param = 0;
	char *sql, *p;

	for (size_t i = 0; i < n; i++) {
		const struct form_list *d = ls[i]->decl;
		if (d->ncolumns > width)
			width = d->ncolumns;
		cap += 160 + strlen(d->source) + d->nparams * 8;
		for (size_t c = 0; c < d->ncolumns; c++)
			cap += 3 * strlen(d->columns[c].id) + 64;
	}
	cap += n * width * 16;
	p = sql = xmalloc(cap);
	for (size_t i = 0; i < n; i++) {
		const struct form_list *d = ls[i]->decl;
		p += sprintf(p, "%s(SELECT %zu, row_number() OVER ()", i ? " UNION ALL " : "", i);
		for (size_t c = 0; c < width; c++)
			if (c < d->ncolumns)
				p += sprintf(p, ", CASE WHEN t.\"%s\" IS NULL THEN NULL ELSE format('%%s', t.\"%s\") END",
					     d->columns[c].id, d->columns[c].id);
			else
				p += sprintf(p, ", NULL::text");
		p += sprintf(p, " FROM (SELECT ");
		for (size_t c = 0; c < d->ncolumns; c++)
			p += sprintf(p, "%s\"%s\"", c ? ", " : "", d->columns[c].id);
		p += sprintf(p, " FROM hosho.\"%s\"(", d->source);
		for (size_t k = 0; k < d->nparams; k++)
			p += sprintf(p, "%s$%zu", k ? ", " : "", ++param);
		p += sprintf(p, ")");
		if (d->limit)
			p += sprintf(p, " LIMIT %d", d->limit + 1);
		p += sprintf(p, ") t)");
	}
	sprintf(p, " ORDER BY 1, 2");
	return sql;
}

/* The rows of list i (column 0 of the result) into ls[i]. */
static void take_rows(struct list_view *l, const PGresult *res, int from, int to)
{
	const struct form_list *decl = l->decl;
	size_t n = (size_t)(to - from);
	char ***cells;

	l->more = decl->limit && n > (size_t)decl->limit;
	if (l->more)
		n = (size_t)decl->limit;
	cells = xcalloc(n + 1, sizeof *cells);
	for (size_t r = 0; r < n; r++) {
		cells[r] = xcalloc(decl->ncolumns, sizeof *cells[r]);
		for (size_t c = 0; c < decl->ncolumns; c++)
			if (!PQgetisnull(res, from + (int)r, (int)c + 2))
				cells[r][c] = xstrdup(PQgetvalue(res, from + (int)r, (int)c + 2));
	}
	list_view_set_rows(l, cells, n);
}

bool screen_fill_lists(struct screen *s, struct list_view *const *ls, size_t n)
{
	size_t nparams = 0, k = 0;
	char **params, *sql;
	struct db_error err;
	PGresult *res;
	int row = 0, rows;

	if (n == 0)
		return true;
	for (size_t i = 0; i < n; i++)
		nparams += ls[i]->decl->nparams;
	params = xcalloc(nparams + 1, sizeof *params);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ls[i]->decl->nparams; j++)
			params[k++] = screen_param(s, &ls[i]->decl->params[j], ls[i]->decl->limit, NULL);
	sql = sources_sql(ls, n);
	res = db_query(s->app->conn, &err, sql, (int)nparams, (const char *const *)params);
	for (size_t i = 0; i < nparams; i++)
		free(params[i]);
	free(params);
	free(sql);
	if (!res) {
		app_show_db_error(s->app, &s->view, &err);
		return false;
	}
	rows = PQntuples(res);
	for (size_t i = 0; i < n; i++) {
		int from = row;
		while (row < rows && strtoul(PQgetvalue(res, row, 0), NULL, 10) == i)
			row++;
		take_rows(ls[i], res, from, row);
	}
	PQclear(res);
	return true;
}

bool screen_fill_list(struct screen *s, struct list_view *l)
{
	return screen_fill_lists(s, &l, 1);
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
	struct list_view **ls;
	size_t n;
	bool ok;

	if (!l)
		return ACTION_STAY;
	/* the other lists read from the database (a figure beside the
	 * search's list) are read with it */
	ls = screen_source_lists(s, l, &n);
	ok = screen_fill_lists(s, ls, n);
	free(ls);
	if (!ok)
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

struct list_view **screen_source_lists(struct screen *s, struct list_view *from, size_t *n)
{
	struct list_view **ls = xcalloc(s->form->nlists + 1, sizeof *ls);

	*n = 0;
	for (size_t i = (size_t)(from - s->lists); i < s->form->nlists; i++)
		if (s->form->lists[i].source)
			ls[(*n)++] = &s->lists[i];
	return ls;
}

void screen_reread_lists(struct screen *s, struct list_view *const *ls, size_t n)
{
	char **keys = xcalloc(n + 1, sizeof *keys);
	char saved_msg[sizeof s->app->ui.message];
	enum ui_msg kind = s->app->ui.kind;

	for (size_t i = 0; i < n; i++) {
		const struct list_view *l = ls[i];
		size_t kc = key_column(l->decl);
		if (l->nrows && l->cells[l->selected][kc])
			keys[i] = xstrdup(l->cells[l->selected][kc]);
	}
	snprintf(saved_msg, sizeof saved_msg, "%s", s->app->ui.message);
	if (screen_fill_lists(s, ls, n))
		ui_set_message(&s->app->ui, kind, "%s", saved_msg);
	else
		for (size_t i = 0; i < n; i++)
			list_view_free_rows(ls[i]);
	for (size_t i = 0; i < n; i++) {
		struct list_view *l = ls[i];
		size_t kc = key_column(l->decl);
		for (size_t r = 0; keys[i] && r < l->nrows; r++)
			if (l->cells[r][kc] && strcmp(l->cells[r][kc], keys[i]) == 0)
				l->selected = r;
		if (l->nrows == 0 && s->focus == (int)(l - s->lists))
			s->focus = -1;
		free(keys[i]);
	}
	free(keys);
}

void screen_reread_list(struct screen *s, struct list_view *l)
{
	screen_reread_lists(s, &l, 1);
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
