/* The terminal: taking and giving it back, its size, and the keys the
 * clerk presses (function keys, characters, and bursts of characters from
 * an IME or a paste). With HOSHO_SCRIPT set, the keys come from a script
 * and the screen is drawn into memory (golden tests, see script.h). Nothing
 * here draws a form. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "text/text.h"
#include "ui/script.h"
#include "ui/ui.h"
#include "util.h"

/* Reads that fail in a row before we take it as a hang-up (the terminal or
 * the network to it is gone): a stray failure is not one. */
#define HANGUP_READS 20
/* How long the rest of a character begun in the input may take to come. */
#define PARTIAL_CHAR_MS 1000

/* Set by SIGHUP or SIGTERM: the read loop ends the session (keeping a
 * draft) and gives the terminal back. */
static volatile sig_atomic_t hangup_signal;

static void on_hangup_signal(int sig)
{
	(void)sig;
	hangup_signal = 1;
}

/* Installed before curses takes the terminal, so that curses leaves them
 * to us; no SA_RESTART: a blocked read returns and sees the flag. */
static void catch_hangup_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool ui_hangup_signalled(void)
{
	return hangup_signal != 0;
}

/* The scripted terminal, when HOSHO_SCRIPT names a script. */
static struct {
	struct script *keys;
	SCREEN *screen;
	FILE *in, *out;
} scripted;

/* Terminal codesets ncursesw can write for us: wide characters are
 * converted to the locale's multibyte codeset as they are drawn. */
static bool codeset_usable(const char *codeset)
{
	return strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "EUC-JP") == 0 ||
	       strcmp(codeset, "SHIFT_JIS") == 0;
}

/* Keys from the script, drawing into memory at 80x24 (the script may
 * resize), the terminal's bytes to HOSHO_SCRIPT_OUTPUT or nowhere. */
static bool script_start(const char *path)
{
	const char *output = getenv("HOSHO_SCRIPT_OUTPUT");

	scripted.keys = script_open(path);
	if (!scripted.keys)
		return false;
	scripted.in = fopen("/dev/null", "r");
	scripted.out = fopen(output && *output ? output : "/dev/null", "w");
	if (!scripted.in || !scripted.out) {
		fprintf(stderr, "hosho: %s: %m\n", output && *output ? output : "/dev/null");
		return false;
	}
	/* Not a terminal: curses takes the size from these. */
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	scripted.screen = newterm("xterm-256color", scripted.out, scripted.in);
	if (!scripted.screen) {
		fprintf(stderr, "hosho: no terminfo entry for xterm-256color\n");
		return false;
	}
	set_term(scripted.screen);
	return true;
}

static void script_stop(void)
{
	if (scripted.screen)
		delscreen(scripted.screen);
	if (scripted.in)
		fclose(scripted.in);
	if (scripted.out)
		fclose(scripted.out);
	script_free(scripted.keys);
	memset(&scripted, 0, sizeof scripted);
}

bool ui_start(struct ui *ui)
{
	const char *codeset = nl_langinfo(CODESET);
	const char *script = getenv("HOSHO_SCRIPT");

	memset(ui, 0, sizeof *ui);
	ui->watch_fd = -1;
	if (!codeset_usable(codeset)) {
		fprintf(stderr, _("hosho: the terminal cannot use the character set %s of the "
				  "locale %s; use a UTF-8, EUC-JP or Shift_JIS locale.\n"),
			codeset, setlocale(LC_CTYPE, NULL));
		return false;
	}
	catch_hangup_signals();
	if (script && *script) {
		if (!script_start(script)) {
			script_stop();
			return false;
		}
	} else if (!initscr()) {
		return false;
	}
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
	script_stop();
}

int ui_cols(void)
{
	return COLS;
}

bool ui_can_show(wchar_t c)
{
	char mb[MB_LEN_MAX];
	mbstate_t state;

	memset(&state, 0, sizeof state);
	return wcrtomb(mb, c, &state) != (size_t)-1;
}

wchar_t ui_show_as(wchar_t c)
{
	if (ui_can_show(c))
		return c;
	return text_char_width(c) == 2 ? L'〓' : L'?';
}

static bool too_small(void)
{
	return COLS < FORM_COLS || LINES < FORM_ROWS;
}

/* Forms are laid out for 80x24: on less they would be cut and garbled, so
 * the clerk gets this notice instead until the terminal is enlarged. */
static void show_too_small(void)
{
	char *msg = xasprintf(_("The screen is too small (at least %dx%d is needed; now %dx%d)."),
			      FORM_COLS, FORM_ROWS, COLS, LINES);
	wchar_t *w = text_utf8_to_wcs(msg);

	erase();
	if (w)
		mvaddwstr(0, 0, w);
	refresh();
	free(w);
	free(msg);
}

/* The next scripted key; false at the end of the script (a hang-up). */
static bool script_key(struct ui_key *key)
{
	struct script_step step;

	if (!script_next(scripted.keys, getenv("HOSHO_DUMP_DIR"), &step) ||
	    step.event == SCRIPT_END)
		return false;
	if (step.event == SCRIPT_RESIZE) {
		resize_term(step.rows, step.cols);
		key->is_func = true;
		key->code = KEY_RESIZE;
		return true;
	}
	key->is_func = step.is_func;
	key->code = step.code;
	key->ch = step.ch;
	return true;
}

long ui_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* How long to wait for the terminal: what is left of the idle time and
 * of the watch time, -1 for ever. */
static int wait_ms(const struct ui *ui, long start)
{
	long left = -1;

	if (ui->idle_ms > 0)
		left = ui->idle_ms - (ui_now_ms() - start);
	if (ui->watch_ms > 0 && (left < 0 || ui->watch_ms - (ui_now_ms() - start) < left))
		left = ui->watch_ms - (ui_now_ms() - start);
	return left < 0 && (ui->idle_ms > 0 || ui->watch_ms > 0) ? 0 : (int)left;
}

