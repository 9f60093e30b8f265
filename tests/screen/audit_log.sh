#!/bin/sh
# The embedded default audits role and schema changes through pgaudit: each
# lands in the server log (DIR/postgres.log) as an AUDIT line naming the
# user and the application, with passwords redacted.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_cluster_start
log=$TEST_DB_DIR/postgres.log

PGAPPNAME=audit-test; export PGAPPNAME
sql_admin "CREATE ROLE audit_probe LOGIN" >/dev/null
sql_admin "ALTER ROLE audit_probe PASSWORD 'probe-secret-42'" >/dev/null
sql_as clerk1 clerk1-demo "CREATE TEMPORARY TABLE audit_scratch (n integer)" >/dev/null
sql_admin "CREATE TABLE hosho.audit_ddl_probe (n integer)" >/dev/null
sql_admin "SELECT 'audit-read-marker'" >/dev/null

# The lines of one statement: AUDIT, its class and command, the user.
audit_line() { # USER CLASS,COMMAND TEXT
	grep -F "user=$1 " "$log" | grep -F "app=audit-test" | grep -F "AUDIT: SESSION," |
		grep -F ",$2,,,$3" | head -1
}
expect_line() { # USER CLASS,COMMAND TEXT NAME
	if [ -n "$(audit_line "$1" "$2" "$3")" ]; then
		tap_result 0 "$4"
	else
		tap_result 1 "$4"
		echo "# no AUDIT line by $1 for $2 $3 in $log; its AUDIT lines end:"
		grep -F "AUDIT:" "$log" | tail -5 | cut -c1-200 | sed 's/^/#   | /'
	fi
}
expect_line hosho_dba "ROLE,CREATE ROLE" "CREATE ROLE audit_probe LOGIN" "CREATE ROLE is audited with its user"
expect_line hosho_dba "ROLE,ALTER ROLE" "ALTER ROLE audit_probe PASSWORD <REDACTED>" "ALTER ROLE is audited with its user"
expect_equal "$(grep -c 'probe-secret-42' "$log")" "0" "the password itself is not in the server log"
expect_line clerk1 "DDL,CREATE TABLE" "CREATE TEMPORARY TABLE audit_scratch" "a clerk's DDL is audited under the clerk's name"
expect_line hosho_dba "DDL,CREATE TABLE" "CREATE TABLE hosho.audit_ddl_probe" "schema DDL is audited with its user"
expect_equal "$(grep -c 'audit-read-marker' "$log")" "0" "plain reads are not audited (pgaudit.log is role, ddl)"

# pgaudit is preloaded: without it set-up says which package to install.
mkdir -p "$TEST_TMP/pg/bin"
ln -s "$PGBINDIR/initdb" "$TEST_TMP/pg/bin/initdb"
out=$("$HOSHO" --setup --data-dir "$TEST_TMP/other" --pgbindir "$TEST_TMP/pg/bin" 2>&1)
case "$out" in
*pgaudit.so*postgresql-15-pgaudit*) tap_result 0 "a missing pgaudit is named with its package" ;;
*) tap_result 1 "a missing pgaudit is named with its package"; echo "# got: $out" ;;
esac

tap_done
