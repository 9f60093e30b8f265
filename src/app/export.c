/* 持ち出し: the list on screen written to a CSV file for Excel or printed as
 * a PDF report, after the database has recorded who took what, why and on
 * which medium (hosho.log_export): an export the log does not hold is never
 * written. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "i18n.h"
#include "print/print.h"
#include "util.h"

char *export_dir(void)
{
	const char *d = getenv("HOSHO_EXPORT_DIR"), *home = getenv("HOME");

	if (d && *d)
		return xstrdup(d);
	return xasprintf("%s/hosho-export", home && *home ? home : ".");
}

/* One CSV field: quoted, quotes doubled. */
static void put_field(FILE *fp, const char *s, bool first)
{
	if (!first)
		fputc(',', fp);
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* The list as UTF-8 CSV text: a header of column titles, then the rows as
 * the clerk reads them, CRLF line ends. Owned. */
static char *csv_text(const struct list_view *l)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	for (size_t c = 0; c < l->decl->ncolumns; c++)
		put_field(fp, l->decl->columns[c].title, c == 0);
	fputs("\r\n", fp);
	for (size_t r = 0; r < l->nrows; r++) {
		for (size_t c = 0; c < l->decl->ncolumns; c++) {
			char *cell = list_view_cell(l, r, c);
			put_field(fp, cell, c == 0);
			free(cell);
		}
		fputs("\r\n", fp);
	}
	fclose(fp);
	return buf;
}

/* Writes text to a new file of mode 0600 in the encoding asked for: CP932
 * for Excel (what CP932 lacks becomes ?), or UTF-8 with the mark Excel needs
 * to know it. */
static bool write_file(const char *path, const char *utf8, bool cp932)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	bool ok = fp != NULL;

	if (!fp) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	if (cp932) {
		iconv_t cd = iconv_open("CP932//TRANSLIT", "UTF-8");
		char *in = (char *)utf8, out[4096];
		size_t left = strlen(utf8);

		ok = cd != (iconv_t)-1;
		while (ok && left) {
			char *o = out;
			size_t room = sizeof out;
			if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 && errno != E2BIG) {
				/* a character CP932 cannot hold: skip it, mark it */
				*o++ = '?';
				room--;
				in++;
				left--;
				while (left && ((unsigned char)*in & 0xC0) == 0x80)
					in++, left--;
			}
			ok = fwrite(out, 1, sizeof out - room, fp) == sizeof out - room;
		}
		if (cd != (iconv_t)-1)
			iconv_close(cd);
	} else {
		ok = fputs("\xEF\xBB\xBF", fp) >= 0 && fputs(utf8, fp) >= 0;
	}
	return fclose(fp) == 0 && ok;
}

