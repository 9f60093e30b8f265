/* hosho: the clerk terminal of a credit guarantee corporation.
 * main wires the parts: options, locale, forms, the database (embedded
 * default or central server), then the login screen and the menu. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "db/db.h"
#include "forms/form.h"
#include "i18n.h"
#include "print/print.h"
#include "sign/sign.h"
#include "util.h"

struct options {
	const char *conninfo;
	const char *data_dir;
	const char *forms_dir;
	const char *sql_dir;
	const char *pgbindir;
	const char *user;
	const char *idle_lock; /* seconds, or NULL for $HOSHO_IDLE_LOCK or the default */
	const char *sign_key, *sign_cert; /* --sign-key, --sign-cert, else $HOSHO_SIGN_KEY, _CERT */
	/* --certificate-pdf NO OUT.pdf, --certificate-electronic NO DIR,
	 * --ringi-pdf ID OUT.pdf */
	const char *document, *out;
	long long case_id; /* --ringi-pdf's ID */
	enum { RUN, SETUP, STOP, MIGRATE, CHECK_FORMS, SIGN_CERTIFICATES, CERTIFICATE_PDF,
	       CERTIFICATE_ELECTRONIC, RINGI_PDF, IMPORT } mode;
	struct import_options import;
};

/* A setting from an option, else the environment (tests use these for the
 * directories), else its default. */
static const char *option_value(const char *opt, const char *env, const char *dflt)
{
	const char *e = getenv(env);

	if (opt)
		return opt;
	return e && *e ? e : dflt;
}

/* Where forms, migrations and catalogues are found by default. */
struct data_dirs {
	const char *forms, *sql, *locale;
};

/* Whether this is the binary `make` built at the top of the build tree
 * (run there without installing): its forms and SQL are in the source tree. */
static bool in_build_tree(void)
{
	char *exe = realpath("/proc/self/exe", NULL);
	char *top = realpath(ABS_TOP_BUILDDIR, NULL);
	char *slash = exe ? strrchr(exe, '/') : NULL;
	bool yes = false;

	if (slash && top) {
		*slash = '\0';
		yes = strcmp(exe, top) == 0;
	}
	free(exe);
	free(top);
	return yes;
}

static struct data_dirs data_dirs(void)
{
	if (in_build_tree())
		return (struct data_dirs){ABS_TOP_SRCDIR "/forms", ABS_TOP_SRCDIR "/sql",
					  ABS_TOP_BUILDDIR "/locale"};
	return (struct data_dirs){PKGDATADIR "/forms", PKGDATADIR "/sql", LOCALEDIR};
}

