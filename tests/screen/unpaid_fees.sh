#!/bin/sh
# 未収保証料, as a clerk works one unpaid fee: the fixture's part (¥30,000 due
# 60 days ago) in the list with its late fee; its case with the late fee's
# arithmetic; installments that do not add up refused at the amount with
# the reason, everything typed kept and nothing saved; the cause and a
# 分割納入 plan that adds up saved together; a receipt asking first about
# what is not saved, then recording the first installment; the list read
# again on the way back.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/midterm.sh"
midterm_start "$0"

set -- $(midterm_fixture)
guarantee=$2
late_fee=$(sql_admin "SELECT to_char(hosho.late_fee_amount(30000, current_date - 60, current_date), 'FM999,990')")
first=$(sql_admin "SELECT current_date + 14")
second=$(sql_admin "SELECT current_date + 44")
paid=$(sql_admin "SELECT current_date - 1")

screen_sign_in clerk1 clerk1-demo

menu_open 未収保証料
expect_row 0 "未収保証料" "the clerk opens the unpaid fees"
expect_equal "$(screen_text | grep "^ *$guarantee  2 " | tr -s ' ' | cut -d' ' -f2,3,7-)" "$guarantee 2 30,000 60 $late_fee" \
	"the part: guarantee, part, amount, days overdue and late fee, no cause or plan yet"
key Enter
expect_row 0 "未収保証料の案件" "Enter opens its case"
expect_row 4 "30,000" "with the amount unpaid"
expect_row 5 "3.65%" "the late fee's rate, from the data"
expect_row 5 "延滞保証料 $late_fee" "the late fee to today"
expect_row 7 "30,000円 × 年3.65% × 60日" "and its arithmetic"
settle

type_text cash; key Enter Enter Enter
type_text "社長と面談、分割で納入の約束"; key Enter
type_text "$first"; key Enter; type_text 10000; key F6
expect_row 22 "一覧に加えました" "an installment is added to the list"
type_text "$second"; key Enter; type_text 10000; key F6; settle
key F10
expect_row 22 "金額: 分割納入の各回は期日と1円以上の金額を入れ、合計を30,000円に" \
	"installments short of the fee are refused with the reason, at the amount"
expect_equal "$(cursor)" "28,14" "the cursor on the amount"
expect_equal "$(screen_text | grep -c "10,000 *$")" "2" "both installments typed are kept"
expect_row 11 "cash      資金繰りの悪化" "and the cause typed"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.unpaid_fee_case") $(sql_admin "SELECT count(*) FROM hosho.unpaid_fee_plan")" \
	"0 0" "nothing is saved, the cause neither"

key F7; settle
key BTab; type_text "$second"; key Enter; type_text 20000; key F6; settle
key F10
expect_row 22 "保存しました" "installments that add up are saved with the cause"
expect_equal "$(sql_admin "SELECT concat_ws(' ', cause_code, note, remedy) FROM hosho.unpaid_fee_case")" \
	"cash 社長と面談、分割で納入の約束 installments" "the database holds the cause, the note and 分割納入"
expect_equal "$(sql_admin "SELECT string_agg(concat_ws(' ', seq, due_on, amount), ', ' ORDER BY seq) FROM hosho.unpaid_fee_plan")" \
	"1 $first 10000, 2 $second 20000" "and the installments by date"
expect_row 16 "  1 " "the installments numbered as saved"

type_text "$second"; key Enter; type_text 5000; key F6; settle
key F9
expect_screen "入力して保存していない内容を破棄しますか" "a receipt asks first about an installment added and not saved"
key n; settle
expect_equal "$(screen_text | grep -c " 5,000 *$")" "1" "declined: the row typed is kept"
key F7; settle
key Tab Tab; type_text "$paid"; key Enter; type_text 1
key F9; wait_for "入金を記録しますか" >/dev/null; key y
expect_row 22 "入金を記録しました" "the first installment's receipt is recorded"
expect_equal "$(sql_admin "SELECT string_agg(concat_ws(' ', seq, received_on), ', ' ORDER BY seq) FROM hosho.unpaid_fee_plan")" \
	"1 $paid, 2" "the database holds it against the first installment"
expect_row 4 "入金済 10,000" "the case shows what was received"
expect_row 8 "分割納入 10,000円" "and the arithmetic takes it off the late fee"
key F3
expect_row 0 "未収保証料 " "back in the list"
expect_row 6 "はい はい" "the part has its cause and its plan"
tap_done
