#!/bin/sh
# hosho --import: a bank's report made in Excel (CP932, CRLF) is read as
# CP932, its errors listed with line and field, nothing applied; --apply
# valid applies exactly the valid lines; the same file again is refused
# with the first import's date and who; the wrong encoding forced is
# refused at the header; a large file reports its progress.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
WORK=$(mktemp -d /tmp/hosho-import.XXXXXX)
at_exit 'rm -rf "$WORK"'
psql -X -q -v ON_ERROR_STOP=1 "$PSQL_ADMIN" -f "$TESTS_SRCDIR/lib/bank_cases.sql" >/dev/null
cert() { sql_admin "SELECT cert FROM public.bank_case WHERE k = '$1'"; }
balances() { sql_admin "SELECT string_agg(g.balance::text, ' ' ORDER BY c.k) FROM public.bank_case c JOIN hosho.guarantee g ON g.guarantee_id = c.id WHERE c.k LIKE 'exec%'"; }
import() { # ARGS...: hosho --import as clerk1, in Japanese
	env -u LANGUAGE LANG=C.UTF-8 LC_ALL= PGPASSWORD=clerk1-demo \
		"$HOSHO" --db "host=$TEST_DB_DIR dbname=$TEST_DB" --user clerk1 "$@"
}
D=$(date +%F)

printf '%s\r\n' "金融機関コード,報告基準日,保証番号,区分,発生日,金額,残高,延滞月数,延滞金額,原因" \
	"0123,$D,$(cert exec1),返済,$D,\"100,000\",\"4,900,000\",,," \
	"0123,$D,$(cert exec2),残高,$D,,6000000,,," \
	"0123,$D,$(cert exec3),残高,令和$(($(date +%Y) - 2018))年$(date +%-m)月$(date +%-d)日,,4800000,,,\"確認済み、問題なし\"" |
	iconv -f UTF-8 -t CP932 >"$WORK/report.csv"

out=$(import --import "$WORK/report.csv"); rc=$?
expect_equal "$rc" 2 "a file with an error exits 2"
expect_equal "$(echo "$out" | sed -n 1p | grep -o '文字コード cp932: 3 行 (正しい行 2、誤りのある行 1)')" \
	"文字コード cp932: 3 行 (正しい行 2、誤りのある行 1)" "read as CP932: three lines, two valid, one in error"
expect_equal "$(echo "$out" | sed -n 2p)" "3 行目 残高: 残高600万円が実行金額500万円を超えています。" \
	"the error with its line, field and why, in Japanese"
expect_equal "$(balances)" "5000000 5000000 5000000 5000000" "nothing is applied"

out=$(import --import "$WORK/report.csv" --apply all 2>&1 >/dev/null); rc=$?
expect_equal "$rc" 2 "--apply all of a file with an error is refused"
expect_equal "$(echo "$out" | tail -n 1)" \
	"hosho: 誤りのある行が1行あるため、全行の反映はできません。正しい行のみ反映するか、ファイルを直してください。" "saying why"
expect_equal "$(balances)" "5000000 5000000 5000000 5000000" "still nothing applied"

out=$(import --import "$WORK/report.csv" --apply valid); rc=$?
expect_equal "$(echo "$out" | tail -n 1)" "2 行を反映しました (正しい行のみ反映)。" "--apply valid applies the two valid lines"
expect_equal "$(balances)" "4900000 5000000 4800000 5000000" "exactly those: the balances of lines 2 and 4"

out=$(import --import "$WORK/report.csv" --apply valid 2>&1); rc=$?
expect_equal "$rc" 1 "the same file again is refused"
expect_equal "$(echo "$out" | grep -c 'に岩手 花子が取り込み済みです（取込番号')" 1 "with the first import's date and who"
iconv -f CP932 -t UTF-8 "$WORK/report.csv" | tr -d '\r' >"$WORK/report-utf8.csv"
out=$(import --import "$WORK/report-utf8.csv" 2>&1); rc=$?
expect_equal "$rc:$(echo "$out" | grep -c '取り込み済み')" "1:1" "and so is the same report saved as UTF-8 with LF"

out=$(import --import "$WORK/report.csv" --encoding utf-8 2>&1); rc=$?
expect_equal "$rc:$out" "1:hosho: 1行目が銀行報告の見出し行ではありません（doc/bank_report.md の様式）。" \
	"CP932 read as UTF-8 is no bank report"
out=$(import --import "$WORK/report.csv" --apply some 2>&1); rc=$?
expect_equal "$rc:$out" "2:hosho: --apply には all か valid を指定します: 'some'" "--apply takes all or valid"

{ echo "bank_code,reported_on,certificate_no,kind,event_on,amount,balance,months_overdue,amount_overdue,cause"
  seq 12000 | sed "s/.*/0123,$D,$(cert exec4),balance,$D,,&,,,/"; } >"$WORK/large.csv"
import --import "$WORK/large.csv" >"$WORK/large.out" 2>"$WORK/large.err"; rc=$?
expect_equal "$(tail -n 1 "$WORK/large.err")" "12001 / 12001 行を送信しました。" "a large file reports the lines sent"
expect_equal "$(grep -c '行を送信しました' "$WORK/large.err")" 10 "every tenth of it"
expect_equal "$(grep -c '同じ保証の残高です' "$WORK/large.out")" 11999 "and every line of it is checked"
tap_done
