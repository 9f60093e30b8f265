/* The frame every screen shares (title, message line, key legend), text
 * at a cell, and popups. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/ui.h"
#include "util.h"

void ui_put(int row, int col, const char *utf8, int max_cells, bool bold)
{
	wchar_t *w = text_utf8_to_wcs(utf8);
	int used = 0;

	if (!w)
		return;
	if (bold)
		attron(A_BOLD);
	move(row, col);
	for (wchar_t *p = w; *p; p++) {
		int cw = text_char_width(*p);
		if (cw < 0)
			continue;
		if (used + cw > max_cells)
			break;
		wchar_t shown = ui_show_as(*p); /* 〓 where the terminal's codeset lacks it */
		addnwstr(&shown, 1);
		used += cw;
	}
	if (bold)
		attroff(A_BOLD);
	free(w);
}

void ui_set_message(struct ui *ui, enum ui_msg kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	text_utf8_trim_partial(ui->message);
	ui->kind = kind;
	ui->popped = false;
}

void ui_clear_message(struct ui *ui)
{
	ui->message[0] = '\0';
}

void ui_refresh(void)
{
	refresh();
}

/* The message line uses the whole width of the terminal; a message wider
 * than that is shown cut with '>' at the end, after ui_popup_message() has
 * shown it whole. */
void ui_draw_message(const struct ui *ui)
{
	int w = text_width_utf8(ui->message);

	move(FORM_MSG_ROW, 0);
	clrtoeol();
	if (!ui->message[0])
		return;
	if (ui->kind == UI_MSG_ERROR && has_colors())
		attron(COLOR_PAIR(1) | A_BOLD);
	ui_put(FORM_MSG_ROW, 0, ui->message, ui_cols() - 2, false);
	if (w < 0 || w > ui_cols() - 1)
		mvaddch(FORM_MSG_ROW, ui_cols() - 2, '>');
	if (ui->kind == UI_MSG_ERROR && has_colors())
		attroff(COLOR_PAIR(1) | A_BOLD);
}

bool ui_message_fits(const struct ui *ui)
{
	int w = text_width_utf8(ui->message);

	return ui->popped || (w >= 0 && w <= ui_cols() - 1);
}

void ui_popup_message(struct ui *ui)
{
	ui->popped = true;
	ui_popup_text(ui, ui->kind == UI_MSG_ERROR ? _("Error") : _("Message"), ui->message);
}

static void draw_keys(const struct form *f, const bool *shown)
{
	int col = 0;

	move(FORM_KEYS_ROW, 0);
	clrtoeol();
	for (size_t i = 0; i < f->nkeys; i++) {
		char buf[160];
		int w;

		if (shown && !shown[i])
			continue;
		snprintf(buf, sizeof buf, "F%d %s", f->keys[i].fkey, f->keys[i].label);
		w = form_key_cells(&f->keys[i]);
		if (w < 0 || col + w > ui_cols())
			break;
		attron(A_REVERSE);
		ui_put(FORM_KEYS_ROW, col, buf, w, false);
		attroff(A_REVERSE);
		col += w + 1;
	}
}

void ui_draw_frame(struct ui *ui, const struct form *f, const char *status, const bool *shown)
{
	erase();
	attron(A_BOLD);
	ui_put(0, 0, f->title, ui_cols(), true);
	attroff(A_BOLD);
	if (status && *status) {
		int w = text_width_utf8(status);
		if (w > 0 && w < ui_cols() - text_width_utf8(f->title) - 1)
			ui_put(0, ui_cols() - w, status, w, false);
	}
	for (size_t i = 0; i < f->ntexts; i++)
		ui_put(f->texts[i].row, f->texts[i].col, f->texts[i].text,
		       FORM_COLS - f->texts[i].col, false);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fld = &f->fields[i];
		int w = text_width_utf8(fld->label);
		if (w > 0)
			ui_put(fld->row, fld->col - w - 1, fld->label, w, false);
	}
	draw_keys(f, shown);
	ui_draw_message(ui);
}

/* Characters of a number, date or time, which a wrap keeps together. */
static bool wrap_keeps(wchar_t c)
{
	return (c >= L'0' && c <= L'9') || (c >= L'A' && c <= L'Z') || (c >= L'a' && c <= L'z') ||
	       c == L'/' || c == L':' || c == L'.' || c == L',';
}

/* Wraps text into lines of at most width cells. Japanese breaks between
 * any two characters, but not inside a run of digits and letters ("11/26"
 * stays whole) unless the run fills the line. */
