/* Printing a certificate from the database: its document as
 * hosho.certificate_document gives it (which logs the print), then the PDF. */
#include "config.h"

#include "db/db.h"
#include "i18n.h"
#include "print/print.h"
#include "util.h"

int certificate_pdf_print(PGconn *conn, const char *certificate_no, const char *path, char **err)
{
	const char *params[] = {certificate_no};
	struct db_error dberr;
	PGresult *res = db_query(conn, &dberr, "SELECT hosho.certificate_document($1)::text", 1, params);
	int status;

	if (!res) {
		*err = xstrdup(dberr.message);
		return -1;
	}
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		*err = xasprintf(_("No certificate %s, or it is outside your scope."), certificate_no);
		PQclear(res);
		return -1;
	}
	status = certificate_pdf_write(PQgetvalue(res, 0, 0), path, err);
	PQclear(res);
	return status;
}
