/* 期中管理: condition changes (requested by a clerk, decided by a
 * supervisor), delinquency and accident cases with their plans, and the
 * reports (forms/change_*.yaml, condition_change.yaml, delinquency_*.yaml,
 * plans_due.yaml, new_delinquencies.yaml, deteriorating.yaml,
 * rank_report.yaml, unpaid_fee_table.yaml, accident_figures.yaml; SQL in
 * 110 and 112). What is their own: the schedule and the fee arithmetic are
 * lists the cursor can enter to read them through, a case opens the
 * condition change of its guarantee, a change prints its 稟議書, and a
 * month's lists start at today. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* The cursor into a list of the record (schedule, arithmetic), to read it
 * row by row; Tab or Esc gives it back to the form. */
static enum action_result focus_list(struct screen *s, const char *id)
{
	struct list_view *l = screen_list_by_id(s, id);

	if (l->nrows == 0) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			       _("Nothing to show yet: F5 works out the change first."));
		return ACTION_STAY;
	}
	s->focus = (int)(l - s->lists);
	ui_set_message(&s->app->ui, UI_MSG_INFO, "%s",
		       _("Up and Down read the list; Tab or Esc goes back to the form."));
	return ACTION_STAY;
}

static enum action_result act_schedule(struct screen *s)
{
	return focus_list(s, "schedule");
}

static enum action_result act_arithmetic(struct screen *s)
{
	return focus_list(s, "arithmetic");
}

/* The guarantee's case (保証案件: its terms, history and schedules). */
static enum action_result act_guarantee(struct screen *s)
{
	char *id = screen_field_db(s, "guarantee_id");
	enum action_result r = ACTION_STAY;

	if (id)
		r = screen_run(s->app, &screen_guarantee, id);
	free(id);
	return r == ACTION_HANGUP ? r : ACTION_STAY;
}

/* Writes the proposal of change id: lines (notes) above the schedules the
 * screen shows. False with *err owned. */
static bool write_document(struct screen *s, const char *const *notes, size_t n, const char *path,
			   char **err)
{
	char *dir = export_dir();
	bool ok = export_dir_make(dir);

	if (!ok)
		*err = xstrdup(strerror(errno));
	else
		ok = list_pdf_write(screen_list_by_id(s, "schedule"), _("Condition change proposal"), notes,
				    n, path, err);
	free(dir);
	return ok;
}

/* 条件変更稟議書 of the change on the screen, as a PDF in the export
 * directory: the lines of hosho.condition_change_document_lines (which logs
 * the print), who printed it, then the schedules. */
static enum action_result act_document(struct screen *s)
{
	char *id = screen_field_db(s, "change_id"), *dir, *path, *err = NULL, *printed, stamp[32];
	const char *params[] = {id};
	struct db_error dberr;
	time_t now = time(NULL);
	PGresult *res;
	size_t n;

	if (!id) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			       _("There is no proposal before the change is requested: F10 sends it first."));
		return ACTION_STAY;
	}
	res = db_query(s->app->conn, &dberr,
		       "SELECT line FROM hosho.condition_change_document_lines($1) ORDER BY n", 1, params);
	if (!res) {
		app_show_db_error(s->app, &s->view, &dberr);
		free(id);
		return ACTION_STAY;
	}
	n = (size_t)PQntuples(res);
	const char *notes[n + 1];
	for (size_t i = 0; i < n; i++)
		notes[i] = PQgetvalue(res, (int)i, 0);
	notes[n] = printed = printed_by(s);
	dir = export_dir();
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	path = xasprintf("%s/condition_change-%s-%s.pdf", dir, id, stamp);
	if (write_document(s, notes, n + 1, path, &err))
		ui_set_message(&s->app->ui, UI_MSG_INFO, _("The proposal is printed to %s."), path);
	else
		ui_set_message(&s->app->ui, UI_MSG_ERROR, _("The file %s could not be written: %s"), path, err);
	PQclear(res);
	free(printed);
	free(id);
	free(dir);
	free(path);
	free(err);
	return ACTION_STAY;
}

static const struct action_def change_actions[] = {
	{"schedule", act_schedule, 0, N_("read the old and the new repayment schedule row by row")},
	{"arithmetic", act_arithmetic, 0, N_("read the arithmetic of the fee difference line by line")},
	{"document", act_document, 0, N_("print the condition change proposal as a PDF")},
	{"guarantee", act_guarantee, 0, N_("open the guarantee's case: its terms, history and schedules")},
};
static const char *const change_reads[] = {"schedule.n", "arithmetic.line", "change_id", "guarantee_id"};

