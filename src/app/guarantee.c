/* 保証案件: one guarantee case (forms/guarantee.yaml), loaded with the
 * company's last financial periods and its exposure by frame in one round
 * trip (hosho.guarantee_case); each transition is a declared call that
 * answers the case. What is its own: the history (F6), the submission for
 * decision (F7), which prints the 保証稟議書 the deciders read, and the
 * issue of the certificate (F9), which prints the 信用保証書 as a PDF; the
 * execution report screen (which prints it again) and the history screen. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "print/print.h"
#include "util.h"

static enum action_result act_history(struct screen *s)
{
	enum action_result r = screen_run(s->app, &screen_guarantee_history, s->key);

	return r == ACTION_HANGUP ? r : ACTION_STAY;
}

/* The case's certificate as a PDF in the clerk's export directory (the
 * database logs the print); the message says where. */
static enum action_result act_print(struct screen *s)
{
	char *no = screen_field_db(s, "certificate_no"), *dir = export_dir(), *path = NULL, *err = NULL;

	if (!no) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("No certificate has been issued for this case."));
		goto out;
	}
	path = xasprintf("%s/certificate-%s.pdf", dir, no);
	if (!export_dir_make(dir))
		ui_set_message(&s->app->ui, UI_MSG_ERROR, _("The file %s could not be written: %s"), path,
			       strerror(errno));
	else if (certificate_pdf_print(s->app->conn, no, path, &err) != 0)
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", err);
	else
		ui_set_message(&s->app->ui, UI_MSG_INFO, _("The certificate %s is printed to %s."), no, path);
out:
	free(no);
	free(dir);
	free(path);
	free(err);
	return ACTION_STAY;
}

/* The case's 保証稟議書 as a PDF in the clerk's export directory (the
 * database logs the print); the message says where, after what the call
 * said. */
static void print_ringi(struct screen *s)
{
	char *id = screen_field_db(s, "guarantee_id"), *dir = export_dir(), *err = NULL;
	char *path = xasprintf("%s/ringi-%s.pdf", dir, id ? id : "");

	if (!export_dir_make(dir))
		ui_set_message(&s->app->ui, UI_MSG_ERROR, _("The file %s could not be written: %s"), path,
			       strerror(errno));
	else if (!id || ringi_pdf_print(s->app->conn, strtoll(id, NULL, 10), path, &err) != 0)
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", err ? err : "");
	else
		ui_set_message(&s->app->ui, UI_MSG_INFO, _("Sent for decision. The ringi is printed to %s."), path);
	free(id);
	free(dir);
	free(path);
	free(err);
}

/* F7: the case sent for decision, then its 保証稟議書 printed. */
static enum action_result act_submit(struct screen *s)
{
	char *before = screen_field_db(s, "state_name"), *after;

	call_run(s, form_call_by_action(s->form, "submit"));
	after = screen_field_db(s, "state_name");
	if (before && after && strcmp(before, after) != 0)
		print_ringi(s);
	free(before);
	free(after);
	return ACTION_STAY;
}

/* F9: the certificate issued, then printed. */
static enum action_result act_issue(struct screen *s)
{
	char *before = screen_field_db(s, "certificate_no");

	call_run(s, form_call_by_action(s->form, "issue"));
	if (!before && form_view_value(&s->view, "certificate_no")->len)
		act_print(s);
	free(before);
	return ACTION_STAY;
}

static const struct action_def actions[] = {
	{"history", act_history, 0, N_("the case's history: who did what, when and why")},
	{"submit", act_submit, ACT_WRITES, N_("send the case for decision and print its ringi (PDF)")},
	{"issue", act_issue, ACT_WRITES, N_("issue the certificate and print it (PDF)")},
};
static const char *const reads[] = {"guarantee_id", "certificate_no"};
static const char *const case_reads[] = {"guarantee_id", "certificate_no", "state_name"};
static const char *const history_reads[] = {"guarantee_id"};

const struct screen_def screen_guarantee = {
	.name = "guarantee",
	.object = "hosho.guarantee_case(bigint)",
	.privilege = "EXECUTE",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = case_reads,
	.nreads = ARRAY_SIZE(case_reads),
};

/* The history screen shows whose history it is. */
static void open_history(struct screen *s)
{
	fv_set_utf8(form_view_value(&s->view, "guarantee_id"), s->key);
}

const struct screen_def screen_guarantee_history = {
	.name = "guarantee_history",
	.object = "hosho.guarantee_history_list(bigint)",
	.privilege = "EXECUTE",
	.reads = history_reads,
	.nreads = ARRAY_SIZE(history_reads),
	.open = open_history,
};

static const struct action_def execute_actions[] = {
	{"print", act_print, 0, N_("print the certificate again (PDF)")},
};

const struct screen_def screen_guarantee_execute = {
	.name = "guarantee_execute",
	.object = "hosho.guarantee_execute(jsonb, uuid)",
	.privilege = "EXECUTE",
	.actions = execute_actions,
	.nactions = ARRAY_SIZE(execute_actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
};
