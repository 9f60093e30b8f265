/* What the printed documents share: the page, the fonts, setting text in a
 * box with Pango, and the private file a PDF is written to. Internal to
 * src/print. */
#ifndef HOSHO_PRINT_PDF_H
#define HOSHO_PRINT_PDF_H

#include <stdbool.h>
#include <stdio.h>

#include <cairo.h>
#include <pango/pangocairo.h>

/* A4 in points, and the margins of the corporation's forms (20 mm). */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.7

/* Fontconfig falls back from IPAex to Noto CJK where only that is installed. */
#define MINCHO "IPAexMincho, Noto Serif CJK JP"
#define GOTHIC "IPAexGothic, Noto Sans CJK JP"

/* Sets text in a box of width w at (x, y); draws it only when draw is set.
 * Returns its height. */
double pdf_text(cairo_t *cr, const char *font, double size, PangoAlignment align, double x, double y,
		double w, const char *text, bool draw);

/* The file for a PDF: mode 0600, as every file of customer data hosho
 * writes; NULL with errno set. */
FILE *pdf_open_private(const char *path);
/* cairo's write function onto that FILE. */
cairo_status_t pdf_write_out(void *closure, const unsigned char *data, unsigned int n);

#endif
