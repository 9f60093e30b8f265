/* The one loop every screen runs in: draw, read a key, give it to the list
 * or the form that has the cursor, and run the action a function key is
 * bound to after the checks its flags ask for. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

const struct action_def *screen_action(const struct screen_def *def, const char *name)
{
	for (size_t i = 0; i < def->nactions; i++)
		if (strcmp(def->actions[i].name, name) == 0)
			return &def->actions[i];
	return common_action(name);
}

struct list_view *screen_list(struct screen *s)
{
	if (s->focus >= 0)
		return &s->lists[s->focus];
	return s->form->nlists ? &s->lists[0] : NULL;
}

struct list_view *screen_list_by_id(struct screen *s, const char *id)
{
	return &s->lists[form_list_by_id(s->form, id) - s->form->lists];
}

char *screen_field_db(struct screen *s, const char *id)
{
	return field_to_db(form_view_field(&s->view, id), form_view_value(&s->view, id));
}

/* Whether the person may make the action, if it is one of the form's calls
 * (app_read_grants); an action that is no call is not a matter of grants. */
static bool may_call(const struct screen *s, const char *name)
{
	const bool *granted = s->app->may_call ? s->app->may_call[screen_index(s->def)] : NULL;

	for (size_t c = 0; c < s->form->ncalls; c++)
		if (strcmp(s->form->calls[c].action, name) == 0)
			return granted && granted[c];
	return true;
}

static enum action_result dispatch(struct screen *s, const char *name)
{
	const struct action_def *act = screen_action(s->def, name);
	struct ui *ui = &s->app->ui;
	struct list_view *l = screen_list(s);

	if (!record_offers(s, name)) {
		const struct form_key *k = form_key_by_action(s->form, name);
		ui_set_message(ui, UI_MSG_ERROR, _("%s cannot be done on this case in its state now."),
			       k ? k->label : name);
		return ACTION_STAY;
	}
	if (!act && form_call_by_action(s->form, name) && (s->readonly || !may_call(s, name))) {
		ui_set_message(ui, UI_MSG_ERROR, "%s", _("You may only read this screen."));
		return ACTION_STAY;
	}
	if (!act) /* a declared call, else screen_table_check() refused the form */
		return form_call_by_action(s->form, name) ? call_run(s, form_call_by_action(s->form, name))
							   : ACTION_STAY;
	if ((act->flags & ACT_WRITES) && s->readonly) {
		ui_set_message(ui, UI_MSG_ERROR, "%s", _("You may only read this screen."));
		return ACTION_STAY;
	}
	if ((act->flags & ACT_NEEDS_ROW) && (!l || l->nrows == 0)) {
		ui_set_message(ui, UI_MSG_ERROR, "%s", _("There is no row to choose in the list."));
		return ACTION_STAY;
	}
	if ((act->flags & ACT_CHECK_FORM) && !form_view_check_all(&s->view, ui)) {
		s->focus = -1;
		return ACTION_STAY;
	}
	if ((act->flags & ACT_DISCARDS) && !s->readonly && record_unsaved(s) &&
	    !ui_confirm(ui, _("Throw away what you typed and have not saved?")))
		return ACTION_STAY;
	if ((act->flags & ACT_CONFIRM) && !ui_confirm(ui, _(act->help)))
		return ACTION_STAY;
	return act->run(s);
}

static bool is_enter(const struct ui_key *k)
{
	return (!k->is_func && (k->ch == L'\r' || k->ch == L'\n')) ||
	       (k->is_func && k->code == KEY_ENTER);
}

static bool is_escape(const struct ui_key *k)
{
	return !k->is_func && k->ch == 27;
}

/* Keys a read-only form still takes: moving between fields, and help. */
static bool moves_only(const struct ui_key *k)
{
	if (k->is_func)
		return k->code == KEY_UP || k->code == KEY_DOWN || k->code == KEY_BTAB ||
		       k->code == KEY_ENTER || k->code == KEY_LEFT || k->code == KEY_RIGHT ||
		       k->code == KEY_HOME || k->code == KEY_END;
	return k->ch == L'\t' || k->ch == L'\r' || k->ch == L'\n';
}

static enum action_result list_key(struct screen *s, const struct ui_key *key)
{
	struct list_view *l = &s->lists[s->focus];

	if (list_view_key(l, key))
		return ACTION_STAY;
	if (is_enter(key) && l->decl->open)
		return dispatch(s, "open");
	if (is_escape(key) || (!key->is_func && key->ch == L'\t') ||
	    (key->is_func && key->code == KEY_BTAB)) {
		s->focus = -1;
		return ACTION_STAY;
	}
	beep();
	return ACTION_STAY;
}

static enum action_result form_key(struct screen *s, const struct ui_key *key)
{
	struct ui *ui = &s->app->ui;
	const char *action;

	if (s->form->nlists && list_view_side_key(&s->lists[0], key))
		return ACTION_STAY;
	if (s->readonly && !moves_only(key)) {
		ui_set_message(ui, UI_MSG_ERROR, "%s", _("You may only read this screen."));
		return ACTION_STAY;
	}
	if (s->form->submit && s->form->enter_submits && is_enter(key))
		return dispatch(s, s->form->submit);
	size_t was = s->view.current;
	enum form_result fr = form_view_key(&s->view, ui, key, &action);

	if (s->view.current != was && s->def->left_field)
		s->def->left_field(s);
	switch (fr) {
	case FORM_SUBMIT:
		return s->form->submit ? dispatch(s, s->form->submit) : ACTION_STAY;
	case FORM_ACTION:
		return dispatch(s, action);
	case FORM_CONTINUE:
		break;
	}
	return ACTION_STAY;
}

static enum action_result handle_key(struct screen *s, const struct ui_key *key)
{
	int fk = ui_fkey(key);

