/* Scripted keys and screen dumps for golden tests (term.c only): with
 * HOSHO_SCRIPT=FILE the keys come from FILE instead of the terminal and
 * ncurses draws into memory, so a test is fully deterministic.
 *
 * The script, line by line:
 *   # ...            a comment
 *   :dump NAME       writes the screen to $HOSHO_DUMP_DIR/NAME.txt when the
 *                    program next waits for a key
 *   anything else    keys: text is one burst (as an IME commit), <Name> one
 *                    key: <Enter> <Tab> <BTab> <Esc> <BS> <Del> <Up> <Down>
 *                    <Left> <Right> <Home> <End> <PgUp> <PgDn> <F1>..<F12>
 *                    <C-a>..<C-z> <lt> (a '<'), <Resize WxH>
 * The end of the script is a hang-up. */
#ifndef HOSHO_UI_SCRIPT_H
#define HOSHO_UI_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum script_event {
	SCRIPT_KEY,    /* a key: *is_func, *code or *ch */
	SCRIPT_RESIZE, /* the terminal is now *cols x *rows */
	SCRIPT_END,
};

struct script_step {
	enum script_event event;
	bool is_func;
	int code;
	wint_t ch;
	int cols, rows;
};

struct script;

/* Reads the whole script; NULL (and a message on stderr) if unreadable. */
struct script *script_open(const char *path);
void script_free(struct script *s);
/* The next step; dumps on the way are written (to dump_dir) first.
 * False on a malformed line or a failed dump, reported on stderr. */
bool script_next(struct script *s, const char *dump_dir, struct script_step *step);
/* The rest of the current burst, up to cap characters. */
size_t script_take_burst(struct script *s, wchar_t *buf, size_t cap);

/* Writes stdscr's screen as the terminal shows it (after a refresh):
 * the rows as text, the cursor, and a map of bold/reverse/underline. */
bool screen_dump(const char *path);

#endif
