/* What a typed value means for its field's type: normalisation as it is
 * typed (an IME's full-width digits, a postal code's hyphen) and on leaving
 * the field (half-width kana, a code's label to the code), the form checks
 * a clerk expects at once (a date is a date), and the text the database
 * takes. Business rules are not here: the database decides those. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

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

void code_fold(wchar_t *s)
{
	text_norm_kana(s);
	for (; *s; s++)
		if (*s < 0x80)
			*s = (wchar_t)towlower((wint_t)*s);
}

/* An entry's code or label, folded, begins with (or, exact, is) the folded
 * text. */
static bool entry_matches(const char *utf8, const wchar_t *folded, bool exact)
{
	wchar_t *w = text_utf8_to_wcs(utf8);
	size_t n = wcslen(folded);
	bool m;

	if (!w)
		return false;
	code_fold(w);
	m = exact ? wcscmp(w, folded) == 0 : wcsncmp(w, folded, n) == 0;
	free(w);
	return m;
}

bool code_list_starts(const struct code_list *l, size_t k, const wchar_t *folded)
{
	return entry_matches(l->codes[k], folded, false) || entry_matches(l->labels[k], folded, false);
}

/* The entries the folded text names, best first: an exact code, else the
 * exact labels, else every code or label it begins. At most cap indices are
 * kept in found; the count of all is returned. */
static size_t code_find(const struct code_list *l, const wchar_t *folded, size_t *found, size_t cap)
{
	size_t n = 0;

	for (size_t k = 0; l && k < l->n; k++)
		if (entry_matches(l->codes[k], folded, true)) {
			found[0] = k;
			return 1;
		}
	for (size_t k = 0; l && k < l->n; k++)
		if (entry_matches(l->labels[k], folded, true) && n++ < cap)
			found[n - 1] = k;
	if (n > 0)
		return n;
	for (size_t k = 0; l && k < l->n; k++)
		if (code_list_starts(l, k, folded) && n++ < cap)
			found[n - 1] = k;
	return n;
}

/* Appends to buf of size n, holding *used bytes; output past the end is
 * cut (at a whole character by the caller). */
__attribute__((format(printf, 4, 5)))
static void append(char *buf, size_t n, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*used + 1 >= n)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *used, n - *used, fmt, ap);
	va_end(ap);
	if (k > 0)
		*used = *used + (size_t)k < n ? *used + (size_t)k : n - 1;
}

/* "label (code), label (code) and 2 more" for an ambiguous prefix. */
static const char *ambiguous(const struct code_list *l, const size_t *found, size_t shown,
			     size_t count)
{
	static char msg[400];
	char names[240] = "";
	size_t used = 0;

	for (size_t i = 0; i < shown; i++)
		append(names, sizeof names, &used, "%s%s (%s)", i ? ", " : "", l->labels[found[i]],
		       l->codes[found[i]]);
	if (count > shown)
		append(names, sizeof names, &used, _(" and %zu more"), count - shown);
	text_utf8_trim_partial(names);
	snprintf(msg, sizeof msg, _("Several match, F4 lists them: %s"), names);
	return msg;
}

