#!/bin/sh
# Waiting on the database never freezes the terminal: Esc cancels a
# statement with everything typed kept; statement_timeout (default, or
# HOSHO_STATEMENT_TIMEOUT) stops a hung one; server notices go to the
# message line, never over the screen. The slow save is the fault
# 'before_write' of tests/lib/save_faults.sql.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
psql -X -q -v ON_ERROR_STOP=1 "$PSQL_ADMIN" \
	-v conn="host=$TEST_DB_DIR dbname=$TEST_DB user=clerk1 password=clerk1-demo" \
	-f "$TESTS_SRCDIR/lib/save_faults.sql" >/dev/null || { echo "Bail out! fixture"; exit 1; }
fault() { sql_admin "DELETE FROM hosho.test_fault; ${1:+INSERT INTO hosho.test_fault VALUES ('$1')}"; }
asleep() { sql_admin "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hosho' AND wait_event = 'PgSleep'"; }
companies() { sql_admin "SELECT count(*) FROM hosho.company WHERE name = '$1'"; }
sign_in_and_type() { # NAME READING
	wait_for "ログイン" >/dev/null
	type_text clerk1; key Enter
	type_text clerk1-demo; key Enter
	wait_for "メインメニュー" >/dev/null
	type_text 2; key Enter
	wait_for "企業登録・修正" >/dev/null
	key F4; settle; key Enter; settle
	key Enter
	type_text "$1"; key Enter
	type_text "$2"; key Enter
	key Enter Enter
	type_text 0200021; key Enter
	type_text 03201; key Enter
	key Enter
	type_text "中央通１丁目"; key Enter
	type_text E09; key Enter
	settle
}

screen_start
sign_in_and_type "株式会社待機" "たいき"
fault before_write
key F10
expect_screen "問い合わせ中です (Esc で中止)" "a slow statement says so after half a second"
expect_equal "$(asleep)" 1 "the statement runs"
key Escape
expect_row 22 "問い合わせを中止しました。入力はそのままです。" "Esc cancels it and says so"
expect_row 3 "株式会社待機" "the typed name stays"
expect_row 7 "中央通１丁目" "the typed address stays"
_w=0
while [ $_w -lt 50 ] && [ "$(asleep)" != 0 ]; do sleep 0.1; _w=$((_w + 1)); done
expect_equal "$(asleep)" 0 "the statement no longer runs on the server"
expect_equal "$(companies 株式会社待機)" 0 "nothing was saved"

# A notice goes to the message line; the screen is not written over.
fault notice
key F10
expect_row 22 "で登録しました" "the save with a notice registers"
settle
expect_equal "$(screen_text | grep -c 'TEST-NOTICE\|NOTICE')" 0 "no notice text is written over the screen"
expect_row 0 "企業登録・修正" "the title line is intact"

# statement_timeout from HOSHO_STATEMENT_TIMEOUT stops a hung statement.
fault
HOSHO_STATEMENT_TIMEOUT=1500ms
export HOSHO_STATEMENT_TIMEOUT
tm kill-server; sleep 0.5   # the next server must not meet the old one going
screen_start
sign_in_and_type "株式会社時間切れ" "じかんぎれ"
fault before_write
key F10
expect_row 22 "応答に時間がかかりすぎたため" "statement_timeout stops a hung save and says so"
expect_row 3 "株式会社時間切れ" "the typed name stays after the timeout"
expect_equal "$(companies 株式会社時間切れ)" 0 "nothing was saved"
tap_done
