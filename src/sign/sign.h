/* The authenticated electronic certificate (認証付電子保証書): the
 * certificate document's canonical bytes with a detached CMS signature by
 * the corporation's key, which a bank checks with
 *   openssl cms -verify -binary -inform DER -content doc.json -CAfile corp.pem
 * Signing runs only in the operator's batch (hosho --sign-certificates):
 * the key is read from a file of the operator's, never from the database. */
#ifndef HOSHO_SIGN_H
#define HOSHO_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>

/* ---- cms_sign.c ------------------------------------------------------- */

struct signer;

/* Loads the private key (PEM, a file no one but its owner may read or
 * write) and its certificate (PEM); checks that they belong together.
 * NULL with *err an owned, translated message. */
struct signer *signer_load(const char *key_path, const char *cert_path, char **err);
void signer_free(struct signer *s);
/* The certificate's subject, RFC 2253 ("CN=...,O=..."): owned. */
char *signer_subject(const struct signer *s);
/* The detached CMS signature (DER) of data[0..len): *der owned by the
 * caller (free()). false with *err. */
bool signer_sign(const struct signer *s, const unsigned char *data, size_t len,
		 unsigned char **der, size_t *der_len, char **err);

/* ---- sign_batch.c ----------------------------------------------------- */

/* Signs every electronic certificate the database has waiting
 * (hosho.certificate_unsigned()) and stores each signature
 * (hosho.certificate_sign_store), each certificate on its own. Reports
 * each failure on stderr. Returns the number signed, and sets *failed to
 * the number refused; -1 when the list itself could not be read. */
int sign_batch_run(PGconn *conn, const struct signer *s, int *failed);

/* ---- electronic_write.c ----------------------------------------------- */

/* Writes DIR/NO.json and DIR/NO.p7s (mode 0600), what the bank verifies, as
 * the signed-in staff member of conn sees the certificate. 0, or -1 with
 * *err (owned, translated): out of scope, not signed yet, not writable.
 * What the issuance screen and hosho --certificate-electronic call. */
int certificate_electronic_write(PGconn *conn, const char *certificate_no, const char *dir,
				 char **err);

#endif
