#!/bin/sh
# Failover of the central server under pg_auto_failover, on loopback: a
# monitor, a primary and a streaming standby of the test's own; hosho (the
# real binary, in tmux) signed in as clerk1 through a multi-host conninfo.
# The primary is killed while the clerk types a new company; after the
# standby's promotion F10 saves it on the new primary, exactly once.
# The same engine and commands as doc/operator.md, with the monitor's
# timeouts shortened so that the test takes seconds, not a minute.
set -u
. "$TESTS_SRCDIR/lib/screen.sh"

if ! command -v pg_autoctl >/dev/null 2>&1; then
	echo "1..0 # SKIP pg_autoctl is not installed (pg-auto-failover-cli)"
	exit 0
fi

# pg_autoctl, like initdb, refuses root: as root it runs as 'postgres'.
B=$(mktemp -d /tmp/hosho-failover.XXXXXX) || exit 1
chmod 755 "$B"
mkdir -m 700 "$B/run"   # pg_autoctl's pid files (XDG_RUNTIME_DIR)
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$B"
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- env XDG_CONFIG_HOME="$B/config" XDG_DATA_HOME="$B/data" \
			XDG_RUNTIME_DIR="$B/run" PATH="$PGBINDIR:$PATH" "$@"
	else
		env XDG_CONFIG_HOME="$B/config" XDG_DATA_HOME="$B/data" XDG_RUNTIME_DIR="$B/run" \
			PATH="$PGBINDIR:$PATH" "$@"
	fi
}

cleanup() {
	for node in n2 n1 monitor; do
		[ -d "$B/$node" ] && as_pg pg_autoctl stop --immediate --pgdata "$B/$node" >/dev/null 2>&1
	done
	for pid in ${KEEPERS:-}; do
		kill "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$B"
}
at_exit cleanup
trap 'exit 1' INT TERM

# Three free loopback ports.
free_port() { # FROM
	_p=$1
	while [ -n "$(ss -Htln "sport = :$_p")" ]; do _p=$((_p + 1)); done
	echo "$_p"
}
P0=$(free_port $((20000 + $$ % 20000)))
P1=$(free_port $((P0 + 1)))
P2=$(free_port $((P1 + 1)))
MONITOR="postgres://autoctl_node@127.0.0.1:$P0/pg_auto_failover?sslmode=disable"
ADMIN1="host=127.0.0.1 port=$P1 dbname=hosho user=postgres"
BOTH="host=127.0.0.1,127.0.0.1 port=$P1,$P2 dbname=hosho target_session_attrs=read-write connect_timeout=2"

fail_setup() { # WHAT LOG
	echo "Bail out! $1: $(tail -5 "$2" 2>/dev/null)"
	exit 1
}

# A node's keeper, in the background for the rest of the test. pg_autoctl
# sizes shared_buffers for a dedicated server (a quarter of the memory):
# the operator's postgresql.conf, read after its settings, keeps a test
# node small (and a standby copies it).
run_node() { # NAME
	echo "shared_buffers = '32MB'" >>"$B/$1/postgresql.conf"
	as_pg setsid pg_autoctl run --pgdata "$B/$1" >"$B/$1.log" 2>&1 </dev/null &
	KEEPERS="${KEEPERS:-} $!"
}

# Waits up to 20 s for a node's server to answer.
wait_serving() { # NAME PORT DBNAME
	_n=0
	until as_pg psql -X -q "host=127.0.0.1 port=$2 dbname=$3" -c "SELECT 1" >/dev/null 2>&1; do
		_n=$((_n + 1))
		[ $_n -gt 40 ] && fail_setup "$1 did not start" "$B/$1.log"
		sleep 0.5
	done
}

# Waits up to SECONDS for the monitor to show a node in a state (name,
# reported and assigned state, as pg_autoctl show state prints them).
wait_state() { # NODE STATE SECONDS
	_n=0
	while [ $_n -lt $(($3 * 2)) ]; do
		as_pg pg_autoctl show state --pgdata "$B/monitor" 2>/dev/null |
			grep -Eq "^ *$1 \|.*\| *$2 \| *$2 *\$" && return 0
		sleep 0.5
		_n=$((_n + 1))
	done
	return 1
}

as_pg pg_autoctl create monitor --pgdata "$B/monitor" --pgport "$P0" --hostname 127.0.0.1 \
	--auth trust --no-ssl >"$B/monitor.create" 2>&1 || fail_setup "no monitor" "$B/monitor.create"
