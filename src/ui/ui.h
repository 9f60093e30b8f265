/* The drawing and input layer: the only code that calls ncurses. Screens
 * are forms (src/forms) filled in through the field editor and form view. */
#ifndef HOSHO_UI_H
#define HOSHO_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "forms/form.h"

/* ---- term.c and screen.c: the terminal and keys; the frame, message line
 * and popups --------------------------------------------------------------- */

enum ui_msg {
	UI_MSG_INFO,
	UI_MSG_ERROR,
};

/* A key as get_wch gives it: a character, or a function/cursor key. */
struct ui_key {
	bool is_func; /* KEY_* code in code */
	int code;     /* KEY_F(n), KEY_UP ... when is_func */
	wint_t ch;    /* the character otherwise */
};

enum ui_key_result {
	UI_KEY_OK,
	UI_KEY_HANGUP, /* the terminal went away, or SIGHUP/SIGTERM came */
	UI_KEY_IDLE,   /* no key for the idle time (ui.idle_ms) */
	UI_KEY_WATCH,  /* no key, but ui.watch_fd is readable or ui.watch_ms passed */
};

struct ui {
	char message[1024];
	enum ui_msg kind;
	bool popped; /* the message has been shown whole in a box */
	int err_reads; /* consecutive failed reads: a hang-up */
	int idle_ms;   /* ui_read_key gives UI_KEY_IDLE after this long; 0 never */
	/* Watched beside the keys while a screen waits for one (the
	 * database's socket, for notifications): -1 and 0 for none. */
	int watch_fd;
	int watch_ms;
};

/* Takes the terminal (or, with HOSHO_SCRIPT=FILE, a scripted one: see
 * src/ui/script.h); false, said on stderr, if the locale's codeset is not
 * UTF-8, EUC-JP or Shift_JIS. */
bool ui_start(struct ui *ui);
void ui_stop(struct ui *ui);
/* The terminal's width in cells: at least FORM_COLS whenever a screen is
 * drawn (a smaller terminal shows a notice until enlarged). */
int ui_cols(void);
/* Whether the terminal's codeset has the character (always, on UTF-8). */
bool ui_can_show(wchar_t c);
/* What to draw for c: c, or where the codeset lacks it (㈱ 髙 ① on EUC-JP
 * and Shift_JIS) 〓, or ? for a one-cell character, in the same cells. */
wchar_t ui_show_as(wchar_t c);
/* The next key; resizes are reported as KEY_RESIZE. Any other key clears
 * the message line, which is shown until the clerk's next key. While the
 * terminal is smaller than 80x24 it shows a notice and drops keys. */
enum ui_key_result ui_read_key(struct ui *ui, struct ui_key *key);
/* The monotonic clock in milliseconds, as the waits for a key count it. */
long ui_now_ms(void);
/* SIGHUP or SIGTERM came (handlers set by ui_start). */
bool ui_hangup_signalled(void);
/* While the database works: the terminal's input (-1 when scripted), and
 * whether Esc or Ctrl-C was pressed (other keys are kept for later reads). */
