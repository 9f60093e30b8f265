/* The 保証稟議書 as an A4 PDF: the decision document of one guarantee
 * case, from hosho.guarantee_ringi_document's jsonb text (keys in
 * doc/lifecycle.md). The title with the case at the top left, the stamp
 * boxes of the approval route at the top right (a level off the route
 * struck through), then the company, the bank's request, the rate and
 * fee, the company's exposure, the findings of the checks, the review and
 * the decision. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "i18n.h"
#include "print/doc_json.h"
#include "print/pdf_draw.h"
#include "print/print.h"
#include "text/text.h"
#include "util.h"

#define LABEL_W 110.0
#define STAMP_W 62.0
#define STAMP_HEAD 16.0
#define STAMP_BODY 52.0

/* ---- the document -------------------------------------------------------- */

enum kind { TEXT, DATE, NUMBER, LIST, BOOL };

/* Every key the layout reads at the top level, with its type; the
 * required ones are what a 稟議書 cannot be printed without. */
static const struct key {
	const char *name;
	enum kind kind;
	bool required;
} keys[] = {
	{"guarantee_id", NUMBER, true}, {"state_name", TEXT, true}, {"applied_on", DATE, true},
	{"bank_requested_on", DATE, false}, {"submitted_on", DATE, false}, {"decided_on", DATE, false},
	{"printed_on", DATE, false}, {"certificate_no", TEXT, false},
	{"company_name", TEXT, true}, {"company_kana", TEXT, false}, {"representative", TEXT, false},
	{"company_address", TEXT, false}, {"industry_name", TEXT, false}, {"capital_yen", NUMBER, false},
	{"employees", NUMBER, false}, {"founded_on", DATE, false},
	{"bank_name", TEXT, true}, {"branch_name", TEXT, false}, {"scheme_name", TEXT, true},
	{"requested_amount", NUMBER, true}, {"proposed_amount", NUMBER, false},
	{"approved_amount", NUMBER, false}, {"use_of_funds_name", TEXT, false},
	{"purpose_note", TEXT, false}, {"term_months", NUMBER, true}, {"repayment_name", TEXT, false},
	{"installments", NUMBER, false}, {"deferral_months", NUMBER, false}, {"balloon_yen", NUMBER, false},
	{"secured", BOOL, false}, {"collateral", TEXT, false}, {"guarantor_name", TEXT, false},
	{"rate_class", NUMBER, false}, {"rate_basis", TEXT, false}, {"rate_bp", NUMBER, false},
	{"fee_collection_name", TEXT, false}, {"review_note", TEXT, false}, {"conditions", TEXT, false},
	{"financials", LIST, true}, {"exposure", LIST, true}, {"findings", LIST, true},
	{"route", LIST, true},
	{"handled_by_name", TEXT, false}, {"submitted_by_name", TEXT, false},
	{"decided_by_name", TEXT, false}, {"required_level_name", TEXT, false},
};

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!o || !json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null))
		return NULL;
	return v;
}

/* A text of the document, or NULL. */
static const char *text(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* A whole number of the document, or -1. */
static long long number(struct json_object *o, const char *key)
{
	long long n;

	return doc_json_number(get(o, key), &n) ? n : -1;
}

static bool flag(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	return v && json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v);
}

static struct json_object *list(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	return v && json_object_is_type(v, json_type_array) ? v : NULL;
}

static bool check_key(struct json_object *o, const struct key *k, char **err)
{
	struct json_object *v = get(o, k->name);
	struct text_date day;
	long long n;
	bool ok;

	if (!v) {
		if (k->required)
			*err = xasprintf(_("The decision document has no %s."), k->name);
		return !k->required;
	}
	switch (k->kind) {
	case NUMBER: ok = doc_json_number(v, &n); break;
	case LIST: ok = json_object_is_type(v, json_type_array); break;
	case BOOL: ok = json_object_is_type(v, json_type_boolean); break;
	case DATE: ok = json_object_is_type(v, json_type_string) &&
			text_date_from_iso(json_object_get_string(v), &day); break;
	default: ok = json_object_is_type(v, json_type_string); break;
	}
	if (!ok)
		*err = xasprintf(_("The decision document's %s is not of its kind (%s)."), k->name,
				 k->kind == NUMBER ? _("a whole number") : k->kind == DATE ? _("a date")
				 : k->kind == LIST ? _("a list") : k->kind == BOOL ? _("true or false")
				 : _("text"));
	return ok;
}

