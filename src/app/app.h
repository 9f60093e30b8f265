/* The business screens. A screen is a table entry (screen_table.c), a form
 * (forms/NAME.yaml: fields, lists, keys, where its record and rows come
 * from) and SQL; one driver loop (driver.c) runs them all. The table entry
 * says what the database must grant for the menu to show it, and which
 * actions the screen adds to the common ones (actions.c). The rules a
 * screen shows are the database's. */
#ifndef HOSHO_APP_H
#define HOSHO_APP_H

#include <stdbool.h>
#include <libpq-fe.h>

#include "db/db.h"
#include "forms/form.h"
#include "ui/ui.h"

struct lookup_entry {
	char *name;
	char *on;      /* the date the list is valid on */
	struct code_list list;
};

/* Every row of hosho.code_list: list, code, label, valid_from, valid_to
 * (ISO dates, "" for unbounded). */
struct code_rows {
	struct {
		char *v[5];
	} *rows;
	size_t n;
	char today[16]; /* the database's current_date when they were read */
	bool read;
};

struct screen_def;

struct app {
	struct ui ui;
	const struct form_set *forms;
	const char *conninfo;  /* where staff log in; NULL for libpq defaults */
	const char *sql_dir;   /* to check the database is not newer than us */
	char *demo_logins;     /* embedded default only: the demo users, or NULL */
	const char *user;      /* pre-filled login name, or NULL */
	PGconn *conn;          /* the signed-in staff member's connection */
	char status[160];      /* title line: section and name */
	struct code_rows codes;       /* every code list, read once a session */
	struct lookup_entry *lookups; /* lists as screens asked for them, per date */
	size_t nlookups;
	/* What the database grants the signed-in person, one entry per screen
	 * of the table (read once at sign-in, in one query). */
	bool *may_open;
	bool *may_save;
	bool **may_call; /* per screen, per call of its form: EXECUTE on its function */
	bool signing_out; /* the idle lock signs out: screens unwind as on a hang-up */
	/* The channels LISTENed on this connection, as of db_reconnects(). */
	char **listening;
	size_t nlistening;
	unsigned long listen_epoch;
	long listen_retry_ms; /* when a broken connection was last tried */
};

enum action_result {
	ACTION_STAY,   /* the screen goes on */
	ACTION_BACK,   /* leave the screen */
	ACTION_QUIT,   /* leave the program (login) or sign out (menu) */
	ACTION_HANGUP, /* the terminal is gone */
};

enum action_flag {
	ACT_NEEDS_ROW = 1 << 0,  /* a row of the list with the cursor (or the first list) */
	ACT_CHECK_FORM = 1 << 1, /* every field passes its checks first */
	ACT_CONFIRM = 1 << 2,    /* the clerk says yes first */
	ACT_DISCARDS = 1 << 3,   /* throws away unsaved changes: ask first */
	ACT_WRITES = 1 << 4,     /* changes data: refused on a read-only screen */
};

struct screen;

struct action_def {
	const char *name; /* what a form file binds a key to */
	enum action_result (*run)(struct screen *s);
	unsigned flags;   /* enum action_flag */
	const char *help; /* msgid: what it does, for the key list of F1 */
};

struct screen_def {
	const char *name;       /* its form: forms/NAME.yaml */
	const char *menu_label; /* msgid; NULL: not on the menu */
	/* Shown on the menu when the database grants privilege on object (a
	 * table, or a function for EXECUTE). */
	const char *object, *privilege;
	const struct action_def *actions; /* its own, found before the common ones */
	size_t nactions;
	const char *const *reads; /* field ids its C code reads: checked at start-up */
	size_t nreads;
	void (*open)(struct screen *s);  /* after the record is loaded */
	void (*draw)(struct screen *s);  /* draws what the form cannot declare */
	void (*close)(struct screen *s); /* frees what open made */
	void (*left_field)(struct screen *s); /* the cursor went from one field to another */
};

/* request.c: a write's request id, kept while the same write is retried. */
struct request {
	char id[37];
	char *key;   /* the write and its values the id is for */
	bool unsure; /* sent and the answer lost: ask before sending again */
};

/* A screen being run. */
struct screen {
	struct app *app;
	const struct screen_def *def;
	const struct form *form;
	struct form_view view;
	struct list_view *lists; /* one per list of the form */
	int focus;               /* -1: the form has the cursor; else the list's index */
	char *key;               /* the record's key; NULL for a new record */
	char *version;           /* the version of the record read, sent back on save */
	char *saved;             /* what the clerk saw when it was loaded or saved: "unsaved" is a difference */
	bool readonly;           /* the database does not let this person save it */
	/* The save request being made: its id, the record it carries (the
	 * same record saved again keeps the id), and whether a try of it may
	 * have been applied without the answer reaching us. */
	struct request save; /* the record's save being tried (request.c) */
	struct request call; /* a declared call being tried */
	/* The calls the record says are legal now (form->offers), as read. */
	char **offered;
	size_t noffered;
	void *data;              /* the screen's own state (open/close) */
	unsigned long listen_epoch; /* the connection its lists were read on (listen.c) */
};

