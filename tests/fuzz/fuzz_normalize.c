/* The normalisers keep what text.h promises: in place and never longer,
 * idempotent, the result still valid text (it converts back to UTF-8 and
 * measures the same as that UTF-8). text_norm_ascii only narrows, so its
 * width never grows; text_norm_kana widens half-width kana, so it may. */
#include "fuzz.h"

typedef void norm_fn(wchar_t *);

static void check_norm(const wchar_t *s, norm_fn *norm, int narrows)
{
	wchar_t *once = wcsdup(s), *twice;
	char *u;

	FUZZ_CHECK(once != NULL);
	norm(once);
	FUZZ_CHECK(wcslen(once) <= wcslen(s));
	twice = wcsdup(once);
	FUZZ_CHECK(twice != NULL);
	norm(twice);
	FUZZ_CHECK(wcscmp(once, twice) == 0);
	u = text_wcs_to_utf8(once);
	FUZZ_CHECK(u != NULL);
	FUZZ_CHECK(text_width_utf8(u) == text_width(once));
	if (narrows && text_width(s) >= 0)
		FUZZ_CHECK(text_width(once) >= 0 && text_width(once) <= text_width(s));
	free(u);
	free(twice);
	free(once);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wchar_t *s = fuzz_wcs(data, size);

	if (!s)
		return 0;
	check_norm(s, text_norm_ascii, 1);
	check_norm(s, text_norm_kana, 0);
	free(s);
	return 0;
}
