/* A bank report file (doc/bank_report.md) sent to the database: read once
 * for its encoding and size, then line by line converted to UTF-8 and
 * COPYed into the session's staging table, which hosho.bank_report_load
 * reads. The file is never held whole: memory stays flat for 2.5M lines. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "i18n.h"
#include "util.h"

static const char bom[] = "\xEF\xBB\xBF";

/* A streaming UTF-8 check: *need is the continuation bytes still due. */
static bool utf8_ok(const unsigned char *p, size_t n, int *need)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (*need) {
			if ((c & 0xC0) != 0x80)
				return false;
			(*need)--;
		} else if (c >= 0xF0 && c <= 0xF4) {
			*need = 3;
		} else if (c >= 0xE0 && c <= 0xEF) {
			*need = 2;
		} else if (c >= 0xC2 && c <= 0xDF) {
			*need = 1;
		} else if (c >= 0x80) {
			return false;
		}
	}
	return true;
}

bool import_scan(const char *path, const char *enc, struct import_file *f, struct db_error *err)
{
	FILE *fp = fopen(path, "rb");
	unsigned char buf[65536];
	size_t n, total = 0;
	bool utf8 = true, ends_in_newline = true;
	int need = 0;

	memset(f, 0, sizeof *f);
	if (!fp) {
		db_error_set(err, _("The file %s cannot be read: %s"), path, strerror(errno));
		snprintf(err->column, sizeof err->column, "file_name");
		return false;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (total == 0 && n >= 3 && memcmp(buf, bom, 3) == 0)
			f->bom = true;
		for (size_t i = 0; i < n; i++)
			f->lines += buf[i] == '\n';
		ends_in_newline = buf[n - 1] == '\n';
		utf8 = utf8 && utf8_ok(buf, n, &need);
		total += n;
	}
	if (ferror(fp)) {
		db_error_set(err, _("The file %s cannot be read: %s"), path, strerror(errno));
		fclose(fp);
		return false;
	}
	fclose(fp);
	if (total && !ends_in_newline)
		f->lines++;
	f->path = path;
	if (enc && *enc)
		snprintf(f->encoding, sizeof f->encoding, "%s", strcmp(enc, "cp932") == 0 ? "cp932" : "utf-8");
	else
		snprintf(f->encoding, sizeof f->encoding, "%s", f->bom || (utf8 && !need) ? "utf-8" : "cp932");
	return true;
}

/* A growing buffer of COPY data, sent when full. */
struct copy_buf {
	PGconn *conn;
	char *s;
	size_t len, cap;
	bool failed;
};

