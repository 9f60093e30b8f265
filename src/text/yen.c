/* Yen amounts: typed with or without thousands separators, shown with them. */
#include "text/text.h"

#include <stdio.h>

#include "i18n.h"

#define AMOUNT_MAX 999999999999999LL

static bool is_space(wchar_t c)
{
	return c == L' ' || c == L'\t' || c == 0x3000;
}

static bool is_digit(wchar_t c)
{
	return c >= L'0' && c <= L'9';
}

/* '\\' too: the ¥ key of a Japanese keyboard sends it, and Japanese fonts
 * draw it as ¥. */
static bool is_yen_sign(wchar_t c)
{
	return c == 0xA5 || c == 0xFFE5 || c == L'\\';
}

/* Leading sign and yen sign, in either order: "-¥1,000", "¥-1,000". */
static const wchar_t *take_prefix(const wchar_t *p, bool *negative)
{
	bool yen = is_yen_sign(*p);

	p += yen;
	*negative = *p == L'-';
	p += *negative;
	if (!yen && is_yen_sign(*p))
		p++;
	return p;
}

/* The end of the digits before a trailing 円 or 千円. */
static const wchar_t *strip_suffix(const wchar_t *p, const wchar_t *end)
{
	if (end > p && end[-1] == L'円') {
		end--;
		if (end > p && end[-1] == L'千')
			end--;
	}
	return end;
}

/* Digits in [p, end), with ',' either nowhere or between every group of
 * three from the right. Saturates past AMOUNT_MAX rather than overflow. */
static bool take_digits(const wchar_t *p, const wchar_t *end, long long *v)
{
	int run = 0;          /* digits since the last ',' */
	bool grouped = false; /* a ',' seen */

	*v = 0;
	for (; p < end; p++) {
		if (*p == L',') {
			/* the first group has 1..3 digits, every later one 3 */
			if (run == 0 || run > 3 || (grouped && run != 3))
				return false;
			grouped = true;
			run = 0;
		} else if (is_digit(*p)) {
			run++;
			if (*v <= AMOUNT_MAX)
				*v = *v * 10 + (*p - L'0');
		} else {
			return false;
		}
	}
	return run > 0 && (!grouped || run == 3);
}

enum text_amount_err text_amount_parse(const wchar_t *s, long long *out)
{
	const wchar_t *end = s + wcslen(s);
	bool negative;
	long long v;

	while (is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	end = strip_suffix(s, end);
	s = take_prefix(s, &negative);
	if (!take_digits(s, end, &v))
		return TEXT_AMOUNT_SYNTAX;
	if (v > AMOUNT_MAX)
		return TEXT_AMOUNT_TOO_LARGE;
	*out = negative ? -v : v;
	return TEXT_AMOUNT_OK;
}

const char *text_amount_strerror(enum text_amount_err e)
{
	switch (e) {
	case TEXT_AMOUNT_OK:
		return "";
	case TEXT_AMOUNT_SYNTAX:
		return _("Not an amount: digits, with commas every three");
	case TEXT_AMOUNT_TOO_LARGE:
		return _("Amount too large: at most 999,999,999,999,999");
	}
	return _("Invalid amount");
}

int text_amount_format(long long v, char *buf, size_t n)
{
	/* 19 digits, 6 commas, a sign and the terminator */
	char tmp[27], *p = tmp + sizeof(tmp);
	/* unsigned, so that LLONG_MIN has a magnitude */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int r;

	*--p = '\0';
	for (int digits = 0; digits == 0 || u; digits++, u /= 10) {
		if (digits && digits % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + u % 10);
	}
	if (v < 0)
		*--p = '-';
	r = snprintf(buf, n, "%s", p);
	return r < 0 || (size_t)r >= n ? -1 : r;
}

int text_kyen_format(long long yen, char *buf, size_t n)
{
	/* C division truncates toward zero: -1,999 yen shows as -1 thousand */
	return text_amount_format(yen / 1000, buf, n);
}
