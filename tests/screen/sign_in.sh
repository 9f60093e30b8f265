#!/bin/sh
# Sign-in tells nobody which passwords are right: an unknown user, a wrong
# password, a login that is not staff and one with no staff record all get
# the same message.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start "$0"
sql_admin "CREATE ROLE t_outsider_$$ LOGIN PASSWORD 'outsider-pw';
	CREATE ROLE t_ghost_$$ LOGIN PASSWORD 'ghost-pw' IN ROLE hosho_clerk" >/dev/null
screen_start
wait_for "ログイン" >/dev/null

refusal() { # USER PASSWORD: row 22 after signing in with them
	key C-u   # the user name field, then the password
	key BTab C-u
	type_text "$1"; key Enter
	type_text "$2"; key Enter
	settle
	screen_row 22
}
want="利用者名またはパスワードが違います。"
expect_equal "$(refusal no_such_user whatever | sed 's/ *$//')" "$want" "an unknown user is refused"
expect_equal "$(refusal clerk1 wrong-password | sed 's/ *$//')" "$want" "a wrong password gets the same message"
expect_equal "$(refusal t_outsider_$$ outsider-pw | sed 's/ *$//')" "$want" \
	"a login role that is not staff, with its right password, gets the same message"
expect_equal "$(refusal t_ghost_$$ ghost-pw | sed 's/ *$//')" "$want" \
	"a staff role without a staff record, with its right password, gets the same message"
expect_equal "$(refusal clerk1 clerk1-demo >/dev/null; screen_row 0 | grep -c メインメニュー)" 1 \
	"the right password still signs in"
sql_admin "DROP ROLE t_outsider_$$; DROP ROLE t_ghost_$$" >/dev/null
tap_done
