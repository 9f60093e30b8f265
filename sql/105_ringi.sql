-- 105_ringi.sql — the 保証稟議書: the decision document of one guarantee
-- case, as the review screen and hosho --ringi-pdf print it. One function
-- gathers what the approvers read (the case, the company, the bank's
-- request, the company's exposure, the review, the findings of the intake
-- checks, the approval route); the layout is the program's (src/print).
-- Keys: doc/lifecycle.md, "guarantee_ringi_document".

-- The approval route of a case: one entry per decision level in rank order,
-- whether the case passes that level (its office kind, up to the level
-- the decision needs), and the stamps it bears: the clerk of the case at
-- 担当者, the decider at the level the decision needed.
CREATE FUNCTION hosho.guarantee_route(g hosho.guarantee) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	WITH req AS (SELECT coalesce((SELECT l.rank FROM hosho.decision_level l WHERE l.level = g.required_level), 0) AS rank),
	stamps AS (
		SELECT 'clerk' AS level, 1 AS n, 'handled' AS act, g.handled_by AS staff,
		       coalesce(g.submitted_at::date, g.applied_on) AS on_date
		 WHERE g.handled_by IS NOT NULL
		UNION ALL
		SELECT coalesce(g.required_level, 'clerk'), 2, 'decided', g.decided_by, g.decided_at::date
		 WHERE g.decided_by IS NOT NULL)
	SELECT coalesce(jsonb_agg(jsonb_build_object(
		'level', l.level, 'title', l.name,
		'on_route', l.rank = 1 OR l.rank <= req.rank
		            AND (l.applies_to IS NULL OR l.applies_to = hosho.section_office_kind(g.section_code)),
		'stamps', coalesce((SELECT jsonb_agg(jsonb_build_object('act', s.act, 'staff_name',
		                              coalesce((SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = s.staff),
		                                       s.staff::text),
		                              'on', s.on_date) ORDER BY s.n)
		                      FROM stamps s WHERE s.level = l.level), '[]'))
		ORDER BY l.rank), '[]')
	  FROM hosho.decision_level l CROSS JOIN req
$$;

-- The findings of the intake checks on the case's facts and the amount
-- before the decision (the proposal, or what was approved). A case that
-- already counts in its company's exposure (approved and later) would be
-- counted twice by the limit check: its limit was checked at approval
-- (guarantee_approval_check), so its findings leave the limit out.
CREATE FUNCTION hosho.guarantee_case_checks(g hosho.guarantee) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('field', c.field, 'blocking', c.blocking, 'reason', c.reason)), '[]')
	  FROM hosho.guarantee_checks(jsonb_strip_nulls(jsonb_build_object(
		'company_id', g.company_id, 'bank_code', g.bank_code, 'branch_code', g.branch_code,
		'scheme_code', g.scheme_code,
		'requested_amount', coalesce(g.approved_amount, g.proposed_amount, g.requested_amount),
		'use_of_funds', g.use_of_funds, 'term_months', g.term_months, 'repayment', g.repayment,
		'installments', g.installments, 'deferral_months', g.deferral_months, 'balloon_yen', g.balloon_yen,
		'secured', g.secured, 'guarantor', g.guarantor,
		'bank_requested_on', coalesce(g.bank_requested_on, g.applied_on),
		'fee_collection', g.fee_collection))) c
	 WHERE NOT (c.field = 'requested_amount' AND g.state IN ('approved', 'issued', 'executed'))
$$;

