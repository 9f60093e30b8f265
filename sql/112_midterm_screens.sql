-- 112_midterm_screens.sql — what the mid-term screens read that 110 does not
-- give as such (doc/midterm.md): a record shaped as the form's fields (one
-- round trip per screen), lists taking the form's fields as parameters,
-- and the offices as a code list. Every rule stays in 110: these functions
-- only call it and reshape its answer.

-- The offices (本所・支所) as a code list, for the reports by office.
CREATE OR REPLACE VIEW hosho.code_list (list, code, label, sort, valid_from, valid_to) AS
	SELECT 'municipality', muni_code::text, name, sort, NULL::date, NULL::date FROM hosho.municipality
	UNION ALL SELECT 'industry', industry_code, name, sort, NULL, NULL FROM hosho.industry
	UNION ALL SELECT 'bank', bank_code::text, name, sort, NULL, NULL FROM hosho.bank
	UNION ALL SELECT 'section', section_code, name, sort, NULL, NULL FROM hosho.section
	UNION ALL SELECT 'bank_category', category_code, name, sort, NULL, NULL FROM hosho.bank_category
	UNION ALL SELECT 'scheme', s.scheme_code, s.name, s.sort, r.valid_from, r.valid_to
	  FROM hosho.scheme s
	  JOIN (SELECT scheme_code, min(valid_from) AS valid_from,
	               CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS valid_to
	          FROM (SELECT v.*, count(*) FILTER (WHERE NOT v.continues)
	                              OVER (PARTITION BY v.scheme_code ORDER BY v.valid_from) AS run
	                  FROM (SELECT scheme_code, valid_from, valid_to,
	                               coalesce(lag(valid_to) OVER w + 1 = valid_from, false) AS continues
	                          FROM hosho.scheme_version
	                        WINDOW w AS (PARTITION BY scheme_code ORDER BY valid_from)) v) runs
	         GROUP BY scheme_code, run) r USING (scheme_code)
	UNION ALL SELECT 'scheme_category', category, name, sort, NULL, NULL FROM hosho.scheme_category
	UNION ALL SELECT 'legal_form', legal_form, name, sort, NULL, NULL FROM hosho.legal_form
	UNION ALL SELECT 'antisocial_result', antisocial_result, name, sort, NULL, NULL FROM hosho.antisocial_result
	UNION ALL SELECT 'use_of_funds', use_code, name, sort, NULL, NULL FROM hosho.use_of_funds
	UNION ALL SELECT 'repayment', repayment, name, sort, NULL, NULL FROM hosho.repayment
	UNION ALL SELECT 'guarantor', guarantor, name, sort, NULL, NULL FROM hosho.guarantor_kind
	UNION ALL SELECT 'duty', duty::text COLLATE "default", name, sort, NULL, NULL FROM hosho.duty
	UNION ALL SELECT 'office', office_code, name, sort, NULL, NULL FROM hosho.office
	UNION ALL SELECT list, code, label, sort, NULL, NULL FROM hosho.code_item;

-- 追加保証料 / 返戻 / 差額なし, as the screens name a change's fee kind.
INSERT INTO hosho.code_item VALUES
	('change_fee_kind', 'additional', '追加保証料', 1),
	('change_fee_kind', 'refund', '返戻保証料', 2),
	('change_fee_kind', 'no_difference', '差額なし', 3);