static void usage(FILE *out, const struct data_dirs *dirs)
{
	fprintf(out, _("Usage: hosho [OPTION]...\n"
		       "The clerk terminal of a credit guarantee corporation.\n\n"
		       "Without --db, PGSERVICE or PGHOST, hosho runs on its embedded default: a\n"
		       "private PostgreSQL cluster with demo data in its data directory.\n\n"
		       "  -d, --db=CONNINFO      connect to the central server (a libpq conninfo or URI)\n"
		       "  -D, --data-dir=DIR     the embedded cluster's directory\n"
		       "                         (default $XDG_DATA_HOME/hosho; /var/lib/hosho for root)\n"
		       "  -U, --user=NAME        the login name to fill in\n"
		       "      --idle-lock=SECONDS lock the screen after this long without a key\n"
		       "                         (default $HOSHO_IDLE_LOCK, else 600; 0 never)\n"
		       "      --setup            create, start and migrate the embedded cluster, then exit\n"
		       "      --stop             stop the embedded cluster, then exit\n"
		       "      --migrate          apply the schema migrations to --db, then exit\n"
		       "      --check-forms      check the form files, then exit\n"
		       "      --certificate-pdf=NO OUT.pdf\n"
		       "                         print certificate NO to OUT.pdf as the --db/--user\n"
		       "                         staff member, then exit\n"
		       "      --certificate-electronic=NO DIR\n"
		       "                         write the signed electronic certificate NO as\n"
		       "                         DIR/NO.json and DIR/NO.p7s (for the bank), then exit\n"
		       "      --ringi-pdf=ID OUT.pdf\n"
		       "                         print the decision document (ringi) of guarantee\n"
		       "                         case ID to OUT.pdf as the --db/--user staff member,\n"
		       "                         then exit\n"
		       "      --sign-certificates sign the electronic certificates waiting, as the\n"
		       "                         --db/--user signer login, then exit (operator only)\n"
		       "      --sign-key=FILE    the corporation's private key, mode 0600\n"
		       "                         (default $HOSHO_SIGN_KEY)\n"
		       "      --sign-cert=FILE   its certificate (default $HOSHO_SIGN_CERT)\n"
		       "      --import=FILE      load a bank report (CSV, doc/bank_report.md) as --user,\n"
		       "                         list its errors, then exit\n"
		       "      --bank=CODE        with --import: the bank the file must be of\n"
		       "      --encoding=ENC     with --import: cp932 or utf-8 (default: detected)\n"
		       "      --apply=all|valid  with --import: apply every line (only when all are\n"
		       "                         valid) or the valid lines only\n"
		       "      --forms-dir=DIR    form files (default %s)\n"
		       "      --sql-dir=DIR      migrations (default %s)\n"
		       "      --pgbindir=DIR     PostgreSQL server programs (default %s)\n"
		       "  -h, --help             show this help, then exit\n"
		       "  -V, --version          show the version, then exit\n"),
		dirs->forms, dirs->sql, PGBINDIR);
}

/* A guarantee case's number as typed: digits only, at least 1. */
static bool case_number(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s >= '0' && *s <= '9' && !*end && errno == 0 && *out > 0;
}