	if (fk) {
		const struct form_key *k = NULL;
		for (size_t i = 0; i < s->form->nkeys && !k; i++)
			if (s->form->keys[i].fkey == fk)
				k = &s->form->keys[i];
		if (k)
			return dispatch(s, k->action);
		beep();
		return ACTION_STAY;
	}
	if (s->focus >= 0)
		return list_key(s, key);
	return form_key(s, key);
}

/* Which keys the legend shows: not those that write (saves, calls) on a
 * read-only screen, nor calls the person may not make or the record does
 * not offer now. */
static void shown_keys(const struct screen *s, bool *shown)
{
	for (size_t i = 0; i < s->form->nkeys; i++) {
		const char *name = s->form->keys[i].action;
		const struct action_def *act = screen_action(s->def, name);
		bool writes = act ? act->flags & ACT_WRITES : true; /* a declared call writes */
		shown[i] = !(s->readonly && writes) && may_call(s, name) && record_offers(s, name);
	}
}

static void draw(struct screen *s)
{
	bool shown[s->form->nkeys + 1];

	shown_keys(s, shown);
	ui_draw_frame(&s->app->ui, s->form, s->app->status, shown);
	for (size_t i = 0; i < s->form->nlists; i++)
		if ((int)i != s->focus)
			list_view_draw(&s->lists[i], false);
	if (s->def->draw)
		s->def->draw(s);
	form_view_draw(&s->view);
	if (s->focus >= 0)
		list_view_draw(&s->lists[s->focus], true);
	ui_refresh();
	/* A message longer than the line is never cut: it opens in a box,
	 * and once read the screen is drawn again without it. */
	if (!ui_message_fits(&s->app->ui)) {
		ui_popup_message(&s->app->ui);
		draw(s);
	}
}

static void screen_free(struct screen *s)
{
	if (s->def->close)
		s->def->close(s);
	for (size_t i = 0; i < s->form->nlists; i++)
		list_view_free_rows(&s->lists[i]);
	free(s->lists);
	free(s->saved);
	request_free(&s->save);
	request_free(&s->call);
	record_offers_free(s);
	form_view_free(&s->view);
	free(s->key);
	free(s->version);
}

static bool may_save(const struct app *a, const struct screen_def *def)
{
	return a->may_save && a->may_save[screen_index(def)];
}

/* The terminal is gone: what was typed and not saved is kept as a draft. */
static void keep_draft(struct screen *s)
{
	if (!s->readonly && record_unsaved(s))
		draft_write(s);
}

/* Waits for the clerk's key, behind the idle lock when it takes long:
 * ACTION_STAY with *k read, else how the screen ends. */
static enum action_result next_key(struct screen *s, struct ui_key *k)
{
	struct app *a = s->app;
	enum action_result r;

	for (;;) {
		enum ui_key_result kr;
		if (s->form->listen)
			listen_watch(s);
		kr = ui_read_key(&a->ui, k);
		a->ui.watch_fd = -1;
		a->ui.watch_ms = 0;
		switch (kr) {
		case UI_KEY_OK:
			return ACTION_STAY;
		case UI_KEY_HANGUP:
			keep_draft(s);
			return ACTION_HANGUP;
		case UI_KEY_WATCH:
			if (listen_catch_up(s))
				draw(s);
			continue;
		case UI_KEY_IDLE:
			break;
		}
		r = app_lock(s);
		if (r == ACTION_HANGUP)
			keep_draft(s);
		if (r == ACTION_QUIT) {
			a->signing_out = true;
			return ACTION_HANGUP;
		}
		if (r != ACTION_STAY)
			return r;
		draw(s);
	}
}

static enum action_result run(struct app *a, const struct screen_def *def, const char *key,
			      const char *draft)
{
	struct screen s = {.app = a, .def = def, .form = app_form(a, def->name), .focus = -1};
	enum action_result r = ACTION_STAY;
	struct ui_key k;

	form_view_init(&s.view, s.form, app_lookup, &s);
	s.lists = xcalloc(s.form->nlists + 1, sizeof *s.lists);
	for (size_t i = 0; i < s.form->nlists; i++)
		list_view_init(&s.lists[i], &s.form->lists[i], app_lookup, &s);
	s.readonly = s.form->save && !may_save(a, def);
	s.view.readonly = s.readonly;
	if (key) {
		s.key = xstrdup(key);
		/* A draft is shown even when its record cannot be read: the
		 * clerk's typing is not thrown away behind their back. A form
		 * without load (a list of the key's rows) has only the key. */
		if (s.form->load && !record_load(&s) && !draft) {
			screen_free(&s);
			return ACTION_BACK;
		}
	}
	record_mark_saved(&s);
	if (draft && record_apply_draft(&s, draft))
		ui_set_message(&a->ui, UI_MSG_INFO, "%s", _("The input that was not saved is back."));
	if (def->open)
		def->open(&s);
	/* Listening before the first read: nothing sent after it is missed. */
	if (s.form->listen)
		listen_start(&s);
	if (s.form->on_open)
		r = dispatch(&s, s.form->on_open);
	while (r == ACTION_STAY) {
		/* Notifications that came with the answers to the last key. */
		if (s.form->listen)
			listen_catch_up(&s);
		draw(&s);
		r = next_key(&s, &k);
		if (r != ACTION_STAY)
			break;
		if (k.is_func && k.code == KEY_RESIZE)
			continue;
		r = handle_key(&s, &k);
	}
	screen_free(&s);
	return r;
}

enum action_result screen_run(struct app *a, const struct screen_def *def, const char *key)
{
	return run(a, def, key, NULL);
}

enum action_result screen_resume(struct app *a, const struct screen_def *def, const char *key,
				 const char *draft)
{
	return run(a, def, key, draft);
}
