#!/bin/sh
# The certificate from the command line: a clerk issues one electronically,
# prints it (hosho --certificate-pdf: pdftotext shows its figures), the
# operator's batch signs it (hosho --sign-certificates, as the signer login
# with a 0600 key), and a bank verifies what staff hand over with
# openssl cms -verify; a changed byte fails. Keys open to others, clerks
# and documents other than the one issued are refused.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"
test_db_start certificate_cli
work=$(mktemp -d /tmp/hosho-cert.XXXXXX) || exit 1
signer=cert_signer_$$
at_exit 'sql_postgres "DROP ROLE IF EXISTS $signer" >/dev/null 2>&1; rm -rf "$work"'
db="host=$TEST_DB_DIR dbname=$TEST_DB"
as_clerk() { PGPASSWORD=clerk1-demo "$HOSHO" --db "$db" --user clerk1 "$@"; }
as_signer() { PGPASSWORD=signer-pw "$HOSHO" --db "$db" --user "$signer" "$@"; }
# A statement as a login: its output, or its SQLSTATE when refused.
state_as() { # ROLE PASSWORD SQL
	if out=$(PGPASSWORD=$2 psql -X -q -t -A -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
		"$db user=$1" -c "$3" 2>&1); then
		echo "$out"
	else
		echo "$out" | sed -n 's/^ERROR:  \([A-Z0-9]\{5\}\):.*/\1/p' | head -1
	fi
}
signer_sql() { state_as "$signer" signer-pw "$1"; }
# The text of a PDF, spaces (ASCII and ideographic) and line breaks out.
pdf_text() { pdftotext -layout "$1" - 2>/dev/null | sed -e 's/ //g' -e 's/　//g' | tr -d '\n\f'; }
prints() { sql_admin "SELECT count(*) FROM hosho.access_log WHERE action = 'print' AND object_id = '$no'"; }

# ---- issue -------------------------------------------------------------
# An approved case of 保証一課 (clerk1's section) at a bank of 部分保証
# (東北銀行): the clerk issues its certificate electronically.
gid=$(sql_admin "INSERT INTO hosho.guarantee (company_id, state, bank_code, branch_code, scheme_code,
	frame_code, use_of_funds, requested_amount, approved_amount, proposed_amount, term_months,
	deferral_months, repayment, installments, section_code, rate_bp, sharing, fee_collection, conditions)
	SELECT min(company_id), 'approved', '0124', '001', 'futsu', 'general', 'working', 12500000, 12500000,
	       12500000, 60, 6, 'equal', 54, '0101', 115,
	       (SELECT s.sharing FROM hosho.sharing_for('futsu', '0124') s WHERE s.ok LIMIT 1), 'lump',
	       '代表者の個人保証は求めない。'
	  FROM hosho.company WHERE section_code = '0101'
	RETURNING guarantee_id")
no=$(sql_as clerk1 clerk1-demo "SELECT hosho.guarantee_issue($gid, 1, true)->>'certificate_no'")
expect_equal "$(sql_admin "SELECT guaranteed_share_pct || ' ' || guaranteed_amount FROM hosho.certificate WHERE certificate_no = '$no'")" \
	"80 10000000" "(the certificate guarantees 80%: 10,000,000 yen)"
expect_equal "$(sql_as clerk1 clerk1-demo "SELECT convert_from(document, 'UTF8') = hosho.certificate_document('$no')::text,
	signature IS NULL FROM hosho.certificate_electronic_get('$no')")" "t|t" \
	"issuing electronically keeps the certificate's document, unsigned"

# ---- print -------------------------------------------------------------
before=$(prints)
as_clerk --certificate-pdf "$no" "$work/c.pdf" >"$work/pdf.out" 2>&1
expect_equal "$?" "0" "hosho --certificate-pdf prints the certificate as the clerk"
text=$(pdf_text "$work/c.pdf")
for want in 信用保証書 "第${no}号" 貸付金額12,500,000円 "保証金額10,000,000円（保証割合80%）" 東北銀行 \
	代表者の個人保証は求めない。 "$(sql_admin "SELECT c.name FROM hosho.company c JOIN hosho.guarantee g USING (company_id) WHERE g.guarantee_id = $gid")"; do
	case "$text" in
	*"$want"*) tap_result 0 "the printed certificate shows $want" ;;
	*) tap_result 1 "the printed certificate shows $want"; echo "# pdftotext: $text" ;;
	esac
done
expect_equal "$(prints)" "$((before + 1))" "the print is logged"
out=$(PGPASSWORD=kama-demo "$HOSHO" --db "$db" --user clerk_kama --certificate-pdf "$no" "$work/kama.pdf" 2>&1)
expect_equal "$?:$(test -e "$work/kama.pdf" && echo file)" "1:" "a clerk of another office cannot print it"
case "$out" in
*"保証書 $no は見つからないか、担当範囲外です。"*) tap_result 0 "and is told it is out of scope" ;;
*) tap_result 1 "and is told it is out of scope"; echo "# got: $out" ;;
esac

