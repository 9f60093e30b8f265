/* The 信用保証書 as an A4 PDF in the corporation's layout: number and date
 * at the top right, the bank addressed, the corporation with its president
 * and the box its seal is pressed in, the title, the undertaking, and the
 * terms of the guarantee as a ruled table. Cairo draws, Pango sets the
 * Japanese text in an IPAex (or Noto CJK) font. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "i18n.h"
#include "print/print.h"
#include "text/text.h"
#include "util.h"

/* A4 in points, and the margins of the corporation's forms (20 mm). */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.7
#define BODY_W (PAGE_W - 2 * MARGIN)
#define SEAL 45.0     /* the seal box's side */
#define LABEL_W 118.0 /* the terms table's label column */
#define CELL_PAD 5.0

/* Fontconfig falls back from IPAex to Noto CJK where only that is installed. */
#define MINCHO "IPAexMincho, Noto Serif CJK JP"
#define GOTHIC "IPAexGothic, Noto Sans CJK JP"

struct page {
	cairo_t *cr;
	double y; /* where the next block starts */
};

/* Sets text in a box of width w at (x, y); draws it only when draw is set.
 * Returns its height. */
static double text_box(cairo_t *cr, const char *font, double size, PangoAlignment align,
		       double x, double y, double w, const char *text, bool draw)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	if (draw) {
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, l);
	}
	pango_layout_get_size(l, NULL, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* A line across the body, advancing the page by its height plus gap. */
static void line(struct page *p, const char *font, double size, PangoAlignment align,
		 double gap, const char *text)
{
	p->y += text_box(p->cr, font, size, align, MARGIN, p->y, BODY_W, text, true) + gap;
}

/* ---- values as the certificate shows them ----------------------------- */

static char *yen(long long v)
{
	char digits[32];

	text_amount_format(v, digits, sizeof digits);
	return xasprintf(_("%s yen"), digits);
}

/* 令和6年4月1日; the document was checked to hold ISO dates. */
static char *era_date(const char *iso)
{
	struct text_date d;
	char buf[64];

	if (!text_date_from_iso(iso, &d) || text_date_format_long(&d, buf, sizeof buf) < 0)
		return xstrdup(iso);
	return xstrdup(buf);
}

/* Appends ", part" (the Japanese comma) to *s when part is present. */
static void append(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append(char **s, const char *fmt, ...)
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

/* ---- the page --------------------------------------------------------- */

static void heading(struct page *p, const struct certificate_doc *d)
{
	char *no = xasprintf(_("Certificate No. %s"), d->certificate_no);
	char *date = era_date(d->issued_on);
	char *bank = d->branch_name ? xasprintf("%s %s", d->bank_name, d->branch_name)
				    : xstrdup(d->bank_name);
	char *to = xasprintf(_("%s, attention"), bank);

	line(p, MINCHO, 10.5, PANGO_ALIGN_RIGHT, 2, no);
	line(p, MINCHO, 10.5, PANGO_ALIGN_RIGHT, 24, date);
	line(p, MINCHO, 14, PANGO_ALIGN_LEFT, 18, to);
	free(no);
	free(date);
	free(bank);
	free(to);
}

/* The corporation at the right, its seal box beside its head's name. */
static void corporation(struct page *p, const struct certificate_doc *d)
{
	double x = MARGIN + BODY_W * 0.48, w = BODY_W * 0.52 - SEAL - 8, top = p->y;

	if (d->corporation_address)
		p->y += text_box(p->cr, MINCHO, 10, PANGO_ALIGN_LEFT, x, p->y, w,
				 d->corporation_address, true) + 2;
	p->y += text_box(p->cr, MINCHO, 13, PANGO_ALIGN_LEFT, x, p->y, w, d->corporation_name, true) + 2;
	/* The president with the title as the corporation records it (会長 ...). */
	if (d->president)
		p->y += text_box(p->cr, MINCHO, 12, PANGO_ALIGN_LEFT, x, p->y, w, d->president, true);

	if (p->y < top + SEAL)
		p->y = top + SEAL;
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, 0.8);
	cairo_rectangle(p->cr, PAGE_W - MARGIN - SEAL, p->y - SEAL, SEAL, SEAL);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
	text_box(p->cr, MINCHO, 12, PANGO_ALIGN_CENTER, PAGE_W - MARGIN - SEAL,
		 p->y - SEAL / 2 - 8, SEAL, _("Seal"), true);
	cairo_restore(p->cr);
	p->y += 30;
}

/* The title, letter-spaced as on the corporation's forms. */
static void title(struct page *p)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(GOTHIC);
	PangoAttrList *attrs = pango_attr_list_new();
	int h;

	pango_font_description_set_absolute_size(fd, 26 * PANGO_SCALE);
	pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(12 * PANGO_SCALE));
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_width(l, (int)(BODY_W * PANGO_SCALE));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, _("Credit Guarantee Certificate"), -1);
	cairo_move_to(p->cr, MARGIN, p->y);
	pango_cairo_show_layout(p->cr, l);
	pango_layout_get_size(l, NULL, &h);
	p->y += (double)h / PANGO_SCALE + 24;
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* One row of the terms table: ruled, the label shaded; a row that would
 * cross the bottom margin starts a new page. */
