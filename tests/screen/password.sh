#!/bin/sh
# パスワード変更: on every staff member's menu; refusals at their field in
# Japanese; the new password signs in, the old one no longer does, and the
# server holds only a SCRAM hash.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
who=t_pw_$$
sql_admin "CREATE ROLE $who LOGIN PASSWORD 'old-pass-1' IN ROLE hosho_clerk;
	INSERT INTO hosho.staff
	SELECT (jsonb_populate_record(s, jsonb_build_object('staff_role', '$who', 'display_name', 'テスト 太郎'))).*
	  FROM hosho.staff s WHERE staff_role = 'clerk1'" >/dev/null  # clerk1's section and all
at_exit 'sql_admin "DROP ROLE IF EXISTS $who" >/dev/null 2>&1'
screen_start --user $who

wait_for "ログイン" >/dev/null
type_text old-pass-1; key Enter
wait_for "メインメニュー" >/dev/null; settle
# the last entry: on the menu's last page
screen_text | grep -q '[0-9]\. パスワード変更' || { key F8; settle; }
expect_screen ". パスワード変更" "the menu offers the password change"
type_text "$(screen_text | sed -n 's/^ *\([0-9]*\)\. パスワード変更.*/\1/p')"; key Enter
expect_row 0 "パスワード変更" "the password screen opens"

# A refused field is emptied and has the cursor; the others keep theirs.
type_text wrong-pass; key Enter
type_text new-pass-22; key Enter
type_text new-pass-22; key Enter
expect_row 22 "今のパスワードが違います。" "a wrong current password is refused"
settle
expect_equal "$(cursor | cut -d, -f2)" 6 "at the current password's field"
type_text old-pass-1; key Enter
key Enter   # the new one stays
key C-u; type_text new-pass-33; key Enter
expect_row 22 "もう一度の入力が違います" "a repetition that differs is refused"
settle
expect_equal "$(cursor | cut -d, -f2)" 10 "at the repetition's field"
key BTab C-u; type_text short; key Enter
type_text short; key Enter
expect_row 22 "8文字以上" "a short password is refused"
settle
expect_equal "$(cursor | cut -d, -f2)" 8 "at the new password's field"
expect_equal "$(screen_text | grep -c 'old-pass-1\|new-pass')" 0 "no password is shown"
type_text "new-pass-'22"; key Enter
key C-u; type_text "new-pass-'22"; key Enter
expect_row 22 "パスワードを変更しました。" "the password is changed"
expect_row 0 "メインメニュー" "back on the menu"
expect_equal "$(sql_admin "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = '$who'")" "SCRAM-SHA-256\$" \
	"the server holds a SCRAM hash"
expect_equal "$(sql_as $who "new-pass-'22" "SELECT 1" 2>/dev/null)" 1 "the new password signs in (a quote in it included)"
expect_equal "$(sql_as $who old-pass-1 "SELECT 1" 2>/dev/null)" "" "the old one no longer does"
tap_done