/* 条件変更申請, opened on a guarantee. */
const struct screen_def screen_condition_change = {
	.name = "condition_change",
	.object = "hosho.condition_change_screen_request(jsonb, uuid)",
	.privilege = "EXECUTE",
	.actions = change_actions,
	.nactions = ARRAY_SIZE(change_actions),
	.reads = change_reads,
	.nreads = ARRAY_SIZE(change_reads),
};

const struct screen_def screen_change_targets = {
	.name = "change_targets",
	.menu_label = N_("Condition change request"),
	.object = "hosho.condition_change_screen_request(jsonb, uuid)",
	.privilege = "EXECUTE",
};

const struct screen_def screen_change_queue = {
	.name = "change_queue",
	.menu_label = N_("Condition change decisions"),
	.object = "hosho.condition_change_decide(bigint, integer, boolean, text, text, uuid)",
	.privilege = "EXECUTE",
};

/* 条件変更決裁: one change with what it showed when requested. */
const struct screen_def screen_change_decision = {
	.name = "change_decision",
	.object = "hosho.condition_change_screen(bigint)",
	.privilege = "EXECUTE",
	.actions = change_actions,
	.nactions = ARRAY_SIZE(change_actions),
	.reads = change_reads,
	.nreads = ARRAY_SIZE(change_reads),
};

const struct screen_def screen_delinquency_list = {
	.name = "delinquency_list",
	.menu_label = N_("Delinquency and accidents"),
	.object = "hosho.delinquency_screen_list(text, text, boolean, integer)",
	.privilege = "EXECUTE",
};

/* A case's guarantee in 条件変更申請: the change is recorded against the
 * delinquency it answers (the open one). The case is read again after. */
static enum action_result act_change(struct screen *s)
{
	char *id = screen_field_db(s, "guarantee_id");
	enum action_result r;

	if (!id)
		return ACTION_STAY;
	r = screen_run(s->app, &screen_condition_change, id);
	free(id);
	if (r == ACTION_HANGUP)
		return r;
	record_load(s);
	return ACTION_STAY;
}

static const struct action_def case_actions[] = {
	{"change", act_change, ACT_DISCARDS,
	 N_("request a condition change of this guarantee (recorded against this delinquency)")},
	{"guarantee", act_guarantee, 0, N_("open the guarantee's case: its terms, history and schedules")},
};
static const char *const case_reads[] = {"guarantee_id"};

const struct screen_def screen_delinquency_case = {
	.name = "delinquency_case",
	.object = "hosho.delinquency_case(bigint)",
	.privilege = "EXECUTE",
	.actions = case_actions,
	.nactions = ARRAY_SIZE(case_actions),
	.reads = case_reads,
	.nreads = ARRAY_SIZE(case_reads),
};

/* The date field the screen reads (reads[0]) starts as today. */
static void open_today(struct screen *s)
{
	const char *id = s->def->reads[0];
	char today[16];
	time_t now = time(NULL);

	strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
	field_from_db(form_view_field(&s->view, id), form_view_value(&s->view, id), today);
}

static const char *const today_reads[] = {"today"};
static const char *const month_reads[] = {"month"};

const struct screen_def screen_plans_due = {
	.name = "plans_due",
	.menu_label = N_("Plans due (delinquency and accidents)"),
	.object = "hosho.plans_due()",
	.privilege = "EXECUTE",
	.reads = today_reads,
	.nreads = ARRAY_SIZE(today_reads),
	.open = open_today,
};

const struct screen_def screen_new_delinquencies = {
	.name = "new_delinquencies",
	.menu_label = N_("New delinquencies this month"),
	.object = "hosho.new_delinquencies(date)",
	.privilege = "EXECUTE",
	.reads = month_reads,
	.nreads = ARRAY_SIZE(month_reads),
	.open = open_today,
};

const struct screen_def screen_deteriorating = {
	.name = "deteriorating",
	.menu_label = N_("Deteriorating companies"),
	.object = "hosho.deteriorating_companies(date)",
	.privilege = "EXECUTE",
	.reads = month_reads,
	.nreads = ARRAY_SIZE(month_reads),
	.open = open_today,
};

const struct screen_def screen_rank_report = {
	.name = "rank_report",
	.menu_label = N_("Report: delinquent and accident guarantees by rank"),
	.object = "hosho.rank_report_screen(text, text, date)",
	.privilege = "EXECUTE",
};

const struct screen_def screen_unpaid_fee_table = {
	.name = "unpaid_fee_table",
	.menu_label = N_("Report: unpaid guarantee fees"),
	.object = "hosho.unpaid_fee_table_screen(date)",
	.privilege = "EXECUTE",
};

const struct screen_def screen_accident_figures = {
	.name = "accident_figures",
	.menu_label = N_("Report: accidents by fiscal year"),
	.object = "hosho.accident_figures_screen(integer)",
	.privilege = "EXECUTE",
};
