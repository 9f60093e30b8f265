-- Executed guarantees for the mid-term screen tests, made by the superuser
-- (the lifecycle's own tests walk the path to execution): ¥12,000,000 to the
-- each of the first three companies of 保証一課 (0101), executed on the 1st
-- of the month a year ago at 1.00%, 60 equal monthly installments of
-- ¥200,000 on the 1st, the twelve due by this month's 1st repaid (balance
-- ¥9,600,000 whatever the day), the fee received. The second is three months
-- overdue (an accident by the rule) and owes a fee part due two months ago.
-- Prints the three guarantee ids.
CREATE FUNCTION pg_temp.executed(p_company bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
	executed_on date := (date_trunc('month', current_date) - interval '12 months')::date;
	maturity date := (executed_on + interval '60 months')::date;
BEGIN
	INSERT INTO hosho.guarantee AS g (company_id, bank_code, branch_code, scheme_code, frame_code, use_of_funds,
		requested_amount, proposed_amount, approved_amount, executed_amount, balance, rate_bp, sharing, term_months,
		deferral_months, repayment, installments, applied_on, issued_on, executed_on, maturity_on, section_code, state,
		handled_by, first_repayment_on)
	SELECT p_company, '0123', '001', 'futsu',
		(SELECT v.frame_code FROM hosho.scheme_version v WHERE v.scheme_code = 'futsu' ORDER BY v.valid_from DESC LIMIT 1),
		'working', 12000000, 12000000, 12000000, 12000000, 12000000, 100, 'partial80', 60, 0, 'equal', 60,
		executed_on - 30, executed_on - 10, executed_on, maturity, c.section_code, 'executed', 'clerk1',
		(executed_on + interval '1 month')::date
	  FROM hosho.company c WHERE c.company_id = p_company
	RETURNING g.guarantee_id INTO id;
	INSERT INTO hosho.certificate (certificate_no, guarantee_id, issued_on, valid_until, electronic, loan_amount,
		guaranteed_share_pct, guaranteed_amount, sharing, rate_bp, fee_yen, fee_collection)
	VALUES ('T-' || id, id, executed_on - 10, executed_on + 20, false, 12000000, 80, 9600000, 'partial80', 100, 0, 'lump');
	INSERT INTO hosho.repayment_schedule (guarantee_id, seq, due_on, principal, balance_after)
	SELECT id, r.seq, r.due_on, r.principal, r.balance_after
	  FROM hosho.repayment_rows(12000000, 'equal', 60, NULL, (executed_on + interval '1 month')::date, 1, maturity) r;
	INSERT INTO hosho.fee_receipt (guarantee_id, part, due_on, amount, received_on)
	VALUES (id, 1, executed_on, 100000, executed_on);
	UPDATE hosho.guarantee g SET balance = 12000000 - coalesce((SELECT sum(r.principal) FROM hosho.repayment_schedule r
	                                                            WHERE r.guarantee_id = id AND r.due_on <= date_trunc('month', current_date)), 0)
	 WHERE g.guarantee_id = id;
	RETURN id;
END $$;

CREATE TEMP TABLE made AS
SELECT n, pg_temp.executed(c.company_id) AS id
  FROM (SELECT company_id, row_number() OVER (ORDER BY company_id) AS n FROM hosho.company
         WHERE section_code = '0101' ORDER BY company_id LIMIT 3) c;
SELECT FROM hosho.delinquency_apply((SELECT id FROM made WHERE n = 2), current_date, 3, 600000, NULL, false, 'sales',
	'売上の急減', 'bank');
INSERT INTO hosho.fee_receipt (guarantee_id, part, due_on, amount, received_on)
SELECT id, 2, current_date - 60, 30000, NULL FROM made WHERE n = 2;
SELECT id FROM made ORDER BY n;
