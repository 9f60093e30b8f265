/* The field editor and field checks: cells, not bytes; whole characters;
 * normalisation as typed and on leaving a field; what goes to the
 * database. The form tests drive a real form (forms/editor/clerk.yaml)
 * through form_view_key and form_view_type, in Japanese, and assert what the
 * clerk sees: the text, the part of it the box shows, the cursor, the
 * message line. */
#include <curses.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "text/text.h"
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
	ok(fv_insert(&v, L"\x682a\x5f0f", 2), "two kanji go in");
	is_int(fv_width(&v), 4, "two kanji are 4 cells");
	ok(!fv_insert(&v, L"a\x01", 2), "a control character cannot be drawn: refused");
	is_int(v.len, 2, "the refused burst left nothing behind");
	fv_backspace(&v);
	is_int(fv_width(&v), 2, "backspace removes a whole wide character (2 cells)");
	fv_home(&v);
	ok(fv_insert(&v, L"ab", 2), "insert at the start");
	{
		char *s = fv_get_utf8(&v);
		is_str(s, "ab\xe6\xa0\xaa", "insertion at the cursor keeps the order");
		free(s);
	}
	fv_clear(&v);
	/* A memo of rows of 5 cells: a kanji never straddles a row edge. */
	fv_insert(&v, L"ab\x6f22\x5b57", 4);
	fv_locate(&v, 3, 5, &row, &col);
	is_int(row * 100 + col, 100, "a wide character that does not fit the row's end starts the next row");
	is_int(fv_rows(&v, 5), 2, "ab + two kanji take two rows of 5 cells");
	fv_free(&v);
}

/* The characters a window shows, in UTF-8, with '<' and '>' where the
 * screen marks hidden text. */
static const char *window_text(const struct field_value *v, const struct fv_window *w, char *buf,
			       size_t n)
{
	wchar_t shown[256];
	size_t k = 0;
	char *s;

	if (w->more_left)
		shown[k++] = L'<';
	for (size_t i = w->first; i < w->end && k < 250; i++)
		shown[k++] = v->text[i];
	if (w->more_right)
		shown[k++] = L'>';
	shown[k] = L'\0';
	s = text_wcs_to_utf8(shown);
	snprintf(buf, n, "%s", s ? s : "");
	free(s);
	return buf;
}

static void test_window(void)
{
	struct field_value v;
	struct fv_window w;
	char buf[256];

	fv_init(&v);
	fv_set_utf8(&v, "盛岡市");
	fv_window(&v, 5, true, &w);
	is_str(window_text(&v, &w, buf, sizeof buf), "<岡市", "6 cells in a 5-cell box, cursor at the end: the end shown");
	is_int(w.cursor_col, 4, "the cursor stands after 岡市");
	fv_home(&v);
	fv_window(&v, 5, true, &w);
	is_str(window_text(&v, &w, buf, sizeof buf), "盛岡>", "Home: the start shown, 市 not split at the edge");
	is_int(w.cursor_col, 0, "the cursor at the box's first cell");
	fv_end(&v);
	fv_window(&v, 5, false, &w);
	is_str(window_text(&v, &w, buf, sizeof buf), "盛岡>", "a field not being edited shows its start");
	fv_set_utf8(&v, "0288401");
	fv_window(&v, 7, true, &w);
	is_str(window_text(&v, &w, buf, sizeof buf), "0288401", "a full box does not scroll");
	is_int(w.cursor_col, 6, "the cursor rests on its last cell");
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
	ok(!check(FIELD_DIGITS, 10, "020-0021", shown, sizeof shown), "a postal code with its hyphen");
	is_str(shown, "0200021", "the hyphen between digits is dropped");
	ok(check(FIELD_DIGITS, 10, "12a", shown, sizeof shown) != NULL, "a letter is not a digit");
	ok(!check(FIELD_KYEN, 14, "１２，３４５", shown, sizeof shown), "a thousand-yen amount");
	is_str(shown, "12,345", "shown with separators");
	ok(!check(FIELD_YEN, 14, "1234567", shown, sizeof shown), "a yen amount");
	is_str(shown, "1,234,567", "yen shown with separators");
	ok(!check(FIELD_DATE, 16, "2024-03-31", shown, sizeof shown), "a Gregorian date");
	is_str(shown, "令和6年3月31日", "shown in the long era form when it fits");
	ok(!check(FIELD_DATE, 8, "令和6年3月31日", shown, sizeof shown), "a long era date");
	is_str(shown, "R6.3.31", "shown in the short era form in a narrow field");
	is_str(check(FIELD_DATE, 16, "R6.2.30", shown, sizeof shown), text_date_strerror(TEXT_DATE_NO_SUCH_DAY),
	       "no 30 February: text_date_strerror's reason");
	is_str(check(FIELD_DATE, 16, "abc", shown, sizeof shown), text_date_strerror(TEXT_DATE_SYNTAX),
	       "not a date: text_date_strerror's reason");
	ok(!check(FIELD_TEXT, 10, "  岩手  ", shown, sizeof shown), "text is accepted");
	is_str(shown, "岩手", "spaces around text are trimmed");
	{
		static const char *const yes[] = {"はい", "1", "１", "y", "Y", "ｙ", "○", "ﾊｲ"};
		static const char *const no[] = {"いいえ", "0", "０", "n", "N", "Ｎ", "×"};
		for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
			ok(!check(FIELD_YESNO, 1, yes[i], shown, sizeof shown), "yes/no takes %s", yes[i]);
			is_str(shown, "1", "%s is stored as 1", yes[i]);
		}
		for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
			ok(!check(FIELD_YESNO, 1, no[i], shown, sizeof shown), "yes/no takes %s", no[i]);
			is_str(shown, "0", "%s is stored as 0", no[i]);
		}
	}
	ok(check(FIELD_YESNO, 1, "x", shown, sizeof shown) != NULL, "x is neither yes nor no");
	is_str(shown, "x", "the refused x stays on screen");
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

