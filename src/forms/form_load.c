/* Form files (doc/forms.md) into struct form: libyaml's document API, then a
 * static table of handlers per mapping (netplan's pattern), then the checks of
 * form_check.c. Every error names the node at fault by line and column. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "forms/form.h"
#include "i18n.h"
#include "util.h"

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

#ifdef __GNUC__
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static const char *const type_names[] = {
	[FIELD_TEXT] = "text",       [FIELD_KATAKANA] = "katakana", [FIELD_DIGITS] = "digits",
	[FIELD_INTEGER] = "integer", [FIELD_YEN] = "yen",           [FIELD_KYEN] = "kyen",
	[FIELD_DATE] = "date",       [FIELD_CODE] = "code",         [FIELD_YESNO] = "yesno",
	[FIELD_MEMO] = "memo",       [FIELD_PASSWORD] = "password",
};

/* Form files are a few KiB and a few levels deep. The limits keep a wrong
 * or hostile file from the time libyaml takes (quadratic in the depth) and
 * from the memory of its document. */
#define FORM_MAX_BYTES (256 * 1024)
#define FORM_MAX_DEPTH 16

struct loader {
	const char *path;
	char *buf; /* the whole file, NUL-terminated */
	size_t len;
	yaml_document_t doc;
	struct form_error *err;
};

/* ---- errors ------------------------------------------------------------ */

/* Copies line `line` (1-based) of the file into err->source, cut at a
 * character boundary if it is too long. */
static void copy_source_line(const struct loader *ld, int line)
{
	const char *p = ld->buf, *end = ld->buf + ld->len;
	size_t n;

	ld->err->source[0] = '\0';
	if (!p || line < 1)
		return;
	for (int l = 1; l < line; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return;
		p++;
	}
	n = strcspn(p, "\r\n");
	if (n >= sizeof ld->err->source) {
		n = sizeof ld->err->source - 1;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(ld->err->source, p, n);
	ld->err->source[n] = '\0';
}

PRINTF_LIKE(4, 5)
static bool fail_at(struct loader *ld, int line, int column, const char *fmt, ...)
{
	va_list ap;

	snprintf(ld->err->path, sizeof ld->err->path, "%s", ld->path);
	ld->err->line = line;
	ld->err->column = column;
	va_start(ap, fmt);
	vsnprintf(ld->err->message, sizeof ld->err->message, fmt, ap);
	va_end(ap);
	copy_source_line(ld, line);
	return false;
}

#define fail_node(ld, node, ...) \
	fail_at((ld), (int)(node)->start_mark.line + 1, (int)(node)->start_mark.column + 1, __VA_ARGS__)

static bool fail_oom(struct loader *ld)
{
	return fail_at(ld, 0, 0, "%s", _("out of memory"));
}

/* Line and column (1-based, in characters) of a byte offset of the file. */
static void offset_position(const struct loader *ld, size_t off, int *line, int *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < off && i < ld->len; i++) {
		if (ld->buf[i] == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)ld->buf[i] & 0xC0) != 0x80) {
			++*column;
		}
	}
}

static bool fail_parser(struct loader *ld, const yaml_parser_t *p)
{
	int line, column;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return fail_oom(ld);
	case YAML_READER_ERROR:
		offset_position(ld, p->problem_offset, &line, &column);
		return fail_at(ld, line, column, _("cannot read the file: %s"), p->problem);
	default:
		line = (int)p->problem_mark.line + 1;
		column = (int)p->problem_mark.column + 1;
		if (p->context)
			return fail_at(ld, line, column,
				       _("YAML syntax error: %s (%s started at line %d, column %d)"),
				       p->problem, p->context, (int)p->context_mark.line + 1,
				       (int)p->context_mark.column + 1);
		return fail_at(ld, line, column, _("YAML syntax error: %s"), p->problem);
	}
}

/* ---- reading ----------------------------------------------------------- */

static bool read_file(struct loader *ld)
{
	FILE *fp = fopen(ld->path, "rb");
	size_t cap = 4096;

	if (!fp)
		return fail_at(ld, 0, 0, _("cannot open the form file: %s"), strerror(errno));
	ld->buf = malloc(cap);
	while (ld->buf) {
		ld->len += fread(ld->buf + ld->len, 1, cap - 1 - ld->len, fp);
		if (ld->len < cap - 1 || ld->len > FORM_MAX_BYTES)
			break;
		char *bigger = realloc(ld->buf, cap * 2);
		if (!bigger) {
			free(ld->buf);
			ld->buf = NULL;
			break;
		}
		ld->buf = bigger;
		cap *= 2;
	}
	if (!ld->buf || ferror(fp)) {
		int e = errno;
		fclose(fp);
		if (!ld->buf)
			return fail_oom(ld);
		return fail_at(ld, 0, 0, _("cannot read the form file: %s"), strerror(e));
	}
	fclose(fp);
	ld->buf[ld->len] = '\0';
	if (ld->len > FORM_MAX_BYTES) {
		int line, column;
		offset_position(ld, FORM_MAX_BYTES, &line, &column);
		return fail_at(ld, line, column, _("the form file is larger than %d KiB"),
			       FORM_MAX_BYTES / 1024);
	}
	return true;
}

