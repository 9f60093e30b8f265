-- 100_review_data.sql — what the review of a guarantee request needs beyond
-- 030–093: the schemes that carried FY R5's volume, the company's financial
-- summary, and the intake check made fast enough to run as fields are filled.

-- ===========================================================================
-- 1. The R5 schemes the R6.7.1 catalogue omits (research brochure.md §1.1)
-- ===========================================================================
-- The brochure reports their R5 volume but prints no terms; where it is
-- silent the rows follow the national programme's published terms (doc/fee.md,
-- Sources, "reading"). Every one ends on 2024-06-30: the catalogue of
-- 2024-07-01 does not list them (the national 伴走支援型/コロナ借換保証
-- took applications until 2024-06-30). Their start: the national start, or
-- the first fiscal year the brochure shows figures for (R4).
INSERT INTO hosho.scheme (scheme_code, name, category, summary, sort) VALUES
 ('banso',          '伴走支援型特別保証',       'association',
  '売上減少等の要件を満たし、経営行動計画書を作成して金融機関の継続的な伴走支援（モニタリング）を受ける方', 21),
 ('corona_karikae', 'コロナ借換保証',           'association',
  '新型コロナ関連融資等の借換え又は新たな資金需要があり、経営行動計画書を作成して金融機関の継続的な伴走支援を受ける方', 22),
 ('renkei',         '連携支援協調パッケージ',   'association',
  'プロパー融資と協会付き融資でリスクを適切に分担する金融機関との協調融資を受ける方', 23),
 ('exit_finance',   'エグジットファイナンス',   'association',
  '東日本大震災事業者再生支援機構・岩手産業復興機構が買い取った債権の借換えを行う方', 24);

INSERT INTO hosho.scheme_version (scheme_code, valid_from, valid_to, frame_code, exclusion_code, min_amount, note)
VALUES
 ('banso', '2021-04-01', '2024-06-30', 'general', NULL, NULL,
  '経営行動計画書の作成と金融機関によるモニタリングが要件。保証料率0.85%のうち国が0.65%相当を補助（事業者負担0.20%）'),
 ('corona_karikae', '2023-01-10', '2024-06-30', 'general', NULL, NULL,
  '経営行動計画書の作成と金融機関による継続的な伴走支援が要件。事業者負担0.20%（補助前0.85%）'),
 ('renkei', '2022-04-01', '2024-06-30', 'general', NULL, NULL,
  'プロパー融資との協調が要件。期間は普通保証に準ずる（運転5年・設備15年）'),
 ('exit_finance', '2022-04-01', '2024-06-30', 'general', NULL, NULL,
  '復興機構等の買取債権の借換え。期間は普通保証に準ずる（運転5年・設備15年）');

-- 'any' use covers working and equipment funds; 借換 has its own rows where
-- the scheme is for refinancing. renkei and exit_finance print no terms:
-- 普通保証's, written out, since 普通保証 has no version in R5 to default to.
INSERT INTO hosho.scheme_term (scheme_code, valid_from, use_of_funds, term_kind, max_months, max_deferral_months)
VALUES
 ('banso',          '2021-04-01', 'any',       'lump',        12,  NULL),
 ('banso',          '2021-04-01', 'any',       'installment', 120, 60),
 ('banso',          '2021-04-01', 'refinance', 'installment', 120, 60),
 ('corona_karikae', '2023-01-10', 'any',       'lump',        12,  NULL),
 ('corona_karikae', '2023-01-10', 'any',       'installment', 120, 60),
 ('corona_karikae', '2023-01-10', 'refinance', 'installment', 120, 60),
 ('renkei',         '2022-04-01', 'working',   'any',         60,  NULL),
 ('renkei',         '2022-04-01', 'equipment', 'any',         180, NULL),
 ('exit_finance',   '2022-04-01', 'working',   'any',         60,  NULL),
 ('exit_finance',   '2022-04-01', 'equipment', 'any',         180, NULL);

INSERT INTO hosho.scheme_rate (scheme_code, valid_from, seq, variant, variant_name, use_of_funds,
                               max_term_months, table_code, rate_bp, min_bp, max_bp)
VALUES
 ('banso',          '2021-04-01', 1, 'standard', NULL, NULL, NULL, NULL, 20, NULL, NULL),
 ('corona_karikae', '2023-01-10', 1, 'standard', NULL, NULL, NULL, NULL, 20, NULL, NULL),
 ('renkei',         '2022-04-01', 1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL),
 ('exit_finance',   '2022-04-01', 1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL);

