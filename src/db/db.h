/* The database: connections, the embedded cluster, migrations, and errors
 * turned into what the clerk reads. Queries are always parameterised. */
#ifndef HOSHO_DB_H
#define HOSHO_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>

/* An error as the clerk sees it, with the field it belongs to if the
 * database named one (RAISE ... USING COLUMN). */
struct db_error {
	char sqlstate[6];
	char message[512];
	char hint[512];
	char column[64];
};

void db_error_clear(struct db_error *e);
/* Fills e from a failed result (or from the connection when res is NULL). */
void db_error_from(struct db_error *e, const PGconn *conn, const PGresult *res);
/* Fills e with a message of our own (already translated). */
void db_error_set(struct db_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Connects, waiting as the waiter says (a connection given up is an
 * error). conninfo may be NULL (libpq's defaults: PGSERVICE, PG* ...);
 * user and password override it when non-NULL. */
PGconn *db_connect(const char *conninfo, const char *user, const char *password,
		   struct db_error *err);

/* Sets statement_timeout (e.g. "30s") unless one is set already. */
bool db_set_statement_timeout(PGconn *conn, const char *timeout, struct db_error *err);

/* What db_connect and db_query do while they wait for the server: every
 * 100 ms, and at once when fd (the terminal, -1 for none) has input,
 * waiting(ctx, milliseconds since the wait began, fd has input, whether
 * it is a connection being made) is called; it returns true to give the
 * connection up or to cancel the statement, and true again, 2 s after a
 * cancel the server has not answered, to leave the statement unanswered. */
struct db_waiter {
	int fd;
	bool (*waiting)(void *ctx, long elapsed_ms, bool input_ready, bool connecting);
	void *ctx;
};
/* Copies w (NULL: none); returns the waiter it replaces. */
struct db_waiter db_set_waiter(const struct db_waiter *w);

/* Runs a parameterised statement (text parameters, NULL for SQL NULL).
 * A broken connection is made again first (waiting as db_connect does).
 * Returns the result (caller PQclear()s it) or NULL with err filled:
 * sqlstate 08001 when it was not sent (the database cannot be reached),
 * 08006 when the connection broke after it was sent or the server did not
 * answer even a cancel (its outcome is not known), 57014 when cancelled or
 * stopped by statement_timeout. */
PGresult *db_query(PGconn *conn, struct db_error *err, const char *sql, int nparams,
		   const char *const *params);
/* The same for statements whose result is not needed. */
bool db_exec(PGconn *conn, struct db_error *err, const char *sql, int nparams,
	     const char *const *params);
/* db_exec of "command name" for a command that takes no parameter in
 * place of its identifier (CREATE DATABASE, LISTEN): name quoted by libpq. */
bool db_exec_on_identifier(PGconn *conn, struct db_error *err, const char *command,
			   const char *name);
/* A PostgreSQL array literal of quoted elements: {"a","b\"c"}, a NULL
 * element as NULL. Owned. */
char *db_array_literal(const char *const *v, size_t n);

/* Re-makes a broken connection (the same server, user and settings);
 * true if it is up again. Each connection re-made, here or by db_query
 * before a statement, counts in db_reconnects(): what a session set on the
 * old one (LISTEN) it must set again. */
bool db_reconnect(PGconn *conn);
unsigned long db_reconnects(void);

/* ---- notify.c: LISTEN/NOTIFY ------------------------------------------ */
/* LISTEN on channel (an identifier; quoted here). */
bool db_listen(PGconn *conn, const char *channel, struct db_error *err);
/* Reads what the server sent while we were idle and takes every
 * notification libpq holds: the number on channel sent by another session
 * (our own are what we did, and already shown). False if the connection
 * turned out broken. */
bool db_take_notifies(PGconn *conn, const char *channel, int *count);

/* ---- json.c: a JSON object of text values, for functions taking jsonb */
struct json_buf {
	char *s;
	size_t len, cap;
};
void json_begin(struct json_buf *j);
/* Adds "key": "value" (value NULL adds nothing: an empty field is absent). */
void json_add(struct json_buf *j, const char *key, const char *value);
/* Adds "key": [{names[0]: rows[0][0], ...}, ...]: an array of objects of
 * text values (NULL cells left out). */
void json_add_rows(struct json_buf *j, const char *key, const char *const *names, size_t ncols,
		   char *const *const *rows, size_t nrows);
/* Closes the object and returns it (owned by the caller). */
char *json_end(struct json_buf *j);

/* ---- cluster.c: the embedded default ---------------------------------- */

struct cluster {
	char *dir;      /* the cluster's home: socket, pgdata/, superuser.pw */
	char *pgdata;
	char *password; /* of the cluster's superuser, read from superuser.pw */
	char *dbname;   /* hosho, or $HOSHO_DB_NAME (each test has its own) */
};

/* The default home: $XDG_DATA_HOME/hosho (~/.local/share/hosho), or
 * /var/lib/hosho for root, since initdb refuses root and the unprivileged
 * user the cluster then runs as cannot reach root's home. Owned string. */
char *cluster_default_dir(void);
/* Creates the cluster if missing and starts it if not running. */
bool cluster_ensure(struct cluster *c, const char *dir, const char *pgbindir,
		    struct db_error *err);
bool cluster_stop(const char *dir, const char *pgbindir, struct db_error *err);
/* A superuser connection to the cluster's database (created if missing). */
PGconn *cluster_connect_admin(const struct cluster *c, struct db_error *err);
/* The conninfo staff log in with: host='DIR' dbname='hosho'. Owned string. */
char *cluster_conninfo(const struct cluster *c);
void cluster_free(struct cluster *c);

/* ---- migrate.c -------------------------------------------------------- */

/* The highest migration number in dir, or -1 if dir cannot be read. */
int migrate_shipped_version(const char *dir);
/* The highest applied in the database, 0 if none; -1 on error. */
int migrate_db_version(PGconn *conn, struct db_error *err);
/* Applies each NNN_*.sql of dir not yet applied, in order, one transaction
 * each; refuses a database newer than dir. Returns the count applied or -1. */
int migrate_apply(PGconn *conn, const char *dir, struct db_error *err);
/* Loads each demo file of dir once (recorded in hosho.demo_loaded). */
int migrate_demo(PGconn *conn, const char *dir, struct db_error *err);
/* Checks, for a staff connection, that the database is not newer than
 * the program (whose migrations are in dir). */
bool migrate_check_compatible(PGconn *conn, const char *dir, struct db_error *err);

/* ---- import.c: a bank report file loaded (doc/bank_report.md) --------- */

struct import_file {
	const char *path;  /* borrowed */
	char encoding[8];  /* "utf-8" or "cp932" */
	size_t lines;      /* in the file, the header included */
	bool bom;
};
/* Reads the file once: its lines and its encoding (enc "utf-8" or "cp932";
 * NULL or "" to detect: a BOM or valid UTF-8 throughout is UTF-8, anything
 * else CP932, as Excel writes). false with err filled (column file_name). */
bool import_scan(const char *path, const char *enc, struct import_file *f, struct db_error *err);
/* Called as lines are sent: (ctx, lines sent, lines in the file). */
typedef void (*import_progress_fn)(void *ctx, size_t sent, size_t total);
/* Sends every line (COPY into the session's staging table) and loads them
 * with hosho.bank_report_load: the file record (jsonb text, owned), or
 * NULL with err filled. bank: the bank the clerk expects, or NULL. */
char *import_load(PGconn *conn, const struct import_file *f, const char *bank,
		  import_progress_fn progress, void *ctx, struct db_error *err);
/* A load or apply of a large file takes longer than the screens' statement
 * timeout: lifted (the old value kept in *saved, owned) and restored. */
bool import_timeout_lift(PGconn *conn, char **saved, struct db_error *err);
void import_timeout_restore(PGconn *conn, char *saved);

#endif
