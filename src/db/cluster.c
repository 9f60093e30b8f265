/* The embedded default: a private PostgreSQL cluster in one directory,
 * reached only through a Unix socket in that directory.
 *
 * initdb refuses to run as root, so when hosho runs as root the cluster's
 * processes run as the unprivileged system user 'postgres' (which Debian's
 * postgresql package creates), and the directory belongs to it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/db.h"
#include "i18n.h"
#include "util.h"

#define CLUSTER_RUN_USER "postgres"
#define CLUSTER_SUPERUSER "hosho_dba"
#define CLUSTER_DBNAME "hosho"

/* s between quotes q, each character of `special` preceded by esc, or
 * doubled when esc is 0. */
static char *quote_with(const char *s, char q, const char *special, char esc)
{
	char *out = xmalloc(2 * strlen(s) + 3), *o = out;

	*o++ = q;
	for (; *s; s++) {
		if (strchr(special, *s))
			*o++ = esc ? esc : *s;
		*o++ = *s;
	}
	*o++ = q;
	*o = '\0';
	return out;
}

/* A value of a libpq conninfo string: 'it\'s'. */
static char *conninfo_quote(const char *s)
{
	return quote_with(s, '\'', "'\\", '\\');
}

/* unix_socket_directories is a list: a name with a comma or space goes in
 * double quotes (doubled inside); the setting is then a postgresql.conf
 * string, whose quotes are doubled and backslashes escaped. */
static char *conf_socket_dir(const char *dir)
{
	char *listed = quote_with(dir, '"', "\"", 0);
	char *conf = quote_with(listed, '\'', "'\\", 0);

	free(listed);
	return conf;
}

/* Who runs the cluster's processes: ourselves, or 'postgres' when root. */
struct runner {
	bool switch_user;
	uid_t uid;
	gid_t gid;
	char name[64];
};

static bool runner_get(struct runner *r, struct db_error *err)
{
	struct passwd *pw;

	memset(r, 0, sizeof *r);
	if (geteuid() != 0) {
		r->uid = geteuid();
		r->gid = getegid();
		return true;
	}
	pw = getpwnam(CLUSTER_RUN_USER);
	if (!pw) {
		db_error_set(err, _("Running as root, hosho starts its private database as the system user '%s', which does not exist: install the postgresql package."),
			     CLUSTER_RUN_USER);
		return false;
	}
	r->switch_user = true;
	r->uid = pw->pw_uid;
	r->gid = pw->pw_gid;
	snprintf(r->name, sizeof r->name, "%s", pw->pw_name);
	return true;
}

char *cluster_default_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (geteuid() == 0)
		return xstrdup("/var/lib/hosho");
	if (xdg && *xdg)
		return xasprintf("%s/hosho", xdg);
	return xasprintf("%s/.local/share/hosho", home && *home ? home : ".");
}

