#!/bin/sh
# The guarantee lifecycle on its screens, each step by the role whose work
# it is, in two terminals (a clerk's and a supervisor's): the clerk takes a
# bank's request in 申込受付 (the checks beside the fields as they are
# filled), reviews it and sends it to decision; the supervisor's 決裁待ち
# shows it without a key pressed (NOTIFY) and approves it above the clerk's
# authority; the clerk issues the certificate and records the bank's
# execution report, after which the schedule and the balance show. Then a
# rejection (its reason code required), a request over a limit (the binding
# cap shown, refused at its field, everything typed kept) and a watch-list
# hit (received on hold, its review refused).
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
EXPORTS=$(mktemp -d /tmp/hosho-export.XXXXXX)
at_exit 'rm -rf "$EXPORTS"'
export HOSHO_EXPORT_DIR=$EXPORTS

today=$(sql_admin "SELECT current_date")
next_month=$(sql_admin "SELECT (current_date + interval '1 month')::date")
set -- $(sql_admin "SELECT string_agg(company_id::text, ' ') FROM (SELECT company_id FROM hosho.company
	WHERE section_code = '0101' AND antisocial_result = 'clear' AND legal_form = 'corporation'
	  AND NOT EXISTS (SELECT FROM hosho.watchlist_hits(company_id))
	ORDER BY company_id LIMIT 3) x")
approved_co=$1 rejected_co=$2 over_co=$3
held_co=$(sql_admin "SELECT company_id FROM hosho.company WHERE name = '株式会社黒岩興業'")
name_of() { sql_admin "SELECT name FROM hosho.company WHERE company_id = $1"; }
case_of() { sql_admin "SELECT max(guarantee_id) FROM hosho.guarantee WHERE company_id = $1"; }
state_of() { sql_admin "SELECT state FROM hosho.guarantee WHERE guarantee_id = $1"; }
legend() { screen_row 23 | sed 's/ *$//'; }

sign_in() { # USER PASSWORD, in the current terminal
	screen_start --user "$1"
	wait_for "パスワード" >/dev/null; settle
	type_text "$2"; key Enter
	wait_for "メインメニュー" >/dev/null; settle
}
# 申込受付 from its first field: the request date, the company by number,
# the bank, the scheme, the amount in 千円 (unsecured, the representative
# as guarantor, 60 equal monthly installments).
clerk_types_request() { # COMPANY AMOUNT
	type_text "$today"; key Enter
	key Enter
	type_text "$1"; key Enter
	type_text 0509; key Enter
	type_text 001; key Enter
	type_text futsu; key Enter
	type_text "$2"; key Enter
	type_text working; key Enter
	type_text 60; key Enter
	type_text equal; key Enter
	type_text 60; key Enter
	key Enter Enter Enter Enter
	type_text 代表者のみ; key Enter
	settle
}
clerk_receives() {
	key F10; wait_for "受け付けますか" >/dev/null; key y
	wait_for "保証案件" >/dev/null; settle
}
# On the case: review with rate class 3, save, send to decision.
clerk_reviews_and_submits() {
	key F5; wait_for "審査を始めました" >/dev/null
	legend_under_review=$(legend)
	type_text 3; key Enter
	type_text "CRD 評点 62"; key F10
	wait_for "審査の内容を保存しました" >/dev/null
	key F7; wait_for "決裁に回しますか" >/dev/null; key y
	wait_for "保証稟議書を" >/dev/null; key Enter; settle
}

# The supervisor waits on 決裁待ち.
screen_use super
sign_in super1 super1-demo
menu_open 決裁待ち
expect_row 0 "決裁待ち" "super1 opens 決裁待ち"
expect_screen "$(sql_as super1 super1-demo "SELECT to_char(room / 1000, 'FM999,999,999,990') FROM hosho.corporation_exposure()")" \
	"beside the queue, the room left under the corporation's ceiling"

