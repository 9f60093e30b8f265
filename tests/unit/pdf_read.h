/* Reading back what a print test wrote: its fixture document, the PDF's
 * text as pdftotext lays it out (spaces and line breaks taken out, so the
 * figures match whatever the columns), and its number of pages. */
#ifndef HOSHO_TEST_PDF_READ_H
#define HOSHO_TEST_PDF_READ_H

/* tests/unit/NAME, read whole (owned), or NULL. */
char *pdf_fixture(const char *name);
/* The text of the PDF at path (owned). */
char *pdf_text(const char *pdf);
/* The text within a rectangle of one page (points from the top left). */
char *pdf_text_area(const char *pdf, int page, double x, double y, double w, double h);
int pdf_pages(const char *pdf);
/* Sets up gettext for Japanese from HOSHO_LOCALE_DIR, as hosho does. */
void pdf_test_locale(void);

#endif
