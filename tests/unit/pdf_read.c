/* Reading back what a print test wrote (pdf_read.h). */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_read.h"
#include "util.h"

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

char *pdf_fixture(const char *name)
{
	const char *d = getenv("TESTS_SRCDIR");
	char *path = xasprintf("%s/unit/%s", d && *d ? d : "tests", name);
	FILE *f = fopen(path, "r");
	char *s = f ? read_all(f) : NULL;

	if (f)
		fclose(f);
	free(path);
	return s;
}

/* The output of cmd, every space (ASCII or ideographic) and line break
 * taken out. Takes cmd. */
static char *squeezed(char *cmd)
{
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

char *pdf_text(const char *pdf)
{
	return squeezed(xasprintf("pdftotext -layout -enc UTF-8 '%s' -", pdf));
}

char *pdf_text_area(const char *pdf, int page, double x, double y, double w, double h)
{
	return squeezed(xasprintf("pdftotext -f %d -l %d -x %d -y %d -W %d -H %d -layout -enc UTF-8 '%s' -",
				  page, page, (int)x, (int)y, (int)w, (int)h, pdf));
}

int pdf_pages(const char *pdf)
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

void pdf_test_locale(void)
{
	const char *locale_dir = getenv("HOSHO_LOCALE_DIR");

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "ja", 1);
	bindtextdomain("hosho", locale_dir && *locale_dir ? locale_dir : "locale");
	bind_textdomain_codeset("hosho", "UTF-8");
}
