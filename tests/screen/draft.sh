#!/bin/sh
# What a clerk typed survives the terminal going away: SIGHUP, SIGTERM and
# a killed pane keep a draft in the database (or, when it cannot be
# reached, in a private file) and give the terminal back; the next sign-in,
# on any terminal, offers the draft and reopens the form with the typed
# values; a draft file is moved into the database then.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
. "$TESTS_SRCDIR/lib/clerk.sh"
test_db_start "$0"
XDG_STATE_HOME=$(mktemp -d /tmp/hosho-state.XXXXXX)
export XDG_STATE_HOME
OUT=$XDG_STATE_HOME/out
mkdir "$OUT"
at_exit 'rm -rf "$XDG_STATE_HOME"'

# hosho in a pane that, once it exits, records the terminal's modes; its
# drafts directory is XDG_STATE_HOME, or the one given (another terminal).
start() { # [STATE-DIR]
	rm -f "$OUT/stty"
	screen_stop && sleep 0.5 # the next server must not meet the old one going
	tm -f /dev/null new-session -d -x 80 -y 24 \
		"env -u LANGUAGE LANG=C.UTF-8 LC_ALL= TERM=screen XDG_STATE_HOME=${1:-$XDG_STATE_HOME} HOSHO_DB_NAME=$TEST_DB $HOSHO --data-dir $TEST_DB_DIR; stty -a >$OUT/stty.tmp; mv $OUT/stty.tmp $OUT/stty; echo '[hosho exited]'; sleep 60"
}
hosho_pid() { pgrep -P "$(tm display -p '#{pane_pid}')" -x hosho; }
draft_files() { ls "$XDG_STATE_HOME/hosho" 2>/dev/null | grep -c '^draft-.*\.json$'; }
# clerk1's drafts in the database holding this company name.
drafts_named() { sql_admin "SELECT count(*) FROM hosho.form_draft WHERE staff = 'clerk1' AND form = 'company' AND fields->>'name' = '$1'"; }
drafts() { sql_admin "SELECT count(*) FROM hosho.form_draft"; }
wait_file() { # PATH
	_w=0
	while [ $_w -lt 100 ] && [ ! -e "$1" ]; do sleep 0.1; _w=$((_w + 1)); done
}
sign_in() {
	wait_for "ログイン" >/dev/null
	type_text clerk1; key Enter
	type_text clerk1-demo; key Enter
}

# SIGHUP with the database up: the draft is in the database, no file is
# left, and hosho ends cleanly.
start
clerk_opens_registration
clerk_types_company "株式会社下書き商会" "いわてどらふと"
expect_row 3 "株式会社下書き商会" "the clerk has typed a company name"
kill -HUP "$(hosho_pid)"
expect_screen "[hosho exited]" "SIGHUP ends hosho"
wait_file "$OUT/stty"
expect_equal "$(drafts_named 株式会社下書き商会)" 1 "SIGHUP keeps the draft in the database"
expect_equal "$(draft_files)" 0 "no draft file while the database is reachable"
expect_equal "$(grep -o 'icanon\|-icanon' "$OUT/stty" | head -1)" icanon "after SIGHUP the terminal is in cooked mode again"

# The next sign-in, on another terminal (drafts directory of its own),
# offers it; taken, it is back and gone from the database.
OTHER=$XDG_STATE_HOME/other-terminal
mkdir "$OTHER"
start "$OTHER"
sign_in
expect_screen "「企業登録・修正」の保存されていない入力があります（" "the next sign-in on another terminal offers the draft, naming its screen"
expect_screen "$(date +%m/%d) " "and the day it was saved, not cut at the box's edge"
key y
expect_row 0 "企業登録・修正" "accepting reopens the company form"
expect_row 3 "株式会社下書き商会" "the typed name is back"
expect_row 4 "イワテドラフト" "the typed reading is back"
expect_equal "$(drafts)" 0 "a draft taken is deleted"

# SIGTERM: the same, and the terminal is left in cooked mode.
kill -TERM "$(hosho_pid)"
expect_screen "[hosho exited]" "SIGTERM ends hosho"
wait_file "$OUT/stty"
expect_equal "$(drafts_named 株式会社下書き商会)" 1 "SIGTERM keeps a draft (the resumed input was still unsaved)"
expect_equal "$(grep -o ' icanon\| -icanon' "$OUT/stty" | head -1)" " icanon" "after SIGTERM stty shows cooked mode (icanon)"
expect_equal "$(grep -o ' echo \| -echo ' "$OUT/stty" | head -1)" " echo " "after SIGTERM stty shows echo on"

