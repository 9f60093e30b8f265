#!/bin/sh
# The embedded default and the central-server path from the command line:
# set-up is idempotent, a newer database is refused, --migrate, --stop,
# missing PostgreSQL programs, an ordinary user's own cluster.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_cluster_start

counts() { sql_admin "SELECT (SELECT count(*) FROM hosho.schema_migration) || '/' || (SELECT count(*) FROM hosho.company)"; }
before=$(counts)
"$HOSHO" --setup --data-dir "$TEST_DB_DIR" >/dev/null 2>&1
expect_equal "$?/$(counts)" "0/$before" "a second --setup applies and loads nothing again"

"$HOSHO" --stop --data-dir "$TEST_DB_DIR" >/dev/null 2>&1
expect_equal "$(psql -X -Atc 'select 1' "$PSQL_ADMIN" 2>/dev/null || echo down)" "down" "--stop stops the private database"
"$HOSHO" --setup --data-dir "$TEST_DB_DIR" >/dev/null 2>&1
expect_equal "$(counts)" "$before" "it starts again with its data"

out=$("$HOSHO" --db "$PSQL_ADMIN" --migrate 2>&1)
expect_equal "$out" "0 件のスキーマ移行を適用しました。" "--migrate on an up-to-date server applies none"

# The central-server path: no demo users on its login screen.
screen_start --db "'host=$TEST_DB_DIR dbname=hosho'" --user clerk1
expect_row 0 "ログイン" "the login screen opens on a central server"
expect_equal "$(screen_text | grep -c 'clerk1-demo')" "0" "no demo passwords are shown for a central server"
type_text clerk1-demo; key Enter
expect_row 0 "メインメニュー" "a clerk signs in to the central server"
key F3; wait_for "ログアウトしますか" >/dev/null
key y
wait_for "ログアウトしました" >/dev/null

# A database newer than the program is refused, at set-up and at login.
sql_admin "INSERT INTO hosho.schema_migration (version, name) VALUES (9999, '9999_future.sql')"
out=$("$HOSHO" --setup --data-dir "$TEST_DB_DIR" 2>&1)
case "$out" in
*9999*) tap_result 0 "--setup refuses a database at a newer schema version" ;;
*) tap_result 1 "--setup refuses a database at a newer schema version"; echo "# got: $out" ;;
esac
type_text clerk1-demo; key Enter
expect_row 22 "9999" "login refuses a database newer than the program"
sql_admin "DELETE FROM hosho.schema_migration WHERE version = 9999"

# No PostgreSQL programs: a clear message, not a hang.
out=$("$HOSHO" --setup --data-dir "$TEST_TMP/other" --pgbindir /nonexistent 2>&1)
case "$out" in
*initdb*/nonexistent*) tap_result 0 "missing PostgreSQL programs are named" ;;
*) tap_result 1 "missing PostgreSQL programs are named"; echo "# got: $out" ;;
esac

# A quote in the data directory's name: postgresql.conf and the conninfo
# quote it, and the cluster starts and is migrated.
quoted="$TEST_TMP/o'brien"
"$HOSHO" --setup --data-dir "$quoted" >"$TEST_TMP/quoted.out" 2>&1
rc=$?
expect_equal "$rc:$(PGHOST=$quoted PGPASSWORD=$(cat "$quoted/superuser.pw") \
	psql -X -Atc 'SELECT count(*) > 0 FROM hosho.company' "dbname=hosho user=hosho_dba" 2>&1)" \
	"0:t" "a data directory with a quote in its name is set up with its demo data"
"$HOSHO" --stop --data-dir "$quoted" >/dev/null 2>&1

# An ordinary user gets a cluster of their own under XDG_DATA_HOME.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1 && command -v runuser >/dev/null; then
	# The build tree may not be readable by others: the user gets copies.
	home=$TEST_TMP/home
	mkdir -p "$home" && chown nobody "$home"
	cp "$HOSHO" "$TEST_TMP/hosho" && cp -r "$HOSHO_SQL_DIR" "$TEST_TMP/sql"
	chmod -R a+rX "$TEST_TMP/hosho" "$TEST_TMP/sql"
	runuser -u nobody -- env HOME="$home" XDG_DATA_HOME="$home/share" \
		HOSHO_SQL_DIR="$TEST_TMP/sql" "$TEST_TMP/hosho" --setup >"$TEST_TMP/user.out" 2>&1
	expect_equal "$?:$(stat -c %U "$home/share/hosho/pgdata")" "0:nobody" \
		"an ordinary user's cluster is created in their data directory, owned by them"
	runuser -u nobody -- env HOME="$home" XDG_DATA_HOME="$home/share" "$TEST_TMP/hosho" --stop >/dev/null 2>&1
else
	TAP_N=$((TAP_N + 1)); echo "ok $TAP_N # SKIP not root: the whole suite ran as an ordinary user"
fi
tap_done