as_pg pg_autoctl config set --pgdata "$B/monitor" postgresql.listen_addresses 127.0.0.1 >/dev/null
run_node monitor
wait_serving monitor "$P0" pg_auto_failover
# Seconds instead of the defaults' half minute (see doc/operator.md).
as_pg psql -X -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$P0 dbname=pg_auto_failover" >"$B/monitor.conf" 2>&1 <<'EOF' ||
ALTER SYSTEM SET pgautofailover.health_check_period = 1000;
ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000;
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 3000;
SELECT pg_reload_conf();
EOF
	fail_setup "the monitor was not configured" "$B/monitor.conf"

create_node() { # NAME PORT
	as_pg pg_autoctl create postgres --pgdata "$B/$1" --pgport "$2" --listen 127.0.0.1 \
		--hostname 127.0.0.1 --name "$1" --auth trust --no-ssl --dbname hosho \
		--monitor "$MONITOR" >"$B/$1.create" 2>&1 || fail_setup "node $1 was not created" "$B/$1.create"
	run_node "$1"
}
create_node n1 "$P1"
wait_serving n1 "$P1" hosho

# The schema by hosho --migrate, the demo staff and companies as the
# embedded default loads them (each file one transaction).
"$HOSHO" --db "$ADMIN1" --migrate >"$B/migrate.out" 2>&1 || fail_setup "hosho --migrate failed" "$B/migrate.out"
for f in "$HOSHO_SQL_DIR"/demo/*.sql; do
	PGOPTIONS="-c hosho.demo_book=off" psql -X -q -1 -v ON_ERROR_STOP=1 "$ADMIN1" -f "$f" >"$B/demo.out" 2>&1 ||
		fail_setup "demo data $f not loaded" "$B/demo.out"
done
# The standby's base backup waits for a checkpoint, spread over minutes
# unless the migrations' writes are already flushed.
psql -X -q "$ADMIN1" -c CHECKPOINT
create_node n2 "$P2"
wait_state n2 secondary 30 || fail_setup "n2 did not become a streaming standby" "$B/n2.log"
wait_state n1 primary 10 || fail_setup "n1 is not the primary" "$B/n1.log"

sql_both() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$BOTH user=postgres" -c "$1"; }
expect_equal "$(sql_both 'SELECT inet_server_port()')" "$P1" "the multi-host conninfo reaches the primary first"

tm -f /dev/null new-session -d -x 80 -y 24 \
	"env -u LANGUAGE LANG=C.UTF-8 LC_ALL= TERM=screen $HOSHO --db '$BOTH' --user clerk1; echo '[hosho exited]' \$?; sleep 60"
expect_row 0 "ログイン" "the login screen opens on the central server"
type_text clerk1-demo; key Enter
expect_row 0 "メインメニュー" "clerk1 signs in"
type_text 2; key Enter
expect_row 0 "企業登録・修正" "the registration screen opens"
key F4; settle
key Enter; settle   # the first legal form: corporation
key Enter
type_text "株式会社フェイルオーバー試験"; key Enter
type_text "ﾌｪｲﾙｵｰﾊﾞｰｼｹﾝ"; key Enter
key Enter Enter
type_text 0200021; key Enter
type_text 03201; key Enter
key Enter
type_text "中央通１丁目２番３号"; key Enter
type_text E09; key Enter
key Enter
type_text 10000; key Enter
type_text 25; key Enter
type_text "令和6年3月31日"; key Enter
expect_row 10 "設立日 令和6年3月31日" "the company is typed in before the failover"

# The primary dies without a word to anyone.
as_pg pg_autoctl stop --immediate --pgdata "$B/n1" >/dev/null 2>&1
if wait_state n2 wait_primary 40 || wait_state n2 primary 1; then
	tap_result 0 "the standby is promoted"
else
	tap_result 1 "the standby is promoted"
	as_pg pg_autoctl show state --pgdata "$B/monitor" | sed 's/^/#   /'
fi
expect_equal "$(sql_both 'SELECT inet_server_port()')" "$P2" "the multi-host conninfo now reaches the new primary"

# F10: a first save may find the old connection dead and say so (the
# input stays); the clerk presses F10 again, as the message asks.
key F10
wait_for "で登録しました" || wait_for "接続が切れました" >/dev/null
if screen_row 22 | grep -qF "接続が切れました"; then
	tap_result 0 "a save on the dead connection says the input is kept"
	expect_row 10 "設立日 令和6年3月31日" "the typed company stays on screen"
	key F10
fi
expect_row 22 "で登録しました" "the save reaches the new primary"
expect_equal "$(sql_both "SELECT count(*) FROM hosho.company WHERE kana = 'フェイルオーバーシケン'")" "1" \
	"the new primary holds the company exactly once"
tap_done
