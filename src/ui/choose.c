/* The F4 prompt: a boxed list of codes and labels to pick one from. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "text/text.h"
#include "ui/ui.h"

int ui_choose(struct ui *ui, const char *title, const struct code_list *l, size_t initial)
{
	enum { WIDTH = 56, HEIGHT = 18 };
	int top = (FORM_ROWS - HEIGHT) / 2, left = (FORM_COLS - WIDTH) / 2;
	size_t visible = HEIGHT - 2, sel = initial < l->n ? initial : 0, first = 0;
	struct ui_key key;
	int code_cells = 0;

	if (l->n == 0)
		return -1;
	/* Labels line up after the widest code, measured in cells. */
	for (size_t k = 0; k < l->n; k++) {
		int w = text_width_utf8(l->codes[k]);
		if (w > code_cells)
			code_cells = w;
	}
	if (code_cells > WIDTH / 2)
		code_cells = WIDTH / 2;
	for (;;) {
		if (sel < first)
			first = sel;
		if (sel >= first + visible)
			first = sel - visible + 1;
		ui_draw_box(top, left, HEIGHT, WIDTH, title);
		for (size_t i = 0; i < visible && first + i < l->n; i++) {
			size_t k = first + i;

			if (k == sel)
				attron(A_REVERSE);
			mvhline(top + 1 + (int)i, left + 1, ' ', WIDTH - 2);
			ui_put(top + 1 + (int)i, left + 2, l->codes[k], code_cells, false);
			ui_put(top + 1 + (int)i, left + 3 + code_cells, l->labels[k],
			       WIDTH - 5 - code_cells, false);
			if (k == sel)
				attroff(A_REVERSE);
		}
		move(top + 1 + (int)(sel - first), left + 2);
		refresh();
		if (ui_read_key(ui, &key) != UI_KEY_OK)
			return -1;
		if (key.is_func && key.code == KEY_UP && sel > 0)
			sel--;
		else if (key.is_func && key.code == KEY_DOWN && sel + 1 < l->n)
			sel++;
		else if (key.is_func && key.code == KEY_PPAGE)
			sel = sel > visible ? sel - visible : 0;
		else if (key.is_func && key.code == KEY_NPAGE)
			sel = sel + visible < l->n ? sel + visible : l->n - 1;
		else if ((!key.is_func && (key.ch == '\r' || key.ch == '\n')) ||
			 (key.is_func && key.code == KEY_ENTER))
			return (int)sel;
		else if ((!key.is_func && key.ch == 27) || ui_fkey(&key) == 3 || ui_fkey(&key) == 12)
			return -1;
	}
}
