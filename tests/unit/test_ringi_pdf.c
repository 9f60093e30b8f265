/* The printed 保証稟議書: a fixture document rendered to PDF and read back
 * with pdftotext shows what a supervisor reads before stamping — the
 * amounts, the company, the exposure with its room, the findings, the
 * names and dates in the stamp boxes of the route; a long review note goes
 * on to the next page; bad documents and unwritable paths are refused. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "pdf_read.h"
#include "print/pdf_draw.h"
#include "print/print.h"
#include "tap.h"
#include "util.h"

/* The stamp boxes: four at the top right, as ringi_pdf.c draws them. */
#define STAMP_W 62.0
#define STAMP_H 68.0

static char dir[] = "/tmp/hosho-ringi-test.XXXXXX";

static void shows(const char *text, const char *want, const char *what)
{
	if (!ok(strstr(text, want) != NULL, "%s: %s", what, want))
		printf("# pdftotext gave: %s\n", text);
}

static void test_figures(const char *doc)
{
	char *pdf = xasprintf("%s/ringi.pdf", dir), *err = NULL, *text;
	struct stat st;
	static const char *const want[] = {
		"保証稟議書", "案件番号4321", "受付日令和6年4月1日", "状態承諾",
		"企業名株式会社北上精密キタカミセイミツ", "代表者佐藤花子", "所在地岩手県北上市村崎野24地割",
		"業種金属加工機械製造業", "資本金30,000,000円", "従業員数48人", "設立平成10年6月15日",
		"金融機関岩手銀行本店営業部", "金融機関受付日令和6年3月29日", "保証制度一般保証",
		"申込金額25,000,000円", "承諾予定額20,000,000円", "承諾額20,000,000円",
		"資金使途運転資金原材料の仕入資金", "保証期間60か月、据置期間6か月",
		"返済方法元金均等分割、返済回数54回", "担保なし", "連帯保証人代表者のみ",
		"料率区分第5区分CRD評点による区分5", "保証料率年1.15%",
		"保証料見込額456,789円（保証金額16,000,000円・保証割合80%に対し）", "保証料の徴収方法一括徴収",
		"枠普通保証等32,000,000円－－", "限度無担保保証32,000,000円80,000,000円48,000,000円",
		"・無担保保証限度8,000万円：既往1,200万円＋本件2,000万円＝3,200万円（残り4,800万円）",
		"【不可】保証期間が制度の上限を超えています", "審査所見売上は3期連続で増加。",
		"保証条件決算書を毎期提出すること。", "決裁権限課長", "決裁申請岩手花子（令和6年4月5日）",
		"決裁承諾北上三郎（令和6年4月8日）",
		"財務（単位：千円）", "決算期売上高営業利益経常利益純資産借入金",
		"令和6年3月31日812,34523,456-1,234150,000320,000",
		"令和5年3月31日790,000－5,000151,234300,000",
	};
	static const char *const boxes[] = {"担当者岩手花子R6.4.5", "課長北上三郎R6.4.8", "支所長", "保証統括課"};

	if (!ok(ringi_pdf_write(doc, pdf, &err) == 0, "the fixture 稟議書 is written"))
		printf("# %s\n", err);
	text = pdf_text(pdf);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		shows(text, want[i], "the 稟議書 shows");
	free(text);
	for (size_t i = 0; i < ARRAY_SIZE(boxes); i++) {
		text = pdf_text_area(pdf, 1, PDF_PAGE_W - PDF_MARGIN - (4 - i) * STAMP_W + 1, PDF_MARGIN,
				     STAMP_W - 2, STAMP_H);
		is_str(text, boxes[i], "stamp box %zu holds its level, and the name and date stamped there", i + 1);
		free(text);
	}
	is_int(stat(pdf, &st) == 0 ? (int)(st.st_mode & 07777) : -1, 0600,
	       "the file is its owner's only (0600), as every file of customer data");
	free(err);
	unlink(pdf);
	free(pdf);
}

