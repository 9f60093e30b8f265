/* The operator's signing batch: the database lists the electronic
 * certificates waiting for a signature with their canonical bytes, the
 * batch signs those bytes and hands them back with the signature; the
 * database stores them only if the bytes are still the certificate's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/db.h"
#include "i18n.h"
#include "sign/sign.h"
#include "util.h"

/* bytea's text input form: \x and two hex digits a byte. */
static char *bytea_hex(const unsigned char *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = xmalloc(2 * n + 3), *p = s;

	*p++ = '\\';
	*p++ = 'x';
	for (size_t i = 0; i < n; i++) {
		*p++ = digits[b[i] >> 4];
		*p++ = digits[b[i] & 15];
	}
	*p = '\0';
	return s;
}

/* Signs one certificate and stores the signature; reports a failure. */
static bool sign_one(PGconn *conn, const struct signer *s, const char *subject, const char *no,
		     const char *document_hex)
{
	size_t len, der_len;
	unsigned char *doc = PQunescapeBytea((const unsigned char *)document_hex, &len);
	unsigned char *der = NULL;
	char *err = NULL, *signature;
	struct db_error dberr;
	bool ok;

	if (!doc) {
		fprintf(stderr, _("hosho: certificate %s: out of memory\n"), no);
		return false;
	}
	ok = signer_sign(s, doc, len, &der, &der_len, &err);
	PQfreemem(doc);
	if (!ok) {
		fprintf(stderr, _("hosho: certificate %s: %s\n"), no, err);
		free(err);
		return false;
	}
	signature = bytea_hex(der, der_len);
	{
		const char *params[] = {no, document_hex, signature, subject};
		ok = db_exec(conn, &dberr,
			     "SELECT hosho.certificate_sign_store($1, $2::bytea, $3::bytea, $4)", 4,
			     params);
	}
	if (!ok)
		fprintf(stderr, _("hosho: certificate %s: %s\n"), no, dberr.message);
	free(signature);
	free(der);
	return ok;
}

int sign_batch_run(PGconn *conn, const struct signer *s, int *failed)
{
	struct db_error err;
	PGresult *res = db_query(conn, &err,
				 "SELECT certificate_no, document FROM hosho.certificate_unsigned()", 0,
				 NULL);
	char *subject;
	int done = 0;

	*failed = 0;
	if (!res) {
		fprintf(stderr, "hosho: %s\n", err.message);
		return -1;
	}
	subject = signer_subject(s);
	for (int i = 0; i < PQntuples(res); i++) {
		if (sign_one(conn, s, subject, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1)))
			done++;
		else
			(*failed)++;
	}
	free(subject);
	PQclear(res);
	return done;
}
