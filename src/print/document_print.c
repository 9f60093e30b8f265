/* Printing from the database: a document as the database gives it to the
 * signed-in staff member (the function logs the print), then its PDF. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/db.h"
#include "i18n.h"
#include "print/print.h"
#include "util.h"

typedef int write_fn(const char *document_json, const char *path, char **err);

/* query: one parameter, one jsonb (NULL when out of scope); missing: the
 * message then (owned by the caller). */
static int print_document(PGconn *conn, const char *query, const char *param, char *missing,
			  write_fn *write, const char *path, char **err)
{
	const char *params[] = {param};
	struct db_error dberr;
	PGresult *res = db_query(conn, &dberr, query, 1, params);
	int status = -1;

	if (!res)
		*err = xstrdup(dberr.message);
	else if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0))
		*err = xstrdup(missing);
	else
		status = write(PQgetvalue(res, 0, 0), path, err);
	PQclear(res);
	free(missing);
	return status;
}

int certificate_pdf_print(PGconn *conn, const char *certificate_no, const char *path, char **err)
{
	return print_document(conn, "SELECT hosho.certificate_document($1)::text", certificate_no,
			      xasprintf(_("No certificate %s, or it is outside your scope."), certificate_no),
			      certificate_pdf_write, path, err);
}

int ringi_pdf_print(PGconn *conn, long long id, const char *path, char **err)
{
	char param[24];

	snprintf(param, sizeof param, "%lld", id);
	return print_document(conn, "SELECT hosho.guarantee_ringi_document($1::bigint)::text", param,
			      xasprintf(_("No guarantee case %lld, or it is outside your scope."), id),
			      ringi_pdf_write, path, err);
}
