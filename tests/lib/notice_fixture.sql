-- Four certificates issued in the last ten days, each with its 信用保険通知
-- not yet sent to JFC: three of 保証一課 (10, 20 and 30 million yen lent,
-- 80% guaranteed), one of 釜石支所 (40 million). Certificate numbers
-- T-<guarantee id>. Run as the superuser.
CREATE TEMP TABLE notice_co AS
SELECT company_id, section_code, row_number() OVER (ORDER BY section_code, company_id) AS n
  FROM (SELECT c.company_id, c.section_code, row_number() OVER (PARTITION BY c.section_code ORDER BY c.company_id) AS k
          FROM hosho.company c WHERE c.section_code IN ('0101', '0201')) x
 WHERE k <= CASE section_code WHEN '0101' THEN 3 ELSE 1 END;
INSERT INTO hosho.guarantee (company_id, state, bank_code, branch_code, scheme_code, frame_code, use_of_funds,
	requested_amount, approved_amount, rate_class, rate_bp, sharing, term_months, repayment, installments,
	applied_on, issued_on, valid_until, section_code)
SELECT c.company_id, 'issued', '0123', '001', 'futsu', 'general', 'working', 10000000 * c.n, 10000000 * c.n,
       5, 115, 'partial80', 60, 'equal', 60, current_date - 20, current_date - 10 + c.n::int, current_date + 20,
       c.section_code
  FROM notice_co c;
INSERT INTO hosho.certificate (certificate_no, guarantee_id, issued_on, valid_until, electronic, loan_amount,
	guaranteed_share_pct, guaranteed_amount, sharing, rate_bp, fee_yen, fee_collection)
SELECT 'T-' || g.guarantee_id, g.guarantee_id, g.issued_on, g.valid_until, false, g.approved_amount, 80,
       g.approved_amount * 8 / 10, 'partial80', 115, 100000, 'lump'
  FROM hosho.guarantee g WHERE g.company_id IN (SELECT company_id FROM notice_co) AND g.state = 'issued';
INSERT INTO hosho.insurance_notice (guarantee_id, certificate_no, kind, amount, noted_on)
SELECT ce.guarantee_id, ce.certificate_no, 'issue', ce.guaranteed_amount, ce.issued_on
  FROM hosho.certificate ce WHERE ce.certificate_no LIKE 'T-%';
