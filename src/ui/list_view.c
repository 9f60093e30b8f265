/* A paged list of rows (search results, masters): a header line, the rows,
 * one of them selected; the screen decides what Enter on it means. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/ui.h"

void list_view_init(struct list_view *l, int top_row, int height,
		    const struct list_column *cols, size_t ncols)
{
	memset(l, 0, sizeof *l);
	l->top_row = top_row;
	l->height = height;
	l->columns = cols;
	l->ncolumns = ncols;
}

void list_view_free_rows(struct list_view *l)
{
	for (size_t r = 0; r < l->nrows; r++) {
		for (size_t c = 0; c < l->ncolumns; c++)
			free(l->cells[r][c]);
		free(l->cells[r]);
	}
	free(l->cells);
	l->cells = NULL;
	l->nrows = l->selected = 0;
}

void list_view_set_rows(struct list_view *l, char ***cells, size_t nrows)
{
	list_view_free_rows(l);
	l->cells = cells;
	l->nrows = nrows;
}

static void put_cell(int row, int col, const struct list_column *c, const char *text)
{
	int w = text_width_utf8(text);

	if (c->right && w >= 0 && w < c->width)
		col += c->width - w;
	ui_put(row, col, text, c->width, false);
}

void list_view_draw(const struct list_view *l)
{
	int rows = l->height - 1;
	size_t first = l->selected >= (size_t)rows ? l->selected - (size_t)rows + 1 : 0;
	int col = 0;

	attron(A_UNDERLINE);
	mvhline(l->top_row, 0, ' ', FORM_COLS);
	for (size_t c = 0; c < l->ncolumns; c++) {
		put_cell(l->top_row, col, &l->columns[c], _(l->columns[c].title));
		col += l->columns[c].width + 1;
	}
	attroff(A_UNDERLINE);
	for (int i = 0; i < rows; i++) {
		size_t r = first + (size_t)i;
		int y = l->top_row + 1 + i;

		move(y, 0);
		clrtoeol();
		if (r >= l->nrows)
			continue;
		if (r == l->selected)
			attron(A_REVERSE);
		mvhline(y, 0, ' ', FORM_COLS);
		col = 0;
		for (size_t c = 0; c < l->ncolumns; c++) {
			put_cell(y, col, &l->columns[c], l->cells[r][c] ? l->cells[r][c] : "");
			col += l->columns[c].width + 1;
		}
		if (r == l->selected)
			attroff(A_REVERSE);
	}
	if (l->nrows)
		move(l->top_row + 1 + (int)(l->selected - first), 0);
}

bool list_view_key(struct list_view *l, const struct ui_key *key)
{
	size_t page = (size_t)(l->height - 1);

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

bool list_view_side_key(struct list_view *l, const struct ui_key *key, bool arrows)
{
	struct ui_key k = *key;

	if (!key->is_func)
		return false;
	if (key->code == KEY_UP || key->code == KEY_DOWN)
		return arrows && list_view_key(l, key);
	if (key->code != KEY_PPAGE && key->code != KEY_NPAGE)
		return false;
	if (!arrows)
		k.code = key->code == KEY_PPAGE ? KEY_UP : KEY_DOWN;
	return list_view_key(l, &k);
}
