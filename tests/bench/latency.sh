# Latencies from pgbench's transaction logs, sourced by the lifecycle
# benchmarks. A run interleaves a statement with `select 1` (the floor) on
# the same connection; the table gives both and their ratio.
# Needs PGBENCH and a work directory in $TEST_TMP.

# pct PREFIX SCRIPT_NO P -> the P-th percentile latency in ms of script
# SCRIPT_NO in the logs PREFIX.* (client transaction latency_us script ...)
pct() {
	awk -v s="$2" '$4 == s { print $3 }' "$1".[0-9]* 2>/dev/null | sort -n |
		awk -v p="$3" '{ a[NR] = $1 } END { if (NR == 0) { print "-"; exit }
			i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.3f", a[i] / 1000 }'
}
# count PREFIX SCRIPT_NO -> how many transactions of that script ran
count() {
	awk -v s="$2" '$4 == s' "$1".[0-9]* 2>/dev/null | wc -l
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }

# paired LABEL CONNINFO TRANSACTIONS SCRIPT: SCRIPT and select 1 at random
# on one connection; prints a row of the table.
paired() {
	printf 'SELECT 1;\n' >"$TEST_TMP/select1.sql"
	rm -f "$TEST_TMP"/pair.[0-9]*
	"$PGBENCH" -n -M extended -c 1 -t "$3" --log --log-prefix="$TEST_TMP/pair" \
		-f "$TEST_TMP/select1.sql" -f "$4" "$2" >"$TEST_TMP/pair.out" 2>&1 ||
		{ echo "pgbench failed on $1:"; cat "$TEST_TMP/pair.out"; return 1; }
	f50=$(pct "$TEST_TMP/pair" 0 50) f99=$(pct "$TEST_TMP/pair" 0 99)
	s50=$(pct "$TEST_TMP/pair" 1 50) s99=$(pct "$TEST_TMP/pair" 1 99)
	printf '%-40s %6s %9s %9s %9s %9s %7s %7s\n' "$1" "$(count "$TEST_TMP/pair" 1)" "$s50" "$s99" \
		"$f50" "$f99" "$(ratio "$s50" "$f50")" "$(ratio "$s99" "$f99")"
}
paired_header() {
	printf '%-40s %6s %9s %9s %9s %9s %7s %7s\n' statement n "p50 ms" "p99 ms" "sel1 p50" "sel1 p99" "p50 x" "p99 x"
}
