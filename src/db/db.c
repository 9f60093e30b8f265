/* Connections, statements and errors. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "i18n.h"
#include "text/text.h"

void db_error_clear(struct db_error *e)
{
	memset(e, 0, sizeof *e);
}

static void copy_field(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
	text_utf8_trim_partial(dst);
}

/* libpq messages end with a newline and may carry "ERROR:  " prefixes;
 * the clerk gets the primary message alone. */
static void copy_trimmed(char *dst, size_t n, const char *src)
{
	size_t len;

	copy_field(dst, n, src);
	len = strlen(dst);
	while (len > 0 && (dst[len - 1] == '\n' || dst[len - 1] == ' '))
		dst[--len] = '\0';
}

void db_error_from(struct db_error *e, const PGconn *conn, const PGresult *res)
{
	db_error_clear(e);
	/* A lost connection first: whatever the server said on its way out,
	 * the clerk needs to know their input is kept and to try again. */
	if (conn && PQstatus(conn) == CONNECTION_BAD) {
		snprintf(e->sqlstate, sizeof e->sqlstate, "08006");
		snprintf(e->message, sizeof e->message, "%s",
			 _("The connection to the database was lost. Your input is kept: try the same key again."));
		return;
	}
	if (res && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
		copy_field(e->sqlstate, sizeof e->sqlstate,
			   PQresultErrorField(res, PG_DIAG_SQLSTATE));
		copy_trimmed(e->message, sizeof e->message,
			     PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
		copy_trimmed(e->hint, sizeof e->hint,
			     PQresultErrorField(res, PG_DIAG_MESSAGE_HINT));
		copy_field(e->column, sizeof e->column,
			   PQresultErrorField(res, PG_DIAG_COLUMN_NAME));
		return;
	}
	copy_trimmed(e->message, sizeof e->message, conn ? PQerrorMessage(conn) : "");
}

void db_error_set(struct db_error *e, const char *fmt, ...)
{
	va_list ap;

	db_error_clear(e);
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	text_utf8_trim_partial(e->message);
}

/* Turns libpq's connection failure into one line the clerk can act on.
 * The server's wording depends on its language, so the cause is read from
 * libpq's state: a password was sent and refused, or the server was not
 * reached at all. */
static void connect_error(struct db_error *err, PGconn *conn)
{
	char first[400];

	if (PQconnectionUsedPassword(conn)) {
		db_error_set(err, "%s", _("The user name or password is wrong."));
		return;
	}
	if (PQconnectionNeedsPassword(conn)) {
		db_error_set(err, "%s", _("Enter the password."));
		return;
	}
	copy_trimmed(first, sizeof first, PQerrorMessage(conn));
	first[strcspn(first, "\n")] = '\0';
	db_error_set(err, _("Cannot reach the database server: %s"), first);
}

PGconn *db_connect(const char *conninfo, const char *user, const char *password,
		   struct db_error *err)
{
	const char *keys[5], *vals[5];
	int n = 0;
	PGconn *conn;

	keys[n] = "dbname";
	vals[n++] = conninfo && *conninfo ? conninfo : NULL;
	if (user && *user) {
		keys[n] = "user";
		vals[n++] = user;
	}
	if (password) {
		keys[n] = "password";
		vals[n++] = password;
	}
	keys[n] = "application_name";
	vals[n++] = "hosho";
	keys[n] = NULL;
	vals[n] = NULL;
	if (!vals[0]) {
		/* No conninfo: the rest of the list, libpq's defaults for the rest. */
		memmove(keys, keys + 1, sizeof keys - sizeof keys[0]);
		memmove(vals, vals + 1, sizeof vals - sizeof vals[0]);
	}
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn) {
		db_error_set(err, "%s", _("Out of memory."));
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		connect_error(err, conn);
		PQfinish(conn);
		return NULL;
	}
	PQsetClientEncoding(conn, "UTF8");
	return conn;
}

PGresult *db_query(PGconn *conn, struct db_error *err, const char *sql, int nparams,
		   const char *const *params)
{
	PGresult *res;
	ExecStatusType st;

	/* A connection found broken by the last statement is re-made before
	 * this one: this statement was never sent, so running it now is safe.
	 * (One that fails mid-flight is reported, never silently re-sent.) */
	if (PQstatus(conn) == CONNECTION_BAD) {
		PQreset(conn);
		if (PQstatus(conn) != CONNECTION_OK) {
			db_error_set(err, "%s", _("The database cannot be reached. Your input is kept: try again shortly."));
			return NULL;
		}
	}
	res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	db_error_from(err, conn, res);
	PQclear(res);
	return NULL;
}

bool db_exec(PGconn *conn, struct db_error *err, const char *sql, int nparams,
	     const char *const *params)
{
	PGresult *res = db_query(conn, err, sql, nparams, params);

	PQclear(res);
	return res != NULL;
}
