-- 113_unpaid_screens.sql — the unpaid-fee case screens over 110's functions
-- (doc/midterm_screens.md), and 事故調整額累計 beside the year's figures.
-- As 112: every rule stays in 110; these functions call it and shape its
-- answer as the forms show it.

-- ---------------------------------------------------------------------------
-- 事故調整額累計: accident_figures gains adjusted_total_amount, every accident
-- closed other than by subrogation from the beginning to the year's end (the
-- year's own adjustment stays adjusted_amount). A changed RETURNS TABLE: the
-- screen's function, which reads it, is dropped first and made again.
-- ---------------------------------------------------------------------------
DROP FUNCTION hosho.accident_figures_screen(int);
DROP FUNCTION hosho.accident_figures(int);

-- 事故受付・事故残高・事故調整額 of a fiscal year (April to March; the
-- current year up to today) and 事故調整額累計 to its end, in the caller's
-- scope (a report owned by hosho_report, as in 110).
CREATE FUNCTION hosho.accident_figures(p_fiscal_year int)
RETURNS TABLE (fiscal_year int, received_count bigint, received_amount bigint, balance_count bigint,
	balance_amount bigint, adjusted_count bigint, adjusted_amount bigint, adjusted_total_amount bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp SET jit = off AS $$
DECLARE
	fy_from date := make_date(p_fiscal_year, 4, 1);
	fy_to date := least(make_date(p_fiscal_year + 1, 3, 31), current_date);
	secs text[] := hosho.my_sections();
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY
	WITH a AS (SELECT d.* FROM hosho.delinquency d WHERE d.accident_on <= fy_to AND d.section_code = ANY (secs))
	SELECT p_fiscal_year,
	       count(*) FILTER (WHERE a.accident_on >= fy_from),
	       coalesce(sum(a.accident_balance) FILTER (WHERE a.accident_on >= fy_from), 0)::bigint,
	       count(*) FILTER (WHERE a.closed_on IS NULL OR a.closed_on > fy_to),
	       coalesce(sum((SELECT x.balance FROM hosho.delinquency_event x
	                      WHERE x.delinquency_id = a.delinquency_id AND x.reported_on <= fy_to
	                      ORDER BY x.reported_on DESC, x.event_id DESC LIMIT 1))
	                FILTER (WHERE a.closed_on IS NULL OR a.closed_on > fy_to), 0)::bigint,
	       count(*) FILTER (WHERE a.closed_on BETWEEN fy_from AND fy_to AND a.close_reason <> 'subrogated'),
	       coalesce(sum(a.balance) FILTER (WHERE a.closed_on BETWEEN fy_from AND fy_to AND a.close_reason <> 'subrogated'),
	                0)::bigint,
	       coalesce(sum(a.balance) FILTER (WHERE a.closed_on <= fy_to AND a.close_reason <> 'subrogated'), 0)::bigint
	  FROM a;
END
$$;
ALTER FUNCTION hosho.accident_figures(int) OWNER TO hosho_report;
REVOKE EXECUTE ON FUNCTION hosho.accident_figures(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.accident_figures(int) TO hosho_staff;

-- The five fiscal years to p_fiscal_year (the year it starts in), each
-- named in the era as the brochure does.
CREATE FUNCTION hosho.accident_figures_screen(p_fiscal_year int)
RETURNS TABLE (fiscal_year int, year_name text, received_count bigint, received_amount bigint,
	balance_count bigint, balance_amount bigint, adjusted_count bigint, adjusted_amount bigint,
	adjusted_total_amount bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT f.fiscal_year,
	       CASE WHEN f.fiscal_year >= 2019 THEN '令和' || nullif(f.fiscal_year - 2018, 1) ELSE '平成' || (f.fiscal_year - 1988) END
	       || CASE WHEN f.fiscal_year = 2019 THEN '元' ELSE '' END || '年度',
	       f.received_count, f.received_amount, f.balance_count, f.balance_amount, f.adjusted_count,
	       f.adjusted_amount, f.adjusted_total_amount
	  FROM generate_series(coalesce(p_fiscal_year, extract(year FROM current_date - interval '3 months')::int) - 4,
	                       coalesce(p_fiscal_year, extract(year FROM current_date - interval '3 months')::int)) y
	  CROSS JOIN LATERAL hosho.accident_figures(y::int) f
	 ORDER BY f.fiscal_year DESC
$$;

-- ---------------------------------------------------------------------------
-- 未収保証料: the list of unpaid parts and one part's case
-- ---------------------------------------------------------------------------
-- A part is named on the screens as the access log names it:
-- 'guarantee_id-part'. Split; NULLs for anything else.
CREATE FUNCTION hosho.fee_part_key(p_key text, OUT guarantee_id bigint, OUT part int)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT CASE WHEN x.ok THEN split_part(p_key, '-', 1)::bigint END, CASE WHEN x.ok THEN split_part(p_key, '-', 2)::int END
	  FROM (SELECT p_key ~ '^[0-9]{1,18}-[0-9]{1,9}$' AS ok) x
$$;

-- The unpaid parts by the form's conditions (each may be empty: all in the
-- caller's scope; no date: today), each with its key.
CREATE FUNCTION hosho.unpaid_fee_screen_list(p_office text, p_bank text, p_on date, p_limit int)
RETURNS TABLE (fee_key text, guarantee_id bigint, part int, company_name text, bank_name text, office_name text,
	due_on date, amount bigint, remaining bigint, days_overdue int, late_fee bigint, has_cause boolean,
	cause_name text, has_plan boolean, remedy_name text)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT u.guarantee_id || '-' || u.part, u.guarantee_id, u.part, u.company_name, u.bank_name, u.office_name,
	       u.due_on, u.amount, u.remaining, u.days_overdue, u.late_fee, u.cause_code IS NOT NULL, u.cause_name,
	       u.plan_count > 0, u.remedy_name
	  FROM hosho.unpaid_fees(p_office, p_bank, p_on) u
	 LIMIT p_limit
$$;

-- One fee part as the case's form shows it (logged as opened): its figures,
-- the late fee to today with 110's arithmetic (a list of lines), the cause
-- and remedy recorded (version is the case's, which the save names), and
-- the 分割納入 installments (items). The part's own receipt date is
-- part_received_on: received_on is the date the clerk types to receive.
CREATE FUNCTION hosho.unpaid_fee_case(p_key text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	k record := hosho.fee_part_key(p_key);
	late jsonb;
	r jsonb;
BEGIN
	PERFORM hosho.require_staff();
	SELECT jsonb_build_object('fee_key', f.guarantee_id || '-' || f.part, 'guarantee_id', f.guarantee_id,
		'part', f.part, 'certificate_no', ce.certificate_no, 'company_name', co.name, 'bank_name', b.name,
		'kind_name', hosho.code_label('fee_receipt_kind', f.kind), 'due_on', f.due_on, 'amount', f.amount,
		'part_received_on', f.received_on,
		'received', coalesce((SELECT sum(i.amount) FROM hosho.unpaid_fee_plan i
		                       WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part AND i.received_on IS NOT NULL), 0),
		'cause_code', uc.cause_code, 'note', uc.note, 'remedy', uc.remedy, 'refinanced_by', uc.refinanced_by,
		'version', uc.version,
		'items', coalesce((SELECT jsonb_agg(jsonb_build_object('seq', i.seq, 'due_on', i.due_on, 'amount', i.amount,
		                                                       'received_on', i.received_on) ORDER BY i.seq)
		                     FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part), '[]'))
	  INTO r
	  FROM hosho.fee_receipt f
	  JOIN hosho.guarantee g ON g.guarantee_id = f.guarantee_id
	  JOIN hosho.company co ON co.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	  LEFT JOIN hosho.certificate ce ON ce.guarantee_id = f.guarantee_id
	  LEFT JOIN hosho.unpaid_fee_case uc ON uc.guarantee_id = f.guarantee_id AND uc.part = f.part
	 WHERE f.guarantee_id = k.guarantee_id AND f.part = k.part;
	IF r IS NULL THEN
		RETURN NULL;
	END IF;
	late := hosho.late_fee(k.guarantee_id, k.part, current_date);
	PERFORM hosho.log_access('open', 'unpaid_fee', r->>'fee_key', NULL);
	RETURN r || jsonb_build_object('remaining', (r->>'amount')::bigint - (r->>'received')::bigint,
		'days_overdue', late->'days', 'late_fee', late->'amount', 'late_fee_rate', hosho.rate_text((late->>'rate_bp')::int),
		'arithmetic', hosho.arithmetic_rows(late->'arithmetic'));
END
$$;

-- The case saved from its form, answered as the form: the cause, note and
-- remedy (110's unpaid_fee_cause_save), then, if the installments on the
-- screen differ from those recorded, the 分割納入 plan (110's
-- unpaid_fee_plan_save), in one transaction. The plan's refusal names the
-- installments as a whole (items): it is shown at the amount the clerk
-- types an installment in (plan_amount).
CREATE FUNCTION hosho.unpaid_fee_case_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	req uuid := (p->>'request_id')::uuid;
	k record := hosho.fee_part_key(p->>'fee_key');
	part jsonb;
	answer jsonb;
	msg text;
	col text;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(req, 'unpaid_fee_case_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	part := jsonb_build_object('guarantee_id', k.guarantee_id, 'part', k.part);
	PERFORM hosho.unpaid_fee_cause_save(p - 'request_id' - 'fee_key' - 'items' || part, NULL);
	IF (SELECT coalesce(jsonb_agg(jsonb_build_array(i.due_on, i.amount) ORDER BY i.due_on, i.amount), '[]')
	      FROM jsonb_to_recordset(coalesce(p->'items', '[]')) i(due_on date, amount bigint))
	   IS DISTINCT FROM
	   (SELECT coalesce(jsonb_agg(jsonb_build_array(i.due_on, i.amount) ORDER BY i.due_on, i.amount), '[]')
	      FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = k.guarantee_id AND i.part = k.part) THEN
		BEGIN
			PERFORM hosho.unpaid_fee_plan_save(part || jsonb_build_object('items', coalesce(p->'items', '[]')), NULL);
		EXCEPTION WHEN SQLSTATE 'HS422' THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, col = COLUMN_NAME;
			RAISE EXCEPTION USING ERRCODE = 'HS422', MESSAGE = msg,
				COLUMN = CASE col WHEN 'items' THEN 'plan_amount' ELSE col END;
		END;
	END IF;
	RETURN hosho.request_answer(req, hosho.unpaid_fee_case(p->>'fee_key'));
END
$$;

-- A payment received against the part (p_seq NULL: the whole part) or one
-- of its installments (110's fee_receive), answered as the form.
CREATE FUNCTION hosho.unpaid_fee_case_receive(p_key text, p_seq int, p_received_on date,
	p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	k record := hosho.fee_part_key(p_key);
	answer jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'unpaid_fee_case_receive');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	PERFORM hosho.fee_receive(k.guarantee_id, k.part, p_seq, p_received_on, NULL);
	RETURN hosho.request_answer(p_request_id, hosho.unpaid_fee_case(p_key));
END
$$;

-- ---------------------------------------------------------------------------
-- Ownership and privileges: each function checks the caller through the
-- 110 function it calls; the grants follow those.
-- ---------------------------------------------------------------------------
DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['accident_figures_screen(int)', 'fee_part_key(text)',
	                         'unpaid_fee_screen_list(text, text, date, int)', 'unpaid_fee_case(text)',
	                         'unpaid_fee_case_save(jsonb)', 'unpaid_fee_case_receive(text, int, date, uuid)'] LOOP
		EXECUTE format('ALTER FUNCTION hosho.%s OWNER TO hosho_owner', f);
		EXECUTE format('REVOKE EXECUTE ON FUNCTION hosho.%s FROM PUBLIC', f);
	END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION hosho.accident_figures_screen(int), hosho.fee_part_key(text),
	hosho.unpaid_fee_screen_list(text, text, date, int), hosho.unpaid_fee_case(text)
	TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.unpaid_fee_case_save(jsonb), hosho.unpaid_fee_case_receive(text, int, date, uuid)
	TO hosho_clerk, hosho_supervisor;
