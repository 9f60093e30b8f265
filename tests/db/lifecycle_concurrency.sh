#!/bin/sh
# Concurrent work on guarantees (101), in real sessions as pgTAP cannot
# have them: eight approvals racing for one company's cap, and eight for the
# corporation's ceiling, never pass it together (no write skew); two clerks
# saving one case at once get one save and one conflict; the approvers'
# queue hears a submission (NOTIFY hosho_queue).
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh" # tap_result, tap_done
test_db_start "$0"
OUT=$(mktemp -d /tmp/hosho-race.XXXXXX)
at_exit 'rm -rf "$OUT"'

# A case taken in, reviewed and submitted by whoever calls it; its id.
sql_admin "CREATE FUNCTION public.t_submitted(p_company bigint, p_amount bigint) RETURNS bigint
LANGUAGE plpgsql AS \$\$
DECLARE
	id bigint;
BEGIN
	id := (hosho.guarantee_intake(jsonb_build_object('company_id', p_company, 'bank_code', '0123',
		'branch_code', '001', 'scheme_code', 'futsu', 'requested_amount', p_amount, 'use_of_funds', 'working',
		'term_months', 60, 'repayment', 'equal', 'installments', 60))->>'guarantee_id')::bigint;
	PERFORM hosho.guarantee_review_start(id, 1);
	PERFORM hosho.guarantee_review_save(jsonb_build_object('id', id, 'version', 2, 'rate_class', 5));
	PERFORM hosho.guarantee_submit(id, 3);
	RETURN id;
END \$\$;
GRANT EXECUTE ON FUNCTION public.t_submitted(bigint, bigint) TO PUBLIC;" >/dev/null
# Companies of 保証一課 that pass eligibility.
companies=$(sql_admin "SELECT c.company_id FROM hosho.company c
 WHERE c.section_code = '0101' AND c.antisocial_result = 'clear' AND c.legal_form = 'corporation'
   AND NOT EXISTS (SELECT FROM hosho.company_eligibility(c.company_id) e WHERE NOT e.ok)
 ORDER BY 1 LIMIT 9")
first=$(echo "$companies" | head -1)

# Runs SQL as ROLE PASSWORD in the background, once the gate opens; the
# output and errors go to $OUT/NAME.
gate_hold() { # holds advisory lock 4242 for two seconds
	psql -X -q -t -A "$PSQL_ADMIN" -c "SELECT pg_advisory_lock(4242), pg_sleep(2)" >/dev/null &
	sleep 0.5
}
after_gate() { # NAME ROLE PASSWORD SQL
	sql_as "$2" "$3" "SELECT pg_advisory_lock_shared(4242); SELECT pg_advisory_unlock_shared(4242); $4" \
		>"$OUT/$1" 2>&1 &
}
# super1 approves the submitted cases IDS all at once (output in
# $OUT/PREFIXid); prints how many were approved.
approve_at_once() { # PREFIX IDS...
	prefix=$1
	shift
	gate_hold
	for id in "$@"; do
		after_gate "$prefix$id" super1 super1-demo "SELECT hosho.guarantee_decide($id, 4, true, NULL, NULL)->>'state'"
	done
	wait
	sql_admin "SELECT count(*) FROM hosho.guarantee WHERE guarantee_id IN ($(echo "$@" | tr ' ' ',')) AND state = 'approved'"
}

# ---- eight approvals, one company: ¥15M each under the ¥80M unsecured cap ----
ids=""
for i in 1 2 3 4 5 6 7 8; do
	ids="$ids $(sql_as clerk1 clerk1-demo "SELECT public.t_submitted($first, 15000000)")"
done
approved=$(approve_at_once cap $ids)
refused=$(cat "$OUT"/cap* | grep -c '無担保保証限度 8,000万円を')
tap_result $([ "$approved" = 5 ] && echo 0 || echo 1) "eight concurrent approvals of ¥15M under an ¥80M cap: 5 approved (got $approved)"
tap_result $([ "$refused" = 3 ] && echo 0 || echo 1) "the other 3 are refused with the binding cap (got $refused)"
exposure=$(sql_admin "SELECT sum(amount) FROM hosho.guarantee_exposure($first)")
tap_result $([ "$exposure" -le 80000000 ] && echo 0 || echo 1) "the company's exposure stays within the cap ($exposure)"

# ---- eight approvals, eight companies, the corporation's ceiling ------------
# A ceiling ¥20M above today's book: six approvals of ¥3M fit, not seven.
sql_admin "INSERT INTO hosho.corporation VALUES (current_date, '岩手県信用保証協会', '盛岡市', '会長',
	(SELECT ceil((coalesce(sum(CASE WHEN state = 'executed' THEN balance ELSE approved_amount END), 0) + 20000000) / 46.6)::bigint
	   FROM hosho.guarantee WHERE state IN ('approved', 'issued', 'executed')), 46.6)" >/dev/null
