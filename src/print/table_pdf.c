/* A list screen's report as an A4 PDF (print.h, struct print_table): the
 * title, what the report covers, then the table with a ruled header row
 * repeated on every page and the page number at the foot. */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "print/pdf_draw.h"
#include "print/print.h"
#include "util.h"

#define CELL_SIZE 8.5
#define CELL_PAD 3.0
#define FOOT (PDF_PAGE_H - PDF_MARGIN + 12)

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
		double ch = pdf_text_box(sh->cr, bold ? PDF_GOTHIC " Bold" : PDF_GOTHIC, CELL_SIZE,
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

	pdf_text_box(sh->cr, PDF_GOTHIC, 8, PANGO_ALIGN_CENTER, PDF_MARGIN, FOOT, PDF_BODY_W, no, true);
	free(no);
}

static void header_row(struct sheet *sh)
{
	double h;

	rule(sh->cr, PDF_MARGIN, sh->y, PDF_MARGIN + PDF_BODY_W);
	h = row(sh, sh->t->headers, true, true);
	sh->y += h;
	rule(sh->cr, PDF_MARGIN, sh->y, PDF_MARGIN + PDF_BODY_W);
}

static void draw(struct pdf_page *p, const void *doc)
{
	struct sheet *sh = (struct sheet *)doc;
	const struct print_table *t = sh->t;

	pdf_line(p, PDF_MINCHO, 15, PANGO_ALIGN_CENTER, 10, t->title);
	for (size_t i = 0; i < t->nnotes; i++)
		pdf_line(p, PDF_GOTHIC, 9, PANGO_ALIGN_LEFT, 2, t->notes[i]);
	sh->cr = p->cr;
	sh->y = p->y + 8;
	sh->page = 1;
	header_row(sh);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *const *cells = (const char *const *)t->cells[r];
		double h = row(sh, cells, false, false);
		if (sh->y + h > PDF_PAGE_H - PDF_MARGIN) {
			foot(sh);
			cairo_show_page(sh->cr);
			sh->page++;
			sh->y = PDF_MARGIN;
			header_row(sh);
		}
		row(sh, cells, false, true);
		sh->y += h;
		rule(sh->cr, PDF_MARGIN, sh->y, PDF_MARGIN + PDF_BODY_W);
	}
	foot(sh);
}

int table_pdf_write(const struct print_table *t, const char *path, char **err)
{
	struct sheet sh = {.t = t};
	double total = 0, at = PDF_MARGIN;
	const char *why;

	if (t->ncols == 0 || t->ncols > 64) {
		*err = xasprintf(_("A report prints 1 to 64 columns, not %zu."), t->ncols);
		return -1;
	}
	for (size_t c = 0; c < t->ncols; c++)
		total += t->widths[c];
	for (size_t c = 0; c < t->ncols; c++) {
		sh.x[c] = at;
		at += PDF_BODY_W * t->widths[c] / total;
	}
	sh.x[t->ncols] = PDF_MARGIN + PDF_BODY_W;
	if (pdf_render(path, t->title, NULL, draw, &sh, &why) != 0) {
		*err = xasprintf(_("The report could not be written to %s: %s"), path, why);
		return -1;
	}
	return 0;
}
