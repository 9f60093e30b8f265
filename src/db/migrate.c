/* Migrations: sql/NNN_name.sql, applied in order, one transaction each,
 * recorded in hosho.schema_migration. The same runner loads the demo data
 * of the embedded default (sql/demo/NNN_name.sql, in hosho.demo_loaded). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "i18n.h"
#include "util.h"

struct sql_file {
	int number;
	char *name; /* file name */
};

static int cmp_file(const void *a, const void *b)
{
	const struct sql_file *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

/* NNN_*.sql files of dir, sorted by number; NULL with *n = -1 if dir
 * cannot be read or two files share a number. */
static struct sql_file *list_files(const char *dir, int *n, struct db_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct sql_file *files = NULL;
	int count = 0;

	*n = -1;
	if (!d) {
		db_error_set(err, _("Cannot read the SQL directory %s: %s"), dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char *end;
		long num = strtol(e->d_name, &end, 10);

		if (end == e->d_name || *end != '_' || len < 5 ||
		    strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		files = xrealloc(files, sizeof *files * (count + 1));
		files[count].number = (int)num;
		files[count].name = xstrdup(e->d_name);
		count++;
	}
	closedir(d);
	qsort(files, count, sizeof *files, cmp_file);
	for (int i = 1; i < count; i++) {
		if (files[i].number == files[i - 1].number) {
			db_error_set(err, _("Two SQL files share the number %d: %s and %s"),
				     files[i].number, files[i - 1].name, files[i].name);
			for (int j = 0; j < count; j++)
				free(files[j].name);
			free(files);
			return NULL;
		}
	}
	*n = count;
	return files;
}

static void free_files(struct sql_file *files, int n)
{
	for (int i = 0; i < n; i++)
		free(files[i].name);
	free(files);
}

static char *read_file(const char *path, struct db_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		db_error_set(err, _("Cannot read %s: %s"), path, strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		db_error_set(err, _("Cannot read %s: %s"), path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

int migrate_shipped_version(const char *dir)
{
	struct db_error err;
	int n;
	struct sql_file *files = list_files(dir, &n, &err);
	int v = n > 0 ? files[n - 1].number : (n == 0 ? 0 : -1);

	free_files(files, n);
	return v;
}

/* A table or schema that does not exist yet: a database never migrated. */
static bool is_missing(const struct db_error *err)
{
	return strcmp(err->sqlstate, "42P01") == 0 || strcmp(err->sqlstate, "3F000") == 0;
}

/* One round trip: a database not yet migrated answers "no such table". */
int migrate_db_version(PGconn *conn, struct db_error *err)
{
	PGresult *res = db_query(conn, err,
		"SELECT coalesce(max(version), 0) FROM hosho.schema_migration", 0, NULL);
	int v;

	if (!res)
		return is_missing(err) ? 0 : -1;
	v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/* Applies one file in its own transaction, recording it in table. */
static bool apply_file(PGconn *conn, const char *dir, const struct sql_file *f,
		       const char *record_sql, struct db_error *err)
{
	char *path = xasprintf("%s/%s", dir, f->name);
	char *sql = read_file(path, err);
	char num[16];
	const char *params[2] = {num, f->name};
	PGresult *res;
	bool ok = false;

	snprintf(num, sizeof num, "%d", f->number);
	if (!sql)
		goto out;
	if (!db_exec(conn, err, "BEGIN", 0, NULL))
		goto out;
	/* Simple-query protocol: a file holds many statements. */
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
		struct db_error cause;
		db_error_from(&cause, conn, res);
		db_error_set(err, _("%s failed: %s"), path, cause.message);
		PQclear(res);
		PQclear(PQexec(conn, "ROLLBACK"));
		goto out;
	}
	PQclear(res);
	if (!db_exec(conn, err, record_sql, 2, params) || !db_exec(conn, err, "COMMIT", 0, NULL)) {
		PQclear(PQexec(conn, "ROLLBACK"));
		goto out;
	}
	ok = true;
out:
	free(sql);
	free(path);
	return ok;
}

/* Applies every file of dir whose number is not in done (the record's
 * numbers, which the caller read). */
static int apply_dir(PGconn *conn, const char *dir, PGresult *done, const char *record_sql,
		     struct db_error *err)
{
	int n, count = 0;
	struct sql_file *files = list_files(dir, &n, err);

	if (n < 0) {
		PQclear(done);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		bool applied = false;
		for (int j = 0; j < PQntuples(done) && !applied; j++)
			applied = atoi(PQgetvalue(done, j, 0)) == files[i].number;
		if (applied)
			continue;
		if (!apply_file(conn, dir, &files[i], record_sql, err)) {
			count = -1;
			break;
		}
		count++;
	}
	PQclear(done);
	free_files(files, n);
	return count;
}

static bool refuse_newer(int db, int shipped, struct db_error *err)
{
	if (db <= shipped)
		return false;
	db_error_set(err, _("The database is at schema version %d, newer than this program (%d): install the newer hosho."),
		     db, shipped);
	return true;
}

int migrate_apply(PGconn *conn, const char *dir, struct db_error *err)
{
	int shipped = migrate_shipped_version(dir);
	int db = migrate_db_version(conn, err);
	PGresult *done;

	if (db < 0)
		return -1;
	if (shipped < 0) {
		db_error_set(err, _("Cannot read the SQL directory %s."), dir);
		return -1;
	}
	if (refuse_newer(db, shipped, err))
		return -1;
	if (db == shipped) /* the usual start: nothing more to ask */
		return 0;
	if (!db_exec(conn, err, "SET client_min_messages = warning", 0, NULL) ||
	    !db_exec(conn, err, "CREATE SCHEMA IF NOT EXISTS hosho", 0, NULL) ||
	    !db_exec(conn, err,
		     "CREATE TABLE IF NOT EXISTS hosho.schema_migration ("
		     " version integer PRIMARY KEY, name text NOT NULL,"
		     " applied_at timestamptz NOT NULL DEFAULT now(),"
		     " applied_by name NOT NULL DEFAULT session_user)", 0, NULL))
		return -1;
	done = db_query(conn, err, "SELECT version FROM hosho.schema_migration", 0, NULL);
	if (!done)
		return -1;
	return apply_dir(conn, dir, done,
			 "INSERT INTO hosho.schema_migration (version, name) VALUES ($1, $2)", err);
}

int migrate_demo(PGconn *conn, const char *dir, struct db_error *err)
{
	/* One round trip when the demo data is loaded: its record answers. */
	PGresult *done = db_query(conn, err, "SELECT number FROM hosho.demo_loaded", 0, NULL);

	if (!done && is_missing(err)) {
		if (!db_exec(conn, err,
			     "CREATE TABLE hosho.demo_loaded ("
			     " number integer PRIMARY KEY, name text NOT NULL,"
			     " loaded_at timestamptz NOT NULL DEFAULT now())", 0, NULL))
			return -1;
		done = db_query(conn, err, "SELECT number FROM hosho.demo_loaded", 0, NULL);
	}
	if (!done)
		return -1;
	return apply_dir(conn, dir, done,
			 "INSERT INTO hosho.demo_loaded (number, name) VALUES ($1, $2)", err);
}

bool migrate_check_compatible(PGconn *conn, const char *dir, struct db_error *err)
{
	int db = migrate_db_version(conn, err);

	if (db < 0)
		return false;
	if (db == 0) {
		db_error_set(err, "%s", _("The database has no hosho schema: the operator must run hosho --migrate first."));
		return false;
	}
	return !refuse_newer(db, migrate_shipped_version(dir), err);
}