static void row(struct page *p, const char *label, const char *value)
{
	double vw = BODY_W - LABEL_W - 2 * CELL_PAD;
	double h = text_box(p->cr, MINCHO, 10.5, PANGO_ALIGN_LEFT, 0, 0, vw, value, false);
	double lh = text_box(p->cr, GOTHIC, 10, PANGO_ALIGN_LEFT, 0, 0, LABEL_W - 2 * CELL_PAD,
			     label, false);

	h = (h > lh ? h : lh) + 2 * CELL_PAD;
	if (p->y + h > PAGE_H - MARGIN) {
		cairo_show_page(p->cr);
		p->y = MARGIN;
	}
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
	cairo_rectangle(p->cr, MARGIN, p->y, LABEL_W, h);
	cairo_fill(p->cr);
	cairo_restore(p->cr);
	cairo_set_line_width(p->cr, 0.6);
	cairo_rectangle(p->cr, MARGIN, p->y, LABEL_W, h);
	cairo_rectangle(p->cr, MARGIN + LABEL_W, p->y, BODY_W - LABEL_W, h);
	cairo_stroke(p->cr);
	text_box(p->cr, GOTHIC, 10, PANGO_ALIGN_LEFT, MARGIN + CELL_PAD, p->y + CELL_PAD,
		 LABEL_W - 2 * CELL_PAD, label, true);
	text_box(p->cr, MINCHO, 10.5, PANGO_ALIGN_LEFT, MARGIN + LABEL_W + CELL_PAD, p->y + CELL_PAD,
		 vw, value, true);
	p->y += h;
}

/* A row whose value is built here and freed after drawing. */
static void row_owned(struct page *p, const char *label, char *value)
{
	row(p, label, value);
	free(value);
}

static void borrower_row(struct page *p, const struct certificate_doc *d)
{
	char *v = xstrdup(d->company_name);
	char *more;

	if (d->company_address) {
		more = xasprintf("%s\n%s", d->company_address, v);
		free(v);
		v = more;
	}
	if (d->representative) {
		more = xasprintf(_("%s\nRepresentative %s"), v, d->representative);
		free(v);
		v = more;
	}
	row_owned(p, _("Borrower"), v);
}

static void amount_rows(struct page *p, const struct certificate_doc *d)
{
	char *guaranteed = yen(d->guaranteed_amount);
	char *v = xasprintf(_("%s (guaranteed share %lld%%)"), guaranteed, d->guaranteed_share_pct);

	free(guaranteed);
	if (d->sharing_name) {
		char *with = xasprintf("%s\n%s", v, d->sharing_name);
		free(v);
		v = with;
	}
	row_owned(p, _("Loan amount"), yen(d->loan_amount));
	row_owned(p, _("Guaranteed amount"), v);
}