/* Length of the well-formed UTF-8 sequence at s (shortest form, no
 * surrogates, at most U+10FFFF), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	size_t n;
	unsigned long c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return n;
}

/* libyaml reports bad UTF-8 by byte offset only, and would also take
 * UTF-16: form files are UTF-8, so say where they are not. */
static bool check_utf8(struct loader *ld)
{
	const unsigned char *s = (const unsigned char *)ld->buf;
	int line, column;

	for (size_t i = 0; i < ld->len;) {
		size_t n = utf8_seq_len(s + i, ld->len - i);
		if (n == 0) {
			offset_position(ld, i, &line, &column);
			return fail_at(ld, line, column,
				       _("invalid UTF-8 (byte 0x%02X): form files must be UTF-8"), s[i]);
		}
		i += n;
	}
	return true;
}

/* The document being built from the events, and where the next node goes. */
struct doc_builder {
	int open[FORM_MAX_DEPTH]; /* the collections being filled, outermost first */
	int key[FORM_MAX_DEPTH];  /* per open mapping: a key waiting for its value, or 0 */
	int depth;
};

/* Places a new node (0: libyaml ran out of memory) in the open collection,
 * or as the root; a collection is opened. Marks as the event gives them. */
static bool add_node(struct loader *ld, struct doc_builder *b, int node, const yaml_event_t *ev)
{
	yaml_node_t *n = node ? yaml_document_get_node(&ld->doc, node) : NULL;
	int parent, ok = 1;

	if (!n)
		return fail_oom(ld);
	n->start_mark = ev->start_mark;
	n->end_mark = ev->end_mark;
	if (b->depth > 0) {
		parent = b->open[b->depth - 1];
		if (yaml_document_get_node(&ld->doc, parent)->type == YAML_SEQUENCE_NODE) {
			ok = yaml_document_append_sequence_item(&ld->doc, parent, node);
		} else if (!b->key[b->depth - 1]) {
			b->key[b->depth - 1] = node;
		} else {
			ok = yaml_document_append_mapping_pair(&ld->doc, parent, b->key[b->depth - 1], node);
			b->key[b->depth - 1] = 0;
		}
	}
	if (!ok)
		return fail_oom(ld);
	if (n->type == YAML_SCALAR_NODE)
		return true;
	if (b->depth == FORM_MAX_DEPTH)
		return fail_at(ld, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
			       _("nested deeper than %d levels: a form is a few levels deep"),
			       FORM_MAX_DEPTH);
	b->key[b->depth] = 0;
	b->open[b->depth++] = node;
	return true;
}

/* One pass over the events builds the document. libyaml's own loader drops
 * anchors and resolves aliases, and has no depth limit: here anchors,
 * aliases, tags, a second document and too deep a nesting are refused where
 * they are written, before the rest is parsed. Syntax errors stop it too. */
static bool scan_events(struct loader *ld)
{
	struct doc_builder b = {.depth = 0};
	yaml_parser_t p;
	yaml_event_t ev;
	int docs = 0;
	bool ok = true, done = false;

	if (!yaml_parser_initialize(&p))
		return fail_oom(ld);
	if (!yaml_document_initialize(&ld->doc, NULL, NULL, NULL, 1, 1)) {
		yaml_parser_delete(&p);
		return fail_oom(ld);
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)ld->buf, ld->len);
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = fail_parser(ld, &p);
			break;
		}
		const yaml_char_t *anchor = NULL, *tag = NULL;
		int line = (int)ev.start_mark.line + 1, column = (int)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				ok = fail_at(ld, line, column, "%s",
					     _("a second YAML document: a form file holds one"));
			break;
		case YAML_ALIAS_EVENT:
			ok = fail_at(ld, line, column,
				     _("alias '*%s' refused: form files do not use anchors and aliases"),
				     (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
			anchor = ev.data.scalar.anchor;
			tag = ev.data.scalar.tag;
			break;
		case YAML_SEQUENCE_START_EVENT:
			anchor = ev.data.sequence_start.anchor;
			tag = ev.data.sequence_start.tag;
			break;
		case YAML_MAPPING_START_EVENT:
			anchor = ev.data.mapping_start.anchor;
			tag = ev.data.mapping_start.tag;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			yaml_document_get_node(&ld->doc, b.open[--b.depth])->end_mark = ev.end_mark;
			break;
		default:
			break;
		}
		if (ok && anchor)
			ok = fail_at(ld, line, column,
				     _("anchor '&%s' refused: form files do not use anchors and aliases"),
				     (const char *)anchor);
		else if (ok && tag)
			ok = fail_at(ld, line, column,
				     _("tag '%s' refused: form files do not use tags"), (const char *)tag);
		else if (ok && ev.type == YAML_SCALAR_EVENT)
			ok = add_node(ld, &b, yaml_document_add_scalar(&ld->doc, NULL,
					ev.data.scalar.value, (int)ev.data.scalar.length,
					ev.data.scalar.style), &ev);
		else if (ok && ev.type == YAML_SEQUENCE_START_EVENT)
			ok = add_node(ld, &b, yaml_document_add_sequence(&ld->doc, NULL,
					ev.data.sequence_start.style), &ev);
		else if (ok && ev.type == YAML_MAPPING_START_EVENT)
			ok = add_node(ld, &b, yaml_document_add_mapping(&ld->doc, NULL,
					ev.data.mapping_start.style), &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

/* ---- scalars ----------------------------------------------------------- */

static const yaml_node_t *node_of(struct loader *ld, int index)
{
	return yaml_document_get_node(&ld->doc, index);
}

static const char *scalar_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* YAML's null: an empty plain scalar, ~ or null. */
static bool is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(nulls); i++)
		if (strcmp(scalar_text(n), nulls[i]) == 0)
			return true;
	return false;
}

