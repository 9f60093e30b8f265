/* Kana and ASCII normalisation, and the reading/digit checks. */
#include <stdlib.h>

#include "tap.h"
#include "text/text.h"

#define MAX_LEN 64

/* Normalises a copy of in with fn; the result in UTF-8 for is_str, valid
 * until the next call. */
static const char *norm(void (*fn)(wchar_t *), const wchar_t *in)
{
	static char result[MAX_LEN * 4];
	wchar_t w[MAX_LEN];
	char *u;

	wcsncpy(w, in, MAX_LEN - 1);
	w[MAX_LEN - 1] = 0;
	fn(w);
	u = text_wcs_to_utf8(w);
	snprintf(result, sizeof(result), "%s", u ? u : "(invalid)");
	free(u);
	return result;
}

static void test_ascii(void)
{
	is_str(norm(text_norm_ascii, L"１２３"), "123", "full-width digits");
	is_str(norm(text_norm_ascii, L"ＡＢＣａｂｃ"), "ABCabc", "full-width letters");
	is_str(norm(text_norm_ascii, L"！～"), "!~", "first and last of U+FF01..FF5E");
	is_str(norm(text_norm_ascii, L"Ｒ６．３．３１"), "R6.3.31", "full-width era date");
	is_str(norm(text_norm_ascii, L"１，２３４－／"), "1,234-/", "punctuation");
	is_str(norm(text_norm_ascii, L"株式会社　ＡＢＣ"), "株式会社 ABC", "ideographic space");
	is_str(norm(text_norm_ascii, L"ｶﾌﾞｼｷ"), "ｶﾌﾞｼｷ", "half-width kana untouched");
	is_str(norm(text_norm_ascii, L"かな"), "かな", "hiragana untouched");
	is_str(norm(text_norm_ascii, L"￥１"), "￥1", "full-width yen sign kept");
	is_str(norm(text_norm_ascii, L"｠"), "｠", "U+FF60 past the ASCII block kept");
	is_str(norm(text_norm_ascii, L""), "", "empty");
}

