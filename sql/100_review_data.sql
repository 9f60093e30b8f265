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
	msg text;
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
		SELECT m.column_name, m.message INTO col, msg
		  FROM hosho.constraint_message m WHERE m.constraint_name = cname;
		IF msg IS NULL THEN
			RAISE;
		END IF;
		RAISE EXCEPTION USING ERRCODE = 'HS010', MESSAGE = msg, COLUMN = col, CONSTRAINT = cname;
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
ALTER FUNCTION hosho.company_financial_record(bigint, date) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_financial_save(jsonb, uuid) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_financial_list(bigint) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.company_financial_record(bigint, date), hosho.company_financial_save(jsonb, uuid),
	hosho.company_financial_list(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.company_financial_list(bigint) TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.company_financial_save(jsonb, uuid)
	TO hosho_clerk, hosho_case_officer, hosho_supervisor;
