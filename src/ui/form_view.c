/* A form on screen being filled in: drawing the fields, moving between
 * them in tab order, editing the current one, F1 help and F4 prompt. A
 * wrong value keeps the cursor in its field with the reason on the message
 * line; nothing typed is ever thrown away by a check. One-row fields
 * scroll, with '<' or '>' just outside the box where text is hidden. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/ui.h"
#include "util.h"

#define BURST_MAX 256

/* A yes/no field's two answers, drawn as はい and いいえ after the field. */
static void yesno_codes(struct code_list *l, char *labels[2])
{
	static char *codes[] = {"1", "0"};

	labels[0] = _("Yes");
	labels[1] = _("No");
	l->n = 2;
	l->codes = codes;
	l->labels = labels;
}

void form_view_init(struct form_view *v, const struct form *f, lookup_fn lookup, void *ctx)
{
	memset(v, 0, sizeof *v);
	v->form = f;
	v->lookup = lookup;
	v->lookup_ctx = ctx;
	v->values = xcalloc(f->nfields, sizeof *v->values);
	yesno_codes(&v->yesno, v->yesno_labels);
	for (size_t i = 0; i < f->nfields; i++)
		fv_init(&v->values[i]);
	while (v->current < f->nfields && f->fields[v->current].readonly)
		v->current++;
	if (v->current >= f->nfields)
		v->current = 0;
}

void form_view_free(struct form_view *v)
{
	for (size_t i = 0; i < v->form->nfields; i++)
		fv_free(&v->values[i]);
	free(v->values);
}

static const struct code_list *codes_of(struct form_view *v, size_t i)
{
	const struct form_field *f = &v->form->fields[i];

	if (f->lookup)
		return v->lookup ? v->lookup(v->lookup_ctx, f->lookup) : NULL;
	return f->type == FIELD_YESNO ? &v->yesno : NULL;
}

/* A password's stand-in: as many '*' as it has characters. */
static void mask(struct field_value *masked, const struct field_value *val)
{
	fv_copy(masked, val);
	wmemset(masked->text, L'*', masked->len);
}

/* The window of a one-row field (the current one follows its cursor). */
static void window_of(struct form_view *v, size_t i, struct fv_window *w)
{
	const struct form_field *f = &v->form->fields[i];
	struct field_value *val = &v->values[i];

	if (f->type == FIELD_PASSWORD) {
		struct field_value masked;
		fv_init(&masked);
		mask(&masked, val);
		fv_window(&masked, f->width, i == v->current, w);
		val->first = masked.first;
		fv_free(&masked);
	} else {
		fv_window(val, f->width, i == v->current, w);
	}
}

static void draw_wrapped(const struct form_field *f, const struct field_value *val)
{
	for (size_t k = 0; k < val->len; k++) {
		int row, col;

		fv_locate(val, k, f->width, &row, &col);
		if (row >= f->height)
			break;
		mvaddnwstr(f->row + row, f->col + col, &val->text[k], 1);
	}
}

static void draw_scrolled(struct form_view *v, size_t i, struct fv_window *w)
{
	const struct form_field *f = &v->form->fields[i];
	const struct field_value *val = &v->values[i];
	int col = f->col;

	window_of(v, i, w);
	for (size_t k = w->first; k < w->end; k++) {
		wchar_t ch = f->type == FIELD_PASSWORD ? L'*' : ui_show_as(val->text[k]);
		int cw = text_char_width(ch);

		mvaddnwstr(f->row, col, &ch, 1);
		col += cw > 0 ? cw : 0;
	}
}

/* Draws one field: its cells underlined (editable) so the clerk sees the
 * room left, the value wrapped for a memo of several rows or scrolled, '*'
 * for a password, and a code's meaning after the field. */