static void test_kana(void)
{
	static const struct {
		const wchar_t *in;
		const char *want;
		const char *what;
	} cases[] = {
		{L"ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ", "half-width with voiced marks"},
		{L"かぶしき", "カブシキ", "hiragana"},
		{L"かぶしきがいしゃ", "カブシキガイシャ", "hiragana with voiced kana"},
		{L"１２３", "123", "full-width digits"},
		{L"ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ", "semi-voiced ha row"},
		{L"ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "バビブベボ", "voiced ha row"},
		{L"ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ", "voiced ka row"},
		{L"ｻﾞｼﾞｽﾞｾﾞｿﾞ", "ザジズゼゾ", "voiced sa row"},
		{L"ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ", "ダヂヅデド", "voiced ta row"},
		{L"ｳﾞｧｲｵﾘﾝ", "ヴァイオリン", "ｳﾞ -> ヴ"},
		{L"ﾜﾞｦﾞ", "ヷヺ", "ﾜﾞ ｦﾞ"},
		{L"ﾞﾟ", "゛゜", "lone marks"},
		{L"ｱﾞ", "ア゛", "mark on an unvoiceable kana"},
		{L"ﾏﾟ", "マ゜", "semi-voiced on ma"},
		{L"ｶﾟ", "カ゜", "semi-voiced on ka"},
		{L"Aﾞ", "A゛", "mark after ASCII"},
		{L"ｰ･", "ー・", "half-width long vowel and middle dot"},
		{L"｡｢｣､", "。「」、", "half-width punctuation"},
		{L"ｧｨｩｪｫｬｭｮｯ", "ァィゥェォャュョッ", "small kana"},
		{L"ｱｲｳｴｵﾝｦ", "アイウエオンヲ", "vowels, n, wo"},
		{L"ﾅﾆﾇﾈﾉﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ", "ナニヌネノマミムメモヤユヨラリルレロワ", "the rest"},
		{L"ぁゖ", "ァヶ", "hiragana block ends"},
		{L"ゝゞ", "ヽヾ", "iteration marks"},
		{L"ｶﾞﾞ", "ガ゛", "second mark stays"},
		{L"かﾞ", "ガ", "hiragana + half-width mark"},
		{L"カﾞ", "ガ", "full-width + half-width mark"},
		{L"ハ\u309A", "パ", "combining semi-voiced mark composed"},
		{L"ウ\u3099", "ヴ", "combining voiced mark composed"},
		{L"ア\u3099", "ア\u3099", "combining mark on unvoiceable kept"},
		{L"ｶﾌﾞｼｷｶﾞｲｼｬ　ＡＢＣ", "カブシキガイシャ ABC", "reading with company letters"},
		{L"株式会社ＡＢＣ", "株式会社ABC", "kanji untouched"},
		{L"ヴァ", "ヴァ", "already normal"},
		{L"", "", "empty"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(norm(text_norm_kana, cases[i].in), cases[i].want, "kana: %s",
		       cases[i].what);
}

/* Normalising twice gives what normalising once gave. */
static void test_idempotent(void)
{
	static const wchar_t *inputs[] = {
		L"ｶﾌﾞｼｷｶﾞｲｼｬ", L"かぶしき", L"ﾞﾟ", L"ｱﾞ", L"ｶﾞﾞﾟ", L"ハ\u309A\u309A",
		L"ア\u3099", L"１２３　ＡＢＣ", L"ﾊﾟ･ｰ｡", L"ゝﾞ", L"ﾞｶ", L"",
	};

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		wchar_t once[MAX_LEN], twice[MAX_LEN];

		wcscpy(once, inputs[i]);
		text_norm_kana(once);
		ok(wcslen(once) <= wcslen(inputs[i]), "kana %zu: not longer than the input", i);
		wcscpy(twice, once);
		text_norm_kana(twice);
		ok(wcscmp(once, twice) == 0, "kana %zu: twice == once", i);
		text_norm_ascii(twice);
		ok(wcscmp(once, twice) == 0, "kana %zu: ascii after kana changes nothing", i);
	}
}

static void test_reading(void)
{
	ok(text_is_kana_reading(L"カブシキガイシャ"), "katakana is a reading");
	ok(!text_is_kana_reading(L"カ)ABC"), "')' is not in a reading");
	ok(text_is_kana_reading(L"エービーシー ABC 123"), "ASCII letters, digits, space");
	ok(text_is_kana_reading(L"ヤマダ・タロウ"), "middle dot");
	ok(text_is_kana_reading(L"ヴァイオリン"), "ヴ and small kana");
	ok(text_is_kana_reading(L"ヤマダ　タロウ"), "ideographic space");
	ok(text_is_kana_reading(L""), "empty is vacuously a reading (required is checked apart)");
	ok(!text_is_kana_reading(L"かぶしき"), "hiragana is not (normalise first)");
	ok(!text_is_kana_reading(L"ｶﾌﾞｼｷ"), "half-width is not (normalise first)");
	ok(!text_is_kana_reading(L"山田"), "kanji is not");
	ok(!text_is_kana_reading(L"ＡＢＣ"), "full-width letters are not");
	ok(!text_is_kana_reading(L"ア゛"), "spacing voiced mark is not");
	ok(!text_is_kana_reading(L"ア-イ"), "hyphen is not");
	ok(!text_is_kana_reading(L"ア\tイ"), "tab is not");

	ok(text_is_digits(L"0"), "one digit");
	ok(text_is_digits(L"0012345"), "leading zeros kept as digits");
	ok(!text_is_digits(L""), "empty is not digits");
	ok(!text_is_digits(L"12 3"), "space");
	ok(!text_is_digits(L"-1"), "sign");
	ok(!text_is_digits(L"１２"), "full-width digits (normalise first)");
	ok(!text_is_digits(L"1,234"), "separator");
}

int main(void)
{
	test_ascii();
	test_kana();
	test_idempotent();
	test_reading();
	return tap_done();
}
