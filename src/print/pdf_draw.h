/* Drawing the corporation's A4 forms: Cairo draws, Pango sets the Japanese
 * text in an IPAex (or Noto CJK) font. What the certificate and the 稟議書
 * share: the page, text boxes measured by Pango, ruled label/value rows
 * that go on to the next page, cells of a table, values as forms print
 * them, and the PDF file itself. */
#ifndef HOSHO_PDF_DRAW_H
#define HOSHO_PDF_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pangocairo.h>

/* A4 in points, and the margins of the corporation's forms (20 mm). */
#define PDF_PAGE_W 595.28
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 56.7
#define PDF_BODY_W (PDF_PAGE_W - 2 * PDF_MARGIN)
#define PDF_CELL_PAD 5.0

/* Fontconfig falls back from IPAex to Noto CJK where only that is installed. */
#define PDF_MINCHO "IPAexMincho, Noto Serif CJK JP"
#define PDF_GOTHIC "IPAexGothic, Noto Sans CJK JP"

struct pdf_page {
	cairo_t *cr;
	double y; /* where the next block starts */
};

/* Sets text in a box of width w at (x, y); draws it only when draw is set.
 * Returns its height. */
double pdf_text_box(cairo_t *cr, const char *font, double size, PangoAlignment align, double x,
		    double y, double w, const char *text, bool draw);

/* A line across the body, advancing the page by its height plus gap. */
void pdf_line(struct pdf_page *p, const char *font, double size, PangoAlignment align, double gap,
	      const char *text);

/* A bold Gothic title in width w from the left margin, letter-spaced as on the
 * corporation's forms, advancing the page by its height plus gap. */
void pdf_title(struct pdf_page *p, double w, double size, double spacing, PangoAlignment align,
	       double gap, const char *text);

/* A ruled box, shaded grey inside when asked (a label, a table's head). */
void pdf_frame(cairo_t *cr, double x, double y, double w, double h, bool shaded);

/* Starts a new page unless h points are left above the bottom margin. */
void pdf_need(struct pdf_page *p, double h);

/* One ruled row of label_w for the shaded label and the rest for the
 * value. A row that does not fit starts a new page; a value too long for
 * that goes on over the next pages, split between its lines. */
void pdf_row(struct pdf_page *p, double label_w, const char *label, const char *value);
/* The same with a value built by the caller, freed after drawing. */
void pdf_row_owned(struct pdf_page *p, double label_w, const char *label, char *value);

/* One ruled row of a table: cells side by side, each set in its width;
 * head cells shaded in Gothic. Kept on one page. */
struct pdf_cell {
	const char *text;
	double w;
	PangoAlignment align;
	bool head;
};
void pdf_cells(struct pdf_page *p, size_t n, const struct pdf_cell *cells);

/* Values as the forms print them (owned): 12,500,000円; 令和6年4月1日
 * from an ISO date (the ISO text itself if it is none). */
char *pdf_yen(long long v);
char *pdf_era_date(const char *iso);
/* A rate in basis points a year: 1.15% a year (owned). */
char *pdf_rate_bp(long long bp);

/* Appends part to *s after "、" when *s is not empty. */
void pdf_append(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes an A4 PDF to path (mode 0600, as every file of customer data
 * hosho writes), its pages drawn by draw(page, doc) in black on white.
 * 0 on success; -1 with *why the system's or Cairo's reason (static). */
typedef void pdf_draw_fn(struct pdf_page *p, const void *doc);
int pdf_render(const char *path, const char *title, const char *author, pdf_draw_fn *draw,
	       const void *doc, const char **why);

#endif
