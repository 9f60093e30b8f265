/* What a typed value means for its field's type: normalisation on leaving
 * the field (half-width kana, full-width digits), the form checks a clerk
 * expects at once (a date is a date), and the text the database takes.
 * Business rules are not here: the database decides those. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/ui.h"
#include "util.h"

const char *code_list_label(const struct code_list *l, const char *code)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->codes[i], code) == 0)
			return l->labels[i];
	return NULL;
}

/* Strips spaces at both ends, in place. */
static void trim(struct field_value *v)
{
	size_t start = 0, end = v->len;

	while (start < end && (v->text[start] == L' ' || v->text[start] == 0x3000))
		start++;
	while (end > start && (v->text[end - 1] == L' ' || v->text[end - 1] == 0x3000))
		end--;
	wmemmove(v->text, v->text + start, end - start);
	v->text[end - start] = L'\0';
	v->len = end - start;
	if (v->cursor > v->len)
		v->cursor = v->len;
}

/* The era form that fits the field: 令和6年3月31日 if it has room, else R6.3.31. */
static void format_date(const struct form_field *f, const struct text_date *d, char *buf,
			size_t n)
{
	if (text_date_format_long(d, buf, n) < 0 || text_width_utf8(buf) > f->width)
		if (text_date_format_short(d, buf, n) < 0)
			text_date_format_iso(d, buf, n);
}

static const char *check_bounds(const struct form_field *f, long long yen)
{
	static char msg[160];
	char num[40];
	bool kyen = f->type == FIELD_KYEN;

	if (f->has_min && yen < f->min) {
		if (kyen)
			text_kyen_format(f->min, num, sizeof num);
		else
			text_amount_format(f->min, num, sizeof num);
		snprintf(msg, sizeof msg, kyen ? _("Enter %s thousand yen or more.") : _("Enter %s or more."), num);
		return msg;
	}
	if (f->has_max && yen > f->max) {
		if (kyen)
			text_kyen_format(f->max, num, sizeof num);
		else
			text_amount_format(f->max, num, sizeof num);
		snprintf(msg, sizeof msg, kyen ? _("Enter %s thousand yen or less.") : _("Enter %s or less."), num);
		return msg;
	}
	return NULL;
}

/* Parses an amount field; the value in yen. */
static const char *parse_amount(const struct form_field *f, const struct field_value *v,
				long long *yen)
{
	enum text_amount_err e = text_amount_parse(v->text, yen);

	if (e != TEXT_AMOUNT_OK)
		return text_amount_strerror(e);
	if (f->type == FIELD_INTEGER && wcschr(v->text, L','))
		return text_amount_strerror(TEXT_AMOUNT_SYNTAX);
	if (f->type == FIELD_KYEN) {
		if (*yen > 999999999999LL || *yen < -999999999999LL)
			return text_amount_strerror(TEXT_AMOUNT_TOO_LARGE);
		*yen *= 1000;
	}
	return NULL;
}

static void show_amount(const struct form_field *f, struct field_value *v, long long yen)
{
	char buf[40];

	if (f->type == FIELD_KYEN)
		text_kyen_format(yen, buf, sizeof buf);
	else if (f->type == FIELD_YEN)
		text_amount_format(yen, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%lld", yen);
	fv_set_utf8(v, buf);
}

static bool yesno_value(const wchar_t *s, const char **out)
{
	static const struct {
		const wchar_t *typed;
		const char *value;
	} forms[] = {
		{L"1", "1"}, {L"0", "0"}, {L"y", "1"}, {L"n", "0"}, {L"Y", "1"}, {L"N", "0"},
		{L"\x306f\x3044", "1"}, {L"\x3044\x3044\x3048", "0"}, /* はい いいえ */
	};

	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		if (wcscmp(s, forms[i].typed) == 0) {
			*out = forms[i].value;
			return true;
		}
	}
	return false;
}

const char *field_check(const struct form_field *f, struct field_value *v,
			const struct code_list *codes)
{
	struct text_date d;
	enum text_date_err de;
	long long yen;
	const char *why, *yn;
	char *s;
	char buf[64];

	if (f->type != FIELD_PASSWORD && f->type != FIELD_MEMO)
		trim(v);
	if (v->len == 0)
		return f->required ? _("This field is required.") : NULL;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MEMO:
	case FIELD_PASSWORD:
		return NULL;
	case FIELD_KATAKANA:
		text_norm_kana(v->text);
		fv_set_wcs(v, v->text);
		return text_is_kana_reading(v->text) ? NULL : _("Enter the reading in katakana.");
	case FIELD_DIGITS:
		text_norm_ascii(v->text);
		fv_set_wcs(v, v->text);
		return text_is_digits(v->text) ? NULL : _("Enter digits only.");
	case FIELD_INTEGER:
	case FIELD_YEN:
	case FIELD_KYEN:
		text_norm_ascii(v->text);
		fv_set_wcs(v, v->text);
		why = parse_amount(f, v, &yen);
		if (!why)
			why = check_bounds(f, yen);
		if (!why)
			show_amount(f, v, yen);
		return why;
	case FIELD_DATE:
		text_norm_ascii(v->text);
		fv_set_wcs(v, v->text);
		de = text_date_parse(v->text, &d);
		if (de != TEXT_DATE_OK)
			return text_date_strerror(de);
		format_date(f, &d, buf, sizeof buf);
		fv_set_utf8(v, buf);
		return NULL;
	case FIELD_CODE:
		text_norm_ascii(v->text);
		fv_set_wcs(v, v->text);
		s = fv_get_utf8(v);
		why = code_list_label(codes, s) ? NULL : _("No such code: press F4 for the list.");
		free(s);
		return why;
	case FIELD_YESNO:
		text_norm_ascii(v->text);
		if (!yesno_value(v->text, &yn))
			return _("Enter 1 (yes) or 0 (no).");
		fv_set_utf8(v, yn);
		return NULL;
	}
	return NULL;
}

char *field_to_db(const struct form_field *f, const struct field_value *v)
{
	struct field_value copy;
	struct text_date d;
	long long yen;
	char buf[64];

	if (v->len == 0)
		return NULL;
	switch (f->type) {
	case FIELD_DATE:
		fv_init(&copy);
		fv_set_wcs(&copy, v->text);
		text_norm_ascii(copy.text);
		if (text_date_parse(copy.text, &d) != TEXT_DATE_OK) {
			fv_free(&copy);
			return NULL;
		}
		fv_free(&copy);
		text_date_format_iso(&d, buf, sizeof buf);
		return xstrdup(buf);
	case FIELD_INTEGER:
	case FIELD_YEN:
	case FIELD_KYEN:
		if (parse_amount(f, v, &yen))
			return NULL;
		return xasprintf("%lld", yen);
	default:
		return fv_get_utf8(v);
	}
}

void field_from_db(const struct form_field *f, struct field_value *v, const char *db)
{
	struct text_date d;
	char buf[64];

	if (!db) {
		fv_clear(v);
		return;
	}
	switch (f->type) {
	case FIELD_DATE:
		if (text_date_from_iso(db, &d)) {
			format_date(f, &d, buf, sizeof buf);
			fv_set_utf8(v, buf);
			return;
		}
		break;
	case FIELD_INTEGER:
	case FIELD_YEN:
	case FIELD_KYEN:
		show_amount(f, v, strtoll(db, NULL, 10));
		return;
	case FIELD_YESNO:
		fv_set_utf8(v, strcmp(db, "true") == 0 || strcmp(db, "1") == 0 ? "1" : "0");
		return;
	default:
		break;
	}
	fv_set_utf8(v, db);
}