/* mkdir -p, each new directory with the given mode. */
static bool make_dirs(const char *path, mode_t mode, struct db_error *err)
{
	char *p = xstrdup(path);
	bool ok = true;

	for (char *s = p + 1; ok; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST) {
			db_error_set(err, _("Cannot create the directory %s: %s"), p, strerror(errno));
			ok = false;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ok;
}

/* Runs argv as the runner, output appended to log; returns the exit status
 * (or -1 if it could not be run). The child gets its own session so the
 * server it may leave behind survives the terminal closing. */
static int run_as(const struct runner *r, const char *log, char *const argv[])
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

		if (in < 0 || out < 0)
			_exit(127);
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
		setsid();
		/* The server speaks Japanese to clerks whoever started it first. */
		setenv("LANGUAGE", "ja", 1);
		if (r->switch_user &&
		    (setgid(r->gid) != 0 || initgroups(r->name, r->gid) != 0 || setuid(r->uid) != 0))
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The last lines of a log, for an error the operator can act on. */
static void log_tail(const char *log, char *buf, size_t n)
{
	FILE *f = fopen(log, "r");
	char line[512];
	char last[3][512] = {{0}};
	int count = 0;

	buf[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		memmove(last[0], last[1], sizeof last[0] * 2);
		snprintf(last[2], sizeof last[2], "%s", line);
		count++;
	}
	fclose(f);
	for (int i = count >= 3 ? 0 : 3 - count; i < 3; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", len ? " / " : "", last[i]);
	}
}

static bool tool_exists(const char *pgbindir, const char *tool, char **path, struct db_error *err)
{
	*path = xasprintf("%s/%s", pgbindir, tool);
	if (access(*path, X_OK) == 0)
		return true;
	db_error_set(err, _("PostgreSQL's %s was not found in %s: install the postgresql package, or name the directory with --pgbindir."),
		     tool, pgbindir);
	free(*path);
	*path = NULL;
	return false;
}

/* pgaudit and pg_cron are preloaded: without either the server would not
 * start at all, with a message that names no package. */
static bool preload_library_exists(const char *pgbindir, const char *library, const char *package,
				   struct db_error *err)
{
	char *path = xasprintf("%s/../lib/%s.so", pgbindir, library);
	bool ok = access(path, R_OK) == 0;

	if (!ok)
		db_error_set(err, _("PostgreSQL's library %s was not found: install the package %s of this PostgreSQL version."),
			     path, package);
	free(path);
	return ok;
}

static bool write_password(const char *path, const struct runner *r, char **password,
			   struct db_error *err)
{
	unsigned char raw[16];
	char hex[33];
	int fd = open("/dev/urandom", O_RDONLY);
	FILE *f;

	if (fd < 0 || read(fd, raw, sizeof raw) != (ssize_t)sizeof raw) {
		if (fd >= 0)
			close(fd);
		db_error_set(err, _("Cannot read /dev/urandom: %s"), strerror(errno));
		return false;
	}
	close(fd);
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	f = fopen(path, "w");
	if (!f || fchmod(fileno(f), 0600) != 0 || fprintf(f, "%s\n", hex) < 0) {
		if (f)
			fclose(f);
		db_error_set(err, _("Cannot write %s: %s"), path, strerror(errno));
		return false;
	}
	fclose(f);
	if (r->switch_user && chown(path, r->uid, r->gid) != 0) {
		db_error_set(err, _("Cannot hand %s to the user %s: %s"), path, r->name, strerror(errno));
		return false;
	}
	*password = xstrdup(hex);
	return true;
}

static bool read_password(const char *path, char **password, struct db_error *err)
{
	FILE *f = fopen(path, "r");
	char buf[128];

	if (!f || !fgets(buf, sizeof buf, f)) {
		if (f)
			fclose(f);
		db_error_set(err, _("Cannot read the database password file %s: %s"), path,
			     strerror(errno));
		return false;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	*password = xstrdup(buf);
	return true;
}

static bool cluster_init(struct cluster *c, const struct runner *r, const char *pgbindir,
			 struct db_error *err)
{
	char *initdb, *pwfile = xasprintf("%s/superuser.pw", c->dir);
	char *log = xasprintf("%s/initdb.log", c->dir);
	char *conf = xasprintf("%s/postgresql.conf", c->pgdata);
	char *pwopt = xasprintf("--pwfile=%s", pwfile);
	char *dopt = xasprintf("--pgdata=%s", c->pgdata);
	char *socket_dir;
	bool ok = false;
	FILE *f;

	if (!tool_exists(pgbindir, "initdb", &initdb, err) ||
	    !preload_library_exists(pgbindir, "pgaudit", "postgresql-15-pgaudit", err) ||
	    !preload_library_exists(pgbindir, "pg_cron", "postgresql-15-cron", err))
		goto out;
	if (!write_password(pwfile, r, &c->password, err))
		goto out;
	{
		char *argv[] = {initdb, dopt, "--username=" CLUSTER_SUPERUSER, pwopt,
				"--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
				"--no-instructions", NULL};
		if (run_as(r, log, argv) != 0) {
			char tail[1024];
			log_tail(log, tail, sizeof tail);
			db_error_set(err, _("initdb failed (%s): %s"), log, tail);
			goto out;
		}
	}
	/* No TCP at all: the socket in the cluster's own directory is the only
	 * way in, so nothing else on the machine can collide with or reach it. */
	f = fopen(conf, "a");
	if (!f) {
		db_error_set(err, _("Cannot write %s: %s"), conf, strerror(errno));
		goto out;
	}
	socket_dir = conf_socket_dir(c->dir);
	/* pgaudit writes every role and schema change to the server log
	 * (DIR/postgres.log) as an AUDIT line; the prefix names who ran it
	 * (session user, database, application). pg_cron runs the nightly
	 * jobs (sql/120_nightly.sql) in background workers: no TCP needed. */
	fprintf(f, "\n# hosho embedded default\nlisten_addresses = ''\n"
		   "unix_socket_directories = %s\nmax_connections = 50\n"
		   "shared_buffers = 32MB\nlog_min_messages = warning\n"
		   "shared_preload_libraries = 'pgaudit,pg_cron'\npgaudit.log = 'role, ddl'\n"
		   "pgaudit.log_statement_once = on\n"
		   "cron.database_name = 'hosho'\ncron.use_background_workers = on\n"
		   "log_line_prefix = '%%m [%%p] user=%%u db=%%d app=%%a '\n", socket_dir);
	free(socket_dir);
	fclose(f);
	ok = true;
out:
	free(initdb);
	free(pwfile);
	free(log);
	free(conf);
	free(pwopt);
	free(dopt);
	return ok;
}

static bool cluster_running(const struct cluster *c)
{
	const char *keys[] = {"host", "dbname", "connect_timeout", NULL};
	const char *vals[] = {c->dir, "postgres", "5", NULL};

	return PQpingParams(keys, vals, 0) == PQPING_OK;
}

static bool cluster_start(struct cluster *c, const struct runner *r, const char *pgbindir,
			  struct db_error *err)
{
	char *pg_ctl, *log = xasprintf("%s/postgres.log", c->dir);
	char *ctl_log = xasprintf("%s/pg_ctl.log", c->dir);
	char *lopt = xasprintf("--log=%s", log);
	char *dopt = xasprintf("--pgdata=%s", c->pgdata);
	bool ok = false;

	if (!tool_exists(pgbindir, "pg_ctl", &pg_ctl, err))
		goto out;
	{
		char *argv[] = {pg_ctl, "start", dopt, lopt, "--wait", "--timeout=60", NULL};
		if (run_as(r, ctl_log, argv) != 0) {
			char tail[1024];
			log_tail(log, tail, sizeof tail);
			db_error_set(err, _("The private database in %s did not start: %s"), c->dir, tail);
			goto out;
		}
	}
	ok = true;
out:
	free(pg_ctl);
	free(log);
	free(ctl_log);
	free(lopt);
	free(dopt);
	return ok;
}

/* Serialises set-up of one directory between hosho processes started at
 * the same moment (two terminals, or parallel tests). */
static int lock_dir(const char *dir, struct db_error *err)
{
	char *path = xasprintf("%s/setup.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT, 0600);

	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		db_error_set(err, _("Cannot lock %s: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

bool cluster_ensure(struct cluster *c, const char *dir, const char *pgbindir,
		    struct db_error *err)
{
	/* The test suite gives each test a database of its own on one cluster. */
	const char *dbname = getenv("HOSHO_DB_NAME");
	struct runner r;
	struct stat st;
	char *version;
	int lock;
	bool ok = false;

	memset(c, 0, sizeof *c);
	c->dir = xstrdup(dir);
	c->pgdata = xasprintf("%s/pgdata", dir);
	c->dbname = xstrdup(dbname && *dbname ? dbname : CLUSTER_DBNAME);
	if (strlen(dir) > 90) {
		db_error_set(err, _("The data directory path %s is too long for a Unix socket: choose a shorter one with --data-dir."),
			     dir);
		return false;
	}
	if (!runner_get(&r, err) || !make_dirs(dir, 0700, err))
		return false;
	if (r.switch_user && chown(dir, r.uid, r.gid) != 0) {
		db_error_set(err, _("Cannot hand %s to the user %s: %s"), dir, r.name, strerror(errno));
		return false;
	}
	lock = lock_dir(dir, err);
	if (lock < 0)
		return false;
	version = xasprintf("%s/PG_VERSION", c->pgdata);
	if (stat(version, &st) != 0) {
		if (!cluster_init(c, &r, pgbindir, err))
			goto out;
	} else {
		char *pwfile = xasprintf("%s/superuser.pw", dir);
		bool read = read_password(pwfile, &c->password, err);
		free(pwfile);
		if (!read)
			goto out;
	}
	if (!cluster_running(c) && !cluster_start(c, &r, pgbindir, err))
		goto out;
	ok = true;
out:
	free(version);
	close(lock);
	return ok;
}

bool cluster_stop(const char *dir, const char *pgbindir, struct db_error *err)
{
	struct runner r;
	char *pg_ctl = NULL, *pgdata = xasprintf("%s/pgdata", dir);
	char *log = xasprintf("%s/pg_ctl.log", dir);
	char *dopt = xasprintf("--pgdata=%s", pgdata);
	bool ok = false;

	if (!runner_get(&r, err) || !tool_exists(pgbindir, "pg_ctl", &pg_ctl, err))
		goto out;
	{
		char *argv[] = {pg_ctl, "stop", dopt, "--mode=fast", "--wait", NULL};
		char *status_argv[] = {pg_ctl, "status", dopt, NULL};
		/* pg_ctl status exits 3 when no server runs: stopping is then done. */
		if (run_as(&r, log, status_argv) == 3) {
			ok = true;
			goto out;
		}
		if (run_as(&r, log, argv) != 0) {
			char tail[1024];
			log_tail(log, tail, sizeof tail);
			db_error_set(err, _("The private database in %s did not stop: %s"), dir, tail);
			goto out;
		}
	}
	ok = true;
out:
	free(pg_ctl);
	free(pgdata);
	free(log);
	free(dopt);
	return ok;
}

/* host='DIR' dbname='DB', quoted for any directory or name. */
static char *cluster_conninfo_db(const struct cluster *c, const char *db)
{
	char *host = conninfo_quote(c->dir), *dbname = conninfo_quote(db);
	char *conninfo = xasprintf("host=%s dbname=%s", host, dbname);

	free(host);
	free(dbname);
	return conninfo;
}

static PGconn *connect_admin_db(const struct cluster *c, const char *db, struct db_error *err)
{
	char *conninfo = cluster_conninfo_db(c, db);
	PGconn *conn = db_connect(conninfo, CLUSTER_SUPERUSER, c->password, err);

	free(conninfo);
	return conn;
}

PGconn *cluster_connect_admin(const struct cluster *c, struct db_error *err)
{
	PGconn *conn = connect_admin_db(c, "postgres", err);
	const char *params[] = {c->dbname};
	PGresult *res;
	bool exists;

	if (!conn)
		return NULL;
	res = db_query(conn, err, "SELECT 1 FROM pg_database WHERE datname = $1", 1, params);
	if (!res) {
		PQfinish(conn);
		return NULL;
	}
	exists = PQntuples(res) == 1;
	PQclear(res);
	if (!exists && !db_exec_on_identifier(conn, err, "CREATE DATABASE", c->dbname)) {
		PQfinish(conn);
		return NULL;
	}
	PQfinish(conn);
	return connect_admin_db(c, c->dbname, err);
}

char *cluster_conninfo(const struct cluster *c)
{
	return cluster_conninfo_db(c, c->dbname);
}

void cluster_free(struct cluster *c)
{
	free(c->dir);
	free(c->pgdata);
	free(c->password);
	free(c->dbname);
	memset(c, 0, sizeof *c);
}
