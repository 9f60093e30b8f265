/* 銀行報告の取込 (forms/bank_import.yaml): the clerk names a bank's report
 * file; F5 sends and checks it (progress on the message line) and lists
 * its errors with line and field; F6 applies every line (only when none is
 * in error), F7 the valid lines only. The database decides (doc/bank_report.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

static void show_progress(void *ctx, size_t sent, size_t total)
{
	struct screen *s = ctx;

	ui_set_message(&s->app->ui, UI_MSG_INFO, _("Sending the file: %zu of %zu lines."), sent, total);
	ui_draw_message(&s->app->ui);
	ui_refresh();
}

/* Lists the errors and says what the clerk may do next. */
static void show_outcome(struct screen *s)
{
	char *errors = screen_field_db(s, "error_count"), *valid = screen_field_db(s, "valid_count");

	if (screen_fill_list(s, &s->lists[0])) {
		if (errors && strcmp(errors, "0") == 0)
			ui_set_message(&s->app->ui, UI_MSG_INFO,
				       _("Every line is valid (%s lines). F6 applies them."), valid ? valid : "0");
		else
			ui_set_message(&s->app->ui, UI_MSG_ERROR,
				       _("%s lines have errors. Correct the file and check it again, or F7 "
					 "applies the %s valid lines only."), errors ? errors : "?", valid ? valid : "0");
	}
	free(errors);
	free(valid);
}

static enum action_result act_load(struct screen *s)
{
	char *path = screen_field_db(s, "file_name"), *enc = screen_field_db(s, "encoding");
	char *bank = screen_field_db(s, "bank_code"), *record = NULL, *saved = NULL;
	struct import_file f;
	struct db_error err;

	if (!import_scan(path, enc, &f, &err) || !import_timeout_lift(s->app->conn, &saved, &err)) {
		app_show_db_error(s->app, &s->view, &err);
		goto out;
	}
	record = import_load(s->app->conn, &f, bank, show_progress, s, &err);
	import_timeout_restore(s->app->conn, saved);
	if (!record) {
		app_show_db_error(s->app, &s->view, &err);
		goto out;
	}
	record_show_answer(s, record);
	show_outcome(s);
out:
	free(path);
	free(enc);
	free(bank);
	free(record);
	return ACTION_STAY;
}

/* One apply as a request (retried with its id, settled after a lost answer). */
struct apply_try {
	struct screen *s;
	const char *file_id, *mode;
	char *answer; /* what the database answered, for its 'refused' */
};

static bool apply_send(void *ctx, const char *id, struct db_error *err)
{
	struct apply_try *t = ctx;
	const char *params[] = {t->file_id, t->mode, id};
	char *saved = NULL;
	PGresult *res;

	if (!import_timeout_lift(t->s->app->conn, &saved, err))
		return false;
	res = db_query(t->s->app->conn, err, "SELECT hosho.bank_report_apply($1, $2, $3)::text", 3, params);
	import_timeout_restore(t->s->app->conn, saved);
	if (res) {
		t->answer = xstrdup(PQgetvalue(res, 0, 0));
		record_show_answer(t->s, t->answer);
	}
	PQclear(res);
	return res != NULL;
}

static void apply_show(void *ctx, const char *answer)
{
	struct apply_try *t = ctx;

	free(t->answer);
	t->answer = xstrdup(answer);
	record_show_answer(t->s, answer);
}

/* Why the database refused the apply, or NULL. Owned. */
static char *refusal(struct screen *s, const char *answer)
{
	const char *params[] = {answer};
	struct db_error err;
	PGresult *res = db_query(s->app->conn, &err, "SELECT $1::jsonb->>'refused'", 1, params);
	char *why = res && !PQgetisnull(res, 0, 0) ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;

	PQclear(res);
	return why;
}

static enum action_result apply(struct screen *s, const char *mode, const char *question)
{
	char *file_id = screen_field_db(s, "file_id"), *why = NULL, *key;
	struct apply_try t = {s, file_id, mode, NULL};

	if (!file_id) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("Check a file with F5 first."));
		goto out;
	}
	if (!ui_confirm(&s->app->ui, question))
		goto out;
	key = xasprintf("%s %s", file_id, mode);
	request_take(&s->call, key);
	free(key);
	if (!request_run(s->app, &s->call, apply_send, apply_show, &t, &s->view,
			 _("The connection was lost and nothing was applied. Press the key again.")))
		goto out;
	why = t.answer ? refusal(s, t.answer) : NULL;
	screen_fill_list(s, &s->lists[0]);
	if (why) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", why);
	} else {
		char *applied = screen_field_db(s, "valid_count");
		ui_set_message(&s->app->ui, UI_MSG_INFO, _("Applied %s lines."), applied ? applied : "0");
		free(applied);
	}
out:
	free(why);
	free(t.answer);
	free(file_id);
	return ACTION_STAY;
}

static enum action_result act_apply_all(struct screen *s)
{
	char *errors = screen_field_db(s, "error_count");
	bool in_error = errors && strcmp(errors, "0") != 0; /* NULL: no file checked yet */

	free(errors);
	if (in_error) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			       _("Some lines have errors: every line can be applied only when none has. "
				 "F7 applies the valid lines only."));
		return ACTION_STAY;
	}
	return apply(s, "all", _("Apply every line of the file?"));
}

static enum action_result act_apply_valid(struct screen *s)
{
	return apply(s, "valid", _("Apply the valid lines only? The lines in error are not applied."));
}

static const char *const reads[] = {"file_name", "encoding", "bank_code", "file_id", "valid_count",
				    "error_count", "errors.line_no"};

static const struct action_def actions[] = {
	{"load", act_load, ACT_CHECK_FORM, N_("send the file and check every line")},
	{"apply_all", act_apply_all, ACT_WRITES, N_("apply every line (only when none has an error)")},
	{"apply_valid", act_apply_valid, ACT_WRITES, N_("apply the valid lines only")},
};

const struct screen_def screen_bank_import = {
	.name = "bank_import",
	.menu_label = N_("Bank reports: import"),
	.object = "hosho.bank_report_load(jsonb)",
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
};
