/* 信用保険通知（JFC送付）: the notices issuing writes for 総務企画課
 * (forms/insurance_notices.yaml, sql/125). What is its own: the count and
 * the sum of the notices listed, which are what F9 marks sent. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* The listed notices' count and amount, in the form's total fields. */
static void draw_totals(struct screen *s)
{
	const struct list_view *l = &s->lists[0];
	size_t c = list_view_column(l, "amount");
	long long sum = 0;
	char text[32];

	for (size_t r = 0; r < l->nrows; r++)
		sum += l->cells[r][c] ? strtoll(l->cells[r][c], NULL, 10) : 0;
	snprintf(text, sizeof text, "%zu", l->nrows);
	field_from_db(form_view_field(&s->view, "total_count"), form_view_value(&s->view, "total_count"), text);
	snprintf(text, sizeof text, "%lld", sum);
	field_from_db(form_view_field(&s->view, "total_amount"), form_view_value(&s->view, "total_amount"), text);
}

static const char *const reads[] = {"total_count", "total_amount", "notices.amount"};

const struct screen_def screen_insurance_notices = {
	.name = "insurance_notices",
	.menu_label = N_("Credit insurance notices to JFC"),
	.object = "hosho.insurance_notice_list(date, integer)",
	.privilege = "EXECUTE",
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
	.draw = draw_totals,
};
