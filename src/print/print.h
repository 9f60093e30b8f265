/* Printed documents: the 信用保証書 and the 保証稟議書 as PDFs in the
 * corporation's layout.
 * Each comes as the jsonb text of a database function (certificate_document,
 * guarantee_ringi_document; keys in doc/lifecycle.md), so a screen, the command line and the tests
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

/* ---- ringi_pdf.c ------------------------------------------------------ */

/* Writes the 保証稟議書 of hosho.guarantee_ringi_document(id)'s text as an
 * A4 PDF to path. 0 on success; -1 with *err an owned, translated message
 * (a key missing or of the wrong kind, a file not written). */
int ringi_pdf_write(const char *document_json, const char *path, char **err);

/* ---- document_print.c ------------------------------------------------- */

/* Prints certificate certificate_no, as the signed-in staff member of conn
 * sees it (hosho.certificate_document, which logs the print), to path.
 * What the issuance screen and hosho --certificate-pdf call. */
int certificate_pdf_print(PGconn *conn, const char *certificate_no, const char *path, char **err);

/* Prints the 保証稟議書 of guarantee case id as the signed-in staff member
 * of conn sees it (hosho.guarantee_ringi_document, which logs the print)
 * to path. What the review screen and hosho --ringi-pdf call. */
int ringi_pdf_print(PGconn *conn, long long id, const char *path, char **err);

/* ---- table_pdf.c ------------------------------------------------------ */

/* A report as a list screen shows it: a title, lines saying what it covers
 * and who printed it, and a ruled table of the columns shown, in their
 * order and proportions, pages following as needed. */
struct print_table {
	const char *title;
	const char *const *notes; /* lines under the title */
	size_t nnotes;
	size_t ncols;
	const char *const *headers;
	const int *widths;  /* relative widths (the screen's cells) */
	const bool *right;  /* right-aligned columns (amounts, counts) */
	size_t nrows;
	char *const *const *cells; /* [row][col], NULL for an empty cell */
};

/* Writes the table as an A4 PDF to path (mode 0600). 0 on success; -1 with
 * *err an owned, translated message. */
int table_pdf_write(const struct print_table *t, const char *path, char **err);

#endif