static int wrap_lines(const wchar_t *w, int width, int max_lines, wchar_t lines[][128])
{
	int n = 0, cells = 0, len = 0;

	if (max_lines <= 0)
		return 0;
	lines[0][0] = L'\0';
	for (; *w; w++) {
		int cw = text_char_width(*w);
		if (*w == L'\n' || cells + (cw > 0 ? cw : 0) > width || len >= 126) {
			int run = 0;
			if (*w != L'\n' && wrap_keeps(*w))
				while (run < len && wrap_keeps(lines[n][len - 1 - run]))
					run++;
			if (run == len)
				run = 0;
			if (++n >= max_lines)
				return n;
			wmemcpy(lines[n], lines[n - 1] + len - run, (size_t)run);
			lines[n - 1][len - run] = L'\0';
			lines[n][run] = L'\0';
			len = cells = run; /* the run is ASCII: one cell a character */
			if (*w == L'\n')
				continue;
		}
		if (cw < 0)
			continue;
		lines[n][len++] = ui_show_as(*w);
		lines[n][len] = L'\0';
		cells += cw;
	}
	return n + 1;
}

/* A blank box over the screen with a title; popups draw inside it. */
void ui_draw_box(int top, int left, int h, int w, const char *title)
{
	for (int r = top; r < top + h; r++)
		mvhline(r, left, ' ', w);
	mvhline(top, left + 1, ACS_HLINE, w - 2);
	mvhline(top + h - 1, left + 1, ACS_HLINE, w - 2);
	mvvline(top + 1, left, ACS_VLINE, h - 2);
	mvvline(top + 1, left + w - 1, ACS_VLINE, h - 2);
	mvaddch(top, left, ACS_ULCORNER);
	mvaddch(top, left + w - 1, ACS_URCORNER);
	mvaddch(top + h - 1, left, ACS_LLCORNER);
	mvaddch(top + h - 1, left + w - 1, ACS_LRCORNER);
	ui_put(top, left + 2, title, w - 4, true);
}

/* Asks a yes/no question in a box, the question wrapped (a long one, such
 * as a draft's with its screen and time, is never cut). */
bool ui_confirm(struct ui *ui, const char *question)
{
	enum { WIDTH = 60, MAX_LINES = 6 };
	wchar_t lines[MAX_LINES][128];
	wchar_t *w = text_utf8_to_wcs(question ? question : "");
	int n = w ? wrap_lines(w, WIDTH - 4, MAX_LINES, lines) : 0;
	int h = n + 4, top = FORM_ROWS / 2 - 3, left = (ui_cols() - WIDTH) / 2;
	struct ui_key key;

	free(w);
	for (;;) {
		ui_draw_box(top, left, h, WIDTH, _("Confirm"));
		for (int i = 0; i < n; i++)
			mvaddwstr(top + 1 + i, left + 2, lines[i]);
		ui_put(top + h - 2, left + 2, _("Y: yes   N: no"), WIDTH - 4, true);
		move(top + h - 2, left + 2);
		refresh();
		if (ui_read_key(ui, &key) != UI_KEY_OK)
			return false;
		if (key.is_func && key.code == KEY_RESIZE)
			continue;
		if (!key.is_func && key.ch && wcschr(L"yY1\xff59\xff39", (wchar_t)key.ch))
			return true;
		if ((!key.is_func && key.ch && wcschr(L"nN0\x1b\xff4e\xff2e", (wchar_t)key.ch)) ||
		    ui_fkey(&key) == 3 || ui_fkey(&key) == 12)
			return false;
		beep();
	}
}

void ui_popup_text(struct ui *ui, const char *title, const char *text)
{
	enum { WIDTH = 64, MAX_LINES = 14 };
	wchar_t lines[MAX_LINES][128];
	wchar_t *w = text_utf8_to_wcs(text ? text : "");
	int n = w ? wrap_lines(w, WIDTH - 4, MAX_LINES, lines) : 0;
	int h = n + 4, top = (FORM_ROWS - h) / 2, left = (FORM_COLS - WIDTH) / 2;
	struct ui_key key;

	free(w);
	ui_draw_box(top, left, h, WIDTH, title);
	for (int i = 0; i < n; i++)
		mvaddwstr(top + 2 + i, left + 2, lines[i]);
	move(top + h - 1, left + WIDTH - 2);
	refresh();
	ui_read_key(ui, &key);
}

