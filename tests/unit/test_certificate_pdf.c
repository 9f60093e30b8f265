/* The printed 信用保証書: a fixture document rendered to PDF, read back
 * with pdftotext, carries the certificate's figures in Japanese; bad
 * documents and unwritable paths are refused with the reason. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print/print.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/hosho-pdf-test.XXXXXX";

static char *read_all(FILE *f)
{
	size_t n = 0, cap = 4096;
	char *s = xmalloc(cap);

	while (!feof(f) && !ferror(f)) {
		if (n + 1024 > cap)
			s = xrealloc(s, cap *= 2);
		n += fread(s + n, 1, cap - n - 1, f);
	}
	s[n] = '\0';
	return s;
}

static char *fixture(void)
{
	const char *d = getenv("TESTS_SRCDIR");
	char *path = xasprintf("%s/unit/certificate.json", d && *d ? d : "tests");
	FILE *f = fopen(path, "r");
	char *s = f ? read_all(f) : NULL;

	if (f)
		fclose(f);
	free(path);
	return s;
}

/* The text of a PDF as pdftotext lays it out, every space (ASCII or
 * ideographic) and line break taken out: the figures are then matched
 * whatever the columns and the letter spacing of the title. */
static char *pdf_text(const char *pdf)
{
	char *cmd = xasprintf("pdftotext -layout -enc UTF-8 '%s' -", pdf);
	FILE *p = popen(cmd, "r");
	char *s = p ? read_all(p) : xstrdup(""), *w = s;

	if (p)
		pclose(p);
	free(cmd);
	for (const char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\n' || *r == '\f')
			continue;
		if (strncmp(r, "\u3000", 3) == 0) {
			r += 2;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

static int pdf_pages(const char *pdf)
{
	char *cmd = xasprintf("pdfinfo '%s'", pdf);
	FILE *p = popen(cmd, "r");
	char *s = p ? read_all(p) : xstrdup("");
	const char *pages = strstr(s, "Pages:");
	int n = pages ? atoi(pages + 6) : -1;

	if (p)
		pclose(p);
	free(cmd);
	free(s);
	return n;
}

static void test_figures(const char *doc)
{
	char *pdf = xasprintf("%s/certificate.pdf", dir), *err = NULL, *text;
	struct stat st;
	static const char *const want[] = {
		"信用保証書",
		"保証番号第2024-0001234号",
		"令和6年4月1日",
		"岩手銀行本店営業部御中",
		"岩手県信用保証協会",
		"会長山田太郎",
		"株式会社北上精密",
		"代表者佐藤花子",
		"保証制度一般保証",
		"貸付金額12,500,000円",
		"保証金額10,000,000円（保証割合80%）",
		"責任共有（部分保証）",
		"保証期間60か月",
		"返済方法元金均等分割、返済回数54回、据置期間6か月",
		"資金使途運転資金",
		"保証料率年1.15%",
		"保証料345,678円",
		"保証料の徴収方法一括徴収",
		"代表者の個人保証は求めない。",
		"決算書を毎期提出すること。",
		"貸付実行期限令和6年6月30日",
	};

	if (!ok(certificate_pdf_write(doc, pdf, &err) == 0, "the fixture certificate is written"))
		printf("# %s\n", err);
	text = pdf_text(pdf);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		if (!ok(strstr(text, want[i]) != NULL, "the PDF shows %s", want[i]))
			printf("# pdftotext gave: %s\n", text);
	is_int(pdf_pages(pdf), 1, "the certificate fits one A4 page");
	is_int(stat(pdf, &st) == 0 ? (int)(st.st_mode & 07777) : -1, 0600,
	       "the file is its owner's only (0600), as every file of customer data");
	free(text);
	free(err);
	unlink(pdf);
	free(pdf);
}

/* Conditions longer than a page go on to a second page, none lost. */
static void test_long_conditions(const char *doc)
{
	char *pdf = xasprintf("%s/long.pdf", dir), *err = NULL, *text, *longdoc, *conditions;
	const char *key = strstr(doc, "\"conditions\"");
	const char *after = key ? strchr(strchr(key + 13, '"') + 1, '"') : NULL;

	conditions = xstrdup("");
	for (int i = 1; i <= 60; i++) {
		char *more = xasprintf("%s第%d条 条件の文言。\\n", conditions, i);
		free(conditions);
		conditions = more;
	}
	/* The fixture with its conditions replaced: what precedes the key,
	 * the long text, what follows the old value. */
	longdoc = xasprintf("%.*s\"conditions\": \"%s\"%s", (int)(key - doc), doc, conditions,
			    after + 1);
	ok(certificate_pdf_write(longdoc, pdf, &err) == 0, "a certificate with 60 conditions is written");
	is_int(pdf_pages(pdf), 2, "it takes a second page");
	text = pdf_text(pdf);
	ok(strstr(text, "第1条条件の文言。") && strstr(text, "第60条条件の文言。") &&
	       strstr(text, "貸付実行期限令和6年6月30日"),
	   "the first and the last condition and the validity are all printed");
	free(text);
	free(err);
	free(longdoc);
	free(conditions);
	unlink(pdf);
	free(pdf);
}

static void refused(const char *doc, const char *path, const char *want, const char *name)
{
	char *err = NULL;

	is_int(certificate_pdf_write(doc, path, &err), -1, "%s is refused", name);
	if (!ok(err && strstr(err, want), "%s: the reason names it", name))
		printf("# got: %s\n", err ? err : "(none)");
	free(err);
}

static void test_refusals(const char *doc)
{
	char *pdf = xasprintf("%s/bad.pdf", dir);
	char *no_number = xstrdup(doc), *bad_date = xstrdup(doc), *text_amount = xstrdup(doc);

	memcpy(strstr(no_number, "\"certificate_no\""), "\"certificate_xx\"", 16);
	memcpy(strstr(bad_date, "2024-06-30"), "2024-02-30", 10);
	memcpy(strstr(text_amount, "12500000"), "\"12,500\"", 8);
	refused(no_number, pdf, "保証書データに certificate_no がありません", "a document without its number");
	refused(bad_date, pdf, "valid_until が日付ではありません", "a day that does not exist");
	refused("[1, 2]", pdf, "JSON のオブジェクトではありません", "an array");
	refused("{\"certificate_no\": ", pdf, "JSON のオブジェクトではありません", "a cut document");
	refused(text_amount, pdf, "loan_amount が整数ではありません", "an amount with a comma in a string");
	refused(doc, "/nonexistent/dir/c.pdf", "/nonexistent/dir/c.pdf に書き出せません",
		"a path that cannot be written");
	ok(access(pdf, F_OK) != 0, "no file is left for a refused document");
	free(no_number);
	free(bad_date);
	free(text_amount);
	free(pdf);
}

int main(void)
{
	const char *locale_dir = getenv("HOSHO_LOCALE_DIR");
	char *doc = fixture();

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "ja", 1);
	bindtextdomain("hosho", locale_dir && *locale_dir ? locale_dir : "locale");
	bind_textdomain_codeset("hosho", "UTF-8");
	if (!doc || !mkdtemp(dir)) {
		printf("Bail out! no fixture or no temporary directory\n");
		return 1;
	}
	test_figures(doc);
	test_long_conditions(doc);
	test_refusals(doc);
	rmdir(dir);
	free(doc);
	return tap_done();
}
