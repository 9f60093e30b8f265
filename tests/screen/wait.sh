#!/bin/sh
# Waiting on the database never freezes the terminal: Esc cancels a
# statement with everything typed kept; statement_timeout (default, or
# HOSHO_STATEMENT_TIMEOUT) stops a hung one; server notices go to the
# message line, never over the screen. The slow save is the fault
# 'before_write' of tests/lib/save_faults.sql.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/clerk.sh"
test_db_start "$0"
save_faults_install

screen_start
clerk_opens_registration
clerk_types_company "株式会社待機" "たいき" all
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
expect_equal "$(companies_named 株式会社待機)" 0 "nothing was saved"
timeout_of() { sql_admin "SELECT DISTINCT statement_timeout FROM hosho.test_try WHERE name = '$1'"; }
expect_equal "$(timeout_of 株式会社待機)" 30s "a clerk's session has a statement_timeout of 30 s by default"

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
screen_stop; sleep 0.5   # the next server must not meet the old one going
screen_start
clerk_opens_registration
clerk_types_company "株式会社時間切れ" "じかんぎれ" all
fault before_write
key F10
expect_row 22 "応答に時間がかかりすぎたため" "statement_timeout stops a hung save and says so"
expect_row 3 "株式会社時間切れ" "the typed name stays after the timeout"
expect_equal "$(companies_named 株式会社時間切れ)" 0 "nothing was saved"
expect_equal "$(timeout_of 株式会社時間切れ)" 1500ms "HOSHO_STATEMENT_TIMEOUT sets it"

# An operator's setting wins: the conninfo's options.
unset HOSHO_STATEMENT_TIMEOUT
screen_stop; sleep 0.5
sql_admin "DELETE FROM hosho.form_draft" >/dev/null   # the last session's unsaved company
screen_start --db "'host=$TEST_DB_DIR dbname=$TEST_DB options=-cstatement_timeout=7s'"
fault
clerk_opens_registration
clerk_types_company "株式会社設定優先" "せっていゆうせん" all
key F10
expect_row 22 "で登録しました" "a save on a conninfo with options registers"
expect_equal "$(timeout_of 株式会社設定優先)" 7s "the conninfo's statement_timeout is kept"
tap_done