# A killed pane (the pty closes: SIGHUP) is the same path.
sql_admin "DELETE FROM hosho.form_draft" >/dev/null
start
clerk_opens_registration
clerk_types_company "有限会社閉じた窓" "いわてどらふと"
pid=$(hosho_pid)
tm kill-pane 2>/dev/null
_w=0
while [ $_w -lt 100 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; _w=$((_w + 1)); done
expect_equal "$(kill -0 "$pid" 2>/dev/null && echo running || echo gone)" gone "hosho ends when its pane is killed"
expect_equal "$(drafts_named 有限会社閉じた窓)" 1 "a killed pane leaves a draft holding the typed name"

# SIGTERM while a save hangs: the statement is cancelled, the input kept.
save_faults_install
fault before_write
sql_admin "DELETE FROM hosho.form_draft" >/dev/null
start
clerk_opens_registration
clerk_types_company "合同会社停止中" "ていしちゅう" all
key F10
_w=0
while [ $_w -lt 100 ] && [ "$(asleep)" != 1 ]; do sleep 0.1; _w=$((_w + 1)); done
kill -TERM "$(hosho_pid)"
expect_screen "[hosho exited]" "SIGTERM during a hung save ends hosho"
expect_equal "$(asleep)" 0 "the hung statement was cancelled"
expect_equal "$(drafts_named 合同会社停止中)" 1 "the draft holds the input of the unfinished save"
expect_equal "$(companies_named 合同会社停止中)" 0 "nothing was saved"
fault
sql_admin "DELETE FROM hosho.form_draft" >/dev/null

# The database out of reach when the terminal goes: the draft goes to a
# private file.
start
clerk_opens_registration
clerk_types_company "有限会社閉じた窓" "いわてどらふと"
sql_postgres "ALTER DATABASE $TEST_DB ALLOW_CONNECTIONS false" >/dev/null
sql_postgres "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$TEST_DB' AND application_name = 'hosho'" >/dev/null
kill -HUP "$(hosho_pid)"
expect_screen "[hosho exited]" "SIGHUP with the database out of reach ends hosho"
expect_equal "$(draft_files)" 1 "the draft is kept in a file"
expect_equal "$(stat -c %a "$XDG_STATE_HOME"/hosho/draft-*.json)" 600 "the draft file is private (0600)"
expect_equal "$(grep -c '有限会社閉じた窓' "$XDG_STATE_HOME"/hosho/draft-*.json)" 1 "the file holds the typed name"
sql_postgres "ALTER DATABASE $TEST_DB ALLOW_CONNECTIONS true" >/dev/null
expect_equal "$(drafts)" 0 "nothing reached the database"

# The next sign-in moves the file into the database and offers it.
start
sign_in
expect_screen "再開しますか" "the draft of the file is offered"
expect_equal "$(draft_files)" 0 "the draft file is gone once in the database"
expect_equal "$(drafts_named 有限会社閉じた窓)" 1 "the draft of the file is in the database"

# Declining asks whether to throw it away; no keeps the draft for later,
# and nothing is written to the database.
key n
expect_screen "この入力を破棄しますか" "declining asks whether to throw the input away"
key n
expect_row 0 "メインメニュー" "declining goes to the menu"
expect_equal "$(drafts_named 有限会社閉じた窓)" 1 "a declined draft is kept"
expect_equal "$(sql_admin "SELECT count(*) FROM hosho.company WHERE name IN ('株式会社下書き商会', '有限会社閉じた窓')")" 0 \
	"a draft is never saved by itself"

# Taken later, the draft that went through the file is the form as typed.
start "$OTHER"
sign_in
expect_screen "再開しますか" "the declined draft is offered again"
key y
expect_row 3 "有限会社閉じた窓" "the name typed before the file is back"
expect_row 4 "イワテドラフト" "the reading typed before the file is back"

# A draft declined and thrown away is gone, and not offered again.
kill -HUP "$(hosho_pid)"
expect_screen "[hosho exited]" "SIGHUP ends hosho once more"
expect_equal "$(drafts_named 有限会社閉じた窓)" 1 "the resumed, unsaved input is a draft again"
start
sign_in
expect_screen "再開しますか" "the draft is offered"
key n
expect_screen "この入力を破棄しますか" "declining asks whether to throw it away"
key y
expect_screen "保存されていない入力を破棄しました" "the clerk is told it was thrown away"
expect_row 0 "メインメニュー" "and goes on to the menu"
expect_equal "$(drafts_named 有限会社閉じた窓)" 0 "the thrown-away draft is gone from the database"
tap_done