bool export_dir_make(const char *dir)
{
	return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

const char *const export_fields[3] = {"why", "medium", "encoding"};

/* Writes the list to path in the file's format: false with *err owned. */
typedef bool (*export_write_fn)(struct screen *s, const struct list_view *l, const char *path,
				char **err);

static bool write_csv(struct screen *s, const struct list_view *l, const char *path, char **err)
{
	char *encoding = screen_field_db(s, "encoding"), *csv = csv_text(l);
	bool ok = write_file(path, csv, !encoding || strcmp(encoding, "utf8") != 0);

	if (!ok)
		*err = xstrdup(strerror(errno));
	free(encoding);
	free(csv);
	return ok;
}

/* What the report covers: each condition typed on the form (not the
 * export's own fields), as label and value, codes with their labels. */
static char *conditions(struct screen *s)
{
	char *text = xstrdup("");

	for (size_t i = 0; i < s->form->nfields; i++) {
		const struct form_field *f = &s->form->fields[i];
		char *v = fv_get_utf8(&s->view.values[i]), *more;
		const char *label = f->type == FIELD_CODE && *v ? code_list_label(app_lookup(s, f->lookup), v)
							     : NULL;
		if (!f->transient && *v) {
			more = xasprintf("%s%s%s %s%s%s", text, *text ? "  " : "", f->label, v,
					 label ? " " : "", label ? label : "");
			free(text);
			text = more;
		}
		free(v);
	}
	return text;
}

bool list_pdf_write(const struct list_view *l, const char *title, const char *const *notes,
		    size_t nnotes, const char *path, char **err)
{
	size_t n = 0, ncols = l->decl->ncolumns;
	const char *headers[ncols + 1];
	int widths[ncols + 1];
	bool right[ncols + 1];
	char ***cells = xcalloc(l->nrows + 1, sizeof *cells);
	struct print_table t;
	bool ok;

	for (size_t c = 0; c < ncols; c++) {
		if (l->decl->columns[c].hidden)
			continue;
		headers[n] = l->decl->columns[c].title;
		widths[n] = l->decl->columns[c].width;
		right[n++] = l->decl->columns[c].right;
	}
	for (size_t r = 0; r < l->nrows; r++) {
		cells[r] = xcalloc(n + 1, sizeof **cells);
		for (size_t c = 0, k = 0; c < ncols; c++)
			if (!l->decl->columns[c].hidden)
				cells[r][k++] = list_view_cell(l, r, c);
	}
	t = (struct print_table){title, notes, nnotes, n, headers, widths, right, l->nrows,
				 (char *const *const *)cells};
	ok = table_pdf_write(&t, path, err) == 0;
	for (size_t r = 0; r < l->nrows; r++) {
		for (size_t c = 0; c < n; c++)
			free(cells[r][c]);
		free(cells[r]);
	}
	free(cells);
	return ok;
}

char *printed_by(const struct screen *s)
{
	char stamp[32];
	time_t now = time(NULL);

	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", localtime(&now));
	return xasprintf(_("Printed %s by %s"), stamp, s->app->status);
}

static bool write_pdf(struct screen *s, const struct list_view *l, const char *path, char **err)
{
	char *covers = conditions(s), *printed = printed_by(s);
	const char *notes[] = {covers, printed};
	bool ok = *covers ? list_pdf_write(l, s->form->title, notes, 2, path, err)
			  : list_pdf_write(l, s->form->title, notes + 1, 1, path, err);

	free(covers);
	free(printed);
	return ok;
}

/* The list with the cursor, written to a new file of the export directory
 * once the database has logged who took it, why and on what. */
static enum action_result export_as(struct screen *s, const char *ext, export_write_fn write)
{
	struct list_view *l = screen_list(s);
	char *why = screen_field_db(s, "why"), *medium = screen_field_db(s, "medium");
	char *dir = export_dir(), *path = NULL, *err = NULL;
	char *what = xasprintf(_("%s: %zu rows"), s->form->title, l->nrows), stamp[32];
	const char *params[] = {s->def->name, what, why, medium};
	time_t now = time(NULL);
	struct db_error dberr;
	PGresult *res;

	if (!why || !medium) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			       _("An export needs its reason and medium: type them first."));
		form_view_focus(&s->view, why ? "medium" : "why");
		goto out;
	}
	res = db_query(s->app->conn, &dberr, "SELECT hosho.log_export($1, $2, $3, $4)", 4, params);
	if (!res) {
		app_show_db_error(s->app, &s->view, &dberr);
		goto out;
	}
	PQclear(res);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	path = xasprintf("%s/%s-%s.%s", dir, s->def->name, stamp, ext);
	if (!export_dir_make(dir))
		err = xstrdup(strerror(errno));
	if (err || !write(s, l, path, &err))
		ui_set_message(&s->app->ui, UI_MSG_ERROR, _("The file %s could not be written: %s"), path,
			       err);
	else
		ui_set_message(&s->app->ui, UI_MSG_INFO, _("Exported %zu rows to %s (recorded)."),
			       l->nrows, path);
out:
	free(why);
	free(medium);
	free(dir);
	free(path);
	free(what);
	free(err);
	return ACTION_STAY;
}

enum action_result export_list(struct screen *s)
{
	return export_as(s, "csv", write_csv);
}

enum action_result export_pdf(struct screen *s)
{
	return export_as(s, "pdf", write_pdf);
}