/* ---- the clerk's form --------------------------------------------------- */

static char *municipality_codes[] = {"03201", "03202", "03203"};
static char *municipality_labels[] = {"盛岡市", "宮古市", "大船渡市"};
static char *industry_codes[] = {"M751", "M761", "E091", "E092"};
static char *industry_labels[] = {"旅館ホテル", "食堂レストラン", "食料品製造業", "飲料製造業"};
static char *legal_form_codes[] = {"corporation", "sole", "npo", "union", "medical"};
static char *legal_form_labels[] = {"法人", "個人事業者", "特定非営利活動法人", "組合", "医療法人"};
static char *antisocial_codes[] = {"pending", "clear", "hit"};
static char *antisocial_labels[] = {"未了", "該当なし", "該当あり"};
static const struct code_list municipality = {3, municipality_codes, municipality_labels};
static const struct code_list industry = {4, industry_codes, industry_labels};
static const struct code_list legal_form = {5, legal_form_codes, legal_form_labels};
static const struct code_list antisocial = {3, antisocial_codes, antisocial_labels};

/* The database's code lists, as the screens' lookup gives them. */
static const struct code_list *lookup(void *ctx, const char *name)
{
	static const struct {
		const char *name;
		const struct code_list *list;
	} lists[] = {
		{"municipality", &municipality}, {"industry", &industry},
		{"legal_form", &legal_form}, {"antisocial_result", &antisocial},
	};

	(void)ctx;
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(lists[i].name, name) == 0)
			return lists[i].list;
	return NULL;
}

static struct form *load_clerk_form(void)
{
	const char *d = getenv("TESTS_SRCDIR");
	char path[1024];
	struct form_error err;
	struct form *f;

	snprintf(path, sizeof path, "%s/unit/forms/editor/clerk.yaml", d && *d ? d : "tests");
	f = form_load(path, &err);
	if (!f) {
		char line[1600];
		form_error_format(&err, line, sizeof line);
		printf("Bail out! %s\n", line);
		exit(1);
	}
	return f;
}

struct clerk {
	struct form *form;
	struct form_view v;
	struct ui ui;
	char text[512];
};

static void clerk_open(struct clerk *c)
{
	memset(c, 0, sizeof *c);
	c->form = load_clerk_form();
	form_view_init(&c->v, c->form, lookup, NULL);
}

static void clerk_close(struct clerk *c)
{
	form_view_free(&c->v);
	form_free(c->form);
}

static const char *current_id(const struct clerk *c)
{
	return c->v.form->fields[c->v.current].id;
}

/* Focuses a field with its message line cleared, as the clerk's next key does. */
static void go(struct clerk *c, const char *id)
{
	form_view_focus(&c->v, id);
	ui_clear_message(&c->ui);
}

/* An IME commit or a paste: one burst into the current field. */
static bool ime(struct clerk *c, const char *utf8)
{
	wchar_t *w = text_utf8_to_wcs(utf8);
	bool taken;

	ui_clear_message(&c->ui);
	taken = form_view_type(&c->v, &c->ui, w, wcslen(w));
	free(w);
	return taken;
}

static void press(struct clerk *c, int code)
{
	struct ui_key k = {.is_func = true, .code = code};
	const char *action = NULL;

	ui_clear_message(&c->ui);
	form_view_key(&c->v, &c->ui, &k, &action);
}

