/* The certificate document (hosho.certificate_document's jsonb text) read
 * into a struct: one table says which key goes where and whether the
 * certificate can be printed without it. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "i18n.h"
#include "print/print.h"
#include "text/text.h"
#include "util.h"

enum kind { TEXT, DATE, NUMBER, LINES };

static const struct key {
	const char *name;
	size_t offset;
	enum kind kind;
	bool required;
} keys[] = {
#define T(k, req) {#k, offsetof(struct certificate_doc, k), TEXT, req}
#define D(k) {#k, offsetof(struct certificate_doc, k), DATE, true}
#define N(k, req) {#k, offsetof(struct certificate_doc, k), NUMBER, req}
	T(certificate_no, true), D(issued_on), D(valid_until),
	T(corporation_name, true), T(corporation_address, false), T(president, false),
	T(bank_name, true), T(branch_name, false),
	T(company_name, true), T(company_address, false), T(representative, false),
	T(scheme_name, false), T(sharing_name, false), T(repayment_name, false),
	T(use_of_funds_name, false), T(fee_collection_name, false),
	{"conditions", offsetof(struct certificate_doc, conditions), LINES, false},
	N(loan_amount, true), N(guaranteed_amount, true), N(fee_yen, false),
	N(guaranteed_share_pct, true), N(term_months, true), N(installments, false),
	N(deferral_months, false), N(fee_rate_bp, false),
#undef T
#undef D
#undef N
};

/* A whole number given as a JSON integer or as its digits in a string
 * (numeric columns may come either way). */
static bool read_number(struct json_object *v, long long *out)
{
	const char *s;
	char *end;

	if (json_object_is_type(v, json_type_int)) {
		errno = 0;
		*out = json_object_get_int64(v);
		return errno == 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return false;
	s = json_object_get_string(v);
	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s && !*end && errno == 0;
}

/* A text, or a list of texts joined one per line (the conditions). */
static char *read_text(struct json_object *v, enum kind kind)
{
	size_t n;
	char *s;

	if (json_object_is_type(v, json_type_string))
		return xstrdup(json_object_get_string(v));
	if (kind != LINES || !json_object_is_type(v, json_type_array))
		return NULL;
	n = json_object_array_length(v);
	s = xstrdup("");
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(v, i);
		char *joined;

		if (!json_object_is_type(e, json_type_string)) {
			free(s);
			return NULL;
		}
		joined = xasprintf("%s%s%s", s, i ? "\n" : "", json_object_get_string(e));
		free(s);
		s = joined;
	}
	return s;
}

static bool read_key(struct json_object *obj, const struct key *k, struct certificate_doc *doc,
		     char **err)
{
	struct json_object *v = NULL;
	struct text_date day;
	char *field = (char *)doc + k->offset;

	if (!json_object_object_get_ex(obj, k->name, &v) || json_object_is_type(v, json_type_null)) {
		if (k->required) {
			*err = xasprintf(_("The certificate document has no %s."), k->name);
			return false;
		}
		return true;
	}
	if (k->kind == NUMBER) {
		if (!read_number(v, (long long *)field)) {
			*err = xasprintf(_("The certificate document's %s is not a whole number."), k->name);
			return false;
		}
		return true;
	}
	*(char **)field = read_text(v, k->kind);
	if (!*(char **)field) {
		*err = xasprintf(_("The certificate document's %s is not text."), k->name);
		return false;
	}
	if (k->kind == DATE && !text_date_from_iso(*(char **)field, &day)) {
		*err = xasprintf(_("The certificate document's %s is not a date."), k->name);
		return false;
	}
	return true;
}

bool certificate_doc_parse(const char *json, struct certificate_doc *doc, char **err)
{
	enum json_tokener_error jerr;
	struct json_object *obj = json_tokener_parse_verbose(json, &jerr);
	bool ok = true;

	memset(doc, 0, sizeof *doc);
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].kind == NUMBER)
			*(long long *)((char *)doc + keys[i].offset) = -1;
	if (!obj || !json_object_is_type(obj, json_type_object)) {
		*err = xasprintf(_("The certificate document is not a JSON object: %s"),
				 obj ? json_type_to_name(json_object_get_type(obj))
				     : json_tokener_error_desc(jerr));
		json_object_put(obj);
		return false;
	}
	for (size_t i = 0; ok && i < ARRAY_SIZE(keys); i++)
		ok = read_key(obj, &keys[i], doc, err);
	json_object_put(obj);
	if (!ok)
		certificate_doc_free(doc);
	return ok;
}

void certificate_doc_free(struct certificate_doc *doc)
{
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].kind != NUMBER) {
			char **s = (char **)((char *)doc + keys[i].offset);
			free(*s);
			*s = NULL;
		}
}
