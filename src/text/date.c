/* Dates as clerks type them (era or Gregorian) and as forms show them
 * (era). Era boundaries are the days the new era began. */
#include "text/text.h"

#include <stdio.h>

#include "i18n.h"

struct era {
	wchar_t letter;
	const wchar_t *name;
	const char *name_utf8;
	int first_year; /* Gregorian year of the era's year 1 */
	struct text_date start;
};

static const struct era eras[] = {
	{L'M', L"明治", "明治", 1868, {1868, 1, 25}},
	{L'T', L"大正", "大正", 1912, {1912, 7, 30}},
	{L'S', L"昭和", "昭和", 1926, {1926, 12, 25}},
	{L'H', L"平成", "平成", 1989, {1989, 1, 8}},
	{L'R', L"令和", "令和", 2019, {2019, 5, 1}},
};

#define ERA_COUNT ((int)(sizeof(eras) / sizeof(eras[0])))

/* Japan took the Gregorian calendar on Meiji 6-01-01: earlier Meiji dates
 * were lunar and cannot be stored as Gregorian ones. */
static const struct text_date first_date = {1873, 1, 1};
/* Era years are typed with at most two digits, so 令和99年12月31日 is the
 * last date a clerk can type back in the era form the screens show; it is
 * far past any guarantee's term, and a later date is a typing mistake. */
static const struct text_date last_date = {2117, 12, 31};