/* The document read and checked (owned by the caller), or NULL with *err. */
static struct json_object *ringi_parse(const char *json, char **err)
{
	enum json_tokener_error jerr;
	struct json_object *o = json_tokener_parse_verbose(json, &jerr);

	if (!o || !json_object_is_type(o, json_type_object)) {
		*err = xasprintf(_("The decision document is not a JSON object: %s"),
				 o ? json_type_to_name(json_object_get_type(o)) : json_tokener_error_desc(jerr));
		json_object_put(o);
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!check_key(o, &keys[i], err)) {
			json_object_put(o);
			return NULL;
		}
	return o;
}

/* ---- values ------------------------------------------------------------- */

/* 令和6年4月1日, or "" for an absent date (owned). */
static char *date_of(struct json_object *o, const char *key)
{
	const char *iso = text(o, key);

	return iso ? pdf_era_date(iso) : xstrdup("");
}

/* R6.4.1, as the stamp boxes have room for (owned). */
static char *short_date(const char *iso)
{
	struct text_date d;
	char buf[32];

	if (!iso || !text_date_from_iso(iso, &d) || text_date_format_short(&d, buf, sizeof buf) < 0)
		return xstrdup(iso ? iso : "");
	return xstrdup(buf);
}

static char *yen_or_dash(struct json_object *o, const char *key)
{
	long long v = number(o, key);

	return v >= 0 ? pdf_yen(v) : xstrdup(_("-"));
}

/* "name (date)", the date left out when there is none (owned). */
static char *who_when(const char *name, const char *iso)
{
	char *when = iso ? pdf_era_date(iso) : NULL;
	char *s = when ? xasprintf(_("%s (%s)"), name, when) : xstrdup(name);

	free(when);
	return s;
}

/* first, then more after sep when there is more (owned). */
static char *joined(const char *first, const char *sep, const char *more)
{
	return more ? xasprintf("%s%s%s", first, sep, more) : xstrdup(first);
}

static void row(struct pdf_page *p, const char *label, const char *value)
{
	if (value && *value)
		pdf_row(p, LABEL_W, label, value);
}

static void row_owned(struct pdf_page *p, const char *label, char *value)
{
	row(p, label, value);
	free(value);
}

static void section(struct pdf_page *p, const char *heading)
{
	p->y += 8;
	pdf_need(p, 48);
	pdf_line(p, PDF_GOTHIC, 11.5, PANGO_ALIGN_LEFT, 4, heading);
}

/* ---- the head: title, case, stamp boxes ------------------------------------ */

/* One box of the route: the level's title, and the stamps it bears (the
 * name over the date); a level the case does not pass is struck through. */
static void stamp_box(cairo_t *cr, double x, double y, struct json_object *level)
{
	struct json_object *stamps = list(level, "stamps");
	size_t n = stamps ? json_object_array_length(stamps) : 0;
	double sy = y + STAMP_HEAD + 4;

	pdf_frame(cr, x, y, STAMP_W, STAMP_HEAD, true);
	pdf_frame(cr, x, y + STAMP_HEAD, STAMP_W, STAMP_BODY, false);
	pdf_text_box(cr, PDF_GOTHIC, 8.5, PANGO_ALIGN_CENTER, x, y + 3, STAMP_W,
		     text(level, "title") ? text(level, "title") : "", true);
	if (!flag(level, "on_route")) {
		cairo_move_to(cr, x, y + STAMP_HEAD + STAMP_BODY);
		cairo_line_to(cr, x + STAMP_W, y + STAMP_HEAD);
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(stamps, i);
		char *when = short_date(text(s, "on"));
		char *v = xasprintf("%s\n%s", text(s, "staff_name") ? text(s, "staff_name") : "", when);

		sy += pdf_text_box(cr, PDF_MINCHO, 8.5, PANGO_ALIGN_CENTER, x + 2, sy, STAMP_W - 4, v, true) + 2;
		free(v);
		free(when);
	}
}

