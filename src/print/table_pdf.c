/* A list screen's report as an A4 PDF (print.h, struct print_table): the
 * title, what the report covers, then the table with a ruled header row
 * repeated on every page and the page number at the foot. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "i18n.h"
#include "print/pdf.h"
#include "print/print.h"
#include "util.h"

#define BODY_W (PAGE_W - 2 * MARGIN)
#define CELL_SIZE 8.5
#define CELL_PAD 3.0
#define FOOT (PAGE_H - MARGIN + 12)

struct sheet {
	cairo_t *cr;
	const struct print_table *t;
	double x[64 + 1]; /* each column's left edge, and the right edge */
	double y;
	int page;
};

static void rule(cairo_t *cr, double x0, double y, double x1)
{
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

/* One row of cells (the header when bold); the height it took. */
static double row(struct sheet *sh, const char *const *cells, bool bold, bool draw)
{
	const struct print_table *t = sh->t;
	double h = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		const char *text = cells[c] ? cells[c] : "";
		double w = sh->x[c + 1] - sh->x[c] - 2 * CELL_PAD;
		double ch = pdf_text(sh->cr, bold ? GOTHIC " Bold" : GOTHIC, CELL_SIZE,
				     t->right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
				     sh->x[c] + CELL_PAD, sh->y + CELL_PAD, w, text, draw);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD;
}

static void foot(struct sheet *sh)
{
	char *no = xasprintf(_("- %d -"), sh->page);

	pdf_text(sh->cr, GOTHIC, 8, PANGO_ALIGN_CENTER, MARGIN, FOOT, BODY_W, no, true);
	free(no);
}

static void header_row(struct sheet *sh)
{
	double h;

	rule(sh->cr, MARGIN, sh->y, MARGIN + BODY_W);
	h = row(sh, sh->t->headers, true, true);
	sh->y += h;
	rule(sh->cr, MARGIN, sh->y, MARGIN + BODY_W);
}

static void draw(struct sheet *sh)
{
	const struct print_table *t = sh->t;

	sh->y = MARGIN;
	sh->page = 1;
	sh->y += pdf_text(sh->cr, MINCHO, 15, PANGO_ALIGN_CENTER, MARGIN, sh->y, BODY_W, t->title, true) + 10;
	for (size_t i = 0; i < t->nnotes; i++)
		sh->y += pdf_text(sh->cr, GOTHIC, 9, PANGO_ALIGN_LEFT, MARGIN, sh->y, BODY_W, t->notes[i], true) + 2;
	sh->y += 8;
	header_row(sh);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *const *cells = (const char *const *)t->cells[r];
		double h = row(sh, cells, false, false);
		if (sh->y + h > PAGE_H - MARGIN) {
			foot(sh);
			cairo_show_page(sh->cr);
			sh->page++;
			sh->y = MARGIN;
			header_row(sh);
		}
		row(sh, cells, false, true);
		sh->y += h;
		rule(sh->cr, MARGIN, sh->y, MARGIN + BODY_W);
	}
	foot(sh);
}

int table_pdf_write(const struct print_table *t, const char *path, char **err)
{
	struct sheet sh = {.t = t};
	cairo_surface_t *surface;
	cairo_status_t status;
	double total = 0, at = MARGIN;
	FILE *f;

	if (t->ncols == 0 || t->ncols > 64) {
		*err = xasprintf(_("A report prints 1 to 64 columns, not %zu."), t->ncols);
		return -1;
	}
	for (size_t c = 0; c < t->ncols; c++)
		total += t->widths[c];
	for (size_t c = 0; c < t->ncols; c++) {
		sh.x[c] = at;
		at += BODY_W * t->widths[c] / total;
	}
	sh.x[t->ncols] = MARGIN + BODY_W;
	f = pdf_open_private(path);
	if (!f) {
		*err = xasprintf(_("The report could not be written to %s: %s"), path, strerror(errno));
		return -1;
	}
	surface = cairo_pdf_surface_create_for_stream(pdf_write_out, f, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, t->title);
	sh.cr = cairo_create(surface);
	cairo_set_source_rgb(sh.cr, 0, 0, 0);
	draw(&sh);
	cairo_destroy(sh.cr);
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (fclose(f) != 0 && status == CAIRO_STATUS_SUCCESS)
		status = CAIRO_STATUS_WRITE_ERROR;
	if (status != CAIRO_STATUS_SUCCESS) {
		*err = xasprintf(_("The report could not be written to %s: %s"), path,
				 cairo_status_to_string(status));
		return -1;
	}
	return 0;
}
