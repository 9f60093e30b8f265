/* UTF-8 <-> wchar_t through iconv's "WCHAR_T", which (unlike mbstowcs) does
 * not depend on the process locale: the terminal may run under C. */
#include "text/text.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Converts inlen bytes (terminator included) into a new buffer of outcap
 * bytes; NULL if iconv refuses any of it. */
static void *convert(const char *to, const char *from, const void *in, size_t inlen,
		     size_t outcap)
{
	iconv_t cd = iconv_open(to, from);
	char *out, *ip = (char *)in, *op;
	size_t ileft = inlen, oleft = outcap;

	if (cd == (iconv_t)-1)
		return NULL;
	out = malloc(outcap);
	op = out;
	if (out && iconv(cd, &ip, &ileft, &op, &oleft) == (size_t)-1) {
		free(out);
		out = NULL;
	}
	iconv_close(cd);
	return out;
}

/* Unicode scalar values only: glibc's iconv lets surrogates and code points
 * past U+10FFFF through, which no terminal can show. */
static bool is_unicode(const wchar_t *s)
{
	for (; *s; s++) {
		uint32_t u = (uint32_t)*s;
		if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
			return false;
	}
	return true;
}

wchar_t *text_utf8_to_wcs(const char *s)
{
	size_t len = strlen(s) + 1;
	/* Each byte gives at most one character. */
	wchar_t *w = convert("WCHAR_T", "UTF-8", s, len, len * sizeof(wchar_t));

	if (w && !is_unicode(w)) {
		free(w);
		return NULL;
	}
	return w;
}

char *text_wcs_to_utf8(const wchar_t *s)
{
	size_t len = wcslen(s) + 1;

	if (!is_unicode(s))
		return NULL;
	/* Each character takes at most four bytes. */
	return convert("UTF-8", "WCHAR_T", s, len * sizeof(wchar_t), len * 4);
}

void text_utf8_trim_partial(char *s)
{
	size_t len = strlen(s), start = len;
	size_t need;
	unsigned char lead;

	/* Back to the lead byte of the last sequence (at most 3 continuations). */
	while (start > 0 && len - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	lead = (unsigned char)s[start - 1];
	if (lead < 0x80)
		return;
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (start - 1) < need)
		s[start - 1] = '\0';
}