/* 0 to go on, or an exit status + 1. */
static int parse_options(int argc, char **argv, const struct data_dirs *dirs,
			 struct options *o)
{
	enum { OPT_SETUP = 256, OPT_IDLE, OPT_STOP, OPT_MIGRATE, OPT_CHECK, OPT_FORMS, OPT_SQL, OPT_PGBIN,
	       OPT_SIGN, OPT_SIGN_KEY, OPT_SIGN_CERT, OPT_PDF, OPT_ELECTRONIC, OPT_RINGI,
	       OPT_IMPORT, OPT_BANK, OPT_ENCODING, OPT_APPLY };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"data-dir", required_argument, NULL, 'D'},
		{"user", required_argument, NULL, 'U'},
		{"idle-lock", required_argument, NULL, OPT_IDLE},
		{"setup", no_argument, NULL, OPT_SETUP},
		{"stop", no_argument, NULL, OPT_STOP},
		{"migrate", no_argument, NULL, OPT_MIGRATE},
		{"check-forms", no_argument, NULL, OPT_CHECK},
		{"sign-certificates", no_argument, NULL, OPT_SIGN},
		{"sign-key", required_argument, NULL, OPT_SIGN_KEY},
		{"sign-cert", required_argument, NULL, OPT_SIGN_CERT},
		{"certificate-pdf", required_argument, NULL, OPT_PDF},
		{"certificate-electronic", required_argument, NULL, OPT_ELECTRONIC},
		{"ringi-pdf", required_argument, NULL, OPT_RINGI},
		{"import", required_argument, NULL, OPT_IMPORT},
		{"bank", required_argument, NULL, OPT_BANK},
		{"encoding", required_argument, NULL, OPT_ENCODING},
		{"apply", required_argument, NULL, OPT_APPLY},
		{"forms-dir", required_argument, NULL, OPT_FORMS},
		{"sql-dir", required_argument, NULL, OPT_SQL},
		{"pgbindir", required_argument, NULL, OPT_PGBIN},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *forms = NULL, *sql = NULL, *pgbin = NULL;
	int c;

	memset(o, 0, sizeof *o);
	while ((c = getopt_long(argc, argv, "d:D:U:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->conninfo = optarg; break;
		case 'D': o->data_dir = optarg; break;
		case 'U': o->user = optarg; break;
		case OPT_IDLE: o->idle_lock = optarg; break;
		case OPT_SETUP: o->mode = SETUP; break;
		case OPT_STOP: o->mode = STOP; break;
		case OPT_MIGRATE: o->mode = MIGRATE; break;
		case OPT_CHECK: o->mode = CHECK_FORMS; break;
		case OPT_SIGN: o->mode = SIGN_CERTIFICATES; break;
		case OPT_SIGN_KEY: o->sign_key = optarg; break;
		case OPT_SIGN_CERT: o->sign_cert = optarg; break;
		case OPT_PDF: o->mode = CERTIFICATE_PDF; o->document = optarg; break;
		case OPT_ELECTRONIC: o->mode = CERTIFICATE_ELECTRONIC; o->document = optarg; break;
		case OPT_RINGI: o->mode = RINGI_PDF; o->document = optarg; break;
		case OPT_IMPORT: o->mode = IMPORT; o->import.path = optarg; break;
		case OPT_BANK: o->import.bank = optarg; break;
		case OPT_ENCODING: o->import.encoding = optarg; break;
		case OPT_APPLY: o->import.apply = optarg; break;
		case OPT_FORMS: forms = optarg; break;
		case OPT_SQL: sql = optarg; break;
		case OPT_PGBIN: pgbin = optarg; break;
		case 'h': usage(stdout, dirs); return 1;
		case 'V': printf("hosho %s\n", PACKAGE_VERSION); return 1;
		default:
			fprintf(stderr, _("Try 'hosho --help'.\n"));
			return 3;
		}
	}
	if (o->document && optind < argc)
		o->out = argv[optind++];
	if (o->mode == RINGI_PDF && (!o->out || !case_number(o->document, &o->case_id))) {
		fprintf(stderr, _("hosho: --ringi-pdf takes a case number and the file to write: "
				  "--ringi-pdf=ID OUT.pdf\nTry 'hosho --help'.\n"));
		return 3;
	}
	if (o->document && !o->out) {
		fprintf(stderr, _("hosho: a certificate needs where to write it: a file for "
				  "--certificate-pdf, a directory for --certificate-electronic\n"
				  "Try 'hosho --help'.\n"));
		return 3;
	}
	if (optind < argc) {
		fprintf(stderr, _("hosho: unexpected argument '%s'\nTry 'hosho --help'.\n"), argv[optind]);
		return 3;
	}
	if (o->import.encoding && strcmp(o->import.encoding, "cp932") != 0 &&
	    strcmp(o->import.encoding, "utf-8") != 0) {
		fprintf(stderr, _("hosho: the encoding must be cp932 or utf-8: '%s'\n"), o->import.encoding);
		return 3;
	}
	if (o->import.apply && strcmp(o->import.apply, "all") != 0 && strcmp(o->import.apply, "valid") != 0) {
		fprintf(stderr, _("hosho: --apply takes all or valid: '%s'\n"), o->import.apply);
		return 3;
	}
	o->idle_lock = option_value(o->idle_lock, "HOSHO_IDLE_LOCK", "600");
	if (strspn(o->idle_lock, "0123456789") != strlen(o->idle_lock) || !*o->idle_lock ||
	    strlen(o->idle_lock) > 6) {
		fprintf(stderr, _("hosho: the idle lock must be a number of seconds: '%s'\n"), o->idle_lock);
		return 3;
	}
	o->sign_key = option_value(o->sign_key, "HOSHO_SIGN_KEY", NULL);
	o->sign_cert = option_value(o->sign_cert, "HOSHO_SIGN_CERT", NULL);
	o->forms_dir = option_value(forms, "HOSHO_FORMS_DIR", dirs->forms);
	o->sql_dir = option_value(sql, "HOSHO_SQL_DIR", dirs->sql);
	o->pgbindir = option_value(pgbin, "PGBINDIR", PGBINDIR);
	return 0;
}