static void head(struct pdf_page *p, struct json_object *d)
{
	struct json_object *route = list(d, "route");
	size_t n = json_object_array_length(route);
	double left_w = PDF_BODY_W - n * STAMP_W - 12, top = p->y, y;
	char *applied = date_of(d, "applied_on"), *printed = date_of(d, "printed_on");
	char *facts = xasprintf(_("Case No. %lld\nReceived %s\nState %s"), number(d, "guarantee_id"),
				applied, text(d, "state_name"));

	for (size_t i = 0; i < n; i++)
		stamp_box(p->cr, PDF_PAGE_W - PDF_MARGIN - (n - i) * STAMP_W, top,
			  json_object_array_get_idx(route, i));
	pdf_title(p, left_w, 22, 8, PANGO_ALIGN_LEFT, 8, _("Guarantee Decision Document"));
	y = p->y + pdf_text_box(p->cr, PDF_MINCHO, 10, PANGO_ALIGN_LEFT, PDF_MARGIN, p->y, left_w,
				facts, true);
	if (*printed) {
		char *line = xasprintf(_("Printed %s"), printed);

		y += pdf_text_box(p->cr, PDF_MINCHO, 8.5, PANGO_ALIGN_LEFT, PDF_MARGIN, y, left_w, line, true);
		free(line);
	}
	p->y = y > top + STAMP_HEAD + STAMP_BODY ? y : top + STAMP_HEAD + STAMP_BODY;
	free(facts);
	free(applied);
	free(printed);
}

/* ---- the sections ------------------------------------------------------- */

static void company(struct pdf_page *p, struct json_object *d)
{
	section(p, _("Applicant"));
	row_owned(p, _("Company"), joined(text(d, "company_name"), "\n", text(d, "company_kana")));
	row(p, _("Representative"), text(d, "representative"));
	row(p, _("Address"), text(d, "company_address"));
	row(p, _("Industry"), text(d, "industry_name"));
	if (number(d, "capital_yen") >= 0)
		row_owned(p, _("Capital"), pdf_yen(number(d, "capital_yen")));
	if (number(d, "employees") >= 0)
		row_owned(p, _("Employees"), xasprintf(_("%lld persons"), number(d, "employees")));
	row_owned(p, _("Founded"), date_of(d, "founded_on"));
}

static char *term_text(struct json_object *d)
{
	char *v = xasprintf(_("%lld months"), number(d, "term_months"));

	if (number(d, "deferral_months") > 0)
		pdf_append(&v, _("deferred %lld months"), number(d, "deferral_months"));
	return v;
}

static char *repayment_text(struct json_object *d)
{
	char *v = xstrdup(text(d, "repayment_name") ? text(d, "repayment_name") : "");

	if (number(d, "installments") > 0)
		pdf_append(&v, _("%lld installments"), number(d, "installments"));
	if (number(d, "balloon_yen") > 0) {
		char *balloon = pdf_yen(number(d, "balloon_yen"));

		pdf_append(&v, _("last installment increased by %s"), balloon);
		free(balloon);
	}
	return v;
}

static void request(struct pdf_page *p, struct json_object *d)
{
	const char *use = text(d, "use_of_funds_name") ? text(d, "use_of_funds_name") : "";
	const char *collateral = text(d, "collateral");

	section(p, _("The bank's request"));
	row_owned(p, _("Bank"), joined(text(d, "bank_name"), " ", text(d, "branch_name")));
	row_owned(p, _("Bank's request date"), date_of(d, "bank_requested_on"));
	row(p, _("Guarantee scheme"), text(d, "scheme_name"));
	row_owned(p, _("Requested amount"), pdf_yen(number(d, "requested_amount")));
	row_owned(p, _("Proposed amount"), yen_or_dash(d, "proposed_amount"));
	if (number(d, "approved_amount") >= 0)
		row_owned(p, _("Approved amount"), pdf_yen(number(d, "approved_amount")));
	row_owned(p, _("Use of funds"), joined(use, "\n", text(d, "purpose_note")));
	row_owned(p, _("Guarantee term"), term_text(d));
	row_owned(p, _("Repayment"), repayment_text(d));
	row(p, _("Collateral"), collateral && *collateral ? collateral
			        : flag(d, "secured") ? _("Secured") : _("None"));
	row(p, _("Guarantor"), text(d, "guarantor_name"));
}

