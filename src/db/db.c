/* Connections, statements and errors. */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "i18n.h"
#include "text/text.h"
#include "util.h"

/* How long one wait on the socket lasts before the waiter is asked again. */
#define WAIT_STEP_MS 100

static struct db_waiter waiter = {.fd = -1};

struct db_waiter db_set_waiter(const struct db_waiter *w)
{
	struct db_waiter was = waiter;

	waiter = w ? *w : (struct db_waiter){.fd = -1};
	return was;
}

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

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Drives a connection attempt begun by PQconnectStartParams (poll is
 * PQconnectPoll) or PQresetStart (PQresetPoll) to its end, asking the
 * waiter as a statement's wait does: a server that accepts and never
 * answers does not hold the terminal. False if it failed, or with
 * *given_up set if the waiter gave it up. */
static bool await_connection(PGconn *conn, PostgresPollingStatusType (*poll_step)(PGconn *),
			     bool *given_up)
{
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	*given_up = false;
	for (;;) {
		struct pollfd fds[2] = {
			{.fd = PQsocket(conn), .events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT},
			{.fd = waiter.fd, .events = POLLIN}};
		int n;

		if (st == PGRES_POLLING_OK)
			return true;
		if (st == PGRES_POLLING_FAILED || fds[0].fd < 0)
			return false;
		n = poll(fds, waiter.waiting && waiter.fd >= 0 ? 2 : 1, WAIT_STEP_MS);
		if (n > 0 && fds[0].revents)
			st = poll_step(conn);
		if (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED && waiter.waiting &&
		    waiter.waiting(waiter.ctx, ms_since(&t0), n > 0 && fds[1].revents, true)) {
			*given_up = true;
			return false;
		}
	}
}

static unsigned long reconnects;

/* Re-makes the connection as await_connection waits; counted when up. */
static bool reconnect(PGconn *conn, bool *given_up)
{
	*given_up = false;
	if (!PQresetStart(conn) || !await_connection(conn, PQresetPoll, given_up))
		return false;
	reconnects++;
	return true;
}

bool db_reconnect(PGconn *conn)
{
	bool given_up;

	return reconnect(conn, &given_up);
}

unsigned long db_reconnects(void)
{
	return reconnects;
}

