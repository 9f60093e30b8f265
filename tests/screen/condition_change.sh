#!/bin/sh
# 条件変更: a clerk records a bank's payment relief, sees the new schedule
# beside the old one and the fee difference with its arithmetic before
# sending it; the supervisor approves it from the queue and the new
# schedule is the guarantee's; the requester never decides (a clerk has no
# queue, a supervisor's own request is not in theirs and is refused); a
# rejection keeps the old schedule; the requester withdraws a request.
#
# The guarantees (tests/lib/midterm_fixture.sql): ¥9,600,000 left of
# ¥12,000,000, 48 installments of ¥200,000 on the 1st, 80% guaranteed, 1.00%.
# The relief from the 1st of next month: 60 installments of ¥160,000.
# Fee by hand: guaranteed balance 9,600,000 × 80% = 7,680,000;
#   new fee 7,680,000 × 1.00% × 60/12 × 0.55 (equal installments) = 211,200;
#   unexpired part of the fee paid (060: the month of the change counts as
#   used): 10 months of this year's segment 7,680,000 × 1.00% × 10/12 × 0.55
#   = 35,200, and 12 months of each of the three later ones 42,240 × 3 =
#   126,720: 161,920;
#   difference 211,200 − 161,920 = 49,280 追加保証料.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/midterm.sh"
midterm_start "$0"

set -- $(midterm_fixture)
relief=$1 rejected=$2 own=$3
change_on=$(sql_admin "SELECT (date_trunc('month', current_date) + interval '1 month')::date")
schedule() { # GUARANTEE: its schedule from the change on, as principal×rows
	sql_admin "SELECT string_agg(principal || 'x' || n, ' ' ORDER BY principal DESC) FROM (SELECT principal, count(*) n
		FROM hosho.repayment_schedule WHERE guarantee_id = $1 AND due_on >= '$change_on' GROUP BY principal) x"
}
state_of() { sql_admin "SELECT string_agg(state, ' ') FROM hosho.condition_change WHERE guarantee_id = $1"; }

# 条件変更申請 of a guarantee, found by its number, from the menu.
open_change() { # GUARANTEE
	menu_open 条件変更申請
	wait_for "件見つかりました" >/dev/null
	key Escape; type_text "$1"; key Enter
	wait_for "1 件見つかりました" >/dev/null; key Enter
	expect_row 0 "条件変更申請" "the guarantee $1 opens for a change"
	settle
}
# A payment relief as the bank asked: 60 equal installments from the 1st of
# next month, and the preview (F5).
type_relief() {
	type_text relief; key Enter
	key C-u; type_text "$change_on"; key Enter
	type_text 60; key Enter Enter
	type_text 60; key Enter
	key F5
	wait_for "試算しました" >/dev/null; settle
}

old_schedule=$(schedule "$relief")
screen_start --user clerk1
wait_for "パスワード" >/dev/null; settle # keys typed before curses has the terminal are lost
type_text clerk1-demo; key Enter
wait_for "メインメニュー" >/dev/null; settle
expect_equal "$(screen_text | grep -c '条件変更決裁')" "0" "a clerk has no queue of changes to decide"
open_change "$relief"
expect_row 3 "9,600,000" "the clerk sees the balance as it stands"
type_relief
expect_screen "200,000    9,400,000" "the old schedule: 200,000 a month"
expect_screen "160,000    9,440,000" "beside it the new one: 160,000 a month"
expect_row 15 "211,200" "the new fee"
expect_row 15 "161,920" "the unexpired fee credited"
expect_row 15 "49,280" "the difference"
expect_row 15 "追加保証料" "is an additional fee"
expect_screen "残り10か月 × 100% = 35,200円" "the arithmetic, line by line"
key F7; key Down Down Down Down Down Down Down Down Down Down; settle
expect_screen "差額 = 211,200円 − 161,920円 = 49,280円（追加保証料）" "to the difference (F7 reads it through)"
key Escape
expect_equal "$(state_of "$relief")" "" "a preview requests nothing"
key F10; wait_for "決裁を依頼しますか" >/dev/null; key y
expect_row 8 "決裁待ち" "sent: the change waits for a decision"
expect_equal "$(state_of "$relief")" "pending" "the database holds the request"
expect_equal "$(schedule "$relief")" "$old_schedule" "the schedule is not changed by the request"
key F3; settle; key F3; settle

# The rejected one: clerk1 asks for the same relief of the delinquent case.
open_change "$rejected"
expect_row 2 "事故" "the delinquent case shows its rank"
type_relief
key F10; wait_for "決裁を依頼しますか" >/dev/null; key y
expect_row 8 "決裁待ち" "the second change waits too"
key F3; settle; key F3; settle
sign_out

# super1's own request of the third guarantee: not theirs to decide.
sql_as super1 super1-demo "SELECT hosho.condition_change_screen_request(jsonb_build_object('guarantee_id', $own,
	'version', (SELECT version FROM hosho.guarantee WHERE guarantee_id = $own), 'kind', 'extension',
	'change_on', '$change_on', 'new_term_months', 60, 'new_installments', 60), gen_random_uuid())->>'state_name'" \
	>"$EXPORTS/own.out" 2>&1
