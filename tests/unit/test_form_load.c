/* The form loader: good fixtures load with the values they declare, each bad
 * fixture fails at the line and column of the node at fault, and errors print
 * with a caret that stands under Japanese text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form.h"
#include "tap.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct bad_case {
	const char *file;
	int line, column;
	const char *message; /* a part of the message */
};

/* One fixture per kind of error; every file of forms/bad is listed here. */
static const struct bad_case bad_cases[] = {
	{"syntax.yaml", 6, 9, "YAML syntax error: mapping values are not allowed"},
	{"not_mapping.yaml", 1, 1, "the form file must be a mapping, found a list"},
	{"empty.yaml", 1, 1, "the file is empty"},
	{"two_documents.yaml", 5, 1, "a second YAML document"},
	{"invalid_utf8.yaml", 4, 21, "invalid UTF-8 (byte 0xFF)"},
	{"unknown_key.yaml", 9, 5, "unknown key 'colour' in a field (allowed: id, label, row"},
	{"unknown_top_key.yaml", 3, 1, "unknown key 'screen' in the form file (allowed: version, title"},
	{"duplicate_key.yaml", 9, 5, "duplicate key 'row' (first at line 6, column 5)"},
	{"anchor.yaml", 4, 5, "anchor '&base' refused"},
	{"alias.yaml", 4, 69, "alias '*help' refused"},
	{"tag.yaml", 4, 29, "tag 'tag:yaml.org,2002:int' refused"},
	{"too_deep.yaml", 5, 25, "nested deeper than 16 levels"},
	{"too_large.yaml", 2303, 17, "the form file is larger than 256 KiB"},
	{"int_quoted.yaml", 6, 10, "row must be an integer, found the quoted string \"1\""},
	{"int_word.yaml", 4, 37, "col must be an integer, found 'eight'"},
	{"bool_yes.yaml", 10, 15, "required must be true or false, found 'yes'"},
	{"null_help.yaml", 10, 10, "help must be a string, found nothing"},
	{"empty_help.yaml", 4, 69, "help must not be empty"},
	{"missing_help.yaml", 4, 5, "a field is missing the required key 'help'"},
	{"missing_title.yaml", 1, 1, "the form file is missing the required key 'title'"},
	{"version.yaml", 1, 10, "unsupported version 2"},
	{"no_fields.yaml", 3, 9, "fields must list at least one field"},
	{"field_not_mapping.yaml", 4, 5, "a field must be a mapping, found 'name'"},
	{"unknown_type.yaml", 9, 11,
	 "unknown field type 'nmber' (expected one of: text, katakana, digits, integer, yen, kyen, "
	 "date, code, yesno, memo, password)"},
	{"bad_id.yaml", 4, 10, "id 'Name' must be lower-case letters"},
	{"zero_width.yaml", 4, 47, "width must be at least 1, found 0"},
	{"duplicate_id.yaml", 6, 10, "duplicate field id 'a' (first declared at line 4)"},
	{"off_screen.yaml", 8, 12, "width 20 at column 70 runs past the right edge"},
	{"off_screen_col.yaml", 4, 37, "column 80 is off the screen"},
	{"reserved_row.yaml", 6, 10, "row 22 is reserved for messages"},
	{"title_row.yaml", 4, 11, "row 0 is reserved for the title"},
	{"memo_too_tall.yaml", 9, 13, "height 4 at row 19 reaches row 22"},
	{"label_off_screen.yaml", 5, 12, "label '企業名' (6 cells) does not fit left of column 4"},
	{"overlap.yaml", 12, 12, "the label of field 'b' overlaps field 'a' (line 4) at row 1, column 25"},
	{"overlap_memo.yaml", 5, 5, "field 'b' overlaps field 'note' (line 4) at row 5, column 20"},
	{"overlap_text.yaml", 6, 20, "the label of field 'a' overlaps the text '基本情報' at row 1, column 3"},
	{"ambiguous_label.yaml", 5, 14,
	 "label contains the ambiguous-width character '○' (U+25CB), drawn 2 cells wide"},
	{"ambiguous_key.yaml", 5, 37, "key label contains the ambiguous-width character '→' (U+2192)"},
	{"ambiguous_title.yaml", 2, 8, "title contains the ambiguous-width character '■'"},
	{"control_char.yaml", 4, 28, "text contains the character U+0009, which cannot be drawn"},
	{"bad_fkey.yaml", 4, 11, "unknown function key 'F13' (expected F1 to F12)"},
	{"legend_wide.yaml", 4, 3, "the function-key legend is wider than the screen's 80 cells: F9 保証書を発行"},
	{"duplicate_fkey.yaml", 5, 11, "function key F3 is declared twice"},
	{"duplicate_action.yaml", 5, 24, "action 'back' is declared twice"},
	{"bad_action.yaml", 4, 24, "action 'Save' must be lower-case letters and '_'"},
	{"min_max.yaml", 11, 10, "max 1000 is less than min 1000000"},
	{"bounds_on_text.yaml", 4, 68, "max is only for integer, yen and kyen fields (this field is text)"},
	{"call_param_column.yaml", 16, 14, "parameter 'rows.name' is not a column of a list of this form"},
	{"call_param_name.yaml", 16, 14, "parameter 'Rows.name' must be a field id, LIST.COLUMN, all.LIST.COLUMN, limit, key"},
	{"call_version_no_key.yaml", 16, 14, "key and version are parameters of a form with a record key"},
	{"list_format.yaml", 12, 50, "unknown format 'money' (expected text, yen, kyen, date or yesno)"},
	{"list_key_unknown.yaml", 10, 10, "key 'name' is not one of the list's columns"},
	{"list_overlap.yaml", 6, 5, "list 'rows' overlaps the label of field 'kana' (line 4) at row 2, column 3"},
	{"list_param_unknown.yaml", 10, 20, "parameter 'name' is not a field of this form"},
	{"list_too_wide.yaml", 12, 7, "the columns take 81 cells with the spaces between them: the screen has 80"},
	{"list_title_too_wide.yaml", 13, 44, "column title '事故調整額累計(千円)' is 20 cells wide: its column has 11"},
	{"list_two_sources.yaml", 6, 5, "a list takes its rows from a source (a database function) or from a record"},
	{"when_on_text.yaml", 4, 69, "when is only for date fields (this field is text)"},
	{"when_unknown.yaml", 4, 69, "unknown when 'later' (expected any, past or future)"},
	{"height_not_memo.yaml", 4, 59, "height is only for memo fields"},
	{"code_without_list.yaml", 5, 5, "a code field needs lookup: the name of a database code list"},
	{"choices_inline.yaml", 10, 5, "unknown key 'choices' in a field"},
	{"choices_on_text.yaml", 4, 71, "lookup is only for code fields"},
	{"listen_no_source.yaml", 3, 9, "listen reads the lists again: the form needs a list with a source"},
	{"on_date_not_date.yaml", 3, 10, "on_date 'kana' is not a date field of this form"},
	{"listen_channel.yaml", 3, 9, "listen 'Queue' must be lower-case letters, digits and '_'"},
};

