/* Drafts: what a clerk typed and had not saved when the terminal went away
 * (SIGHUP, SIGTERM, a closed pane), kept in a private file per login and
 * database and offered back at their next sign-in. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* $XDG_STATE_HOME/hosho, else ~/.local/state/hosho, made private if
 * missing; NULL if there is no home. Owned. */
static char *state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *base, *dir;

	if (xdg && *xdg)
		base = xstrdup(xdg);
	else if (home && *home)
		base = xasprintf("%s/.local/state", home);
	else
		return NULL;
	dir = xasprintf("%s/hosho", base);
	for (char *p = dir + 1; *p; p++) /* mkdir -p */
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
	free(base);
	return dir;
}

/* s with every byte but [A-Za-z0-9._-] as %XX: a file name part. */
static void append_escaped(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	for (; *s && n + 4 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", c);
	}
	out[n] = '\0';
}

/* The draft file of the signed-in login on its database. Owned; NULL if
 * there is nowhere to keep it. */
static char *draft_path(const struct app *a)
{
	char name[512] = "draft-";
	char *dir = state_dir(), *path;

	if (!dir || !a->conn) {
		free(dir);
		return NULL;
	}
	append_escaped(name, sizeof name, PQuser(a->conn));
	append_escaped(name, sizeof name, "@");
	append_escaped(name, sizeof name, PQhost(a->conn) ? PQhost(a->conn) : "");
	append_escaped(name, sizeof name, ":");
	append_escaped(name, sizeof name, PQdb(a->conn));
	path = xasprintf("%s/%s.json", dir, name);
	free(dir);
	return path;
}

bool draft_write(struct screen *s)
{
	char *path = draft_path(s->app), *tmp, *text;
	bool ok = false;
	int fd;

	if (!path)
		return false;
	tmp = xasprintf("%s.tmp", path);
	text = record_draft(s);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		size_t len = strlen(text);
		ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
		ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(text);
	free(tmp);
	free(path);
	return ok;
}

/* The whole file, or NULL if there is none. Owned. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096)
			text = xrealloc(text, cap += 65536);
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	text[len] = '\0';
	return text;
}

/* A text member of the draft, read by the database (as it reads records). */
static char *draft_member(struct app *a, const char *draft, const char *name)
{
	const char *params[] = {draft, name};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err, "SELECT $1::jsonb ->> $2", 2, params);
	char *v = res && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)
			  ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;

	PQclear(res);
	return v;
}

enum action_result draft_offer(struct app *a)
{
	char *path = draft_path(a), *draft = path ? read_file(path) : NULL;
	char *name = NULL, *key = NULL;
	const struct screen_def *def = NULL;
	enum action_result r = ACTION_STAY;

	if (draft)
		name = draft_member(a, draft, "#screen");
	if (name)
		def = screen_def_by_name(name);
	if (def && a->may_open[screen_index(def)] &&
	    ui_confirm(&a->ui, _("There is input that was not saved. Resume it?"))) {
		const struct form *f = app_form(a, def->name);
		key = f->key ? draft_member(a, draft, f->key) : NULL;
		unlink(path);
		r = screen_resume(a, def, key, draft);
	}
	free(key);
	free(name);
	free(draft);
	free(path);
	return r;
}
