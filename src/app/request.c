/* A write's request id (saves and declared calls alike): the same id while
 * the clerk retries the same write, so the database applies it once; after
 * an answer lost in transit (sent, connection cut: SQLSTATE 08006) the
 * database says whether the request was applied (hosho.request_done), and
 * nothing is sent again before it has said so. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

void request_take(struct request *r, const char *key)
{
	if (r->key && strcmp(r->key, key) == 0)
		return; /* a retry of the same write */
	free(r->key);
	r->key = xstrdup(key);
	r->unsure = false;
	uuid_v4(r->id);
}

void request_free(struct request *r)
{
	free(r->key);
	memset(r, 0, sizeof *r);
}

enum outcome {
	APPLIED,
	NOT_APPLIED,
	UNKNOWN, /* the database could not say: message set */
};

/* Asks whether the request was applied; if it was, shows its answer. */
static enum outcome ask(struct app *a, struct request *r, request_show_fn show, void *ctx)
{
	const char *params[] = {r->id};
	struct db_error err;
	PGresult *res = db_query(a->conn, &err, "SELECT hosho.request_done($1::uuid)::text", 1, params);
	bool applied;

	if (!res) {
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s",
			_("The connection was lost and whether it was done is not known. Press the key "
			  "again when the database is back: it will not be done twice."));
		return UNKNOWN;
	}
	applied = !PQgetisnull(res, 0, 0);
	if (applied)
		show(ctx, PQgetvalue(res, 0, 0));
	PQclear(res);
	r->unsure = false;
	return applied ? APPLIED : NOT_APPLIED;
}

bool request_run(struct app *a, struct request *r, request_send_fn send, request_show_fn show,
		 void *ctx, struct form_view *v, const char *not_done)
{
	struct db_error err;

	if (r->unsure) { /* a try may have been applied: ask before sending again */
		enum outcome o = ask(a, r, show, ctx);
		if (o != NOT_APPLIED)
			goto settled;
	}
	db_error_clear(&err);
	if (send(ctx, r->id, &err)) {
		request_free(r);
		return true;
	}
	if (!err.sqlstate[0] && !err.message[0]) /* answered, but nothing to show: message set */
		return false;
	if (strcmp(err.sqlstate, "08006") != 0) {
		app_show_db_error(a, v, &err);
		return false;
	}
	r->unsure = true;
	switch (ask(a, r, show, ctx)) {
	case APPLIED:
		break;
	case NOT_APPLIED:
		ui_set_message(&a->ui, UI_MSG_ERROR, "%s", not_done);
		return false;
	case UNKNOWN:
		return false;
	}
settled:
	if (r->unsure) /* the database could not say */
		return false;
	request_free(r);
	return true;
}
