/* The screen as the terminal shows it, as text a diff can read: golden
 * tests compare these dumps with checked-in ones. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "text/text.h"
#include "ui/script.h"
#include "util.h"

/* Line drawing is kept as ACS codes in curses' memory. */
static wchar_t acs_char(wchar_t c)
{
	switch (c) {
	case 'q': return L'─';
	case 'x': return L'│';
	case 'l': return L'┌';
	case 'k': return L'┐';
	case 'm': return L'└';
	case 'j': return L'┘';
	default: return c;
	}
}

/* One letter per cell: '.' plain, B bold, R reverse, U underline, and a
 * letter for each combination. */
static char attr_letter(attr_t a)
{
	static const char letters[] = ".BRbUurX";
	int i = ((a & A_BOLD) ? 1 : 0) | ((a & A_REVERSE) ? 2 : 0) | ((a & A_UNDERLINE) ? 4 : 0);

	return letters[i];
}

/* Row y of curscr: its text (UTF-8, trailing blanks cut) and attribute
 * letters (trailing '.' cut). */
static void dump_row(FILE *out, int y, char *attrs)
{
	wchar_t *text = xcalloc((size_t)COLS + 1, sizeof *text);
	size_t n = 0;
	int x = 0, alen = 0;
	char *utf8;

	while (x < COLS) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1] = {0};
		attr_t a = 0;
		short pair;
		int w;

		if (mvwin_wch(curscr, y, x, &cc) == ERR || getcchar(&cc, wch, &a, &pair, NULL) == ERR)
			wch[0] = L' ';
		if (wch[0] == L'\0')
			wch[0] = L' ';
		if (a & A_ALTCHARSET)
			wch[0] = acs_char(wch[0]);
		w = text_char_width(wch[0]);
		if (w < 1)
			w = 1;
		text[n++] = wch[0];
		for (int k = 0; k < w && x + k < COLS; k++)
			attrs[x + k] = attr_letter(a);
		x += w;
	}
	while (n > 0 && text[n - 1] == L' ')
		n--;
	text[n] = L'\0';
	for (int k = 0; k < COLS; k++)
		if (attrs[k] != '.')
			alen = k + 1;
	attrs[alen] = '\0';
	utf8 = text_wcs_to_utf8(text);
	fprintf(out, "%2d|%s\n", y, utf8 ? utf8 : "(not convertible)");
	free(utf8);
	free(text);
}

bool screen_dump(const char *path)
{
	FILE *out = fopen(path, "w");
	char **attrs;
	int cy, cx;
	bool ok;

	if (!out)
		return false;
	attrs = xcalloc((size_t)LINES, sizeof *attrs);
	getyx(curscr, cy, cx);
	fprintf(out, "screen %dx%d, cursor at row %d, column %d\n", COLS, LINES, cy, cx);
	for (int y = 0; y < LINES; y++) {
		attrs[y] = xcalloc((size_t)COLS + 1, 1);
		dump_row(out, y, attrs[y]);
	}
	fprintf(out, "attributes: B bold, R reverse, U underline, b bold+reverse, "
		     "u bold+underline, r reverse+underline, X all three\n");
	for (int y = 0; y < LINES; y++) {
		if (attrs[y][0])
			fprintf(out, "%2d|%s\n", y, attrs[y]);
		free(attrs[y]);
	}
	free(attrs);
	ok = ferror(out) == 0;
	return fclose(out) == 0 && ok;
}