static void press_char(struct clerk *c, wchar_t ch)
{
	struct ui_key k = {.ch = (wint_t)ch};
	const char *action = NULL;

	ui_clear_message(&c->ui);
	form_view_key(&c->v, &c->ui, &k, &action);
}

/* Keys typed one by one (no IME). */
static void type_keys(struct clerk *c, const char *ascii)
{
	for (; *ascii; ascii++)
		press_char(c, (wchar_t)*ascii);
}

static const char *value(struct clerk *c, const char *id)
{
	char *s = fv_get_utf8(form_view_value(&c->v, id));

	snprintf(c->text, sizeof c->text, "%s", s);
	free(s);
	return c->text;
}

/* What the box of a field shows, with the marks, and where the cursor is. */
static const char *field_box(struct clerk *c, const char *id, int *cursor_col)
{
	const struct form_field *f = form_view_field(&c->v, id);
	struct field_value *val = form_view_value(&c->v, id);
	struct fv_window w;

	fv_window(val, f->width, strcmp(current_id(c), id) == 0, &w);
	if (cursor_col)
		*cursor_col = w.cursor_col;
	return window_text(val, &w, c->text, sizeof c->text);
}

static void test_ime_into_short_fields(void)
{
	struct clerk c;

	clerk_open(&c);
	go(&c, "postal_code");
	ok(ime(&c, "０２８－８４０１"), "０２８－８４０１ goes into the 7-cell postal code");
	is_str(value(&c, "postal_code"), "0288401", "as 0288401: half-width, the hyphen dropped");
	is_str(c.ui.message, "", "without a message");
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "muni_code", "the postal code is accepted on leaving");
	go(&c, "postal_code");
	press_char(&c, 0x15);
	type_keys(&c, "020-0021");
	is_str(value(&c, "postal_code"), "0200021", "typed key by key, the hyphen is dropped too");

	go(&c, "founded_on");
	ok(ime(&c, "令和６年３月３１日"), "令和６年３月３１日 goes into the 16-cell date");
	is_str(value(&c, "founded_on"), "令和6年3月31日", "its digits half-width as they arrive");
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "first_repayment", "the date is accepted");

	go(&c, "capital_yen");
	ok(ime(&c, "１００，０００"), "１００，０００ goes into the 12-cell amount");
	press(&c, KEY_DOWN);
	is_str(value(&c, "capital_yen"), "100,000", "and is 100,000 thousand yen");

	go(&c, "secured");
	ok(ime(&c, "１"), "１ goes into the 1-cell yes/no field");
	is_str(value(&c, "secured"), "1", "as 1");
	is_str(code_list_label(&c.v.yesno, "1"), "はい", "drawn after the field as はい");
	ok(ime(&c, "いいえ"), "いいえ goes in too");
	is_str(value(&c, "secured"), "0", "and replaces the answer with 0");
	ok(ime(&c, "○"), "○ is yes");
	is_str(value(&c, "secured"), "1", "stored as 1");
	ok(ime(&c, "x"), "x is typed into the yes/no field");
	is_str(value(&c, "secured"), "1x", "and shown as typed");
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "secured", "a wrong yes/no holds the cursor");
	is_str(c.ui.message, "有担保: はい か いいえ を入力してください（1 か 0、y か n でも可）。",
	       "with its reason in Japanese");
	is_str(value(&c, "secured"), "1x", "and the wrong value is not blanked");
	clerk_close(&c);
}