/* Waits for the terminal's input or the watched descriptor: UI_KEY_OK when
 * a key may be read, UI_KEY_WATCH, or UI_KEY_IDLE. A signal (a resize, a
 * hang-up) ends the wait as input does. curses may hold keys already read
 * (typed ahead, given back): those are taken first, without waiting. */
static enum ui_key_result await_input(struct ui *ui, long start)
{
	struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
				{.fd = ui->watch_fd, .events = POLLIN}};
	int n = poll(fds, ui->watch_fd >= 0 ? 2 : 1, wait_ms(ui, start));

	if (n > 0 && ui->watch_fd >= 0 && fds[1].revents)
		return UI_KEY_WATCH;
	if (n != 0)
		return UI_KEY_OK;
	if (ui->idle_ms > 0 && ui_now_ms() - start >= ui->idle_ms)
		return UI_KEY_IDLE;
	return UI_KEY_WATCH;
}

/* The next key from the terminal: UI_KEY_IDLE when none came for the
 * idle time, UI_KEY_WATCH when the watched descriptor has something,
 * UI_KEY_HANGUP when the terminal is gone or a signal said so. */
static enum ui_key_result terminal_key(struct ui *ui, struct ui_key *key)
{
	bool watching = ui->watch_fd >= 0 || ui->watch_ms > 0;
	long start = ui_now_ms();
	wint_t ch;
	int r;

	for (;;) {
		if (hangup_signal)
			return UI_KEY_HANGUP;
		if (watching) {
			/* Only keys already there, then a wait on both. */
			enum ui_key_result w;
			timeout(0);
			r = get_wch(&ch);
			timeout(-1);
			if (r != ERR)
				break;
			w = await_input(ui, start);
			if (w != UI_KEY_OK)
				return w;
			timeout(0);
			r = get_wch(&ch);
			timeout(-1);
		} else {
			timeout(ui->idle_ms > 0 ? ui->idle_ms : -1);
			r = get_wch(&ch);
			timeout(-1);
		}
		if (r != ERR)
			break;
		if (hangup_signal)
			return UI_KEY_HANGUP;
		if (ui->idle_ms > 0 && ui_now_ms() - start >= ui->idle_ms)
			return UI_KEY_IDLE;
		if (++ui->err_reads >= HANGUP_READS)
			return UI_KEY_HANGUP;
	}
	ui->err_reads = 0;
	if (r == KEY_CODE_YES) {
		key->is_func = true;
		key->code = (int)ch;
	} else {
		key->ch = ch;
	}
	return UI_KEY_OK;
}

enum ui_key_result ui_read_key(struct ui *ui, struct ui_key *key)
{
	/* While the terminal is too small, keys other than a resize are
	 * dropped: the clerk cannot see where they would go. */
	do {
		enum ui_key_result r = UI_KEY_OK;
		if (too_small())
			show_too_small();
		memset(key, 0, sizeof *key);
		if (scripted.keys ? !script_key(key) : (r = terminal_key(ui, key)) == UI_KEY_HANGUP)
			return UI_KEY_HANGUP;
		if (r == UI_KEY_IDLE || r == UI_KEY_WATCH)
			return r;
	} while (too_small());
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

/* One more character of a burst, if the terminal already has it; false at
 * a key that is not a printable character (left for the next read) or
 * when nothing is waiting. Bytes are read one by one so that a character
 * whose first bytes came in one read waits for the rest of it (a network
 * may split it); get_wch would drop the bytes it had. */
static bool burst_char(wchar_t *out)
{
	char bytes[MB_LEN_MAX];
	size_t n = 0, r;
	mbstate_t state;
	int c;

	timeout(0);
	for (;;) {
		c = getch();
		if (c == ERR)
			return false;
		if (c >= KEY_MIN || (n == 0 && (c < 0x20 || c == 0x7f))) {
			ungetch(c);
			return false;
		}
		bytes[n++] = (char)c;
		memset(&state, 0, sizeof state);
		r = mbrtowc(out, bytes, n, &state);
		if (r == (size_t)-1 || (r == (size_t)-2 && n == sizeof bytes))
			return false;
		if (r != (size_t)-2)
			return true;
		timeout(PARTIAL_CHAR_MS);
	}
}

size_t ui_take_burst(wchar_t *buf, size_t cap)
{
	size_t n = 0;

	if (scripted.keys)
		return script_take_burst(scripted.keys, buf, cap);
	/* What the terminal already has, without waiting: an IME commit or a
	 * paste is written to the terminal at once, so it is all there when
	 * its first character is read, and goes into a field as one unit. */
	while (n < cap && burst_char(&buf[n]))
		n++;
	timeout(-1);
	return n;
}

int ui_input_fd(void)
{
	return scripted.keys ? -1 : STDIN_FILENO;
}

bool ui_take_cancel_key(void)
{
	int keep[64], nkeep = 0, c;
	bool cancel = false;

	timeout(0);
	while (!cancel && (c = getch()) != ERR) {
		if (c == 27 || c == 3) /* Esc, Ctrl-C (raw mode: a character) */
			cancel = true;
		else if (nkeep < (int)ARRAY_SIZE(keep))
			keep[nkeep++] = c;
	}
	timeout(-1);
	/* Typed ahead: read again after the wait, in the order typed. */
	while (nkeep > 0)
		ungetch(keep[--nkeep]);
	return cancel;
}

void ui_show_transient(const char *text)
{
	struct ui shown = {.kind = UI_MSG_INFO};

	snprintf(shown.message, sizeof shown.message, "%s", text);
	ui_draw_message(&shown);
	ui_refresh();
}
