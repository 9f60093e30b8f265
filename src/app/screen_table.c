/* Every screen of hosho, as tmux's command table: the menu is built from it,
 * the database decides which entries a person sees, and start-up checks each
 * entry against its form. Screens that are only a form and SQL are declared
 * here; screens with C of their own declare their entry in their file. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

static const struct screen_def screen_company_search = {
	.name = "company_search",
	.menu_label = N_("Company search"),
	.object = "hosho.company_search(text, text, bigint, integer, integer)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_catalogue = {
	.name = "catalogue",
	.menu_label = N_("Guarantee schemes"),
	.object = "hosho.scheme_list(date, text)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_approvals = {
	.name = "approvals",
	.menu_label = N_("Approvals waiting"),
	.object = "hosho.approval_list()",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_audit_object = {
	.name = "audit_object",
	.menu_label = N_("Audit: who opened or changed a company"),
	.object = "hosho.audit_company(bigint, date, date)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_audit_staff = {
	.name = "audit_staff",
	.menu_label = N_("Audit: what a staff member did on a day"),
	.object = "hosho.audit_by_staff(name, date)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_audit_quarter = {
	.name = "audit_quarter",
	.menu_label = N_("Audit: the quarterly check of personal data"),
	.object = "hosho.audit_quarter(date)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_staff = {
	.name = "staff",
	.menu_label = N_("Staff administration"),
	.object = "hosho.staff_create_screen(name, text, text, text, text, text, uuid)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_my_cases = {
	.name = "my_cases",
	.menu_label = N_("My guarantee cases"),
	/* Theirs who take cases in; an auditor reads a company's instead. */
	.object = "hosho.guarantee_review_start(bigint, integer, uuid)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_decision_queue = {
	.name = "decision_queue",
	.menu_label = N_("Guarantee decisions waiting"),
	.object = "hosho.guarantee_decide(bigint, integer, boolean, text, text, uuid)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_execution_list = {
	.name = "execution_list",
	.menu_label = N_("Certificates awaiting the bank's execution report"),
	.object = "hosho.guarantee_awaiting_execution(bigint)",
	.privilege = "EXECUTE",
};

static const struct screen_def screen_company_cases = {
	.name = "company_cases",
	.menu_label = N_("A company's requests and guarantees"),
	.object = "hosho.company_guarantees(bigint)",
	.privilege = "EXECUTE",
};

const struct screen_def *const screen_table[] = {
	&screen_login,
	&screen_menu,
	&screen_company_search,
	&screen_company,
	&screen_bank_list,
	&screen_catalogue,
	&screen_simulate,
	&screen_approvals,
	&screen_audit_object,
	&screen_audit_staff,
	&screen_audit_quarter,
	&screen_staff,
	&screen_guarantee_intake,
	&screen_my_cases,
	&screen_decision_queue,
	&screen_execution_list,
	&screen_company_cases,
	&screen_guarantee,
	&screen_guarantee_history,
	&screen_guarantee_execute,
	&screen_change_targets,
	&screen_condition_change,
	&screen_change_queue,
	&screen_change_decision,
	&screen_delinquency_list,
	&screen_delinquency_case,
	&screen_plans_due,
	&screen_new_delinquencies,
	&screen_deteriorating,
	&screen_rank_report,
	&screen_unpaid_fees,
	&screen_unpaid_fee_case,
	&screen_unpaid_fee_table,
	&screen_accident_figures,
	&screen_insurance_notices,
	&screen_password,
	&screen_bank_import,
};
const size_t screen_count = ARRAY_SIZE(screen_table);

const struct screen_def *screen_def_by_name(const char *name)
{
	for (size_t i = 0; i < screen_count; i++)
		if (strcmp(screen_table[i]->name, name) == 0)
			return screen_table[i];
	return NULL;
}

size_t screen_index(const struct screen_def *def)
{
	size_t i = 0;

	while (i < screen_count && screen_table[i] != def)
		i++;
	return i;
}

static int problem(void *errs, const char *path, struct form_pos pos, const char *fmt,
		   const char *name)
{
	struct form_error e = {.line = pos.line, .column = pos.column};
	char msg[sizeof e.message];

	snprintf(e.path, sizeof e.path, "%s", path);
	snprintf(msg, sizeof msg, fmt, name);
	snprintf(e.message, sizeof e.message, "%s", msg);
	form_error_print(&e, errs);
	return 1;
}

/* A field id, or LIST.COLUMN for a list's column. */
static bool form_declares(const struct form *f, const char *name)
{
	const char *dot = strchr(name, '.');
	const struct form_list *l;
	char list[64];

	if (!dot)
		return form_field_by_id(f, name) != NULL;
	snprintf(list, sizeof list, "%.*s", (int)(dot - name), name);
	l = form_list_by_id(f, list);
	return l && form_column_by_id(l, dot + 1);
}

static int check_screen(const struct form_set *forms, const struct screen_def *d, void *errs)
{
	const struct form *f = form_set_get(forms, d->name);
	const struct form_pos top = {1, 1};
	int n = 0;

	if (!f)
		return problem(errs, d->name, (struct form_pos){0, 0},
			       _("screen '%s' has no form file"), d->name);
	for (size_t i = 0; i < f->nkeys; i++) {
		const struct action_def *act = screen_action(d, f->keys[i].action);
		if (!act && !form_call_by_action(f, f->keys[i].action))
			n += problem(errs, f->path, f->keys[i].pos,
				     _("action '%s' has no handler on this screen"), f->keys[i].action);
		for (size_t r = 0; act && (act->run == export_list || act->run == export_pdf) && r < ARRAY_SIZE(export_fields); r++)
			if (!form_declares(f, export_fields[r]))
				n += problem(errs, f->path, f->keys[i].pos,
					     _("'%s', which this key's action reads, is not declared"),
					     export_fields[r]);
	}
	if (f->submit && !screen_action(d, f->submit))
		n += problem(errs, f->path, top, _("submit action '%s' has no handler on this screen"),
			     f->submit);
	if (f->on_open && !screen_action(d, f->on_open))
		n += problem(errs, f->path, top, _("on_open action '%s' has no handler on this screen"),
			     f->on_open);
	for (size_t i = 0; i < d->nreads; i++)
		if (!form_declares(f, d->reads[i]))
			n += problem(errs, f->path, top,
				     _("'%s', which the screen's program reads, is not declared"),
				     d->reads[i]);
	for (size_t i = 0; i < f->nlists; i++)
		if (f->lists[i].open && !screen_def_by_name(f->lists[i].open))
			n += problem(errs, f->path, f->lists[i].pos, _("list opens '%s', which is no screen"),
				     f->lists[i].open);
	if ((f->load || f->save) && !f->key)
		n += problem(errs, f->path, top, "%s", _("a form with load or save needs key"));
	return n;
}

int screen_table_check(const struct form_set *forms, void *errs)
{
	int n = 0;

	for (size_t i = 0; i < screen_count; i++)
		n += check_screen(forms, screen_table[i], errs);
	return n;
}
