/* The checks a form passes before any screen draws it: what the YAML kinds
 * cannot say. Each failure blames one node by path (struct form_blame); the
 * loader turns the path into a line and column. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "forms/form.h"
#include "i18n.h"
#include "text/text.h"

#define LAST_ROW (FORM_MSG_ROW - 1) /* the last row fields and texts may use */

#ifdef __GNUC__
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

PRINTF_LIKE(4, 5)
static bool blame(struct form_blame *b, const char *where, int offset, const char *fmt, ...)
{
	va_list ap;

	snprintf(b->where, sizeof b->where, "%s", where);
	b->offset = offset;
	va_start(ap, fmt);
	vsnprintf(b->message, sizeof b->message, fmt, ap);
	va_end(ap);
	return false;
}

/* The UTF-8 bytes of character i of s, for messages. */
static const char *char_at(const char *s, size_t i, char out[8])
{
	size_t n;

	for (; i > 0 && *s; i--)
		for (s++; ((unsigned char)*s & 0xC0) == 0x80; s++)
			;
	for (n = 1; n < 7 && ((unsigned char)s[n] & 0xC0) == 0x80; n++)
		;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Text drawn as is must have a width every terminal agrees on: no control
 * characters, no ambiguous-width ones (TeraTerm draws them 2 cells wide).
 * noun is an N_() string: "label", "title", ... */
static bool check_drawable(struct form_blame *b, const char *s, const char *noun, const char *where)
{
	wchar_t *w = text_utf8_to_wcs(s);
	wchar_t amb;
	char c[8];
	bool ok = true;

	if (!w)
		return blame(b, where, -1, _("%s cannot be converted to wide characters"), _(noun));
	for (size_t i = 0; ok && w[i]; i++)
		if (text_char_width(w[i]) < 0)
			ok = blame(b, where, (int)i, _("%s contains the character U+%04X, which cannot be drawn"),
				   _(noun), (unsigned)w[i]);
	amb = ok ? text_find_ambiguous_utf8(s) : 0;
	if (amb) {
		size_t i = (size_t)(wcschr(w, amb) - w);
		ok = blame(b, where, (int)i,
			   _("%s contains the ambiguous-width character '%s' (U+%04X), "
			     "drawn 2 cells wide by some terminals"),
			   _(noun), char_at(s, i, c), (unsigned)amb);
	}
	free(w);
	return ok;
}

static bool check_row(struct form_blame *b, int row, const char *where)
{
	if (row == 0)
		return blame(b, where, -1, "%s", _("row 0 is reserved for the title"));
	if (row == FORM_MSG_ROW)
		return blame(b, where, -1, _("row %d is reserved for messages"), row);
	if (row == FORM_KEYS_ROW)
		return blame(b, where, -1, _("row %d is reserved for the function-key legend"), row);
	if (row > LAST_ROW)
		return blame(b, where, -1, _("row %d is off the screen (fields and texts use rows 1 to %d)"),
			     row, LAST_ROW);
	return true;
}

static bool check_col(struct form_blame *b, int col, const char *where)
{
	if (col >= FORM_COLS)
		return blame(b, where, -1, _("column %d is off the screen (columns 0 to %d)"), col,
			     FORM_COLS - 1);
	return true;
}

static bool check_title(const struct form *f, struct form_blame *b)
{
	int w;

	if (!check_drawable(b, f->title, N_("title"), "title"))
		return false;
	w = text_width_utf8(f->title);
	if (w > FORM_COLS)
		return blame(b, "title", -1, _("title is %d cells wide: the screen has %d columns"), w,
			     FORM_COLS);
	return true;
}

int form_key_cells(const struct form_key *k)
{
	char buf[160];

	snprintf(buf, sizeof buf, "F%d %s", k->fkey, k->label);
	return text_width_utf8(buf);
}

/* Every key on the legend, one cell apart, within the screen's width: the
 * legend draws what fits and a key past the edge would be silently lost. */
static bool check_legend(const struct form *f, struct form_blame *b)
{
	int cells = 0;

	for (size_t i = 0; i < f->nkeys; i++) {
		cells += (i ? 1 : 0) + form_key_cells(&f->keys[i]);
		if (cells > FORM_COLS)
			return blame(b, "keys", -1,
				     _("the function-key legend is wider than the screen's %d cells: F%d %s and "
				       "the keys after it would not be shown (shorten the labels)"),
				     FORM_COLS, f->keys[i].fkey, f->keys[i].label);
	}
	return true;
}

static bool check_keys(const struct form *f, struct form_blame *b)
{
	char where[64];

	for (size_t i = 0; i < f->nkeys; i++) {
		const struct form_key *k = &f->keys[i];
		snprintf(where, sizeof where, "keys.%zu.label", i);
		if (!check_drawable(b, k->label, N_("key label"), where))
			return false;
		for (size_t j = 0; j < i; j++) {
			if (f->keys[j].fkey == k->fkey) {
				snprintf(where, sizeof where, "keys.%zu.key", i);
				return blame(b, where, -1, _("function key F%d is declared twice"), k->fkey);
			}
			if (strcmp(f->keys[j].action, k->action) == 0) {
				snprintf(where, sizeof where, "keys.%zu.action", i);
				return blame(b, where, -1, _("action '%s' is declared twice"), k->action);
			}
		}
	}
	return check_legend(f, b);
}

static bool check_texts(const struct form *f, struct form_blame *b)
{
	char where[64];

	for (size_t i = 0; i < f->ntexts; i++) {
		const struct form_text *t = &f->texts[i];
		int w;
		snprintf(where, sizeof where, "texts.%zu.text", i);
		if (!check_drawable(b, t->text, N_("text"), where))
			return false;
		w = text_width_utf8(t->text);
		snprintf(where, sizeof where, "texts.%zu.row", i);
		if (!check_row(b, t->row, where))
			return false;
		snprintf(where, sizeof where, "texts.%zu.col", i);
		if (!check_col(b, t->col, where))
			return false;
		if (t->col + w > FORM_COLS) {
			snprintf(where, sizeof where, "texts.%zu.text", i);
			return blame(b, where, -1,
				     _("text '%s' (%d cells) at column %d runs past the right edge "
				       "(column %d)"),
				     t->text, w, t->col, FORM_COLS - 1);
		}
	}
	return true;
}

static bool has_bounds(enum field_type t)
{
	return t == FIELD_INTEGER || t == FIELD_YEN || t == FIELD_KYEN;
}

/* Keys that only some types take, and the bounds. */
static bool check_type_keys(const struct form_field *fd, size_t i, struct form_blame *b)
{
	const char *type = field_type_name(fd->type);
	char where[64];

	if (fd->height && fd->type != FIELD_MEMO) {
		snprintf(where, sizeof where, "fields.%zu.height", i);
		return blame(b, where, -1, _("height is only for memo fields (this field is %s)"), type);
	}
	if ((fd->has_min || fd->has_max) && !has_bounds(fd->type)) {
		const char *key = fd->has_min ? "min" : "max";
		snprintf(where, sizeof where, "fields.%zu.%s", i, key);
		return blame(b, where, -1,
			     _("%s is only for integer, yen and kyen fields (this field is %s)"), key,
			     type);
	}
	if (fd->has_min && fd->has_max && fd->min > fd->max) {
		snprintf(where, sizeof where, "fields.%zu.max", i);
		return blame(b, where, -1, _("max %lld is less than min %lld"), fd->max, fd->min);
	}
	if (fd->when != DATE_ANY && fd->type != FIELD_DATE) {
		snprintf(where, sizeof where, "fields.%zu.when", i);
		return blame(b, where, -1, _("when is only for date fields (this field is %s)"), type);
	}
	if (fd->type != FIELD_CODE && fd->lookup) {
		snprintf(where, sizeof where, "fields.%zu.lookup", i);
		return blame(b, where, -1, _("%s is only for code fields (this field is %s)"), "lookup",
			     type);
	}
	/* Code lists live in the database only: a form names one, never copies it. */
	if (fd->type == FIELD_CODE && !fd->lookup) {
		snprintf(where, sizeof where, "fields.%zu", i);
		return blame(b, where, -1, "%s",
			     _("a code field needs lookup: the name of a database code list"));
	}
	return true;
}

/* The field's cells and its label, which ends one cell before col. */
static bool check_place(const struct form_field *fd, size_t i, struct form_blame *b)
{
	int height = fd->height ? fd->height : 1;
	int lw = text_width_utf8(fd->label);
	char where[64];

	snprintf(where, sizeof where, "fields.%zu.row", i);
	if (!check_row(b, fd->row, where))
		return false;
	if (fd->row + height - 1 > LAST_ROW) {
		snprintf(where, sizeof where, "fields.%zu.height", i);
		return blame(b, where, -1, _("height %d at row %d reaches row %d: fields end by row %d"),
			     height, fd->row, fd->row + height - 1, LAST_ROW);
	}
	snprintf(where, sizeof where, "fields.%zu.col", i);
	if (!check_col(b, fd->col, where))
		return false;
	if (fd->col + fd->width > FORM_COLS) {
		snprintf(where, sizeof where, "fields.%zu.width", i);
		return blame(b, where, -1,
			     _("width %d at column %d runs past the right edge: the field ends at "
			       "column %d, the screen at %d"),
			     fd->width, fd->col, fd->col + fd->width - 1, FORM_COLS - 1);
	}
	if (lw > 0 && fd->col - 1 - lw < 0) {
		snprintf(where, sizeof where, "fields.%zu.label", i);
		return blame(b, where, -1,
			     _("label '%s' (%d cells) does not fit left of column %d: a label ends "
			       "one cell before its field"),
			     fd->label, lw, fd->col);
	}
	return true;
}

static bool check_field(const struct form *f, size_t i, struct form_blame *b)
{
	const struct form_field *fd = &f->fields[i];
	char where[64];

	snprintf(where, sizeof where, "fields.%zu.label", i);
	if (!check_drawable(b, fd->label, N_("label"), where) || !check_type_keys(fd, i, b) ||
	    !check_place(fd, i, b))
		return false;
	for (size_t j = 0; j < i; j++) {
		if (strcmp(f->fields[j].id, fd->id) == 0) {
			snprintf(where, sizeof where, "fields.%zu.id", i);
			return blame(b, where, -1, _("duplicate field id '%s' (first declared at line %d)"),
				     fd->id, f->fields[j].pos.line);
		}
	}
	return true;
}

/* ---- overlaps ---------------------------------------------------------- */

/* Who holds a cell of the screen: 0 nobody, else 1 + 4 * index + part. */
enum part { PART_TEXT, PART_LABEL, PART_CELLS, PART_LIST, NPARTS };

struct grid {
	int cell[FORM_ROWS][FORM_COLS];
};

/* "field 'name'" as the subject of the message, or with its line as the
 * object. */
static const char *owner_name(const struct form *f, int owner, bool object, char *buf, size_t n)
{
	size_t i = (size_t)(owner - 1) / NPARTS;

	switch ((enum part)((owner - 1) % NPARTS)) {
	case PART_TEXT:
		snprintf(buf, n, _("the text '%s'"), f->texts[i].text);
		break;
	case PART_LABEL:
		if (object)
			snprintf(buf, n, _("the label of field '%s' (line %d)"), f->fields[i].id,
				 f->fields[i].pos.line);
		else
			snprintf(buf, n, _("the label of field '%s'"), f->fields[i].id);
		break;
	case PART_CELLS:
		if (object)
			snprintf(buf, n, _("field '%s' (line %d)"), f->fields[i].id,
				 f->fields[i].pos.line);
		else
			snprintf(buf, n, _("field '%s'"), f->fields[i].id);
		break;
	case PART_LIST:
		if (object)
			snprintf(buf, n, _("list '%s' (line %d)"), f->lists[i].id, f->lists[i].pos.line);
		else
			snprintf(buf, n, _("list '%s'"), f->lists[i].id);
		break;
	case NPARTS:
		break;
	}
	return buf;
}

/* Claims cells [col, col + w) of row for owner, or blames where. */
static bool paint(const struct form *f, struct grid *g, int row, int col, int w, int owner,
		  const char *where, struct form_blame *b)
{
	char subject[160], object[160];

	for (int c = col; c < col + w; c++) {
		int other = g->cell[row][c];
		if (other)
			return blame(b, where, -1, _("%s overlaps %s at row %d, column %d"),
				     owner_name(f, owner, false, subject, sizeof subject),
				     owner_name(f, other, true, object, sizeof object), row, c);
		g->cell[row][c] = owner;
	}
	return true;
}

/* Runs after every item is known to be on the screen. */
static bool check_overlaps(const struct form *f, struct form_blame *b)
{
	struct grid *g = calloc(1, sizeof *g);
	char where[64];
	bool ok = true;

	if (!g)
		return blame(b, "", -1, "%s", _("out of memory"));
	for (size_t i = 0; ok && i < f->ntexts; i++) {
		const struct form_text *t = &f->texts[i];
		snprintf(where, sizeof where, "texts.%zu", i);
		ok = paint(f, g, t->row, t->col, text_width_utf8(t->text), 1 + NPARTS * (int)i + PART_TEXT,
			   where, b);
	}
	for (size_t i = 0; ok && i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		int lw = text_width_utf8(fd->label);
		int height = fd->height ? fd->height : 1;
		snprintf(where, sizeof where, "fields.%zu.label", i);
		ok = paint(f, g, fd->row, fd->col - 1 - lw, lw, 1 + NPARTS * (int)i + PART_LABEL, where, b);
		snprintf(where, sizeof where, "fields.%zu", i);
		for (int r = fd->row; ok && r < fd->row + height; r++)
			ok = paint(f, g, r, fd->col, fd->width, 1 + NPARTS * (int)i + PART_CELLS, where, b);
	}
	for (size_t i = 0; ok && i < f->nlists; i++) {
		const struct form_list *l = &f->lists[i];
		snprintf(where, sizeof where, "lists.%zu", i);
		for (int r = l->row; ok && r < l->row + l->height; r++)
			ok = paint(f, g, r, 0, FORM_COLS, 1 + NPARTS * (int)i + PART_LIST, where, b);
	}
	free(g);
	return ok;
}

static bool check_columns(const struct form_list *l, size_t i, struct form_blame *b)
{
	char where[80];
	int width = 0;

	for (size_t j = 0; j < l->ncolumns; j++) {
		const struct form_column *c = &l->columns[j];
		snprintf(where, sizeof where, "lists.%zu.columns.%zu.title", i, j);
		if (!check_drawable(b, c->title, N_("column title"), where))
			return false;
		/* A title wider than its column is cut where it is drawn. */
		if (!c->hidden && text_width_utf8(c->title) > c->width)
			return blame(b, where, -1, _("column title '%s' is %d cells wide: its column has %d"),
				     c->title, text_width_utf8(c->title), c->width);
		for (size_t k = 0; k < j; k++) {
			if (strcmp(l->columns[k].id, c->id) == 0) {
				snprintf(where, sizeof where, "lists.%zu.columns.%zu.id", i, j);
				return blame(b, where, -1, _("duplicate column id '%s'"), c->id);
			}
		}
		if (!c->hidden)
			width += c->width + (width ? 1 : 0);
	}
	if (width > FORM_COLS) {
		snprintf(where, sizeof where, "lists.%zu.columns", i);
		return blame(b, where, -1,
			     _("the columns take %d cells with the spaces between them: the screen has %d"),
			     width, FORM_COLS);
	}
	if (!form_column_by_id(l, l->key)) {
		snprintf(where, sizeof where, "lists.%zu.key", i);
		return blame(b, where, -1, _("key '%s' is not one of the list's columns"), l->key);
	}
	return true;
}

/* What a parameter names exists: a field, a list's column, the record. */
static bool check_param(const struct form *f, const struct form_param *p, const char *where,
			struct form_blame *b)
{
	const struct form_list *l;

	switch (p->kind) {
	case PARAM_FIELD:
		if (!form_field_by_id(f, p->field))
			return blame(b, where, -1, _("parameter '%s' is not a field of this form"), p->field);
		break;
	case PARAM_ROW:
	case PARAM_ROWS:
		l = form_list_by_id(f, p->field);
		if (!l || !form_column_by_id(l, p->column))
			return blame(b, where, -1, _("parameter '%s.%s' is not a column of a list of this form"),
				     p->field, p->column);
		break;
	case PARAM_KEY:
	case PARAM_VERSION:
		if (!f->key)
			return blame(b, where, -1, "%s", _("key and version are parameters of a form with a record key"));
		break;
	case PARAM_LIMIT:
	case PARAM_CONST:
	case PARAM_REQUEST:
	case PARAM_RECORD:
		break;
	}
	return true;
}

static bool check_call(const struct form *f, size_t i, struct form_blame *b)
{
	const struct form_call *c = &f->calls[i];
	char where[64];

	for (size_t j = 0; j < c->nparams; j++) {
		snprintf(where, sizeof where, "calls.%zu.params.%zu", i, j);
		if (!check_param(f, &c->params[j], where, b))
			return false;
		if (c->params[j].kind == PARAM_LIMIT)
			return blame(b, where, -1, "%s", _("limit is a parameter of a list's source"));
	}
	if (c->record && !f->key) {
		snprintf(where, sizeof where, "calls.%zu.record", i);
		return blame(b, where, -1, "%s", _("a call that answers the record needs the form's key"));
	}
	for (size_t k = 0; k < i; k++) {
		if (strcmp(f->calls[k].action, c->action) == 0) {
			snprintf(where, sizeof where, "calls.%zu.action", i);
			return blame(b, where, -1, _("action '%s' is declared twice"), c->action);
		}
	}
	return true;
}

/* Where a list's rows come from, and that it fits. */
static bool check_list(const struct form *f, size_t i, struct form_blame *b)
{
	const struct form_list *l = &f->lists[i];
	char where[64];

	snprintf(where, sizeof where, "lists.%zu", i);
	if (!l->source == !l->record)
		return blame(b, where, -1, "%s",
			     _("a list takes its rows from a source (a database function) or from a "
			       "record array, one of the two"));
	if (l->nparams && !l->source) {
		snprintf(where, sizeof where, "lists.%zu.params", i);
		return blame(b, where, -1, "%s", _("params are for a list with a source"));
	}
	for (size_t j = 0; j < l->nparams; j++) {
		const struct form_param *p = &l->params[j];
		snprintf(where, sizeof where, "lists.%zu.params.%zu", i, j);
		if (!check_param(f, p, where, b))
			return false;
		if (p->kind == PARAM_LIMIT && !l->limit)
			return blame(b, where, -1, "%s", _("parameter limit needs the list's limit"));
		if (p->kind == PARAM_ROW || p->kind == PARAM_ROWS || p->kind == PARAM_VERSION ||
		    p->kind == PARAM_REQUEST)
			return blame(b, where, -1, "%s",
				     _("a list's source takes fields, limit, key and integers"));
	}
	for (size_t j = 0; j < i; j++) {
		if (strcmp(f->lists[j].id, l->id) == 0) {
			snprintf(where, sizeof where, "lists.%zu.id", i);
			return blame(b, where, -1, _("duplicate list id '%s'"), l->id);
		}
	}
	snprintf(where, sizeof where, "lists.%zu.row", i);
	if (!check_row(b, l->row, where))
		return false;
	if (l->row + l->height - 1 > LAST_ROW) {
		snprintf(where, sizeof where, "lists.%zu.height", i);
		return blame(b, where, -1, _("height %d at row %d reaches row %d: lists end by row %d"),
			     l->height, l->row, l->row + l->height - 1, LAST_ROW);
	}
	return check_columns(l, i, b);
}

static bool has_source(const struct form *f)
{
	for (size_t i = 0; i < f->nlists; i++)
		if (f->lists[i].source)
			return true;
	return false;
}

bool form_check(const struct form *f, struct form_blame *b)
{
	if (!check_title(f, b) || !check_keys(f, b) || !check_texts(f, b))
		return false;
	for (size_t i = 0; i < f->nfields; i++)
		if (!check_field(f, i, b))
			return false;
	for (size_t i = 0; i < f->nlists; i++)
		if (!check_list(f, i, b))
			return false;
	for (size_t i = 0; i < f->ncalls; i++)
		if (!check_call(f, i, b))
			return false;
	if (f->on_date && (!form_field_by_id(f, f->on_date) ||
			   form_field_by_id(f, f->on_date)->type != FIELD_DATE))
		return blame(b, "on_date", -1, _("on_date '%s' is not a date field of this form"), f->on_date);
	if (f->offers && !f->load)
		return blame(b, "offers", -1, "%s",
			     _("offers names an array of the record: the form needs load"));
	if (f->listen && !has_source(f))
		return blame(b, "listen", -1, "%s",
			     _("listen reads the lists again: the form needs a list with a source"));
	return check_overlaps(f, b);
}
