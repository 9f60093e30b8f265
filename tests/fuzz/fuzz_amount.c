/* text_amount_parse never crashes; what it accepts is within the limit, and
 * shown with separators it reads back as the same amount. */
#include "fuzz.h"

#define AMOUNT_MAX 999999999999999LL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wchar_t *s = fuzz_wcs(data, size), *w;
	long long v, again;
	enum text_amount_err e;
	char buf[32];

	if (!s)
		return 0;
	text_norm_ascii(s);
	e = text_amount_parse(s, &v);
	FUZZ_CHECK(*text_amount_strerror(e) != '\0' || e == TEXT_AMOUNT_OK);
	if (e == TEXT_AMOUNT_OK) {
		FUZZ_CHECK(v >= -AMOUNT_MAX && v <= AMOUNT_MAX);
		FUZZ_CHECK(text_amount_format(v, buf, sizeof buf) > 0);
		w = text_utf8_to_wcs(buf);
		FUZZ_CHECK(w != NULL);
		FUZZ_CHECK(text_amount_parse(w, &again) == TEXT_AMOUNT_OK && again == v);
		FUZZ_CHECK(text_kyen_format(v, buf, sizeof buf) > 0);
		free(w);
	}
	free(s);
	return 0;
}
