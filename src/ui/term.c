/* The terminal: taking and giving it back, and the keys the clerk presses
 * (function keys, characters, and bursts of characters from an IME or a
 * paste). Nothing here draws a screen. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui/ui.h"

/* Reads that fail in a row before we take it as a hang-up (the terminal or
 * the network to it is gone): a stray failure is not one. */
#define HANGUP_READS 20
/* Characters closer than this belong to one burst (typing is slower). */
#define BURST_GAP_MS 15

bool ui_start(struct ui *ui)
{
	memset(ui, 0, sizeof *ui);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		fprintf(stderr, "%s\n", _("hosho needs a UTF-8 locale (for example LANG=C.UTF-8)."));
		return false;
	}
	if (!initscr())
		return false;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_CYAN, -1);
	}
	return true;
}

void ui_stop(struct ui *ui)
{
	(void)ui;
	endwin();
}

enum ui_key_result ui_read_key(struct ui *ui, struct ui_key *key)
{
	wint_t ch;
	int r;

	for (;;) {
		r = get_wch(&ch);
		if (r != ERR)
			break;
		if (++ui->err_reads >= HANGUP_READS)
			return UI_KEY_HANGUP;
	}
	ui->err_reads = 0;
	memset(key, 0, sizeof *key);
	if (r == KEY_CODE_YES) {
		key->is_func = true;
		key->code = (int)ch;
	} else {
		key->ch = ch;
	}
	/* A message stays until the clerk's next key; a resize is not one. */
	if (!(key->is_func && key->code == KEY_RESIZE))
		ui_clear_message(ui);
	return UI_KEY_OK;
}

int ui_fkey(const struct ui_key *key)
{
	for (int n = 1; n <= 12; n++)
		if (key->is_func && key->code == KEY_F(n))
			return n;
	return 0;
}

size_t ui_take_burst(wchar_t *buf, size_t cap)
{
	size_t n = 0;
	wint_t ch;
	int r;

	/* What the terminal already has: an IME commit or a paste arrives as
	 * one burst and goes into a field as one unit. A long burst may reach
	 * us in several reads, so wait a moment for the rest of it. */
	timeout(BURST_GAP_MS);
	while (n < cap && (r = get_wch(&ch)) != ERR) {
		if (r == KEY_CODE_YES) {
			ungetch((int)ch);
			break;
		}
		if (ch < 0x20 || ch == 0x7f) {
			unget_wch((wchar_t)ch);
			break;
		}
		buf[n++] = (wchar_t)ch;
	}
	timeout(-1);
	return n;
}