int ui_input_fd(void);
bool ui_take_cancel_key(void);
/* Shows text on the message line now, without making it the message. */
void ui_show_transient(const char *text);
/* The message line (row 22). */
void ui_set_message(struct ui *ui, enum ui_msg kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_clear_message(struct ui *ui);
/* Clears the screen and draws the title (row 0, with right-hand status),
 * the form's fixed texts, the key legend (row 23: the keys shown[i] says,
 * all if shown is NULL) and the message line. */
void ui_draw_frame(struct ui *ui, const struct form *f, const char *status, const bool *shown);
void ui_draw_message(const struct ui *ui);
/* False for a message wider than the terminal, not yet shown whole. */
bool ui_message_fits(const struct ui *ui);
/* Shows the message whole in a box, until a key. */
void ui_popup_message(struct ui *ui);
/* Asks a yes/no question in a box: Y (or 1) yes; N, Esc, F3, F12 no. */
bool ui_confirm(struct ui *ui, const char *question);
/* Puts what was drawn on the terminal. */
void ui_refresh(void);
/* UTF-8 text at a cell, clipped to max cells (never splits a wide char). */
void ui_put(int row, int col, const char *utf8, int max_cells, bool bold);
/* A blank box with a border and a title; popups draw inside it. */
void ui_draw_box(int top, int left, int h, int w, const char *title);
/* A boxed window with the text, until any key. */
void ui_popup_text(struct ui *ui, const char *title, const char *text);
/* Function-key number of a key (1..12), or 0. */
int ui_fkey(const struct ui_key *key);
/* Printable characters already waiting (an IME commit, a paste), up to
 * cap; the first other key is left for the next read. */
size_t ui_take_burst(wchar_t *buf, size_t cap);
struct code_list;

/* ---- choose.c: the F4 list ------------------------------------------- */

/* A list to pick from (F4 prompt): the index picked, or -1 if cancelled
 * (Esc, F3, F12). Up/Down, PgUp/PgDn, Home/End move; typed characters jump
 * to the first code or label beginning with all typed so far (folded as
 * code_fold does; Backspace takes one back); Enter picks. Any other key,
 * and a character no entry begins with, beeps and does nothing else. */
int ui_choose(struct ui *ui, const char *title, const struct code_list *l, size_t initial);

/* The list's state, apart from the terminal (for ui_choose and tests). */
#define UI_PICK_TYPED 32
struct ui_pick {
	const struct code_list *list; /* not empty */
	size_t sel, first, rows;      /* selected, first shown, rows shown */
	wchar_t typed[UI_PICK_TYPED + 1]; /* type-ahead, as typed */
	size_t ntyped;
};
enum ui_pick_step {
	UI_PICK_MOVED,     /* the key was taken: draw again */
	UI_PICK_CHOSEN,    /* sel is the pick */
	UI_PICK_CANCELLED,
	UI_PICK_REFUSED,   /* not a key of the list: beep */
};
void ui_pick_init(struct ui_pick *p, const struct code_list *l, size_t initial, size_t rows);
enum ui_pick_step ui_pick_key(struct ui_pick *p, const struct ui_key *key);

/* ---- field_value.c: one field's text in terminal cells ------------- */

struct field_value {
	wchar_t *text;
	size_t len, cap; /* in characters */
	size_t cursor;   /* character index */
	size_t first;    /* first character shown when a one-row field scrolls */
};

void fv_init(struct field_value *v);
void fv_free(struct field_value *v);
void fv_set_utf8(struct field_value *v, const char *s);
void fv_set_wcs(struct field_value *v, const wchar_t *s);
/* dst (initialised) becomes a copy of src, cursor and scroll included. */
void fv_copy(struct field_value *dst, const struct field_value *src);
char *fv_get_utf8(const struct field_value *v); /* owned */
int fv_width(const struct field_value *v);
/* Inserts n characters at the cursor; false, with nothing inserted, if one
 * of them cannot be drawn. What fits the field is field_type_in's check. */
bool fv_insert(struct field_value *v, const wchar_t *s, size_t n);
void fv_backspace(struct field_value *v);
void fv_delete(struct field_value *v);
void fv_left(struct field_value *v);
void fv_right(struct field_value *v);
void fv_home(struct field_value *v);
void fv_end(struct field_value *v);
void fv_clear(struct field_value *v);
/* Where character index i is drawn when v is wrapped into rows of width
 * cells (a wide character that does not fit the rest of a row starts the
 * next); for i == len, where the cursor after the text stands. */
void fv_locate(const struct field_value *v, size_t i, int width, int *row, int *col);
/* Rows v takes wrapped into rows of width cells. */
int fv_rows(const struct field_value *v, int width);

/* The part of a one-row value its box shows: characters [first, end), no
 * wide character split at an edge, and whether text is hidden either side. */
struct fv_window {
	size_t first, end;
	int cursor_col; /* cells from the box's left edge */
	bool more_left, more_right;
};
/* The window of v in a box of width cells. Following the cursor (the field
 * being edited), v->first moves as little as shows the cursor; otherwise
 * the value is shown from its start. */
void fv_window(struct field_value *v, int width, bool follow_cursor, struct fv_window *w);

/* ---- field_check.c: what a value means for its field type --------- */

/* A code list for a FIELD_CODE field: inline choices or a database list. */
struct code_list {
	size_t n;
	char **codes;
	char **labels;
};

/* Normalises the typed value in place for its type (kana, digits, dates to
 * era form, amounts with separators, a code's label or unique prefix to the
 * code, yes/no to 1 or 0) and checks it, a date against its field's when.
 * Returns NULL if it is acceptable, else the reason for the clerk
 * (translated, static); a refused value is left as typed. */
const char *field_check(const struct form_field *f, struct field_value *v,
			const struct code_list *codes);
/* The value the database takes, or NULL for an empty field: ISO dates,
 * plain integers (yen for a thousand-yen field), codes. Owned. */
char *field_to_db(const struct form_field *f, const struct field_value *v);
/* Fills v from the database's text for the field's type. */
void field_from_db(const struct form_field *f, struct field_value *v, const char *db);
/* The label of a code in a list, or NULL. */
const char *code_list_label(const struct code_list *l, const char *code);
/* Folds text in place for matching codes and labels as a clerk types them:
 * full-width to ASCII, kana to full-width katakana, ASCII to lower case. */
void code_fold(wchar_t *s);
/* Entry k's code or label, folded, begins with the folded text. */
bool code_list_starts(const struct code_list *l, size_t k, const wchar_t *folded);
/* Types a burst (one key, or an IME commit or a paste) into v at its
 * cursor, normalised for the field's type as it arrives: full-width digits,
 * letters and signs to ASCII in digit, amount, date, code and yes/no fields;
 * in a digits field hyphens and spaces after a digit dropped; a yes/no
 * answer taken at once as 1 or 0. Refused whole, v unchanged, if the result
 * holds more characters than the field (its maxlen; for a reading counted
 * once normalised; for a code the longest code or label), more rows than a
 * memo has, or a character that cannot be drawn: the reason is returned
 * (translated, static), else NULL. One-row fields scroll, so cells do not
 * limit them. */
const char *field_type_in(const struct form_field *f, const struct code_list *codes,
			  struct field_value *v, const wchar_t *typed, size_t n);

/* ---- form_view.c: a form on screen, being filled in ----------------- */

/* Gives the code list named by a field's lookup (the app reads it from the
 * database); NULL if unavailable. */
typedef const struct code_list *(*lookup_fn)(void *ctx, const char *name);

struct form_view {
	const struct form *form;
	struct field_value *values; /* one per field, in form order */
	struct code_list yesno;       /* what a yes/no field takes */
	char *yesno_labels[2];
	size_t current;
	lookup_fn lookup;
	void *lookup_ctx;
	bool readonly; /* the whole form is only read: drawn without edit marks */
};

enum form_result {
	FORM_CONTINUE, /* key handled; keep going */
	FORM_ACTION,   /* a function key of the form: *action says which */
	FORM_SUBMIT,   /* Enter on the last field */
};

void form_view_init(struct form_view *v, const struct form *f, lookup_fn lookup, void *ctx);
void form_view_free(struct form_view *v);
/* Draws the fields and places the cursor in the current one. */
void form_view_draw(struct form_view *v);
/* Handles one key. F1 (help) and F4 (prompt) are handled here. */
enum form_result form_view_key(struct form_view *v, struct ui *ui, const struct ui_key *key,
			       const char **action);
/* Checks every field (each one's type, then required); on the first
 * failure moves the cursor there, sets the message and returns false. */
bool form_view_check_all(struct form_view *v, struct ui *ui);
struct field_value *form_view_value(struct form_view *v, const char *id);
const struct form_field *form_view_field(const struct form_view *v, const char *id);
/* Moves the cursor to a field (for an error the database named). */
bool form_view_focus(struct form_view *v, const char *id);
/* Empties every field. */
void form_view_clear(struct form_view *v);
/* Types s into the current field as one burst, as form_view_key does with a
 * key and the IME commit or paste that came with it (field_type_in). False,
 * with a beep and the reason on the message line, if it was refused. */
bool form_view_type(struct form_view *v, struct ui *ui, const wchar_t *s, size_t n);

/* ---- list_view.c: a declared list of rows to pick from ------------------ */

struct list_view {
	const struct form_list *decl; /* columns, place, where the rows come from */
	char ***cells;                /* rows x decl->ncolumns, database text, owned */
	size_t nrows;
	size_t selected;
	bool more;                    /* the source had more rows than the limit */
	lookup_fn lookup;             /* code lists for columns with a lookup */
	void *lookup_ctx;
};

void list_view_init(struct list_view *l, const struct form_list *decl, lookup_fn lookup, void *ctx);
void list_view_set_rows(struct list_view *l, char ***cells, size_t nrows); /* takes */
void list_view_free_rows(struct list_view *l);
/* A list edited on the screen (a record's array): appends a row of empty
 * cells and selects it, giving its cells to fill (owned by the list); or
 * removes the selected row, the selection staying in the list. */
char **list_view_append(struct list_view *l);
void list_view_remove_selected(struct list_view *l);
/* The index of the column declared as id (which the list declares). */
size_t list_view_column(const struct list_view *l, const char *id);
/* A cell as the clerk reads it (formatted per its column). Owned. */
char *list_view_cell(const struct list_view *l, size_t row, size_t col);
/* The selected row is reversed when the list has the cursor, bold when not. */
void list_view_draw(const struct list_view *l, bool focused);
/* Up/down/page/home/end, for a list that has the cursor; true if the key
 * was one of them. */
bool list_view_key(struct list_view *l, const struct ui_key *key);
/* For a list beside a form, which keeps the arrows and Home/End for its
 * fields: PgUp/PgDn move the list's selection a row. */
bool list_view_side_key(struct list_view *l, const struct ui_key *key);

#endif
