/* メインメニュー: the screens of the table the signed-in person may open.
 * Each keeps its number (its place among the menu entries of the table)
 * whoever signs in, so a manual can name it. The database decides which are
 * shown (app_read_grants), so the menu and the grants never disagree.
 * Longer menus page with F7/F8. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

#define MENU_ROW 4
#define MENU_ROWS 15 /* items a page holds: rows 4 to 18 */

struct menu {
	const struct screen_def *items[64]; /* what this person may open, in order */
	size_t numbers[64];                 /* the number of each */
	size_t n;
	size_t page;
};

static void open_menu(struct screen *s)
{
	struct menu *m = xcalloc(1, sizeof *m);

	for (size_t i = 0, number = 0; i < screen_count && m->n < ARRAY_SIZE(m->items); i++) {
		if (!screen_table[i]->menu_label)
			continue;
		number++;
		if (s->app->may_open && s->app->may_open[i]) {
			m->numbers[m->n] = number;
			m->items[m->n++] = screen_table[i];
		}
	}
	s->data = m;
}

static void close_menu(struct screen *s)
{
	free(s->data);
}

static void draw_items(struct screen *s)
{
	const struct menu *m = s->data;
	size_t first = m->page * MENU_ROWS;

	for (size_t i = first; i < m->n && i < first + MENU_ROWS; i++) {
		char line[128];
		snprintf(line, sizeof line, "%2zu. %s", m->numbers[i], _(m->items[i]->menu_label));
		ui_put(MENU_ROW + (int)(i - first), 6, line, 60, false);
	}
	if (m->n > MENU_ROWS) {
		char more[64];
		snprintf(more, sizeof more, _("Page %zu of %zu"), m->page + 1,
			 (m->n + MENU_ROWS - 1) / MENU_ROWS);
		ui_put(MENU_ROW + MENU_ROWS, 6, more, 40, false);
	}
}

static enum action_result act_choose(struct screen *s)
{
	struct menu *m = s->data;
	struct field_value *v = form_view_value(&s->view, "choice");
	char *choice = fv_get_utf8(v);
	size_t n = strtoul(choice, NULL, 10), i = 0;
	enum action_result r;

	free(choice);
	fv_clear(v);
	while (i < m->n && m->numbers[i] != n)
		i++;
	if (i == m->n) {
		ui_set_message(&s->app->ui, UI_MSG_ERROR, "%s", _("Choose one of the numbers shown."));
		return ACTION_STAY;
	}
	r = screen_run(s->app, m->items[i], NULL);
	return r == ACTION_HANGUP ? r : ACTION_STAY;
}

static enum action_result act_page(struct screen *s, int dir)
{
	struct menu *m = s->data;
	size_t pages = (m->n + MENU_ROWS - 1) / MENU_ROWS;

	if (dir < 0 && m->page > 0)
		m->page--;
	else if (dir > 0 && m->page + 1 < pages)
		m->page++;
	return ACTION_STAY;
}

static enum action_result act_prev(struct screen *s)
{
	return act_page(s, -1);
}

static enum action_result act_next(struct screen *s)
{
	return act_page(s, 1);
}

static enum action_result act_sign_out(struct screen *s)
{
	return ACTION_QUIT;
}

static const struct action_def actions[] = {
	{"choose", act_choose, ACT_CHECK_FORM, N_("open the screen of the number typed")},
	{"prev_page", act_prev, 0, N_("the page of the menu before")},
	{"next_page", act_next, 0, N_("the next page of the menu")},
	{"quit", act_sign_out, ACT_CONFIRM, N_("Sign out?")},
};
static const char *const reads[] = {"choice"};

const struct screen_def screen_menu = {
	.name = "menu",
	.actions = actions,
	.nactions = ARRAY_SIZE(actions),
	.reads = reads,
	.nreads = ARRAY_SIZE(reads),
	.open = open_menu,
	.draw = draw_items,
	.close = close_menu,
};
