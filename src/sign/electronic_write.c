/* The electronic certificate as the bank receives it: NO.json (the
 * document's bytes as issued) and NO.p7s (the detached CMS signature, DER),
 * read through hosho.certificate_electronic_get (which logs the open).
 * Mode 0600, as every file of customer data hosho writes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "i18n.h"
#include "sign/sign.h"
#include "util.h"

static bool write_bytes(const char *path, const char *hex, char **err)
{
	size_t n;
	unsigned char *b = PQunescapeBytea((const unsigned char *)hex, &n);
	int fd = b ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	bool ok = fd >= 0 && write(fd, b, n) == (ssize_t)n;

	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok)
		*err = xasprintf(_("%s cannot be written: %s"), path, strerror(errno));
	PQfreemem(b);
	return ok;
}

int certificate_electronic_write(PGconn *conn, const char *certificate_no, const char *dir,
				 char **err)
{
	const char *params[] = {certificate_no};
	struct db_error dberr;
	PGresult *res = db_query(conn, &dberr,
				 "SELECT document, signature FROM hosho.certificate_electronic_get($1)", 1,
				 params);
	char *doc = NULL, *sig = NULL;
	int status = -1;

	if (!res) {
		*err = xstrdup(dberr.message);
		return -1;
	}
	if (PQgetisnull(res, 0, 1)) {
		*err = xasprintf(_("The electronic certificate %s is not signed yet: the signing batch "
				   "has still to run."), certificate_no);
		goto out;
	}
	doc = xasprintf("%s/%s.json", dir, certificate_no);
	sig = xasprintf("%s/%s.p7s", dir, certificate_no);
	if (write_bytes(doc, PQgetvalue(res, 0, 0), err) && write_bytes(sig, PQgetvalue(res, 0, 1), err))
		status = 0;
out:
	free(doc);
	free(sig);
	PQclear(res);
	return status;
}
