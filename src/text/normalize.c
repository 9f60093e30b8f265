/* Input normalisation: clerks type with IMEs in any mode, and readings are
 * searched and sorted as full-width katakana. All in place; each function is
 * idempotent. */
#include "text/text.h"

#define IDEOGRAPHIC_SPACE 0x3000
#define HALF_DAKUTEN 0xFF9E
#define HALF_HANDAKUTEN 0xFF9F
#define COMB_DAKUTEN 0x3099
#define COMB_HANDAKUTEN 0x309A

/* Full-width equivalents of U+FF61..FF9F, in code order: ｡｢｣､･ｦ ｧｨｩｪｫ ｬｭｮ ｯ ｰ
 * ｱ..ﾝ, then the lone sound marks ﾞﾟ as the spacing ゛゜. */
static const wchar_t halfwidth_kana[] = {
	0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3,
	0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC,
	0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF,
	0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF,
	0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD,
	0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF,
	0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA,
	0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C,
};

static wchar_t ascii_char(wchar_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	return c == IDEOGRAPHIC_SPACE ? L' ' : c;
}

/* One character to its normal form, before any mark is composed. */
static wchar_t kana_char(wchar_t c)
{
	if (c >= 0xFF61 && c <= 0xFF9F)
		return halfwidth_kana[c - 0xFF61];
	/* ぁ..ゖ and the iteration marks ゝゞ sit 0x60 below their katakana */
	if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
		return c + 0x60;
	return ascii_char(c);
}

/* ハ ヒ フ ヘ ホ: the only bases of both marks. */
static bool is_ha_row(wchar_t c)
{
	return c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0;
}

/* カ..チ (every other code), ツ テ ト: the voiced form is the next code. */
static bool is_voiceable_kst(wchar_t c)
{
	return (c >= 0x30AB && c <= 0x30C1 && (c - 0x30AB) % 2 == 0) || c == 0x30C4 ||
	       c == 0x30C6 || c == 0x30C8;
}

static wchar_t voiced(wchar_t base)
{
	if (is_voiceable_kst(base) || is_ha_row(base) || base == 0x30FD)
		return base + 1;
	switch (base) {
	case 0x30A6: return 0x30F4; /* ウ -> ヴ */
	case 0x30EF: return 0x30F7; /* ワ -> ヷ */
	case 0x30F0: return 0x30F8; /* ヰ -> ヸ */
	case 0x30F1: return 0x30F9; /* ヱ -> ヹ */
	case 0x30F2: return 0x30FA; /* ヲ -> ヺ */
	default: return 0;
	}
}

/* The katakana base with a sound mark (half-width or combining) composed,
 * or 0 if the pair does not compose. */
static wchar_t compose(wchar_t base, wchar_t mark)
{
	if (mark == HALF_DAKUTEN || mark == COMB_DAKUTEN)
		return voiced(base);
	if ((mark == HALF_HANDAKUTEN || mark == COMB_HANDAKUTEN) && is_ha_row(base))
		return base + 2;
	return 0;
}

void text_norm_ascii(wchar_t *s)
{
	for (; *s; s++)
		*s = ascii_char(*s);
}

void text_norm_kana(wchar_t *s)
{
	wchar_t *w = s;

	for (const wchar_t *r = s; *r; r++) {
		wchar_t composed = w > s ? compose(w[-1], *r) : 0;
		if (composed)
			w[-1] = composed;
		else
			*w++ = kana_char(*r);
	}
	*w = 0;
}

static bool is_ascii_alnum(wchar_t c)
{
	return (c >= L'0' && c <= L'9') || (c >= L'A' && c <= L'Z') || (c >= L'a' && c <= L'z');
}

/* ァ..ヺ, ・, ー, ヽ, ヾ */
static bool is_katakana(wchar_t c)
{
	return c >= 0x30A1 && c <= 0x30FE;
}

bool text_is_kana_reading(const wchar_t *s)
{
	for (; *s; s++)
		if (!is_katakana(*s) && !is_ascii_alnum(*s) && *s != L' ' &&
		    *s != IDEOGRAPHIC_SPACE)
			return false;
	return true;
}

bool text_is_digits(const wchar_t *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < L'0' || *s > L'9')
			return false;
	return true;
}