-- ---------------------------------------------------------------------------
-- 条件変更申請
-- ---------------------------------------------------------------------------
-- Executed guarantees in scope a change can be requested for: by guarantee
-- number (digits only), else certificate number or part of the company's
-- name or reading.
CREATE FUNCTION hosho.condition_change_targets(p_query text, p_limit int)
RETURNS TABLE (guarantee_id bigint, certificate_no text, company_name text, bank_name text, balance bigint,
	maturity_on date, rank_name text, pending text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	q text := nullif(btrim(p_query), '');
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT g.guarantee_id, ce.certificate_no, co.name, b.name, g.balance, g.maturity_on, r.name,
	       (SELECT hosho.code_label('change_state', c.state) FROM hosho.condition_change c
	         WHERE c.guarantee_id = g.guarantee_id AND c.state = 'pending')
	  FROM hosho.guarantee g
	  JOIN hosho.company co ON co.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	  LEFT JOIN hosho.certificate ce ON ce.guarantee_id = g.guarantee_id
	  LEFT JOIN hosho.delinquency d ON d.guarantee_id = g.guarantee_id AND d.closed_on IS NULL
	  LEFT JOIN hosho.delinquency_rank r ON r.rank_code = d.rank_code
	 WHERE g.state = 'executed'
	   AND (q IS NULL OR q ~ '^[0-9]{1,18}$' AND g.guarantee_id = q::bigint
	        OR q !~ '^[0-9]+$' AND (ce.certificate_no = q OR co.name LIKE hosho.like_part(q)
	                               OR co.kana LIKE hosho.like_part(q)))
	 ORDER BY co.kana, g.guarantee_id
	 LIMIT p_limit;
END
$$;

-- Old and new schedule side by side, row by row from the change on.
CREATE FUNCTION hosho.schedule_side_by_side(p_old jsonb, p_new jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('n', coalesce(a.i, b.j),
		'old_due_on', a.o->'due_on', 'old_principal', a.o->'principal', 'old_balance', a.o->'balance_after',
		'new_due_on', b.w->'due_on', 'new_principal', b.w->'principal', 'new_balance', b.w->'balance_after'))
		ORDER BY coalesce(a.i, b.j)), '[]')
	  FROM jsonb_array_elements(coalesce(p_old, '[]')) WITH ORDINALITY a(o, i)
	  FULL JOIN jsonb_array_elements(coalesce(p_new, '[]')) WITH ORDINALITY b(w, j) ON b.j = a.i
$$;

-- The arithmetic lines as rows of a list 78 cells wide: a line wider is
-- cut before its last " = ", the result on a row of its own. Cells are
-- counted as the terminal does for this text: two for each character of
-- three bytes (kanji, kana, full-width signs), one for the others.
CREATE FUNCTION hosho.arithmetic_rows(p_lines jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('n', r.n, 'line', r.line) ORDER BY r.n), '[]')
	  FROM (SELECT row_number() OVER (ORDER BY x.i, part.k) AS n, part.line
	          FROM jsonb_array_elements_text(coalesce(p_lines, '[]')) WITH ORDINALITY x(t, i)
	          CROSS JOIN LATERAL (SELECT length(x.t) + (octet_length(x.t) - length(x.t)) / 2 > 78
	                                     AND x.t LIKE '% = %' AS wide) w
	          CROSS JOIN LATERAL (SELECT 1 AS k, CASE WHEN w.wide THEN substring(x.t FROM '^(.*) = ') ELSE x.t END AS line
	                              UNION ALL
	                              SELECT 2, '    = ' || substring(x.t FROM '^.* = (.*)$') WHERE w.wide) part) r
$$;

