/* Form definitions: one YAML file per screen (doc/forms.md), loaded into
 * these structs and checked before any screen is drawn. A form is data: the
 * C side of a screen only says what its keys do. */
#ifndef HOSHO_FORM_H
#define HOSHO_FORM_H

#include <stdbool.h>
#include <stddef.h>

/* The screen every form is laid out for. Row FORM_MSG_ROW is the message
 * line and FORM_KEYS_ROW the function-key legend: fields may not use them. */
#define FORM_COLS 80
#define FORM_ROWS 24
#define FORM_MSG_ROW 22
#define FORM_KEYS_ROW 23

enum field_type {
	FIELD_TEXT,     /* any text */
	FIELD_KATAKANA, /* a reading: normalised to full-width katakana */
	FIELD_DIGITS,   /* ASCII digits only (codes, numbers with leading zeros) */
	FIELD_INTEGER,  /* a count: digits, bounds apply */
	FIELD_YEN,      /* yen, shown with separators */
	FIELD_KYEN,     /* thousand yen: typed and shown in 千円, held in yen */
	FIELD_DATE,     /* era or Gregorian input, shown in era form */
	FIELD_CODE,     /* one code of a database code list (lookup) */
	FIELD_YESNO,    /* 1 = はい, 0 = いいえ */
	FIELD_MEMO,     /* free text over several rows */
	FIELD_PASSWORD, /* text, drawn as '*' */
};

/* Which dates a date field takes, relative to today. */
enum date_when {
	DATE_ANY,
	DATE_PAST,   /* today or before: a founding date */
	DATE_FUTURE, /* today or after: a first repayment date */
};

struct form_pos {
	int line; /* 1-based, in the YAML file */
	int column;
};

struct form_field {
	char *id;         /* the name the screen and the database use */
	char *label;      /* drawn left of the field, ending at col - 1 */
	int row, col;     /* 0-based screen cell of the field's first cell */
	int width;        /* cells on screen */
	int height;       /* rows (memo only; 1 otherwise) */
	int maxlen;       /* characters the value may hold (varchar(n)) */
	enum field_type type;
	bool required;
	bool readonly;
	bool transient;   /* a working field: not part of the record saved */
	bool has_min, has_max;
	long long min, max; /* bounds in the unit stored (yen for FIELD_KYEN) */
	enum date_when when; /* FIELD_DATE only */
	char *help;       /* F1 text */
	int tab;          /* tab order; fields are visited in ascending tab */
	char *lookup;     /* FIELD_CODE: the database code list it takes (hosho.code_list) */
	struct form_pos pos; /* where the field is declared */
};

/* Fixed text drawn on the form (headings, notes). */
struct form_text {
	int row, col;
	char *text;
};

/* A function key of the form: F1..F12, its action name (what the screen's C
 * code dispatches on) and the legend label. */
struct form_key {
	int fkey;     /* 1..12 */
	char *action; /* e.g. "help", "save", "search", "back" */
	char *label;  /* legend text, e.g. "登録" */
	struct form_pos pos;
};

/* How a list column's text is shown. */
enum column_format {
	COLUMN_TEXT,
	COLUMN_YEN,   /* 1,234,567 */
	COLUMN_KYEN,  /* yen shown in thousands: 1,234 */
	COLUMN_DATE,  /* an ISO date shown in era form: R6.3.31 */
	COLUMN_YESNO, /* true/false shown as はい or nothing */
};

struct form_column {
	char *id;     /* the result column (or record key) it shows */
	char *title;  /* header text */
	int width;    /* cells on an 80-column screen */
	bool right;   /* right-aligned (numbers) */
	bool grow;    /* takes the extra width of a wider terminal */
	bool hidden;  /* not drawn: shown only in the detail popup */
	enum column_format format;
	char *lookup; /* a code list whose label is shown for the code, or NULL */
};

/* A parameter of a list's source or of a call: a field's value, the list's
 * limit + 1, a constant, a column of a list's chosen row or of every row it
 * shows, the record's key or version, or the call's request id (nothing is
 * applied twice). */
enum param_kind {
	PARAM_FIELD,
	PARAM_LIMIT,
	PARAM_CONST,
	PARAM_ROW,     /* LIST.COLUMN */
	PARAM_ROWS,    /* all.LIST.COLUMN: the column of every row listed, as an array */
	PARAM_KEY,     /* key: the record's key */
	PARAM_VERSION, /* version: the version of the record read */
	PARAM_REQUEST, /* request: a request id made for this call */
	PARAM_RECORD,  /* record: the form's record as the save function takes it (jsonb) */
};

struct form_param {
	enum param_kind kind;
	char *field;  /* PARAM_FIELD; PARAM_ROW, PARAM_ROWS: the list */
	char *column; /* PARAM_ROW, PARAM_ROWS: the column */
	long long value; /* PARAM_CONST */
};

