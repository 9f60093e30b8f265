/* hosho --import FILE: a bank report loaded and checked, its errors listed
 * with line and field, and applied when asked (--apply all | valid), as the
 * import screen does it (doc/bank_report.md). Exit status: 0 every line
 * valid (and applied if asked), 2 lines in error (nothing applied, or the
 * valid ones with --apply valid), 1 refused or failed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* Lines sent so far: on a terminal in place, else every tenth of a large file. */
struct cli_progress {
	bool tty;
	size_t last_tenth;
};

static void show_progress(void *ctx, size_t sent, size_t total)
{
	struct cli_progress *p = ctx;
	size_t tenth = total ? sent * 10 / total : 10;

	if (total < 10000 || (!p->tty && tenth == p->last_tenth))
		return;
	p->last_tenth = tenth;
	fprintf(stderr, _("Sent %zu of %zu lines."), sent, total);
	fputs(p->tty && sent < total ? "\r" : "\n", stderr);
}

/* The keys of a file record (or of any jsonb text), one query. */
static PGresult *record_keys(PGconn *conn, const char *record, struct db_error *err)
{
	const char *params[] = {record};

	return db_query(conn, err,
		"SELECT r->>'file_id', coalesce(r->>'bank_code', '-'), coalesce(r->>'bank_name', '-'), "
		"       coalesce(r->>'reported_on', '-'), r->>'line_count', r->>'valid_count', r->>'error_count', "
		"       r->>'encoding', r->>'refused', r->>'applied_count', r->>'mode_name' "
		"  FROM (SELECT $1::jsonb AS r) x", 1, params);
}

enum { K_ID, K_BANK, K_BANK_NAME, K_ON, K_LINES, K_VALID, K_ERRORS, K_ENC, K_REFUSED, K_APPLIED, K_MODE };

static bool print_errors(PGconn *conn, const char *file_id, struct db_error *err)
{
	const char *params[] = {file_id};
	PGresult *res = db_query(conn, err,
		"SELECT line_no, field_name, message FROM hosho.bank_report_errors($1, NULL)", 1, params);

	if (!res)
		return false;
	for (int r = 0; r < PQntuples(res); r++)
		printf(_("line %s, %s: %s\n"), PQgetvalue(res, r, 0), PQgetvalue(res, r, 1), PQgetvalue(res, r, 2));
	PQclear(res);
	return true;
}

/* Applies the loaded file; 0, 2 or 1 as the exit status. */
static int apply(PGconn *conn, const char *file_id, const char *mode, bool errors)
{
	char request[37], *saved = NULL;
	const char *params[] = {file_id, mode, request};
	struct db_error err;
	PGresult *res, *keys;
	int status = 1;

	uuid_v4(request);
	if (!import_timeout_lift(conn, &saved, &err)) {
		fprintf(stderr, "hosho: %s\n", err.message);
		return 1;
	}
	res = db_query(conn, &err, "SELECT hosho.bank_report_apply($1, $2, $3)::text", 3, params);
	import_timeout_restore(conn, saved);
	keys = res ? record_keys(conn, PQgetvalue(res, 0, 0), &err) : NULL;
	if (!keys) {
		fprintf(stderr, "hosho: %s\n", err.message);
	} else if (!PQgetisnull(keys, 0, K_REFUSED)) {
		fprintf(stderr, "hosho: %s\n", PQgetvalue(keys, 0, K_REFUSED));
		status = 2;
	} else {
		printf(_("Applied %s lines (%s).\n"), PQgetvalue(keys, 0, K_APPLIED), PQgetvalue(keys, 0, K_MODE));
		status = errors ? 2 : 0;
	}
	PQclear(keys);
	PQclear(res);
	return status;
}

int import_cli(PGconn *conn, const struct import_options *o)
{
	struct cli_progress progress = {.tty = isatty(STDERR_FILENO), .last_tenth = 0};
	struct import_file f;
	struct db_error err;
	char *record = NULL, *saved = NULL;
	PGresult *keys = NULL;
	int status = 1;
	bool errors;

	if (!import_scan(o->path, o->encoding, &f, &err) || !import_timeout_lift(conn, &saved, &err))
		goto fail;
	record = import_load(conn, &f, o->bank, show_progress, &progress, &err);
	import_timeout_restore(conn, saved);
	if (!record || !(keys = record_keys(conn, record, &err)))
		goto fail;
	printf(_("Import %s: bank %s %s, reporting date %s, read as %s: %s lines, %s valid, %s with errors.\n"),
	       PQgetvalue(keys, 0, K_ID), PQgetvalue(keys, 0, K_BANK), PQgetvalue(keys, 0, K_BANK_NAME),
	       PQgetvalue(keys, 0, K_ON), PQgetvalue(keys, 0, K_ENC), PQgetvalue(keys, 0, K_LINES),
	       PQgetvalue(keys, 0, K_VALID), PQgetvalue(keys, 0, K_ERRORS));
	errors = strcmp(PQgetvalue(keys, 0, K_ERRORS), "0") != 0;
	if (!print_errors(conn, PQgetvalue(keys, 0, K_ID), &err))
		goto fail;
	if (o->apply) {
		status = apply(conn, PQgetvalue(keys, 0, K_ID), o->apply, errors);
	} else {
		printf("%s\n", _("Nothing was applied: --apply all applies a file without errors, "
				 "--apply valid its valid lines only."));
		status = errors ? 2 : 0;
	}
	goto out;
fail:
	fprintf(stderr, "hosho: %s\n", err.message);
out:
	PQclear(keys);
	free(record);
	return status;
}
