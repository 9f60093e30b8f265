/* What the terminal's codeset can show: everything on UTF-8; on EUC-JP and
 * Shift_JIS, JIS X 0208 but not ㈱ or 髙 (common in company names), which
 * are drawn as 〓 in the same two cells. Skipped where those locales are
 * not generated. */
#include <locale.h>
#include <stdio.h>

#include "tap.h"
#include "ui/ui.h"

static void codeset(const char *locale, bool all)
{
	if (!setlocale(LC_ALL, locale)) {
		tap_n++;
		printf("ok %d # SKIP locale %s is not generated\n", tap_n, locale);
		return;
	}
	ok(ui_can_show(L'ア') && ui_can_show(L'〓') && ui_can_show(L'ｱ') && ui_can_show(L'\\'),
	   "%s shows katakana, half-width kana, the geta mark and a backslash", locale);
	ok(ui_can_show(L'㈱') == all && ui_can_show(L'髙') == all, "%s %s ㈱ and 髙", locale,
	   all ? "shows" : "cannot show");
	ok(ui_show_as(L'㈱') == (all ? L'㈱' : L'〓'), "%s draws ㈱ as %s", locale, all ? "itself" : "〓");
	ok(ui_show_as(L'ア') == L'ア' && ui_show_as(L'a') == L'a', "%s draws what it has as itself",
	   locale);
}

int main(void)
{
	codeset("C.UTF-8", true);
	codeset("ja_JP.eucJP", false);
	codeset("ja_JP.SJIS", false);
	return tap_done();
}