/* A key's action that calls a state-changing database function: its
 * refusals come back as errors naming their field (RAISE ... COLUMN). */
struct form_call {
	char *action;   /* what keys bind */
	char *function; /* hosho.<function>(params...) */
	struct form_param *params;
	size_t nparams;
	char *confirm;  /* asked first, or NULL */
	char *done;     /* the message when it is done */
	bool record;    /* it answers the record (jsonb), which the screen shows */
	struct form_pos pos;
};

/* A list of rows on a form: from a database function (source) called with
 * field values, or from an array of the record (record) edited on screen. */
struct form_list {
	char *id;
	int row;      /* the header row */
	int height;   /* rows with the header */
	char *source; /* hosho.<source>(params...) gives the rows, or NULL */
	struct form_param *params;
	size_t nparams;
	int limit;    /* rows shown at most (0: no limit) */
	char *record; /* the record's array the rows come from and go back to, or NULL */
	char *key;    /* the column that names a row */
	char *open;   /* the screen Enter on a row opens with the key, or NULL */
	struct form_column *columns;
	size_t ncolumns;
	struct form_pos pos;
};

struct form {
	char *name;   /* file name without .yaml: the screen's name */
	char *title;  /* drawn on row 0 */
	char *path;   /* the file it was loaded from */
	struct form_field *fields; /* sorted by tab order */
	size_t nfields;
	struct form_text *texts;
	size_t ntexts;
	struct form_key *keys;
	size_t nkeys;
	struct form_list *lists;
	size_t nlists;
	struct form_call *calls;
	size_t ncalls;
	char *load;   /* hosho.<load>(key) gives the record as jsonb, or NULL */
	char *save;   /* hosho.<save>(jsonb) saves it and gives it back, or NULL */
	char *key;    /* the record's key: its field id in the record, or NULL */
	char *submit; /* the action Enter on the last field runs, or NULL */
	bool enter_submits; /* Enter on any field runs submit (a search form) */
	char *on_open; /* the action run when the screen opens (list a master), or NULL */
	char *listen; /* a NOTIFY channel: its lists are read again when it says so, or NULL */
	char *on_date; /* the date field dated code lists are valid on (default: on_date) */
	/* The record's array naming the calls legal now (e.g. actions): a key
	 * bound to a call shows on the legend only when named there. Or NULL. */
	char *offers;
};

/* What is wrong with a form file, where: printed as
 *   path:line:column: message
 *     the source line
 *     ^ under the column                                             */
struct form_error {
	char path[1024];
	int line, column; /* 1-based; 0 if the error has no position */
	char message[512];
	char source[512]; /* the offending source line, or "" */
};

/* Loads and checks one form file. Returns NULL and fills err on failure. */
struct form *form_load(const char *path, struct form_error *err);
void form_free(struct form *f);
/* Writes err in the format above to a stream (FILE *), for --check-forms. */
void form_error_print(const struct form_error *err, void *stream);
/* Formats err as one line "path:line:column: message" into buf. */
void form_error_format(const struct form_error *err, char *buf, size_t n);

/* What form_check() finds wrong, and the node at fault as a path from the top
 * of the file ("title", "fields.2.col", "lists.0.columns.1.title"; indices in
 * order of declaration), which the loader turns into line and column. */
struct form_blame {
	char where[64];
	int offset; /* the character of that scalar at fault, or -1 */
	char message[512];
};
/* The semantic checks (form_check.c) of a form as the loader read it: before
 * defaults (height, maxlen and tab are 0 when not given) and before fields
 * are sorted. Returns false and fills b on the first problem. */
bool form_check(const struct form *f, struct form_blame *b);

/* The cells a key takes on the legend, "F1 ヘルプ"; the legend puts the
 * keys one cell apart and must fit FORM_COLS. */
int form_key_cells(const struct form_key *k);

const struct form_field *form_field_by_id(const struct form *f, const char *id);
const struct form_key *form_key_by_action(const struct form *f, const char *action);
const struct form_list *form_list_by_id(const struct form *f, const char *id);
const struct form_call *form_call_by_action(const struct form *f, const char *action);
const struct form_column *form_column_by_id(const struct form_list *l, const char *id);
/* The YAML name of a type ("text", "katakana", ...). */
const char *field_type_name(enum field_type t);

/* All *.yaml of a directory, sorted by name. */
struct form_set {
	struct form **forms;
	size_t n;
};
/* Loads every form of dir; on the first failure returns false with err
 * filled (a directory that cannot be read is an error with line 0). */
bool form_set_load(const char *dir, struct form_set *out, struct form_error *err);
/* Checks every form of dir, printing each failure to the stream errs
 * (FILE *); returns the number of files that failed. */
int form_set_check(const char *dir, void *errs);
void form_set_free(struct form_set *set);
const struct form *form_set_get(const struct form_set *set, const char *name);

#endif
