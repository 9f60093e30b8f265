#!/bin/sh
# IME commits into short fields: full-width digits, dates and amounts are
# taken as they arrive, codes by their Japanese labels, yes/no answers as
# はい or １, and a 60-character name scrolls in its 60-cell box. What the
# clerk typed reaches the database.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
screen_start --user clerk1

expect_row 0 "ログイン" "the login screen opens"
type_text clerk1-demo; key Enter
expect_row 0 "メインメニュー" "the clerk reaches the main menu"
type_text 2; key Enter
expect_row 0 "企業登録・修正" "the registration screen opens"

# 法人個人区分 by its label.
type_text "法人"; key Enter
expect_row 2 "corporation  法人" "法人 becomes the code corporation, its label after the field"

# 企業名: 60 full-width characters in a 60-cell box.
name=$(printf '岩手%.0s' $(seq 30))
type_text "$name"; settle
case "$(screen_row 22)" in
*入りきりません*) tap_result 1 "no message refuses the name"; echo "#   got: $(screen_row 22)" ;;
*) tap_result 0 "no message refuses the name" ;;
esac
expect_row 3 "企業名<手岩手岩手" "the box shows the end of the name, '<' before it"
settle
expect_equal "$(cursor)" "72,3" "the cursor after the last character shown"
key Enter
expect_row 3 "企業名 岩手岩手岩手" "left, the name is shown from its start"
expect_row 3 "岩手>" "with '>' saying there is more"

type_text "ｲﾜﾃﾆｭｳﾘｮｸ"; key Enter
key Enter Enter
# 郵便番号: 7 cells, an IME's full-width digits and hyphen.
type_text "０２８－８４０１"; settle
expect_row 6 "郵便番号 0288401" "０２８－８４０１ fits the 7-cell postal code as 0288401"
key Enter
type_text "盛岡"; key Enter
expect_row 6 "03201 盛岡市" "盛岡 becomes the municipality code 03201"
key Enter
type_text "中央通１丁目"; key Enter
# 業種 from the F4 list by typing its code in lower case.
key F4; settle
type_text "m751"; settle
key Enter
expect_row 8 "業種 M751   旅館" "F4, m751 and Enter pick M751"
key Enter
# 法人番号: 13 cells; an IME's full-width digits with hyphens, checked by the database.
type_text "７０００－０１２０－５０００２"; settle
expect_row 9 "法人番号 7000012050002" "a corporate number typed with hyphens fits its 13 cells"
key Enter
type_text "１００，０００"; key Enter
expect_row 10 "資本金(千円) 100,000" "１００，０００ is 100,000 thousand yen"
type_text 25; key Enter
type_text "R20.1.1"; key Enter
expect_row 22 "設立日: 未来の日付は入力できません。" "a founding date in the future is refused"
key C-u
type_text "令和６年３月３１日"; key Enter
expect_row 10 "設立日 令和6年3月31日" "令和６年３月３１日 fits the 16-cell date"
key Enter Enter
type_text "未了"; key Enter
expect_row 12 "pending  未了" "未了 becomes the code pending (a clerk no longer sets 該当なし: four eyes)"
key F10
expect_row 22 "で登録しました" "registration is confirmed"
expect_equal "$(sql_admin "SELECT legal_form, length(name), postal_code, muni_code, industry_code, capital_yen, founded_on, antisocial_result FROM hosho.company WHERE kana = 'イワテニュウリョク'")" \
	"corporation|60|0288401|03201|M751|100000000|2024-03-31|pending" "the database holds what the clerk typed"
expect_equal "$(sql_admin "SELECT corporate_number FROM hosho.company WHERE kana = 'イワテニュウリョク'")" \
	"7000012050002" "the database holds the corporate number"

# A yes/no field of one cell takes an IME's １ and はい.
key F3; wait_for "メインメニュー" >/dev/null
type_text 5; key Enter
expect_row 0 "保証試算" "the simulation screen opens"
for v in corporation E09 03201 10000 25 R6.7.1 futsu working equal 10000 60 0 60 5; do
	type_text "$v"; key Enter
done
type_text "１"; settle
expect_row 9 "有担保 1 はい" "１ in the 1-cell yes/no field is 1, はい after it"
key Enter
type_text representative; key Enter
type_text "いいえ"; settle
expect_row 10 "担保割引 0 いいえ" "いいえ is 0"
key Enter
type_text "x"; key Enter
expect_row 22 "会計参与割引: はい か いいえ を入力してください" "a wrong answer is refused with its reason"
expect_row 11 "会計参与割引 x" "and stays on screen"
tap_done
