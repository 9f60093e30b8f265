/* What the libFuzzer targets share: the input as a wide string, and a check
 * that stops the run with the failed property (libFuzzer keeps the input). */
#ifndef HOSHO_FUZZ_H
#define HOSHO_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text/text.h"

#define FUZZ_CHECK(cond)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, \
				#cond);                                               \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* The input up to its first NUL as a wide string, or NULL if it is not
 * UTF-8 (the terminal hands the program UTF-8 only). Owned by the caller. */
static inline wchar_t *fuzz_wcs(const uint8_t *data, size_t size)
{
	char *s = strndup((const char *)data, size);
	wchar_t *w = s ? text_utf8_to_wcs(s) : NULL;

	free(s);
	return w;
}

#endif
