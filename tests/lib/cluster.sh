# The database of one test. Most tests get a private database on the run's
# shared cluster (tests/lib/test-cluster), copied from its migrated template;
# a test of set-up itself starts a throwaway cluster of its own.
# Needs HOSHO and HOSHO_SQL_DIR; sets TEST_DB_DIR, PSQL_ADMIN, and TEST_DB
# on the shared cluster. Both are removed on exit (test_stop).

. "$TESTS_SRCDIR/lib/at_exit.sh"

# A database of this test's own on the shared cluster: test_db_start NAME
test_db_start() {
	TEST_DB_DIR=$(cat "${TEST_CLUSTER_FILE:-/nonexistent}" 2>/dev/null)
	if [ -z "$TEST_DB_DIR" ]; then
		echo "Bail out! no shared test cluster: run the test through make check"
		exit 1
	fi
	TEST_DB=t_$(basename "$1" | sed 's/\..*//; s/[^a-z0-9_]/_/g')_$$
	PSQL_ADMIN="host=$TEST_DB_DIR dbname=$TEST_DB user=hosho_dba password=$(cat "$TEST_DB_DIR/superuser.pw")"
	export TEST_DB_DIR TEST_DB PSQL_ADMIN
	at_exit test_stop
	if ! out=$(sql_postgres "CREATE DATABASE $TEST_DB TEMPLATE hosho_template" 2>&1); then
		echo "Bail out! the test database was not created: $out"
		exit 1
	fi
}

# A cluster of this test's own, created through hosho's embedded default.
test_cluster_start() {
	# Under /tmp and world-traversable: as root the cluster runs as the
	# postgres user, which must reach the directory.
	TEST_TMP=$(mktemp -d /tmp/hosho-test.XXXXXX) || return 1
	chmod 755 "$TEST_TMP"
	TEST_DB_DIR=$TEST_TMP/db
	at_exit test_stop
	# Without the demo book, as the shared template (tests/lib/test-cluster).
	if ! PGOPTIONS="${PGOPTIONS:-} -c hosho.demo_book=off" "$HOSHO" --setup --data-dir "$TEST_DB_DIR" \
		>"$TEST_TMP/setup.out" 2>&1; then
		echo "Bail out! hosho --setup failed: $(cat "$TEST_TMP/setup.out")"
		exit 1
	fi
	PSQL_ADMIN="host=$TEST_DB_DIR dbname=hosho user=hosho_dba password=$(cat "$TEST_DB_DIR/superuser.pw")"
	export TEST_TMP TEST_DB_DIR PSQL_ADMIN
}

# Drops this test's database, or stops and removes its own cluster.
test_stop() {
	if [ -n "${TEST_DB:-}" ]; then
		sql_postgres "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)" >/dev/null 2>&1
	elif [ -n "${TEST_TMP:-}" ] && [ -n "${TEST_DB_DIR:-}" ]; then
		"$HOSHO" --stop --data-dir "$TEST_DB_DIR" >/dev/null 2>&1
	fi
	[ -n "${TEST_TMP:-}" ] && rm -rf "$TEST_TMP"
	:
}

# psql as the cluster's superuser, or as a staff login: sql_as ROLE PASSWORD SQL
sql_admin() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "$PSQL_ADMIN" -c "$1"
}
sql_postgres() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "$PSQL_ADMIN dbname=postgres" -c "$1"
}
sql_as() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "host=$TEST_DB_DIR dbname=${TEST_DB:-hosho} user=$1 password=$2" -c "$3"
}
