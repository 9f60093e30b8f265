/* A declared list of rows (a form's `lists:`): a header line, the rows,
 * one of them selected. Cells hold the database's text; how a column shows
 * it (yen, thousand yen, era date, a code's label) is decided here, when it
 * is drawn. The screen decides what Enter on a row means. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/ui.h"
#include "util.h"

void list_view_init(struct list_view *l, const struct form_list *decl, lookup_fn lookup, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->decl = decl;
	l->lookup = lookup;
	l->lookup_ctx = ctx;
}

void list_view_free_rows(struct list_view *l)
{
	for (size_t r = 0; r < l->nrows; r++) {
		for (size_t c = 0; c < l->decl->ncolumns; c++)
			free(l->cells[r][c]);
		free(l->cells[r]);
	}
	free(l->cells);
	l->cells = NULL;
	l->nrows = l->selected = 0;
}

char **list_view_append(struct list_view *l)
{
	l->cells = xrealloc(l->cells, (l->nrows + 1) * sizeof *l->cells);
	l->cells[l->nrows] = xcalloc(l->decl->ncolumns, sizeof **l->cells);
	l->selected = l->nrows++;
	return l->cells[l->selected];
}

void list_view_remove_selected(struct list_view *l)
{
	size_t r = l->selected;

	if (r >= l->nrows)
		return;
	for (size_t c = 0; c < l->decl->ncolumns; c++)
		free(l->cells[r][c]);
	free(l->cells[r]);
	memmove(&l->cells[r], &l->cells[r + 1], (l->nrows - r - 1) * sizeof *l->cells);
	l->nrows--;
	if (l->selected >= l->nrows && l->nrows)
		l->selected = l->nrows - 1;
}

void list_view_set_rows(struct list_view *l, char ***cells, size_t nrows)
{
	list_view_free_rows(l);
	l->cells = cells;
	l->nrows = nrows;
}

size_t list_view_column(const struct list_view *l, const char *id)
{
	return (size_t)(form_column_by_id(l->decl, id) - l->decl->columns);
}

char *list_view_cell(const struct list_view *l, size_t row, size_t col)
{
	const struct form_column *c = &l->decl->columns[col];
	const char *raw = l->cells[row][col];
	struct text_date d;
	char buf[64];

	if (!raw || !*raw)
		return xstrdup("");
	switch (c->format) {
	case COLUMN_YEN:
		text_amount_format(strtoll(raw, NULL, 10), buf, sizeof buf);
		return xstrdup(buf);
	case COLUMN_KYEN:
		text_kyen_format(strtoll(raw, NULL, 10), buf, sizeof buf);
		return xstrdup(buf);
	case COLUMN_DATE:
		if (text_date_from_iso(raw, &d) && text_date_format_short(&d, buf, sizeof buf) >= 0)
			return xstrdup(buf);
		break;
	case COLUMN_YESNO:
		return xstrdup(strcmp(raw, "true") == 0 || strcmp(raw, "t") == 0 ? _("Yes") : "");
	case COLUMN_TEXT:
		break;
	}
	if (c->lookup && l->lookup) {
		const char *label = code_list_label(l->lookup(l->lookup_ctx, c->lookup), raw);
		if (label)
			return xasprintf("%s %s", raw, label);
	}
	return xstrdup(raw);
}

/* Cells a column takes on this terminal: a growing column takes what a
 * terminal wider than the form's 80 columns adds. */
static int column_width(const struct form_column *c)
{
	return c->width + (c->grow && ui_cols() > FORM_COLS ? ui_cols() - FORM_COLS : 0);
}

static void put_cell(int row, int col, const struct form_column *c, const char *text)
{
	int w = text_width_utf8(text), cw = column_width(c);

	if (c->right && w >= 0 && w < cw)
		col += cw - w;
	ui_put(row, col, text, cw, false);
}

static void draw_row(const struct list_view *l, int y, size_t r)
{
	int col = 0;

	for (size_t c = 0; c < l->decl->ncolumns; c++) {
		const struct form_column *fc = &l->decl->columns[c];
		char *text;

		if (fc->hidden)
			continue;
		text = list_view_cell(l, r, c);
		put_cell(y, col, fc, text);
		free(text);
		col += column_width(fc) + 1;
	}
}

void list_view_draw(const struct list_view *l, bool focused)
{
	int rows = l->decl->height - 1;
	size_t first = l->selected >= (size_t)rows ? l->selected - (size_t)rows + 1 : 0;
	int col = 0, top = l->decl->row;

	attron(A_UNDERLINE);
	mvhline(top, 0, ' ', ui_cols());
	for (size_t c = 0; c < l->decl->ncolumns; c++) {
		const struct form_column *fc = &l->decl->columns[c];
		if (fc->hidden)
			continue;
		put_cell(top, col, fc, fc->title);
		col += column_width(fc) + 1;
	}
	attroff(A_UNDERLINE);
	for (int i = 0; i < rows; i++) {
		size_t r = first + (size_t)i;
		int y = top + 1 + i;
		bool sel = r == l->selected && r < l->nrows;

		move(y, 0);
		clrtoeol();
		if (r >= l->nrows)
			continue;
		if (sel)
			attron(focused ? A_REVERSE : A_BOLD);
		if (sel && focused)
			mvhline(y, 0, ' ', ui_cols());
		draw_row(l, y, r);
		if (sel)
			attroff(focused ? A_REVERSE : A_BOLD);
	}
	if (focused && l->nrows)
		move(top + 1 + (int)(l->selected - first), 0);
}

bool list_view_key(struct list_view *l, const struct ui_key *key)
{
	size_t page = (size_t)(l->decl->height - 1);

	if (!key->is_func || l->nrows == 0)
		return false;
	switch (key->code) {
	case KEY_UP:
		if (l->selected > 0)
			l->selected--;
		return true;
	case KEY_DOWN:
		if (l->selected + 1 < l->nrows)
			l->selected++;
		return true;
	case KEY_PPAGE:
		l->selected = l->selected > page ? l->selected - page : 0;
		return true;
	case KEY_NPAGE:
		l->selected = l->selected + page < l->nrows ? l->selected + page : l->nrows - 1;
		return true;
	case KEY_HOME:
		l->selected = 0;
		return true;
	case KEY_END:
		l->selected = l->nrows - 1;
		return true;
	default:
		return false;
	}
}

bool list_view_side_key(struct list_view *l, const struct ui_key *key)
{
	struct ui_key k = *key;

	if (!key->is_func || (key->code != KEY_PPAGE && key->code != KEY_NPAGE))
		return false;
	k.code = key->code == KEY_PPAGE ? KEY_UP : KEY_DOWN;
	return list_view_key(l, &k);
}