static const char *srcdir(void)
{
	const char *d = getenv("TESTS_SRCDIR");

	return d && *d ? d : "tests";
}

static const char *fixture(char *buf, size_t n, const char *kind, const char *file)
{
	snprintf(buf, n, "%s/unit/forms/%s%s%s", srcdir(), kind, *file ? "/" : "", file);
	return buf;
}

/* What form_error_print() writes, read back through a temporary file. */
static const char *printed(const struct form_error *err, char *buf, size_t n)
{
	FILE *fp = tmpfile();
	size_t len;

	if (!fp)
		return "";
	form_error_print(err, fp);
	rewind(fp);
	len = fread(buf, 1, n - 1, fp);
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

static void test_company(void)
{
	char path[1024];
	struct form_error err;
	struct form *f = form_load(fixture(path, sizeof path, "good", "company.yaml"), &err);
	const struct form_field *fd;

	if (!ok(f != NULL, "company.yaml loads")) {
		printf("#   %s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
		return;
	}
	is_str(f->name, "company", "name is the file name without .yaml");
	is_str(f->path, path, "path is kept");
	is_str(f->title, "企業登録", "title");
	is_int(f->nkeys, 3, "three keys");
	is_int(f->keys[2].fkey, 10, "third key is F10");
	is_str(f->keys[2].action, "save", "F10 action");
	is_str(f->keys[2].label, "登録", "F10 label");
	ok(form_key_by_action(f, "back") == &f->keys[1], "form_key_by_action finds back");
	ok(form_key_by_action(f, "search") == NULL, "form_key_by_action: no search key");
	is_int(f->ntexts, 2, "two texts");
	is_int(f->texts[0].row, 2, "text row");
	is_int(f->texts[0].col, 2, "text col");
	is_str(f->texts[0].text, "基本情報", "text");

	is_int(f->nfields, 10, "ten fields");
	for (size_t i = 0; i < f->nfields; i++)
		is_int(f->fields[i].tab, (int)i + 1, "field %zu (%s) has the default tab %zu", i,
		       f->fields[i].id, i + 1);

	fd = &f->fields[0];
	is_str(fd->id, "legal_form", "first field is legal_form");
	is_str(fd->label, "法人個人区分", "legal_form label");
	is_int(fd->type, FIELD_CODE, "legal_form is a code");
	is_int(fd->row, 3, "legal_form row");
	is_int(fd->col, 16, "legal_form col");
	is_int(fd->width, 12, "legal_form width");
	is_int(fd->height, 1, "legal_form height defaults to 1");
	is_int(fd->maxlen, 12, "legal_form maxlen defaults to the width");
	ok(fd->required && !fd->readonly, "legal_form is required, not readonly");
	is_str(fd->lookup, "legal_form", "legal_form names its database list");
	is_str(fd->help, "法人か個人事業者かを選びます。", "legal_form help");
	is_int(fd->pos.line, 12, "legal_form declared at line 12");
	is_int(fd->pos.column, 5, "legal_form declared at column 5");

	fd = form_field_by_id(f, "name");
	ok(fd == &f->fields[1], "form_field_by_id finds name");
	is_int(fd->maxlen, 60, "name maxlen as given");
	is_int(fd->type, FIELD_TEXT, "name is text");
	ok(!fd->has_min && !fd->has_max, "name has no bounds");

	fd = form_field_by_id(f, "capital_yen");
	is_int(fd->type, FIELD_KYEN, "capital_yen is kyen");
	ok(fd->has_min && fd->has_max, "capital_yen has bounds");
	is_int(fd->min, 0, "kyen min stored as given");
	is_int(fd->max, 999999999999LL, "kyen max stored as given (yen)");
	is_str(field_type_name(fd->type), "kyen", "field_type_name(FIELD_KYEN)");

	fd = form_field_by_id(f, "muni_code");
	is_str(fd->lookup, "municipality", "muni_code lookup");

	fd = form_field_by_id(f, "listed");
	is_int(fd->type, FIELD_YESNO, "listed is yesno");
	is_int(fd->maxlen, 1, "yesno maxlen is 1");

	fd = form_field_by_id(f, "note");
	is_int(fd->type, FIELD_MEMO, "note is memo");
	is_int(fd->height, 3, "note height");
	is_int(fd->maxlen, 180, "memo maxlen defaults to width x height");
	ok(form_field_by_id(f, "nothing") == NULL, "form_field_by_id: no such field");
	form_free(f);
}

static void test_tabs(void)
{
	static const char *const order[] = {"remember", "user", "secret", "memo"};
	static const int tabs[] = {1, 2, 2, 4};
	char path[1024];
	struct form_error err;
	struct form *f = form_load(fixture(path, sizeof path, "good", "tabs.yaml"), &err);

	if (!ok(f != NULL, "tabs.yaml loads")) {
		printf("#   %s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
		return;
	}
	is_int(f->nfields, 4, "four fields");
	for (size_t i = 0; i < f->nfields && i < ARRAY_LEN(order); i++) {
		is_str(f->fields[i].id, order[i], "tab order %zu", i);
		is_int(f->fields[i].tab, tabs[i], "tab of %s", order[i]);
	}
	is_str(f->fields[2].label, "", "an empty label is allowed");
	is_int(f->fields[2].col, 0, "a field without label may start at column 0");
	is_int(f->fields[2].type, FIELD_PASSWORD, "secret is a password");
	ok(f->fields[0].readonly, "remember is readonly");
	is_str(f->fields[3].help, "複数行の\n説明です。\n", "block scalar help");
	is_int(f->fields[3].maxlen, 40, "memo maxlen 20 x 2");
	is_int(f->nkeys, 0, "no keys");
	ok(f->keys == NULL && f->texts == NULL, "no keys or texts arrays");
	form_free(f);
}

static void test_bad(void)
{
	char path[1024];

	for (size_t i = 0; i < ARRAY_LEN(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct form_error err;
		struct form *f = form_load(fixture(path, sizeof path, "bad", c->file), &err);

		if (!ok(f == NULL, "%s is refused", c->file)) {
			form_free(f);
			continue;
		}
		is_str(err.path, path, "%s: path", c->file);
		is_int(err.line, c->line, "%s: line", c->file);
		is_int(err.column, c->column, "%s: column", c->file);
		if (!ok(strstr(err.message, c->message) != NULL, "%s: message", c->file))
			printf("#   got: '%s'\n#   expected a part: '%s'\n", err.message, c->message);
		/* only an empty file has no line to show */
		ok((err.source[0] == '\0') == (strcmp(c->file, "empty.yaml") == 0),
		   "%s: the source line is kept", c->file);
	}
}

static void test_missing_file(void)
{
	char path[1024];
	struct form_error err;

	ok(form_load(fixture(path, sizeof path, "bad", "no_such_file.yaml"), &err) == NULL,
	   "a missing file is refused");
	is_int(err.line, 0, "missing file: line 0");
	is_int(err.column, 0, "missing file: column 0");
	ok(strstr(err.message, "cannot open the form file") != NULL, "missing file: message");
	is_str(err.source, "", "missing file: no source line");
}

static void test_error_output(void)
{
	struct form_error err = {
		.path = "forms/company.yaml",
		.line = 5,
		.column = 14,
		.message = "label contains the ambiguous-width character '○' (U+25CB)",
		.source = "    label: 確認○",
	};
	char buf[2048];
	char path[1024];
	struct form *f;

	form_error_format(&err, buf, sizeof buf);
	is_str(buf, "forms/company.yaml:5:14: label contains the ambiguous-width character '○' (U+25CB)",
	       "form_error_format: path:line:column: message");
	/* 11 ASCII characters, then 確 and 認 take 2 cells each: 15 blanks */
	is_str(printed(&err, buf, sizeof buf),
	       "forms/company.yaml:5:14: label contains the ambiguous-width character '○' (U+25CB)\n"
	       "    label: 確認○\n"
	       "               ^\n",
	       "form_error_print: caret under the Japanese character");

	err.column = 1;
	strcpy(err.source, "\tx: 1");
	is_str(printed(&err, buf, sizeof buf), "forms/company.yaml:5:1: label contains the "
	       "ambiguous-width character '○' (U+25CB)\n\tx: 1\n^\n", "caret at column 1");
	err.column = 2;
	ok(strstr(printed(&err, buf, sizeof buf), "\tx: 1\n\t^\n") != NULL, "a tab stays a tab");

	err.line = err.column = 0;
	err.source[0] = '\0';
	form_error_format(&err, buf, sizeof buf);
	is_str(buf, "forms/company.yaml: label contains the ambiguous-width character '○' (U+25CB)",
	       "form_error_format without a position");
	ok(strchr(printed(&err, buf, sizeof buf), '\n') == buf + strlen(buf) - 1,
	   "form_error_print without a position: one line");

	f = form_load(fixture(path, sizeof path, "bad", "overlap_text.yaml"), &err);
	ok(f == NULL, "overlap_text.yaml is refused");
	snprintf(path + strlen(path), sizeof path - strlen(path), "%s",
		 ":6:20: the label of field 'a' overlaps the text '基本情報' at row 1, column 3\n"
		 "  - {id: a, label: 名前, row: 1, col: 8, width: 10, type: text, help: 説明}\n"
		 "                   ^\n");
	is_str(printed(&err, buf, sizeof buf), path, "a loaded error prints with its caret");
}

static void test_set(void)
{
	char dir[1024], *out;
	size_t len;
	struct form_set set;
	struct form_error err;
	FILE *fp;
	int failed;

	if (ok(form_set_load(fixture(dir, sizeof dir, "good", ""), &set, &err), "good forms load")) {
		is_int(set.n, 3, "three good forms");
		is_str(set.forms[0]->name, "company", "sorted by name: company");
		is_str(set.forms[1]->name, "search", "sorted by name: search");
		is_str(set.forms[2]->name, "tabs", "sorted by name: tabs");
		ok(form_set_get(&set, "tabs") == set.forms[2], "form_set_get finds tabs");
		ok(form_set_get(&set, "company") == set.forms[0], "form_set_get finds company");
		ok(form_set_get(&set, "nothing") == NULL, "form_set_get: no such form");
		form_set_free(&set);
	} else {
		printf("#   %s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
	}

	ok(!form_set_load(fixture(dir, sizeof dir, "bad", ""), &set, &err), "bad forms do not load");
	ok(set.forms == NULL && set.n == 0, "a failed set is empty");
	ok(strstr(err.path, "/bad/alias.yaml") != NULL, "the first bad form by name fails: %s", err.path);

	ok(!form_set_load(fixture(dir, sizeof dir, "no_such_dir", ""), &set, &err),
	   "a missing directory fails");
	is_int(err.line, 0, "missing directory: line 0");
	ok(strstr(err.message, "cannot read the forms directory") != NULL, "missing directory: message");

	fp = tmpfile();
	if (!ok(fp != NULL, "tmpfile"))
		return;
	failed = form_set_check(fixture(dir, sizeof dir, "bad", ""), fp);
	is_int(failed, ARRAY_LEN(bad_cases), "form_set_check counts every bad fixture (all tested above)");
	len = (size_t)ftell(fp);
	rewind(fp);
	out = calloc(1, len + 1);
	if (out && fread(out, 1, len, fp) == len)
		ok(strstr(out, "unknown_type.yaml:9:11: unknown field type 'nmber'") != NULL,
		   "form_set_check prints the errors");
	else
		ok(0, "form_set_check output read back");
	free(out);
	fclose(fp);
	is_int(form_set_check(fixture(dir, sizeof dir, "good", ""), stderr), 0,
	       "form_set_check: good forms pass");
}

/* A list declared with its source, parameters and columns; the record
 * functions and the search flags. */
static void test_list(void)
{
	char path[1024];
	struct form_error err;
	struct form *f = form_load(fixture(path, sizeof path, "good", "search.yaml"), &err);
	const struct form_list *l;

	if (!ok(f != NULL, "search.yaml loads")) {
		printf("#   %s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
		return;
	}
	is_str(f->load, "thing_get", "load function");
	is_str(f->save, "thing_save", "save function");
	is_str(f->key, "thing_id", "record key");
	is_str(f->submit, "search", "submit action");
	ok(f->enter_submits, "Enter submits from any field");
	ok(f->fields[1].transient, "thing_id is transient");
	ok(!f->fields[0].transient, "kana is not");
	is_int(f->keys[0].pos.line, 9, "a key knows its line");
	is_int(f->nlists, 1, "one list");
	l = form_list_by_id(f, "rows");
	if (!ok(l != NULL, "the list is found by its id"))
		goto out;
	is_int(l->row, 5, "list row");
	is_int(l->height, 10, "list height");
	is_int(l->limit, 100, "list limit");
	is_str(l->source, "thing_search", "list source");
	is_str(l->open, "thing", "the screen a row opens");
	is_int(l->pos.line, 14, "a list knows its line");
	is_int(l->nparams, 4, "four parameters");
	is_int(l->params[0].kind, PARAM_FIELD, "a field parameter");
	is_str(l->params[0].field, "kana", "its field");
	is_int(l->params[1].kind, PARAM_LIMIT, "the limit parameter");
	is_int(l->params[2].kind, PARAM_CONST, "a constant");
	is_int(l->params[2].value, 0, "zero");
	is_int(l->params[3].value, -1, "a negative constant");
	is_int(l->ncolumns, 4, "four columns");
	ok(l->columns[0].right, "the number is right-aligned");
	ok(l->columns[1].grow && !l->columns[0].grow, "the name grows");
	is_str(l->columns[1].lookup, "names", "a column with a code list");
	is_int(l->columns[2].format, COLUMN_KYEN, "an amount in thousand yen");
	ok(l->columns[3].hidden, "a hidden column");
	ok(form_column_by_id(l, "note") == &l->columns[3], "a column is found by its id");
	ok(form_column_by_id(l, "nothing") == NULL, "an unknown column is not");
	is_int(f->ncalls, 1, "one call");
	if (ok(form_call_by_action(f, "retire") == &f->calls[0], "the call is found by its action")) {
		const struct form_call *c = &f->calls[0];
		static const enum param_kind kinds[] = {PARAM_ROW, PARAM_FIELD, PARAM_KEY, PARAM_VERSION,
							PARAM_REQUEST, PARAM_CONST, PARAM_ROWS};
		is_str(c->function, "thing_retire", "its function");
		is_int(c->nparams, 7, "seven parameters");
		for (size_t i = 0; i < c->nparams && i < ARRAY_LEN(kinds); i++)
			is_int(c->params[i].kind, kinds[i], "parameter %zu's kind", i);
		is_str(c->params[0].field, "rows", "a row parameter names its list");
		is_str(c->params[0].column, "thing_id", "and its column");
		is_str(c->params[6].field, "rows", "a parameter of every row names its list");
		is_str(c->params[6].column, "thing_id", "and its column");
		is_str(c->confirm, "廃止しますか？", "the question asked first");
		is_str(c->done, "廃止しました。", "the message when done");
		ok(c->record, "it answers the record");
	}
	ok(form_call_by_action(f, "search") == NULL, "a key's common action is no call");
out:
	form_free(f);
}

int main(void)
{
	test_company();
	test_tabs();
	test_list();
	test_bad();
	test_missing_file();
	test_error_output();
	test_set();
	return tap_done();
}