# The clerk takes the request.
screen_use main
sign_in clerk1 clerk1-demo
expect_equal "$(screen_text | grep -c '決裁待ち')" "1" "a clerk decides within their authority too: 決裁待ち is on their menu"
menu_open 申込受付
expect_row 0 "申込受付" "clerk1 opens 申込受付"
clerk_types_request "$approved_co" 30000
expect_row 6 "30,000       *" "a note of the limit check stands beside the amount"
expect_screen "無担保保証限度 8,000万円" "the list says which cap and how much is used"
clerk_receives
id=$(case_of "$approved_co")
expect_row 1 "受付番号 $id" "the case opens with its number"
expect_row 1 "状態 受付" "in 受付"
expect_equal "$(legend)" "F1 ヘルプ F3 戻る F4 一覧 F5 審査 F6 履歴 F8 取下" \
	"in 受付 the legend offers the review and the withdrawal, not the decision, the issue or a save"
key F9; settle
expect_row 22 "「発行」は、この案件の今の状態ではできません。" "F9, not shown, does nothing but say so"
expect_equal "$(state_of "$id")" "applied" "and the case is as it was"
expect_equal "$(sql_admin "SELECT state || ' ' || requested_amount || ' ' || handled_by FROM hosho.guarantee WHERE guarantee_id = $id")" \
	"applied 30000000 clerk1" "the database holds the request in yen, taken by clerk1"
clerk_reviews_and_submits
expect_equal "$legend_under_review" "F1 ヘルプ F3 戻る F4 一覧 F6 履歴 F7 決裁 F8 取下 F10 保存" \
	"under review the legend offers the save, the submission and the withdrawal"
expect_equal "$(legend)" "F1 ヘルプ F3 戻る F4 一覧 F6 履歴 F8 取下" "waiting for the decision, only the withdrawal"
expect_equal "$(ls "$EXPORTS" | grep -c "^ringi-$id.pdf\$")" "1" "sent for decision, the 保証稟議書 is printed for the deciders"
expect_equal "$(pdftotext "$EXPORTS/ringi-$id.pdf" - 2>/dev/null | tr -d " \n" | grep -c "案件番号$id")" "1" \
	"the PDF is that case's 稟議書"
expect_equal "$(state_of "$id") $(sql_admin "SELECT required_level FROM hosho.guarantee WHERE guarantee_id = $id")" \
	"submitted section_head" "30 million yen needs a section head: above a clerk's authority"
expect_equal "$(sql_as clerk2 clerk2-demo "SELECT count(*) FROM hosho.guarantee_decision_queue() WHERE guarantee_id = $id")" "0" \
	"another clerk's queue does not get it"

# The supervisor's queue shows it by itself.
screen_use super
expect_screen "$(name_of "$approved_co" | cut -c1-12)" "the case arrives in super1's queue without a key pressed"
expect_row 22 "一覧を更新しました" "and the message line says so"
key Enter; type_text "財務内容良好"; key F10
wait_for "承諾しますか" >/dev/null; key y
expect_row 22 "承諾しました" "super1 approves"
expect_equal "$(sql_admin "SELECT state || ' ' || approved_amount || ' ' || decided_by FROM hosho.guarantee WHERE guarantee_id = $id")" \
	"approved 30000000 super1" "approved by super1 for the proposed amount"

# The clerk issues the certificate and records the execution.
screen_use main
key F3; wait_for "受け付けました" >/dev/null
expect_row 22 "受付番号 $id で受け付けました" "back on 申込受付, empty for the next request"
key F3; wait_for "メインメニュー" >/dev/null; settle
menu_open 担当案件
expect_screen "承諾" "担当案件 lists the case as 承諾"
key Enter; wait_for "保証案件" >/dev/null
expect_equal "$(legend)" "F1 ヘルプ F3 戻る F4 一覧 F6 履歴 F8 取下 F9 発行" "approved, the legend offers the issue"
key F9; wait_for "発行しますか" >/dev/null; key y
no=$(sql_admin "SELECT certificate_no FROM hosho.certificate WHERE guarantee_id = $id")
expect_screen "保証書 $no を" "clerk1 issues the certificate, which is printed"
key Enter; settle
expect_row 5 "証書 $no" "its number is on the case"
expect_equal "$(pdftotext "$EXPORTS/certificate-$no.pdf" - 2>/dev/null | grep -c "$no")" "1" \
	"the PDF in the clerk's export directory is that certificate"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'print' AND staff = 'clerk1' AND object_kind = 'certificate'")" "1" \
	"the print is logged"