# ---- the operator's keys and signer login (doc/operator.md) -------------
(cd "$work" &&
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
		-subj '/O=Test CA/CN=Test Root' &&
	openssl req -newkey rsa:2048 -nodes -keyout corp.key -out corp.csr \
		-subj '/O=Iwate Credit Guarantee Corporation/CN=hosho signer' &&
	openssl x509 -req -in corp.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out corp.pem
) >"$work/openssl.log" 2>&1 || echo "Bail out! openssl could not make the test keys"
sql_admin "CREATE ROLE $signer LOGIN PASSWORD 'signer-pw'; GRANT hosho_signer TO $signer" >/dev/null

chmod 644 "$work/corp.key"
out=$(HOSHO_SIGN_KEY=$work/corp.key HOSHO_SIGN_CERT=$work/corp.pem as_signer --sign-certificates 2>&1)
expect_equal "$?" "1" "a signing key readable by others (0644) stops the batch"
case "$out" in
*"署名鍵 $work/corp.key はグループや他のユーザーにも開かれています（モード 0644）"*chmod\ 600*)
	tap_result 0 "with the reason and the remedy" ;;
*) tap_result 1 "with the reason and the remedy"; echo "# got: $out" ;;
esac
chmod 600 "$work/corp.key"

# ---- who may sign ---------------------------------------------------------
expect_equal "$(state_as clerk1 clerk1-demo "SELECT count(*) FROM hosho.certificate_unsigned()")" \
	"42501" "a clerk cannot list the certificates to sign"
sql_admin "GRANT hosho_signer TO clerk2" >/dev/null
expect_equal "$(state_as clerk2 clerk2-demo "SELECT count(*) FROM hosho.certificate_unsigned()")" \
	"HS403" "nor can a staff member granted the signer's role by mistake"
sql_admin "REVOKE hosho_signer FROM clerk2" >/dev/null
expect_equal "$(signer_sql "SELECT count(*) FROM hosho.guarantee")" "42501" "the signer reads no table"
expect_equal "$(signer_sql "SELECT hosho.certificate_document('$no')")" "42501" "nor the certificate through staff functions"
expect_equal "$(signer_sql "SELECT hosho.certificate_sign_store('$no', convert_to(
	replace(convert_from(document, 'UTF8'), '12500000', '99500000'), 'UTF8'), '\\x3000', 'CN=x')
	FROM hosho.certificate_unsigned()")" "HS422" "the signer cannot store a document other than the one issued"

out=$(as_clerk --certificate-electronic "$no" "$work" 2>&1)
expect_equal "$?:$out" "1:hosho: 電子保証書 $no はまだ署名されていません。署名処理（バッチ）の後に出力してください。" \
	"before the batch has run, staff cannot hand out the electronic certificate"

# ---- sign ---------------------------------------------------------------
out=$(HOSHO_SIGN_KEY=$work/corp.key HOSHO_SIGN_CERT=$work/corp.pem as_signer --sign-certificates 2>&1)
expect_equal "$?:$out" "0:1 件の電子保証書に署名しました。" "the batch signs the one waiting"
expect_equal "$(sql_admin "SELECT signer_subject || '|' || signed_by FROM hosho.certificate_electronic WHERE certificate_no = '$no'")" \
	"CN=hosho signer,O=Iwate Credit Guarantee Corporation|$signer" "with the key's subject and the signer login recorded"
out=$(as_signer --sign-key "$work/corp.key" --sign-cert "$work/corp.pem" --sign-certificates 2>&1)
expect_equal "$?:$out" "0:0 件の電子保証書に署名しました。" "a second run finds nothing to sign"
expect_equal "$(signer_sql "SELECT hosho.certificate_sign_store('$no', document, '\\x3000', 'CN=x')
	FROM hosho.certificate_electronic_get('$no')")" "42501" "the signer cannot read a signed one back"
expect_equal "$(signer_sql "SELECT hosho.certificate_sign_store('$no',
	'$(sql_admin "SELECT '\\x' || encode(document, 'hex') FROM hosho.certificate_electronic WHERE certificate_no = '$no'")',
	'\\x3000', 'CN=x')")" "HS409" "nor sign it a second time, even with its document"
expect_equal "$(state_as clerk_kama kama-demo "SELECT count(*) FROM hosho.certificate_electronic_get('$no')")" \
	"HS404" "a clerk of another office cannot read the electronic certificate"

# ---- what the bank receives and checks ----------------------------------
as_clerk --certificate-electronic "$no" "$work" >"$work/electronic.out" 2>&1
expect_equal "$?:$(stat -c %a "$work/$no.json" "$work/$no.p7s" | tr '\n' ' ')" "0:600 600 " \
	"hosho --certificate-electronic writes NO.json and NO.p7s for the bank (mode 0600)"
expect_equal "$(sql_as clerk1 clerk1-demo "SELECT hosho.certificate_document('$no')::text")" "$(cat "$work/$no.json")" \
	"NO.json is the certificate's document as issued"
verify() { openssl cms -verify -binary -inform DER -in "$work/$no.p7s" -content "$1" -CAfile "$work/ca.pem" -out /dev/null 2>/dev/null; }
verify "$work/$no.json"
expect_equal "$?" "0" "the bank's openssl cms -verify passes on what staff hand over"
sed 's/12500000/12500001/' "$work/$no.json" >"$work/tampered.json"
cmp -s "$work/$no.json" "$work/tampered.json"
expect_equal "$?" "1" "(one byte of the loan amount changed)"
verify "$work/tampered.json"
expect_equal "$?" "4" "and then the bank's verification fails"

tap_done
