/* Form errors as compilers print them: the position, the message, the
 * source line and a caret under the column. Columns count characters; the
 * caret is placed by cells so that it stands under Japanese text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "forms/form.h"
#include "text/text.h"

void form_error_format(const struct form_error *err, char *buf, size_t n)
{
	if (err->line > 0)
		snprintf(buf, n, "%s:%d:%d: %s", err->path, err->line, err->column, err->message);
	else
		snprintf(buf, n, "%s: %s", err->path, err->message);
}

/* The blanks before the caret: as many cells as the characters before the
 * column take, tabs kept as tabs so that they expand alike. Only those
 * characters are converted, so a bad byte further on does not matter. */
static void print_caret(const struct form_error *err, FILE *fp)
{
	char prefix[sizeof err->source];
	size_t n = 0;
	wchar_t *w;

	for (int chars = 0; n < sizeof prefix - 1 && err->source[n]; n++) {
		if (((unsigned char)err->source[n] & 0xC0) != 0x80 && chars++ == err->column - 1)
			break;
	}
	memcpy(prefix, err->source, n);
	prefix[n] = '\0';
	w = text_utf8_to_wcs(prefix);
	for (size_t i = 0; w && w[i]; i++) {
		if (w[i] == L'\t')
			putc('\t', fp);
		else
			fprintf(fp, "%*s", text_char_width(w[i]) < 0 ? 1 : text_char_width(w[i]), "");
	}
	if (!w) /* not UTF-8 after all: a cell a byte */
		fprintf(fp, "%*s", (int)n, "");
	fputs("^\n", fp);
	free(w);
}

void form_error_print(const struct form_error *err, void *stream)
{
	FILE *fp = stream;
	char line[sizeof err->path + sizeof err->message + 32];

	form_error_format(err, line, sizeof line);
	fprintf(fp, "%s\n", line);
	if (err->line > 0 && err->source[0]) {
		fprintf(fp, "%s\n", err->source);
		if (err->column > 0)
			print_caret(err, fp);
	}
}
