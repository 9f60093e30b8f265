#!/bin/sh
# A bench cluster holding the demo book at SCALE times Iwate's size, made by
# the demo's own generator (hosho_demo.book_generate, sql/demo/005_book.sql):
#   SCALE 1    15,000 companies,    30,000 live guarantees (the demo)
#   SCALE 10  150,000 companies,   300,000 live guarantees
#   SCALE 100 1,500,000 companies, 2,500,000 live guarantees (national)
# At 100 the repayment schedules and fee receipts are left out (150M rows no
# benchmark reads; balances are the same). The corporation's ceiling is
# scaled with the book. The cluster is kept (the national book takes
# minutes): a second call starts it again. Prints its directory.
# Usage: tests/bench/book.sh SCALE   (after make)
#        HOSHO_BOOK_DIR=DIR to choose where (default /tmp/hosho-book-WORKTREE-xSCALE);
#        stop it with: hosho --stop --data-dir DIR/db
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SCALE=${1:?usage: book.sh SCALE}
HOSHO=${HOSHO:-$top/hosho}
HOSHO_SQL_DIR=${HOSHO_SQL_DIR:-$top/sql}
dir=${HOSHO_BOOK_DIR:-/tmp/hosho-book-$(basename "$top")-x$SCALE}
case $SCALE in
100) companies=1497000 live=2500000 schedules=false ;;
*) companies=$((SCALE * 15000 - 3000)) live=$((SCALE * 30000)) schedules=true ;;
esac

mkdir -p "$dir" && chmod 755 "$dir" || exit 1
if ! PGOPTIONS="-c hosho.demo_book=off" "$HOSHO" --setup --data-dir "$dir/db" --sql-dir "$HOSHO_SQL_DIR" \
	>"$dir/setup.out" 2>&1; then
	echo "book.sh: hosho --setup failed: $(cat "$dir/setup.out")" >&2
	exit 1
fi
admin="host=$dir/db dbname=hosho user=hosho_dba password=$(cat "$dir/db/superuser.pw")"
. "$top/tests/bench/central.sh"
central_memory "$dir/db" "$admin" || { echo "book.sh: the cluster was not given the central server's memory" >&2; exit 1; }
# The generator as this tree has it (a kept cluster may have an older one).
sed -n '/^CREATE OR REPLACE FUNCTION hosho_demo\./,/^\$\$;$/p' "$HOSHO_SQL_DIR/demo/005_book.sql" |
	psql -X -q -v ON_ERROR_STOP=1 "$admin" >"$dir/generator.out" 2>&1 || { cat "$dir/generator.out" >&2; exit 1; }
have=$(psql -X -q -t -A "$admin" -c "SELECT count(*) FROM hosho.guarantee")
if [ "$have" = 0 ]; then
	t0=$(date +%s)
	psql -X -q -v ON_ERROR_STOP=1 "$admin" >"$dir/book.out" 2>&1 <<SQL || { cat "$dir/book.out" >&2; exit 1; }
-- the book's companies in ~30 s chunks would not help: one transaction, as the demo
SET maintenance_work_mem = '256MB';
SELECT * FROM hosho_demo.book_generate($companies, $live, current_date, $schedules);
-- the ceiling of a corporation SCALE times the size
INSERT INTO hosho.corporation (valid_from, name, address, president, basic_property_yen, ceiling_multiple)
SELECT '2024-04-02', name, address, president, basic_property_yen * $SCALE, ceiling_multiple
  FROM hosho.corporation WHERE valid_from = '2024-04-01';
VACUUM ANALYZE;
SQL
	echo "generated in $(($(date +%s) - t0)) s" >>"$dir/book.out"
fi
echo "$dir/db"