/* The locale the person asked for, as setlocale reads the variables. */
static const char *locale_asked(void)
{
	const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};

	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return "C";
}

static bool names_utf8(const char *locale)
{
	const char *dot = strchr(locale, '.');

	return dot && (strncasecmp(dot + 1, "UTF-8", 5) == 0 || strncasecmp(dot + 1, "utf8", 4) == 0);
}

/* The terminal's codeset is the locale's: UTF-8, EUC-JP and Shift_JIS are
 * kept (ncursesw converts what it draws; our strings stay UTF-8). A C or
 * POSIX locale (the usual on a bare server or terminal) says nothing about
 * the terminal: it gets C.UTF-8, as does a UTF-8 locale that is not
 * installed. Any other locale that is not installed leaves the plain C
 * locale and false: the terminal is refused (never UTF-8 on an EUC-JP
 * terminal). Japanese unless the person chose another language. */
static bool setup_locale(const struct data_dirs *dirs)
{
	const char *asked = locale_asked(), *msgs;
	bool usable = true;

	if (setlocale(LC_ALL, "")) {
		const char *ctype = setlocale(LC_CTYPE, NULL);
		if (strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0)
			setlocale(LC_ALL, "C.UTF-8");
	} else if (strcmp(asked, "C") == 0 || strcmp(asked, "POSIX") == 0 || names_utf8(asked)) {
		setlocale(LC_ALL, "C.UTF-8");
	} else {
		usable = false;
	}
	msgs = setlocale(LC_MESSAGES, NULL);
	if (!getenv("LANGUAGE") && msgs && (strncmp(msgs, "C", 1) == 0 || strcmp(msgs, "POSIX") == 0))
		setenv("LANGUAGE", "ja", 1);
	bindtextdomain("hosho", option_value(NULL, "HOSHO_LOCALE_DIR", dirs->locale));
	bind_textdomain_codeset("hosho", "UTF-8");
	return usable;
}

/* The central server is named by --db, a service, or a host in the environment. */
static bool central_configured(const struct options *o)
{
	return o->conninfo || getenv("PGSERVICE") || getenv("PGHOST") || getenv("PGHOSTADDR");
}

/* The demo users of the embedded default, one per line, for the login screen. */
static char *demo_logins(PGconn *admin)
{
	struct db_error err;
	PGresult *res = db_query(admin, &err,
		"SELECT string_agg(format('%-14s %-14s %s', staff_role, password, duty), E'\\n' ORDER BY sort) "
		"FROM hosho_demo.demo_login", 0, NULL);
	char *s = res && !PQgetisnull(res, 0, 0) ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;

	PQclear(res);
	return s;
}

/* Creates or starts the private cluster and brings its schema and demo data
 * up to date. Prints the reason and returns false on failure. */
static bool embedded_setup(const struct options *o, struct cluster *c, char **demo)
{
	char *dir = o->data_dir ? xstrdup(o->data_dir) : cluster_default_dir();
	char *demo_dir = xasprintf("%s/demo", o->sql_dir);
	struct db_error err;
	PGconn *admin = NULL;
	bool ok = false;

	if (!cluster_ensure(c, dir, o->pgbindir, &err))
		goto out;
	admin = cluster_connect_admin(c, &err);
	if (!admin || migrate_apply(admin, o->sql_dir, &err) < 0 ||
	    migrate_demo(admin, demo_dir, &err) < 0)
		goto out;
	if (demo)
		*demo = demo_logins(admin);
	ok = true;
out:
	if (!ok)
		fprintf(stderr, "hosho: %s\n", err.message);
	if (admin)
		PQfinish(admin);
	free(dir);
	free(demo_dir);
	return ok;
}

