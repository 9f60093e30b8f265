#!/bin/sh
# A screen test leaves nothing behind: its tmux servers (one per terminal),
# their socket files (tmux keeps them after kill-server), its state, and
# what the test itself registered with at_exit, whichever library started
# what. Before at_exit, screen_start replaced the test's own trap, so a
# test's export directory stayed in /tmp, and every socket file stayed; a
# test that starts tmux itself (draft.sh) then left its server running,
# and a pane's program that did not end on the hang-up ran on.
set -u
. "$TESTS_SRCDIR/lib/screen.sh" # tap_result
out=$(mktemp -d /tmp/hosho-cleanup.XXXXXX) || exit 1
at_exit 'rm -rf "$out"'

# run_test NAME BODY: BODY as a screen test would do it, then what it left.
run_test() {
	HOSHO=true TEST_DB_DIR=/nonexistent sh -c '
		. "$TESTS_SRCDIR/lib/cluster.sh"
		. "$TESTS_SRCDIR/lib/screen.sh"
		mine=$(mktemp -d /tmp/hosho-cleanup-mine.XXXXXX)
		at_exit "rm -rf $mine"
		eval "$2"
		echo "$TMUX_TMPDIR ${SCREEN_STATE:-} $mine" >"$1/paths"
		echo "$TMUX_SOCKETS" >"$1/sockets"
		for s in $TMUX_SOCKETS; do tmux -L "$s" has-session 2>/dev/null && echo "$s"; done >"$1/running"
		for s in $TMUX_SOCKETS; do
			for p in $(tmux -L "$s" list-panes -a -F "#{pane_pid}" 2>/dev/null); do echo "$p"; pgrep -P "$p"; done
		done >"$1/panes"
	' sh "$out" "$2"
	expect_equal "$(wc -w <"$out/running")" "$3" "$1: the test had its terminals running"
	left=
	for p in $(cat "$out/paths"); do [ -e "$p" ] && left="$left $p"; done
	expect_equal "$left" "" "$1: its tmux sockets, its state and its own directory are gone"
	servers=
	for s in $(cat "$out/sockets"); do pgrep -f "tmux -L $s " >/dev/null && servers="$servers $s"; done
	expect_equal "$servers" "" "$1: no tmux server of it is left running"
	alive=
	for p in $(screen_alive $(cat "$out/panes")); do alive="$alive $p"; done
	expect_equal "$alive" "" "$1: nothing that ran in its panes is left"
}

# Two terminals by screen_start (hosho is `true`: the pane stays, as on a
# failed start).
run_test "two terminals" 'screen_start; screen_use second; screen_start' 2
# A terminal the test starts with tmux itself, as draft.sh does.
run_test "its own tmux" 'tm -f /dev/null new-session -d -x 80 -y 24 "sleep 60"' 1
# A program that outlives the hang-up (as a sanitized hosho whose exit
# hangs in LeakSanitizer's check did, spinning after the suite).
run_test "deaf to the hang-up" 'tm -f /dev/null new-session -d -x 80 -y 24 "trap \"\" HUP; sleep 60; true"' 1
tap_done
