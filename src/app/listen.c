/* A screen that shows a queue (its form's `listen: CHANNEL`) updates by
 * itself: while it waits for a key it also watches the database's socket,
 * and when another session notifies the channel (a case submitted, decided,
 * held or released) its lists are read again, the chosen row kept. A
 * connection found broken is tried again every few seconds; once it is
 * back, the screen LISTENs again and reads its lists, since what was sent
 * while it was gone never reached it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "i18n.h"
#include "util.h"

/* How often a broken connection is tried again while a queue waits. */
#define RETRY_MS 2000

void listen_forget(struct app *a)
{
	for (size_t i = 0; i < a->nlistening; i++)
		free(a->listening[i]);
	free(a->listening);
	a->listening = NULL;
	a->nlistening = 0;
	a->listen_epoch = db_reconnects();
}

/* What this connection listens on is forgotten when it was re-made. */
static void forget_old_connection(struct app *a)
{
	if (a->listen_epoch != db_reconnects())
		listen_forget(a);
}

static bool listening(const struct app *a, const char *channel)
{
	for (size_t i = 0; i < a->nlistening; i++)
		if (strcmp(a->listening[i], channel) == 0)
			return true;
	return false;
}

bool listen_start(struct screen *s)
{
	struct app *a = s->app;
	const char *channel = s->form->listen;
	struct db_error err;

	forget_old_connection(a);
	s->listen_epoch = a->listen_epoch;
	if (listening(a, channel))
		return true;
	if (!db_listen(a->conn, channel, &err)) {
		app_show_db_error(a, &s->view, &err);
		return false;
	}
	/* The LISTEN may itself have re-made a broken connection. */
	forget_old_connection(a);
	s->listen_epoch = a->listen_epoch;
	a->listening = xrealloc(a->listening, (a->nlistening + 1) * sizeof *a->listening);
	a->listening[a->nlistening++] = xstrdup(channel);
	return true;
}

void listen_watch(struct screen *s)
{
	struct ui *ui = &s->app->ui;

	ui->watch_fd = PQstatus(s->app->conn) == CONNECTION_OK ? PQsocket(s->app->conn) : -1;
	ui->watch_ms = ui->watch_fd < 0 ? RETRY_MS : 0;
}

/* A broken connection tried again, at most every RETRY_MS. */
static bool connection_up(struct app *a)
{
	if (PQstatus(a->conn) == CONNECTION_OK)
		return true;
	if (ui_now_ms() - a->listen_retry_ms < RETRY_MS)
		return false;
	a->listen_retry_ms = ui_now_ms();
	return db_reconnect(a->conn);
}

bool listen_catch_up(struct screen *s)
{
	struct app *a = s->app;
	bool again = false;
	int n = 0;
	struct list_view **ls;
	size_t nls;

	if (!connection_up(a))
		return false;
	forget_old_connection(a);
	if (s->listen_epoch != a->listen_epoch) {
		/* Re-made since the lists were read: nothing sent meanwhile came. */
		if (!listen_start(s))
			return false;
		again = true;
	} else if (!db_take_notifies(a->conn, s->form->listen, &n)) {
		/* Broken: tried again at once, and on the next wake if it fails. */
		a->listen_retry_ms = 0;
		return connection_up(a) && listen_catch_up(s);
	}
	if (!again && n == 0)
		return false;
	ls = screen_source_lists(s, s->lists, &nls);
	screen_reread_lists(s, ls, nls);
	free(ls);
	/* Not over an error the person has yet to read. */
	if (a->ui.kind != UI_MSG_ERROR || !a->ui.message[0])
		ui_set_message(&a->ui, UI_MSG_INFO, "%s",
			       again ? _("Connected to the database again: the list is up to date.")
				     : _("The list changed and is shown as it is now."));
	return true;
}
