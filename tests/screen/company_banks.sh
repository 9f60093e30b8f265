#!/bin/sh
# A company deals with any number of banks: a save from the screen keeps
# all of them (before, the third was lost), and the clerk adds, removes and
# chooses the main bank on the screen; the database holds exactly that.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
banks() { sql_admin "SELECT string_agg(bank_code || '-' || branch_code || CASE WHEN main THEN '*' ELSE '' END, ' ' ORDER BY bank_code, branch_code) FROM hosho.company_bank WHERE company_id = 1"; }

sql_admin "INSERT INTO hosho.company_bank (company_id, bank_code, branch_code, main)
	VALUES (1, '0001', '540', false), (1, '0005', '540', false)" >/dev/null
expect_equal "$(banks)" "0001-540 0005-540 0509-001*" "company 1 deals with three banks"

screen_start --user clerk1
type_text clerk1-demo; key Enter
wait_for "メインメニュー" >/dev/null
type_text 1; key Enter
key Down Down; type_text 1; key Enter
expect_row 8 "株式会社盛岡精工" "company 1 is found by its number"
key Enter
expect_row 3 "企業名 株式会社盛岡精工" "it opens"
expect_screen "0001 みずほ銀行" "the first bank is listed with its name"
expect_screen "0005" "the second"
expect_screen "0509 北日本銀行" "and the main bank"
key F10
expect_row 22 "を保存しました" "a save without any change"
expect_equal "$(banks)" "0001-540 0005-540 0509-001*" "keeps all three banks"

# Add 0009-540 from the two entry fields; F6 puts it in the list.
for i in $(seq 17); do key Tab; done
settle
type_text 0009; key Enter
type_text 540; key F6
expect_row 22 "一覧に加えました" "F6 adds the bank typed to the list"
expect_screen "0009 三井住友銀行" "the new bank is listed" 
# The list's selection moves with PageUp/PageDown; F7 removes, F8 makes main.
key PPage PPage
key F7
expect_row 22 "一覧から除きました" "F7 removes the chosen bank"
key F8
key F10
expect_row 22 "を保存しました" "the changes are saved"
expect_equal "$(banks)" "0005-540* 0009-540 0509-001" \
	"the database holds exactly the list: one removed, one added, the main bank chosen"

# Leaving after a change asks first; the answer no keeps the screen.
key F7
key F3
expect_screen "破棄しますか" "removing a bank is a change the clerk is asked about"
key n; settle
expect_row 0 "企業登録・修正" "no keeps the screen"
tap_done