/* Resolves a code field's text to the code it names. */
static const char *check_code(struct field_value *v, const struct code_list *codes)
{
	enum { SHOWN = 3 };
	size_t found[SHOWN], count;
	wchar_t *folded = xmalloc((v->len + 1) * sizeof *folded);

	wmemcpy(folded, v->text, v->len + 1);
	code_fold(folded);
	count = code_find(codes, folded, found, SHOWN);
	free(folded);
	if (count == 0)
		return _("No such code: press F4 for the list.");
	if (count > 1)
		return ambiguous(codes, found, count < SHOWN ? count : SHOWN, count);
	fv_set_utf8(v, codes->codes[found[0]]);
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

/* The value (1 or 0) a yes/no field's text means, or NULL. */
static const char *yesno_value(const wchar_t *s)
{
	static const struct {
		const wchar_t *typed; /* folded: katakana, lower case */
		const char *value;
	} forms[] = {
		{L"1", "1"}, {L"0", "0"}, {L"y", "1"}, {L"n", "0"}, {L"yes", "1"}, {L"no", "0"},
		{L"\x30cf\x30a4", "1"}, {L"\x30a4\x30a4\x30a8", "0"}, /* ハイ イイエ */
		{L"\x25cb", "1"}, {L"\x3007", "1"}, {L"\xffee", "1"},  /* ○ 〇 ￮ */
		{L"\x00d7", "0"}, {L"\x2715", "0"},                    /* × ✕ */
	};
	wchar_t folded[8];
	const char *value = NULL;

	if (wcslen(s) >= ARRAY_SIZE(folded))
		return NULL;
	wcscpy(folded, s);
	code_fold(folded);
	for (size_t i = 0; i < ARRAY_SIZE(forms) && !value; i++)
		if (wcscmp(folded, forms[i].typed) == 0)
			value = forms[i].value;
	return value;
}

static void today(struct text_date *d)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

static int date_cmp(const struct text_date *a, const struct text_date *b)
{
	long ka = a->year * 10000L + a->month * 100L + a->day;
	long kb = b->year * 10000L + b->month * 100L + b->day;

	return (ka > kb) - (ka < kb);
}

/* A date field's when: today is always allowed. */
static const char *check_when(const struct form_field *f, const struct text_date *d)
{
	struct text_date t;

	today(&t);
	if (f->when == DATE_PAST && date_cmp(d, &t) > 0)
		return _("The date cannot be in the future.");
	if (f->when == DATE_FUTURE && date_cmp(d, &t) < 0)
		return _("The date cannot be in the past.");
	return NULL;
}

/* Hyphens as IMEs and keyboards type them: - ‐ ‑ ‒ – — ― − ー ｰ */
static bool is_hyphen(wchar_t c)
{
	return c == L'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x30FC ||
	       c == 0xFF70;
}

static bool is_digit(wchar_t c)
{
	return c >= L'0' && c <= L'9';
}

/* Drops hyphens and spaces that follow a digit (028-8401, 1234 5678 9012),
 * before being the character before s; returns the new length. */
static size_t drop_separators(wchar_t *s, size_t n, wchar_t before)
{
	size_t w = 0;

	for (size_t r = 0; r < n; r++) {
		if ((is_hyphen(s[r]) || s[r] == L' ') && is_digit(before))
			continue;
		before = s[w++] = s[r];
	}
	s[w] = L'\0';
	return w;
}

/* Types whose text is ASCII once typed: an IME's full-width digits and
 * signs are their ASCII selves. */
static bool takes_ascii(enum field_type t)
{
	switch (t) {
	case FIELD_DIGITS:
	case FIELD_INTEGER:
	case FIELD_YEN:
	case FIELD_KYEN:
	case FIELD_DATE:
	case FIELD_CODE:
	case FIELD_YESNO:
		return true;
	default:
		return false;
	}
}

static size_t max_chars(size_t a, const char *utf8)
{
	wchar_t *w = text_utf8_to_wcs(utf8);
	size_t n = w ? wcslen(w) : 0;

	free(w);
	return n > a ? n : a;
}

/* Characters the field's text may hold while typed: maxlen, or for a code
 * the longest code or label it may be typed as, for a yes/no いいえ. */
static size_t typed_limit(const struct form_field *f, const struct code_list *codes)
{
	size_t limit = (size_t)f->maxlen;

	if (f->type == FIELD_YESNO)
		return limit > 3 ? limit : 3;
	for (size_t k = 0; f->type == FIELD_CODE && codes && k < codes->n; k++)
		limit = max_chars(max_chars(limit, codes->codes[k]), codes->labels[k]);
	return limit;
}

/* Characters that count against the limit: a reading's once normalised
 * (ｶﾞ is one). */
static size_t counted_len(const struct form_field *f, const struct field_value *v)
{
	wchar_t *w;
	size_t n;

	if (f->type != FIELD_KATAKANA)
		return v->len;
	w = xmalloc((v->len + 1) * sizeof *w);
	wmemcpy(w, v->text, v->len + 1);
	text_norm_kana(w);
	n = wcslen(w);
	free(w);
	return n;
}

const char *field_type_in(const struct form_field *f, const struct code_list *codes,
			  struct field_value *v, const wchar_t *typed, size_t n)
{
	static char msg[160];
	struct field_value next;
	wchar_t *s = xmalloc((n + 1) * sizeof *s);
	const char *why = NULL, *yn;
	bool drawable;

	wmemcpy(s, typed, n);
	s[n] = L'\0';
	if (takes_ascii(f->type))
		text_norm_ascii(s);
	if (f->type == FIELD_DIGITS)
		n = drop_separators(s, n, v->cursor > 0 ? v->text[v->cursor - 1] : L'\0');
	fv_init(&next);
	fv_copy(&next, v);
	drawable = fv_insert(&next, s, n);
	/* A yes/no field takes its answer at once: the whole text, or what was
	 * just typed, replacing the answer before. */
	if (drawable && f->type == FIELD_YESNO && ((yn = yesno_value(next.text)) || (yn = yesno_value(s))))
		fv_set_utf8(&next, yn);
	if (!drawable) {
		why = _("That character cannot be shown.");
	} else if (counted_len(f, &next) > typed_limit(f, codes)) {
		snprintf(msg, sizeof msg, _("This field holds at most %zu characters."), typed_limit(f, codes));
		why = msg;
	} else if (f->height > 1 && fv_rows(&next, f->width) > f->height) {
		why = _("That does not fit in the field.");
	}
	if (!why)
		fv_copy(v, &next);
	fv_free(&next);
	free(s);
	return why;
}

const char *field_check(const struct form_field *f, struct field_value *v,
			const struct code_list *codes)
{
	struct text_date d;
	enum text_date_err de;
	long long yen;
	const char *why, *yn;
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
		v->len = drop_separators(v->text, v->len, L'\0');
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
		why = check_when(f, &d);
		if (why)
			return why;
		format_date(f, &d, buf, sizeof buf);
		fv_set_utf8(v, buf);
		return NULL;
	case FIELD_CODE:
		text_norm_ascii(v->text);
		fv_set_wcs(v, v->text);
		return check_code(v, codes);
	case FIELD_YESNO:
		yn = yesno_value(v->text);
		if (!yn)
			return _("Enter yes or no (1 or 0, y or n).");
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
