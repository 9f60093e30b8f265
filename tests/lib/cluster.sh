# A throwaway hosho database for one test: created through hosho's own
# embedded default (so the tests exercise it), removed on exit.
# Needs HOSHO (the binary) and HOSHO_SQL_DIR; sets TEST_DB_DIR and PSQL_ADMIN.

test_cluster_start() {
	# Under /tmp and world-traversable: as root the cluster runs as the
	# postgres user, which must reach the directory.
	TEST_TMP=$(mktemp -d /tmp/hosho-test.XXXXXX) || return 1
	chmod 755 "$TEST_TMP"
	TEST_DB_DIR=$TEST_TMP/db
	trap test_cluster_stop EXIT
	if ! "$HOSHO" --setup --data-dir "$TEST_DB_DIR" >"$TEST_TMP/setup.out" 2>&1; then
		echo "Bail out! hosho --setup failed: $(cat "$TEST_TMP/setup.out")"
		exit 1
	fi
	PSQL_ADMIN="host=$TEST_DB_DIR dbname=hosho user=hosho_dba password=$(cat "$TEST_DB_DIR/superuser.pw")"
	export TEST_TMP TEST_DB_DIR PSQL_ADMIN
}

test_cluster_stop() {
	[ -n "${TEST_DB_DIR:-}" ] && "$HOSHO" --stop --data-dir "$TEST_DB_DIR" >/dev/null 2>&1
	[ -n "${TEST_TMP:-}" ] && rm -rf "$TEST_TMP"
	:
}

# psql as the cluster's superuser, or as a staff login: sql_as ROLE PASSWORD SQL
sql_admin() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "$PSQL_ADMIN" -c "$1"
}
sql_as() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "host=$TEST_DB_DIR dbname=hosho user=$1 password=$2" -c "$3"
}