/* Copies at most n - 1 bytes of s into buf, cut at a character boundary. */
static const char *clip(const char *s, char *buf, size_t n)
{
	size_t len = strlen(s);

	if (len >= n) {
		len = n - 4;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		memcpy(buf + len, "...", 4);
	} else {
		buf[len] = '\0';
	}
	memcpy(buf, s, len);
	return buf;
}

/* What a node is, for "... found %s". */
static const char *describe(const yaml_node_t *n, char *buf, size_t size)
{
	char v[48];

	if (n->type == YAML_MAPPING_NODE)
		return _("a mapping");
	if (n->type == YAML_SEQUENCE_NODE)
		return _("a list");
	if (is_null(n))
		return _("nothing");
	clip(scalar_text(n), v, sizeof v);
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		snprintf(buf, size, "'%s'", v);
	else
		snprintf(buf, size, _("the quoted string \"%s\""), v);
	return buf;
}

static bool get_string(struct loader *ld, const yaml_node_t *n, const char *key, const char **out)
{
	char d[80];

	if (n->type != YAML_SCALAR_NODE || is_null(n))
		return fail_node(ld, n, _("%s must be a string, found %s"), key,
				 describe(n, d, sizeof d));
	if (strlen(scalar_text(n)) != n->data.scalar.length)
		return fail_node(ld, n, _("%s contains a NUL character"), key);
	*out = scalar_text(n);
	return true;
}

/* Integers are plain decimal: no quotes, signs only '-', no leading zeros,
 * none of YAML 1.1's octal, hex or '_' forms. */
static bool get_llong(struct loader *ld, const yaml_node_t *n, const char *key, long long *out)
{
	char d[80];
	const char *s, *digits;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    is_null(n))
		return fail_node(ld, n, _("%s must be an integer, found %s"), key,
				 describe(n, d, sizeof d));
	s = scalar_text(n);
	digits = s + (*s == '-');
	if (!*digits || strspn(digits, DIGITS) != strlen(digits) ||
	    (digits[0] == '0' && digits[1]))
		return fail_node(ld, n, _("%s must be an integer, found %s"), key,
				 describe(n, d, sizeof d));
	errno = 0;
	*out = strtoll(s, NULL, 10);
	if (errno == ERANGE)
		return fail_node(ld, n, _("%s %s is out of range"), key, s);
	return true;
}

static bool get_bool(struct loader *ld, const yaml_node_t *n, const char *key, bool *out)
{
	char d[80];

	if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		bool t = strcmp(scalar_text(n), "true") == 0;
		if (t || strcmp(scalar_text(n), "false") == 0) {
			*out = t;
			return true;
		}
	}
	return fail_node(ld, n, _("%s must be true or false, found %s"), key, describe(n, d, sizeof d));
}

static bool dup_string(struct loader *ld, const char *s, char **out)
{
	size_t n = strlen(s) + 1;

	*out = malloc(n);
	if (!*out)
		return fail_oom(ld);
	memcpy(*out, s, n);
	return true;
}

/* ---- mappings ---------------------------------------------------------- */

struct handler;
typedef bool handler_fn(struct loader *ld, const yaml_node_t *value, void *obj,
			const struct handler *h);

struct handler {
	const char *key;
	handler_fn *fn;
	size_t off; /* where a scalar goes in the target struct */
	bool required;
	int least; /* integers: the smallest value allowed */
};

struct mapping_spec {
	const char *what; /* N_() noun for messages: "a field" */
	const struct handler *keys;
	size_t n;
};

#define AT(obj, h, type) ((type *)((char *)(obj) + (h)->off))

static bool h_string(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	const char *s;

	return get_string(ld, v, h->key, &s) && dup_string(ld, s, AT(obj, h, char *));
}

static bool h_nonempty(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	if (!*s)
		return fail_node(ld, v, _("%s must not be empty"), h->key);
	return dup_string(ld, s, AT(obj, h, char *));
}

