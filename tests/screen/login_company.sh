#!/bin/sh
# A clerk logs in, registers a company with a Japanese name, finds it again
# by its reading, opens it, and meets a wrong date and a conflicting save.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
screen_start

# Login: Japanese by default, demo users listed on the embedded default.
expect_row 0 "保証業務システム ログイン" "the login screen is in Japanese"
expect_screen "clerk1         clerk1-demo" "the demo users and passwords are shown"
type_text clerk1; key Enter
type_text wrong-password; key Enter
expect_row 22 "利用者名またはパスワードが違います" "a wrong password is refused in Japanese"
expect_row 6 "clerk1" "the user name stays on screen after a refused login"
type_text clerk1-demo; key Enter
expect_row 0 "メインメニュー" "the clerk reaches the main menu"
expect_row 0 "岩手 花子" "the title line names the clerk and section"
expect_screen "2. 企業登録" "the menu offers company registration to a clerk"

# Registration.
type_text 2; key Enter
expect_row 0 "企業登録・修正" "the registration screen opens"
key F4; settle
expect_screen "個人事業者" "F4 lists the legal forms"
key Enter; settle   # the first: corporation
key Enter
type_text "株式会社岩手テスト商会"; key Enter
type_text "ｲﾜﾃﾃｽﾄｼｮｳｶｲ"; key Enter
expect_row 4 "フリガナ イワテテストショウカイ" "half-width kana become full-width katakana"
key Enter Enter
type_text 0200021; key Enter
type_text 03201; key Enter
expect_row 6 "盛岡市" "the municipality code shows its name"
key Enter
type_text "中央通１丁目２番３号"; key Enter
type_text E09; key Enter
key Enter   # 法人番号: none for this company
type_text "１０，０００"; key Enter
expect_row 10 "資本金(千円) 10,000" "full-width digits become a thousand-yen amount"
type_text 25; key Enter
type_text R6.2.30; key Enter
expect_row 22 "設立日:" "a wrong date is reported at its field"
expect_row 22 "存在しない" "the reason is given in Japanese"
settle
expect_equal "$(cursor)" "63,10" "the cursor stays at the end of the wrong date"
key C-u
type_text "令和6年3月31日"; key Enter
expect_row 10 "設立日 令和6年3月31日" "an era date is accepted and shown in era form"
key F10
expect_row 22 "で登録しました" "registration is confirmed"
id=$(sql_admin "SELECT company_id FROM hosho.company WHERE kana = 'イワテテストショウカイ'")
expect_row 2 "企業番号 $id" "the new company number is shown"
expect_equal "$(sql_admin "SELECT name, capital_yen, founded_on, section_code FROM hosho.company WHERE company_id = $id")" \
	"株式会社岩手テスト商会|10000000|2024-03-31|0101" "the database holds what the clerk typed"

# Search by reading, typed in hiragana, and open the company.
key F3
expect_row 0 "メインメニュー" "F3 goes back to the menu"
type_text 1; key Enter
expect_row 0 "企業検索" "the search screen opens"
type_text "いわてテスト"; key Enter
expect_row 8 "株式会社岩手テスト商会" "the company is found by its reading"
key Enter
expect_row 3 "企業名 株式会社岩手テスト商会" "Enter opens the company"

# Another clerk of the section saves first: this save is refused and nothing typed is lost.
sql_as clerk2 clerk2-demo "SELECT hosho.company_save(hosho.company_get($id) || '{\"address\": \"大通一丁目\"}')" >/dev/null
for i in 1 2 3 4 5 6 7 8; do key Enter; done
key C-u
type_text "中央通九丁目"; settle
key F10
expect_row 22 "他の担当者がこの企業を先に更新しました" "a stale save gets a conflict message"
expect_screen "F5で最新を読み直してから" "the message too long for its line is shown whole in a box"
key Enter
expect_row 7 "所在地 中央通九丁目" "the clerk's typed address stays on screen"
expect_equal "$(sql_admin "SELECT address FROM hosho.company WHERE company_id = $id")" "大通一丁目" \
	"the other clerk's save is not overwritten"

# F5 reads the other clerk's version, after the clerk agrees to throw away
# what was typed; then the connection drops under the clerk: the save is
# reconnected before the save is sent (a statement never sent is safe to
# send on a new connection): the F10 saves.
key F5
expect_screen "入力して保存していない内容を破棄しますか" "F5 asks before throwing away typed data"
key n; settle
expect_row 7 "所在地 中央通九丁目" "answering no keeps the typed address"
key F5; wait_for "破棄しますか" >/dev/null
key y
expect_row 7 "所在地 大通一丁目" "F5 reads the latest record"
settle
expect_equal "$(cursor)" "24,7" "the cursor stays in the address field, after the value read"
key C-u
type_text "中央通九丁目"; settle
sql_admin "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'clerk1' AND datname = current_database()" >/dev/null
_w=0
while [ $_w -lt 100 ] && [ "$(sql_admin "SELECT count(*) FROM pg_stat_activity WHERE usename = 'clerk1' AND datname = current_database()")" != 0 ]; do
	sleep 0.1; _w=$((_w + 1))
done
expect_row 7 "所在地 中央通九丁目" "the typed address survives the drop"
key F10
expect_row 22 "を保存しました" "F10 after the drop reconnects and saves"
expect_equal "$(sql_admin "SELECT address FROM hosho.company WHERE company_id = $id")" "中央通九丁目" \
	"the database holds the address saved after the reconnect"

# Leaving: back to the menu, sign out, quit.
key F3; wait_for "企業検索" >/dev/null
key F3; wait_for "メインメニュー" >/dev/null
key F3
expect_screen "ログアウトしますか" "F3 on the menu asks before signing out"
key y
expect_row 0 "ログイン" "F3 on the menu signs out"
key F3; wait_for "終了しますか" >/dev/null
key y
expect_screen "[hosho exited] 0" "F3 on the login screen quits cleanly"
tap_done
