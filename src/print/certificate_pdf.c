/* The 信用保証書 as an A4 PDF in the corporation's layout: number and date
 * at the top right, the bank addressed, the corporation with its president
 * and the box its seal is pressed in, the title, the undertaking, and the
 * terms of the guarantee as a ruled table. Cairo draws, Pango sets the
 * Japanese text in an IPAex (or Noto CJK) font. */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "print/pdf_draw.h"
#include "print/print.h"
#include "util.h"

#define SEAL 45.0     /* the seal box's side */
#define LABEL_W 118.0 /* the terms table's label column */

/* ---- the page --------------------------------------------------------- */

static void heading(struct pdf_page *p, const struct certificate_doc *d)
{
	char *no = xasprintf(_("Certificate No. %s"), d->certificate_no);
	char *date = pdf_era_date(d->issued_on);
	char *bank = d->branch_name ? xasprintf("%s %s", d->bank_name, d->branch_name)
				    : xstrdup(d->bank_name);
	char *to = xasprintf(_("%s, attention"), bank);

	pdf_line(p, PDF_MINCHO, 10.5, PANGO_ALIGN_RIGHT, 2, no);
	pdf_line(p, PDF_MINCHO, 10.5, PANGO_ALIGN_RIGHT, 24, date);
	pdf_line(p, PDF_MINCHO, 14, PANGO_ALIGN_LEFT, 18, to);
	free(no);
	free(date);
	free(bank);
	free(to);
}

/* The corporation at the right, its seal box beside its head's name. */
static void corporation(struct pdf_page *p, const struct certificate_doc *d)
{
	double x = PDF_MARGIN + PDF_BODY_W * 0.48, w = PDF_BODY_W * 0.52 - SEAL - 8, top = p->y;

	if (d->corporation_address)
		p->y += pdf_text_box(p->cr, PDF_MINCHO, 10, PANGO_ALIGN_LEFT, x, p->y, w,
				     d->corporation_address, true) + 2;
	p->y += pdf_text_box(p->cr, PDF_MINCHO, 13, PANGO_ALIGN_LEFT, x, p->y, w, d->corporation_name, true) + 2;
	/* The president with the title as the corporation records it (会長 ...). */
	if (d->president)
		p->y += pdf_text_box(p->cr, PDF_MINCHO, 12, PANGO_ALIGN_LEFT, x, p->y, w, d->president, true);

	if (p->y < top + SEAL)
		p->y = top + SEAL;
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, 0.8);
	cairo_rectangle(p->cr, PDF_PAGE_W - PDF_MARGIN - SEAL, p->y - SEAL, SEAL, SEAL);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
	pdf_text_box(p->cr, PDF_MINCHO, 12, PANGO_ALIGN_CENTER, PDF_PAGE_W - PDF_MARGIN - SEAL,
		     p->y - SEAL / 2 - 8, SEAL, _("Seal"), true);
	cairo_restore(p->cr);
	p->y += 30;
}

static void row(struct pdf_page *p, const char *label, const char *value)
{
	pdf_row(p, LABEL_W, label, value);
}

static void row_owned(struct pdf_page *p, const char *label, char *value)
{
	pdf_row_owned(p, LABEL_W, label, value);
}

static void borrower_row(struct pdf_page *p, const struct certificate_doc *d)
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

static void amount_rows(struct pdf_page *p, const struct certificate_doc *d)
{
	char *guaranteed = pdf_yen(d->guaranteed_amount);
	char *v = xasprintf(_("%s (guaranteed share %lld%%)"), guaranteed, d->guaranteed_share_pct);

	free(guaranteed);
	if (d->sharing_name) {
		char *with = xasprintf("%s\n%s", v, d->sharing_name);
		free(v);
		v = with;
	}
	row_owned(p, _("Loan amount"), pdf_yen(d->loan_amount));
	row_owned(p, _("Guaranteed amount"), v);
}

static void repayment_row(struct pdf_page *p, const struct certificate_doc *d)
{
	char *v = xstrdup(d->repayment_name ? d->repayment_name : "");

	if (d->installments > 0)
		pdf_append(&v, _("%lld installments"), d->installments);
	if (d->deferral_months > 0)
		pdf_append(&v, _("deferred %lld months"), d->deferral_months);
	if (*v)
		row_owned(p, _("Repayment"), v);
	else
		free(v);
}

static void fee_rows(struct pdf_page *p, const struct certificate_doc *d)
{
	if (d->fee_rate_bp >= 0)
		row_owned(p, _("Guarantee fee rate"), pdf_rate_bp(d->fee_rate_bp));
	if (d->fee_yen >= 0)
		row_owned(p, _("Guarantee fee"), pdf_yen(d->fee_yen));
	if (d->fee_collection_name)
		row(p, _("Fee collection"), d->fee_collection_name);
}

static void terms(struct pdf_page *p, const struct certificate_doc *d)
{
	char *until = pdf_era_date(d->valid_until);

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

static void draw(struct pdf_page *p, const void *doc)
{
	const struct certificate_doc *d = doc;

	heading(p, d);
	corporation(p, d);
	pdf_title(p, PDF_BODY_W, 26, 12, PANGO_ALIGN_CENTER, 24, _("Credit Guarantee Certificate"));
	pdf_line(p, PDF_MINCHO, 11, PANGO_ALIGN_LEFT, 12,
		 _("The Corporation guarantees, on the terms below, the loan your bank makes to the "
		   "borrower named below."));
	pdf_line(p, PDF_MINCHO, 11, PANGO_ALIGN_CENTER, 10, _("Particulars"));
	terms(p, d);
	p->y += 10;
	pdf_need(p, 40);
	pdf_line(p, PDF_MINCHO, 9, PANGO_ALIGN_LEFT, 0,
		 _("This guarantee lapses if the loan is not executed by the date above. Report the "
		   "execution to the Corporation without delay."));
}

int certificate_pdf_write(const char *document_json, const char *path, char **err)
{
	struct certificate_doc d;
	const char *why;
	char *meta;
	int status;

	if (!certificate_doc_parse(document_json, &d, err))
		return -1;
	meta = xasprintf("%s %s", _("Credit Guarantee Certificate"), d.certificate_no);
	status = pdf_render(path, meta, d.corporation_name, draw, &d, &why);
	if (status != 0)
		*err = xasprintf(_("The certificate could not be written to %s: %s"), path, why);
	free(meta);
	certificate_doc_free(&d);
	return status;
}
