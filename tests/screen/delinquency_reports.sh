#!/bin/sh
# 延滞・事故 and the mid-term reports, as a clerk uses them: the accident of
# the fixture in the list and in 月内延滞発生先; its plan saved and then on the
# clerk's 対応予定; 事故管理方針（代位弁済見込）asked of head office; the rank
# report on screen, as CP932 CSV and as PDF; 未収保証料状況表 with the unpaid
# part; the accident figures of this fiscal year. Each export is logged.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/midterm.sh"
midterm_start "$0"

set -- $(midterm_fixture)
accident=$2
company=$(sql_admin "SELECT c.name FROM hosho.guarantee g JOIN hosho.company c USING (company_id) WHERE g.guarantee_id = $accident")
due=$(sql_admin "SELECT current_date + 3")

exports() { sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'export' AND object_kind = '$1'"; }

screen_sign_in clerk1 clerk1-demo

menu_open 延滞・事故
expect_row 0 "延滞・事故" "the clerk opens the list of delinquencies"
expect_screen "事故（延滞6" "the accident is listed with its rank"
key Enter
expect_row 0 "延滞・事故の案件" "the case opens"
expect_row 2 "事故（延滞6か月未満）" "with its rank"
expect_row 3 "600,000" "and the amount overdue the bank reported"
settle
key F6
expect_row 0 "保証案件" "F6 opens the guarantee's case"
expect_row 1 "受付番号 $accident " "of this guarantee"
key F3; wait_for "延滞・事故の案件" >/dev/null; settle
key Enter; type_text condition_change; key Enter
type_text "岩手銀行と面談し返済緩和を相談"; key Enter
type_text "$due"; key Enter
key F10
expect_row 22 "保存しました" "the plan is saved"
expect_equal "$(sql_admin "SELECT direction_code || ' ' || due_on || ' ' || assigned_to FROM hosho.delinquency_plan")" \
	"condition_change $due clerk1" "the database holds it, the clerk's"
key Down Down Down; type_text "再建の見込みが立たない"
key F9; wait_for "依頼しますか" >/dev/null; key y
expect_row 4 "代位弁済見込み（決裁待ち）" "代位弁済見込 is asked of head office"
expect_equal "$(sql_admin "SELECT state || ' ' || action FROM hosho.approval WHERE object_kind = 'delinquency'")" \
	"pending subrogation_expected" "a four-eyes request the clerk cannot decide"
back_to_menu

menu_open "対応予定（延滞・事故）"
expect_row 0 "対応予定" "the clerk's worklist"
expect_screen "岩手銀行と面談し返済緩和" "reminds of the plan due in three days"
back_to_menu

menu_open 月内延滞発生先
expect_row 0 "月内延滞発生先" "new delinquencies of the month"
expect_screen "$(echo "$company" | cut -c1-12)" "the company whose delinquency began this month"
back_to_menu

menu_open 延滞・事故保証債務ランク別実態報告書
expect_row 0 "ランク別実態報告書" "the rank report"
settle
expect_equal "$(screen_text | grep '^D ' | tr -s ' ')" "D 事故（延滞6か月未満） 1 1 9,600,000 600,000" "rank D: one guarantee, its balance and amount overdue"
expect_equal "$(screen_text | grep '合計' | tr -s ' ')" " 合計 1 9,600,000 600,000" "the total"
key Down; type_text 0123; key Enter Enter
type_text "岩手銀行への報告"; key Enter
type_text usb; key Enter
key F5; settle
key F8
expect_screen "rank_report-" "the report for the bank is written as CSV"
key Escape; settle
csv=$(ls "$EXPORTS"/rank_report-*.csv)
expect_equal "$(iconv -f CP932 -t UTF-8 "$csv" | tr -d '\r' | grep '^"D"')" '"D","事故（延滞6か月未満）","1","1","9,600,000","600,000"' \
	"in CP932 for Excel, the rank line as on screen"
sleep 1
key F7
pdf=$(exported 'rank_report-*.pdf')
expect_equal "$(basename "${pdf:-none}" | sed 's/-[0-9-]*\././')" "rank_report.pdf" "and as PDF"
key Escape; settle
expect_equal "$(pdftotext -layout "$pdf" - | grep -c '延滞・事故保証債務ランク別実態報告書')" "1" "the PDF has the title"
expect_equal "$(pdftotext -layout "$pdf" - | grep -c '金融機関 0123 岩手銀行')" "1" "says which bank it covers"
expect_equal "$(pdftotext -layout "$pdf" - | grep '事故（延滞6か月未満）' | tr -s ' ')" "D 事故（延滞6か月未満） 1 1 9,600,000 600,000" \
	"and the rank line"
expect_equal "$(stat -c %a "$pdf")" "600" "a file of customer data only its owner reads"
expect_equal "$(exports rank_report)" "2" "both exports are logged"
back_to_menu

menu_open 未収保証料状況表
expect_row 0 "未収保証料状況表" "the unpaid fee table"
expect_screen "合計" "with its total"
expect_equal "$(screen_text | grep '^合計' | tr -s ' ')" "合計 1 30,000 30,000 $(sql_admin "SELECT to_char(hosho.late_fee_amount(30000, current_date - 60, current_date), 'FM999,990')") 0 0" \
	"the fee part unpaid for 60 days, with its late fee"
back_to_menu

menu_open "事故受付・事故残高・事故調整額（年度別）"
expect_row 0 "事故受付" "the accident figures"
expect_row 7 "事故調整額  調整額累計" "at 80 columns every column's title is whole, the cumulative's last"
expect_row 3 "金額は千円単位です" "the unit said once above the table"
fy=$(sql_admin "SELECT CASE WHEN extract(year FROM current_date - interval '3 months') >= 2019 THEN '令和' || (extract(year FROM current_date - interval '3 months')::int - 2018) END")
expect_equal "$(screen_text | grep "^$fy" | tr -s ' ' | cut -d' ' -f1-5)" "${fy}年度 1 9,600 1 9,600" \
	"this fiscal year: one accident received, its balance in thousand yen"
expect_equal "$(screen_text | grep "^$fy" | tr -s ' ' | cut -d' ' -f6-)" "0 0 0" \
	"none adjusted yet: the year's count, amount and the cumulative"
tap_done