key F3; key F3; wait_for "メインメニュー" >/dev/null; settle
menu_open 実行待ち
expect_screen "$no" "実行待ち lists the certificate"
key Enter; wait_for "実行報告" >/dev/null; settle
type_text "$today"; key Enter
type_text 30000; key Enter
type_text "$next_month"; key F10
wait_for "実行を報告しますか" >/dev/null; key y
expect_row 22 "実行を記録しました" "the execution report is recorded"
expect_row 7 "残高(千円) 30,000" "the balance follows the execution"
expect_screen "保証料" "the fee receipt is listed"
expect_row 12 "返済" "and the repayment schedule"
expect_equal "$(sql_admin "SELECT state || ' ' || balance || ' ' || (SELECT count(*) FROM hosho.repayment_schedule r WHERE r.guarantee_id = g.guarantee_id) FROM hosho.guarantee g WHERE guarantee_id = $id")" \
	"executed 30000000 60" "the database holds the executed case, its balance and 60 installments"
key F3; key F3; wait_for "メインメニュー" >/dev/null; settle

# A rejection: the reason code is required.
menu_open 申込受付; wait_for "申込受付" >/dev/null
clerk_types_request "$rejected_co" 30000
clerk_receives
rid=$(case_of "$rejected_co")
clerk_reviews_and_submits
screen_use super
expect_screen "$(name_of "$rejected_co" | cut -c1-12)" "the second case arrives by itself"
key F9; wait_for "謝絶しますか" >/dev/null; key y
expect_row 22 "謝絶理由" "a rejection without its reason code is refused at the field"
expect_equal "$(state_of "$rid")" "submitted" "and nothing changed"
type_text 財務内容; key Enter; type_text "債務超過が続いている"
key F9; wait_for "謝絶しますか" >/dev/null; key y
expect_row 22 "謝絶しました" "super1 rejects it with a reason"
expect_equal "$(sql_admin "SELECT state || ' ' || reason_code FROM hosho.guarantee WHERE guarantee_id = $rid")" \
	"rejected financial" "the database holds the rejection and its reason"

# A request over the unsecured cap.
screen_use main
key F3; wait_for "受け付けました" >/dev/null; settle
clerk_types_request "$over_co" 90000
expect_row 6 "90,000       !" "the amount is marked as stopping the intake"
expect_screen "無担保保証限度 8,000万円を1,000万円超過" "the binding cap and the excess are listed"
key F10; wait_for "受け付けますか" >/dev/null; key y
expect_screen "申込可能額は8,000万円" "intake is refused with the cap and the room"
key Enter; settle
expect_row 6 "申込金額(千円) 90,000" "the amount typed is kept"
expect_row 2 "$over_co" "and the company"
expect_equal "$(cursor)" "22,6" "the cursor waits at the end of the amount"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.guarantee WHERE company_id = $over_co")" "0" "nothing was saved"

# A watch-list hit: received on hold.
key F3; wait_for "破棄しますか" >/dev/null; key y
wait_for "メインメニュー" >/dev/null; settle
menu_open 申込受付; wait_for "申込受付" >/dev/null
clerk_types_request "$held_co" 10000
expect_row 2 "$held_co       *" "the company is marked"
expect_screen "反社照会リスト" "the watch-list finding is listed"
clerk_receives
hid=$(case_of "$held_co")
expect_screen "反社" "the case opens held for the watch list"
expect_equal "$(sql_admin "SELECT hold || ' ' || (SELECT count(*) FROM hosho.approval a WHERE a.object_kind = 'guarantee' AND a.object_id = g.guarantee_id::text AND a.action = 'watchlist_clearance' AND a.state = 'pending') FROM hosho.guarantee g WHERE guarantee_id = $hid")" \
	"antisocial 1" "held, with a supervisor's clearance asked for"
expect_equal "$(legend)" "F1 ヘルプ F3 戻る F4 一覧 F6 履歴 F8 取下" "held, the legend offers the withdrawal only"
key F5
expect_row 22 "「審査」は、この案件の今の状態ではできません。" "its review is not offered while it is held"
rm -rf "$EXPORTS"
tap_done
