#!/bin/sh
# A clerk simulates a guarantee for a Japanese company and reads the
# database's verdict: eligibility, limits, term, rate and the fee. Then the
# catalogue browser shows the schemes valid on a date.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
screen_start --user clerk1

expect_row 0 "ログイン" "the login screen opens"
type_text clerk1-demo; key Enter
expect_screen "5. 保証試算" "the menu offers the simulation"
type_text 5; key Enter
expect_row 0 "保証試算" "the simulation screen opens"

# 盛岡 food manufacturer, capital 10M yen, 25 employees: 普通保証, 10M yen
# working capital over 60 monthly installments, class 5.
for v in corporation E09 03201 10000 25 R6.7.1 futsu working equal; do
	type_text "$v"; key Enter
done
type_text "１０，０００"; key Enter
for v in 60 0 60 5 0 representative 0 0; do
	type_text "$v"; key Enter
done
expect_row 5 "普通保証" "the scheme code shows its name"
key F10
# 10,000,000 x 1.15% x 60/12 x 0.55 = 316,250 (the Saitama worked example)
expect_screen "316,250" "the fee is the national coefficient method's, to the yen"
expect_screen "すべての判定が可です" "every check passes for an eligible request"
expect_screen "盛岡市に事業所があり" "the region check is listed"
expect_screen "保証料率 年1.15%" "the class 5 shared rate is shown"

# Over the size line: wholesale with 101 employees and 101M yen capital.
for i in $(seq 17); do key BTab; done
settle
expect_equal "$(cursor)" "27,2" "Shift-Tab goes back to the first field, the cursor after its value"
key Enter C-u; type_text I52; key Enter Enter C-u; type_text 101000; key Enter C-u; type_text 101; key Enter
key F10
expect_screen "不可" "an ineligible company gets a failing check"
expect_row 22 "判定が不可です" "the message line counts the failures"
sql_fee=$(sql_admin "SELECT amount FROM hosho.simulate('corporation','E09','03201',10000000,25,'futsu','working',10000000,60,0,'equal',60,5::smallint,false,'representative',false,false,'2024-07-01') WHERE code = 'fee'")
expect_equal "$sql_fee" "316250" "psql gets the same fee as the screen"

# The catalogue on R6.7.1.
key F3; wait_for "メインメニュー" >/dev/null
type_text 4; key Enter
expect_row 0 "保証制度一覧" "the catalogue opens"
expect_screen "普通保証" "普通保証 is listed"
expect_screen "事業承継特別保証" "事業承継特別保証 is listed"
key F6
expect_screen "期間:" "F6 shows a scheme's details"
tap_done
