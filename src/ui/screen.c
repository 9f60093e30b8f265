/* The terminal: start and stop, the frame every screen shares (title,
 * message line, key legend), and key input. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/ui.h"
#include "util.h"

/* Reads that fail in a row before we take it as a hang-up (the terminal or
 * the network to it is gone): a stray failure is not one. */
#define HANGUP_READS 20
/* Characters closer than this belong to one burst (typing is slower). */
#define BURST_GAP_MS 15

bool ui_start(struct ui *ui)
{
	memset(ui, 0, sizeof *ui);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		fprintf(stderr, "%s\n", _("hosho needs a UTF-8 locale (for example LANG=C.UTF-8)."));
		return false;
	}
	if (!initscr())
		return false;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_CYAN, -1);
	}
	return true;
}

void ui_stop(struct ui *ui)
{
	(void)ui;
	endwin();
}

enum ui_key_result ui_read_key(struct ui *ui, struct ui_key *key)
{
	wint_t ch;
	int r;

	for (;;) {
		r = get_wch(&ch);
		if (r != ERR)
			break;
		if (++ui->err_reads >= HANGUP_READS)
			return UI_KEY_HANGUP;
	}
	ui->err_reads = 0;
	memset(key, 0, sizeof *key);
	if (r == KEY_CODE_YES) {
		key->is_func = true;
		key->code = (int)ch;
	} else {
		key->ch = ch;
	}
	/* A message stays until the clerk's next key; a resize is not one. */
	if (!(key->is_func && key->code == KEY_RESIZE))
		ui_clear_message(ui);
	return UI_KEY_OK;
}

int ui_fkey(const struct ui_key *key)
{
	for (int n = 1; n <= 12; n++)
		if (key->is_func && key->code == KEY_F(n))
			return n;
	return 0;
}

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
		addnwstr(p, 1);
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
	ui->kind = kind;
}

void ui_clear_message(struct ui *ui)
{
	ui->message[0] = '\0';
}

void ui_refresh(void)
{
	refresh();
}

void ui_draw_message(const struct ui *ui)
{
	move(FORM_MSG_ROW, 0);
	clrtoeol();
	if (!ui->message[0])
		return;
	if (ui->kind == UI_MSG_ERROR && has_colors())
		attron(COLOR_PAIR(1) | A_BOLD);
	ui_put(FORM_MSG_ROW, 0, ui->message, FORM_COLS - 1, false);
	if (ui->kind == UI_MSG_ERROR && has_colors())
		attroff(COLOR_PAIR(1) | A_BOLD);
}

static void draw_keys(const struct form *f)
{
	int col = 0;

	move(FORM_KEYS_ROW, 0);
	clrtoeol();
	for (size_t i = 0; i < f->nkeys; i++) {
		char buf[128];
		int w;

		snprintf(buf, sizeof buf, "F%d %s", f->keys[i].fkey, f->keys[i].label);
		w = text_width_utf8(buf);
		if (w < 0 || col + w > FORM_COLS)
			break;
		attron(A_REVERSE);
		ui_put(FORM_KEYS_ROW, col, buf, w, false);
		attroff(A_REVERSE);
		col += w + 1;
	}
}

void ui_draw_frame(struct ui *ui, const struct form *f, const char *status)
{
	erase();
	attron(A_BOLD);
	ui_put(0, 0, f->title, FORM_COLS, true);
	attroff(A_BOLD);
	if (status && *status) {
		int w = text_width_utf8(status);
		if (w > 0 && w < FORM_COLS - text_width_utf8(f->title) - 1)
			ui_put(0, FORM_COLS - w, status, w, false);
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
	draw_keys(f);
	ui_draw_message(ui);
}

/* Wraps text into lines of at most width cells. */
static int wrap_lines(const wchar_t *w, int width, int max_lines, wchar_t lines[][128])
{
	int n = 0, cells = 0, len = 0;

	if (max_lines <= 0)
		return 0;
	lines[0][0] = L'\0';
	for (; *w; w++) {
		int cw = text_char_width(*w);
		if (*w == L'\n' || cells + (cw > 0 ? cw : 0) > width || len >= 126) {
			if (++n >= max_lines)
				return n;
			cells = len = 0;
			lines[n][0] = L'\0';
			if (*w == L'\n')
				continue;
		}
		if (cw < 0)
			continue;
		lines[n][len++] = *w;
		lines[n][len] = L'\0';
		cells += cw;
	}
	return n + 1;
}

/* A blank box over the screen with a title; popups draw inside it. */
static void draw_box(int top, int left, int h, int w, const char *title)
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

void ui_popup_text(struct ui *ui, const char *title, const char *text)
{
	enum { WIDTH = 64, MAX_LINES = 14 };
	wchar_t lines[MAX_LINES][128];
	wchar_t *w = text_utf8_to_wcs(text ? text : "");
	int n = w ? wrap_lines(w, WIDTH - 4, MAX_LINES, lines) : 0;
	int h = n + 4, top = (FORM_ROWS - h) / 2, left = (FORM_COLS - WIDTH) / 2;
	struct ui_key key;

	free(w);
	draw_box(top, left, h, WIDTH, title);
	for (int i = 0; i < n; i++)
		mvaddwstr(top + 2 + i, left + 2, lines[i]);
	move(top + h - 1, left + WIDTH - 2);
	refresh();
	ui_read_key(ui, &key);
}

size_t ui_take_burst(wchar_t *buf, size_t cap)
{
	size_t n = 0;
	wint_t ch;
	int r;

	/* What the terminal already has: an IME commit or a paste arrives as
	 * one burst and goes into a field as one unit. A long burst may reach
	 * us in several reads, so wait a moment for the rest of it. */
	timeout(BURST_GAP_MS);
	while (n < cap && (r = get_wch(&ch)) != ERR) {
		if (r == KEY_CODE_YES) {
			ungetch((int)ch);
			break;
		}
		if (ch < 0x20 || ch == 0x7f) {
			unget_wch((wchar_t)ch);
			break;
		}
		buf[n++] = (wchar_t)ch;
	}
	timeout(-1);
	return n;
}

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
		draw_box(top, left, HEIGHT, WIDTH, title);
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