static void put(struct copy_buf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

static void flush(struct copy_buf *b)
{
	if (b->len && !b->failed && PQputCopyData(b->conn, b->s, (int)b->len) != 1)
		b->failed = true;
	b->len = 0;
}

/* One line as a COPY text row: its number, the text escaped, the flag. */
static void put_row(struct copy_buf *b, size_t line_no, const char *utf8, size_t n, bool undecodable)
{
	char num[32];
	int k = snprintf(num, sizeof num, "%zu\t", line_no);

	put(b, num, (size_t)k);
	for (size_t i = 0; i < n; i++) {
		switch (utf8[i]) {
		case '\\': put(b, "\\\\", 2); break;
		case '\t': put(b, "\\t", 2); break;
		case '\r': put(b, "\\r", 2); break;
		case '\n': put(b, "\\n", 2); break;
		default: put(b, utf8 + i, 1);
		}
	}
	put(b, undecodable ? "\tt\n" : "\tf\n", 3);
	if (b->len >= 65536)
		flush(b);
}

/* The line converted to UTF-8 (owned, *n bytes); bytes not of the encoding
 * become U+FFFD and set *undecodable; a NUL is dropped the same way. */
static char *convert(iconv_t cd, const char *line, size_t len, size_t *n, bool *undecodable)
{
	size_t cap = len * 3 + 4, room = cap, left = len;
	char *out = xmalloc(cap), *o = out, *in = (char *)line;

	*undecodable = false;
	iconv(cd, NULL, NULL, NULL, NULL);
	while (left) {
		if (iconv(cd, &in, &left, &o, &room) != (size_t)-1)
			break;
		if (errno == E2BIG) { /* cannot happen with len * 3: stop safely */
			*undecodable = true;
			break;
		}
		memcpy(o, "\xEF\xBF\xBD", 3); /* EILSEQ or a cut sequence */
		o += 3;
		room -= 3;
		in++;
		left--;
		*undecodable = true;
	}
	*n = (size_t)(o - out);
	for (size_t i = 0; i < *n; i++) {
		if (out[i] == '\0') {
			memmove(out + i, out + i + 1, --*n - i);
			*undecodable = true;
			i--;
		}
	}
	return out;
}

/* COPYs every line of f into pg_temp.bank_report_in; false with err. */
static bool send_lines(PGconn *conn, const struct import_file *f, import_progress_fn progress,
		       void *ctx, struct db_error *err)
{
	FILE *fp = fopen(f->path, "rb");
	iconv_t cd = iconv_open("UTF-8", strcmp(f->encoding, "cp932") == 0 ? "CP932" : "UTF-8");
	struct copy_buf b = {.conn = conn};
	char *line = NULL;
	size_t cap = 0, line_no = 0;
	ssize_t len;
	PGresult *res;
	bool ok;

	if (!fp || cd == (iconv_t)-1) {
		db_error_set(err, _("The file %s cannot be read: %s"), f->path, strerror(errno));
		if (fp)
			fclose(fp);
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return false;
	}
	res = PQexec(conn, "COPY pg_temp.bank_report_in (line_no, raw, undecodable) FROM STDIN");
	ok = PQresultStatus(res) == PGRES_COPY_IN;
	if (!ok)
		db_error_from(err, conn, res);
	PQclear(res);
	while (ok && (len = getline(&line, &cap, fp)) >= 0) {
		char *text = line, *utf8;
		size_t n;
		bool undecodable;

		line_no++;
		while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			len--;
		if (line_no == 1 && f->bom && len >= 3) {
			text += 3;
			len -= 3;
		}
		if (len == 0) /* a blank line (Excel leaves some at the end) */
			continue;
		utf8 = convert(cd, text, (size_t)len, &n, &undecodable);
		put_row(&b, line_no, utf8, n, undecodable);
		free(utf8);
		if (progress && line_no % 1000 == 0)
			progress(ctx, line_no, f->lines);
	}
	flush(&b);
	if (ok && (b.failed || PQputCopyEnd(conn, NULL) != 1)) {
		db_error_from(err, conn, NULL);
		ok = false;
	}
	if (ok) {
		while ((res = PQgetResult(conn)) != NULL) {
			if (ok && PQresultStatus(res) != PGRES_COMMAND_OK) {
				db_error_from(err, conn, res);
				ok = false;
			}
			PQclear(res);
		}
	}
	if (ok && progress)
		progress(ctx, f->lines, f->lines);
	free(b.s);
	free(line);
	iconv_close(cd);
	fclose(fp);
	return ok;
}

char *import_load(PGconn *conn, const struct import_file *f, const char *bank,
		  import_progress_fn progress, void *ctx, struct db_error *err)
{
	struct json_buf j;
	char *params_json, *record = NULL;
	const char *params[1];
	PGresult *res;

	if (!db_exec(conn, err, "SELECT hosho.bank_report_begin()", 0, NULL) ||
	    !send_lines(conn, f, progress, ctx, err))
		return NULL;
	json_begin(&j);
	json_add(&j, "file_name", f->path);
	json_add(&j, "encoding", f->encoding);
	json_add(&j, "bank", bank);
	params_json = json_end(&j);
	params[0] = params_json;
	res = db_query(conn, err, "SELECT hosho.bank_report_load($1::jsonb)::text", 1, params);
	if (res)
		record = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	free(params_json);
	return record;
}

bool import_timeout_lift(PGconn *conn, char **saved, struct db_error *err)
{
	PGresult *res = db_query(conn, err, "SELECT current_setting('statement_timeout'), "
				 "set_config('statement_timeout', '0', false)", 0, NULL);

	*saved = res ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;
	PQclear(res);
	return res != NULL;
}

void import_timeout_restore(PGconn *conn, char *saved)
{
	struct db_error err;
	const char *params[] = {saved};

	if (saved)
		db_exec(conn, &err, "SELECT set_config('statement_timeout', $1, false)", 1, params);
	free(saved);
}
