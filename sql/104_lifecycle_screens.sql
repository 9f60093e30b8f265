-- 104_lifecycle_screens.sql — what the guarantee screens read that the
-- lifecycle (101) does not give as such: the case with what its review
-- shows beside it, in one round trip, and the certificates waiting for the
-- bank's execution report.

-- What a row of the schedule is (guarantee_schedule_list.kind).
INSERT INTO hosho.code_item VALUES
	('schedule_kind', 'repayment', '返済', 1),
	('schedule_kind', 'fee', '保証料', 2);

-- 保証案件 / 実行報告: the case (guarantee_get, logged as opened) with
--   id          the key the transitions take (their p jsonb names it `id`);
--   financials  the company's last three periods (100_review_data);
--   exposure    its live exposure by frame and each cap it counts in.
-- SECURITY INVOKER: each part is a function that checks the caller itself.
CREATE FUNCTION hosho.guarantee_case(p_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	r jsonb := hosho.guarantee_get(p_id);
	co bigint := (r->>'company_id')::bigint;
BEGIN
	IF r IS NULL THEN
		RETURN NULL;
	END IF;
	RETURN r || jsonb_build_object(
		'id', p_id,
		'financials', coalesce((SELECT jsonb_agg(to_jsonb(f) ORDER BY f.period_end DESC)
		                          FROM (SELECT * FROM hosho.company_financial_list(co)
		                                 ORDER BY period_end DESC LIMIT 3) f), '[]'),
		'exposure', coalesce((SELECT jsonb_agg(to_jsonb(e)) FROM hosho.company_exposure_summary(co) e), '[]'));
END
$$;

-- 実行待ち: issued certificates waiting for the bank's execution report,
-- in the caller's scope (row security), the nearest validity first.
CREATE FUNCTION hosho.guarantee_awaiting_execution(p_company_id bigint)
RETURNS TABLE (guarantee_id bigint, company_id bigint, company_name text, bank_name text,
	approved_amount bigint, certificate_no text, valid_until date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT g.guarantee_id, g.company_id, c.name, b.name, g.approved_amount, ce.certificate_no,
	       g.valid_until
	  FROM hosho.guarantee g
	  JOIN hosho.company c USING (company_id)
	  JOIN hosho.bank b USING (bank_code)
	  LEFT JOIN hosho.certificate ce USING (guarantee_id)
	 WHERE g.state = 'issued' AND (p_company_id IS NULL OR g.company_id = p_company_id)
	 ORDER BY g.valid_until, g.guarantee_id;
END
$$;

ALTER FUNCTION hosho.guarantee_case(bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.guarantee_awaiting_execution(bigint) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.guarantee_case(bigint), hosho.guarantee_awaiting_execution(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.guarantee_case(bigint) TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.guarantee_awaiting_execution(bigint) TO hosho_clerk, hosho_supervisor;
