#!/bin/sh
# The guard's screens, each by the duty whose work it is: a clerk asks for a
# 反社 result, the supervisor approves it from 承認待ち (the clerk alone
# never sets it); the auditor reads who opened the company and exports the
# record as CSV (logged as taken out); the administrator registers a staff
# member, who can then sign in, and deactivates them, after which they cannot.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
EXPORTS=$(mktemp -d /tmp/hosho-export.XXXXXX)
at_exit 'rm -rf "$EXPORTS"'
export HOSHO_EXPORT_DIR=$EXPORTS

sign_in() { # USER PASSWORD (on the login screen, the cursor in the password)
	key BTab C-u; type_text "$1"; key Enter
	type_text "$2"; key Enter
	wait_for "メインメニュー" >/dev/null; settle
}
sign_out() {
	key F3; wait_for "ログアウトしますか" >/dev/null; key y
	wait_for "ログアウトしました" >/dev/null
}
company=$(sql_admin "SELECT company_id FROM hosho.company WHERE section_code = '0101' AND antisocial_result = 'pending' ORDER BY company_id LIMIT 1")
# The company form opened from the search by its number.
open_company() {
	type_text 1; key Enter; wait_for "企業検索" >/dev/null
	key Down Down; type_text "$company"; key Enter
	wait_for "件見つかりました" >/dev/null; key Enter
	wait_for "企業登録・修正" >/dev/null
}

# The clerk asks; the result stays pending.
screen_start --user clerk1
type_text clerk1-demo; key Enter
expect_row 0 "メインメニュー" "clerk1 signs in"
expect_equal "$(screen_text | grep -c '承認待ち')" "0" "a clerk is not offered the approvals"
open_company
for i in $(seq 16); do key Tab; done
type_text "該当なし"; key F9
expect_screen "承認を上席に依頼しますか" "F9 asks before requesting"
key y
expect_row 22 "承認を依頼しました" "the request is made"
expect_equal "$(sql_admin "SELECT antisocial_result FROM hosho.company WHERE company_id = $company")" "pending" \
	"the clerk's request changes nothing yet"
key F9; wait_for "依頼しますか" >/dev/null; key y
expect_row 22 "すでに承認待ち" "a second request for the same company is refused"
key F3; key F3; wait_for "メインメニュー" >/dev/null
sign_out

# The supervisor decides.
sign_in super1 super1-demo
expect_screen "承認待ち" "the supervisor is offered the approvals"
menu_open 承認待ち
expect_row 0 "承認待ち" "the approvals screen opens"
expect_screen "該当なし" "the clerk's request is listed with what it asks"
expect_screen "岩手 花子" "and who asked"
key F10; wait_for "承認しますか" >/dev/null; key y
expect_row 22 "承認しました" "the supervisor approves it"
expect_equal "$(sql_admin "SELECT antisocial_result FROM hosho.company WHERE company_id = $company")" "clear" \
	"the result is what the clerk asked, decided by another"
expect_equal "$(sql_admin "SELECT requested_by || '>' || decided_by FROM hosho.approval WHERE object_id = '$company'")" \
	"clerk1>super1" "the approval names the requester and the decider"
key F3; wait_for "メインメニュー" >/dev/null
sign_out

# The auditor reads who opened the company, and takes the record out.
sign_in auditor1 auditor1-demo
menu_open "監査 企業別の閲覧・変更記録"
expect_row 0 "監査 閲覧・変更記録" "the auditor's screen opens"
type_text "$company"; key F5
expect_screen "岩手 花子" "clerk1's open of the company is on record"
expect_screen "北上 三郎" "and the supervisor's decision"
key F8
expect_row 22 "理由と媒体が必要です" "an export without its reason is refused"
settle
expect_equal "$(cursor)" "12,4" "the cursor waits in the reason"
type_text "四半期点検の資料"; key Enter
type_text "紙"; key Enter
key F8
expect_screen "持ち出しを記録しました" "the export is written and recorded (the whole message in a box)"
key Enter
file=$(ls "$EXPORTS"/audit_object-*.csv 2>/dev/null | head -1)
expect_equal "$(stat -c %a "$file" 2>/dev/null)" "600" "the file is private to the auditor"
expect_equal "$(iconv -f CP932 -t UTF-8 "$file" 2>/dev/null | head -1 | grep -c '^"日時","職員","所属"')" "1" \
	"the file is CSV in CP932 for Excel"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'export' AND staff = 'auditor1' AND detail->>'why' = '四半期点検の資料' AND detail->>'medium' = 'paper'")" \
	"1" "the database holds the export: who, what, why, on which medium"
key F3; wait_for "メインメニュー" >/dev/null
sign_out

# The administrator registers a staff member, who signs in; then deactivates them.
sign_in admin1 admin1-demo
menu_open 職員管理
expect_row 0 "職員管理" "the staff administration opens"
type_text clerk9; key Enter
type_text "久慈 九郎"; key Enter
type_text 0101; key Enter
type_text "保証担当"; key Enter
key Enter
type_text "clerk9-first"; key F6; wait_for "登録しますか" >/dev/null; key y
expect_row 22 "職員を登録しました" "a staff member is registered"
expect_screen "久慈 九郎" "and listed"
expect_equal "$(sql_admin "SELECT rolpassword LIKE 'SCRAM-SHA-256\$%' FROM pg_authid WHERE rolname = 'clerk9'")" "t" \
	"the password reached the server hashed"
expect_equal "$(sql_as clerk9 clerk9-first "SELECT display_name FROM hosho.me()")" "久慈 九郎" "the new clerk can sign in"
# Choose clerk9 in the list (PageDown moves its selection a row), give the
# reason, deactivate.
pos=$(sql_as admin1 admin1-demo "SELECT n - 1 FROM (SELECT staff_role, row_number() OVER () AS n
	FROM hosho.staff_list()) x WHERE staff_role = 'clerk9'")
for i in $(seq "$pos"); do key NPage; done
key Tab
type_text "退職"; key F8; wait_for "無効にしますか" >/dev/null; key y
expect_row 22 "職員を無効にしました" "the staff member is deactivated"
expect_equal "$(sql_admin "SELECT active FROM hosho.staff WHERE staff_role = 'clerk9'")" "f" "the staff row says so"
expect_equal "$(sql_as clerk9 clerk9-first "SELECT 1" 2>/dev/null || echo refused)" "refused" \
	"the deactivated clerk can no longer sign in"
tap_done
