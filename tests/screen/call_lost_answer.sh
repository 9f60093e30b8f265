#!/bin/sh
# A declared call whose answer is lost after its COMMIT (the network dies
# while the answer travels) is settled by asking the database about its
# request id: the clerk is told it was done, and it is done once. A test
# wrapper around hosho.antisocial_request commits the real request on a
# connection of its own, as the clerk, then sleeps until the test kills the
# clerk's backend.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
company=$(sql_admin "SELECT company_id FROM hosho.company WHERE section_code = '0101' AND antisocial_result = 'pending' ORDER BY company_id LIMIT 1")
sql_admin "CREATE EXTENSION IF NOT EXISTS dblink" >/dev/null
sql_admin "ALTER FUNCTION hosho.antisocial_request(bigint, text, int, uuid) RENAME TO antisocial_request_real" >/dev/null
sql_admin "CREATE FUNCTION hosho.antisocial_request(p_company_id bigint, p_value text, p_version int,
	p_request_id uuid) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS \$\$
DECLARE
	answer jsonb;
BEGIN
	SELECT x::jsonb INTO answer
	  FROM dblink('host=$TEST_DB_DIR dbname=$TEST_DB user=clerk1 password=clerk1-demo',
		format('SELECT hosho.antisocial_request_real(%s, %L, %s, %L)::text',
		       p_company_id, p_value, p_version, p_request_id)) AS t(x text);
	PERFORM pg_sleep(60);
	RETURN answer;
END \$\$;
GRANT EXECUTE ON FUNCTION hosho.antisocial_request(bigint, text, int, uuid) TO hosho_clerk" >/dev/null

screen_start --user clerk1
type_text clerk1-demo; key Enter
wait_for "メインメニュー" >/dev/null
type_text 1; key Enter; wait_for "企業検索" >/dev/null
key Down Down; type_text "$company"; key Enter
wait_for "件見つかりました" >/dev/null; key Enter
expect_row 0 "企業登録・修正" "the company opens"
for i in $(seq 16); do key Tab; done
type_text "該当なし"; key F9; wait_for "依頼しますか" >/dev/null; key y
# The request is committed; the answer hangs: cut the clerk's connection.
n=0
while [ "$(sql_admin "SELECT count(*) FROM hosho.approval WHERE object_id = '$company'")" != 1 ] && [ $n -lt 100 ]; do
	sleep 0.1; n=$((n + 1))
done
sql_admin "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE usename = 'clerk1' AND query LIKE '%\"antisocial_request\"(%' AND pid <> pg_backend_pid()" >/dev/null
expect_row 22 "承認を依頼しました" "the lost answer is settled: the clerk is told the request was made"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.approval WHERE object_id = '$company'")" "1" \
	"the request is in the database once"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.client_request WHERE staff = 'clerk1'")" "1" \
	"under one request id"
tap_done
