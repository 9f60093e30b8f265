/* The business screens. Each screen is one file: it owns its form view,
 * says what its keys do, and runs its queries; the rules it shows are the
 * database's. */
#ifndef HOSHO_APP_H
#define HOSHO_APP_H

#include <stdbool.h>
#include <libpq-fe.h>

#include "db/db.h"
#include "forms/form.h"
#include "ui/ui.h"

struct lookup_entry {
	char *name;
	struct code_list list;
};

struct app {
	struct ui ui;
	const struct form_set *forms;
	const char *conninfo;  /* where staff log in; NULL for libpq defaults */
	const char *sql_dir;   /* to check the database is not newer than us */
	char *demo_logins;     /* embedded default only: the demo users, or NULL */
	const char *user;      /* pre-filled login name, or NULL */
	PGconn *conn;          /* the signed-in staff member's connection */
	char status[160];      /* title line: section and name */
	struct lookup_entry *lookups; /* code lists read this session */
	size_t nlookups;
};

enum screen_result {
	SCREEN_BACK,   /* to the screen before */
	SCREEN_QUIT,   /* leave hosho */
	SCREEN_HANGUP, /* the terminal is gone */
};

/* app.c */
/* The form a screen is declared by; it exists, since all forms were loaded
 * and checked at start-up. */
const struct form *app_form(const struct app *a, const char *name);
/* lookup_fn for form views: a database code list, read once a session. */
const struct code_list *app_lookup(void *app, const char *name);
void app_free(struct app *a);
/* Draws a screen's frame with the status line. */
void app_frame(struct app *a, const struct form *f);
/* Draws a whole screen (frame, list if any, form) with the cursor in the
 * form or the list, then reads the next key and clears the message line.
 * False when the terminal has gone away. */
bool app_read_key(struct app *a, struct form_view *v, const struct list_view *l,
		  bool cursor_in_list, struct ui_key *key);
/* Fills a list with the rows of a result, its columns in order, as text. */
void app_list_set_result(struct list_view *l, const PGresult *res);
/* Shows a database error on the message line and, if it names a field of
 * the view, puts the cursor there. */
void app_show_db_error(struct app *a, struct form_view *v, const struct db_error *e);

/* The screens. */
bool screen_login(struct app *a);          /* true once signed in */
enum screen_result screen_menu(struct app *a);
enum screen_result screen_company_search(struct app *a);
enum screen_result screen_company_edit(struct app *a, const char *company_id);
enum screen_result screen_bank_browse(struct app *a);
enum screen_result screen_catalogue(struct app *a);
enum screen_result screen_simulate(struct app *a);

#endif