static long date_key(const struct text_date *d)
{
	return d->year * 10000L + d->month * 100L + d->day;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* A real calendar day in a year the ISO form can hold. */
static bool is_valid(const struct text_date *d)
{
	return d->year >= 1 && d->year <= 9999 && d->month >= 1 && d->month <= 12 &&
	       d->day >= 1 && d->day <= days_in_month(d->year, d->month);
}

/* Index of the era a valid date falls in, or -1 outside first_date ..
 * last_date. */
static int era_of(const struct text_date *d)
{
	if (date_key(d) < date_key(&first_date) || date_key(d) > date_key(&last_date))
		return -1;
	for (int i = ERA_COUNT - 1; i > 0; i--)
		if (date_key(d) >= date_key(&eras[i].start))
			return i;
	return 0;
}

/* ---- parsing ---------------------------------------------------------- */

static bool is_space(wchar_t c)
{
	return c == L' ' || c == L'\t' || c == 0x3000;
}

static bool is_digit(wchar_t c)
{
	return c >= L'0' && c <= L'9';
}

static bool is_sep(wchar_t c)
{
	return c == L'.' || c == L'/' || c == L'-';
}

/* The text between spaces, as [p, end). */
struct span {
	const wchar_t *p;
	const wchar_t *end;
};

static bool at_end(const struct span *s)
{
	return s->p == s->end;
}

static bool take(struct span *s, wchar_t c)
{
	if (at_end(s) || *s->p != c)
		return false;
	s->p++;
	return true;
}

/* An unsigned number of min..max digits; -1 if there is none such. */
static int take_number(struct span *s, int min, int max)
{
	int v = 0, n = 0;

	while (!at_end(s) && is_digit(*s->p) && n < max) {
		v = v * 10 + (*s->p++ - L'0');
		n++;
	}
	if (n < min || (!at_end(s) && is_digit(*s->p)))
		return -1;
	return v;
}

/* Month and day after the year: ".3.31" (one separator throughout) or
 * "年3月31日". */
static bool take_month_day(struct span *s, int *month, int *day)
{
	wchar_t sep = at_end(s) ? 0 : *s->p;

	if (is_sep(sep)) {
		s->p++;
		*month = take_number(s, 1, 2);
		if (*month < 0 || !take(s, sep))
			return false;
		*day = take_number(s, 1, 2);
	} else {
		if (!take(s, L'年'))
			return false;
		*month = take_number(s, 1, 2);
		if (*month < 0 || !take(s, L'月'))
			return false;
		*day = take_number(s, 1, 2);
		if (*day < 0 || !take(s, L'日'))
			return false;
	}
	return *day >= 0 && at_end(s);
}

static enum text_date_err check_day(const struct text_date *d)
{
	if (d->month < 1 || d->month > 12 || d->day < 1 ||
	    d->day > days_in_month(d->year, d->month))
		return TEXT_DATE_NO_SUCH_DAY;
	if (date_key(d) < date_key(&first_date))
		return TEXT_DATE_TOO_EARLY;
	if (date_key(d) > date_key(&last_date))
		return TEXT_DATE_TOO_LATE;
	return TEXT_DATE_OK;
}

/* 20240331, 2024-03-31, 2024/3/31, 2024.3.31, 2024年3月31日 */
static enum text_date_err parse_gregorian(struct span *s, struct text_date *d)
{
	const wchar_t *start = s->p;
	int year = take_number(s, 4, 8);

	if (year < 0)
		return TEXT_DATE_SYNTAX;
	if (s->p - start == 8) {
		if (!at_end(s))
			return TEXT_DATE_SYNTAX;
		*d = (struct text_date){year / 10000, year / 100 % 100, year % 100};
	} else if (s->p - start == 4) {
		d->year = year;
		if (!take_month_day(s, &d->month, &d->day))
			return TEXT_DATE_SYNTAX;
	} else {
		return TEXT_DATE_SYNTAX;
	}
	return check_day(d);
}

static bool is_ascii_letter(wchar_t c)
{
	return (c >= L'A' && c <= L'Z') || (c >= L'a' && c <= L'z');
}

static bool starts_year(const struct span *s)
{
	return !at_end(s) && (is_digit(*s->p) || *s->p == L'元');
}

/* Takes the era letter or name; -1 if there is none we know. */
static int take_era(struct span *s)
{
	wchar_t c = *s->p;

	if (is_ascii_letter(c)) {
		for (int i = 0; i < ERA_COUNT; i++)
			if (eras[i].letter == (c & ~0x20)) {
				s->p++;
				return i;
			}
		return -1;
	}
	for (int i = 0; i < ERA_COUNT; i++)
		if (s->end - s->p >= 2 && s->p[0] == eras[i].name[0] &&
		    s->p[1] == eras[i].name[1]) {
			s->p += 2;
			return i;
		}
	return -1;
}

/* Something else in front of a year: a letter, or non-ASCII such as 天保,
 * reads as an era we do not know rather than as nonsense. */
static bool looks_like_era(struct span s)
{
	const wchar_t *start = s.p;

	if (is_ascii_letter(*s.p)) {
		s.p++;
		return starts_year(&s);
	}
	while (!at_end(&s) && *s.p > 0x7F && !starts_year(&s))
		s.p++;
	return s.p > start && starts_year(&s);
}

/* R6.3.31, r06/03/31, 令和6年3月31日, 令和元年5月1日 */
static enum text_date_err parse_era(struct span *s, struct text_date *d)
{
	int era = take_era(s), year;
	enum text_date_err e;

	if (era < 0)
		return looks_like_era(*s) ? TEXT_DATE_UNKNOWN_ERA : TEXT_DATE_SYNTAX;
	year = take(s, L'元') ? 1 : take_number(s, 1, 2);
	if (year < 0 || !take_month_day(s, &d->month, &d->day))
		return TEXT_DATE_SYNTAX;
	d->year = eras[era].first_year + year - 1;
	e = check_day(d);
	if (e != TEXT_DATE_OK)
		return e;
	if (year < 1 || era_of(d) != era)
		return TEXT_DATE_ERA_RANGE;
	return TEXT_DATE_OK;
}

enum text_date_err text_date_parse(const wchar_t *s, struct text_date *out)
{
	struct span sp = {s, s + wcslen(s)};
	struct text_date d = {0, 0, 0};
	enum text_date_err e;

	while (!at_end(&sp) && is_space(*sp.p))
		sp.p++;
	while (!at_end(&sp) && is_space(sp.end[-1]))
		sp.end--;
	if (at_end(&sp))
		return TEXT_DATE_SYNTAX;
	e = is_digit(*sp.p) ? parse_gregorian(&sp, &d) : parse_era(&sp, &d);
	if (e == TEXT_DATE_OK)
		*out = d;
	return e;
}

const char *text_date_strerror(enum text_date_err e)
{
	switch (e) {
	case TEXT_DATE_OK:
		return "";
	case TEXT_DATE_SYNTAX:
		return _("Not a date: type e.g. R6.3.31 or 2024-03-31");
	case TEXT_DATE_NO_SUCH_DAY:
		return _("No such month or day");
	case TEXT_DATE_ERA_RANGE:
		return _("Date outside the era");
	case TEXT_DATE_UNKNOWN_ERA:
		return _("Unknown era: use M, T, S, H or R");
	case TEXT_DATE_TOO_EARLY:
		return _("Dates before Meiji 6-01-01 (1873, when the Gregorian calendar began) are not taken");
	case TEXT_DATE_TOO_LATE:
		return _("Dates after Reiwa 99-12-31 (2117) are not taken");
	}
	return _("Invalid date");
}

/* ---- formatting ------------------------------------------------------- */

/* snprintf's count, or -1 if the text did not fit. */
static int fitted(int r, size_t n)
{
	return r < 0 || (size_t)r >= n ? -1 : r;
}

/* The era of d and its year in that era; -1 if d is not a date we take. */
static int era_year(const struct text_date *d, int *year)
{
	int era = is_valid(d) ? era_of(d) : -1;

	if (era >= 0)
		*year = d->year - eras[era].first_year + 1;
	return era;
}

int text_date_format_short(const struct text_date *d, char *buf, size_t n)
{
	int year, era = era_year(d, &year);

	if (era < 0)
		return -1;
	return fitted(snprintf(buf, n, "%c%d.%d.%d", (char)eras[era].letter, year, d->month,
			       d->day),
		      n);
}

int text_date_format_long(const struct text_date *d, char *buf, size_t n)
{
	int year, era = era_year(d, &year), r;

	if (era < 0)
		return -1;
	if (year == 1)
		r = snprintf(buf, n, "%s元年%d月%d日", eras[era].name_utf8, d->month, d->day);
	else
		r = snprintf(buf, n, "%s%d年%d月%d日", eras[era].name_utf8, year, d->month,
			     d->day);
	return fitted(r, n);
}

int text_date_format_iso(const struct text_date *d, char *buf, size_t n)
{
	if (!is_valid(d))
		return -1;
	return fitted(snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day), n);
}

static bool iso_digits(const char *s, int count, int *v)
{
	*v = 0;
	for (int i = 0; i < count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool text_date_from_iso(const char *s, struct text_date *out)
{
	struct text_date d;

	if (!iso_digits(s, 4, &d.year) || s[4] != '-' || !iso_digits(s + 5, 2, &d.month) ||
	    s[7] != '-' || !iso_digits(s + 8, 2, &d.day) || s[10] != '\0' || !is_valid(&d))
		return false;
	*out = d;
	return true;
}

int text_fiscal_year(const struct text_date *d)
{
	return d->month >= 4 ? d->year : d->year - 1;
}
