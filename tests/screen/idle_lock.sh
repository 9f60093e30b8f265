#!/bin/sh
# The idle lock (here --idle-lock 2): the screen is hidden behind a box
# naming the clerk; only their password opens it, with what was typed
# kept; Esc there signs out after asking about the unsaved input.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/clerk.sh"
test_db_start "$0"
screen_start --idle-lock 2
wait_for "ログイン" >/dev/null
sleep 3
expect_row 0 "ログイン" "the login screen is never locked"
clerk_opens_registration
clerk_types_company "株式会社鍵付き" "かぎつき"
expect_row 3 "株式会社鍵付き" "the clerk has typed a name"
expect_screen "操作がなかったため、画面をロックしました" "after 2 idle seconds the screen locks"
expect_screen "岩手 花子" "the lock names the signed-in clerk"
expect_equal "$(screen_text | grep -c '株式会社鍵付き')" 0 "the typed data is hidden while locked"
type_text wrong-password; key Enter
expect_row 22 "パスワードが違います。" "a wrong password does not open it"
expect_equal "$(screen_text | grep -c '株式会社鍵付き')" 0 "still hidden after a wrong password"
type_text clerk1-demo; key Enter
expect_row 3 "株式会社鍵付き" "the right password opens it with the typed data"
expect_row 0 "企業登録・修正" "on the same screen"

# Locked again: Esc asks about the unsaved input, then signs out.
expect_screen "画面をロックしました" "it locks again when left idle"
key Escape
expect_screen "入力して保存していない内容を破棄しますか" "Esc on the lock asks about the unsaved input"
key y
expect_row 0 "ログイン" "then signs out to the login screen"
expect_row 22 "ログアウトしました" "and says so"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.company WHERE name = '株式会社鍵付き'")" 0 "nothing was saved"
tap_done
