/* Cell widths, ambiguous characters and the UTF-8 conversions. */
#include <stdlib.h>

#include "tap.h"
#include "text/text.h"

static void test_char_width(void)
{
	static const struct {
		wchar_t c;
		int width;
		const char *what;
	} cases[] = {
		{L'A', 1, "ASCII letter"},
		{L' ', 1, "space"},
		{L'~', 1, "tilde"},
		{L'ア', 2, "katakana"},
		{L'あ', 2, "hiragana"},
		{L'漢', 2, "kanji"},
		{L'ー', 2, "long vowel mark"},
		{L'ｱ', 1, "half-width katakana"},
		{L'ﾞ', 1, "half-width voiced mark"},
		{0xFF21, 2, "full-width A"},
		{0xFF01, 2, "full-width ! (first of the block)"},
		{0xFF60, 2, "full-width ｠ (last of the block)"},
		{0xFFE5, 2, "full-width yen sign"},
		{0xFFE6, 2, "full-width won sign"},
		{0xFFE8, 1, "half-width forms light vertical"},
		{0x3000, 2, "ideographic space"},
		{0x3001, 2, "ideographic comma"},
		{0x303E, 2, "ideographic variation indicator"},
		{0x303F, 1, "ideographic half fill space"},
		{0xAC00, 2, "hangul syllable"},
		{0x1100, 2, "hangul initial jamo"},
		{0x1160, 0, "hangul medial jamo"},
		{0x20B9F, 2, "CJK extension B (𠮟)"},
		{0x1F600, 2, "emoji grinning face"},
		{0x1F4B4, 2, "emoji banknote"},
		{0x0301, 0, "combining acute"},
		{0x3099, 0, "combining kana voiced mark"},
		{0x200B, 0, "zero width space"},
		{0xFE0F, 0, "variation selector 16"},
		{0x00E9, 1, "é"},
		{0x00D7, 1, "× (ambiguous counts 1)"},
		{0x25CB, 1, "○ (ambiguous counts 1)"},
		{0x2460, 1, "① (ambiguous counts 1)"},
		{0x3248, 2, "㉈ (ambiguous, but wide as in glibc)"},
		{0x4DC0, 2, "Yijing hexagram (wide as in glibc)"},
		{0x0416, 1, "Cyrillic Ж"},
		{0xE000, 1, "private use"},
		{L'\t', -1, "tab"},
		{L'\n', -1, "newline"},
		{0x1B, -1, "escape"},
		{0x7F, -1, "delete"},
		{0x85, -1, "C1 next line"},
		{0x9F, -1, "C1 last"},
		{0xA0, 1, "no-break space"},
		{0x2028, -1, "line separator"},
		{0xD800, -1, "lone surrogate"},
		{0xFFFE, -1, "noncharacter U+FFFE"},
		{0xFFFF, -1, "noncharacter U+FFFF"},
		{0x50000, -1, "unassigned plane 5"},
		{0x110000, -1, "past U+10FFFF"},
		{(wchar_t)-1, -1, "negative"},
		{0, 0, "NUL as wcwidth()"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(text_char_width(cases[i].c), cases[i].width, "width of U+%04lX %s",
		       (unsigned long)cases[i].c, cases[i].what);
}

static void test_string_width(void)
{
	is_int(text_width(L""), 0, "empty string is 0 cells");
	is_int(text_width(L"ABC"), 3, "ASCII");
	is_int(text_width(L"株式会社ABC"), 11, "株式会社ABC: 4 kanji + 3 ASCII");
	is_int(text_width(L"株式会社ＡＢＣ"), 14, "株式会社ＡＢＣ all wide");
	is_int(text_width(L"ｶﾌﾞｼｷｶﾞｲｼｬ"), 10, "half-width katakana one cell each");
	is_int(text_width(L"カ\u3099"), 2, "combining mark adds nothing");
	is_int(text_width(L"保証\t番号"), -1, "tab makes the string unprintable");
	is_int(text_width(L"番号\n"), -1, "trailing newline too");
	is_int(text_width(L"令和6年3月31日"), 14, "long era date");
	is_int(text_width(L"R6.3.31"), 7, "short era date");

	is_int(text_width_utf8("株式会社ABC"), 11, "UTF-8 株式会社ABC");
	is_int(text_width_utf8(""), 0, "UTF-8 empty");
	is_int(text_width_utf8("保証協会　"), 10, "UTF-8 ideographic space is 2");
	is_int(text_width_utf8("\xE6\xA0"), -1, "truncated UTF-8 sequence");
	is_int(text_width_utf8("A\xFF" "B"), -1, "invalid UTF-8 byte");
	is_int(text_width_utf8("\xC0\xAF"), -1, "overlong UTF-8");
	is_int(text_width_utf8("\xED\xA0\x80"), -1, "UTF-8 encoded surrogate");
	is_int(text_width_utf8("a\x01"), -1, "UTF-8 with a control");
}

static void test_ambiguous(void)
{
	static const wchar_t yes[] = L"○※①─→×÷°±§¨´¶‐–—‘’“”†‡•…‰′″⑳⑴Ⅰ"
				     L"Ⅻ←↑↓⇒⇔∀∂∃∇∈∋∑√∝∞∠∧∨∩∪∫∴∵≒≠≡≦≧"
				     L"┌┐└┘├┤┬┴┼━┃╋═║╬╳╴╿▀▄█▏■□▲△▼▽◆◇◎●◯★☆♀♂♪"
				     L"ΑΩαωЖжЁё€";
	static const wchar_t no[] = L"アあ漢Aa0 ｱﾞー・。「」、ＡＢＣ１￥";

	for (const wchar_t *p = yes; *p; p++)
		ok(text_is_ambiguous(*p), "U+%04lX is ambiguous", (unsigned long)*p);
	for (const wchar_t *p = no; *p; p++)
		ok(!text_is_ambiguous(*p), "U+%04lX is not ambiguous", (unsigned long)*p);
	ok(text_is_ambiguous(0x2500), "box drawing first U+2500");
	ok(text_is_ambiguous(0x257F), "box drawing last U+257F");
	ok(!text_is_ambiguous(0x2590), "▐ U+2590 is neutral");
	ok(!text_is_ambiguous(0x00A0), "no-break space is not ambiguous");
	ok(text_is_ambiguous(0x00A1), "¡ first of the table");
	ok(text_is_ambiguous(0x10FFFD), "last of the table");
	ok(!text_is_ambiguous(0x10FFFE), "past the table");
	ok(!text_is_ambiguous(0), "NUL");
	ok(!text_is_ambiguous((wchar_t)-1), "negative");

	is_int(text_find_ambiguous_utf8("保証番号"), 0, "no ambiguous in 保証番号");
	is_int(text_find_ambiguous_utf8(""), 0, "none in empty");
	is_int(text_find_ambiguous_utf8("保証※番号①"), 0x203B, "finds the first: ※");
	is_int(text_find_ambiguous_utf8("金額（×千円）"), 0xD7, "finds ×");
	is_int(text_find_ambiguous_utf8("期間→"), 0x2192, "finds →");
	is_int(text_find_ambiguous_utf8("\xFF"), 0, "malformed gives 0");
}

static void test_utf8(void)
{
	wchar_t *w = text_utf8_to_wcs("株式会社ABC");
	char *u;

	ok(w && wcscmp(w, L"株式会社ABC") == 0, "UTF-8 to wide");
	u = w ? text_wcs_to_utf8(w) : NULL;
	is_str(u, "株式会社ABC", "wide back to UTF-8");
	free(w);
	free(u);

	w = text_utf8_to_wcs("");
	ok(w && w[0] == 0, "empty UTF-8 to wide");
	free(w);
	u = text_wcs_to_utf8(L"");
	is_str(u, "", "empty wide to UTF-8");
	free(u);

	w = text_utf8_to_wcs("\xF0\xA0\xAE\x9F\xF0\x9F\x98\x80");
	ok(w && w[0] == 0x20B9F && w[1] == 0x1F600 && w[2] == 0, "4-byte sequences");
	free(w);

	ok(text_utf8_to_wcs("abc\x80") == NULL, "stray continuation byte -> NULL");
	ok(text_utf8_to_wcs("\xE3\x81") == NULL, "truncated -> NULL");
	ok(text_utf8_to_wcs("\xC1\xBF") == NULL, "overlong -> NULL");
	ok(text_utf8_to_wcs("\xF4\x90\x80\x80") == NULL, "past U+10FFFF -> NULL");
	ok(text_wcs_to_utf8((const wchar_t[]){0xD800, 0}) == NULL, "surrogate -> NULL");
	ok(text_wcs_to_utf8((const wchar_t[]){0x110000, 0}) == NULL, "past U+10FFFF -> NULL");
}

/* A message cut by snprintf in the middle of a character stays valid. */
static void test_trim_partial(void)
{
	char s[16];

	snprintf(s, sizeof s, "%s", "ab\xe6\xbc"); /* 漢 cut after two bytes */
	text_utf8_trim_partial(s);
	is_str(s, "ab", "a cut 3-byte character is dropped");
	snprintf(s, sizeof s, "%s", "\xe6\xbc\xa2");
	text_utf8_trim_partial(s);
	is_str(s, "\xe6\xbc\xa2", "a whole 3-byte character is kept");
	snprintf(s, sizeof s, "%s", "x\xf0\x9f\x98");
	text_utf8_trim_partial(s);
	is_str(s, "x", "a cut 4-byte character is dropped");
	snprintf(s, sizeof s, "%s", "abc");
	text_utf8_trim_partial(s);
	is_str(s, "abc", "ASCII is untouched");
	s[0] = '\0';
	text_utf8_trim_partial(s);
	is_str(s, "", "an empty string is untouched");
}

int main(void)
{
	/* No setlocale(): the widths must not depend on it. */
	test_char_width();
	test_string_width();
	test_ambiguous();
	test_utf8();
	test_trim_partial();
	return tap_done();
}