static void repayment_row(struct page *p, const struct certificate_doc *d)
{
	char *v = xstrdup(d->repayment_name ? d->repayment_name : "");

	if (d->installments > 0)
		append(&v, _("%lld installments"), d->installments);
	if (d->deferral_months > 0)
		append(&v, _("deferred %lld months"), d->deferral_months);
	if (*v)
		row_owned(p, _("Repayment"), v);
	else
		free(v);
}

static void fee_rows(struct page *p, const struct certificate_doc *d)
{
	if (d->fee_rate_bp >= 0)
		row_owned(p, _("Guarantee fee rate"),
			  xasprintf(_("%lld.%02lld%% a year"), d->fee_rate_bp / 100, d->fee_rate_bp % 100));
	if (d->fee_yen >= 0)
		row_owned(p, _("Guarantee fee"), yen(d->fee_yen));
	if (d->fee_collection_name)
		row(p, _("Fee collection"), d->fee_collection_name);
}

static void terms(struct page *p, const struct certificate_doc *d)
{
	char *until = era_date(d->valid_until);

	borrower_row(p, d);
	if (d->scheme_name)
		row(p, _("Guarantee scheme"), d->scheme_name);
	amount_rows(p, d);
	row_owned(p, _("Guarantee term"), xasprintf(_("%lld months"), d->term_months));
	repayment_row(p, d);
	if (d->use_of_funds_name)
		row(p, _("Use of funds"), d->use_of_funds_name);
	fee_rows(p, d);
	row(p, _("Conditions"), d->conditions && *d->conditions ? d->conditions : _("None"));
	row_owned(p, _("Valid for execution until"),
		  xasprintf(_("%s (the loan is to be executed by this date)"), until));
	free(until);
}

static void draw(cairo_t *cr, const struct certificate_doc *d)
{
	struct page p = {cr, MARGIN};

	heading(&p, d);
	corporation(&p, d);
	title(&p);
	line(&p, MINCHO, 11, PANGO_ALIGN_LEFT, 12,
	     _("The Corporation guarantees, on the terms below, the loan your bank makes to the "
	       "borrower named below."));
	line(&p, MINCHO, 11, PANGO_ALIGN_CENTER, 10, _("Particulars"));
	terms(&p, d);
	p.y += 10;
	if (p.y + 40 > PAGE_H - MARGIN) {
		cairo_show_page(cr);
		p.y = MARGIN;
	}
	line(&p, MINCHO, 9, PANGO_ALIGN_LEFT, 0,
	     _("This guarantee lapses if the loan is not executed by the date above. Report the "
	       "execution to the Corporation without delay."));
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The file for the PDF: mode 0600, as every file of customer data hosho
 * writes. */
static FILE *open_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;

	if (fd >= 0 && !f)
		close(fd);
	return f;
}

int certificate_pdf_write(const char *document_json, const char *path, char **err)
{
	struct certificate_doc d;
	cairo_surface_t *surface;
	cairo_status_t status;
	cairo_t *cr;
	char *meta;
	FILE *f;

	if (!certificate_doc_parse(document_json, &d, err))
		return -1;
	f = open_private(path);
	if (!f) {
		*err = xasprintf(_("The certificate could not be written to %s: %s"), path, strerror(errno));
		certificate_doc_free(&d);
		return -1;
	}
	surface = cairo_pdf_surface_create_for_stream(write_out, f, PAGE_W, PAGE_H);
	meta = xasprintf("%s %s", _("Credit Guarantee Certificate"), d.certificate_no);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, meta);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d.corporation_name);
	free(meta);
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 0, 0, 0);
	draw(cr, &d);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (fclose(f) != 0 && status == CAIRO_STATUS_SUCCESS)
		status = CAIRO_STATUS_WRITE_ERROR;
	certificate_doc_free(&d);
	if (status != CAIRO_STATUS_SUCCESS) {
		*err = xasprintf(_("The certificate could not be written to %s: %s"), path,
				 cairo_status_to_string(status));
		return -1;
	}
	return 0;
}
