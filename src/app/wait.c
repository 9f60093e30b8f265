/* The clerk's side of waiting on the database: after half a second the
 * message line says a query runs (or a connection is being made) and how
 * to stop it; Esc or Ctrl-C (or a hang-up signal) cancels it. Server notices go to the message line. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"

/* Answers quicker than this are not worth a word. */
#define BUSY_NOTICE_MS 500

static bool waiting(void *ctx, long elapsed_ms, bool input_ready, bool connecting)
{
	(void)ctx;
	if (ui_hangup_signalled())
		return true;
	if (elapsed_ms >= BUSY_NOTICE_MS)
		ui_show_transient(connecting ? _("Connecting to the database (Esc gives up).")
					     : _("Querying the database (Esc cancels)."));
	return input_ready && ui_take_cancel_key();
}

void app_watch_waits(struct app *a)
{
	struct db_waiter w = {.fd = ui_input_fd(), .waiting = waiting, .ctx = a};

	db_set_waiter(&w);
}

/* A NOTICE or WARNING the server sends: its primary message, on the
 * message line (never written over the screen). */
static void notice_to_message(void *ctx, const PGresult *res)
{
	struct ui *ui = ctx;
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

	if (msg && *msg)
		ui_set_message(ui, UI_MSG_INFO, "%s", msg);
}

void app_take_notices(struct app *a)
{
	PQsetNoticeReceiver(a->conn, notice_to_message, &a->ui);
}