/* screen_table.c: every screen, in menu order */
extern const struct screen_def *const screen_table[];
extern const size_t screen_count;
const struct screen_def *screen_def_by_name(const char *name);
size_t screen_index(const struct screen_def *def);
/* Checks every screen against its form: the form exists, every action its
 * keys and submit name has a handler, every field the C code reads and every
 * screen a list opens exists. Prints each problem as file:line:column to
 * the stream errs (FILE *); returns the number of problems. */
int screen_table_check(const struct form_set *forms, void *errs);

/* driver.c */
/* Runs a screen until it is left; key names the record to open, or NULL. */
enum action_result screen_run(struct app *a, const struct screen_def *def, const char *key);
/* Runs a screen from a draft: the record of key (if any) loaded, then the
 * draft's typed values put over it (unsaved). */
enum action_result screen_resume(struct app *a, const struct screen_def *def, const char *key,
				 const char *draft);
/* The screen's own action of that name, else the common one, or NULL. */
const struct action_def *screen_action(const struct screen_def *def, const char *name);
/* The list with the cursor, else the first list; NULL if the form has none. */
struct list_view *screen_list(struct screen *s);
/* The list the form declares as id (form_check makes sure it is there). */
struct list_view *screen_list_by_id(struct screen *s, const char *id);
/* The value of a field for the database (NULL when empty). Owned. */
char *screen_field_db(struct screen *s, const char *id);

/* actions.c: the actions every screen has */
const struct action_def *common_action(const char *name);
/* Runs the lists' sources with the form's values, all in one statement;
 * false (message set) if it failed. */
bool screen_fill_lists(struct screen *s, struct list_view *const *ls, size_t n);
bool screen_fill_list(struct screen *s, struct list_view *l);
/* The lists with a source, from `from` on, in the form's order. Owned
 * array (the lists are the screen's). */
struct list_view **screen_source_lists(struct screen *s, struct list_view *from, size_t *n);
/* Reads lists with a source again, each one's chosen row chosen again if it
 * is still there (else the cursor back in the form when it is empty); the
 * message line is kept. */
void screen_reread_lists(struct screen *s, struct list_view *const *ls, size_t n);
void screen_reread_list(struct screen *s, struct list_view *l);

/* call.c: a form's declared calls */
/* A parameter's value for the database (NULL for SQL NULL). Owned. */
char *screen_param(struct screen *s, const struct form_param *p, int limit, const char *request);
enum action_result call_run(struct screen *s, const struct form_call *c);

/* export.c: the list written to a CSV file, or printed as a PDF report,
 * after the database logged it */
enum action_result export_list(struct screen *s);
enum action_result export_pdf(struct screen *s);
/* The visible columns of a list, as shown, printed as an A4 table under
 * the title and the notes (print.h); false with *err owned. */
bool list_pdf_write(const struct list_view *l, const char *title, const char *const *notes,
		    size_t nnotes, const char *path, char **err);
/* "Printed DATE TIME by" the person signed in, for a printed page. Owned. */
char *printed_by(const struct screen *s);
/* The fields a form binding export or pdf must declare: the reason, the medium,
 * the encoding. */
extern const char *const export_fields[3];
/* The directory files for the clerk go to (exports, printed certificates):
 * HOSHO_EXPORT_DIR, else ~/hosho-export. Owned. */
char *export_dir(void);
/* Creates it (mode 0700) if missing; false with errno set. */
bool export_dir_make(const char *dir);

/* request.c */
/* Sends the write with the request id; true if it was done (and shown),
 * false with err filled, or with err clear and the message set. */
typedef bool (*request_send_fn)(void *ctx, const char *id, struct db_error *err);
/* Shows the answer of a write the database says was applied. */
typedef void (*request_show_fn)(void *ctx, const char *answer);
/* The id for a write with this key: the same as before for the same key. */
void request_take(struct request *r, const char *key);
void request_free(struct request *r);
/* Runs a write: asks first if an earlier try may have been applied; a
 * lost answer is settled by asking hosho.request_done. Errors are shown
 * (at their field of v); not_done is the message when it was not done. */
bool request_run(struct app *a, struct request *r, request_send_fn send, request_show_fn show,
		 void *ctx, struct form_view *v, const char *not_done);

/* record.c: a form's record read through form->load and written through
 * form->save, one round trip each. */
bool record_load(struct screen *s);
/* Saves; the record the database gives back is what the screen shows. */
bool record_save(struct screen *s);
/* Shows on the screen (a struct screen) the record a write answered, as
 * request_done gives it back: a request_show_fn. */