/* Names the C code and the database use: id, lookup. */
static bool h_name(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	if (!s[0] || !strchr(LOWER, s[0]) || strspn(s, LOWER DIGITS "_") != strlen(s))
		return fail_node(ld, v,
				 _("%s '%s' must be lower-case letters, digits and '_', "
				   "starting with a letter"),
				 h->key, s);
	return dup_string(ld, s, AT(obj, h, char *));
}

static bool h_action(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	if (!s[0] || strspn(s, LOWER "_") != strlen(s))
		return fail_node(ld, v, _("action '%s' must be lower-case letters and '_'"), s);
	return dup_string(ld, s, AT(obj, h, char *));
}

static bool h_int(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	long long x;

	if (!get_llong(ld, v, h->key, &x))
		return false;
	if (x < h->least)
		return fail_node(ld, v, _("%s must be at least %d, found %lld"), h->key, h->least, x);
	if (x > INT_MAX)
		return fail_node(ld, v, _("%s %lld is out of range"), h->key, x);
	*AT(obj, h, int) = (int)x;
	return true;
}

static bool h_bool(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	return get_bool(ld, v, h->key, AT(obj, h, bool));
}

static bool h_version(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	long long x;

	(void)obj;
	if (!get_llong(ld, v, h->key, &x))
		return false;
	if (x != 1)
		return fail_node(ld, v, _("unsupported version %lld (this hosho reads version 1)"), x);
	return true;
}

static bool h_type(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_field *f = obj;
	char list[160] = "";
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(type_names); i++) {
		if (strcmp(s, type_names[i]) == 0) {
			f->type = (enum field_type)i;
			return true;
		}
		if (i)
			strcat(list, ", ");
		strcat(list, type_names[i]);
	}
	return fail_node(ld, v, _("unknown field type '%s' (expected one of: %s)"), s, list);
}

static bool h_bound(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_field *f = obj;
	bool is_min = strcmp(h->key, "min") == 0;

	if (!get_llong(ld, v, h->key, is_min ? &f->min : &f->max))
		return false;
	*(is_min ? &f->has_min : &f->has_max) = true;
	return true;
}

static bool h_when(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	static const char *const names[] = {[DATE_ANY] = "any", [DATE_PAST] = "past",
					    [DATE_FUTURE] = "future"};
	struct form_field *f = obj;
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(s, names[i]) == 0) {
			f->when = (enum date_when)i;
			return true;
		}
	}
	return fail_node(ld, v, _("unknown when '%s' (expected any, past or future)"), s);
}

static bool h_fkey(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_key *k = obj;
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	for (int i = 1; i <= 12; i++) {
		char name[4];
		snprintf(name, sizeof name, "F%d", i);
		if (strcmp(s, name) == 0) {
			k->fkey = i;
			return true;
		}
	}
	return fail_node(ld, v, _("unknown function key '%s' (expected F1 to F12)"), s);
}

/* Fills obj from a mapping: each key through its handler, unknown and
 * duplicate keys refused, required keys checked. */
static bool load_mapping(struct loader *ld, const yaml_node_t *node, const struct mapping_spec *spec,
			 void *obj)
{
	char d[80];
	unsigned long seen = 0;
	const yaml_node_pair_t *pairs;
	size_t npairs;

	if (node->type != YAML_MAPPING_NODE)
		return fail_node(ld, node, _("%s must be a mapping, found %s"), _(spec->what),
				 describe(node, d, sizeof d));
	pairs = node->data.mapping.pairs.start;
	npairs = (size_t)(node->data.mapping.pairs.top - pairs);
	for (size_t i = 0; i < npairs; i++) {
		const yaml_node_t *k = node_of(ld, pairs[i].key);
		const yaml_node_t *v = node_of(ld, pairs[i].value);
		size_t h;

		if (k->type != YAML_SCALAR_NODE || k->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
		    is_null(k))
			return fail_node(ld, k, _("keys of %s must be plain names, found %s"),
					 _(spec->what), describe(k, d, sizeof d));
		for (size_t j = 0; j < i; j++) {
			const yaml_node_t *prev = node_of(ld, pairs[j].key);
			if (strcmp(scalar_text(prev), scalar_text(k)) == 0)
				return fail_node(ld, k, _("duplicate key '%s' (first at line %d, column %d)"),
						 scalar_text(k), (int)prev->start_mark.line + 1,
						 (int)prev->start_mark.column + 1);
		}
		for (h = 0; h < spec->n && strcmp(spec->keys[h].key, scalar_text(k)) != 0; h++)
			;
		if (h == spec->n) {
			char allowed[256] = "";
			for (size_t j = 0; j < spec->n; j++) {
				if (j)
					strcat(allowed, ", ");
				strcat(allowed, spec->keys[j].key);
			}
			return fail_node(ld, k, _("unknown key '%s' in %s (allowed: %s)"), scalar_text(k),
					 _(spec->what), allowed);
		}
		if (!spec->keys[h].fn(ld, v, obj, &spec->keys[h]))
			return false;
		seen |= 1UL << h;
	}
	for (size_t h = 0; h < spec->n; h++)
		if (spec->keys[h].required && !(seen & 1UL << h))
			return fail_node(ld, node, _("%s is missing the required key '%s'"), _(spec->what),
					 spec->keys[h].key);
	return true;
}

