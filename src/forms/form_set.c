/* The forms of a directory: every NAME.yaml, sorted by NAME so that
 * form_set_get() can search them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form.h"
#include "i18n.h"

struct names {
	char **v;
	size_t n, cap;
};

static void names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static bool set_error(struct form_error *err, const char *path, const char *message)
{
	snprintf(err->path, sizeof err->path, "%s", path);
	err->line = err->column = 0;
	snprintf(err->message, sizeof err->message, "%s", message);
	err->source[0] = '\0';
	return false;
}

/* Adds the form name of a directory entry if it is NAME.yaml (hidden files
 * excepted, as editors leave them behind). */
static bool names_add(struct names *ns, const char *file)
{
	size_t len = strlen(file);
	char *name;

	if (file[0] == '.' || len <= 5 || strcmp(file + len - 5, ".yaml") != 0)
		return true;
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 16;
		char **v = realloc(ns->v, cap * sizeof *v);
		if (!v)
			return false;
		ns->v = v;
		ns->cap = cap;
	}
	name = malloc(len - 4);
	if (!name)
		return false;
	memcpy(name, file, len - 5);
	name[len - 5] = '\0';
	ns->v[ns->n++] = name;
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted by form name, not file name: "a.yaml" and "a-b.yaml" sort the
 * other way round from "a" and "a-b". */
static bool list_forms(const char *dir, struct names *ns, struct form_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char msg[512];

	if (!d) {
		snprintf(msg, sizeof msg, _("cannot read the forms directory: %s"), strerror(errno));
		return set_error(err, dir, msg);
	}
	while ((e = readdir(d))) {
		if (!names_add(ns, e->d_name)) {
			closedir(d);
			names_free(ns);
			return set_error(err, dir, _("out of memory"));
		}
	}
	closedir(d);
	if (ns->n)
		qsort(ns->v, ns->n, sizeof *ns->v, cmp_names);
	return true;
}

/* dir/name.yaml, newly allocated. */
static char *form_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + sizeof "/.yaml";
	char *path = malloc(n);

	if (path)
		snprintf(path, n, "%s/%s.yaml", dir, name);
	return path;
}

static struct form *load_named(const char *dir, const char *name, struct form_error *err)
{
	char *path = form_path(dir, name);
	struct form *f;

	if (!path) {
		set_error(err, dir, _("out of memory"));
		return NULL;
	}
	f = form_load(path, err);
	free(path);
	return f;
}

bool form_set_load(const char *dir, struct form_set *out, struct form_error *err)
{
	struct names ns = {0};

	out->forms = NULL;
	out->n = 0;
	if (!list_forms(dir, &ns, err))
		return false;
	if (ns.n) {
		out->forms = calloc(ns.n, sizeof *out->forms);
		if (!out->forms) {
			names_free(&ns);
			return set_error(err, dir, _("out of memory"));
		}
	}
	for (size_t i = 0; i < ns.n; i++) {
		out->forms[i] = load_named(dir, ns.v[i], err);
		if (!out->forms[i]) {
			names_free(&ns);
			form_set_free(out);
			return false;
		}
		out->n++;
	}
	names_free(&ns);
	return true;
}

/* A directory that cannot be read counts as one failure. */
int form_set_check(const char *dir, void *errs)
{
	struct names ns = {0};
	struct form_error err;
	int failed = 0;

	if (!list_forms(dir, &ns, &err)) {
		form_error_print(&err, errs);
		return 1;
	}
	for (size_t i = 0; i < ns.n; i++) {
		struct form *f = load_named(dir, ns.v[i], &err);
		if (!f) {
			form_error_print(&err, errs);
			failed++;
		}
		form_free(f);
	}
	names_free(&ns);
	return failed;
}

void form_set_free(struct form_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		form_free(set->forms[i]);
	free(set->forms);
	set->forms = NULL;
	set->n = 0;
}

static int cmp_key_form(const void *key, const void *elem)
{
	return strcmp(key, (*(struct form *const *)elem)->name);
}

const struct form *form_set_get(const struct form_set *set, const char *name)
{
	struct form *const *hit;

	if (!set->n)
		return NULL;
	hit = bsearch(name, set->forms, set->n, sizeof *set->forms, cmp_key_form);
	return hit ? *hit : NULL;
}
