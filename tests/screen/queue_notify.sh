#!/bin/sh
# A queue updates by itself: the supervisor's 承認待ち (listen: hosho_queue)
# shows a request that arrives while it waits for a key, with no key
# pressed; after its connection is cut it connects again, LISTENs again and
# shows what arrived meanwhile. The clerk's side is psql here; the lifecycle
# test (guarantee_path.sh) has two terminals.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
who=t_qn_$$
at_exit 'sql_postgres "DROP ROLE IF EXISTS $who" >/dev/null 2>&1' # after the database is gone
test_db_start "$0"

companies=$(sql_admin "SELECT string_agg(company_id::text, ' ') FROM (SELECT company_id FROM hosho.company
	WHERE section_code = '0101' AND antisocial_result = 'pending' ORDER BY company_id LIMIT 3) x")
set -- $companies
# clerk1 asks for a 反社 result of a company and says so on the channel.
clerk_asks() { # COMPANY
	sql_as clerk1 clerk1-demo "SELECT hosho.antisocial_request($1, 'clear',
		(SELECT version FROM hosho.company WHERE company_id = $1), gen_random_uuid());
		SELECT pg_notify('hosho_queue', '$1')" >/dev/null
}
# A company as the list shows it: its number and the start of its name.
name_of() { sql_admin "SELECT company_id || ' ' || left(name, 4) FROM hosho.company WHERE company_id = $1"; }
# A supervisor of this test's own (roles are the cluster's: the shared
# super1 is not made unable to log in under the other tests' feet).
sql_admin "CREATE ROLE $who LOGIN PASSWORD 'qn-pass-1' IN ROLE hosho_supervisor;
	INSERT INTO hosho.staff
	SELECT (jsonb_populate_record(s, jsonb_build_object('staff_role', '$who'))).*
	  FROM hosho.staff s WHERE staff_role = 'super1'" >/dev/null  # super1's section and all
super_backend() {
	sql_admin "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND usename = '$who' AND application_name = 'hosho'"
}

screen_start --user $who
wait_for "パスワード" >/dev/null; settle # keys typed before curses has the terminal are lost
type_text qn-pass-1; key Enter
wait_for "メインメニュー" >/dev/null
type_text "$(screen_text | sed -n 's/^ *\([0-9]*\)\. 承認待ち.*/\1/p')"; key Enter
expect_row 0 "承認待ち" "the supervisor opens the approvals"
settle
expect_equal "$(screen_text | grep -c "$(name_of "$1")")" "0" "the company is not waiting yet"
before=$(super_backend)

clerk_asks "$1"
expect_screen "$(name_of "$1")" "the clerk's request is listed without a key pressed"
expect_row 22 "一覧を更新しました" "the message line says the list changed"

# Cut while the supervisor may not log in: what arrives meanwhile never
# reaches them.
sql_admin "ALTER ROLE $who NOLOGIN" >/dev/null
sql_admin "SELECT pg_terminate_backend($before)" >/dev/null
sleep 0.5
clerk_asks "$2"
sleep 1
sql_admin "ALTER ROLE $who LOGIN" >/dev/null
expect_screen "$(name_of "$2")" "once it can, it connects again and shows what arrived while it was cut off"
expect_row 22 "接続し直しました" "and says it connected again"
after=$(super_backend)
expect_equal "$([ -n "$after" ] && [ "$after" != "$before" ] && echo new)" "new" "on a new connection"
clerk_asks "$3"
expect_screen "$(name_of "$3")" "which LISTENs again: the next request shows by itself"
tap_done