static void pricing(struct pdf_page *p, struct json_object *d)
{
	struct json_object *fee = get(d, "fee_estimate");
	const char *basis = text(d, "rate_basis");
	long long rate = number(d, "rate_bp");

	section(p, _("Rate and fee"));
	if (number(d, "rate_class") > 0) {
		char *cls = xasprintf(_("Class %lld"), number(d, "rate_class"));

		row_owned(p, _("Rate class"), joined(cls, "\n", basis));
		free(cls);
	}
	if (rate >= 0)
		row_owned(p, _("Guarantee fee rate"), pdf_rate_bp(rate));
	if (number(fee, "fee_yen") >= 0) {
		char *fee_yen = pdf_yen(number(fee, "fee_yen"));
		char *guaranteed = pdf_yen(number(fee, "guaranteed_amount"));

		row_owned(p, _("Estimated fee"),
			  xasprintf(_("%s (on the guaranteed amount %s, %lld%%)"), fee_yen, guaranteed,
				    number(fee, "guaranteed_share_pct")));
		free(fee_yen);
		free(guaranteed);
	}
	row(p, _("Fee collection"), text(d, "fee_collection_name"));
}

/* A figure of the financials in thousand yen, "-" when not given; a loss
 * keeps its sign (owned). */
static char *kyen_or_dash(struct json_object *o, const char *key)
{
	char buf[32];
	long long v;

	if (!doc_json_number(get(o, key), &v) || text_kyen_format(v, buf, sizeof buf) < 0)
		return xstrdup(_("-"));
	return xstrdup(buf);
}

/* The company's last three fiscal periods, newest first, in thousand yen. */
static void financials(struct pdf_page *p, struct json_object *d)
{
	static const char *const figures[] = {"sales_yen", "operating_profit_yen", "ordinary_profit_yen",
					      "net_assets_yen", "borrowings_yen"};
	struct json_object *rows = list(d, "financials");
	size_t n = json_object_array_length(rows);
	const double w0 = 90, w = (PDF_BODY_W - w0) / 5;
	const struct pdf_cell heads[] = {
		{_("Period end"), w0, PANGO_ALIGN_CENTER, true}, {_("Sales"), w, PANGO_ALIGN_CENTER, true},
		{_("Operating profit"), w, PANGO_ALIGN_CENTER, true},
		{_("Ordinary profit"), w, PANGO_ALIGN_CENTER, true},
		{_("Net assets"), w, PANGO_ALIGN_CENTER, true}, {_("Borrowings"), w, PANGO_ALIGN_CENTER, true},
	};

	section(p, _("Financials (thousand yen)"));
	if (n == 0) {
		row(p, _("Financials"), _("Not recorded"));
		return;
	}
	pdf_cells(p, ARRAY_SIZE(heads), heads);
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(rows, i);
		char *period = date_of(e, "period_end"), *v[ARRAY_SIZE(figures)];
		struct pdf_cell cells[1 + ARRAY_SIZE(figures)];

		cells[0] = (struct pdf_cell){period, w0, PANGO_ALIGN_CENTER, false};
		for (size_t k = 0; k < ARRAY_SIZE(figures); k++) {
			v[k] = kyen_or_dash(e, figures[k]);
			cells[1 + k] = (struct pdf_cell){v[k], w, PANGO_ALIGN_RIGHT, false};
		}
		pdf_cells(p, ARRAY_SIZE(cells), cells);
		free(period);
		for (size_t k = 0; k < ARRAY_SIZE(figures); k++)
			free(v[k]);
	}
}

/* The company's live guarantees by frame and under each cap, with the
 * room left: a table of amounts aligned right. */