INSERT INTO hosho.limit_cap (cap_code, name, amount, scope, legal_forms, use_of_funds, valid_from, valid_to, sort)
VALUES
 ('banso',          '伴走支援型特別保証 限度',   40000000, 'all', NULL, NULL, '2021-04-01', '2024-06-30', 55),
 ('corona_karikae', 'コロナ借換保証 限度',      100000000, 'all', NULL, NULL, '2023-01-10', '2024-06-30', 56);
INSERT INTO hosho.limit_cap_member (cap_code, scheme_code) VALUES
 ('banso', 'banso'), ('corona_karikae', 'corona_karikae');

-- The general lines are those of the credit insurance law (普通保険 2億円 +
-- 無担保保険 8,000万円, 無担保無保証人 2,000万円), unchanged since before the
-- oldest version above: they apply from then too, so an R5 request is
-- checked against them.
UPDATE hosho.limit_cap SET valid_from = '2021-04-01'
 WHERE cap_code IN ('general', 'general_union', 'general_unsecured', 'general_no_guarantor');

-- ===========================================================================
-- 2. The company's financial summary (審査: 直近3期の財務)
-- ===========================================================================
-- One row per fiscal period (its closing date), as the reviewer reads it off
-- the statements. Seen with the company: row-level security through the
-- company's own policy, as company_bank (090). Written only by
-- company_financial_save; read by company_financial_list, which logs it.
INSERT INTO hosho.code_item VALUES
	-- 財務数値の出所
	('financial_source', 'statement', '決算書', 1),
	('financial_source', 'tax_return', '確定申告書', 2),
	('financial_source', 'crd', 'CRD', 3),
	('financial_source', 'hearing', '聴取', 4);

CREATE TABLE hosho.company_financial (
	company_id bigint NOT NULL REFERENCES hosho.company ON DELETE CASCADE,
	period_end date NOT NULL,
	sales_yen bigint CHECK (sales_yen >= 0),
	operating_profit_yen bigint,
	ordinary_profit_yen bigint,
	net_assets_yen bigint,
	borrowings_yen bigint CHECK (borrowings_yen >= 0),
	source text NOT NULL,
	-- the list of source's code_item rows: a foreign key to a code list
	source_list text NOT NULL GENERATED ALWAYS AS ('financial_source') STORED,
	version integer NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by name NOT NULL DEFAULT session_user,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by name NOT NULL DEFAULT session_user,
	PRIMARY KEY (company_id, period_end),
	FOREIGN KEY (source_list, source) REFERENCES hosho.code_item (list, code),
	CONSTRAINT company_financial_period_past CHECK (period_end <= current_date)
);
COMMENT ON TABLE hosho.company_financial IS '企業の決算期別財務 (売上高・営業利益・経常利益・純資産・借入金, 円)';
INSERT INTO hosho.constraint_message (constraint_name, column_name, message) VALUES
	('company_financial_pkey', 'period_end', 'この決算期は登録済みです。'),
	('company_financial_sales_yen_check', 'sales_yen', '売上高は0円以上で入力してください。'),
	('company_financial_borrowings_yen_check', 'borrowings_yen', '借入金は0円以上で入力してください。'),
	('company_financial_source_list_source_fkey', 'source', '出所を一覧から選んでください。'),
	('company_financial_company_id_fkey', 'company_id', '企業が登録されていません。'),
	('company_financial_period_past', 'period_end', '決算期末は今日以前の日付です。');

ALTER TABLE hosho.company_financial ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY company_financial_scope ON hosho.company_financial
	USING (EXISTS (SELECT FROM hosho.company c WHERE c.company_id = company_financial.company_id))
	WITH CHECK (EXISTS (SELECT FROM hosho.company c WHERE c.company_id = company_financial.company_id));

-- One period as the review form shows it.
CREATE FUNCTION hosho.company_financial_record(p_company_id bigint, p_period_end date) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT to_jsonb(f) - 'source_list' - 'created_at' - 'updated_at'
	  FROM hosho.company_financial f
	 WHERE f.company_id = p_company_id AND f.period_end = p_period_end
$$;

