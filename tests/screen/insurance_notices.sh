#!/bin/sh
# 信用保険通知（JFC送付）as 総務企画課 uses it: the unsent notices of every
# section with their total; the batch exported as CP932 CSV for JFC (the
# export logged); marked sent on a date in one batch, after which none is
# left unsent and the batch is listed by its date. A branch clerk has no
# such menu entry.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/midterm.sh" # the test's database and export directory
midterm_start "$0"
psql -X -q -t -A -v ON_ERROR_STOP=1 "$PSQL_ADMIN" -f "$TESTS_SRCDIR/lib/notice_fixture.sql" >/dev/null

yesterday=$(sql_admin "SELECT current_date - 1")
first=$(sql_admin "SELECT min(guarantee_id) FROM hosho.insurance_notice WHERE certificate_no LIKE 'T-%'")
first_co=$(sql_admin "SELECT c.name FROM hosho.guarantee g JOIN hosho.company c USING (company_id) WHERE g.guarantee_id = $first")
kama_no=$(sql_admin "SELECT n.certificate_no FROM hosho.insurance_notice n JOIN hosho.guarantee g USING (guarantee_id) WHERE g.section_code = '0201'")

screen_start --user clerk_kama
wait_for "パスワード" >/dev/null; settle
type_text kama-demo; key Enter
wait_for "メインメニュー" >/dev/null; settle
expect_screen "メインメニュー" "a branch clerk signs in"
page1=$(screen_text | grep -c '信用保険通知')
key F8; settle
expect_screen "パスワード変更" "and turns to the menu's second page"
expect_equal "$page1 $(screen_text | grep -c '信用保険通知')" "0 0" "neither page has 信用保険通知"

screen_use planning
screen_start --user soumu1
wait_for "パスワード" >/dev/null; settle
type_text soumu1-demo; key Enter
wait_for "メインメニュー" >/dev/null; settle
menu_open "信用保険通知（JFC送付）"
expect_row 0 "信用保険通知（JFC送付）" "総務企画課 opens the notices"
expect_row 8 "T-$first" "the oldest unsent notice first, by its certificate"
expect_row 8 "$(echo "$first_co" | cut -c1-6)" "with its company, though no company is 総務企画課's"
expect_row 8 "8,000,000" "and its insured amount"
expect_screen "$kama_no" "釜石支所's notice is listed too"
expect_row 3 "件数 4 " "four notices listed"
expect_row 3 "80,000,000" "their total"

# The batch as CSV for JFC.
key Escape; settle
key Enter Enter
type_text "JFCへの信用保険通知の提出"; key Enter
type_text usb; key Enter
key F8
expect_screen "insurance_notices-" "the list is written as CSV"
key Escape; settle
csv=$(ls "$EXPORTS"/insurance_notices-*.csv)
expect_equal "$(iconv -f CP932 -t UTF-8 "$csv" | tr -d '\r' | head -1)" \
	'"通知番号","通知日","保証書番号","企業名","金融機関","制度","種別","保険金額","企業番号","種別コード","送付日","送付番号"' \
	"in CP932, a header of the columns"
expect_equal "$(iconv -f CP932 -t UTF-8 "$csv" | tr -d '\r' | sed 1d | wc -l)" "4" "a line per notice"
expect_equal "$(iconv -f CP932 -t UTF-8 "$csv" | tr -d '\r' | grep -c "\"T-$first\",\"$first_co\",.*\"引受\",\"8,000,000\"")" "1" \
	"the first notice's line: certificate, company, kind and amount"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'export' AND object_kind = 'insurance_notices' AND staff = 'soumu1'")" \
	"1" "the export is logged"

# Marked sent, in one batch.
key Up Up Up; settle
type_text "$yesterday"
key F9; wait_for "送付済にしますか" >/dev/null; key y
expect_row 22 "送付済にしました" "the notices are marked sent"
expect_equal "$(sql_admin "SELECT count(*) || ' ' || count(DISTINCT batch_id) || ' ' || min(sent_on) FROM hosho.insurance_notice WHERE certificate_no LIKE 'T-%' AND sent_on IS NOT NULL")" \
	"4 1 $yesterday" "the database holds all four sent on that date, in one batch"
expect_equal "$(sql_admin "SELECT notices || ' ' || amount || ' ' || sent_by FROM hosho.insurance_notice_batch")" \
	"4 80000000 soumu1" "the batch records how many, how much, and who"
expect_row 3 "件数 0 " "none is left unsent"
key Escape Up; settle
type_text "$yesterday"; key F5
expect_row 8 "T-$first" "the batch is listed by its sending date"
expect_row 3 "80,000,000" "with its total"

# 検査室 reads the notices and may not mark them: no 送付済 on its legend,
# and F9 says so (it was shown, and the database's refusal came back raw).
screen_use auditor
screen_start --user auditor1
wait_for "パスワード" >/dev/null; settle
type_text auditor1-demo; key Enter
wait_for "メインメニュー" >/dev/null; settle
menu_open "信用保険通知（JFC送付）"
type_text "$yesterday"; key F5
expect_row 8 "T-$first" "検査室 reads a batch"
expect_equal "$(screen_row 23 | grep -c '送付済')" 0 "its legend has no 送付済"
key F9
expect_row 22 "この画面は参照のみです" "F9 says the screen is only for reading"
rm -rf "$EXPORTS"
tap_done