static void exposure(struct pdf_page *p, struct json_object *d)
{
	struct json_object *rows = list(d, "exposure");
	size_t n = json_object_array_length(rows);
	const double w[] = {56, 176, 84, 84, PDF_BODY_W - 400};
	const struct pdf_cell heads[] = {
		{_("Kind"), w[0], PANGO_ALIGN_CENTER, true}, {_("Frame or cap"), w[1], PANGO_ALIGN_CENTER, true},
		{_("Live"), w[2], PANGO_ALIGN_CENTER, true}, {_("Cap"), w[3], PANGO_ALIGN_CENTER, true},
		{_("Room"), w[4], PANGO_ALIGN_CENTER, true},
	};

	section(p, _("The company's guarantees"));
	if (n == 0) {
		row(p, _("Live guarantees"), _("None"));
		return;
	}
	pdf_cells(p, ARRAY_SIZE(heads), heads);
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(rows, i);
		const char *kind = text(e, "kind");
		char *live = yen_or_dash(e, "live"), *cap = yen_or_dash(e, "cap_amount");
		char *room = yen_or_dash(e, "room");
		const struct pdf_cell cells[] = {
			{kind && strcmp(kind, "cap") == 0 ? _("Cap") : _("Frame"), w[0], PANGO_ALIGN_CENTER, false},
			{text(e, "name") ? text(e, "name") : "", w[1], PANGO_ALIGN_LEFT, false},
			{live, w[2], PANGO_ALIGN_RIGHT, false},
			{cap, w[3], PANGO_ALIGN_RIGHT, false},
			{room, w[4], PANGO_ALIGN_RIGHT, false},
		};

		pdf_cells(p, ARRAY_SIZE(cells), cells);
		free(live);
		free(cap);
		free(room);
	}
}

/* The findings of the eligibility, limit and term checks, one per line,
 * the blocking ones marked. */
static void findings(struct pdf_page *p, struct json_object *d)
{
	struct json_object *rows = list(d, "findings");
	size_t n = json_object_array_length(rows);
	char *v = xstrdup("");

	for (size_t i = 0; i < n; i++) {
		struct json_object *f = json_object_array_get_idx(rows, i);
		const char *reason = text(f, "reason") ? text(f, "reason") : "";
		char *line = flag(f, "blocking") ? xasprintf(_("Blocking: %s"), reason)
						 : xasprintf(_("- %s"), reason);
		char *joined = xasprintf("%s%s%s", v, i ? "\n" : "", line);

		free(line);
		free(v);
		v = joined;
	}
	section(p, _("Review"));
	row(p, _("Eligibility, limits, term"), n ? v : _("No findings"));
	free(v);
	row(p, _("Review note"), text(d, "review_note"));
	row(p, _("Conditions"), text(d, "conditions") && *text(d, "conditions") ? text(d, "conditions")
										 : _("None"));
}

static void decision(struct pdf_page *p, struct json_object *d)
{
	const char *handled = text(d, "handled_by_name"), *submitted = text(d, "submitted_by_name");
	const char *decided = text(d, "decided_by_name");

	section(p, _("Decision"));
	row(p, _("Authority required"), text(d, "required_level_name"));
	row(p, _("Handled by"), handled);
	if (submitted)
		row_owned(p, _("Submitted by"), who_when(submitted, text(d, "submitted_on")));
	if (decided) {
		char *who = who_when(decided, text(d, "decided_on"));

		row_owned(p, _("Decided by"), xasprintf("%s %s", text(d, "state_name"), who));
		free(who);
	}
	row(p, _("Certificate No."), text(d, "certificate_no"));
}

static void draw(struct pdf_page *p, const void *doc)
{
	struct json_object *d = (struct json_object *)doc;

	head(p, d);
	company(p, d);
	request(p, d);
	pricing(p, d);
	financials(p, d);
	exposure(p, d);
	findings(p, d);
	decision(p, d);
}

int ringi_pdf_write(const char *document_json, const char *path, char **err)
{
	struct json_object *d = ringi_parse(document_json, err);
	const char *why;
	char *meta;
	int status;

	if (!d)
		return -1;
	meta = xasprintf(_("Guarantee Decision Document No. %lld"), number(d, "guarantee_id"));
	status = pdf_render(path, meta, NULL, draw, d, &why);
	if (status != 0)
		*err = xasprintf(_("The decision document could not be written to %s: %s"), path, why);
	free(meta);
	json_object_put(d);
	return status;
}
