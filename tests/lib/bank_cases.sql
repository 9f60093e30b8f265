-- Guarantees for the bank-report tests, made through the lifecycle
-- (doc/lifecycle.md) as clerk1 (intake to submit) and super1 (decide,
-- issue, execute), all of bank 0123 but one: public.bank_case (k, id, cert)
--   issued1, issued2       保証書発行, approved ¥5,000,000
--   exec1 … exec4          実行 today, ¥5,000,000, balance ¥5,000,000
--   other                  実行, of bank 0509
-- Run as the cluster's superuser: psql -f bank_cases.sql.
CREATE TABLE public.bank_case (k text PRIMARY KEY, id bigint, cert text);
GRANT SELECT ON public.bank_case TO PUBLIC;
CREATE TEMP TABLE bank_co AS
SELECT row_number() OVER (ORDER BY c.company_id) AS n, c.company_id AS id
  FROM hosho.company c
 WHERE c.section_code = '0101' AND c.antisocial_result = 'clear' AND c.legal_form = 'corporation'
   AND NOT EXISTS (SELECT FROM hosho.company_eligibility(c.company_id) e WHERE NOT e.ok);
GRANT SELECT ON bank_co TO PUBLIC;
GRANT ALL ON public.bank_case TO PUBLIC;

CREATE FUNCTION pg_temp.bank_case_make(p_k text, p_n int, p_bank text, p_execute boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
	v int;
BEGIN
	SET SESSION AUTHORIZATION clerk1;
	id := (hosho.guarantee_intake(jsonb_build_object('company_id', (SELECT c.id FROM bank_co c WHERE c.n = p_n),
		'bank_code', p_bank, 'branch_code', '001', 'scheme_code', 'futsu', 'requested_amount', 5000000,
		'use_of_funds', 'working', 'term_months', 60, 'repayment', 'equal', 'installments', 60))->>'guarantee_id')::bigint;
	v := (hosho.guarantee_review_start(id, 1)->>'version')::int;
	v := (hosho.guarantee_review_save(jsonb_build_object('id', id, 'version', v, 'rate_class', 5))->>'version')::int;
	v := (hosho.guarantee_submit(id, v)->>'version')::int;
	RESET SESSION AUTHORIZATION;
	SET SESSION AUTHORIZATION super1;
	v := (hosho.guarantee_decide(id, v, true, NULL, NULL)->>'version')::int;
	v := (hosho.guarantee_issue(id, v, false)->>'version')::int;
	IF p_execute THEN
		PERFORM hosho.guarantee_execute(jsonb_build_object('id', id, 'version', v,
			'executed_on', current_date, 'executed_amount', 5000000));
	END IF;
	RESET SESSION AUTHORIZATION;
	INSERT INTO public.bank_case VALUES (p_k, id, (SELECT ce.certificate_no FROM hosho.certificate ce WHERE ce.guarantee_id = id));
END
$$;
SELECT pg_temp.bank_case_make('issued1', 1, '0123', false);
SELECT pg_temp.bank_case_make('issued2', 2, '0123', false);
SELECT pg_temp.bank_case_make('exec1', 3, '0123', true);
SELECT pg_temp.bank_case_make('exec2', 4, '0123', true);
SELECT pg_temp.bank_case_make('exec3', 5, '0123', true);
SELECT pg_temp.bank_case_make('exec4', 6, '0123', true);
SELECT pg_temp.bank_case_make('other', 7, '0509', true);
