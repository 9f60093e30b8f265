/* The idle lock: after the idle time the screen is hidden behind a box
 * naming who is signed in; only their password opens it again (checked by
 * connecting with it, then forgotten). Esc or F3 signs out instead. What
 * was typed stays in the screen under the box. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

#define PASSWORD_MAX 100

static void draw_lock(struct app *a, size_t typed)
{
	char stars[PASSWORD_MAX + 1];

	memset(stars, '*', typed);
	stars[typed] = '\0';
	ui_draw_box(0, 0, FORM_ROWS - 2, FORM_COLS, _("Locked"));
	ui_put(4, 6, _("The screen was locked because it was left idle."), 68, false);
	ui_put(6, 6, a->status, 68, true);
	ui_put(8, 6, _("Enter your password and press Enter to go on (Esc or F3 signs out)."), 68, false);
	ui_put(10, 6, _("Password:"), 20, false);
	ui_put(10, 26, stars, 40, false);
	ui_draw_message(&a->ui);
	ui_refresh();
}

static bool password_right(struct app *a, const char *password)
{
	struct db_error err;
	PGconn *c = db_connect(a->conninfo, PQuser(a->conn), password, &err);

	if (c)
		PQfinish(c);
	return c != NULL;
}

enum action_result app_lock(struct screen *s)
{
	struct app *a = s->app;
	wchar_t pw[PASSWORD_MAX + 1];
	size_t n = 0;
	struct ui_key k;

	ui_clear_message(&a->ui);
	for (;;) {
		enum ui_key_result kr;
		draw_lock(a, n);
		kr = ui_read_key(&a->ui, &k);
		if (kr == UI_KEY_HANGUP)
			return ACTION_HANGUP;
		if (kr == UI_KEY_IDLE || (k.is_func && k.code == KEY_RESIZE))
			continue;
		if ((!k.is_func && k.ch == 27) || ui_fkey(&k) == 3) {
			if (!record_unsaved(s) ||
			    ui_confirm(&a->ui, _("Throw away what you typed and have not saved?")))
				return ACTION_QUIT;
		} else if ((!k.is_func && (k.ch == L'\r' || k.ch == L'\n')) ||
			   (k.is_func && k.code == KEY_ENTER)) {
			char mb[PASSWORD_MAX * MB_LEN_MAX + 1];
			bool right;
			pw[n] = L'\0';
			right = wcstombs(mb, pw, sizeof mb) != (size_t)-1 && password_right(a, mb);
			memset(mb, 0, sizeof mb);
			memset(pw, 0, sizeof pw);
			n = 0;
			if (right)
				return ACTION_STAY;
			ui_set_message(&a->ui, UI_MSG_ERROR, "%s", _("The password is wrong."));
		} else if ((!k.is_func && (k.ch == 8 || k.ch == 127)) ||
			   (k.is_func && k.code == KEY_BACKSPACE)) {
			if (n > 0)
				pw[--n] = L'\0';
		} else if (!k.is_func && k.ch >= L' ' && n < PASSWORD_MAX) {
			pw[n++] = (wchar_t)k.ch;
		}
	}
}
