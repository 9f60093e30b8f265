/* Yen amounts: parsing what clerks type, formatting with separators. */
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

static void test_parse_ok(void)
{
	static const struct {
		const wchar_t *in;
		long long want;
	} cases[] = {
		{L"0", 0},
		{L"1", 1},
		{L"999", 999},
		{L"1,000", 1000},
		{L"1234", 1234},
		{L"1,234", 1234},
		{L"1234567", 1234567},
		{L"1,234,567", 1234567},
		{L"12,345,678", 12345678},
		{L"123,456,789", 123456789},
		{L"007", 7},
		{L"-1", -1},
		{L"-1,234", -1234},
		{L"-0", 0},
		{L"¥1,234", 1234},
		{L"￥1,234", 1234},
		{L"\\1,234", 1234},
		{L"1,234円", 1234},
		{L"1,234千円", 1234},
		{L"¥1,234円", 1234},
		{L"-¥1,234", -1234},
		{L"¥-1,234", -1234},
		{L"-1,234円", -1234},
		{L"  1,234  ", 1234},
		{L"\u30001,234\u3000", 1234},
		{L"999,999,999,999,999", 999999999999999LL},
		{L"999999999999999", 999999999999999LL},
		{L"-999,999,999,999,999", -999999999999999LL},
		{L"000999999999999999", 999999999999999LL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long v = -42;
		enum text_amount_err e = text_amount_parse(cases[i].in, &v);
		ok(e == TEXT_AMOUNT_OK && v == cases[i].want, "parse '%s' = %lld (got %d, %lld)",
		   u8(cases[i].in), cases[i].want, (int)e, v);
	}
}

static void test_parse_errors(void)
{
	static const struct {
		const wchar_t *in;
		enum text_amount_err want;
	} cases[] = {
		{L"", TEXT_AMOUNT_SYNTAX},
		{L"   ", TEXT_AMOUNT_SYNTAX},
		{L"-", TEXT_AMOUNT_SYNTAX},
		{L"¥", TEXT_AMOUNT_SYNTAX},
		{L"円", TEXT_AMOUNT_SYNTAX},
		{L"千円", TEXT_AMOUNT_SYNTAX},
		{L"-¥円", TEXT_AMOUNT_SYNTAX},
		{L"1,23,456", TEXT_AMOUNT_SYNTAX},
		{L"12,34", TEXT_AMOUNT_SYNTAX},
		{L"1234,567", TEXT_AMOUNT_SYNTAX},
		{L"1,2345", TEXT_AMOUNT_SYNTAX},
		{L",123", TEXT_AMOUNT_SYNTAX},
		{L"123,", TEXT_AMOUNT_SYNTAX},
		{L"1,,234", TEXT_AMOUNT_SYNTAX},
		{L"1,234,56", TEXT_AMOUNT_SYNTAX},
		{L"1.5", TEXT_AMOUNT_SYNTAX},
		{L"1 234", TEXT_AMOUNT_SYNTAX},
		{L"12a", TEXT_AMOUNT_SYNTAX},
		{L"+1", TEXT_AMOUNT_SYNTAX},
		{L"--1", TEXT_AMOUNT_SYNTAX},
		{L"1-", TEXT_AMOUNT_SYNTAX},
		{L"¥¥1", TEXT_AMOUNT_SYNTAX},
		{L"¥-¥1", TEXT_AMOUNT_SYNTAX},
		{L"1円円", TEXT_AMOUNT_SYNTAX},
		{L"1千", TEXT_AMOUNT_SYNTAX},
		{L"1万円", TEXT_AMOUNT_SYNTAX},
		{L"円1", TEXT_AMOUNT_SYNTAX},
		{L"１２３", TEXT_AMOUNT_SYNTAX},
		{L"1,000,000,000,000,000", TEXT_AMOUNT_TOO_LARGE},
		{L"1000000000000000", TEXT_AMOUNT_TOO_LARGE},
		{L"-1,000,000,000,000,000", TEXT_AMOUNT_TOO_LARGE},
		{L"99999999999999999999999999999", TEXT_AMOUNT_TOO_LARGE},
		{L"99999999999999999999999999999x", TEXT_AMOUNT_SYNTAX},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long v = -42;
		enum text_amount_err e = text_amount_parse(cases[i].in, &v);
		ok(e == cases[i].want && v == -42, "parse '%s' fails with %d (got %d)",
		   u8(cases[i].in), (int)cases[i].want, (int)e);
	}
}

static const char *fmt(int (*f)(long long, char *, size_t), long long v)
{
	static char buf[64];

	return f(v, buf, sizeof(buf)) < 0 ? "(-1)" : buf;
}

static void test_format(void)
{
	static const struct {
		long long v;
		const char *yen, *kyen;
	} cases[] = {
		{0, "0", "0"},
		{1, "1", "0"},
		{999, "999", "0"},
		{1000, "1,000", "1"},
		{1999, "1,999", "1"},
		{12345, "12,345", "12"},
		{123456, "123,456", "123"},
		{1234567, "1,234,567", "1,234"},
		{1234567890, "1,234,567,890", "1,234,567"},
		{-1, "-1", "0"},
		{-999, "-999", "0"},
		{-1000, "-1,000", "-1"},
		{-1999, "-1,999", "-1"},
		{-1234567, "-1,234,567", "-1,234"},
		{999999999999999LL, "999,999,999,999,999", "999,999,999,999"},
		{-999999999999999LL, "-999,999,999,999,999", "-999,999,999,999"},
		{9223372036854775807LL, "9,223,372,036,854,775,807", "9,223,372,036,854,775"},
		{-9223372036854775807LL - 1, "-9,223,372,036,854,775,808",
		 "-9,223,372,036,854,775"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		is_str(fmt(text_amount_format, cases[i].v), cases[i].yen, "format %lld",
		       cases[i].v);
		is_str(fmt(text_kyen_format, cases[i].v), cases[i].kyen, "kyen format %lld",
		       cases[i].v);
	}
}

static void test_buffers(void)
{
	char buf[16];

	is_int(text_amount_format(1234567, buf, sizeof(buf)), 9, "returns bytes written");
	is_int(text_amount_format(1234567, buf, 10), 9, "fits exactly");
	is_int(text_amount_format(1234567, buf, 9), -1, "one byte short");
	is_int(text_kyen_format(-1234567, buf, sizeof(buf)), 6, "kyen returns bytes");
	is_str(buf, "-1,234", "kyen text");
}

/* What a clerk types comes back the same after parse and format. */
static void test_round_trip(void)
{
	static const wchar_t *inputs[] = {L"1,234,567", L"-1,000", L"0", L"999,999,999,999,999"};

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		long long v = 0;
		char buf[32], *want = text_wcs_to_utf8(inputs[i]);
		text_amount_parse(inputs[i], &v);
		text_amount_format(v, buf, sizeof(buf));
		is_str(buf, want, "round trip %s", want);
		free(want);
	}
}

static void test_strerror(void)
{
	ok(*text_amount_strerror(TEXT_AMOUNT_SYNTAX), "syntax has a message");
	ok(*text_amount_strerror(TEXT_AMOUNT_TOO_LARGE), "too large has a message");
	is_str(text_amount_strerror(TEXT_AMOUNT_OK), "", "no message for OK");
}

int main(void)
{
	test_parse_ok();
	test_parse_errors();
	test_format();
	test_buffers();
	test_round_trip();
	test_strerror();
	return tap_done();
}
