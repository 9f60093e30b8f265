/* Japanese text for the terminal: cell widths, input normalisation, era dates,
 * yen amounts, and UTF-8 <-> wide conversion. Pure functions, no I/O, no locale
 * dependence except where noted; every width in the program comes from here. */
#ifndef HOSHO_TEXT_H
#define HOSHO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* ---- width.c ---------------------------------------------------------- */

/* Cells a character takes on a Japanese terminal: 0 (combining), 1 or 2;
 * -1 for a control or unassigned character. Ambiguous-width characters
 * count 1 (as glibc), but see text_is_ambiguous(). */
int text_char_width(wchar_t c);
/* Cells of a wide string, or -1 if it holds a non-printable character. */
int text_width(const wchar_t *s);
/* The same for UTF-8; -1 also for malformed UTF-8. */
int text_width_utf8(const char *s);
/* East Asian Width "A": drawn 1 cell by glibc, 2 by TeraTerm in Japanese
 * presets. Form labels must not contain these (the loader refuses them). */
bool text_is_ambiguous(wchar_t c);
/* First ambiguous character in UTF-8 s, or 0 if none. */
wchar_t text_find_ambiguous_utf8(const char *s);

/* ---- utf8.c (iconv) --------------------------------------------------- */

/* Cuts a UTF-8 sequence left incomplete at the end of s (by a truncating
 * snprintf into a fixed buffer), so the rest stays valid UTF-8. */
void text_utf8_trim_partial(char *s);
/* Newly allocated conversions; NULL on malformed input or no memory. */
wchar_t *text_utf8_to_wcs(const char *s);
char *text_wcs_to_utf8(const wchar_t *s);

/* ---- normalize.c ------------------------------------------------------ */

/* In place, on a wide string; the result is never longer than the input. */
/* Full-width ASCII (U+FF01..FF5E) to ASCII, ideographic space to space. */
void text_norm_ascii(wchar_t *s);
/* Half-width katakana to full-width, voiced marks composed (ｶﾞ -> ガ),
 * hiragana to katakana, full-width ASCII to ASCII, ideographic space to space. */
void text_norm_kana(wchar_t *s);
/* True if s holds only katakana, ー, ・, spaces and ASCII letters/digits
 * (company readings carry 'ABC' and numbers too). */
bool text_is_kana_reading(const wchar_t *s);
/* True if s is one or more ASCII digits. */
bool text_is_digits(const wchar_t *s);

/* ---- date.c ----------------------------------------------------------- */

struct text_date {
	int year;  /* Gregorian */
	int month; /* 1..12 */
	int day;   /* 1..31 */
};

enum text_date_err {
	TEXT_DATE_OK = 0,
	TEXT_DATE_SYNTAX,     /* not a date form we know */
	TEXT_DATE_NO_SUCH_DAY,/* 2月30日, 13月 */
	TEXT_DATE_ERA_RANGE,  /* 平成31年5月1日: past the end of the era, or before its start */
	TEXT_DATE_UNKNOWN_ERA,
	TEXT_DATE_TOO_EARLY,  /* before 明治6年1月1日 (1873-01-01), the first Gregorian day */
	TEXT_DATE_TOO_LATE,   /* after 令和99年12月31日 (2117-12-31), the last typable era date */
};

/* Accepts, after text_norm_ascii: R6.3.31, R06.03.31, r6/3/31, 令和6年3月31日,
 * 令和元年5月1日, H31.4.30 (M T S H R and 明治 大正 昭和 平成 令和),
 * 2024-03-31, 2024/3/31, 20240331. Surrounding spaces are ignored. */
enum text_date_err text_date_parse(const wchar_t *s, struct text_date *out);
/* The reason, for the clerk, through gettext. */
const char *text_date_strerror(enum text_date_err e);
/* "R6.3.31" into buf (UTF-8); returns bytes written or -1 if out of any era. */
int text_date_format_short(const struct text_date *d, char *buf, size_t n);
/* "令和6年3月31日" (元年 for year 1). */
int text_date_format_long(const struct text_date *d, char *buf, size_t n);
/* "2024-03-31", the form the database takes. */
int text_date_format_iso(const struct text_date *d, char *buf, size_t n);
/* Parses "2024-03-31" as the database returns it. */
bool text_date_from_iso(const char *s, struct text_date *out);
/* Fiscal year (April-March) a date falls in: 2024-03-31 -> 2023. */
int text_fiscal_year(const struct text_date *d);

/* ---- yen.c ------------------------------------------------------------ */

enum text_amount_err {
	TEXT_AMOUNT_OK = 0,
	TEXT_AMOUNT_SYNTAX,    /* not digits with optional separators */
	TEXT_AMOUNT_TOO_LARGE, /* past 999,999,999,999,999 yen */
};

/* Parses an amount typed by a clerk, after text_norm_ascii: digits with
 * optional ',' every three, optional leading '¥' or '￥', optional trailing
 * '円' or '千円', optional leading '-'. The value is in the unit typed:
 * "1,234" gives 1234 (the caller multiplies for a thousand-yen field). */
enum text_amount_err text_amount_parse(const wchar_t *s, long long *out);
const char *text_amount_strerror(enum text_amount_err e);
/* 1234567 -> "1,234,567"; returns bytes written. */
int text_amount_format(long long v, char *buf, size_t n);
/* Yen shown in thousands, truncated toward zero: 1234567 -> "1,234". */
int text_kyen_format(long long yen, char *buf, size_t n);

#endif
