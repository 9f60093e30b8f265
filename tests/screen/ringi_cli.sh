#!/bin/sh
# The 保証稟議書 from the command line (hosho --ringi-pdf): a real case taken
# in, reviewed and submitted by a clerk and approved by the section head
# above the clerk's authority; the PDF the clerk prints shows the figures,
# the findings and both names in their stamp boxes, and each print is
# logged. A clerk of another office and a wrong case number are refused.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start ringi_cli
work=$(mktemp -d /tmp/hosho-ringi.XXXXXX) || exit 1
at_exit 'rm -rf "$work"'
db="host=$TEST_DB_DIR dbname=$TEST_DB"
clerk() { sql_as clerk1 clerk1-demo "$1"; }
as_clerk() { PGPASSWORD=clerk1-demo "$HOSHO" --db "$db" --user clerk1 "$@"; }
version() { sql_admin "SELECT version FROM hosho.guarantee WHERE guarantee_id = $gid"; }
# The text of a PDF, spaces (ASCII and ideographic) and line breaks out.
pdf_text() { pdftotext -layout "$@" - 2>/dev/null | sed -e 's/ //g' -e 's/　//g' | tr -d '\n\f'; }
prints() { sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'print' AND object_kind = 'guarantee' AND object_id = '$gid'"; }
shows() { # TEXT WANT NAME
	case "$1" in
	*"$2"*) tap_result 0 "$3: $2" ;;
	*) tap_result 1 "$3: $2"; echo "# pdftotext: $1" ;;
	esac
}

# ---- the case: intake, review, submission (clerk1), decision (super1) ----
company=$(sql_admin "SELECT min(c.company_id) FROM hosho.company c
	WHERE c.section_code = '0101' AND c.antisocial_result = 'clear' AND c.legal_form = 'corporation'
	  AND NOT EXISTS (SELECT FROM hosho.company_eligibility(c.company_id) e WHERE NOT e.ok)
	  AND NOT EXISTS (SELECT FROM hosho.guarantee g WHERE g.company_id = c.company_id)")
gid=$(clerk "SELECT hosho.guarantee_intake(jsonb_build_object('company_id', $company, 'bank_code', '0124',
	'branch_code', '001', 'scheme_code', 'futsu', 'requested_amount', 25000000, 'use_of_funds', 'working',
	'term_months', 60, 'repayment', 'equal', 'installments', 54, 'deferral_months', 6,
	'bank_requested_on', current_date, 'purpose_note', '原材料の仕入資金'))->>'guarantee_id'")
clerk "SELECT hosho.guarantee_review_start($gid, $(version))" >/dev/null
clerk "SELECT hosho.guarantee_review_save(jsonb_build_object('id', $gid, 'version', $(version), 'rate_class', 5,
	'rate_basis', 'CRD評点による区分5', 'review_note', '売上は3期連続で増加。', 'conditions', '決算書を毎期提出すること。',
	'proposed_amount', 20000000))" >/dev/null
expect_equal "$(clerk "SELECT hosho.guarantee_submit($gid, $(version))->>'required_level_name'")" "課長" \
	"(¥20M of 普通保証 goes to the section head)"
before=$(prints)
as_clerk --ringi-pdf "$gid" "$work/submitted.pdf" >"$work/out" 2>&1
expect_equal "$?:$(cat "$work/out")" "0:" "hosho --ringi-pdf prints the submitted case's 稟議書 as the clerk"
# The stamp boxes: four of 62 points at the top right of an A4 page.
box() { pdf_text -f 1 -l 1 -x "$2" -y 56 -W 62 -H 68 "$1"; }
today=$(sql_admin "SELECT 'R' || (extract(year FROM current_date)::int - 2018) || '.' || extract(month FROM current_date) || '.' || extract(day FROM current_date)")
expect_equal "$(box "$work/submitted.pdf" 291)|$(box "$work/submitted.pdf" 353)" "担当者岩手花子$today|課長" \
	"before the decision the clerk's box bears the clerk, the section head's is empty"
shows "$(pdf_text "$work/submitted.pdf")" "要件・限度・期間・無担保保証限度8,000万円：既往0円＋本件2,000万円＝2,000万円（残り6,000万円）" \
	"the submitted 稟議書 shows the binding cap for the proposed amount"

sql_as super1 super1-demo "SELECT hosho.guarantee_decide($gid, $(version), true, NULL, NULL)" >/dev/null
as_clerk --ringi-pdf "$gid" "$work/decided.pdf" >"$work/out" 2>&1
expect_equal "$?:$(stat -c %a "$work/decided.pdf")" "0:600" "after the decision it prints again (mode 0600)"
expect_equal "$(box "$work/decided.pdf" 353)" "課長北上三郎$today" "the section head's box bears the decider and the date"
text=$(pdf_text "$work/decided.pdf")
name=$(sql_admin "SELECT name FROM hosho.company WHERE company_id = $company")
# The exposure's lines as the table prints them, amounts with commas.
exposure=$(clerk "SELECT string_agg(CASE kind WHEN 'cap' THEN '限度' ELSE '枠' END || name
	|| to_char(live, 'FM999,999,999,999') || '円' || coalesce(to_char(cap_amount, 'FM999,999,999,999') || '円', '－')
	|| coalesce(to_char(room, 'FM999,999,999,999') || '円', '－'), '|') FROM hosho.company_exposure_summary($company)")
fee=$(clerk "SELECT to_char((hosho.guarantee_ringi_document($gid)->'fee_estimate'->>'fee_yen')::bigint, 'FM999,999,999')")
for want in 保証稟議書 "案件番号$gid" "企業名$name" 金融機関東北銀行 申込金額25,000,000円 承諾予定額20,000,000円 \
	承諾額20,000,000円 資金使途運転資金原材料の仕入資金 料率区分第5区分CRD評点による区分5 \
	"保証料見込額${fee}円" 審査所見売上は3期連続で増加。 \
	保証条件決算書を毎期提出すること。 決裁権限課長 "決裁承諾北上三郎"; do
	shows "$text" "$want" "the decided 稟議書 shows"
done
expect_equal "$(echo "$exposure" | tr '|' '\n' | wc -l)" "3" "(the company's exposure: its frame and two caps)"
old_ifs=$IFS
IFS='|'
for line in $exposure; do
	shows "$text" "$line" "the decided 稟議書 shows the exposure with the room left"
done
IFS=$old_ifs
expect_equal "$(prints)" "$((before + 3))" "each print is logged (two PDFs, and the document read above for the fee)"

# ---- refusals ------------------------------------------------------------------
out=$(PGPASSWORD=kama-demo "$HOSHO" --db "$db" --user clerk_kama --ringi-pdf "$gid" "$work/kama.pdf" 2>&1)
expect_equal "$?:$(test -e "$work/kama.pdf" && echo file):$out" \
	"1::hosho: 保証案件 $gid は見つからないか、担当範囲外です。" "a clerk of another office cannot print it"
out=$(as_clerk --ringi-pdf 12x "$work/bad.pdf" 2>&1)
expect_equal "$?" "2" "a case number that is no number is a usage error"
case "$out" in
*"--ringi-pdf には案件番号と書き出すファイルを指定します"*) tap_result 0 "with the usage" ;;
*) tap_result 1 "with the usage"; echo "# got: $out" ;;
esac

tap_done
