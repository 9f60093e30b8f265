/* The field editor and field checks: cells, not bytes; whole characters;
 * normalisation on leaving a field; what goes to the database. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "ui/ui.h"

static struct form_field field(enum field_type t, int width)
{
	struct form_field f;

	memset(&f, 0, sizeof f);
	f.id = "x";
	f.label = "x";
	f.type = t;
	f.width = width;
	f.height = 1;
	f.maxlen = width;
	return f;
}

static void test_editor(void)
{
	struct field_value v;
	int row, col;

	fv_init(&v);
	ok(fv_insert(&v, L"\x682a\x5f0f", 2, 5, 1, 10), "two kanji (4 cells) fit 5 cells");
	is_int(fv_width(&v), 4, "two kanji are 4 cells");
	ok(!fv_insert(&v, L"\x4f1a", 1, 5, 1, 10), "a third kanji would need 6 cells: refused");
	is_int(v.len, 2, "the refused kanji left nothing behind");
	ok(fv_insert(&v, L"A", 1, 5, 1, 10), "one ASCII letter fills the last cell");
	fv_backspace(&v);
	is_int(v.len, 2, "backspace removes one character");
	fv_backspace(&v);
	is_int(fv_width(&v), 2, "backspace removes a whole wide character (2 cells)");
	fv_home(&v);
	ok(fv_insert(&v, L"ab", 2, 5, 1, 10), "insert at the start");
	{
		char *s = fv_get_utf8(&v);
		is_str(s, "ab\xe6\xa0\xaa", "insertion at the cursor keeps the order");
		free(s);
	}
	fv_clear(&v);
	ok(!fv_insert(&v, L"abcdef", 6, 10, 1, 5), "maxlen counts characters: 6 > 5 refused whole");
	/* A memo of 2 rows of 5 cells: a kanji never straddles a row edge. */
	ok(fv_insert(&v, L"ab\x6f22\x5b57", 4, 5, 2, 20), "a memo takes what fits in its rows");
	fv_locate(&v, 3, 5, &row, &col);
	is_int(row * 100 + col, 100, "a wide character that does not fit the row's end starts the next row");
	ok(!fv_insert(&v, L"\x6f22\x5b57\x6f22", 3, 5, 2, 20), "more than two rows is refused");
	fv_free(&v);
}

static const char *check(enum field_type t, int width, const char *typed, char *shown, size_t n)
{
	struct form_field f = field(t, width);
	struct field_value v;
	const char *why;
	char *s;

	fv_init(&v);
	fv_set_utf8(&v, typed);
	why = field_check(&f, &v, NULL);
	s = fv_get_utf8(&v);
	snprintf(shown, n, "%s", s);
	free(s);
	fv_free(&v);
	return why;
}

static void test_checks(void)
{
	char shown[128];

	ok(!check(FIELD_KATAKANA, 20, "\xef\xbd\xb6\xef\xbe\x9e\xef\xbd\xbd", shown, sizeof shown),
	   "half-width ｶﾞｽ is a reading");
	is_str(shown, "ガス", "ｶﾞｽ becomes ガス on leaving the field");
	ok(!check(FIELD_KATAKANA, 20, "いわて", shown, sizeof shown), "hiragana is accepted");
	is_str(shown, "イワテ", "hiragana becomes katakana");
	ok(check(FIELD_KATAKANA, 20, "岩手", shown, sizeof shown) != NULL, "kanji is not a reading");
	is_str(shown, "岩手", "a refused value stays as typed");
	ok(!check(FIELD_DIGITS, 10, "０２０", shown, sizeof shown), "full-width digits are digits");
	is_str(shown, "020", "full-width digits become ASCII, leading zero kept");
	ok(check(FIELD_DIGITS, 10, "12a", shown, sizeof shown) != NULL, "a letter is not a digit");
	ok(!check(FIELD_KYEN, 14, "１２，３４５", shown, sizeof shown), "a thousand-yen amount");
	is_str(shown, "12,345", "shown with separators");
	ok(!check(FIELD_YEN, 14, "1234567", shown, sizeof shown), "a yen amount");
	is_str(shown, "1,234,567", "yen shown with separators");
	ok(!check(FIELD_DATE, 16, "2024-03-31", shown, sizeof shown), "a Gregorian date");
	is_str(shown, "令和6年3月31日", "shown in the long era form when it fits");
	ok(!check(FIELD_DATE, 8, "令和6年3月31日", shown, sizeof shown), "a long era date");
	is_str(shown, "R6.3.31", "shown in the short era form in a narrow field");
	ok(check(FIELD_DATE, 16, "R6.2.30", shown, sizeof shown) != NULL, "no 30 February");
	ok(!check(FIELD_YESNO, 1, "はい", shown, sizeof shown), "はい is yes");
	is_str(shown, "1", "yes is stored as 1");
	ok(!check(FIELD_TEXT, 10, "  岩手  ", shown, sizeof shown), "text is accepted");
	is_str(shown, "岩手", "spaces around text are trimmed");
}

static void test_bounds_and_db(void)
{
	struct form_field f = field(FIELD_KYEN, 14);
	struct field_value v;
	char *db;

	f.has_max = true;
	f.max = 280000000;
	fv_init(&v);
	fv_set_utf8(&v, "280,001");
	ok(field_check(&f, &v, NULL) != NULL, "280,001 thousand yen is over a 280M yen bound");
	fv_set_utf8(&v, "280,000");
	ok(field_check(&f, &v, NULL) == NULL, "280,000 thousand yen is at the bound");
	db = field_to_db(&f, &v);
	is_str(db, "280000000", "a thousand-yen field goes to the database in yen");
	free(db);
	field_from_db(&f, &v, "1234567");
	db = fv_get_utf8(&v);
	is_str(db, "1,234", "yen from the database are shown in thousands");
	free(db);
	fv_clear(&v);
	ok(field_to_db(&f, &v) == NULL, "an empty field is NULL for the database");
	f = field(FIELD_DATE, 16);
	fv_set_utf8(&v, "令和6年3月31日");
	db = field_to_db(&f, &v);
	is_str(db, "2024-03-31", "a date goes to the database in ISO form");
	free(db);
	fv_free(&v);
}

int main(void)
{
	test_editor();
	test_checks();
	test_bounds_and_db();
	return tap_done();
}
