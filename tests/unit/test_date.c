/* Era and Gregorian dates: parsing, every era boundary, formatting. */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "text/text.h"

/* s in UTF-8 for a test name: printf's %ls would need a locale. */
static const char *u8(const wchar_t *s)
{
	static char buf[128];
	char *u = text_wcs_to_utf8(s);

	snprintf(buf, sizeof(buf), "%s", u ? u : "(invalid)");
	free(u);
	return buf;
}

/* Parses s and gives the result as ISO, or the error's name. */
static const char *parsed(const wchar_t *s)
{
	static char buf[32];
	static const char *const names[] = {"OK", "SYNTAX", "NO_SUCH_DAY", "ERA_RANGE",
					    "UNKNOWN_ERA", "TOO_EARLY", "TOO_LATE"};
	struct text_date d = {-1, -1, -1};
	enum text_date_err e = text_date_parse(s, &d);

	if (e != TEXT_DATE_OK)
		return names[e];
	if (text_date_format_iso(&d, buf, sizeof(buf)) < 0)
		return "(unformattable)";
	return buf;
}

static const char *short_of(int y, int m, int d)
{
	static char buf[32];
	struct text_date date = {y, m, d};

	return text_date_format_short(&date, buf, sizeof(buf)) < 0 ? "(-1)" : buf;
}

static const char *long_of(int y, int m, int d)
{
	static char buf[64];
	struct text_date date = {y, m, d};

	return text_date_format_long(&date, buf, sizeof(buf)) < 0 ? "(-1)" : buf;
}