static void draw_field(struct form_view *v, size_t i)
{
	const struct form_field *f = &v->form->fields[i];
	struct field_value *val = &v->values[i];
	attr_t attr = f->readonly || v->readonly ? A_NORMAL : A_UNDERLINE;
	struct fv_window w = {0};

	if (i == v->current)
		attr |= A_BOLD;
	attron(attr);
	for (int r = 0; r < f->height; r++)
		mvhline(f->row + r, f->col, ' ', f->width);
	if (f->height > 1)
		draw_wrapped(f, val);
	else
		draw_scrolled(v, i, &w);
	attroff(attr);
	if (w.more_left && f->col > 0)
		mvaddch(f->row, f->col - 1, '<');
	if (w.more_right && f->col + f->width < FORM_COLS)
		mvaddch(f->row, f->col + f->width, '>');
	if (f->type == FIELD_CODE || f->type == FIELD_YESNO) {
		char *code = fv_get_utf8(val);
		const char *label = code[0] ? code_list_label(codes_of(v, i), code) : NULL;
		int at = f->col + f->width + 1;

		if (label && at < FORM_COLS)
			ui_put(f->row, at, label, FORM_COLS - at, false);
		free(code);
	}
}

static void place_cursor(struct form_view *v)
{
	const struct form_field *f;
	struct fv_window w;
	int row, col;

	if (v->form->nfields == 0)
		return;
	f = &v->form->fields[v->current];
	if (f->height <= 1) {
		window_of(v, v->current, &w);
		move(f->row, f->col + w.cursor_col);
		return;
	}
	fv_locate(&v->values[v->current], v->values[v->current].cursor, f->width, &row, &col);
	if (col >= f->width) {
		if (row + 1 < f->height) {
			row++;
			col = 0;
		} else {
			col = f->width - 1;
		}
	}
	move(f->row + row, f->col + col);
}

void form_view_draw(struct form_view *v)
{
	for (size_t i = 0; i < v->form->nfields; i++)
		draw_field(v, i);
	place_cursor(v);
}

static bool editable(const struct form_view *v, size_t i)
{
	return !v->form->fields[i].readonly;
}

/* Checks the current field; on failure the reason goes to the message line
 * and the cursor stays. Going back past an empty required field is allowed
 * (it is still required on the way forward and on saving); a wrong value
 * holds the cursor either way. */
static bool check_current(struct form_view *v, struct ui *ui, bool forward)
{
	const struct form_field *f = &v->form->fields[v->current];
	const char *why;

	if (f->readonly || (!forward && v->values[v->current].len == 0))
		return true;
	why = field_check(f, &v->values[v->current], codes_of(v, v->current));
	if (why) {
		ui_set_message(ui, UI_MSG_ERROR, "%s: %s", f->label[0] ? f->label : f->id, why);
		return false;
	}
	return true;
}

/* Moves to the next (dir 1) or previous (dir -1) editable field; false
 * at either end. */
static bool move_field(struct form_view *v, int dir)
{
	size_t i = v->current;

	for (;;) {
		if ((dir > 0 && i + 1 >= v->form->nfields) || (dir < 0 && i == 0))
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		if (editable(v, i)) {
			v->current = i;
			v->values[i].cursor = v->values[i].len;
			return true;
		}
	}
}

static void prompt(struct form_view *v, struct ui *ui)
{
	const struct form_field *f = &v->form->fields[v->current];
	const struct code_list *l = codes_of(v, v->current);
	char *now;
	size_t initial = 0;
	int picked;

	if ((f->type != FIELD_CODE && f->type != FIELD_YESNO) || !l || l->n == 0) {
		ui_set_message(ui, UI_MSG_INFO, "%s", _("This field has no list to choose from."));
		return;
	}
	now = fv_get_utf8(&v->values[v->current]);
	for (size_t k = 0; k < l->n; k++)
		if (strcmp(l->codes[k], now) == 0)
			initial = k;
	free(now);
	picked = ui_choose(ui, f->label, l, initial);
	if (picked >= 0)
		fv_set_utf8(&v->values[v->current], l->codes[picked]);
}

bool form_view_type(struct form_view *v, struct ui *ui, const wchar_t *s, size_t n)
{
	const struct form_field *f = &v->form->fields[v->current];
	const char *why;

	if (f->readonly)
		return false;
	why = field_type_in(f, codes_of(v, v->current), &v->values[v->current], s, n);
	if (why) {
		beep();
		ui_set_message(ui, UI_MSG_ERROR, "%s: %s", f->label[0] ? f->label : f->id, why);
		return false;
	}
	return true;
}