static int run_migrate(const struct options *o)
{
	struct db_error err;
	PGconn *conn = db_connect(o->conninfo, NULL, NULL, &err);
	int n;

	if (!conn) {
		fprintf(stderr, "hosho: %s\n", err.message);
		return 1;
	}
	n = migrate_apply(conn, o->sql_dir, &err);
	PQfinish(conn);
	if (n < 0) {
		fprintf(stderr, "hosho: %s\n", err.message);
		return 1;
	}
	printf(_("%d migrations applied.\n"), n);
	return 0;
}

/* A staff or signer connection for the modes that run without the
 * terminal: --db (or libpq's defaults) and --user, the password from
 * ~/.pgpass or PGPASSWORD. */
static PGconn *batch_connect(const struct options *o)
{
	struct db_error err;
	PGconn *conn = db_connect(o->conninfo, o->user, NULL, &err);

	if (!conn)
		fprintf(stderr, "hosho: %s\n", err.message);
	return conn;
}

/* A document written out: a certificate printed or its electronic pair
 * for the bank, or a case's 稟議書. */
static int run_certificate(const struct options *o)
{
	PGconn *conn = batch_connect(o);
	char *err = NULL;
	int status;

	if (!conn)
		return 1;
	if (o->mode == CERTIFICATE_PDF)
		status = certificate_pdf_print(conn, o->document, o->out, &err);
	else if (o->mode == RINGI_PDF)
		status = ringi_pdf_print(conn, o->case_id, o->out, &err);
	else
		status = certificate_electronic_write(conn, o->document, o->out, &err);
	PQfinish(conn);
	if (status < 0) {
		fprintf(stderr, "hosho: %s\n", err);
		free(err);
		return 1;
	}
	return 0;
}

/* The key is loaded (and its mode checked) before anything is asked of
 * the database. */
static int run_sign_certificates(const struct options *o)
{
	struct signer *s;
	PGconn *conn;
	char *err = NULL;
	int done, failed;

	if (!o->sign_key || !o->sign_cert) {
		fprintf(stderr, _("hosho: signing needs the key and its certificate: --sign-key and "
				  "--sign-cert, or HOSHO_SIGN_KEY and HOSHO_SIGN_CERT\n"));
		return 2;
	}
	s = signer_load(o->sign_key, o->sign_cert, &err);
	if (!s) {
		fprintf(stderr, "hosho: %s\n", err);
		free(err);
		return 1;
	}
	conn = batch_connect(o);
	if (!conn) {
		signer_free(s);
		return 1;
	}
	done = sign_batch_run(conn, s, &failed);
	PQfinish(conn);
	signer_free(s);
	if (done < 0)
		return 1;
	printf(_("%d certificates signed.\n"), done);
	if (failed)
		fprintf(stderr, _("hosho: %d certificates not signed.\n"), failed);
	return failed ? 1 : 0;
}

static int run_stop(const struct options *o)
{
	char *dir = o->data_dir ? xstrdup(o->data_dir) : cluster_default_dir();
	struct db_error err;
	bool ok = cluster_stop(dir, o->pgbindir, &err);

	if (!ok)
		fprintf(stderr, "hosho: %s\n", err.message);
	free(dir);
	return ok ? 0 : 1;
}

/* --import: as the staff member --user (or libpq's user), the password
 * from libpq (PGPASSWORD, ~/.pgpass), on the central server or the
 * embedded default. */
static int run_import(const struct options *o)
{
	struct cluster c = {0};
	struct db_error err;
	char *conninfo = NULL;
	PGconn *conn = NULL;
	int status = 1;

	if (!central_configured(o)) {
		if (!embedded_setup(o, &c, NULL))
			goto out;
		conninfo = cluster_conninfo(&c);
	}
	conn = db_connect(conninfo ? conninfo : o->conninfo, o->user, NULL, &err);
	if (!conn || !migrate_check_compatible(conn, o->sql_dir, &err))
		fprintf(stderr, "hosho: %s\n", err.message);
	else
		status = import_cli(conn, &o->import);
out:
	if (conn)
		PQfinish(conn);
	cluster_free(&c);
	free(conninfo);
	return status;
}