-- A preview (condition_change_plan's answer) as the form's fields: the new
-- terms, the fee figures, the schedules and the arithmetic as lists.
CREATE FUNCTION hosho.change_preview_fields(p jsonb) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT jsonb_build_object(
		'new_maturity_on', p->'new'->'maturity_on', 'balance_after', p->'balance_after',
		'fee_new', p->'fee'->'new_fee', 'fee_credit', p->'fee'->'credit',
		'fee_difference', p->'fee'->'difference', 'fee_kind', p->'fee'->'kind',
		'schedule', hosho.schedule_side_by_side(p->'old_schedule', p->'new_schedule'),
		'arithmetic', hosho.arithmetic_rows(p->'fee'->'arithmetic'))
$$;

-- 条件変更申請's record: the guarantee as it stands (guarantee_get, logged
-- as opened), its open delinquency, and the pending change with what it
-- showed when requested, if there is one; else the new terms start as the
-- old. version is the guarantee's, which the request names.
CREATE FUNCTION hosho.condition_change_form(p_guarantee_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g jsonb := hosho.guarantee_get(p_guarantee_id);
	c jsonb;
	base jsonb;
BEGIN
	IF g IS NULL THEN
		RETURN NULL;
	END IF;
	base := jsonb_build_object('guarantee_id', g->'guarantee_id', 'version', g->'version',
		'certificate_no', g->'certificate_no', 'company_name', g->'company_name', 'bank_name', g->'bank_name',
		'guarantee_state', g->'state_name', 'balance', g->'balance', 'repayment_name', g->'repayment_name',
		'installments_left', (SELECT count(*) FROM hosho.guarantee_schedule_list(p_guarantee_id) s
		                       WHERE s.kind = 'repayment' AND s.due_on >= current_date),
		'maturity_on', g->'maturity_on',
		'rate', hosho.rate_text((g->>'rate_bp')::int),
		'rank_name', (SELECT r.name FROM hosho.delinquency d JOIN hosho.delinquency_rank r USING (rank_code)
		               WHERE d.guarantee_id = p_guarantee_id AND d.closed_on IS NULL));
	c := hosho.condition_change_get((SELECT x.change_id FROM hosho.condition_change_list(p_guarantee_id) x
	                                  WHERE x.state = 'pending'));
	IF c IS NULL THEN
		RETURN base || jsonb_build_object('change_on', current_date, 'new_repayment', g->'repayment',
			'schedule', '[]'::jsonb, 'arithmetic', '[]'::jsonb);
	END IF;
	-- no prepayment is no value (the field takes 1 yen or more)
	RETURN base || (c - 'version' - 'balance' - 'prepayment_yen')
		|| jsonb_build_object('prepayment_yen', nullif(c->'prepayment_yen', '0'))
		|| hosho.change_preview_fields(c->'preview');
END
$$;

-- The preview of what is typed, as the form shows it: the guarantee, what
-- was typed, and what the change would do. A change that cannot be
-- requested is refused at its field, as the request would refuse it.
CREATE FUNCTION hosho.condition_change_screen_preview(p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	v jsonb := hosho.condition_change_preview(p);
	refusal jsonb := v->'reasons'->0;
BEGIN
	IF refusal IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = refusal->>'field', MESSAGE = refusal->>'message';
	END IF;
	RETURN hosho.condition_change_form((p->>'guarantee_id')::bigint)
		|| (p - 'request_id' - 'version') || hosho.change_preview_fields(v);
END
$$;

-- The request, answered as the form: the change now pending with its
-- preview. The request id is this function's, so that a lost answer is
-- settled with the form too.
CREATE FUNCTION hosho.condition_change_screen_request(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'condition_change_screen_request');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	PERFORM hosho.condition_change_request(p - 'request_id', NULL);
	RETURN hosho.request_answer(p_request_id, hosho.condition_change_form((p->>'guarantee_id')::bigint));
END
$$;

-- The requester takes the pending change back, answered as the form (the
-- guarantee as it stands). The change's version is read here: only its
-- requester withdraws it, and a decision meanwhile is refused by the
-- withdrawal itself (not pending).
CREATE FUNCTION hosho.condition_change_screen_withdraw(p_change_id bigint, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	c hosho.condition_change;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'condition_change_screen_withdraw');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	SELECT * INTO c FROM hosho.condition_change x WHERE x.change_id = p_change_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この条件変更は見つからないか、担当範囲外です。';
	END IF;
	PERFORM hosho.condition_change_withdraw(c.change_id, c.version, NULL);
	RETURN hosho.request_answer(p_request_id, hosho.condition_change_form(c.guarantee_id));
END
$$;

-- 条件変更決裁's record: the change (condition_change_get, logged as
-- opened) with the schedules and the arithmetic it showed when requested.
CREATE FUNCTION hosho.condition_change_screen(p_change_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT c || jsonb_build_object('schedule', f->'schedule', 'arithmetic', f->'arithmetic')
	  FROM (SELECT hosho.condition_change_get(p_change_id) AS c) x
	  CROSS JOIN LATERAL (SELECT hosho.change_preview_fields(x.c->'preview') AS f) y
	 WHERE x.c IS NOT NULL
$$;

-- A date as documents print it: 令和6年4月1日 (平成 before 2019-05-01).
CREATE FUNCTION hosho.era_text(p date) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT CASE WHEN p >= date '2019-05-01' THEN '令和' || coalesce(nullif(extract(year FROM p)::int - 2018, 1)::text, '元')
	            ELSE '平成' || coalesce(nullif(extract(year FROM p)::int - 1988, 1)::text, '元') END || '年'
	       || extract(month FROM p)::int || '月' || extract(day FROM p)::int || '日'
$$;

-- 条件変更稟議書 (condition_change_document, logged as printed) as the lines
-- printed above the schedules: the case, the old and the new terms, the
-- delinquency it answers, the fee with its arithmetic, who asked and who
-- decided. A definer, for 110's figures (yen_figure); the document checks
-- the caller.
CREATE FUNCTION hosho.condition_change_document_lines(p_change_id bigint)
RETURNS TABLE (n bigint, line text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT x.i, x.l
	  FROM (SELECT hosho.condition_change_document(p_change_id) AS d) y
	  CROSS JOIN LATERAL unnest(ARRAY[
		format('%s　%s', d->>'corporation_name', d->>'section_name'),
		format('条件変更番号 %s（%s）　保証書番号 %s', d->>'change_id', d->>'state_name', d->>'certificate_no'),
		format('企業 %s（企業番号 %s）', d->>'company_name', d->>'company_id'),
		format('金融機関 %s %s　制度 %s', d->>'bank_name', d->>'branch_name', d->>'scheme_name'),
		format('実行 %s %s', hosho.era_text((d->>'executed_on')::date), hosho.yen_figure((d->>'executed_amount')::bigint)),
		format('変更の種類 %s　変更日 %s　金融機関の申出 %s', d->>'kind_name', hosho.era_text((d->>'change_on')::date),
		       coalesce(hosho.era_text((d->>'bank_requested_on')::date), '―')),
		format('変更前 残高 %s　%s　残り%s回　最終期日 %s　保証料率 年%s', hosho.yen_figure((d->>'balance_at_request')::bigint),
		       (SELECT r.name FROM hosho.repayment r WHERE r.repayment = d->'old_terms'->>'repayment'),
		       d->'old_terms'->>'installments_left', hosho.era_text((d->'old_terms'->>'maturity_on')::date),
		       hosho.rate_text((d->'old_terms'->>'rate_bp')::int)),
		format('変更後 残高 %s　%s　%s回　据置%sか月　最終期日 %s　保証料率 年%s',
		       hosho.yen_figure((d->>'balance_at_request')::bigint - coalesce((d->>'prepayment_yen')::bigint, 0)),
		       (SELECT r.name FROM hosho.repayment r WHERE r.repayment = d->>'new_repayment'),
		       coalesce(d->>'new_installments', '1'), coalesce(d->>'new_deferral_months', '0'),
		       hosho.era_text((d->>'new_maturity_on')::date), hosho.rate_text((d->>'new_rate_bp')::int))]
		|| CASE WHEN d->'delinquency' <> 'null' THEN ARRAY[format('対応する延滞 %s　延滞%sか月　延滞額 %s', d->>'rank_name',
		       d->'delinquency'->>'months_overdue', hosho.yen_figure((d->'delinquency'->>'amount_overdue')::bigint))]
		        ELSE '{}' END
		|| ARRAY[format('理由 %s', coalesce(d->>'reason', '')), '保証料']
		|| ARRAY(SELECT '　' || a FROM jsonb_array_elements_text(d->'preview'->'fee'->'arithmetic') a)
		|| ARRAY[format('依頼 %s %s', d->>'requested_by_name', hosho.era_text((d->>'requested_at')::date))]
		|| CASE WHEN d->>'decided_by_name' IS NOT NULL
		        THEN ARRAY[format('決裁 %s %s %s　%s', d->>'decided_by_name', hosho.era_text((d->>'decided_at')::date),
		                          d->>'state_name', coalesce(d->>'decision_reason_name', d->>'decision_reason', ''))]
		        ELSE '{}' END) WITH ORDINALITY x(l, i)
	 WHERE y.d IS NOT NULL;
END
$$;

-- ---------------------------------------------------------------------------
-- 延滞・事故
-- ---------------------------------------------------------------------------
-- The open records by the form's conditions (each may be empty: all).
CREATE FUNCTION hosho.delinquency_screen_list(p_office text, p_bank text, p_accident boolean, p_limit int)
RETURNS TABLE (delinquency_id bigint, guarantee_id bigint, company_name text, bank_name text, office_code text,
	months_overdue int, amount_overdue bigint, balance bigint, rank_code text, rank_name text, accident_on date,
	opened_on date, next_action text, due_on date)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT d.delinquency_id, d.guarantee_id, d.company_name, d.bank_name, d.office_code, d.months_overdue,
	       d.amount_overdue, d.balance, d.rank_code, d.rank_name, d.accident_on, d.opened_on, d.next_action, d.due_on
	  FROM hosho.delinquency_list(jsonb_strip_nulls(jsonb_build_object('office_code', p_office,
		'bank_code', p_bank, 'accident', p_accident))) d LIMIT p_limit
$$;

-- A case (delinquency_get, logged as opened) as the form's fields: its plan
-- lifted to the top (version is the plan's, which its save names; the
-- record's own is delinquency_version, which 代位弁済見込 names).
CREATE FUNCTION hosho.delinquency_case(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT (d - 'plan' - 'version' - 'cause_code') || jsonb_build_object(
		'delinquency_version', d->'version',
		'cause_code', coalesce(d->'plan'->'cause_code', d->'cause_code'),
		'version', d->'plan'->'version',
		'direction_code', d->'plan'->'direction_code', 'next_action', d->'plan'->'next_action',
		'due_on', d->'plan'->'due_on', 'done_on', d->'plan'->'done_on', 'note', d->'plan'->'note',
		'assigned_to_name', d->'plan'->'assigned_to_name',
		'policy', CASE WHEN d->>'subrogation_expected_on' IS NOT NULL THEN '代位弁済見込み（決定）'
		               WHEN d->>'pending_approval_id' IS NOT NULL THEN '代位弁済見込み（決裁待ち）' END)
	  FROM (SELECT hosho.delinquency_get(p_id) AS d) x
	 WHERE x.d IS NOT NULL
$$;

-- The plan saved from the case's form, answered as the form.
CREATE FUNCTION hosho.delinquency_case_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	req uuid := (p->>'request_id')::uuid;
	answer jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(req, 'delinquency_case_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	PERFORM hosho.delinquency_plan_save(p - 'request_id', NULL);
	RETURN hosho.request_answer(req, hosho.delinquency_case((p->>'delinquency_id')::bigint));
END
$$;

-- 事故管理方針（代位弁済見込）asked of head office from the case, answered as
-- the form.
CREATE FUNCTION hosho.delinquency_case_subrogation(p_id bigint, p_version int, p_note text,
	p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'delinquency_case_subrogation');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	PERFORM hosho.subrogation_expected_request(p_id, p_version, p_note, NULL);
	RETURN hosho.request_answer(p_request_id, hosho.delinquency_case(p_id));
END
$$;

-- ---------------------------------------------------------------------------
-- Reports
-- ---------------------------------------------------------------------------
-- 延滞・事故保証債務ランク別実態報告書 for the bank typed, else the office
-- typed, else the corporation.
CREATE FUNCTION hosho.rank_report_screen(p_office text, p_bank text, p_on date)
RETURNS TABLE (rank_code text, rank_name text, guarantees bigint, companies bigint, balance bigint,
	amount_overdue bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT r.rank_code, r.rank_name, r.guarantees, r.companies, r.balance, r.amount_overdue
	  FROM hosho.rank_report(CASE WHEN p_bank IS NOT NULL THEN 'bank' WHEN p_office IS NOT NULL THEN 'office'
	                              ELSE 'corporation' END, coalesce(p_bank, p_office), p_on) r
	UNION ALL
	SELECT NULL, '合計', sum(r.guarantees)::bigint, NULL, sum(r.balance)::bigint, sum(r.amount_overdue)::bigint
	  FROM hosho.rank_report(CASE WHEN p_bank IS NOT NULL THEN 'bank' WHEN p_office IS NOT NULL THEN 'office'
	                              ELSE 'corporation' END, coalesce(p_bank, p_office), p_on) r
$$;

-- 未収保証料状況表 with each row named as the table prints it.
CREATE FUNCTION hosho.unpaid_fee_table_screen(p_on date)
RETURNS TABLE (n bigint, office_name text, bank_name text, cases bigint, companies bigint, amount bigint,
	remaining bigint, late_fee bigint, with_cause bigint, installments bigint, refinanced bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT row_number() OVER (),
	       CASE t.level WHEN 'total' THEN '合計' WHEN 'office' THEN t.office_name || ' 計' ELSE t.office_name END,
	       CASE t.level WHEN 'bank' THEN t.bank_name END, t.cases, t.companies, t.amount, t.remaining, t.late_fee, t.with_cause, t.installments,
	       t.refinanced
	  FROM hosho.unpaid_fee_table(p_on) t
$$;

-- 事故受付・事故残高・事故調整額累計 of the five fiscal years to p_fiscal_year
-- (the year it starts in), each named in the era as the brochure does.
CREATE FUNCTION hosho.accident_figures_screen(p_fiscal_year int)
RETURNS TABLE (fiscal_year int, year_name text, received_count bigint, received_amount bigint,
	balance_count bigint, balance_amount bigint, adjusted_count bigint, adjusted_amount bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT f.fiscal_year,
	       CASE WHEN f.fiscal_year >= 2019 THEN '令和' || nullif(f.fiscal_year - 2018, 1) ELSE '平成' || (f.fiscal_year - 1988) END
	       || CASE WHEN f.fiscal_year = 2019 THEN '元' ELSE '' END || '年度',
	       f.received_count, f.received_amount, f.balance_count, f.balance_amount, f.adjusted_count,
	       f.adjusted_amount
	  FROM generate_series(coalesce(p_fiscal_year, extract(year FROM current_date - interval '3 months')::int) - 4,
	                       coalesce(p_fiscal_year, extract(year FROM current_date - interval '3 months')::int)) y
	  CROSS JOIN LATERAL hosho.accident_figures(y::int) f
	 ORDER BY f.fiscal_year DESC
$$;

-- ---------------------------------------------------------------------------
-- Ownership and privileges: each function checks the caller through the
-- 110 function it calls; the grants follow those.
-- ---------------------------------------------------------------------------
ALTER VIEW hosho.code_list OWNER TO hosho_owner;
GRANT SELECT ON hosho.code_list TO hosho_staff;
DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['condition_change_targets(text, int)', 'schedule_side_by_side(jsonb, jsonb)',
	                         'arithmetic_rows(jsonb)', 'era_text(date)', 'condition_change_document_lines(bigint)',
	                         'change_preview_fields(jsonb)', 'condition_change_form(bigint)',
	                         'condition_change_screen_preview(jsonb)', 'condition_change_screen_request(jsonb, uuid)',
	                         'condition_change_screen_withdraw(bigint, uuid)', 'condition_change_screen(bigint)', 'delinquency_screen_list(text, text, boolean, int)',
	                         'delinquency_case(bigint)', 'delinquency_case_save(jsonb)',
	                         'delinquency_case_subrogation(bigint, int, text, uuid)',
	                         'rank_report_screen(text, text, date)', 'unpaid_fee_table_screen(date)',
	                         'accident_figures_screen(int)'] LOOP
		EXECUTE format('ALTER FUNCTION hosho.%s OWNER TO hosho_owner', f);
		EXECUTE format('REVOKE EXECUTE ON FUNCTION hosho.%s FROM PUBLIC', f);
	END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION hosho.schedule_side_by_side(jsonb, jsonb), hosho.arithmetic_rows(jsonb),
	hosho.change_preview_fields(jsonb),
	hosho.condition_change_screen(bigint), hosho.era_text(date), hosho.condition_change_document_lines(bigint),
	hosho.delinquency_screen_list(text, text, boolean, int),
	hosho.delinquency_case(bigint), hosho.rank_report_screen(text, text, date),
	hosho.unpaid_fee_table_screen(date), hosho.accident_figures_screen(int)
	TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.condition_change_targets(text, int), hosho.condition_change_form(bigint),
	hosho.condition_change_screen_preview(jsonb), hosho.condition_change_screen_request(jsonb, uuid),
	hosho.condition_change_screen_withdraw(bigint, uuid),
	hosho.delinquency_case_save(jsonb), hosho.delinquency_case_subrogation(bigint, int, text, uuid)
	TO hosho_clerk, hosho_supervisor;
