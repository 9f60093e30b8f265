/* LISTEN/NOTIFY: a screen that shows a queue listens on its channel and
 * reads its rows again when another session says the queue changed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "i18n.h"
#include "util.h"

bool db_listen(PGconn *conn, const char *channel, struct db_error *err)
{
	char *ident = PQescapeIdentifier(conn, channel, strlen(channel)), *sql;
	bool ok;

	if (!ident) {
		db_error_from(err, conn, NULL);
		return false;
	}
	sql = xasprintf("LISTEN %s", ident);
	PQfreemem(ident);
	ok = db_exec(conn, err, sql, 0, NULL);
	free(sql);
	return ok;
}

bool db_take_notifies(PGconn *conn, const char *channel, int *count)
{
	PGnotify *n;

	*count = 0;
	if (PQstatus(conn) != CONNECTION_OK || !PQconsumeInput(conn))
		return false;
	while ((n = PQnotifies(conn))) {
		if (strcmp(n->relname, channel) == 0 && n->be_pid != PQbackendPID(conn))
			(*count)++;
		PQfreemem(n);
	}
	/* The server's last words (a shutdown) leave the connection bad. */
	return PQstatus(conn) == CONNECTION_OK;
}