/* The fixture with one key's value replaced by value (JSON text). */
static char *with(const char *doc, const char *key, const char *value)
{
	struct json_object *o = json_tokener_parse(doc);
	char *s;

	json_object_object_add(o, key, json_tokener_parse(value));
	s = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

/* A review note of 90 lines is printed whole over two pages, cut between
 * its lines, and the decision follows it. */
static void test_long_note(const char *doc)
{
	char *pdf = xasprintf("%s/long.pdf", dir), *err = NULL, *note = xstrdup("\""), *longdoc;
	char *text, *first, *second;

	for (int i = 1; i <= 90; i++) {
		char *more = xasprintf("%s審査メモ第%d行。売上と利益の推移を確認した。%s", note, i, i < 90 ? "\\n" : "\"");
		free(note);
		note = more;
	}
	longdoc = with(doc, "review_note", note);
	ok(ringi_pdf_write(longdoc, pdf, &err) == 0, "a 稟議書 with a review note of 90 lines is written");
	is_int(pdf_pages(pdf), 3, "it takes three pages");
	text = pdf_text(pdf);
	first = pdf_text_area(pdf, 2, 0, 0, PDF_PAGE_W, PDF_PAGE_H);
	second = pdf_text_area(pdf, 3, 0, 0, PDF_PAGE_W, PDF_PAGE_H);
	ok(strstr(first, "審査メモ第1行。") && !strstr(first, "審査メモ第90行。"),
	   "the note starts on the second page, after the exposure");
	ok(strstr(second, "審査所見審査メモ第") && strstr(second, "審査メモ第90行。") &&
	       !strstr(second, "審査メモ第1行。"),
	   "and goes on on the third, its label repeated");
	for (int i = 1; i <= 90; i++) {
		char *line = xasprintf("審査メモ第%d行。売上と利益の推移を確認した。", i);
		char *after = strstr(text, line);

		if (!after || strstr(after + strlen(line), line)) {
			ok(false, "every line of the note is printed once: line %d", i);
			free(line);
			break;
		}
		free(line);
		if (i == 90)
			ok(true, "every line of the note is printed once, none cut between pages");
	}
	shows(text, "決裁承諾北上三郎（令和6年4月8日）", "the decision follows the note");
	free(text);
	free(first);
	free(second);
	free(err);
	free(note);
	free(longdoc);
	unlink(pdf);
	free(pdf);
}

static void refused(const char *doc, const char *path, const char *want, const char *name)
{
	char *err = NULL;

	is_int(ringi_pdf_write(doc, path, &err), -1, "%s is refused", name);
	if (!ok(err && strstr(err, want), "%s: the reason names it", name))
		printf("# got: %s\n", err ? err : "(none)");
	free(err);
}

static void test_refusals(const char *doc)
{
	char *pdf = xasprintf("%s/bad.pdf", dir);
	char *no_company = with(doc, "company_name", "null");
	char *bad_date = with(doc, "applied_on", "\"2024-02-30\"");
	char *text_amount = with(doc, "requested_amount", "\"25,000,000\"");
	char *no_route = with(doc, "route", "{}");

	refused(no_company, pdf, "稟議書データに company_name がありません", "a document without the company");
	refused(bad_date, pdf, "applied_on が正しい形式（日付）ではありません", "a day that does not exist");
	refused(text_amount, pdf, "requested_amount が正しい形式（整数）ではありません",
		"an amount with commas in a string");
	refused(no_route, pdf, "route が正しい形式（リスト）ではありません", "a route that is no list");
	refused("[1]", pdf, "稟議書データが JSON のオブジェクトではありません", "an array");
	refused(doc, "/nonexistent/dir/r.pdf", "稟議書を /nonexistent/dir/r.pdf に書き出せません",
		"a path that cannot be written");
	ok(access(pdf, F_OK) != 0, "no file is left for a refused document");
	free(no_company);
	free(bad_date);
	free(text_amount);
	free(no_route);
	free(pdf);
}

int main(void)
{
	char *doc = pdf_fixture("ringi.json");

	pdf_test_locale();
	if (!doc || !mkdtemp(dir)) {
		printf("Bail out! no fixture or no temporary directory\n");
		return 1;
	}
	test_figures(doc);
	test_long_note(doc);
	test_refusals(doc);
	rmdir(dir);
	free(doc);
	return tap_done();
}