static void test_codes(void)
{
	struct clerk c;
	int col;

	clerk_open(&c);
	ime(&c, "法人");
	is_str(value(&c, "legal_form"), "法人", "法人 is typed into the code field");
	press(&c, KEY_DOWN);
	is_str(value(&c, "legal_form"), "corporation", "法人 becomes corporation on leaving the field");
	is_str(current_id(&c), "name", "and the cursor moves on");
	go(&c, "legal_form");
	press_char(&c, 0x15);
	ime(&c, "個人");
	press(&c, KEY_DOWN);
	is_str(value(&c, "legal_form"), "sole", "個人, the start of 個人事業者, becomes sole");
	go(&c, "legal_form");
	press_char(&c, 0x15);
	type_keys(&c, "CORP");
	press(&c, KEY_DOWN);
	is_str(value(&c, "legal_form"), "corporation", "CORP, a prefix in any case, becomes corporation");
	go(&c, "legal_form");
	press_char(&c, 0x15);
	ok(ime(&c, "特定非営利活動法人"), "a label wider than the 12-cell box can be typed");
	is_str(field_box(&c, "legal_form", &col), "<利活動法人", "the box shows its end, marked on the left");
	is_int(col, 10, "the cursor after it, in the 11th cell");
	press(&c, KEY_DOWN);
	is_str(value(&c, "legal_form"), "npo", "and becomes npo");

	go(&c, "antisocial_result");
	ime(&c, "該当なし");
	press(&c, KEY_DOWN);
	is_str(value(&c, "antisocial_result"), "clear", "該当なし becomes clear");
	go(&c, "antisocial_result");
	press_char(&c, 0x15);
	ime(&c, "該当");
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "antisocial_result", "該当 is ambiguous: the cursor stays");
	is_str(c.ui.message,
	       "反社チェック: 複数が該当します（F4 で一覧）: 該当なし (clear), 該当あり (hit)",
	       "the message names the candidates and F4");
	is_str(value(&c, "antisocial_result"), "該当", "and the typed text stays");

	go(&c, "industry_code");
	type_keys(&c, "m751");
	press(&c, KEY_DOWN);
	is_str(value(&c, "industry_code"), "M751", "m751 is M751");
	go(&c, "industry_code");
	press_char(&c, 0x15);
	ok(ime(&c, "食料品製造業"), "a 6-character label goes into a 4-character code field");
	press(&c, KEY_DOWN);
	is_str(value(&c, "industry_code"), "E091", "and becomes its code");
	go(&c, "industry_code");
	press_char(&c, 0x15);
	type_keys(&c, "e");
	press(&c, KEY_DOWN);
	is_str(c.ui.message, "業種: 複数が該当します（F4 で一覧）: 食料品製造業 (E091), 飲料製造業 (E092)",
	       "e starts two codes: both named");
	press_char(&c, 0x15);
	type_keys(&c, "zz");
	press(&c, KEY_DOWN);
	is_str(c.ui.message, "業種: 該当するコードがありません。F4 で一覧を表示できます。",
	       "an unknown code is refused with F4 named");

	go(&c, "muni_code");
	ime(&c, "大");
	press(&c, KEY_DOWN);
	is_str(value(&c, "muni_code"), "03203", "大, the start of one name only, is 大船渡市");
	clerk_close(&c);
}

/* n copies of a character, as UTF-8. */
static char *repeat(const char *ch, int n)
{
	size_t len = strlen(ch);
	char *s = malloc(len * (size_t)n + 1);

	for (int i = 0; i < n; i++)
		memcpy(s + len * (size_t)i, ch, len);
	s[len * (size_t)n] = '\0';
	return s;
}

static void test_scrolling(void)
{
	struct clerk c;
	char *sixty = repeat("岩", 60), *eighty = repeat("a", 80);
	int col;

	clerk_open(&c);
	go(&c, "name");
	ok(ime(&c, sixty), "60 full-width characters go into 企業名 (60 cells, maxlen 60)");
	is_int(form_view_value(&c.v, "name")->len, 60, "all 60 are kept");
	ok(!ime(&c, "岩"), "a 61st is refused");
	is_str(c.ui.message, "企業名: 項目に入りきりません（60文字まで）。", "saying how many fit");
	field_box(&c, "name", &col);
	is_str(c.text, "<岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩岩", "the box shows the end of the name, '<' before it");
	is_int(col, 58, "the cursor after the last character");
	press(&c, KEY_HOME);
	field_box(&c, "name", &col);
	is_int(col, 0, "Home: the cursor at the start");
	ok(strcmp(c.text + strlen(c.text) - 1, ">") == 0, "and '>' says more follows");
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "address", "the name is accepted");
	field_box(&c, "name", NULL);
	ok(strcmp(c.text + strlen(c.text) - 1, ">") == 0, "not being edited, the cut name still shows '>'");
	ok(ime(&c, eighty), "80 characters go into 所在地 (60 cells, maxlen 80)");
	ok(!ime(&c, "a"), "the 81st is refused");

	field_from_db(form_view_field(&c.v, "name"), form_view_value(&c.v, "name"), sixty);
	field_box(&c, "name", NULL);
	ok(c.text[0] != '<' && strcmp(c.text + strlen(c.text) - 1, ">") == 0,
	   "a long stored name is shown from its start, marked as cut");

	go(&c, "kana");
	ok(ime(&c, "ｶﾞｽｶﾞｽｶﾞｽ"), "9 half-width characters that are 6 katakana fit a 6-character reading");
	press(&c, KEY_DOWN);
	is_str(value(&c, "kana"), "ガスガスガス", "composed on leaving the field");

	go(&c, "note");
	ok(ime(&c, "一二三四五六七八九十"), "a memo row of 20 cells takes 10 kanji");
	ok(ime(&c, "一二三四五六七八九十"), "and its second row 10 more");
	ok(!ime(&c, "一"), "a memo does not scroll: a third row is refused");
	is_str(c.ui.message, "備考: 項目に入りきりません。", "as not fitting");
	free(sixty);
	free(eighty);
	clerk_close(&c);
}

