/* text_date_parse never crashes, and every date it accepts is shown in each
 * form (R6.3.31, 令和6年3月31日, 2024-03-31) that reads back as the same day. */
#include "fuzz.h"

typedef int format_fn(const struct text_date *, char *, size_t);

static void check_round_trip(const struct text_date *d, format_fn *format)
{
	char buf[64];
	struct text_date again;
	wchar_t *w;

	FUZZ_CHECK(format(d, buf, sizeof buf) > 0);
	w = text_utf8_to_wcs(buf);
	FUZZ_CHECK(w != NULL);
	FUZZ_CHECK(text_date_parse(w, &again) == TEXT_DATE_OK);
	FUZZ_CHECK(again.year == d->year && again.month == d->month && again.day == d->day);
	free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wchar_t *s = fuzz_wcs(data, size);
	struct text_date d, iso;
	enum text_date_err e;
	char buf[16];

	if (!s)
		return 0;
	text_norm_ascii(s);
	e = text_date_parse(s, &d);
	FUZZ_CHECK(*text_date_strerror(e) != '\0' || e == TEXT_DATE_OK);
	if (e == TEXT_DATE_OK) {
		check_round_trip(&d, text_date_format_short);
		check_round_trip(&d, text_date_format_long);
		check_round_trip(&d, text_date_format_iso);
		FUZZ_CHECK(text_date_format_iso(&d, buf, sizeof buf) == 10);
		FUZZ_CHECK(text_date_from_iso(buf, &iso));
		FUZZ_CHECK(iso.year == d.year && iso.month == d.month && iso.day == d.day);
	}
	free(s);
	return 0;
}