/* A list of mappings into a new array of n elements of size bytes. The
 * array is stored before it is filled, so that form_free() frees a partial
 * one. */
static bool load_list(struct loader *ld, const yaml_node_t *node, const char *key,
		      const struct mapping_spec *spec, size_t size, void **arr, size_t *n)
{
	char d[80];
	const yaml_node_item_t *items;

	if (node->type != YAML_SEQUENCE_NODE)
		return fail_node(ld, node, _("%s must be a list, found %s"), key,
				 describe(node, d, sizeof d));
	items = node->data.sequence.items.start;
	*n = (size_t)(node->data.sequence.items.top - items);
	if (*n == 0)
		return true;
	*arr = calloc(*n, size);
	if (!*arr) {
		*n = 0;
		return fail_oom(ld);
	}
	for (size_t i = 0; i < *n; i++)
		if (!load_mapping(ld, node_of(ld, items[i]), spec, (char *)*arr + i * size))
			return false;
	return true;
}

#define FF(m) offsetof(struct form_field, m)
static const struct handler field_keys[] = {
	{"id", h_name, FF(id), true, 0},
	{"label", h_string, FF(label), true, 0},
	{"row", h_int, FF(row), true, 0},
	{"col", h_int, FF(col), true, 0},
	{"width", h_int, FF(width), true, 1},
	{"height", h_int, FF(height), false, 1},
	{"maxlen", h_int, FF(maxlen), false, 1},
	{"type", h_type, 0, true, 0},
	{"required", h_bool, FF(required), false, 0},
	{"readonly", h_bool, FF(readonly), false, 0},
	{"transient", h_bool, FF(transient), false, 0},
	{"min", h_bound, 0, false, 0},
	{"max", h_bound, 0, false, 0},
	{"when", h_when, 0, false, 0},
	{"help", h_nonempty, FF(help), true, 0},
	{"tab", h_int, FF(tab), false, 1},
	{"lookup", h_name, FF(lookup), false, 0},
};
#undef FF
static const struct mapping_spec field_spec = {N_("a field"), field_keys, ARRAY_SIZE(field_keys)};

static const struct handler text_keys[] = {
	{"row", h_int, offsetof(struct form_text, row), true, 0},
	{"col", h_int, offsetof(struct form_text, col), true, 0},
	{"text", h_nonempty, offsetof(struct form_text, text), true, 0},
};
static const struct mapping_spec text_spec = {N_("a text"), text_keys, ARRAY_SIZE(text_keys)};

static const struct handler key_keys[] = {
	{"key", h_fkey, 0, true, 0},
	{"action", h_action, offsetof(struct form_key, action), true, 0},
	{"label", h_nonempty, offsetof(struct form_key, label), true, 0},
};
static const struct mapping_spec key_spec = {N_("a function key"), key_keys, ARRAY_SIZE(key_keys)};

/* Where item i of a sequence node starts, for checks made after loading. */
static struct form_pos item_pos(struct loader *ld, const yaml_node_t *seq, size_t i)
{
	const yaml_node_t *item = node_of(ld, seq->data.sequence.items.start[i]);

	return (struct form_pos){(int)item->start_mark.line + 1, (int)item->start_mark.column + 1};
}

static bool h_keys(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form *f = obj;

	if (!load_list(ld, v, h->key, &key_spec, sizeof *f->keys, (void **)&f->keys, &f->nkeys))
		return false;
	for (size_t i = 0; i < f->nkeys; i++)
		f->keys[i].pos = item_pos(ld, v, i);
	return true;
}

static bool h_align(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_column *c = obj;
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	if (strcmp(s, "left") != 0 && strcmp(s, "right") != 0)
		return fail_node(ld, v, _("unknown align '%s' (expected left or right)"), s);
	c->right = strcmp(s, "right") == 0;
	return true;
}

static bool h_format(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	static const char *const names[] = {[COLUMN_TEXT] = "text", [COLUMN_YEN] = "yen",
					    [COLUMN_KYEN] = "kyen", [COLUMN_DATE] = "date",
					    [COLUMN_YESNO] = "yesno"};
	struct form_column *c = obj;
	const char *s;

	if (!get_string(ld, v, h->key, &s))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(s, names[i]) == 0) {
			c->format = (enum column_format)i;
			return true;
		}
	}
	return fail_node(ld, v, _("unknown format '%s' (expected text, yen, kyen, date or yesno)"), s);
}

#define FC(m) offsetof(struct form_column, m)
static const struct handler column_keys[] = {
	{"id", h_name, FC(id), true, 0},
	{"title", h_string, FC(title), true, 0},
	{"width", h_int, FC(width), true, 1},
	{"align", h_align, 0, false, 0},
	{"grow", h_bool, FC(grow), false, 0},
	{"hidden", h_bool, FC(hidden), false, 0},
	{"format", h_format, 0, false, 0},
	{"lookup", h_name, FC(lookup), false, 0},
};
#undef FC
static const struct mapping_spec column_spec = {N_("a column"), column_keys, ARRAY_SIZE(column_keys)};