ids=""
for co in $(echo "$companies" | tail -8); do
	ids="$ids $(sql_as clerk1 clerk1-demo "SELECT public.t_submitted($co, 3000000)")"
done
approved=$(approve_at_once ceiling $ids)
refused=$(cat "$OUT"/ceiling* | grep -c '定款の上限')
tap_result $([ "$approved" = 6 ] && echo 0 || echo 1) "eight concurrent approvals of ¥3M with ¥20M left under the ceiling: 6 approved (got $approved)"
tap_result $([ "$refused" = 2 ] && echo 0 || echo 1) "the other 2 are refused at the ceiling (got $refused)"
within=$(sql_admin "SELECT sum(CASE WHEN state = 'executed' THEN balance ELSE approved_amount END)
	<= (SELECT floor(basic_property_yen * ceiling_multiple) FROM hosho.corporation WHERE valid_from = current_date)
  FROM hosho.guarantee WHERE state IN ('approved', 'issued', 'executed')")
tap_result $([ "$within" = t ] && echo 0 || echo 1) "the corporation's total stays within its ceiling"
sql_admin "DELETE FROM hosho.corporation WHERE valid_from = current_date" >/dev/null

# ---- two clerks save one case at once ---------------------------------------
id=$(sql_as clerk1 clerk1-demo "SELECT (hosho.guarantee_intake(jsonb_build_object('company_id', $first, 'bank_code', '0123',
	'branch_code', '001', 'scheme_code', 'futsu', 'requested_amount', 1000000, 'use_of_funds', 'working',
	'term_months', 12, 'repayment', 'lump'))->>'guarantee_id')")
gate_hold
after_gate "clerk1" clerk1 clerk1-demo "SELECT hosho.guarantee_review_start($id, 1)->>'version'"
after_gate "clerk2" clerk2 clerk2-demo "SELECT hosho.guarantee_review_start($id, 1)->>'version'"
wait
wins=$(cat "$OUT/clerk1" "$OUT/clerk2" | grep -cx 2)
conflicts=$(cat "$OUT/clerk1" "$OUT/clerk2" | grep -c '他の担当者が先に更新しました')
tap_result $([ "$wins" = 1 ] && [ "$conflicts" = 1 ] && echo 0 || echo 1) \
	"two clerks starting one review at once: one wins, the other gets a conflict ($wins, $conflicts)"
tap_result $([ "$(sql_admin "SELECT count(*) FROM hosho.guarantee_history WHERE guarantee_id = $id AND action = 'review_start'")" = 1 ] \
	&& echo 0 || echo 1) "one review_start in the history"

# ---- the approvers' queue hears a submission --------------------------------
LC_ALL=C psql -X -q -t -A "host=$TEST_DB_DIR dbname=$TEST_DB user=super1 password=super1-demo" \
	>"$OUT/listen" 2>&1 <<'SQL' &
LISTEN hosho_queue;
SELECT pg_sleep(3);
SELECT 1;
SQL
sleep 1
id=$(sql_as clerk1 clerk1-demo "SELECT public.t_submitted($first, 1000000)")
wait
tap_result $(grep -q "notification \"hosho_queue\" with payload \"$id\"" "$OUT/listen" && echo 0 || echo 1) \
	"a LISTENing approver is notified of the submitted case $id"
tap_done
