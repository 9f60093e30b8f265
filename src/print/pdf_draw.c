/* The drawing of the corporation's A4 forms, shared by the certificate
 * and the 稟議書 (pdf_draw.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "i18n.h"
#include "print/pdf_draw.h"
#include "text/text.h"
#include "util.h"

#define LABEL_SIZE 10.0
#define VALUE_SIZE 10.5

static PangoLayout *layout_new(cairo_t *cr, const char *font, double size, PangoAlignment align,
			       double w, const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	pango_font_description_free(fd);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int h;

	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

double pdf_text_box(cairo_t *cr, const char *font, double size, PangoAlignment align, double x,
		    double y, double w, const char *text, bool draw)
{
	PangoLayout *l = layout_new(cr, font, size, align, w, text);
	double h = layout_height(l);

	if (draw) {
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, l);
	}
	g_object_unref(l);
	return h;
}

void pdf_line(struct pdf_page *p, const char *font, double size, PangoAlignment align, double gap,
	      const char *text)
{
	p->y += pdf_text_box(p->cr, font, size, align, PDF_MARGIN, p->y, PDF_BODY_W, text, true) + gap;
}

void pdf_title(struct pdf_page *p, double w, double size, double spacing, PangoAlignment align,
	       double gap, const char *text)
{
	PangoLayout *l = layout_new(p->cr, PDF_GOTHIC, size, align, w, text);
	PangoFontDescription *fd = pango_font_description_from_string(PDF_GOTHIC);
	PangoAttrList *attrs = pango_attr_list_new();

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)(spacing * PANGO_SCALE)));
	pango_layout_set_attributes(l, attrs);
	cairo_move_to(p->cr, PDF_MARGIN, p->y);
	pango_cairo_show_layout(p->cr, l);
	p->y += layout_height(l) + gap;
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	g_object_unref(l);
}

void pdf_need(struct pdf_page *p, double h)
{
	if (p->y + h > PDF_PAGE_H - PDF_MARGIN) {
		cairo_show_page(p->cr);
		p->y = PDF_MARGIN;
	}
}

void pdf_frame(cairo_t *cr, double x, double y, double w, double h, bool shaded)
{
	if (shaded) {
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

/* How much of layout l, from height from down, fits in room points when
 * cut between lines: the bottom of the last line that ends within it. */
static double lines_fitting(PangoLayout *l, double from, double room)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double fits = 0;

	do {
		int y0, y1;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if ((double)y0 / PANGO_SCALE + 0.01 >= from && (double)y1 / PANGO_SCALE <= from + room)
			fits = (double)y1 / PANGO_SCALE - from;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return fits;
}

void pdf_row(struct pdf_page *p, double label_w, const char *label, const char *value)
{
	double vw = PDF_BODY_W - label_w - 2 * PDF_CELL_PAD;
	double vx = PDF_MARGIN + label_w + PDF_CELL_PAD;
	PangoLayout *v = layout_new(p->cr, PDF_MINCHO, VALUE_SIZE, PANGO_ALIGN_LEFT, vw, value);
	double vh = layout_height(v), shown = 0;
	double lh = pdf_text_box(p->cr, PDF_GOTHIC, LABEL_SIZE, PANGO_ALIGN_LEFT, 0, 0,
				 label_w - 2 * PDF_CELL_PAD, label, false);
	double page_body = PDF_PAGE_H - 2 * PDF_MARGIN - 2 * PDF_CELL_PAD;

	/* A row that fits a page is kept whole; a longer one starts here
	 * when a line of it fits. */
	if ((vh > lh ? vh : lh) <= page_body)
		pdf_need(p, (vh > lh ? vh : lh) + 2 * PDF_CELL_PAD);
	for (;;) {
		double room = PDF_PAGE_H - PDF_MARGIN - p->y - 2 * PDF_CELL_PAD;
		double part = vh - shown <= room ? vh - shown : lines_fitting(v, shown, room);
		double h = (part > lh ? part : lh) + 2 * PDF_CELL_PAD;

		if (part <= 0 && vh > 0) {
			pdf_need(p, PDF_PAGE_H);
			continue;
		}
		pdf_frame(p->cr, PDF_MARGIN, p->y, label_w, h, true);
		pdf_frame(p->cr, PDF_MARGIN + label_w, p->y, PDF_BODY_W - label_w, h, false);
		pdf_text_box(p->cr, PDF_GOTHIC, LABEL_SIZE, PANGO_ALIGN_LEFT, PDF_MARGIN + PDF_CELL_PAD,
			     p->y + PDF_CELL_PAD, label_w - 2 * PDF_CELL_PAD, label, true);
		/* The part of the value on this page: the layout shifted up by
		 * what earlier pages showed, clipped to this row. */
		cairo_save(p->cr);
		cairo_rectangle(p->cr, vx - 1, p->y + PDF_CELL_PAD, vw + 2, part);
		cairo_clip(p->cr);
		cairo_move_to(p->cr, vx, p->y + PDF_CELL_PAD - shown);
		pango_cairo_show_layout(p->cr, v);
		cairo_restore(p->cr);
		p->y += h;
		shown += part;
		if (shown >= vh - 0.01)
			break;
		pdf_need(p, PDF_PAGE_H);
	}
	g_object_unref(v);
}