static int run_terminal(const struct options *o, const struct form_set *forms)
{
	struct app a = {0};
	struct cluster c = {0};
	char *conninfo = NULL;
	char *demo = NULL;
	int status = 0;

	if (!central_configured(o)) {
		if (!embedded_setup(o, &c, &demo)) {
			cluster_free(&c);
			return 1;
		}
		conninfo = cluster_conninfo(&c);
	}
	a.forms = forms;
	a.conninfo = conninfo ? conninfo : o->conninfo;
	a.sql_dir = o->sql_dir;
	a.demo_logins = demo;
	a.user = o->user;
	if (!ui_start(&a.ui)) {
		status = 1;
		goto out;
	}
	app_watch_waits(&a);
	while (screen_run(&a, &screen_login, NULL) == ACTION_BACK && a.conn) {
		enum action_result r;
		a.ui.idle_ms = atoi(o->idle_lock) * 1000;
		r = draft_offer(&a);
		if (r != ACTION_HANGUP)
			r = screen_run(&a, &screen_menu, NULL);
		a.ui.idle_ms = 0;
		PQfinish(a.conn);
		a.conn = NULL;
		listen_forget(&a);
		a.status[0] = '\0';
		if (r == ACTION_HANGUP && !a.signing_out)
			break;
		a.signing_out = false;
		ui_set_message(&a.ui, UI_MSG_INFO, "%s", _("Signed out."));
	}
	ui_stop(&a.ui);
out:
	app_free(&a);
	cluster_free(&c);
	free(conninfo);
	return status;
}

/* Every form file on its own, then every screen against its form. */
static int check_forms(const char *dir)
{
	struct form_set forms = {0};
	struct form_error err;
	int bad = form_set_check(dir, stderr);

	if (bad == 0 && form_set_load(dir, &forms, &err))
		bad = screen_table_check(&forms, stderr);
	form_set_free(&forms);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct form_set forms = {0};
	struct form_error ferr;
	struct data_dirs dirs = data_dirs();
	int status;
	bool locale_usable = setup_locale(&dirs);

	status = parse_options(argc, argv, &dirs, &o);
	if (status)
		return status - 1;
	if (o.mode == CHECK_FORMS)
		return check_forms(o.forms_dir);
	if (o.mode == STOP)
		return run_stop(&o);
	if (o.mode == MIGRATE)
		return run_migrate(&o);
	if (o.mode == SIGN_CERTIFICATES)
		return run_sign_certificates(&o);
	if (o.mode == CERTIFICATE_PDF || o.mode == CERTIFICATE_ELECTRONIC || o.mode == RINGI_PDF)
		return run_certificate(&o);
	if (o.mode == IMPORT)
		return run_import(&o);
	if (o.mode == SETUP) {
		struct cluster c = {0};
		bool ok = embedded_setup(&o, &c, NULL);
		cluster_free(&c);
		return ok ? 0 : 1;
	}
	if (!locale_usable) {
		fprintf(stderr, _("hosho: the locale %s is not installed (see locale -a); use an "
				  "installed UTF-8, EUC-JP or Shift_JIS locale.\n"),
			locale_asked());
		return 1;
	}
	/* Every form is checked before the terminal is taken: a broken form
	 * file is reported with its line and column, not found by a clerk. */
	if (!form_set_load(o.forms_dir, &forms, &ferr)) {
		form_error_print(&ferr, stderr);
		return 1;
	}
	if (screen_table_check(&forms, stderr)) {
		form_set_free(&forms);
		return 1;
	}
	status = run_terminal(&o, &forms);
	form_set_free(&forms);
	return status;
}