static bool h_columns(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_list *l = obj;

	if (!load_list(ld, v, h->key, &column_spec, sizeof *l->columns, (void **)&l->columns,
		       &l->ncolumns))
		return false;
	if (l->ncolumns == 0)
		return fail_node(ld, v, "%s", _("columns must list at least one column"));
	return true;
}

/* The first n bytes of s are a name: [a-z][a-z0-9_]*. */
static bool is_name(const char *s, size_t n)
{
	return n && strchr(LOWER, s[0]) && strspn(s, LOWER DIGITS "_") == n;
}

/* One parameter: an integer, `limit`, `key`, `version`, `request`,
 * `record`, a field id, LIST.COLUMN or all.LIST.COLUMN. */
static bool load_param(struct loader *ld, const yaml_node_t *item, const char *key,
		       struct form_param *p)
{
	static const struct {
		const char *word;
		enum param_kind kind;
	} words[] = {{"limit", PARAM_LIMIT}, {"key", PARAM_KEY}, {"version", PARAM_VERSION},
		     {"request", PARAM_REQUEST}, {"record", PARAM_RECORD}};
	const char *s, *list, *dot;
	bool rows;

	if (item->type == YAML_SCALAR_NODE && item->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    *scalar_text(item) && strspn(scalar_text(item), "-" DIGITS) == strlen(scalar_text(item))) {
		p->kind = PARAM_CONST;
		return get_llong(ld, item, key, &p->value);
	}
	if (!get_string(ld, item, key, &s))
		return false;
	for (size_t w = 0; w < ARRAY_SIZE(words); w++) {
		if (strcmp(s, words[w].word) == 0) {
			p->kind = words[w].kind;
			return true;
		}
	}
	/* all.LIST.COLUMN: every row's; LIST.COLUMN: the chosen row's */
	rows = strncmp(s, "all.", 4) == 0 && strchr(s + 4, '.');
	list = rows ? s + 4 : s;
	dot = strchr(list, '.');
	if (dot && is_name(list, (size_t)(dot - list)) && is_name(dot + 1, strlen(dot + 1))) {
		char name[64];
		p->kind = rows ? PARAM_ROWS : PARAM_ROW;
		snprintf(name, sizeof name, "%.*s", (int)(dot - list), list);
		return dup_string(ld, name, &p->field) && dup_string(ld, dot + 1, &p->column);
	}
	if (!is_name(s, strlen(s)))
		return fail_node(ld, item,
				 _("parameter '%s' must be a field id, LIST.COLUMN, all.LIST.COLUMN, limit, key, "
				   "version, request, record or an integer"),
				 s);
	p->kind = PARAM_FIELD;
	return dup_string(ld, s, &p->field);
}

static bool load_params(struct loader *ld, const yaml_node_t *v, const char *key,
			struct form_param **params, size_t *nparams)
{
	char d[80];
	size_t n;

	if (v->type != YAML_SEQUENCE_NODE)
		return fail_node(ld, v, _("%s must be a list, found %s"), key, describe(v, d, sizeof d));
	n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (n == 0)
		return true;
	*params = calloc(n, sizeof **params);
	if (!*params)
		return fail_oom(ld);
	*nparams = n;
	for (size_t i = 0; i < n; i++)
		if (!load_param(ld, node_of(ld, v->data.sequence.items.start[i]), key, &(*params)[i]))
			return false;
	return true;
}

static bool h_list_params(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_list *l = obj;

	return load_params(ld, v, h->key, &l->params, &l->nparams);
}

static bool h_call_params(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form_call *c = obj;

	return load_params(ld, v, h->key, &c->params, &c->nparams);
}

#define FC(m) offsetof(struct form_call, m)
static const struct handler call_keys[] = {
	{"action", h_action, FC(action), true, 0},
	{"function", h_name, FC(function), true, 0},
	{"params", h_call_params, 0, false, 0},
	{"confirm", h_nonempty, FC(confirm), false, 0},
	{"done", h_nonempty, FC(done), true, 0},
	{"record", h_bool, FC(record), false, 0},
};
#undef FC
static const struct mapping_spec call_spec = {N_("a call"), call_keys, ARRAY_SIZE(call_keys)};

static bool h_calls(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form *f = obj;

	if (!load_list(ld, v, h->key, &call_spec, sizeof *f->calls, (void **)&f->calls, &f->ncalls))
		return false;
	for (size_t i = 0; i < f->ncalls; i++)
		f->calls[i].pos = item_pos(ld, v, i);
	return true;
}

