/* Drafts: what a clerk typed and had not saved when the terminal went away
 * (SIGHUP, SIGTERM, a closed pane), kept in the database (hosho.form_draft,
 * sql/103_drafts.sql) so that the next sign-in on any terminal offers it
 * back. When the database cannot be reached at that moment, the draft goes
 * to a private file per login and database instead, moved into the
 * database at the next sign-in. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* $XDG_STATE_HOME/hosho, else ~/.local/state/hosho, made private if
 * missing; NULL if there is no home. Owned. */
static char *state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *base, *dir;

	if (xdg && *xdg)
		base = xstrdup(xdg);
	else if (home && *home)
		base = xasprintf("%s/.local/state", home);
	else
		return NULL;
	dir = xasprintf("%s/hosho", base);
	for (char *p = dir + 1; *p; p++) /* mkdir -p */
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
	free(base);
	return dir;
}

/* s with every byte but [A-Za-z0-9._-] as %XX: a file name part. */
static void append_escaped(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	for (; *s && n + 4 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", c);
	}
	out[n] = '\0';
}

/* The draft file of the signed-in login on its database. Owned; NULL if
 * there is nowhere to keep it. */
static char *draft_path(const struct app *a)
{
	char name[512] = "draft-";
	char *dir = state_dir(), *path;

	if (!dir || !a->conn) {
		free(dir);
		return NULL;
	}
	append_escaped(name, sizeof name, PQuser(a->conn));
	append_escaped(name, sizeof name, "@");
	append_escaped(name, sizeof name, PQhost(a->conn) ? PQhost(a->conn) : "");
	append_escaped(name, sizeof name, ":");
	append_escaped(name, sizeof name, PQdb(a->conn));
	path = xasprintf("%s/%s.json", dir, name);
	free(dir);
	return path;
}

/* How long a draft may take to reach the database when the terminal has
 * gone: past it the statement is cancelled (or the connection given up)
 * and the draft goes to the file. */
#define DRAFT_DB_MS 2000

static bool past_draft_deadline(void *ctx, long elapsed_ms, bool input_ready, bool connecting)
{
	(void)ctx;
	(void)input_ready;
	(void)connecting;
	return elapsed_ms >= DRAFT_DB_MS;
}

/* Keeps a draft (text, as record_draft makes it) of form and record key
 * (NULL for a new record) in the database. */
static bool save_in_db(struct app *a, const char *form, const char *key, const char *text,
		       struct db_error *err)
{
	const char *params[] = {form, key ? key : "", text};

	return db_exec(a->conn, err, "SELECT hosho.draft_save($1, $2, $3::jsonb)", 3, params);
}

static bool write_file(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.tmp", path);
	bool ok = false;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd >= 0) {
		size_t len = strlen(text);
		ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
		ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(tmp);
	return ok;
}

bool draft_write(struct screen *s)
{
	struct db_waiter quick = {.fd = -1, .waiting = past_draft_deadline};
	struct db_waiter was = db_set_waiter(&quick);
	char *text = record_draft(s), *path;
	struct db_error err;
	bool ok = s->app->conn && save_in_db(s->app, s->def->name, s->key, text, &err);

	db_set_waiter(&was);
	if (!ok && (path = draft_path(s->app))) {
		ok = write_file(path, text);
		free(path);
	}
	free(text);
	return ok;
}

/* The whole file, or NULL if there is none. Owned. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096)
			text = xrealloc(text, cap += 65536);
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	text[len] = '\0';
	return text;
}

/* A text member of the draft, read by the database (as it reads records). */
static char *draft_member(struct app *a, const char *draft, const char *name)
{
	const char *params[] = {draft, name};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err, "SELECT $1::jsonb ->> $2", 2, params);
	char *v = res && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)
			  ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;

	PQclear(res);
	return v;
}

/* A draft left in the file (the database was out of reach) goes into the
 * database, and the file away. */
static void move_file_in(struct app *a)
{
	char *path = draft_path(a), *draft = path ? read_file(path) : NULL;
	char *name = draft ? draft_member(a, draft, "#screen") : NULL, *key = NULL;
	const struct screen_def *def = name ? screen_def_by_name(name) : NULL;
	const struct form *f = def ? app_form(a, def->name) : NULL;
	struct db_error err;

	if (f && f->key)
		key = draft_member(a, draft, f->key);
	if (name && save_in_db(a, name, key, draft, &err))
		unlink(path);
	else if (name)
		app_show_db_error(a, NULL, &err);
	free(key);
	free(name);
	free(draft);
	free(path);
}

static void discard(struct app *a, const char *form, const char *key)
{
	const char *params[] = {form, key};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err, "SELECT hosho.draft_discard($1, $2)", 2, params);

	if (res)
		ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("The unsaved input was thrown away."));
	else
		app_show_db_error(a, NULL, &err);
	PQclear(res);
}

/* Offers the draft of form and record key ("" for a new record), saved
 * at saved_at (as the database shows it), naming the screen and the time so
 * that a clerk with several drafts knows which one is asked about; if the
 * clerk takes it, runs its screen with it. */
static enum action_result offer(struct app *a, const char *form, const char *key, const char *saved_at)
{
	const struct screen_def *def = screen_def_by_name(form);
	const struct form *f = def ? app_form(a, def->name) : NULL;
	const char *params[] = {form, key};
	struct db_error err;
	PGresult *res;
	char *question;
	bool take;
	enum action_result r = ACTION_STAY;

	if (!f || !a->may_open[screen_index(def)])
		return ACTION_STAY;
	question = xasprintf(_("There is input on %s that was not saved (%s). Resume it?"), f->title, saved_at);
	take = ui_confirm(&a->ui, question);
	free(question);
	if (!take) {
		/* kept for a later sign-in unless the clerk throws it away */
		if (ui_confirm(&a->ui, _("Throw this input away? (No keeps it for the next sign-in.)")))
			discard(a, form, key);
		return ACTION_STAY;
	}
	res = db_query(a->conn, &err, "SELECT hosho.draft_take($1, $2)", 2, params);
	if (!res)
		app_show_db_error(a, NULL, &err);
	else if (PQgetisnull(res, 0, 0)) /* resumed on another terminal meanwhile */
		ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("That input was resumed elsewhere."));
	else
		r = screen_resume(a, def, *key ? key : NULL, PQgetvalue(res, 0, 0));
	PQclear(res);
	return r;
}

enum action_result draft_offer(struct app *a)
{
	struct db_error err;
	PGresult *res;
	enum action_result r = ACTION_STAY;

	move_file_in(a);
	res = db_query(a->conn, &err,
		"SELECT form, record_key, to_char(saved_at, 'MM/DD HH24:MI') FROM hosho.draft_list()", 0, NULL);
	if (!res) {
		app_show_db_error(a, NULL, &err);
		return ACTION_STAY;
	}
	for (int i = 0; i < PQntuples(res) && r != ACTION_HANGUP; i++)
		r = offer(a, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));
	PQclear(res);
	return r == ACTION_HANGUP ? r : ACTION_STAY;
}