/* A typed character and what arrived with it (an IME commit, a paste). */
static void insert_typed(struct form_view *v, struct ui *ui, wchar_t first)
{
	wchar_t burst[BURST_MAX + 1];
	size_t n;

	burst[0] = first;
	n = 1 + ui_take_burst(burst + 1, BURST_MAX - 1);
	form_view_type(v, ui, burst, n);
}

static bool is_enter(const struct ui_key *k)
{
	return (!k->is_func && (k->ch == L'\r' || k->ch == L'\n')) ||
	       (k->is_func && k->code == KEY_ENTER);
}

enum form_result form_view_key(struct form_view *v, struct ui *ui, const struct ui_key *key,
			       const char **action)
{
	struct field_value *val;
	int fk = ui_fkey(key);

	if (v->form->nfields == 0)
		return FORM_CONTINUE;
	val = &v->values[v->current];
	if (fk == 1) {
		ui_popup_text(ui, v->form->fields[v->current].label, v->form->fields[v->current].help);
		return FORM_CONTINUE;
	}
	if (fk == 4) {
		prompt(v, ui);
		return FORM_CONTINUE;
	}
	if (fk) {
		const struct form_key *k = NULL;
		for (size_t i = 0; i < v->form->nkeys && !k; i++)
			if (v->form->keys[i].fkey == fk)
				k = &v->form->keys[i];
		if (!k)
			return FORM_CONTINUE;
		*action = k->action;
		return FORM_ACTION;
	}
	if (is_enter(key) || (!key->is_func && key->ch == L'\t') ||
	    (key->is_func && key->code == KEY_DOWN)) {
		if (!check_current(v, ui, true))
			return FORM_CONTINUE;
		if (!move_field(v, 1) && is_enter(key))
			return FORM_SUBMIT;
		return FORM_CONTINUE;
	}
	if (key->is_func && (key->code == KEY_BTAB || key->code == KEY_UP)) {
		if (check_current(v, ui, false))
			move_field(v, -1);
		return FORM_CONTINUE;
	}
	if (!editable(v, v->current))
		return FORM_CONTINUE;
	if (key->is_func) {
		switch (key->code) {
		case KEY_LEFT: fv_left(val); break;
		case KEY_RIGHT: fv_right(val); break;
		case KEY_HOME: fv_home(val); break;
		case KEY_END: fv_end(val); break;
		case KEY_BACKSPACE: fv_backspace(val); break;
		case KEY_DC: fv_delete(val); break;
		default: break;
		}
		return FORM_CONTINUE;
	}
	if (key->ch == 0x7f || key->ch == 0x08) {
		fv_backspace(val);
		return FORM_CONTINUE;
	}
	if (key->ch == 0x15) { /* Ctrl-U clears the field, as in a shell */
		fv_clear(val);
		return FORM_CONTINUE;
	}
	if (key->ch >= 0x20)
		insert_typed(v, ui, (wchar_t)key->ch);
	return FORM_CONTINUE;
}

bool form_view_check_all(struct form_view *v, struct ui *ui)
{
	size_t keep = v->current;

	for (size_t i = 0; i < v->form->nfields; i++) {
		v->current = i;
		if (!check_current(v, ui, true))
			return false;
	}
	v->current = keep;
	return true;
}

struct field_value *form_view_value(struct form_view *v, const char *id)
{
	for (size_t i = 0; i < v->form->nfields; i++)
		if (strcmp(v->form->fields[i].id, id) == 0)
			return &v->values[i];
	return NULL;
}

const struct form_field *form_view_field(const struct form_view *v, const char *id)
{
	return form_field_by_id(v->form, id);
}

bool form_view_focus(struct form_view *v, const char *id)
{
	for (size_t i = 0; i < v->form->nfields; i++) {
		if (strcmp(v->form->fields[i].id, id) == 0) {
			v->current = i;
			return true;
		}
	}
	return false;
}

void form_view_clear(struct form_view *v)
{
	for (size_t i = 0; i < v->form->nfields; i++)
		fv_clear(&v->values[i]);
}
