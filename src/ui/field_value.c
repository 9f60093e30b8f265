/* One field's text, edited in characters and measured in terminal cells:
 * a wide character is one unit for the cursor and backspace, two cells on
 * screen, and an insertion that would overflow the field is refused whole
 * (an IME commits a burst of characters: it goes in entirely or not at all). */
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
	v->len = v->cursor = 0;
}

void fv_free(struct field_value *v)
{
	free(v->text);
	v->text = NULL;
	v->len = v->cap = v->cursor = 0;
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

/* Rows a wrapped text takes in rows of width cells. */
static int rows_needed(const wchar_t *s, size_t n, int width)
{
	int r = 1, c = 0;

	for (size_t k = 0; k < n; k++) {
		int cw = text_char_width(s[k]);
		if (cw < 0)
			return -1;
		if (c + cw > width) {
			r++;
			c = 0;
		}
		c += cw;
	}
	return r;
}

bool fv_insert(struct field_value *v, const wchar_t *s, size_t n, int max_cells, int rows,
	       size_t max_chars)
{
	wchar_t *next;
	bool fits;

	for (size_t k = 0; k < n; k++)
		if (text_char_width(s[k]) < 0)
			return false;
	if (v->len + n > max_chars)
		return false;
	next = xmalloc((v->len + n + 1) * sizeof *next);
	wmemcpy(next, v->text, v->cursor);
	wmemcpy(next + v->cursor, s, n);
	wmemcpy(next + v->cursor + n, v->text + v->cursor, v->len - v->cursor + 1);
	if (rows <= 1)
		fits = text_width(next) <= max_cells;
	else
		fits = rows_needed(next, v->len + n, max_cells) <= rows;
	if (fits) {
		reserve(v, v->len + n);
		wmemcpy(v->text, next, v->len + n + 1);
		v->len += n;
		v->cursor += n;
	}
	free(next);
	return fits;
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
	v->len = v->cursor = 0;
}