#define FL(m) offsetof(struct form_list, m)
static const struct handler list_keys[] = {
	{"id", h_name, FL(id), true, 0},
	{"row", h_int, FL(row), true, 0},
	{"height", h_int, FL(height), true, 2},
	{"source", h_name, FL(source), false, 0},
	{"params", h_list_params, 0, false, 0},
	{"limit", h_int, FL(limit), false, 1},
	{"record", h_name, FL(record), false, 0},
	{"key", h_name, FL(key), true, 0},
	{"open", h_name, FL(open), false, 0},
	{"columns", h_columns, 0, true, 0},
};
#undef FL
static const struct mapping_spec list_spec = {N_("a list"), list_keys, ARRAY_SIZE(list_keys)};

static bool h_lists(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form *f = obj;

	if (!load_list(ld, v, h->key, &list_spec, sizeof *f->lists, (void **)&f->lists, &f->nlists))
		return false;
	for (size_t i = 0; i < f->nlists; i++)
		f->lists[i].pos = item_pos(ld, v, i);
	return true;
}

static bool h_texts(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form *f = obj;

	return load_list(ld, v, h->key, &text_spec, sizeof *f->texts, (void **)&f->texts, &f->ntexts);
}

static bool h_fields(struct loader *ld, const yaml_node_t *v, void *obj, const struct handler *h)
{
	struct form *f = obj;

	if (!load_list(ld, v, h->key, &field_spec, sizeof *f->fields, (void **)&f->fields,
		       &f->nfields))
		return false;
	if (f->nfields == 0)
		return fail_node(ld, v, "%s", _("fields must list at least one field"));
	for (size_t i = 0; i < f->nfields; i++)
		f->fields[i].pos = item_pos(ld, v, i);
	return true;
}

static const struct handler form_keys[] = {
	{"version", h_version, 0, true, 0},
	{"title", h_nonempty, offsetof(struct form, title), true, 0},
	{"keys", h_keys, 0, false, 0},
	{"texts", h_texts, 0, false, 0},
	{"fields", h_fields, 0, true, 0},
	{"lists", h_lists, 0, false, 0},
	{"calls", h_calls, 0, false, 0},
	{"load", h_name, offsetof(struct form, load), false, 0},
	{"save", h_name, offsetof(struct form, save), false, 0},
	{"key", h_name, offsetof(struct form, key), false, 0},
	{"submit", h_action, offsetof(struct form, submit), false, 0},
	{"enter_submits", h_bool, offsetof(struct form, enter_submits), false, 0},
	{"on_open", h_action, offsetof(struct form, on_open), false, 0},
	{"listen", h_name, offsetof(struct form, listen), false, 0},
	{"on_date", h_name, offsetof(struct form, on_date), false, 0},
	{"offers", h_name, offsetof(struct form, offers), false, 0},
};
static const struct mapping_spec form_spec = {N_("the form file"), form_keys, ARRAY_SIZE(form_keys)};

/* ---- after the checks -------------------------------------------------- */

/* The node form_check() blames: a path such as "lists.0.columns.1.title",
 * followed as far as the document has it. */
static const yaml_node_t *node_at(struct loader *ld, const char *where)
{
	const yaml_node_t *n = yaml_document_get_root_node(&ld->doc);
	char seg[64];

	while (*where) {
		size_t len = strcspn(where, ".");
		const yaml_node_t *next = NULL;

		snprintf(seg, sizeof seg, "%.*s", (int)len, where);
		where += len + (where[len] == '.');
		if (n->type == YAML_SEQUENCE_NODE && strspn(seg, DIGITS) == len && len) {
			size_t i = strtoul(seg, NULL, 10);
			if (i < (size_t)(n->data.sequence.items.top - n->data.sequence.items.start))
				next = node_of(ld, n->data.sequence.items.start[i]);
		} else if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++)
				if (strcmp(scalar_text(node_of(ld, p->key)), seg) == 0)
					next = node_of(ld, p->value);
		}
		if (!next)
			break;
		n = next;
	}
	return n;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool fail_blame(struct loader *ld, const struct form_blame *b)
{
	const yaml_node_t *n = node_at(ld, b->where);
	int line = (int)n->start_mark.line + 1, column = (int)n->start_mark.column + 1;

	/* Point at the character itself when the scalar is written as is on
	 * one line (no escapes, no folding). */
	if (b->offset >= 0 && n->type == YAML_SCALAR_NODE &&
	    n->start_mark.line == n->end_mark.line) {
		size_t span = n->end_mark.column - n->start_mark.column;
		size_t chars = utf8_chars(scalar_text(n));
		if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && span == chars)
			column += b->offset;
		else if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE && span == chars + 2)
			column += 1 + b->offset;
	}
	return fail_at(ld, line, column, "%s", b->message);
}

static void apply_defaults(struct form *f)
{
	for (size_t i = 0; i < f->nfields; i++) {
		struct form_field *fd = &f->fields[i];
		if (!fd->height)
			fd->height = 1;
		if (!fd->maxlen)
			fd->maxlen = fd->type == FIELD_MEMO ? fd->width * fd->height
			           : fd->type == FIELD_YESNO ? 1 : fd->width;
		if (!fd->tab)
			fd->tab = (int)i + 1;
	}
}

