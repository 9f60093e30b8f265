/* Printed documents: the 信用保証書 as a PDF in the corporation's layout.
 * The document comes as the jsonb text of hosho.certificate_document(no)
 * (keys in doc/lifecycle.md), so a screen, the command line and the tests
 * print the same thing from the same data. */
#ifndef HOSHO_PRINT_H
#define HOSHO_PRINT_H

#include <stdbool.h>
#include <libpq-fe.h>

/* The certificate as the document carries it. Absent numbers are -1;
 * absent texts are NULL. */
struct certificate_doc {
	char *certificate_no;
	char *issued_on, *valid_until; /* ISO dates, as the database gives them */
	char *corporation_name, *corporation_address, *president;
	char *bank_name, *branch_name;
	char *company_name, *company_address, *representative;
	char *scheme_name, *sharing_name, *repayment_name, *use_of_funds_name;
	char *fee_collection_name;
	char *conditions; /* one per line when the document gives a list */
	long long loan_amount, guaranteed_amount, fee_yen;
	long long guaranteed_share_pct, term_months, installments, deferral_months, fee_rate_bp;
};

/* ---- certificate_doc.c ------------------------------------------------ */

/* Reads the document. On failure returns false with *err an owned,
 * translated message naming the key at fault. */
bool certificate_doc_parse(const char *json, struct certificate_doc *doc, char **err);
void certificate_doc_free(struct certificate_doc *doc);

/* ---- certificate_pdf.c ------------------------------------------------ */

/* Writes the certificate as an A4 PDF to path. 0 on success; -1 with *err
 * an owned, translated message. */
int certificate_pdf_write(const char *document_json, const char *path, char **err);

/* ---- certificate_print.c ---------------------------------------------- */

/* Prints certificate certificate_no, as the signed-in staff member of conn
 * sees it (hosho.certificate_document, which logs the print), to path.
 * What the issuance screen and hosho --certificate-pdf call. */
int certificate_pdf_print(PGconn *conn, const char *certificate_no, const char *path, char **err);

#endif
