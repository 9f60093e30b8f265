# Screen tests: the real hosho binary in a private tmux server at 80x24,
# keys by send-keys, the screen by capture-pane. Results are TAP.
# Source after tests/lib/cluster.sh.

. "$TESTS_SRCDIR/lib/at_exit.sh"
TAP_N=0
TAP_FAILED=0
TMUX_SOCKET=hosho-test-$$
# tmux leaves its socket file behind when its server is killed: the test's
# servers keep theirs in a directory of the test's own, gone with it.
TMUX_TMPDIR=$(mktemp -d /tmp/hosho-tmux.XXXXXX) || exit 1
export TMUX_TMPDIR
at_exit 'screens_kill; rm -rf "$TMUX_TMPDIR"' # whoever started them

tap_result() { # PASS(0/1) NAME
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_N - $2"
	else
		echo "not ok $TAP_N - $2"
		TAP_FAILED=$((TAP_FAILED + 1))
	fi
}

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

tm() { tmux -L "$TMUX_SOCKET" "$@"; }

# A second terminal (another person at another desk): screen_use NAME makes
# the functions below act on terminal NAME; screen_start starts hosho there.
# screen_use main is the first.
TMUX_SOCKETS=$TMUX_SOCKET
screen_use() {
	TMUX_SOCKET=hosho-test-$$${1#main}
	case " $TMUX_SOCKETS " in *" $TMUX_SOCKET "*) ;; *) TMUX_SOCKETS="$TMUX_SOCKETS $TMUX_SOCKET" ;; esac
}
# Ends the tmux servers of the terminals named and what ran in their panes;
# true if there was one. What ran in the panes ends on the hang-up. A
# sanitized build's exit can hang in LeakSanitizer's check (its tracer
# waiting on a process that does not stop) and spin on: what is left after
# 5 s is killed, so that nothing outlives the test.
screens_stop() { # SOCKET...
	_pids= _had=1
	for _s in "$@"; do
		for _p in $(tmux -L "$_s" list-panes -a -F '#{pane_pid}' 2>/dev/null); do
			_pids="$_pids $_p $(pgrep -P "$_p" | tr '\n' ' ')"
		done
		tmux -L "$_s" kill-server 2>/dev/null && _had=0
	done
	_w=0
	while [ $_w -lt 50 ] && [ -n "$(screen_alive $_pids)" ]; do sleep 0.1; _w=$((_w + 1)); done
	_left=$(screen_alive $_pids)
	[ -z "$_left" ] || kill -9 $_left 2>/dev/null
	return $_had
}
screens_kill() { screens_stop $TMUX_SOCKETS; }
screen_stop() { screens_stop "$TMUX_SOCKET"; } # the current terminal's
# The processes of those given still running (a zombie has ended).
screen_alive() { for _p in "$@"; do ps -o stat= -p "$_p" 2>/dev/null | grep -qv Z && echo "$_p"; done; }

# Starts hosho with the given arguments on the test's database, in Japanese
# (no LANGUAGE, a plain C.UTF-8 locale, as on a bare terminal server).
# Drafts hosho keeps when its pane goes (src/app/draft.c) stay in a
# directory of the test's own.
screen_start() {
	screen_stop
	if [ -z "${SCREEN_STATE:-}" ]; then
		SCREEN_STATE=$(mktemp -d /tmp/hosho-state.XXXXXX)
		at_exit 'rm -rf "$SCREEN_STATE"'
	fi
	tm -f /dev/null new-session -d -x 80 -y 24 \
		"env -u LANGUAGE LANG=C.UTF-8 LC_ALL= TERM=screen XDG_STATE_HOME=$SCREEN_STATE ${TEST_DB:+HOSHO_DB_NAME=$TEST_DB} $HOSHO --data-dir $TEST_DB_DIR $*; echo '[hosho exited]' \$?; sleep 60"
}

screen_text() { tm capture-pane -p; }
screen_row() { tm capture-pane -p | sed -n "$(($1 + 1))p"; }
cursor() { tm display -p '#{cursor_x},#{cursor_y}'; }

# Types literally (Japanese included) or sends named keys.
type_text() { tm send-keys -l "$1"; }
key() { tm send-keys "$@"; }

# Waits up to 10 s for text on screen; 0 if it appeared.
wait_for() {
	_wait=0
	while [ $_wait -lt 100 ]; do
		screen_text | grep -qF -- "$1" && return 0
		sleep 0.1
		_wait=$((_wait + 1))
	done
	return 1
}

# Asserts that text appears on screen (waiting for it).
expect_screen() { # TEXT NAME
	if wait_for "$1"; then
		tap_result 0 "$2"
	else
		tap_result 1 "$2"
		echo "# expected on screen: $1"
		screen_text | sed 's/^/#   | /'
	fi
}

# Asserts a row of the screen contains text (waiting for it).
expect_row() { # ROW TEXT NAME
	_wait=0
	while [ $_wait -lt 100 ] && ! screen_row "$1" | grep -qF -- "$2"; do
		sleep 0.1
		_wait=$((_wait + 1))
	done
	if screen_row "$1" | grep -qF -- "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		echo "# expected row $1 to contain: $2"
		echo "#   got: $(screen_row "$1")"
	fi
}

expect_equal() { # GOT WANT NAME
	if [ "$1" = "$2" ]; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		echo "#   got: '$1'"
		echo "#   expected: '$2'"
	fi
}

# Sends keys, then waits until the screen settles (hosho redraws after
# every key; a short quiet period means it has caught up).
settle() {
	_prev=""
	_wait=0
	while [ $_wait -lt 50 ]; do
		_now=$(screen_text; cursor)
		[ "$_now" = "$_prev" ] && return 0
		_prev=$_now
		sleep 0.1
		_wait=$((_wait + 1))
	done
}
# Opens the menu entry with the label, whatever number it has for this role
# and on whichever page of the menu it is (F8 turns to the next page).
menu_open() { # LABEL
	if ! screen_text | grep -q "[0-9]\. $1\$"; then key F8; settle; fi
	type_text "$(screen_text | sed -n "s/^ *\([0-9]*\)\. $1\$/\1/p")"; key Enter
}