-- The company's exposure by frame and under each cap (company_exposure_summary's rows).
CREATE FUNCTION hosho.company_exposure_rows(p_company_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT coalesce(jsonb_agg(to_jsonb(e)), '[]') FROM hosho.company_exposure_summary(p_company_id) e
$$;

-- The fee a certificate on p_amount would carry, by the certificate's
-- rules (guarantee_issue: the guaranteed share of the amount, the rate set
-- at submission, the term from today); the share the decision will fix
-- (sharing_for) while the case has none. NULL before the rate is set.
CREATE FUNCTION hosho.guarantee_fee_estimate(g hosho.guarantee, p_amount bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	pct int;
	guaranteed bigint;
BEGIN
	IF g.rate_bp IS NULL OR p_amount IS NULL THEN
		RETURN NULL;
	END IF;
	IF g.sharing IS NULL THEN
		g.sharing := (SELECT s.sharing FROM hosho.sharing_for(g.scheme_code, g.bank_code,
		                  coalesce(g.bank_requested_on, g.applied_on)) s WHERE s.ok AND s.sharing IS NOT NULL LIMIT 1);
	END IF;
	pct := hosho.guarantee_share_pct(g);
	guaranteed := p_amount * pct / 100;
	RETURN jsonb_build_object('guaranteed_share_pct', pct, 'guaranteed_amount', guaranteed,
		'fee_yen', hosho.guarantee_fee(g.repayment, guaranteed, g.rate_bp, g.term_months, g.deferral_months,
			g.installments, g.balloon_yen * pct / 100, current_date));
END
$$;

-- The 保証稟議書 of case p_id as the caller sees it (row security), or NULL;
-- printing it is logged.
CREATE FUNCTION hosho.guarantee_ringi_document(p_id bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
	d jsonb;
BEGIN
	PERFORM hosho.require_staff();
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = p_id;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	SELECT jsonb_build_object(
		'guarantee_id', g.guarantee_id, 'state', g.state, 'state_name', hosho.code_label('guarantee_state', g.state),
		'applied_on', g.applied_on, 'bank_requested_on', g.bank_requested_on, 'submitted_on', g.submitted_at::date,
		'decided_on', g.decided_at::date, 'printed_on', current_date,
		'certificate_no', (SELECT ce.certificate_no FROM hosho.certificate ce WHERE ce.guarantee_id = g.guarantee_id),
		'company_id', co.company_id, 'company_name', co.name, 'company_kana', co.kana,
		'representative', co.representative, 'company_address', '岩手県' || m.name || co.address,
		'industry_name', i.name, 'capital_yen', co.capital_yen, 'employees', co.employees,
		'founded_on', co.founded_on,
		'bank_name', b.name, 'branch_name', br.name, 'scheme_name', s.name,
		'requested_amount', g.requested_amount, 'proposed_amount', g.proposed_amount,
		'approved_amount', g.approved_amount,
		'use_of_funds_name', u.name, 'purpose_note', g.purpose_note, 'term_months', g.term_months,
		'repayment_name', rp.name, 'installments', g.installments, 'deferral_months', g.deferral_months,
		'balloon_yen', g.balloon_yen, 'secured', g.secured, 'collateral', g.collateral,
		'guarantor_name', (SELECT k.name FROM hosho.guarantor_kind k WHERE k.guarantor = g.guarantor),
		'rate_class', g.rate_class, 'rate_basis', g.rate_basis, 'rate_bp', g.rate_bp,
		'fee_collection_name', hosho.code_label('fee_collection', g.fee_collection),
		'fee_estimate', hosho.guarantee_fee_estimate(g, coalesce(g.approved_amount, g.proposed_amount)),
		'review_note', g.review_note, 'conditions', g.conditions,
		'financials', (SELECT coalesce(jsonb_agg(jsonb_build_object('period_end', f.period_end,
				'sales_yen', f.sales_yen, 'operating_profit_yen', f.operating_profit_yen,
				'ordinary_profit_yen', f.ordinary_profit_yen, 'net_assets_yen', f.net_assets_yen,
				'borrowings_yen', f.borrowings_yen) ORDER BY f.period_end DESC), '[]')
			FROM (SELECT * FROM hosho.company_financial x WHERE x.company_id = g.company_id
			       ORDER BY x.period_end DESC LIMIT 3) f),
		'exposure', hosho.company_exposure_rows(g.company_id),
		'findings', hosho.guarantee_case_checks(g),
		'handled_by_name', (SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = g.handled_by),
		'submitted_by_name', (SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = g.submitted_by),
		'decided_by_name', (SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = g.decided_by),
		'required_level_name', (SELECT l.name FROM hosho.decision_level l WHERE l.level = g.required_level),
		'route', hosho.guarantee_route(g))
	  INTO d
	  FROM hosho.company co
	  JOIN hosho.municipality m ON m.muni_code = co.muni_code
	  JOIN hosho.industry i ON i.industry_code = co.industry_code
	  CROSS JOIN hosho.bank b
	  JOIN hosho.bank_branch br ON br.bank_code = b.bank_code AND br.branch_code = g.branch_code
	  CROSS JOIN hosho.scheme s
	  CROSS JOIN hosho.repayment rp
	  CROSS JOIN hosho.use_of_funds u
	 WHERE co.company_id = g.company_id AND b.bank_code = g.bank_code AND s.scheme_code = g.scheme_code
	   AND rp.repayment = g.repayment AND u.use_code = g.use_of_funds;
	PERFORM hosho.log_access('print', 'guarantee', p_id::text, jsonb_build_object('document', 'ringi'));
	RETURN d;
END
$$;

-- Ownership and privileges: the owner's, as every function of hosho;
-- the document for staff duties, the helpers for no one.
ALTER FUNCTION hosho.guarantee_route(hosho.guarantee) OWNER TO hosho_owner;
ALTER FUNCTION hosho.guarantee_case_checks(hosho.guarantee) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_exposure_rows(bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.guarantee_fee_estimate(hosho.guarantee, bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.guarantee_ringi_document(bigint) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.guarantee_route(hosho.guarantee), hosho.guarantee_case_checks(hosho.guarantee),
	hosho.company_exposure_rows(bigint), hosho.guarantee_fee_estimate(hosho.guarantee, bigint),
	hosho.guarantee_ringi_document(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.guarantee_ringi_document(bigint) TO hosho_staff;