void record_show_answer(void *screen, const char *answer);
/* Runs expr (a call such as hosho."f"($1, $2)) that answers the record,
 * and shows it; false with err filled if it was refused or the answer lost
 * (err->sqlstate 08006), or with the message set if it gave no record. */
bool record_call(struct screen *s, const char *expr, int nparams, const char *const *params,
		 struct db_error *err);
/* The record as the save function takes it. Owned. */
char *record_json(struct screen *s);
/* Whether the key's action may be offered now: true unless the form has
 * `offers` and the action is a call its record does not name. */
bool record_offers(const struct screen *s, const char *action);
void record_offers_free(struct screen *s);
bool record_unsaved(struct screen *s);
/* The form as typed (a draft): "#screen", the key, the version, every
 * field's text but passwords, and the record's arrays. Owned. */
char *record_draft(struct screen *s);
/* Puts a draft's typed values on the screen (unsaved); false, message
 * set, if it cannot be read. */
bool record_apply_draft(struct screen *s, const char *draft);
void record_mark_saved(struct screen *s);

/* app.c */
const struct form *app_form(const struct app *a, const char *name);
/* Reads every code list of the database in one query, once (at sign-in). */
bool app_read_codes(struct app *a);
/* lookup_fn for views: a database code list, valid on the date in force (ctx
 * is the screen: its on_date field, else today), from what app_read_codes
 * read, or reads it now if it has not. */
const struct code_list *app_lookup(void *screen, const char *name);
void app_free(struct app *a);
/* Lets the person choose one of the rows of res (column 0 its code,
 * column 1 its label) in a box titled title: the row's index, or -1 if
 * cancelled. */
int app_choose_row(struct app *a, const char *title, const PGresult *res);
/* Shows a database error on the message line and, if it names a field of
 * the view, puts the cursor there. */
void app_show_db_error(struct app *a, struct form_view *v, const struct db_error *e);
/* Reads, in one query, which screens the person may open and save, and
 * which of their calls make. */
bool app_read_grants(struct app *a, struct db_error *err);
void app_free_grants(struct app *a);

/* draft.c: the typed form kept when the terminal goes away: in the
 * database (hosho.draft_save, given 2 s), else in a private file (0600)
 * per login and database. */
bool draft_write(struct screen *s);
/* At sign-in: a draft file is moved into the database; then each draft of
 * the person is offered (on any terminal) and its screen run if taken. */
enum action_result draft_offer(struct app *a);

/* lock.c: the idle lock over screen s. ACTION_STAY when the password
 * opened it, ACTION_QUIT to sign out, ACTION_HANGUP when the terminal went. */
enum action_result app_lock(struct screen *s);

/* listen.c: a form's `listen:` channel. The screen LISTENs on it when it
 * opens (once a connection), watches the database's socket beside the
 * terminal while it waits for a key, and reads its lists again when
 * another session notifies the channel or the connection was re-made
 * (after which it LISTENs again). */
bool listen_start(struct screen *s);
/* What the terminal's wait watches for this screen: the socket, or a
 * timer to try a broken connection again. */
void listen_watch(struct screen *s);
/* Takes what came (notifications, a broken connection); true if the
 * lists were read again. */
bool listen_catch_up(struct screen *s);
/* The connection is closed: nothing is listened on. */
void listen_forget(struct app *a);

/* wait.c: while a statement runs, the terminal stays alive and Esc cancels;
 * server notices of a.conn go to the message line. */
void app_watch_waits(struct app *a);
void app_take_notices(struct app *a);

/* import_cli.c: hosho --import FILE (doc/bank_report.md). */
struct import_options {
	const char *path;
	const char *bank;     /* the bank expected, or NULL: the file's */
	const char *encoding; /* "utf-8", "cp932", or NULL: detected */
	const char *apply;    /* "all", "valid", or NULL: check only */
};
/* Loads and checks the file, lists its errors, applies it if asked; the
 * exit status (0 valid, 2 lines in error, 1 refused or failed). */
int import_cli(PGconn *conn, const struct import_options *o);

/* The screens with C of their own (one file each). */
extern const struct screen_def screen_login, screen_menu, screen_company, screen_bank_list,
	screen_simulate, screen_password, screen_guarantee_intake, screen_guarantee,
	screen_guarantee_history, screen_guarantee_execute, screen_bank_import, screen_insurance_notices;
/* midterm.c: 期中管理 */
extern const struct screen_def screen_change_targets, screen_condition_change, screen_change_queue,
	screen_change_decision, screen_delinquency_list, screen_delinquency_case, screen_plans_due,
	screen_new_delinquencies, screen_deteriorating, screen_rank_report, screen_unpaid_fee_table,
	screen_accident_figures;
/* unpaid_fee.c: 未収保証料 */
extern const struct screen_def screen_unpaid_fees, screen_unpaid_fee_case;

#endif