PGconn *db_connect(const char *conninfo, const char *user, const char *password,
		   struct db_error *err)
{
	const char *keys[6], *vals[6];
	int n = 0;
	PGconn *conn;
	bool given_up = false;

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
	/* In the start-up packet, not a SET after it: one round trip fewer. */
	keys[n] = "client_encoding";
	vals[n++] = "UTF8";
	keys[n] = NULL;
	vals[n] = NULL;
	if (!vals[0]) {
		/* No conninfo: the rest of the list, libpq's defaults for the rest. */
		memmove(keys, keys + 1, sizeof keys - sizeof keys[0]);
		memmove(vals, vals + 1, sizeof vals - sizeof vals[0]);
	}
	conn = PQconnectStartParams(keys, vals, 1);
	if (!conn) {
		db_error_set(err, "%s", _("Out of memory."));
		return NULL;
	}
	if (PQstatus(conn) == CONNECTION_BAD || !await_connection(conn, PQconnectPoll, &given_up)) {
		if (given_up)
			db_error_set(err, "%s", _("Connecting to the database was given up."));
		else
			connect_error(err, conn);
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

bool db_set_statement_timeout(PGconn *conn, const char *timeout, struct db_error *err)
{
	const char *params[] = {timeout};

	/* Only where neither the conninfo's options nor the role or database
	 * chose one: the operator's setting wins. */
	return db_exec(conn, err,
		"SELECT set_config('statement_timeout', $1, false) "
		" WHERE current_setting('statement_timeout') = '0'", 1, params);
}

/* Sends the cancel request from a child process: PQcancel (libpq 15 has
 * no asynchronous one) waits for the server without a time limit, and a
 * server that accepts and never answers must not hold the terminal. The
 * child's pid (for end_cancel), or -1 when none was started. */
static pid_t send_cancel(PGconn *conn)
{
	PGcancel *c = PQgetCancel(conn);
	char buf[256];
	pid_t pid;

	if (!c)
		return -1;
	pid = fork();
	if (pid == 0)
		_exit(PQcancel(c, buf, sizeof buf) ? 0 : 1);
	if (pid < 0) /* no child: sent from here, waiting as long as it takes */
		PQcancel(c, buf, sizeof buf);
	PQfreeCancel(c);
	return pid;
}

/* Ends the cancel's child if it still waits for the server, and reaps it. */
static void end_cancel(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* How a wait for an answer ended early. */
enum stop {
	NOT_STOPPED,
	CANCELLED, /* a cancel was sent: the answer says whether it took */
	ABANDONED, /* the server did not answer even the cancel: left unread */
};

/* How long after a cancel the answer may still take before the waiter
 * may leave the statement unanswered. */
#define CANCEL_GRACE_MS 2000

/* Waits for the statement sent, watching the waiter's input beside the
 * socket so that the terminal stays alive and the clerk can cancel. The
 * last result (an error one if any), or NULL if there was none or the
 * wait was abandoned. */
static PGresult *await_result(PGconn *conn, enum stop *stop)
{
	struct timespec t0;
	long cancelled_at = 0;
	pid_t canceller = -1;
	PGresult *last = NULL, *res;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	*stop = NOT_STOPPED;
	for (;;) {
		struct pollfd fds[2] = {{.fd = PQsocket(conn), .events = POLLIN},
					{.fd = waiter.fd, .events = POLLIN}};
		int n;

		while (!PQisBusy(conn) && (res = PQgetResult(conn))) {
			if (last && PQresultStatus(last) == PGRES_FATAL_ERROR) {
				PQclear(res);
				continue;
			}
			PQclear(last);
			last = res;
		}
		if (!PQisBusy(conn))
			break;
		n = poll(fds, waiter.waiting && waiter.fd >= 0 ? 2 : 1, WAIT_STEP_MS);
		if (n > 0 && fds[0].revents && !PQconsumeInput(conn)) {
			/* The connection is gone: libpq's error result ends the wait. */
			while ((res = PQgetResult(conn))) {
				PQclear(last);
				last = res;
			}
			break;
		}
		if (!waiter.waiting ||
		    !waiter.waiting(waiter.ctx, ms_since(&t0), n > 0 && fds[1].revents, false))
			continue;
		if (*stop == NOT_STOPPED) {
			canceller = send_cancel(conn);
			*stop = CANCELLED;
			cancelled_at = ms_since(&t0);
		} else if (ms_since(&t0) - cancelled_at >= CANCEL_GRACE_MS) {
			/* Still asked to stop: the answer is left unread, and the
			 * connection made again before the next statement. */
			PQclear(last);
			last = NULL;
			*stop = ABANDONED;
			break;
		}
	}
	end_cancel(canceller);
	return last;
}

PGresult *db_query(PGconn *conn, struct db_error *err, const char *sql, int nparams,
		   const char *const *params)
{
	PGresult *res;
	ExecStatusType st;
	enum stop stop;

	/* A connection found broken, by the last statement or by what the
	 * server said while we were idle (a shutdown, a terminated backend),
	 * is re-made before this one: this statement was never sent, so
	 * running it now is safe. (One that fails mid-flight is reported,
	 * never silently re-sent.) */
	if (PQstatus(conn) == CONNECTION_OK && PQconsumeInput(conn))
		PQconsumeInput(conn); /* the first may read only the server's last words */
	/* broken, a re-making given up, or a statement left unanswered */
	if (PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) == PQTRANS_ACTIVE) {
		bool given_up = false;
		if (!reconnect(conn, &given_up)) {
			db_error_set(err, "%s", given_up
				? _("Connecting to the database was given up. Your input is kept.")
				: _("The database cannot be reached. Your input is kept: try again shortly."));
			snprintf(err->sqlstate, sizeof err->sqlstate, "08001");
			return NULL;
		}
	}
	if (!PQsendQueryParams(conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
		db_error_from(err, conn, NULL);
		return NULL;
	}
	res = await_result(conn, &stop);
	st = PQresultStatus(res);

	if (res && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK))
		return res;
	if (stop == ABANDONED) { /* whether it was done is not known */
		db_error_set(err, "%s", _("The database does not answer. Your input is kept."));
		snprintf(err->sqlstate, sizeof err->sqlstate, "08006");
		return NULL;
	}
	db_error_from(err, conn, res);
	PQclear(res);
	if (strcmp(err->sqlstate, "57014") == 0)
		db_error_set(err, "%s", stop == CANCELLED
			? _("The query was cancelled. Your input is kept.")
			: _("The database took too long to answer and the query was stopped. Your input is kept."));
	if (stop == CANCELLED)
		snprintf(err->sqlstate, sizeof err->sqlstate, "57014");
	return NULL;
}

bool db_exec(PGconn *conn, struct db_error *err, const char *sql, int nparams,
	     const char *const *params)
{
	PGresult *res = db_query(conn, err, sql, nparams, params);

	PQclear(res);
	return res != NULL;
}

bool db_exec_on_identifier(PGconn *conn, struct db_error *err, const char *command,
			   const char *name)
{
	char *ident = PQescapeIdentifier(conn, name, strlen(name)), *sql;
	bool ok;

	if (!ident) {
		db_error_from(err, conn, NULL);
		return false;
	}
	sql = xasprintf("%s %s", command, ident);
	PQfreemem(ident);
	ok = db_exec(conn, err, sql, 0, NULL);
	free(sql);
	return ok;
}

char *db_array_literal(const char *const *v, size_t n)
{
	size_t cap = 3;
	char *s, *p;

	for (size_t i = 0; i < n; i++)
		cap += v[i] ? 2 * strlen(v[i]) + 3 : 5;
	s = p = xmalloc(cap);
	*p++ = '{';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ',';
		if (!v[i]) {
			p = stpcpy(p, "NULL");
			continue;
		}
		*p++ = '"';
		for (const char *c = v[i]; *c; c++) {
			if (*c == '"' || *c == '\\')
				*p++ = '\\';
			*p++ = *c;
		}
		*p++ = '"';
	}
	*p++ = '}';
	*p = '\0';
	return s;
}
