#!/bin/sh
# A save whose answer is lost is never written twice nor reported as a
# conflict: the client reconnects and asks the database (request_done)
# whether its request was applied. See tests/lib/save_faults.sql: the save
# is committed on a connection of its own and the clerk's backend, asleep
# after it, is terminated by the test (the answer lost after COMMIT); or
# the backend is terminated asleep before writing (nothing saved).
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/clerk.sh"
test_db_start "$0"
save_faults_install
screen_start

# Waits for the clerk's backend to sleep in the save, then terminates it.
cut_when_asleep() {
	_w=0
	while [ $_w -lt 100 ] && [ "$(asleep)" != 1 ]; do
		sleep 0.1; _w=$((_w + 1))
	done
	sql_admin "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hosho' AND wait_event = 'PgSleep'" >/dev/null
}
new_company() { # NAME READING
	type_text 2; key Enter
	wait_for "企業登録・修正" >/dev/null
	clerk_types_company "$1" "$2" all
}

wait_for "ログイン" >/dev/null
type_text clerk1; key Enter
type_text clerk1-demo; key Enter
wait_for "メインメニュー" >/dev/null

# The answer lost after COMMIT: shown as registered, written once.
new_company "株式会社応答消失" "おうとうしょうしつ"
fault after_commit
key F10
expect_screen "問い合わせ中です (Esc で中止)" "a slow save says it is waiting and how to cancel"
cut_when_asleep
expect_row 22 "で登録しました" "the save whose answer was lost is shown as registered"
id=$(sql_admin "SELECT company_id FROM hosho.company WHERE name = '株式会社応答消失'")
expect_row 2 "企業番号 $id" "the registered company's number is shown"
fault
key F10
expect_row 22 "を保存しました" "F10 again saves without a false conflict"
expect_equal "$(companies_named 株式会社応答消失)" 1 "the company is written once"

# On an update: the same fault, then no 他の担当者 conflict.
key Up Up   # from 法人番号 to 所在地
key C-u; type_text "大通二丁目"; settle
fault after_commit
key F10
cut_when_asleep
expect_row 22 "を保存しました" "an update whose answer was lost is shown as saved"
fault
key F10
expect_row 22 "を保存しました" "and saving it again is no conflict"
expect_equal "$(sql_admin "SELECT address FROM hosho.company WHERE company_id = $id")" "大通二丁目" \
	"the database holds the update"

# Cut before the write: nothing saved, the clerk is told, and F10 saves once.
key F3; wait_for "メインメニュー" >/dev/null
new_company "有限会社未保存" "みほぞん"
fault before_write
key F10
cut_when_asleep
expect_row 22 "保存されていません" "a save cut before writing is reported as not saved"
expect_row 3 "有限会社未保存" "the typed name stays"
expect_equal "$(companies_named 有限会社未保存)" 0 "nothing was written"
fault
key F10
expect_row 22 "で登録しました" "F10 then registers it"
expect_equal "$(companies_named 有限会社未保存)" 1 "the company is written once"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.test_request WHERE answer ->> 'name' = '有限会社未保存'")" 1 \
	"one request was applied for it"
tries() { sql_admin "SELECT count(*), count(DISTINCT request_id) FROM hosho.test_try WHERE name = '$1'"; }
expect_equal "$(tries 有限会社未保存)" "2|1" "the retry of the same unchanged save carried the same request id"
expect_equal "$(tries 株式会社応答消失)" "4|4" "each save after one that succeeded has a new request id"
tap_done
