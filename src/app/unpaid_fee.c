/* 未収保証料: the unpaid fee parts of the clerk's scope, and one part's case
 * (forms/unpaid_fees.yaml, unpaid_fee_case.yaml; SQL in 110 and 113). What
 * is its own: the 分割納入 installments, typed one at a time and kept in a
 * list on the screen until F10 saves them with the cause (the database
 * checks they add up), and a receipt, which answers the case as the
 * database holds it and so asks before throwing away what is not saved. */
#include "config.h"

#include <stdlib.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

const struct screen_def screen_unpaid_fees = {
	.name = "unpaid_fees",
	.menu_label = N_("Unpaid guarantee fees"),
	.object = "hosho.unpaid_fee_screen_list(text, text, date, integer)",
	.privilege = "EXECUTE",
};

static struct list_view *plan(struct screen *s)
{
	return screen_list_by_id(s, "plan");
}

/* The installment typed (its date and amount) into the list. */
static enum action_result act_plan_add(struct screen *s)
{
	struct list_view *l = plan(s);
	char *due = screen_field_db(s, "plan_due_on"), *amount = screen_field_db(s, "plan_amount"), **row;

	if (!due || !amount) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s",
			       _("Type the installment's date and amount to add."));
		form_view_focus(&s->view, due ? "plan_amount" : "plan_due_on");
		free(due);
		free(amount);
		return ACTION_STAY;
	}
	row = list_view_append(l);
	row[list_view_column(l, "due_on")] = due;
	row[list_view_column(l, "amount")] = amount;
	fv_clear(form_view_value(&s->view, "plan_due_on"));
	fv_clear(form_view_value(&s->view, "plan_amount"));
	form_view_focus(&s->view, "plan_due_on");
	ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("Added. F10 saves the installments with the case."));
	return ACTION_STAY;
}

static enum action_result act_plan_remove(struct screen *s)
{
	list_view_remove_selected(plan(s));
	ui_set_message(&s->app->ui, UI_MSG_INFO, "%s", _("Removed. F10 saves the change."));
	return ACTION_STAY;
}

/* The form's call of the same name (unpaid_fee_case_receive), after the
 * driver asked about unsaved input: its answer replaces the screen. */
static enum action_result act_receive(struct screen *s)
{
	return call_run(s, form_call_by_action(s->form, "receive"));
}

static const struct action_def case_actions[] = {
	{"plan_add", act_plan_add, ACT_CHECK_FORM | ACT_WRITES,
	 N_("add the installment typed (date and amount) to the list")},
	{"plan_remove", act_plan_remove, ACT_WRITES | ACT_NEEDS_ROW,
	 N_("remove the chosen installment (PageUp/PageDown choose)")},
	{"receive", act_receive, ACT_DISCARDS | ACT_WRITES,
	 N_("record the payment received on the date typed (of the installment typed, else the whole fee)")},
};
static const char *const case_reads[] = {"plan_due_on", "plan_amount", "plan.due_on", "plan.amount"};

/* One unpaid part: its figures, the late fee with its arithmetic, the
 * cause and remedy, the installments. */
const struct screen_def screen_unpaid_fee_case = {
	.name = "unpaid_fee_case",
	.object = "hosho.unpaid_fee_case(text)",
	.privilege = "EXECUTE",
	.actions = case_actions,
	.nactions = ARRAY_SIZE(case_actions),
	.reads = case_reads,
	.nreads = ARRAY_SIZE(case_reads),
};