static void test_forms(void)
{
	static const struct {
		const wchar_t *in;
		const char *want;
	} cases[] = {
		{L"R6.3.31", "2024-03-31"},
		{L"R06.03.31", "2024-03-31"},
		{L"r6/3/31", "2024-03-31"},
		{L"R6-3-31", "2024-03-31"},
		{L"h31.4.30", "2019-04-30"},
		{L"令和6年3月31日", "2024-03-31"},
		{L"令和06年03月31日", "2024-03-31"},
		{L"令和元年5月1日", "2019-05-01"},
		{L"R元.5.1", "2019-05-01"},
		{L"R6年3月31日", "2024-03-31"},
		{L"平成元年1月8日", "1989-01-08"},
		{L"昭和64年1月7日", "1989-01-07"},
		{L"大正元年7月30日", "1912-07-30"},
		{L"明治6年1月1日", "1873-01-01"},
		{L"2024-03-31", "2024-03-31"},
		{L"2024/3/31", "2024-03-31"},
		{L"2024.3.31", "2024-03-31"},
		{L"2024年3月31日", "2024-03-31"},
		{L"20240331", "2024-03-31"},
		{L"  R6.3.31  ", "2024-03-31"},
		{L"\u3000令和6年3月31日\u3000", "2024-03-31"},
		{L"\t2024-03-31 ", "2024-03-31"},
		/* syntax */
		{L"", "SYNTAX"},
		{L"   ", "SYNTAX"},
		{L"R6.3", "SYNTAX"},
		{L"R6.3.31.", "SYNTAX"},
		{L"R6.3/31", "SYNTAX"},
		{L"R6..31", "SYNTAX"},
		{L"R6.3.031", "SYNTAX"},
		{L"R100.1.1", "SYNTAX"},
		{L"R.3.31", "SYNTAX"},
		{L"R 6.3.31", "SYNTAX"},
		{L"令和6年3月31", "SYNTAX"},
		{L"令和6年3月", "SYNTAX"},
		{L"令和年3月31日", "SYNTAX"},
		{L"2024-3", "SYNTAX"},
		{L"202403", "SYNTAX"},
		{L"2024033", "SYNTAX"},
		{L"202403310", "SYNTAX"},
		{L"24-03-31", "SYNTAX"},
		{L"2024-03-31x", "SYNTAX"},
		{L"R6.3.31 R6.3.31", "SYNTAX"},
		{L"Reiwa", "SYNTAX"},
		{L"きょう", "SYNTAX"},
		{L"元年5月1日", "SYNTAX"},
		{L"-2024-03-31", "SYNTAX"},
		/* unknown era */
		{L"X6.3.31", "UNKNOWN_ERA"},
		{L"k6.3.31", "UNKNOWN_ERA"},
		{L"天保6年1月1日", "UNKNOWN_ERA"},
		{L"慶応元年1月1日", "UNKNOWN_ERA"},
		/* no such day */
		{L"R6.2.30", "NO_SUCH_DAY"},
		{L"R6.13.1", "NO_SUCH_DAY"},
		{L"R6.0.1", "NO_SUCH_DAY"},
		{L"R6.4.31", "NO_SUCH_DAY"},
		{L"R6.1.0", "NO_SUCH_DAY"},
		{L"R6.1.32", "NO_SUCH_DAY"},
		{L"令和6年2月30日", "NO_SUCH_DAY"},
		{L"2023-02-29", "NO_SUCH_DAY"},
		{L"20241301", "NO_SUCH_DAY"},
		{L"2024-06-31", "NO_SUCH_DAY"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(parsed(cases[i].in), cases[i].want, "parse '%s'", u8(cases[i].in));
}

static void test_leap(void)
{
	is_str(parsed(L"2024-02-29"), "2024-02-29", "2024 is leap");
	is_str(parsed(L"R6.2.29"), "2024-02-29", "R6 is leap");
	is_str(parsed(L"R5.2.29"), "NO_SUCH_DAY", "R5 (2023) is not leap");
	is_str(parsed(L"H12.2.29"), "2000-02-29", "2000 is leap (400)");
	is_str(parsed(L"M33.2.29"), "NO_SUCH_DAY", "1900 is not leap (100)");
	is_str(parsed(L"1900-02-29"), "NO_SUCH_DAY", "1900-02-29 Gregorian");
	is_str(parsed(L"2100-02-29"), "NO_SUCH_DAY", "2100 is not leap");
	is_str(parsed(L"H31.2.29"), "NO_SUCH_DAY", "2019 is not leap: not an era error");
	is_str(parsed(L"S63.2.29"), "1988-02-29", "1988 is leap");
	is_str(parsed(L"令和2年2月29日"), "2020-02-29", "令和2 is leap");
}

/* Each era's first and last day, typed in that era, in the neighbouring
 * era, and in Gregorian. */
static void test_boundaries(void)
{
	static const struct {
		const wchar_t *in;
		const char *want;
	} cases[] = {
		{L"M6.1.1", "1873-01-01"},
		{L"M5.12.31", "TOO_EARLY"},
		{L"M1.1.25", "TOO_EARLY"},
		{L"1873-01-01", "1873-01-01"},
		{L"1872-12-31", "TOO_EARLY"},
		{L"1868-01-25", "TOO_EARLY"},
		{L"0001-01-01", "TOO_EARLY"},
		{L"00000101", "TOO_EARLY"},
		{L"M45.7.29", "1912-07-29"},
		{L"M45.7.30", "ERA_RANGE"},
		{L"T1.7.30", "1912-07-30"},
		{L"T1.7.29", "ERA_RANGE"},
		{L"T15.12.24", "1926-12-24"},
		{L"T15.12.25", "ERA_RANGE"},
		{L"S1.12.25", "1926-12-25"},
		{L"S1.12.24", "ERA_RANGE"},
		{L"S64.1.7", "1989-01-07"},
		{L"S64.1.8", "ERA_RANGE"},
		{L"H1.1.8", "1989-01-08"},
		{L"H1.1.7", "ERA_RANGE"},
		{L"H31.4.30", "2019-04-30"},
		{L"H31.5.1", "ERA_RANGE"},
		{L"H32.1.1", "ERA_RANGE"},
		{L"平成31年5月1日", "ERA_RANGE"},
		{L"R1.5.1", "2019-05-01"},
		{L"R1.4.30", "ERA_RANGE"},
		{L"令和1年4月30日", "ERA_RANGE"},
		{L"令和元年4月30日", "ERA_RANGE"},
		{L"R0.5.1", "ERA_RANGE"},
		{L"H0.1.8", "ERA_RANGE"},
		{L"1912-07-29", "1912-07-29"},
		{L"1912-07-30", "1912-07-30"},
		{L"1926-12-24", "1926-12-24"},
		{L"1926-12-25", "1926-12-25"},
		{L"1989-01-07", "1989-01-07"},
		{L"1989-01-08", "1989-01-08"},
		{L"2019-04-30", "2019-04-30"},
		{L"2019-05-01", "2019-05-01"},
		{L"R99.12.31", "2117-12-31"},
		{L"令和99年12月31日", "2117-12-31"},
		{L"2117-12-31", "2117-12-31"},
		/* later dates would show as 令和100年, which no clerk can type back */
		{L"2118-01-01", "TOO_LATE"},
		{L"22410101", "TOO_LATE"},
		{L"9999-12-31", "TOO_LATE"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(parsed(cases[i].in), cases[i].want, "boundary '%s'", u8(cases[i].in));
}

static void test_format(void)
{
	static const struct {
		int y, m, d;
		const char *short_form, *long_form;
	} cases[] = {
		{2024, 3, 31, "R6.3.31", "令和6年3月31日"},
		{2019, 5, 1, "R1.5.1", "令和元年5月1日"},
		{2019, 4, 30, "H31.4.30", "平成31年4月30日"},
		{1989, 1, 8, "H1.1.8", "平成元年1月8日"},
		{1989, 1, 7, "S64.1.7", "昭和64年1月7日"},
		{1926, 12, 25, "S1.12.25", "昭和元年12月25日"},
		{1926, 12, 24, "T15.12.24", "大正15年12月24日"},
		{1912, 7, 30, "T1.7.30", "大正元年7月30日"},
		{1912, 7, 29, "M45.7.29", "明治45年7月29日"},
		{1873, 1, 1, "M6.1.1", "明治6年1月1日"},
		{2000, 2, 29, "H12.2.29", "平成12年2月29日"},
		{2117, 12, 31, "R99.12.31", "令和99年12月31日"},
		{2118, 1, 1, "(-1)", "(-1)"},
		{1872, 12, 31, "(-1)", "(-1)"},
		{2023, 2, 29, "(-1)", "(-1)"},
		{2024, 13, 1, "(-1)", "(-1)"},
		{2024, 0, 1, "(-1)", "(-1)"},
		{2024, 4, 0, "(-1)", "(-1)"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		is_str(short_of(cases[i].y, cases[i].m, cases[i].d), cases[i].short_form,
		       "short %04d-%02d-%02d", cases[i].y, cases[i].m, cases[i].d);
		is_str(long_of(cases[i].y, cases[i].m, cases[i].d), cases[i].long_form,
		       "long %04d-%02d-%02d", cases[i].y, cases[i].m, cases[i].d);
	}
}

static void test_buffers(void)
{
	struct text_date d = {2024, 3, 31};
	char buf[32];

	is_int(text_date_format_short(&d, buf, sizeof(buf)), 7, "short returns its length");
	is_int(text_date_format_short(&d, buf, 8), 7, "short fits exactly");
	is_int(text_date_format_short(&d, buf, 7), -1, "short one byte short");
	/* 令和 (6 bytes) 6 年 (3) 3 月 (3) 31 日 (3) */
	is_int(text_date_format_long(&d, buf, sizeof(buf)), 19, "long returns bytes");
	is_int(text_date_format_long(&d, buf, 19), -1, "long one byte short");
	is_int(text_date_format_iso(&d, buf, sizeof(buf)), 10, "iso returns 10");
	is_str(buf, "2024-03-31", "iso text");
	is_int(text_date_format_iso(&d, buf, 10), -1, "iso one byte short");
	d = (struct text_date){1, 1, 1};
	is_int(text_date_format_iso(&d, buf, sizeof(buf)), 10, "iso of year 1");
	is_str(buf, "0001-01-01", "iso zero-pads");
	d = (struct text_date){2023, 2, 29};
	is_int(text_date_format_iso(&d, buf, sizeof(buf)), -1, "iso of no such day");
}

static void test_iso(void)
{
	struct text_date d = {0, 0, 0};

	ok(text_date_from_iso("2024-03-31", &d) && d.year == 2024 && d.month == 3 &&
		   d.day == 31,
	   "from_iso 2024-03-31");
	ok(text_date_from_iso("1850-06-01", &d) && d.year == 1850,
	   "from_iso takes any calendar date");
	ok(text_date_from_iso("2024-02-29", &d), "from_iso leap day");
	ok(!text_date_from_iso("2023-02-29", &d), "from_iso no such day");
	ok(!text_date_from_iso("2024-3-31", &d), "from_iso needs two-digit month");
	ok(!text_date_from_iso("2024-03-31 ", &d), "from_iso no trailing text");
	ok(!text_date_from_iso("2024/03/31", &d), "from_iso needs dashes");
	ok(!text_date_from_iso("20240331", &d), "from_iso not compact");
	ok(!text_date_from_iso("", &d), "from_iso empty");
	ok(!text_date_from_iso("2024-13-01", &d), "from_iso month 13");
	ok(!text_date_from_iso("0000-01-01", &d), "from_iso year 0");
	d = (struct text_date){7, 7, 7};
	ok(!text_date_from_iso("2024-00-10", &d) && d.year == 7, "out untouched on failure");
	ok(text_date_parse(L"R6.2.30", &d) != TEXT_DATE_OK && d.year == 7,
	   "parse leaves out untouched on failure");
}

static void test_fiscal(void)
{
	static const struct {
		int y, m, d, fy;
	} cases[] = {
		{2024, 3, 31, 2023}, {2024, 4, 1, 2024}, {2024, 1, 1, 2023},
		{2024, 12, 31, 2024}, {2019, 4, 30, 2019}, {2019, 5, 1, 2019},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct text_date d = {cases[i].y, cases[i].m, cases[i].d};
		is_int(text_fiscal_year(&d), cases[i].fy, "fiscal year of %04d-%02d-%02d",
		       cases[i].y, cases[i].m, cases[i].d);
	}
}

static void test_strerror(void)
{
	ok(*text_date_strerror(TEXT_DATE_SYNTAX), "syntax has a message");
	ok(*text_date_strerror(TEXT_DATE_NO_SUCH_DAY), "no such day has a message");
	ok(*text_date_strerror(TEXT_DATE_ERA_RANGE), "era range has a message");
	ok(*text_date_strerror(TEXT_DATE_UNKNOWN_ERA), "unknown era has a message");
	ok(strcmp(text_date_strerror(TEXT_DATE_ERA_RANGE),
		  text_date_strerror(TEXT_DATE_NO_SUCH_DAY)) != 0,
	   "messages differ");
	is_str(text_date_strerror(TEXT_DATE_OK), "", "no message for OK");

	/* What the clerk reads, in Japanese, for dates out of reach. */
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "ja", 1);
	bindtextdomain("hosho", getenv("HOSHO_LOCALE_DIR") ? getenv("HOSHO_LOCALE_DIR") : "locale");
	bind_textdomain_codeset("hosho", "UTF-8");
	is_str(text_date_strerror(TEXT_DATE_TOO_EARLY),
	       "明治6年1月1日（1873年、太陽暦の始まり）より前の日付は扱えません",
	       "a date before Meiji is refused in Japanese");
	is_str(text_date_strerror(TEXT_DATE_TOO_LATE),
	       "令和99年12月31日（2117年）より後の日付は扱えません",
	       "a date past the reach of the era form is refused in Japanese");
}

int main(void)
{
	test_forms();
	test_leap();
	test_boundaries();
	test_format();
	test_buffers();
	test_iso();
	test_fiscal();
	test_strerror();
	return tap_done();
}
