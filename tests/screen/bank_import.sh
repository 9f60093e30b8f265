#!/bin/sh
# 銀行報告の取込: the clerk names a bank's report file; F5 checks it and
# lists the bad line with its field; F6 (every line) is refused while a
# line is in error; F7 applies the valid lines only, after asking; the same
# file again is refused with who applied it; a clean file applies whole.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
WORK=$(mktemp -d /tmp/hosho-import.XXXXXX)
chmod 755 "$WORK"
at_exit 'rm -rf "$WORK"'
psql -X -q -v ON_ERROR_STOP=1 "$PSQL_ADMIN" -f "$TESTS_SRCDIR/lib/bank_cases.sql" >/dev/null
cert() { sql_admin "SELECT cert FROM public.bank_case WHERE k = '$1'"; }
balances() { sql_admin "SELECT string_agg(g.balance::text, ' ' ORDER BY c.k) FROM public.bank_case c JOIN hosho.guarantee g ON g.guarantee_id = c.id WHERE c.k LIKE 'exec%'"; }
D=$(date +%F)
HEADER="金融機関コード,報告基準日,保証番号,区分,発生日,金額,残高,延滞月数,延滞金額,原因"
printf '%s\n' "$HEADER" "0123,$D,$(cert exec1),返済,$D,100000,4900000,,," \
	"0123,$D,$(cert exec2),残高,$D,,6000000,,," "0123,$D,$(cert exec3),残高,$D,,4800000,,," >"$WORK/october.csv"
printf '%s\n' "$HEADER" "0123,$D,$(cert exec4),残高,$D,,4700000,,," >"$WORK/clean.csv"

screen_start --user clerk1
type_text clerk1-demo; key Enter
wait_for "メインメニュー" >/dev/null; settle
menu_open 銀行報告の取込
expect_row 0 "銀行報告の取込" "the import screen opens from the menu"
type_text "$WORK/october.csv"; key F5
expect_screen "残高600万円が実行金額500万円を超えています" "F5 lists the bad line's error"
expect_equal "$(screen_text | grep -c '^ *3 残高 ')" 1 "at its line (3) and field (残高)"
expect_row 6 "行数 3" "the file's three lines are counted"
expect_row 22 "1 行に誤りがあります" "the message says what to do"
expect_equal "$(balances)" "5000000 5000000 5000000 5000000" "checking applies nothing"
key F6
expect_row 22 "全行は反映できません" "F6 (every line) is refused while a line is in error"
key F7
expect_screen "正しい行のみを反映しますか" "F7 asks first"
key y
expect_row 22 "2 行を反映しました" "the valid lines are applied"
expect_row 7 "反映済" "the file is 反映済"
expect_equal "$(balances)" "4900000 5000000 4800000 5000000" "exactly the two valid lines reached their cases"

key F5
expect_row 22 "岩手 花子が取り込み済みです" "the same file again is refused, naming who applied it"

for i in $(seq 3); do key BTab; done
settle; key C-u; type_text "$WORK/clean.csv"; key F5
expect_row 22 "すべての行が正しく読めました (1 行)" "a clean file is all valid"
key F6
expect_screen "ファイルの全行を反映しますか" "F6 asks first"
key y
expect_row 22 "1 行を反映しました" "and applies it"
expect_equal "$(balances)" "4900000 5000000 4800000 4700000" "its line reached its case"
tap_done