expect_equal "$(cat "$EXPORTS/own.out")" "決裁待ち" "super1 asks for a change of the third guarantee"
own_company=$(sql_admin "SELECT c.name FROM hosho.guarantee g JOIN hosho.company c USING (company_id) WHERE g.guarantee_id = $own")
relief_company=$(sql_admin "SELECT c.name FROM hosho.guarantee g JOIN hosho.company c USING (company_id) WHERE g.guarantee_id = $relief")

sign_in super1 super1-demo
menu_open 条件変更決裁
expect_row 0 "条件変更決裁" "the supervisor opens the queue"
expect_screen "$relief_company" "the clerk's request is in it"
expect_equal "$(screen_text | grep -c "$own_company")" "0" "their own request is not"
own_change=$(sql_admin "SELECT change_id || ' ' || version FROM hosho.condition_change WHERE guarantee_id = $own")
expect_equal "$(sql_as super1 super1-demo "SELECT hosho.condition_change_decide(${own_change% *}, ${own_change#* }, true, NULL, NULL, NULL)" 2>&1 | grep -c '自分が依頼した条件変更は決裁できません')" "1" \
	"and the database refuses them deciding it"

# Approve the relief from the queue (the first requested is first): the
# change as requested, then F10.
key Enter
expect_row 0 "条件変更決裁" "the change opens"
expect_row 1 "決裁待ち" "waiting"
expect_screen "160,000    9,440,000" "the supervisor sees the same new schedule"
expect_row 13 "49,280" "and the same difference"
key Down; type_text "返済計画を確認した"
key F10; wait_for "承認しますか" >/dev/null; key y
expect_row 1 "承認" "approved"
expect_row 22 "承認しました" "and says so"
expect_equal "$(schedule "$relief")" "160000x60" "the guarantee's schedule is the new one"
expect_equal "$(sql_admin "SELECT amount || ' ' || (received_on IS NULL) FROM hosho.fee_receipt WHERE guarantee_id = $relief AND change_id IS NOT NULL")" \
	"49280 true" "the additional fee is due"
key F8
proposal=$(pdftotext -layout "$(exported 'condition_change-*.pdf')" - 2>/dev/null)
expect_equal "$(echo "$proposal" | grep -c '条件変更稟議書')" "1" "the 稟議書 prints as PDF"
expect_equal "$(echo "$proposal" | grep -c '差額 = 211,200円 − 161,920円 = 49,280円（追加保証料）')" "1" "with the fee arithmetic"
expect_equal "$(echo "$proposal" | grep '^決裁 北上 三郎' | grep -c '返済計画を確認した')" "1" "and the decision"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'print' AND object_kind = 'condition_change'")" "1" \
	"the print is logged"
key Escape; settle
key F3; settle
expect_equal "$(screen_text | grep -c "$relief_company")" "0" "the queue no longer lists it"

# Reject the delinquent one: the old schedule stays.
old_rejected=$(schedule "$rejected")
key Enter; wait_for "依頼者" >/dev/null; settle
key F10; wait_for "承認しますか" >/dev/null; key n; settle
key F9; wait_for "否認しますか" >/dev/null; key y
expect_row 22 "否認の理由を選んでください" "a rejection needs a reason"
type_text terms; key Enter; type_text "据置の要件を満たさない"
key F9; wait_for "否認しますか" >/dev/null; key y
expect_row 1 "否認" "rejected"
expect_equal "$(state_of "$rejected")" "rejected" "the database holds the rejection"
expect_equal "$(schedule "$rejected")" "$old_rejected" "the old schedule stays"

# super1 takes their own request back from 条件変更申請.
back_to_menu
open_change "$own"
expect_row 8 "決裁待ち" "super1's own request waits"
key F9; wait_for "取り下げますか" >/dev/null; key y
expect_row 22 "取り下げました" "the requester withdraws it"
expect_equal "$(state_of "$own")" "withdrawn" "the database holds the withdrawal"
expect_equal "$(screen_row 8 | grep -c 決裁待ち)" "0" "and the screen shows none pending"

# A partial prepayment of the third guarantee previewed: ¥4,800,000 repaid
# on the change date, 48 installments to the same maturity. By hand (114):
#   the balance that continues, 4,800,000 × 80% = 3,840,000:
#     new fee 3,840,000 × 1.00% × 48/12 × 0.55 = 84,480;
#     credit 10 months 17,600 + 3 × 21,120 = 80,960;
#   the prepaid part, 4,800,000 × 80% = 3,840,000, refunded as on payoff:
#     10 months × 90% 15,840 + 3 × 21,120 = 79,200;
#   difference 84,480 − (80,960 + 79,200) = −75,680 返戻保証料.
back_to_menu
open_change "$own"
type_text prepayment; key Enter
key C-u; type_text "$change_on"; key Enter
type_text 48; key Enter Enter
type_text 48; key Enter Enter Enter Enter
type_text 4800000
key F5
wait_for "試算しました" >/dev/null; settle
expect_row 15 "160,160" "a prepayment: the credit holds the prepaid part's refund"
expect_row 15 "返戻保証料" "and the difference is refunded"
key F7; for _ in $(seq 16); do key Down; done; settle
expect_screen "繰上返済分 返戻保証料 79,200円" "the prepaid part's refund, as on payoff"
expect_screen "差額 = 84,480円 − 160,160円 = -75,680円（返戻保証料）" "to the difference"
tap_done
