/* The F4 prompt: a boxed list of codes and labels to pick one from, by the
 * cursor keys or by typing the start of a code or label. A key the list
 * does not take beeps: the list is modal, and a function key of the screen
 * behind it (F10 save, say) is refused rather than acted on half-seen. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ui/ui.h"

/* Keeps the selected row on the page. */
static void scroll_to_sel(struct ui_pick *p)
{
	if (p->sel < p->first)
		p->first = p->sel;
	if (p->sel >= p->first + p->rows)
		p->first = p->sel - p->rows + 1;
}

void ui_pick_init(struct ui_pick *p, const struct code_list *l, size_t initial, size_t rows)
{
	memset(p, 0, sizeof *p);
	p->list = l;
	p->rows = rows > 0 ? rows : 1;
	p->sel = initial < l->n ? initial : 0;
	scroll_to_sel(p);
}

/* The first entry whose code or label begins with what was typed plus c;
 * false, nothing changed, if none does. */
static bool type_ahead(struct ui_pick *p, wchar_t c)
{
	wchar_t folded[UI_PICK_TYPED + 1];

	if (p->ntyped >= UI_PICK_TYPED)
		return false;
	wmemcpy(folded, p->typed, p->ntyped);
	folded[p->ntyped] = c;
	folded[p->ntyped + 1] = L'\0';
	code_fold(folded);
	for (size_t k = 0; k < p->list->n; k++) {
		if (code_list_starts(p->list, k, folded)) {
			p->typed[p->ntyped++] = c;
			p->typed[p->ntyped] = L'\0';
			p->sel = k;
			return true;
		}
	}
	return false;
}

/* Up, Down, PgUp, PgDn, Home, End; false for any other key. */
static bool move_key(struct ui_pick *p, int code)
{
	size_t last = p->list->n - 1;

	switch (code) {
	case KEY_UP: p->sel = p->sel > 0 ? p->sel - 1 : 0; break;
	case KEY_DOWN: p->sel = p->sel < last ? p->sel + 1 : last; break;
	case KEY_PPAGE: p->sel = p->sel > p->rows ? p->sel - p->rows : 0; break;
	case KEY_NPAGE: p->sel = p->sel + p->rows < last ? p->sel + p->rows : last; break;
	case KEY_HOME: p->sel = 0; break;
	case KEY_END: p->sel = last; break;
	default: return false;
	}
	return true;
}

enum ui_pick_step ui_pick_key(struct ui_pick *p, const struct ui_key *key)
{
	int fk = ui_fkey(key);
	enum ui_pick_step step = UI_PICK_MOVED;

	if ((!key->is_func && (key->ch == L'\r' || key->ch == L'\n')) ||
	    (key->is_func && key->code == KEY_ENTER))
		return UI_PICK_CHOSEN;
	if ((!key->is_func && key->ch == 27) || fk == 3 || fk == 12)
		return UI_PICK_CANCELLED;
	if (key->is_func && key->code == KEY_RESIZE)
		return UI_PICK_MOVED;
	if (key->is_func && move_key(p, key->code)) {
		p->ntyped = 0;
		p->typed[0] = L'\0';
	} else if ((key->is_func && key->code == KEY_BACKSPACE) ||
		   (!key->is_func && (key->ch == 0x7f || key->ch == 0x08))) {
		if (p->ntyped == 0)
			step = UI_PICK_REFUSED;
		else
			p->typed[--p->ntyped] = L'\0';
	} else if (key->is_func || key->ch < 0x20 || !type_ahead(p, (wchar_t)key->ch)) {
		step = UI_PICK_REFUSED;
	}
	scroll_to_sel(p);
	return step;
}

/* Wide enough for the title and the widest row, at least 56 cells, at
 * most the terminal's width less a margin. */
static int box_width(const char *title, const struct code_list *l, int code_cells)
{
	int w = text_width_utf8(title) + 6, max = ui_cols() - 4;

	for (size_t k = 0; k < l->n; k++) {
		int lw = code_cells + text_width_utf8(l->labels[k]) + 5;
		if (lw > w)
			w = lw;
	}
	if (w < 56)
		w = 56;
	return w > max ? max : w;
}

int ui_choose(struct ui *ui, const char *title, const struct code_list *l, size_t initial)
{
	enum { HEIGHT = 18 };
	int top = (FORM_ROWS - HEIGHT) / 2, left, width;
	struct ui_pick p;
	struct ui_key key;
	int code_cells = 0;

	if (l->n == 0)
		return -1;
	ui_pick_init(&p, l, initial, HEIGHT - 2);
	/* Labels line up after the widest code, measured in cells. */
	for (size_t k = 0; k < l->n; k++) {
		int w = text_width_utf8(l->codes[k]);
		if (w > code_cells)
			code_cells = w;
	}
	width = box_width(title, l, code_cells);
	left = (ui_cols() - width) / 2;
	if (code_cells > width / 2)
		code_cells = width / 2;
	for (;;) {
		ui_draw_box(top, left, HEIGHT, width, title);
		for (size_t i = 0; i < p.rows && p.first + i < l->n; i++) {
			size_t k = p.first + i;

			if (k == p.sel)
				attron(A_REVERSE);
			mvhline(top + 1 + (int)i, left + 1, ' ', width - 2);
			ui_put(top + 1 + (int)i, left + 2, l->codes[k], code_cells, false);
			ui_put(top + 1 + (int)i, left + 3 + code_cells, l->labels[k],
			       width - 5 - code_cells, false);
			if (k == p.sel)
				attroff(A_REVERSE);
		}
		if (p.ntyped > 0) { /* what was typed, on the bottom border */
			char *typed = text_wcs_to_utf8(p.typed);
			if (typed)
				ui_put(top + HEIGHT - 1, left + 2, typed, width - 4, true);
			free(typed);
		}
		move(top + 1 + (int)(p.sel - p.first), left + 2);
		refresh();
		if (ui_read_key(ui, &key) != UI_KEY_OK)
			return -1;
		switch (ui_pick_key(&p, &key)) {
		case UI_PICK_CHOSEN: return (int)p.sel;
		case UI_PICK_CANCELLED: return -1;
		case UI_PICK_REFUSED: beep(); break;
		case UI_PICK_MOVED: break;
		}
	}
}
