#!/bin/sh
# Connecting never freezes the terminal: against a server that accepts and
# never answers, sign-in and the re-making of a lost connection say that
# they are connecting, and Esc gives up with the screen and everything
# typed kept; when the network to the server goes and then the terminal,
# the draft goes to the private file within seconds. The server is
# tests/lib/stall_proxy.py on loopback, in front of the test's database; it
# stalls while the file $STALL exists, passes nothing while $FREEZE does.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/clerk.sh"
test_db_start "$0"
PROXY_DIR=$(mktemp -d /tmp/hosho-proxy.XXXXXX)
STALL=$PROXY_DIR/stall
FREEZE=$PROXY_DIR/freeze
socket=$(ls "$TEST_DB_DIR"/.s.PGSQL.* | grep -v '\.lock$' | head -1)
python3 "$TESTS_SRCDIR/lib/stall_proxy.py" "$PROXY_DIR/port" "$socket" "$STALL" "$FREEZE" &
proxy=$!
at_exit 'kill $proxy; rm -rf "$PROXY_DIR"'
_w=0
while [ $_w -lt 50 ] && [ ! -s "$PROXY_DIR/port" ]; do sleep 0.1; _w=$((_w + 1)); done
stalled() { cat "$STALL" 2>/dev/null | grep -c stalled; }

# Sign-in to a server that never answers: the wait is shown, Esc gives up.
start() {
	screen_stop && sleep 0.5 # the next server must not meet the old one going
	screen_start --db "'host=127.0.0.1 port=$(cat "$PROXY_DIR/port") dbname=$TEST_DB'"
}
touch "$STALL"
start
wait_for "ログイン" >/dev/null
type_text clerk1; key Enter
type_text clerk1-demo; key Enter
expect_row 22 "データベースに接続中です (Esc で中止)。" "signing in to a silent server says it is connecting"
expect_equal "$(stalled)" 1 "the server got the connection"
key Escape
expect_row 22 "データベースへの接続を中止しました。" "Esc gives the connection up and says so"
expect_row 0 "ログイン" "the sign-in screen stays"
expect_equal "$(screen_text | grep -c clerk1)" 1 "the user name typed stays"

# The server answers again: sign in, and type a company.
rm -f "$STALL"
type_text clerk1-demo; key Enter
wait_for "メインメニュー" >/dev/null
type_text 2; key Enter
wait_for "企業登録・修正" >/dev/null
clerk_types_company "株式会社接続待ち" "せつぞくまち" all

# The connection is lost and the server hangs: the save re-makes the
# connection, says so, and Esc gives up with the form intact.
touch "$STALL"
hosho_backends() { sql_admin "SELECT count(*) FROM pg_stat_activity WHERE datname = '$TEST_DB' AND application_name = 'hosho'"; }
sql_admin "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$TEST_DB' AND application_name = 'hosho'" >/dev/null
_w=0
while [ $_w -lt 50 ] && [ "$(hosho_backends)" != 0 ]; do sleep 0.1; _w=$((_w + 1)); done
sleep 0.5 # the proxy passes the end of the connection on
key F10
expect_row 22 "データベースに接続中です (Esc で中止)。" "re-making a lost connection to a silent server says it is connecting"
key Escape
expect_row 22 "データベースへの接続を中止しました。入力内容は残っています。" "Esc gives it up and says the input is kept"
expect_row 3 "株式会社接続待ち" "the typed name stays"
expect_row 7 "中央通１丁目" "the typed address stays"
expect_equal "$(companies_named 株式会社接続待ち)" 0 "nothing was saved"

# Once the server answers, the same key saves it, once.
rm -f "$STALL"
key F10
expect_row 22 "で登録しました" "the save goes through once the server answers"
expect_equal "$(companies_named 株式会社接続待ち)" 1 "the company is saved once"

# The server hangs (open connections pass nothing, new ones, the cancel's
# included, are never answered), then the terminal goes: the draft waits
# 2 s for the database, the cancel 2 s more, then goes to the private file.
key F3
wait_for "メインメニュー" >/dev/null
type_text 2; key Enter
wait_for "企業登録・修正" >/dev/null
clerk_types_company "株式会社凍結" "とうけつ"
touch "$FREEZE" "$STALL"
kill -HUP "$(pgrep -P "$(tm display -p '#{pane_pid}')" -x hosho)"
expect_screen "[hosho exited]" "SIGHUP with the server not answering ends hosho within seconds"
expect_equal "$(stat -c %a "$SCREEN_STATE"/hosho/draft-*.json)" 600 "the draft went to the private file (0600)"
expect_equal "$(grep -c '株式会社凍結' "$SCREEN_STATE"/hosho/draft-*.json)" 1 "the file holds the typed name"
expect_equal "$(stalled)" 1 "the cancel request met the hung server"
rm -f "$FREEZE" "$STALL"

# The next sign-in moves it into the database and offers it.
start
wait_for "ログイン" >/dev/null
type_text clerk1; key Enter
type_text clerk1-demo; key Enter
expect_screen "再開しますか" "the next sign-in offers the draft of the file"
expect_equal "$(ls "$SCREEN_STATE"/hosho | grep -c '^draft-')" 0 "the draft file is gone"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.form_draft WHERE fields->>'name' = '株式会社凍結'")" 1 \
	"the draft is in the database, once"
tap_done
