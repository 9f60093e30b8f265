#!/bin/sh
# The menu follows the database's grants; F1 gives a field's help; a
# terminal resize redraws without losing what was typed; the bank master.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"

# An auditor reads but registers nothing: the menu says so.
screen_start --user auditor1
expect_row 0 "ログイン" "the login screen opens"
type_text auditor1-demo; key Enter
expect_screen "1. 企業検索" "an auditor may search companies"
expect_equal "$(screen_text | grep -c '企業登録')" "0" "an auditor is not offered registration"
type_text 2; key Enter
expect_row 22 "表示されている番号" "a number not on the menu is refused"
expect_screen "3. 金融機関一覧" "each screen keeps its number whoever signs in"
key F3; wait_for "ログアウトしますか" >/dev/null
key y
expect_row 0 "ログイン" "signing out returns to the login screen"

# A clerk: help, resize, and the bank master. The login name given with
# --user is filled in again, the cursor on the password.
key BTab C-u
type_text clerk1; key Enter
type_text clerk1-demo; key Enter
expect_row 0 "メインメニュー" "the clerk signs in on the same terminal"
type_text 2; key Enter
expect_row 0 "企業登録・修正" "registration opens"
key Enter
expect_row 22 "必須項目です" "an empty required field holds the cursor going forward"
type_text corporation; key Enter
type_text "株式会社サイズ変更テスト"
key F1
expect_screen "登記上の商号" "F1 shows the help of the field under the cursor"
key Enter
expect_row 3 "株式会社サイズ変更テスト" "the typed name is back after the help closes"
tm resize-window -x 100 -y 30
settle
tm resize-window -x 80 -y 24
settle
expect_row 3 "企業名 株式会社サイズ変更テスト" "a resize keeps the typed name"
expect_row 23 "F10 登録" "a resize redraws the key legend"
# A name that does not fit is refused whole, not cut.
key C-u
type_text "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテトナ"
expect_row 22 "入りきりません" "an input longer than the field is refused"
expect_equal "$(screen_row 3 | sed 's/ *$//')" "       企業名" "nothing of the refused input is left in the field"
key F3
expect_screen "破棄しますか" "leaving with typed data asks first"
key y
wait_for "メインメニュー" >/dev/null
type_text 3; key Enter
expect_row 0 "金融機関一覧" "the bank master opens"
expect_screen "岩手銀行" "岩手銀行 is listed"
expect_screen "部分保証" "the sharing method is shown"
tap_done
