/* LISTEN/NOTIFY: a screen that shows a queue listens on its channel and
 * reads its rows again when another session says the queue changed. */
#include "config.h"

#include <string.h>

#include "db/db.h"

bool db_listen(PGconn *conn, const char *channel, struct db_error *err)
{
	return db_exec_on_identifier(conn, err, "LISTEN", channel);
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
