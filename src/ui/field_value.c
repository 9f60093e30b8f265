/* One field's text, edited in characters and measured in terminal cells:
 * a wide character is one unit for the cursor and backspace, two cells on
 * screen. A one-row field scrolls through a window of its box around the
 * cursor; a field of several rows wraps. What fits is the field type's
 * business (field_check.c): an insertion here only refuses what cannot be
 * drawn. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ui/ui.h"
#include "util.h"

void fv_init(struct field_value *v)
{
	v->cap = 16;
	v->text = xcalloc(v->cap, sizeof *v->text);
	v->len = v->cursor = v->first = 0;
}

void fv_free(struct field_value *v)
{
	free(v->text);
	v->text = NULL;
	v->len = v->cap = v->cursor = v->first = 0;
}

static void reserve(struct field_value *v, size_t n)
{
	if (n + 1 <= v->cap)
		return;
	while (v->cap < n + 1)
		v->cap *= 2;
	v->text = xrealloc(v->text, v->cap * sizeof *v->text);
}

void fv_set_wcs(struct field_value *v, const wchar_t *s)
{
	size_t n = wcslen(s);

	reserve(v, n);
	wmemcpy(v->text, s, n + 1);
	v->len = n;
	v->cursor = n;
	v->first = 0;
}

void fv_set_utf8(struct field_value *v, const char *s)
{
	wchar_t *w = text_utf8_to_wcs(s ? s : "");

	fv_set_wcs(v, w ? w : L"");
	free(w);
}

char *fv_get_utf8(const struct field_value *v)
{
	char *s = text_wcs_to_utf8(v->text);

	return s ? s : xstrdup("");
}

int fv_width(const struct field_value *v)
{
	return text_width(v->text);
}

void fv_locate(const struct field_value *v, size_t i, int width, int *row, int *col)
{
	int r = 0, c = 0;

	for (size_t k = 0; k <= i && k < v->len; k++) {
		int cw = text_char_width(v->text[k]);
		if (cw < 0)
			cw = 0;
		if (c + cw > width) {
			r++;
			c = 0;
		}
		if (k == i)
			break;
		c += cw;
	}
	*row = r;
	*col = c;
}

int fv_rows(const struct field_value *v, int width)
{
	int r = 1, c = 0;

	for (size_t k = 0; k < v->len; k++) {
		int cw = text_char_width(v->text[k]);
		if (cw < 0)
			cw = 0;
		if (c + cw > width) {
			r++;
			c = 0;
		}
		c += cw;
	}
	return r;
}

bool fv_insert(struct field_value *v, const wchar_t *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (text_char_width(s[k]) < 0)
			return false;
	reserve(v, v->len + n);
	wmemmove(v->text + v->cursor + n, v->text + v->cursor, v->len - v->cursor + 1);
	wmemcpy(v->text + v->cursor, s, n);
	v->len += n;
	v->cursor += n;
	return true;
}

void fv_copy(struct field_value *dst, const struct field_value *src)
{
	fv_set_wcs(dst, src->text);
	dst->cursor = src->cursor;
	dst->first = src->first;
}

/* Cells of characters [a, b). */
static int cells(const struct field_value *v, size_t a, size_t b)
{
	int n = 0;

	for (size_t k = a; k < b; k++) {
		int cw = text_char_width(v->text[k]);
		n += cw > 0 ? cw : 0;
	}
	return n;
}

/* The cell the cursor needs: the character under it, or one after the text. */
static int cursor_cells(const struct field_value *v)
{
	int cw = v->cursor < v->len ? text_char_width(v->text[v->cursor]) : 1;

	return cw > 0 ? cw : 1;
}

void fv_window(struct field_value *v, int width, bool follow_cursor, struct fv_window *w)
{
	int used = 0;
	size_t end;

	if (!follow_cursor || cells(v, 0, v->len) <= width) {
		v->first = 0;
	} else {
		/* Moves as little as shows the cursor, and leaves no room on the
		 * right while text is hidden on the left. */
		if (v->first > v->cursor)
			v->first = v->cursor;
		while (v->first < v->cursor &&
		       cells(v, v->first, v->cursor) + cursor_cells(v) > width)
			v->first++;
		while (v->first > 0 &&
		       cells(v, v->first - 1, v->len) + (v->cursor == v->len ? 1 : 0) <= width)
			v->first--;
	}
	for (end = v->first; end < v->len; end++) {
		int cw = text_char_width(v->text[end]);
		if (used + (cw > 0 ? cw : 0) > width)
			break;
		used += cw > 0 ? cw : 0;
	}
	w->first = v->first;
	w->end = end;
	w->more_left = v->first > 0;
	w->more_right = end < v->len;
	w->cursor_col = cells(v, v->first, v->cursor < end ? v->cursor : end);
	if (w->cursor_col >= width)
		w->cursor_col = width > 0 ? width - 1 : 0;
}

void fv_backspace(struct field_value *v)
{
	if (v->cursor == 0)
		return;
	wmemmove(v->text + v->cursor - 1, v->text + v->cursor, v->len - v->cursor + 1);
	v->cursor--;
	v->len--;
}

void fv_delete(struct field_value *v)
{
	if (v->cursor >= v->len)
		return;
	wmemmove(v->text + v->cursor, v->text + v->cursor + 1, v->len - v->cursor);
	v->len--;
}

void fv_left(struct field_value *v)
{
	if (v->cursor > 0)
		v->cursor--;
}

void fv_right(struct field_value *v)
{
	if (v->cursor < v->len)
		v->cursor++;
}

void fv_home(struct field_value *v)
{
	v->cursor = 0;
}

void fv_end(struct field_value *v)
{
	v->cursor = v->len;
}

void fv_clear(struct field_value *v)
{
	v->text[0] = L'\0';
	v->len = v->cursor = v->first = 0;
}
