/* Which characters the terminal's codeset can show: all on UTF-8; on
 * EUC-JP and Shift_JIS, JIS X 0208 and not Hangul (skipped where those
 * locales are not generated). */
#include <locale.h>
#include <stdio.h>

#include "tap.h"
#include "ui/ui.h"

static void codeset(const char *locale, bool hangul)
{
	if (!setlocale(LC_ALL, locale)) {
		tap_n++;
		printf("ok %d # SKIP locale %s is not generated\n", tap_n, locale);
		return;
	}
	ok(ui_can_show(L'ア') && ui_can_show(L'〓'),
	   "%s shows katakana and the geta mark", locale);
	ok(ui_can_show(L'한') == hangul, "%s %s Hangul", locale, hangul ? "shows" : "cannot show");
}

int main(void)
{
	codeset("C.UTF-8", true);
	codeset("ja_JP.eucJP", false);
	codeset("ja_JP.SJIS", false);
	return tap_done();
}
