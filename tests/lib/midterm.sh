# What the mid-term screen tests share: their database (a fresh one with the
# guarantees of midterm_fixture.sql, whose ids are set as $1 $2 $3 by
# midterm_start), an export directory of their own, signing in and out, and
# the menu by label. Source after tests/lib/screen.sh.

# The test's database and export directory; then: set -- $(midterm_fixture)
midterm_start() { # TEST
	test_db_start "$1"
	EXPORTS=$(mktemp -d /tmp/hosho-export.XXXXXX)
	at_exit 'rm -rf "$EXPORTS"'
	export HOSHO_EXPORT_DIR=$EXPORTS
}
# Makes the fixture's guarantees and prints their ids.
midterm_fixture() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "$PSQL_ADMIN" -f "$TESTS_SRCDIR/lib/midterm_fixture.sql"
}

# Starts hosho and signs in: its login name given, the password typed.
screen_sign_in() { # USER PASSWORD
	screen_start --user "$1"
	wait_for "パスワード" >/dev/null; settle # keys typed before curses has the terminal are lost
	type_text "$2"; key Enter
	wait_for "メインメニュー" >/dev/null; settle
}
sign_in() { # USER PASSWORD (on the login screen, the cursor in the password)
	key BTab C-u; type_text "$1"; key Enter
	type_text "$2"; key Enter
	wait_for "メインメニュー" >/dev/null; settle
}
sign_out() {
	key F3; wait_for "ログアウトしますか" >/dev/null; key y
	wait_for "ログアウトしました" >/dev/null
}
back_to_menu() {
	while ! screen_row 0 | grep -q メインメニュー; do key F3; settle; done
	key F7; settle
}
# Waits up to 10 s for a file of the export directory to be written whole
# (its size the same twice 0.2 s apart); prints its path.
exported() { # GLOB
	_w=0 _size=-1
	while [ $_w -lt 50 ]; do
		_now=$(cat "$EXPORTS"/$1 2>/dev/null | wc -c)
		[ "$_now" -gt 0 ] && [ "$_now" = "$_size" ] && break
		_size=$_now
		sleep 0.2
		_w=$((_w + 1))
	done
	ls "$EXPORTS"/$1 2>/dev/null
}