/* Stable, so that equal tabs keep the order of declaration. */
static void sort_by_tab(struct form *f)
{
	for (size_t i = 1; i < f->nfields; i++) {
		struct form_field x = f->fields[i];
		size_t j = i;
		for (; j > 0 && f->fields[j - 1].tab > x.tab; j--)
			f->fields[j] = f->fields[j - 1];
		f->fields[j] = x;
	}
}

static bool set_names(struct loader *ld, struct form *f)
{
	const char *base = strrchr(ld->path, '/');
	size_t n;

	base = base ? base + 1 : ld->path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
		n -= 5;
	f->name = malloc(n + 1);
	if (!f->name)
		return fail_oom(ld);
	memcpy(f->name, base, n);
	f->name[n] = '\0';
	return dup_string(ld, ld->path, &f->path);
}

/* ---- the interface ----------------------------------------------------- */

static bool load_form(struct loader *ld, struct form *f)
{
	const yaml_node_t *root;
	struct form_blame blame;

	if (!set_names(ld, f) || !read_file(ld) || !check_utf8(ld) || !scan_events(ld))
		return false;
	root = yaml_document_get_root_node(&ld->doc);
	if (!root)
		return fail_at(ld, 1, 1, "%s", _("the file is empty: a form is a mapping of version, "
						  "title, keys, texts and fields"));
	if (!load_mapping(ld, root, &form_spec, f))
		return false;
	if (!form_check(f, &blame))
		return fail_blame(ld, &blame);
	apply_defaults(f);
	sort_by_tab(f);
	return true;
}

struct form *form_load(const char *path, struct form_error *err)
{
	struct loader ld = {.path = path, .err = err};
	struct form *f = calloc(1, sizeof *f);
	bool ok;

	if (!f) {
		fail_oom(&ld);
		return NULL;
	}
	ok = load_form(&ld, f);
	/* ld.doc is all zeroes unless scan_events() began it */
	yaml_document_delete(&ld.doc);
	free(ld.buf);
	if (!ok) {
		form_free(f);
		return NULL;
	}
	return f;
}

static void free_params(struct form_param *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].field);
		free(p[i].column);
	}
	free(p);
}

void form_free(struct form *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nfields; i++) {
		struct form_field *fd = &f->fields[i];
		free(fd->id);
		free(fd->label);
		free(fd->help);
		free(fd->lookup);
	}
	for (size_t i = 0; i < f->ntexts; i++)
		free(f->texts[i].text);
	for (size_t i = 0; i < f->nkeys; i++) {
		free(f->keys[i].action);
		free(f->keys[i].label);
	}
	for (size_t i = 0; i < f->nlists; i++) {
		struct form_list *l = &f->lists[i];
		free(l->id);
		free(l->source);
		free_params(l->params, l->nparams);
		free(l->record);
		free(l->key);
		free(l->open);
		for (size_t j = 0; j < l->ncolumns; j++) {
			free(l->columns[j].id);
			free(l->columns[j].title);
			free(l->columns[j].lookup);
		}
		free(l->columns);
	}
	free(f->lists);
	for (size_t i = 0; i < f->ncalls; i++) {
		free(f->calls[i].action);
		free(f->calls[i].function);
		free_params(f->calls[i].params, f->calls[i].nparams);
		free(f->calls[i].confirm);
		free(f->calls[i].done);
	}
	free(f->calls);
	free(f->load);
	free(f->save);
	free(f->submit);
	free(f->key);
	free(f->on_open);
	free(f->listen);
	free(f->on_date);
	free(f->offers);
	free(f->fields);
	free(f->texts);
	free(f->keys);
	free(f->name);
	free(f->title);
	free(f->path);
	free(f);
}

const struct form_field *form_field_by_id(const struct form *f, const char *id)
{
	for (size_t i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].id, id) == 0)
			return &f->fields[i];
	return NULL;
}

const struct form_key *form_key_by_action(const struct form *f, const char *action)
{
	for (size_t i = 0; i < f->nkeys; i++)
		if (strcmp(f->keys[i].action, action) == 0)
			return &f->keys[i];
	return NULL;
}

const struct form_list *form_list_by_id(const struct form *f, const char *id)
{
	for (size_t i = 0; i < f->nlists; i++)
		if (strcmp(f->lists[i].id, id) == 0)
			return &f->lists[i];
	return NULL;
}

const struct form_call *form_call_by_action(const struct form *f, const char *action)
{
	for (size_t i = 0; i < f->ncalls; i++)
		if (strcmp(f->calls[i].action, action) == 0)
			return &f->calls[i];
	return NULL;
}

const struct form_column *form_column_by_id(const struct form_list *l, const char *id)
{
	for (size_t i = 0; i < l->ncolumns; i++)
		if (strcmp(l->columns[i].id, id) == 0)
			return &l->columns[i];
	return NULL;
}

const char *field_type_name(enum field_type t)
{
	if ((size_t)t >= ARRAY_SIZE(type_names))
		return "?";
	return type_names[t];
}