static void iso_in_days(int days, char *buf, size_t n)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

static void test_dates(void)
{
	struct clerk c;
	char date[32];

	clerk_open(&c);
	go(&c, "founded_on");
	iso_in_days(400, date, sizeof date);
	ime(&c, date);
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "founded_on", "a founding date next year is refused");
	is_str(c.ui.message, "設立日: 未来の日付は入力できません。", "as in the future");
	is_str(value(&c, "founded_on"), date, "the date stays as typed");
	press_char(&c, 0x15);
	iso_in_days(0, date, sizeof date);
	ime(&c, date);
	press(&c, KEY_DOWN);
	is_str(current_id(&c), "first_repayment", "today is a founding date");
	iso_in_days(-400, date, sizeof date);
	ime(&c, date);
	press(&c, KEY_DOWN);
	is_str(c.ui.message, "初回返済日: 過去の日付は入力できません。", "a first repayment last year is refused");
	press_char(&c, 0x15);
	ime(&c, "R6.2.30");
	press(&c, KEY_DOWN);
	is_str(c.ui.message, "初回返済日: 存在しない月日です。", "a date error is text_date_strerror's, in Japanese");
	clerk_close(&c);
}

static void test_pick(void)
{
	struct ui_pick p;
	struct ui_key k = {0};

	ui_pick_init(&p, &industry, 0, 2);
#define PICK_CHAR(c) (k = (struct ui_key){.ch = (c)}, ui_pick_key(&p, &k))
#define PICK_FUNC(c) (k = (struct ui_key){.is_func = true, .code = (c)}, ui_pick_key(&p, &k))
	is_int(PICK_CHAR(L'食'), UI_PICK_MOVED, "typing 食 in the list");
	is_int(p.sel, 1, "jumps to the first label starting with it (食堂レストラン)");
	PICK_CHAR(L'料');
	is_int(p.sel, 2, "食料: typed characters add up (食料品製造業)");
	is_int(PICK_CHAR(L'x'), UI_PICK_REFUSED, "a character no entry continues with is refused");
	is_int(p.sel, 2, "and does not move");
	PICK_FUNC(KEY_BACKSPACE);
	is_int((int)p.ntyped, 1, "Backspace takes a typed character back");
	PICK_FUNC(KEY_HOME);
	is_int(p.sel, 0, "Home goes to the first");
	PICK_CHAR(L'\xff45'); /* ｅ */
	PICK_CHAR(L'\xff10'); /* ０ */
	PICK_CHAR(L'9');
	PICK_CHAR(L'2');
	is_int(p.sel, 3, "full-width ｅ０ then 92 finds E092, in any case");
	PICK_FUNC(KEY_HOME);
	PICK_FUNC(KEY_NPAGE);
	is_int(p.sel, 2, "PgDn moves a page (2 rows)");
	is_int(p.first, 1, "and the page follows");
	PICK_FUNC(KEY_END);
	is_int(p.sel, 3, "End goes to the last");
	PICK_FUNC(KEY_PPAGE);
	is_int(p.sel, 1, "PgUp moves a page back");
	is_int(PICK_FUNC(KEY_F(10)), UI_PICK_REFUSED, "F10 is not the list's: it beeps, not lost silently");
	is_int(PICK_FUNC(KEY_LEFT), UI_PICK_REFUSED, "nor is Left");
	is_int(PICK_CHAR(L'\r'), UI_PICK_CHOSEN, "Enter picks");
	is_int(PICK_CHAR(27), UI_PICK_CANCELLED, "Esc cancels");
	is_int(PICK_FUNC(KEY_F(3)), UI_PICK_CANCELLED, "F3 cancels");
#undef PICK_CHAR
#undef PICK_FUNC
}

int main(void)
{
	const char *locale_dir = getenv("HOSHO_LOCALE_DIR");

	/* Messages as the clerk reads them: Japanese, from the built catalogue. */
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "ja", 1);
	bindtextdomain("hosho", locale_dir && *locale_dir ? locale_dir : "locale");
	bind_textdomain_codeset("hosho", "UTF-8");

	test_editor();
	test_window();
	test_checks();
	test_bounds_and_db();
	test_ime_into_short_fields();
	test_codes();
	test_scrolling();
	test_dates();
	test_pick();
	return tap_done();
}
