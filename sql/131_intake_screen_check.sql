-- 131_intake_screen_check.sql — the intake screen's check at the speed of
-- the intake check (130).
--
-- The screen checks a request with guarantee_checks (101) as fields are
-- filled, not with intake_check. It read the company four times (itself,
-- company_eligibility, watchlist_hits, limit_check), each read asking
-- row-level security for the caller's sections, and its plans were made
-- again in every transaction: 2.2 ms p50 at national scale, 3.7 ms for a
-- clerk's first check after the sign-in warm-up, which could not plan the
-- company's statements without a company. Here the company is read once
-- and handed to the rules that take its facts (eligibility,
-- limit_check_facts, watchlist_hits_of); every statement runs, and so is
-- planned, without a company too; the plans are kept for the session.
-- Same rows as 101's, in the same order.

-- The watch-list entries a company meets: by its name or reading, or its
-- representative's (101's rule, on a company already read).
CREATE FUNCTION hosho.watchlist_hits_of(c hosho.company)
RETURNS TABLE (entry_id bigint, kind text, name text, matched text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
    RETURN QUERY
    SELECT w.entry_id, w.kind, w.name,
           CASE WHEN w.kind = 'corporation' THEN '企業名' ELSE '代表者' END
      FROM hosho.watchlist w
     WHERE w.active AND (
           w.kind = 'corporation' AND (w.name_fold = hosho.watch_fold(c.name)
                                       OR w.reading_fold = hosho.watch_fold(c.kana))
        OR w.kind = 'person' AND (w.name_fold = hosho.watch_fold(c.representative)
                                  OR w.reading_fold = hosho.watch_fold(c.representative_kana)))
     ORDER BY w.entry_id;
END $$;
ALTER FUNCTION hosho.watchlist_hits_of(hosho.company) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.watchlist_hits_of(hosho.company) FROM PUBLIC;

CREATE OR REPLACE FUNCTION hosho.watchlist_hits(p_company_id bigint)
RETURNS TABLE (entry_id bigint, kind text, name text, matched text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN QUERY SELECT h.* FROM hosho.company c, LATERAL hosho.watchlist_hits_of(c) h WHERE c.company_id = p_company_id;
END $$;

-- What the intake form's fields meet, as they are filled: one row per
-- finding, with the field it concerns; blocking rows stop the intake (101).
CREATE OR REPLACE FUNCTION hosho.guarantee_checks(p jsonb)
RETURNS TABLE (field text, blocking boolean, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	on_date date := coalesce((p->>'bank_requested_on')::date, current_date);
	co hosho.company;
	amount bigint := (p->>'requested_amount')::bigint;
	scheme text := p->>'scheme_code';
	rp text := p->>'repayment';
	installments int := (p->>'installments')::int;
	balloon bigint := (p->>'balloon_yen')::bigint;
	k text;
BEGIN
	PERFORM hosho.require_staff();
	FOREACH k IN ARRAY ARRAY['company_id', 'bank_code', 'branch_code', 'scheme_code', 'requested_amount',
	                         'use_of_funds', 'term_months', 'repayment'] LOOP
		IF coalesce(p->>k, '') = '' THEN
			RETURN QUERY SELECT k, true, '必須項目です。';
		END IF;
	END LOOP;
	SELECT * INTO co FROM hosho.company c WHERE c.company_id = (p->>'company_id')::bigint;
	IF p->>'company_id' IS NOT NULL AND co.company_id IS NULL THEN
		RETURN QUERY SELECT 'company_id', true, '企業が見つからないか、担当範囲外です。';
	END IF;
	-- Run, and so planned, without a company too (rules_warm): no company,
	-- no rows (the watch list meets no NULL name).
	RETURN QUERY SELECT 'company_id', true, e.message
	  FROM hosho.eligibility(co.legal_form, co.industry_code, co.muni_code, co.capital_yen, co.employees,
	                         co.union_members, co.union_eligible_members, co.antisocial_result) e
	 WHERE co.company_id IS NOT NULL AND NOT e.ok;
	RETURN QUERY SELECT 'company_id', false,
		format('反社照会リストの%sに該当します（%s）。保留として受け付け、課長の確認を待ちます。', h.matched, h.name)
	  FROM hosho.watchlist_hits_of(co) h;
	IF p->>'bank_code' IS NOT NULL AND p->>'branch_code' IS NOT NULL
	   AND NOT EXISTS (SELECT FROM hosho.bank_branch b
	                    WHERE b.bank_code = p->>'bank_code' AND b.branch_code = p->>'branch_code') THEN
		RETURN QUERY SELECT 'branch_code', true, '金融機関・店舗が登録されていません。';
	END IF;
	IF amount <= 0 THEN
		RETURN QUERY SELECT 'requested_amount', true, '申込金額は1円以上で入力してください。';
	END IF;
	IF scheme IS NOT NULL AND (hosho.scheme_version_on(scheme, on_date)).scheme_code IS NULL THEN
		RETURN QUERY SELECT 'scheme_code', true,
			format('制度「%s」は%sに取り扱っていません。',
				coalesce((SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = scheme), scheme), on_date);
		RETURN;
	END IF;
	IF scheme IS NOT NULL AND amount > 0 THEN
		RETURN QUERY SELECT 'requested_amount', NOT l.ok, l.message
		  FROM hosho.limit_check_facts(co.legal_form, scheme, amount, coalesce((p->>'secured')::boolean, false),
		                               coalesce(p->>'guarantor', 'representative'), on_date, p->>'use_of_funds',
		                               ARRAY(SELECT e FROM hosho.guarantee_exposure(co.company_id) e)) l
		 WHERE co.company_id IS NOT NULL AND (NOT l.ok OR l.binding) AND l.cap_code <> 'scheme_unavailable';
	END IF;
	IF scheme IS NOT NULL AND p->>'use_of_funds' IS NOT NULL AND rp IS NOT NULL AND p->>'term_months' IS NOT NULL THEN
		RETURN QUERY SELECT CASE WHEN t.code LIKE 'deferral%' THEN 'deferral_months'
		                         WHEN t.code = 'use_not_allowed' THEN 'use_of_funds'
		                         WHEN t.code = 'input_unknown' THEN 'repayment'
		                         ELSE 'term_months' END, true, t.message
		  FROM hosho.term_check(scheme, p->>'use_of_funds', rp, (p->>'term_months')::int,
		                        coalesce((p->>'deferral_months')::int, 0), on_date) t
		 WHERE NOT t.ok AND t.code <> 'scheme_unavailable';
	END IF;
	IF rp IN ('equal', 'unequal') AND coalesce(installments, 0) < 2 THEN
		RETURN QUERY SELECT 'installments', true, '分割返済の返済回数（2回以上）を入力してください。';
	ELSIF rp NOT IN ('equal', 'unequal') AND installments IS NOT NULL THEN
		RETURN QUERY SELECT 'installments', true, '返済回数は分割返済のときだけ入力します。';
	END IF;
	IF balloon IS NOT NULL AND (rp NOT IN ('equal', 'unequal') OR balloon <= 0 OR balloon >= amount) THEN
		RETURN QUERY SELECT 'balloon_yen', true, '最終回増額は分割返済で、申込金額未満の金額です。';
	END IF;
	IF p->>'guarantor' IS NOT NULL
	   AND NOT EXISTS (SELECT FROM hosho.guarantor_kind x WHERE x.guarantor = p->>'guarantor') THEN
		RETURN QUERY SELECT 'guarantor', true, '連帯保証人の区分が正しくありません。';
	END IF;
	IF coalesce(p->>'fee_collection', 'lump') NOT IN ('lump', 'split') THEN
		RETURN QUERY SELECT 'fee_collection', true, '保証料の徴収方法が正しくありません。';
	END IF;
END
$$;
ALTER FUNCTION hosho.guarantee_checks(jsonb) SET plan_cache_mode = force_generic_plan;

-- The rules' entry points run on hosho's own search_path, as the SECURITY
-- DEFINER screens' functions do. A cached plan is made for the search_path
-- it was made under and made again under another: the rules they share
-- (eligibility, limit_check_facts, term_check, the fee's) were planned
-- afresh each time a clerk's session went from the intake screen's check
-- (pinned path) to a simulation or the sign-in's warm-up (the caller's
-- path) and back. With both on the same path: guarantee_checks alternating
-- with simulate, 1.51 -> 0.67 ms p50 at national scale, and the warm-up's
-- plans are the ones the first check uses.
ALTER FUNCTION hosho.simulate(text, text, text, bigint, int, text, text, bigint, int, int, text, int, smallint,
	boolean, text, boolean, boolean, date) SET search_path = pg_catalog, hosho, pg_temp;
ALTER FUNCTION hosho.simulate_checks(text, text, text, bigint, int, text, text, bigint, int, int, text, int, smallint,
	boolean, text, boolean, boolean, date) SET search_path = pg_catalog, hosho, pg_temp;
ALTER FUNCTION hosho.intake_check(bigint, text, text, bigint, int, int, text, int, smallint, boolean, text,
	boolean, boolean, date, text) SET search_path = pg_catalog, hosho, pg_temp;
ALTER FUNCTION hosho.company_eligibility(bigint) SET search_path = pg_catalog, hosho, pg_temp;
ALTER FUNCTION hosho.limit_check(bigint, text, bigint, boolean, text, date, text)
	SET search_path = pg_catalog, hosho, pg_temp;
ALTER FUNCTION hosho.rules_warm() SET search_path = pg_catalog, hosho, pg_temp;