-- A refused write told as the field it concerns: HS010 with the column and
-- message constraint_message holds for the constraint; returns when it holds
-- none (the caller then re-raises the original error).
CREATE FUNCTION hosho.refuse_by_constraint(p_constraint text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	m hosho.constraint_message;
BEGIN
	SELECT * INTO m FROM hosho.constraint_message c WHERE c.constraint_name = p_constraint;
	IF FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS010', MESSAGE = m.message, COLUMN = m.column_name,
			CONSTRAINT = p_constraint;
	END IF;
END
$$;

-- Save one period: a new one when p has no version, else the row of that
-- version (HS001 if another saved it first). A retried p_request_id is
-- answered without saving again. Answers the saved record; the change is
-- logged as a company change would be.
CREATE FUNCTION hosho.company_financial_save(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	r hosho.company_financial;
	old jsonb;
	answer jsonb;
	cname text;
	col text;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'company_financial_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	r := jsonb_populate_record(NULL::hosho.company_financial, p);
	IF r.company_id IS NULL OR r.period_end IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS010', COLUMN = CASE WHEN r.company_id IS NULL THEN 'company_id' ELSE 'period_end' END,
			MESSAGE = '必須項目です。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.company c WHERE c.company_id = r.company_id) THEN
		-- out of scope looks the same as gone: row-level security hides both
		RAISE EXCEPTION USING ERRCODE = 'HS002', COLUMN = 'company_id', MESSAGE = 'この企業は登録されていません。';
	END IF;
	BEGIN
		IF p->>'version' IS NULL THEN
			INSERT INTO hosho.company_financial (company_id, period_end, sales_yen, operating_profit_yen,
				ordinary_profit_yen, net_assets_yen, borrowings_yen, source)
			VALUES (r.company_id, r.period_end, r.sales_yen, r.operating_profit_yen,
				r.ordinary_profit_yen, r.net_assets_yen, r.borrowings_yen, r.source);
		ELSE
			old := hosho.company_financial_record(r.company_id, r.period_end);
			UPDATE hosho.company_financial f SET sales_yen = r.sales_yen,
				operating_profit_yen = r.operating_profit_yen, ordinary_profit_yen = r.ordinary_profit_yen,
				net_assets_yen = r.net_assets_yen, borrowings_yen = r.borrowings_yen, source = r.source,
				version = f.version + 1, updated_at = now(), updated_by = session_user
			 WHERE f.company_id = r.company_id AND f.period_end = r.period_end
			   AND f.version = (p->>'version')::integer;
			IF NOT FOUND THEN
				IF old IS NOT NULL THEN
					RAISE EXCEPTION USING ERRCODE = 'HS001',
						MESSAGE = '他の担当者がこの決算期を先に更新しました。',
						HINT = '画面の内容は残してあります。F5で最新を読み直してから入力し直してください。';
				END IF;
				RAISE EXCEPTION USING ERRCODE = 'HS002', COLUMN = 'period_end', MESSAGE = 'この決算期は削除されています。';
			END IF;
		END IF;
	EXCEPTION WHEN not_null_violation THEN
		GET STACKED DIAGNOSTICS col = COLUMN_NAME;
		RAISE EXCEPTION USING ERRCODE = 'HS010', MESSAGE = '必須項目です。', COLUMN = col;
	WHEN check_violation OR foreign_key_violation OR unique_violation THEN
		GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME;
		PERFORM hosho.refuse_by_constraint(cname);
		RAISE;
	END;
	answer := hosho.company_financial_record(r.company_id, r.period_end);
	PERFORM hosho.log_access('change', 'company_financial', r.company_id::text || '/' || r.period_end::text,
		hosho.json_changes(old, answer));
	RETURN hosho.request_answer(p_request_id, answer);
END
$$;

-- The last three periods of a company, newest first, as the review screen
-- lists them; the opening is logged as company_get's is. VOLATILE, not
-- STABLE: it writes the log entry, and a STABLE function may be called
-- fewer times than it is named.
CREATE FUNCTION hosho.company_financial_list(p_company_id bigint)
RETURNS TABLE (period_end date, sales_yen bigint, operating_profit_yen bigint, ordinary_profit_yen bigint,
               net_assets_yen bigint, borrowings_yen bigint, source text, source_name text, version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY
	SELECT f.period_end, f.sales_yen, f.operating_profit_yen, f.ordinary_profit_yen, f.net_assets_yen,
	       f.borrowings_yen, f.source, i.label, f.version
	  FROM hosho.company_financial f
	  JOIN hosho.code_item i ON i.list = f.source_list AND i.code = f.source
	 WHERE f.company_id = p_company_id
	 ORDER BY f.period_end DESC
	 LIMIT 3;
	IF FOUND THEN
		PERFORM hosho.log_access('open', 'company_financial', p_company_id::text, NULL);
	END IF;
END
$$;

ALTER TABLE hosho.company_financial OWNER TO hosho_owner;
GRANT SELECT ON hosho.company_financial TO hosho_staff;
ALTER FUNCTION hosho.refuse_by_constraint(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_financial_record(bigint, date) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_financial_save(jsonb, uuid) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_financial_list(bigint) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.refuse_by_constraint(text), hosho.company_financial_record(bigint, date), hosho.company_financial_save(jsonb, uuid),
	hosho.company_financial_list(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.company_financial_list(bigint) TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.company_financial_save(jsonb, uuid)
	TO hosho_clerk, hosho_case_officer, hosho_supervisor;

-- ===========================================================================
-- 3. The intake check, fast (tests/bench/rules)
-- ===========================================================================
-- The full check of one application cost 3.3–4.7 ms (8 ms on a busy test
-- machine) because SQL functions that cannot be inlined are planned afresh
-- on every call: limit_check_facts once, cap_has once per cap and exposure
-- item (84–118 calls), scheme_version_on, fee_installment, fee_explain and
-- the wording helpers on every call. Here the same answers come from
-- plpgsql, whose plans are kept for the session, from one set-based limit
-- query over cap membership kept as data, and from wording helpers the
-- planner can inline. The pgTAP tests of eligibility, limits, terms, rates
-- and fees are unchanged: they are the proof the answers did not change.

-- The wording helpers call to_char, concat and text || int, which are
-- STABLE: declared IMMUTABLE they could not be inlined, so each call was a
-- function call of its own.
ALTER FUNCTION hosho.yen_text(bigint) STABLE;
ALTER FUNCTION hosho.yen_exact(bigint) STABLE;
ALTER FUNCTION hosho.rate_text(int) STABLE;
-- months_text is STRICT over concat (which is not): never inlined, so
-- plpgsql, whose expression is evaluated without a plan of its own.
CREATE OR REPLACE FUNCTION hosho.months_text(p int) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN concat(CASE WHEN p >= 12 THEN (p / 12) || '年' END,
                  CASE WHEN p % 12 > 0 THEN (p % 12) || 'か月' END);
END $$;

-- Cap membership as data: every (frame, scheme) pair a cap counts, as
-- hosho.cap_has answers it (its one definition). Rebuilt whenever the
-- catalogue's cap members, frames or schemes change.
CREATE TABLE hosho.cap_reach (
	frame_code text NOT NULL REFERENCES hosho.frame ON DELETE CASCADE,
	scheme_code text NOT NULL REFERENCES hosho.scheme ON DELETE CASCADE,
	cap_code text NOT NULL REFERENCES hosho.limit_cap ON DELETE CASCADE,
	PRIMARY KEY (frame_code, scheme_code, cap_code)
);
COMMENT ON TABLE hosho.cap_reach IS '保証限度の対象 (枠・制度の組ごとに数える限度)。limit_cap_member から cap_has で導出';

CREATE FUNCTION hosho.cap_reach_refresh() RETURNS void
LANGUAGE sql SET search_path = pg_catalog, hosho, pg_temp AS $$
	DELETE FROM hosho.cap_reach;
	INSERT INTO hosho.cap_reach (frame_code, scheme_code, cap_code)
	SELECT f.frame_code, s.scheme_code, c.cap_code
	  FROM hosho.frame f CROSS JOIN hosho.scheme s CROSS JOIN hosho.limit_cap c
	 WHERE hosho.cap_has(c.cap_code, f.frame_code, s.scheme_code);
$$;
CREATE FUNCTION hosho.cap_reach_rebuild() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.cap_reach_refresh();
	RETURN NULL;
END
$$;
-- A cap's members decide; a new frame or scheme may be a member by the
-- other half of a member row. (A cap deleted takes its members with it.)
CREATE TRIGGER cap_reach_rebuild AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hosho.limit_cap_member
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.cap_reach_rebuild();
CREATE TRIGGER cap_reach_rebuild AFTER INSERT OR DELETE ON hosho.frame
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.cap_reach_rebuild();
CREATE TRIGGER cap_reach_rebuild AFTER INSERT OR DELETE ON hosho.scheme
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.cap_reach_rebuild();
SELECT hosho.cap_reach_refresh();
ANALYZE hosho.cap_reach;

-- 050: the version in force, with its plan kept.
CREATE OR REPLACE FUNCTION hosho.scheme_version_on(p_scheme_code text, p_on date)
RETURNS hosho.scheme_version
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v hosho.scheme_version;
BEGIN
    SELECT x.* INTO v FROM hosho.scheme_version x
     WHERE x.scheme_code = p_scheme_code
       AND x.valid_from <= p_on AND (x.valid_to IS NULL OR p_on <= x.valid_to);
    RETURN v;
END $$;

-- 050: the limit check on typed facts, one query: the caps of the scheme's
-- frame and the scheme (cap_reach), the exposure items each counts, their
-- sum per cap; rows and wording as before: the minimum amount first, then the caps in
-- the brochure's order, binding the cap with the least room.
CREATE OR REPLACE FUNCTION hosho.limit_check_facts(p_legal_form text, p_scheme_code text, p_amount bigint,
                                        p_secured boolean, p_guarantor text,
                                        p_on date DEFAULT current_date,
                                        p_use_of_funds text DEFAULT NULL,
                                        p_exposure hosho.exposure_item[] DEFAULT '{}')
RETURNS TABLE (cap_code text, cap_name text, cap_amount bigint, exposure bigint, after_amount bigint,
               room bigint, ok boolean, binding boolean, message text)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v hosho.scheme_version := hosho.scheme_version_on(p_scheme_code, p_on);
BEGIN
    IF v.scheme_code IS NULL THEN
        RETURN QUERY SELECT 'scheme_unavailable'::text, NULL::text, NULL::bigint, NULL::bigint, NULL::bigint,
            NULL::bigint, NULL::boolean, false,
            format('制度「%s」は%sに取り扱っていません',
                   coalesce((SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = p_scheme_code), p_scheme_code), p_on);
        RETURN;
    END IF;
    IF v.min_amount IS NOT NULL THEN
        RETURN QUERY SELECT 'min_amount'::text, NULL::text, v.min_amount, NULL::bigint, p_amount, NULL::bigint,
            p_amount >= v.min_amount, false,
            format('本制度の最低保証金額は%sです（申込%s）', hosho.yen_text(v.min_amount), hosho.yen_text(p_amount));
    END IF;
    -- Each step computed once (MATERIALIZED), whatever the plan's guesses:
    -- the scheme's caps, the exposure items each counts, the sums.
    RETURN QUERY
    WITH caps AS MATERIALIZED (
        SELECT c.cap_code, c.name, c.amount, c.scope, c.use_of_funds, c.sort
          FROM hosho.cap_reach r JOIN hosho.limit_cap c ON c.cap_code = r.cap_code
         WHERE r.frame_code = v.frame_code AND r.scheme_code = p_scheme_code
           AND c.valid_from <= p_on AND (c.valid_to IS NULL OR p_on <= c.valid_to)
           AND (c.legal_forms IS NULL OR p_legal_form = ANY (c.legal_forms))
           AND (c.use_of_funds IS NULL OR c.use_of_funds = p_use_of_funds)
           AND hosho.cap_scope_covers(c.scope, p_secured, p_guarantor)),
    counted AS MATERIALIZED (
        SELECT caps.cap_code, e.amount
          FROM caps CROSS JOIN unnest(p_exposure) e
         WHERE hosho.cap_scope_covers(caps.scope, e.secured, e.guarantor)
           AND (caps.use_of_funds IS NULL OR caps.use_of_funds = e.use_of_funds)
           AND EXISTS (SELECT FROM hosho.cap_reach r
                        WHERE r.frame_code = e.frame_code AND r.scheme_code = e.scheme_code
                          AND r.cap_code = caps.cap_code)),
    ev AS (
        SELECT caps.cap_code, caps.name, caps.amount, caps.sort, coalesce(sum(k.amount), 0)::bigint AS exposure
          FROM caps LEFT JOIN counted k ON k.cap_code = caps.cap_code
         GROUP BY caps.cap_code, caps.name, caps.amount, caps.sort)
    SELECT ev.cap_code, ev.name, ev.amount, ev.exposure, ev.exposure + p_amount,
           greatest(ev.amount - ev.exposure, 0), ev.exposure + p_amount <= ev.amount,
           row_number() OVER (ORDER BY ev.amount - ev.exposure, ev.sort) = 1,
           CASE WHEN ev.exposure + p_amount <= ev.amount
                THEN format('%s %s：既往%s＋本件%s＝%s（残り%s）', ev.name, hosho.yen_text(ev.amount),
                            hosho.yen_text(ev.exposure), hosho.yen_text(p_amount),
                            hosho.yen_text(ev.exposure + p_amount), hosho.yen_text(ev.amount - ev.exposure - p_amount))
                ELSE format('%s %sを%s超過します（既往%s＋本件%s。申込可能額は%s）', ev.name, hosho.yen_text(ev.amount),
                            hosho.yen_text(ev.exposure + p_amount - ev.amount), hosho.yen_text(ev.exposure),
                            hosho.yen_text(p_amount), hosho.yen_text(greatest(ev.amount - ev.exposure, 0)))
           END
      FROM ev
     ORDER BY ev.sort;
END $$;

-- 050: the limit check for a registered company, its exposure read once.
-- One statement, so that a warm-up with no company plans it too.
CREATE OR REPLACE FUNCTION hosho.limit_check(p_company_id bigint, p_scheme_code text, p_amount bigint,
                                  p_secured boolean, p_guarantor text,
                                  p_on date DEFAULT current_date, p_use_of_funds text DEFAULT NULL)
RETURNS TABLE (cap_code text, cap_name text, cap_amount bigint, exposure bigint, after_amount bigint,
               room bigint, ok boolean, binding boolean, message text)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN QUERY
    SELECT l.* FROM hosho.company c,
           LATERAL hosho.limit_check_facts(c.legal_form, p_scheme_code, p_amount, p_secured, p_guarantor,
                                           p_on, p_use_of_funds,
                                           ARRAY(SELECT e FROM hosho.guarantee_exposure(c.company_id) e)) l
     WHERE c.company_id = p_company_id;
END $$;

-- 050: a company's eligibility, its row read once (row-level security asks
-- for the caller's sections once per statement).
CREATE OR REPLACE FUNCTION hosho.company_eligibility(p_company_id bigint)
RETURNS TABLE (ok boolean, code text, message text)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN QUERY
    SELECT e.* FROM hosho.company c,
           LATERAL hosho.eligibility(c.legal_form, c.industry_code, c.muni_code, c.capital_yen, c.employees,
                                     c.union_members, c.union_eligible_members, c.antisocial_result) e
     WHERE c.company_id = p_company_id;
    IF NOT FOUND THEN
        RETURN QUERY SELECT false, 'company_not_found'::text, format('企業番号%sは登録されていません', p_company_id);
    END IF;
END $$;

-- 060/080: the installment fee and its explanation, plans kept.
CREATE OR REPLACE FUNCTION hosho.fee_installment(p_amount bigint, p_rate_bp int, p_months int, p_deferral_months int,
                                                 p_installments int, p_unequal boolean,
                                                 p_last bigint DEFAULT NULL, p_previous bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT sum(f.amount)::bigint
              FROM hosho.fee_parts(CASE WHEN p_unequal THEN 'unequal' ELSE 'equal' END, p_amount, p_rate_bp, p_months,
                                   p_deferral_months, p_installments, NULL, p_last, p_previous) f);
END $$;

CREATE OR REPLACE FUNCTION hosho.fee_explain(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                  p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                  p_days int DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT CASE WHEN count(*) = 1 THEN min(f.formula)
                        ELSE string_agg(hosho.yen_exact(f.amount), ' + ' ORDER BY f.part)
                             || '（' || string_agg(f.formula || ' = ' || hosho.yen_exact(f.amount), '、' ORDER BY f.part) || '）'
                   END
              FROM hosho.fee_parts(p_repayment, p_amount, p_rate_bp, p_term_months, p_deferral_months,
                                   p_installments, p_days) f);
END $$;

-- Term, rate and fee of an application: the part of the check that needs
-- no company (simulate's and intake_check's shared tail). The term check
-- runs once; its rows decide whether a fee can be computed.
CREATE FUNCTION hosho.check_terms_fee(p_scheme_code text, p_use_of_funds text, p_amount bigint,
                                      p_term_months int, p_deferral_months int, p_repayment text,
                                      p_installments int, p_rate_class smallint,
                                      p_collateral_discount boolean, p_advisor_discount boolean,
                                      p_on date, p_bank_code text DEFAULT NULL)
RETURNS TABLE (section text, ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    r record;
    terms_ok boolean := true;
    days int := ((p_on + make_interval(months => p_term_months))::date - p_on);
    fee bigint;
BEGIN
    FOR r IN SELECT * FROM hosho.term_check(p_scheme_code, p_use_of_funds, p_repayment, p_term_months,
                                            p_deferral_months, p_on) LOOP
        terms_ok := terms_ok AND r.ok;
        section := 'term'; ok := r.ok; code := r.code; message := r.message; amount := r.max_months;
        RETURN NEXT;
    END LOOP;
    RETURN QUERY SELECT 'rate'::text, s.ok, s.code, s.message, s.guaranteed_pct::bigint
      FROM hosho.sharing_for(p_scheme_code, p_bank_code, p_on) s;
    FOR r IN SELECT * FROM hosho.rate_for(p_scheme_code, p_rate_class, p_term_months, p_use_of_funds,
                                          p_collateral_discount, p_advisor_discount, p_on) LOOP
        RETURN QUERY SELECT 'rate'::text, r.ok, r.code, r.message, r.rate_bp::bigint;
        CONTINUE WHEN NOT r.ok OR r.min_bp IS NULL OR r.code = 'discount_not_applicable';
        IF NOT terms_ok OR p_amount IS NULL OR p_amount <= 0
           OR p_repayment IN ('equal', 'unequal') AND coalesce(p_installments, 0) < 2 THEN
            RETURN QUERY SELECT 'fee'::text, false, 'fee_not_computed'::text,
                '期間・返済方法・分割回数・金額が確定しないため、保証料を計算できません'::text, NULL::bigint;
            CONTINUE;
        END IF;
        IF r.rate_bp IS NOT NULL THEN
            fee := hosho.fee_amount(p_repayment, p_amount, r.rate_bp, p_term_months, p_deferral_months, p_installments, days);
            RETURN QUERY SELECT 'fee'::text, true, 'fee'::text,
                format('保証料 %s = %s', hosho.yen_exact(fee),
                       hosho.fee_explain(p_repayment, p_amount, r.rate_bp, p_term_months, p_deferral_months,
                                         p_installments, days)), fee;
            RETURN QUERY SELECT 'fee'::text, true, 'fee_split_' || s.part,
                format('分割徴収 第%s回（%sか月目）%s%% %s円', s.part, s.due_month, s.pct, to_char(s.amount, 'FM999,999,999,990')),
                s.amount
              FROM hosho.fee_split(fee, p_term_months) s WHERE p_term_months >= 25;
        ELSE
            RETURN QUERY SELECT 'fee'::text, true, x.code,
                format('料率%sの場合 保証料 %s = %s', hosho.rate_text(x.bp), hosho.yen_exact(x.fee),
                       hosho.fee_explain(p_repayment, p_amount, x.bp, p_term_months, p_deferral_months,
                                         p_installments, days)), x.fee
              FROM (VALUES ('fee_at_min', r.min_bp), ('fee_at_max', r.max_bp)) v(code, bp),
                   LATERAL (SELECT v.code, v.bp, hosho.fee_amount(p_repayment, p_amount, v.bp, p_term_months,
                                                                  p_deferral_months, p_installments, days) AS fee) x;
        END IF;
    END LOOP;
END $$;

-- 080: the simulate screen's entry point, its tail shared with intake_check.
CREATE OR REPLACE FUNCTION hosho.simulate(p_legal_form text, p_industry_code text, p_muni_code text,
                               p_capital_yen bigint, p_employees int, p_scheme_code text,
                               p_use_of_funds text, p_amount bigint, p_term_months int,
                               p_deferral_months int, p_repayment text, p_installments int,
                               p_rate_class smallint, p_secured boolean, p_guarantor text,
                               p_collateral_discount boolean, p_advisor_discount boolean,
                               p_on date DEFAULT current_date)
RETURNS TABLE (section text, ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    -- union member counts are not typed on the simulate screen: a union whose
    -- own industry is ineligible is reported as such
    RETURN QUERY SELECT 'eligibility'::text, e.ok, e.code, e.message, NULL::bigint
      FROM hosho.eligibility(p_legal_form, p_industry_code, p_muni_code, p_capital_yen, p_employees,
                             NULL, NULL, 'clear') e
     WHERE e.code NOT LIKE 'antisocial%';   -- screened on the real application only
    RETURN QUERY SELECT 'limit'::text, l.ok, l.cap_code, l.message, l.room
      FROM hosho.limit_check_facts(p_legal_form, p_scheme_code, p_amount, p_secured, p_guarantor, p_on, p_use_of_funds) l;
    RETURN QUERY SELECT * FROM hosho.check_terms_fee(p_scheme_code, p_use_of_funds, p_amount, p_term_months,
        p_deferral_months, p_repayment, p_installments, p_rate_class, p_collateral_discount, p_advisor_discount, p_on);
END $$;

-- The intake screen's single entry point: a registered company's
-- eligibility (anti-social screening included), its limits against its
-- whole live exposure, and the application's term, rate (with the bank's
-- sharing when p_bank_code is given) and fee. Sections and amounts as
-- simulate's: eligibility, limit (amount = room), term (the line), rate
-- (guaranteed % or rate in 1/100 %), fee (yen). Reads what the caller may
-- see (row-level security): a company out of scope is company_not_found.
CREATE FUNCTION hosho.intake_check(p_company_id bigint, p_scheme_code text, p_use_of_funds text,
                                   p_amount bigint, p_term_months int, p_deferral_months int,
                                   p_repayment text, p_installments int, p_rate_class smallint,
                                   p_secured boolean, p_guarantor text,
                                   p_collateral_discount boolean, p_advisor_discount boolean,
                                   p_on date DEFAULT current_date, p_bank_code text DEFAULT NULL)
RETURNS TABLE (section text, ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN QUERY SELECT 'eligibility'::text, e.ok, e.code, e.message, NULL::bigint
      FROM hosho.company_eligibility(p_company_id) e;
    RETURN QUERY SELECT 'limit'::text, l.ok, l.cap_code, l.message, l.room
      FROM hosho.limit_check(p_company_id, p_scheme_code, p_amount, coalesce(p_secured, false), p_guarantor,
                             p_on, p_use_of_funds) l;
    RETURN QUERY SELECT * FROM hosho.check_terms_fee(p_scheme_code, p_use_of_funds, p_amount, p_term_months,
        coalesce(p_deferral_months, 0), p_repayment, p_installments, p_rate_class,
        coalesce(p_collateral_discount, false), coalesce(p_advisor_discount, false), p_on, p_bank_code);
END $$;

-- A session's first check pays for reading the catalogue's definitions and
-- planning every statement once (14–18 ms, against 1 ms for the next).
-- The client calls this at sign-in, as the clerk (plans depend on the
-- caller's row-level security), so that the clerk's first check is as fast
-- as the rest: simulations that take every branch a check takes (size by
-- capital, by employees, over; a licence; class, flat and range rates;
-- deferral; a rolling scheme) and an intake check of no company, reading
-- no company.
CREATE FUNCTION hosho.rules_warm() RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
    a record;
BEGIN
    FOR a IN SELECT * FROM (VALUES
            ('corporation', 'E09', 10000000::bigint, 10, 'futsu', 'equal', 60, 6),
            ('corporation', 'D06', 900000000, 10, 'sn_b', 'equal', 60, 0),
            ('corporation', 'I58', 900000000, 900, 'tening', 'lump', 12, 0),
            ('sole', 'M76', NULL, 3, 'pref_shoko', 'equal', 60, 0)) v(lf, ind, cap, emp, scheme, rep, term, deferral) LOOP
        PERFORM FROM hosho.simulate(a.lf, a.ind, '03201', a.cap, a.emp, a.scheme, 'working', 10000000, a.term,
                                    a.deferral, a.rep, CASE WHEN a.rep = 'equal' THEN a.term - a.deferral END,
                                    5::smallint, false, 'representative', false, false, current_date);
    END LOOP;
    PERFORM FROM hosho.intake_check(NULL, 'futsu', 'working', 10000000, 60, 0, 'equal', 60, 5::smallint, false,
                                    'representative', false, false, current_date, '0123');
END $$;

-- Every statement of the check planned once per session: plpgsql keeps its
-- plans, but a plan with parameters is re-planned for each of its first
-- five runs unless told otherwise; the catalogue tables are small and the
-- generic plans are the custom ones (tests/bench/rules). Set on the entry
-- points only: the functions they call run under it, and a function with a
-- setting pays for switching it on each call.
DO $$
DECLARE f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
              WHERE p.pronamespace = 'hosho'::regnamespace
                AND p.proname IN ('intake_check', 'simulate', 'check_terms_fee', 'company_eligibility',
                                  'limit_check', 'limit_check_facts')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET plan_cache_mode = force_generic_plan', f);
    END LOOP;
END $$;

ALTER TABLE hosho.cap_reach OWNER TO hosho_owner;
GRANT SELECT ON hosho.cap_reach TO hosho_staff;
ALTER FUNCTION hosho.cap_reach_refresh() OWNER TO hosho_owner;
ALTER FUNCTION hosho.cap_reach_rebuild() OWNER TO hosho_owner;
ALTER FUNCTION hosho.check_terms_fee(text, text, bigint, int, int, text, int, smallint, boolean, boolean, date, text)
	OWNER TO hosho_owner;
ALTER FUNCTION hosho.intake_check(bigint, text, text, bigint, int, int, text, int, smallint, boolean, text,
	boolean, boolean, date, text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.rules_warm() OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.cap_reach_refresh(), hosho.cap_reach_rebuild(),
	hosho.check_terms_fee(text, text, bigint, int, int, text, int, smallint, boolean, boolean, date, text),
	hosho.intake_check(bigint, text, text, bigint, int, int, text, int, smallint, boolean, text,
		boolean, boolean, date, text), hosho.rules_warm() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	hosho.check_terms_fee(text, text, bigint, int, int, text, int, smallint, boolean, boolean, date, text),
	hosho.intake_check(bigint, text, text, bigint, int, int, text, int, smallint, boolean, text,
		boolean, boolean, date, text), hosho.rules_warm() TO hosho_staff;