void pdf_row_owned(struct pdf_page *p, double label_w, const char *label, char *value)
{
	pdf_row(p, label_w, label, value);
	free(value);
}

void pdf_cells(struct pdf_page *p, size_t n, const struct pdf_cell *cells)
{
	double h = 0, x = PDF_MARGIN;

	for (size_t i = 0; i < n; i++) {
		double ch = pdf_text_box(p->cr, cells[i].head ? PDF_GOTHIC : PDF_MINCHO,
					 cells[i].head ? LABEL_SIZE : VALUE_SIZE, cells[i].align, 0, 0,
					 cells[i].w - 2 * PDF_CELL_PAD, cells[i].text, false);
		if (ch > h)
			h = ch;
	}
	h += 2 * PDF_CELL_PAD;
	pdf_need(p, h);
	for (size_t i = 0; i < n; i++) {
		pdf_frame(p->cr, x, p->y, cells[i].w, h, cells[i].head);
		pdf_text_box(p->cr, cells[i].head ? PDF_GOTHIC : PDF_MINCHO,
			     cells[i].head ? LABEL_SIZE : VALUE_SIZE, cells[i].align, x + PDF_CELL_PAD,
			     p->y + PDF_CELL_PAD, cells[i].w - 2 * PDF_CELL_PAD, cells[i].text, true);
		x += cells[i].w;
	}
	p->y += h;
}

/* ---- values as the forms show them ------------------------------------ */

char *pdf_yen(long long v)
{
	char digits[32];

	text_amount_format(v, digits, sizeof digits);
	return xasprintf(_("%s yen"), digits);
}

char *pdf_era_date(const char *iso)
{
	struct text_date d;
	char buf[64];

	if (!text_date_from_iso(iso, &d) || text_date_format_long(&d, buf, sizeof buf) < 0)
		return xstrdup(iso);
	return xstrdup(buf);
}

char *pdf_rate_bp(long long bp)
{
	return xasprintf(_("%lld.%02lld%% a year"), bp / 100, bp % 100);
}

void pdf_append(char **s, const char *fmt, ...)
{
	va_list ap;
	char *part, *joined;

	va_start(ap, fmt);
	if (vasprintf(&part, fmt, ap) < 0)
		abort();
	va_end(ap);
	joined = **s ? xasprintf(_("%s, %s"), *s, part) : xstrdup(part);
	free(part);
	free(*s);
	*s = joined;
}

/* ---- the file ---------------------------------------------------------- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static FILE *open_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;

	if (fd >= 0 && !f)
		close(fd);
	return f;
}

int pdf_render(const char *path, const char *title, const char *author, pdf_draw_fn *draw,
	       const void *doc, const char **why)
{
	cairo_surface_t *surface;
	cairo_status_t status;
	struct pdf_page page;
	FILE *f = open_private(path);

	if (!f) {
		*why = strerror(errno);
		return -1;
	}
	surface = cairo_pdf_surface_create_for_stream(write_out, f, PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	if (author)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author);
	page.cr = cairo_create(surface);
	page.y = PDF_MARGIN;
	cairo_set_source_rgb(page.cr, 0, 0, 0);
	draw(&page, doc);
	cairo_destroy(page.cr);
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (fclose(f) != 0 && status == CAIRO_STATUS_SUCCESS)
		status = CAIRO_STATUS_WRITE_ERROR;
	if (status != CAIRO_STATUS_SUCCESS) {
		*why = cairo_status_to_string(status);
		return -1;
	}
	return 0;
}
