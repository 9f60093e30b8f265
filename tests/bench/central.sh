# A benchmark's cluster with the central server's memory (doc/operator.md),
# not the embedded default's 32 MB of shared buffers, which is sized for a
# test run's many clusters: at national scale a check then measures reads
# from the OS's cache, not hosho. HOSHO_BENCH_SHARED_BUFFERS (default 4GB)
# to choose. Needs HOSHO and HOSHO_SQL_DIR.
# central_memory DATA_DIR ADMIN_CONNINFO: restarts the cluster if it changed.
central_memory() {
	want=${HOSHO_BENCH_SHARED_BUFFERS:-4GB}
	have=$(psql -X -q -t -A "$2" -c "SELECT current_setting('shared_buffers')") || return 1
	[ "$have" = "$want" ] && return 0
	psql -X -q -v ON_ERROR_STOP=1 "$2" -c "ALTER SYSTEM SET shared_buffers = '$want'" >/dev/null &&
		"$HOSHO" --stop --data-dir "$1" >/dev/null 2>&1 &&
		PGOPTIONS="-c hosho.demo_book=off" "$HOSHO" --setup --data-dir "$1" --sql-dir "$HOSHO_SQL_DIR" >/dev/null 2>&1
}
