-- The finished company master (企業台帳): code lists from the database only,
-- the corporate number (法人番号), a save that answers with the saved record
-- and keeps every bank relationship, possible duplicates, and a fee
-- explanation a clerk can recompute.

-- ---------------------------------------------------------------------------
-- Reference tables for codes that only a CHECK knew. Each replaces its CHECK
-- by a foreign key, so the table is the one list of codes.
-- ---------------------------------------------------------------------------
CREATE TABLE hosho.antisocial_result (
	antisocial_result text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	sort int NOT NULL
);
INSERT INTO hosho.antisocial_result VALUES
	('pending', '未了', 1), ('clear', '該当なし', 2), ('hit', '該当あり', 3);

CREATE TABLE hosho.scheme_category (
	category text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	sort int NOT NULL
);
-- The labels of the column comment on hosho.scheme.category (030).
INSERT INTO hosho.scheme_category VALUES
	('association', '協会制度', 1), ('prefecture', '県制度', 2),
	('municipality', '市町村制度', 3), ('disaster', '災害等対応', 4);

CREATE TABLE hosho.guarantor_kind (
	guarantor text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	sort int NOT NULL
);
INSERT INTO hosho.guarantor_kind VALUES
	('none', 'なし', 1), ('representative', '代表者のみ', 2), ('other', '代表者以外も', 3);

ALTER TABLE hosho.company DROP CONSTRAINT company_legal_form_check,
	ADD CONSTRAINT company_legal_form_fkey FOREIGN KEY (legal_form) REFERENCES hosho.legal_form,
	DROP CONSTRAINT company_antisocial_result_check,
	ADD CONSTRAINT company_antisocial_result_fkey FOREIGN KEY (antisocial_result)
		REFERENCES hosho.antisocial_result;
CREATE INDEX company_legal_form_idx ON hosho.company (legal_form);
CREATE INDEX company_antisocial_result_idx ON hosho.company (antisocial_result);
-- The clerk's wording stays; only the constraint that carries it changed.
UPDATE hosho.constraint_message SET constraint_name = 'company_legal_form_fkey'
 WHERE constraint_name = 'company_legal_form_check';
UPDATE hosho.constraint_message SET constraint_name = 'company_antisocial_result_fkey'
 WHERE constraint_name = 'company_antisocial_result_check';

ALTER TABLE hosho.scheme DROP CONSTRAINT scheme_category_check,
	ADD CONSTRAINT scheme_category_fkey FOREIGN KEY (category) REFERENCES hosho.scheme_category;
CREATE INDEX scheme_category_idx ON hosho.scheme (category);
ALTER TABLE hosho.guarantee DROP CONSTRAINT guarantee_guarantor_check,
	ADD CONSTRAINT guarantee_guarantor_fkey FOREIGN KEY (guarantor) REFERENCES hosho.guarantor_kind;
CREATE INDEX guarantee_guarantor_idx ON hosho.guarantee (guarantor);
-- Uses of funds had their table already; these columns only copied its codes.
ALTER TABLE hosho.scheme_rate DROP CONSTRAINT scheme_rate_use_of_funds_check,
	ADD CONSTRAINT scheme_rate_use_of_funds_fkey FOREIGN KEY (use_of_funds) REFERENCES hosho.use_of_funds;
ALTER TABLE hosho.limit_cap DROP CONSTRAINT limit_cap_use_of_funds_check,
	ADD CONSTRAINT limit_cap_use_of_funds_fkey FOREIGN KEY (use_of_funds) REFERENCES hosho.use_of_funds;
CREATE INDEX scheme_rate_use_of_funds_idx ON hosho.scheme_rate (use_of_funds);
CREATE INDEX limit_cap_use_of_funds_idx ON hosho.limit_cap (use_of_funds);

-- Every code list a form field may name with `lookup:`, with the dates it
-- is offered (NULL: unbounded). A scheme is listed once per unbroken run of
-- its versions, so on any date it appears at most once.
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
	UNION ALL SELECT 'guarantor', guarantor, name, sort, NULL, NULL FROM hosho.guarantor_kind;

-- ---------------------------------------------------------------------------
-- 法人番号: 13 digits, the first the check digit of the twelve that follow
-- (国税庁): 9 − (Σ digit × weight) mod 9, the weight 1 for the rightmost base
-- digit, then 2, 1, 2, … leftwards.
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.corporate_number_valid(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE WHEN p ~ '^[0-9]{13}$' THEN
	            substr(p, 1, 1)::int = 9 - (SELECT sum(substr(p, 14 - n, 1)::int * (2 - n % 2))
	                                          FROM generate_series(1, 12) n)::int % 9
	            ELSE false END
$$;

ALTER TABLE hosho.company ADD COLUMN corporate_number text
	CONSTRAINT company_corporate_number_check CHECK (hosho.corporate_number_valid(corporate_number));
CREATE UNIQUE INDEX company_corporate_number_key ON hosho.company (corporate_number)
	WHERE corporate_number IS NOT NULL;

-- Founding in the future: refused by a trigger, as a CHECK must not read the
-- date. It raises as a constraint so company_save reports it like one.
CREATE FUNCTION hosho.company_founded_on_past() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE check_violation USING CONSTRAINT = 'company_founded_on_future', TABLE = 'company',
		MESSAGE = format('founded_on %s is in the future', NEW.founded_on);
END
$$;
CREATE TRIGGER company_founded_on_past BEFORE INSERT OR UPDATE OF founded_on ON hosho.company
	FOR EACH ROW WHEN (NEW.founded_on > current_date)
	EXECUTE FUNCTION hosho.company_founded_on_past();

INSERT INTO hosho.constraint_message VALUES
	('company_corporate_number_check', 'corporate_number',
	 '法人番号は13桁の数字で、先頭の検査用数字が合っている必要があります。'),
	('company_corporate_number_key', 'corporate_number', 'この法人番号は他の企業に登録されています。'),
	('company_founded_on_future', 'founded_on', '設立日に未来の日付は入力できません。'),
	('company_bank_main_idx', 'banks', 'メイン金融機関は一つだけ指定してください。');
-- The bank relationships are one field now: `banks`.
UPDATE hosho.constraint_message SET column_name = 'banks'
 WHERE constraint_name IN ('company_bank_bank_code_branch_code_fkey', 'company_bank_pkey');

-- ---------------------------------------------------------------------------
-- One company as a record: its columns, and `banks`, every relationship,
-- the main bank first.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION hosho.company_get(p_company_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT to_jsonb(c) - 'created_at' - 'updated_at'
	       || jsonb_build_object('banks', coalesce((
	            SELECT jsonb_agg(jsonb_build_object('bank_code', b.bank_code, 'branch_code', b.branch_code,
	                                                'main', b.main)
	                             ORDER BY b.main DESC, b.bank_code, b.branch_code)
	              FROM hosho.company_bank b WHERE b.company_id = c.company_id), '[]'))
	  FROM hosho.company c
	 WHERE c.company_id = p_company_id
$$;

-- Makes a company's bank relationships exactly p_banks (a JSON array of
-- {"bank_code","branch_code","main"}): deletes the removed, unsets then sets
-- the main flag, inserts the new; rows that stay are not touched.
CREATE FUNCTION hosho.company_banks_set(p_company_id bigint, p_banks jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	wanted hosho.company_bank[];
BEGIN
	IF jsonb_typeof(p_banks) <> 'array' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS010', COLUMN = 'banks',
			MESSAGE = '金融機関の指定が正しくありません。';
	END IF;
	IF EXISTS (SELECT FROM jsonb_to_recordset(p_banks) AS w(bank_code text, branch_code text)
	            WHERE w.bank_code IS NULL OR w.branch_code IS NULL
	               OR w.bank_code !~ '^[0-9]{4}$' OR w.branch_code !~ '^[0-9]{3}$') THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'company_bank_bank_code_branch_code_fkey',
			MESSAGE = 'bank or branch code malformed';
	END IF;
	wanted := ARRAY(SELECT ROW(p_company_id, w.bank_code, w.branch_code, coalesce(w.main, false))::hosho.company_bank
	                  FROM jsonb_to_recordset(p_banks) AS w(bank_code text, branch_code text, main boolean));
	IF EXISTS (SELECT FROM unnest(wanted) w GROUP BY w.bank_code, w.branch_code HAVING count(*) > 1) THEN
		RAISE unique_violation USING CONSTRAINT = 'company_bank_pkey', MESSAGE = 'a bank branch given twice';
	END IF;
	DELETE FROM hosho.company_bank b
	 WHERE b.company_id = p_company_id
	   AND (b.bank_code, b.branch_code) NOT IN (SELECT w.bank_code, w.branch_code FROM unnest(wanted) w);
	-- the main bank is unset before another is set: the unique index is
	-- checked row by row
	UPDATE hosho.company_bank b SET main = false
	  FROM unnest(wanted) w
	 WHERE b.company_id = p_company_id AND (b.bank_code, b.branch_code) = (w.bank_code, w.branch_code)
	   AND b.main AND NOT w.main;
	UPDATE hosho.company_bank b SET main = true
	  FROM unnest(wanted) w
	 WHERE b.company_id = p_company_id AND (b.bank_code, b.branch_code) = (w.bank_code, w.branch_code)
	   AND NOT b.main AND w.main;
	INSERT INTO hosho.company_bank
	SELECT w.* FROM unnest(wanted) w
	 WHERE (w.bank_code, w.branch_code) NOT IN
	       (SELECT b.bank_code, b.branch_code FROM hosho.company_bank b WHERE b.company_id = p_company_id);
END
$$;

-- Save a company from a record shaped as company_get returns it (values as
-- JSON or as text). Without company_id it registers; with it, it updates
-- only if the version is still the one the clerk read (SQLSTATE HS001
-- otherwise; HS002 if the company is gone). `banks` absent or null leaves the
-- relationships as they are. Returns the saved record, as company_get.
DROP FUNCTION hosho.company_save(jsonb);
CREATE FUNCTION hosho.company_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	r hosho.company;
	id bigint;
	cname text;
	col text;
	msg text;
BEGIN
	r := jsonb_populate_record(NULL::hosho.company, p - 'banks');
	BEGIN
		IF p->>'company_id' IS NULL THEN
			INSERT INTO hosho.company AS c (legal_form, name, kana, representative,
				representative_kana, postal_code, muni_code, address, phone,
				industry_code, capital_yen, employees, union_members,
				union_eligible_members, founded_on, antisocial_result, corporate_number,
				section_code)
			VALUES (r.legal_form, r.name, r.kana, r.representative,
				r.representative_kana, r.postal_code, r.muni_code, r.address, r.phone,
				r.industry_code, r.capital_yen, r.employees, r.union_members,
				r.union_eligible_members, r.founded_on,
				coalesce(r.antisocial_result, 'pending'), r.corporate_number, '')
			RETURNING c.company_id INTO id;
		ELSE
			UPDATE hosho.company c SET legal_form = r.legal_form, name = r.name,
				kana = r.kana, representative = r.representative,
				representative_kana = r.representative_kana,
				postal_code = r.postal_code, muni_code = r.muni_code,
				address = r.address, phone = r.phone,
				industry_code = r.industry_code, capital_yen = r.capital_yen,
				employees = r.employees, union_members = r.union_members,
				union_eligible_members = r.union_eligible_members,
				founded_on = r.founded_on,
				antisocial_result = coalesce(r.antisocial_result, c.antisocial_result),
				corporate_number = r.corporate_number
			 WHERE c.company_id = (p->>'company_id')::bigint
			   AND c.version = (p->>'version')::integer
			RETURNING c.company_id INTO id;
			IF NOT FOUND THEN
				IF EXISTS (SELECT FROM hosho.company c WHERE c.company_id = (p->>'company_id')::bigint) THEN
					RAISE EXCEPTION USING ERRCODE = 'HS001',
						MESSAGE = '他の担当者がこの企業を先に更新しました。',
						HINT = '画面の内容は残してあります。F5で最新を読み直してから入力し直してください。';
				END IF;
				RAISE EXCEPTION USING ERRCODE = 'HS002', MESSAGE = 'この企業は削除されています。';
			END IF;
		END IF;
		IF jsonb_typeof(p->'banks') <> 'null' THEN
			PERFORM hosho.company_banks_set(id, p->'banks');
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
		RAISE EXCEPTION USING ERRCODE = 'HS010', MESSAGE = msg, COLUMN = col,
			CONSTRAINT = cname;
	END;
	RETURN hosho.company_get(id);
END
$$;

-- ---------------------------------------------------------------------------
-- Possible duplicates of a company being registered or edited: the same
-- reading (spaces ignored) in the same municipality, or the same corporate
-- number. p is the record (company_id, kana, muni_code, corporate_number).
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.reading_key(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT translate(p, ' 　', '')
$$;
CREATE INDEX company_reading_muni_idx ON hosho.company (hosho.reading_key(kana), muni_code);

-- A plain SQL function so the planner inlines it and uses both indexes.
CREATE FUNCTION hosho.company_duplicates(p jsonb)
RETURNS TABLE (company_id bigint, name text, kana text, municipality text, reason text)
LANGUAGE sql STABLE AS $$
	SELECT c.company_id, c.name, c.kana, m.name, string_agg(d.reason, '、' ORDER BY d.reason)
	  FROM (SELECT c.company_id, '同じフリガナで同じ市町村の企業があります' AS reason
	          FROM hosho.company c
	         WHERE hosho.reading_key(c.kana) = hosho.reading_key(p->>'kana')
	           AND c.muni_code = (p->>'muni_code')::bpchar
	        UNION ALL
	        SELECT c.company_id, '同じ法人番号の企業があります'
	          FROM hosho.company c
	         WHERE c.corporate_number = p->>'corporate_number') d
	  JOIN hosho.company c USING (company_id)
	  JOIN hosho.municipality m USING (muni_code)
	 WHERE c.company_id IS DISTINCT FROM (p->>'company_id')::bigint
	 GROUP BY c.company_id, c.name, c.kana, m.name
	 ORDER BY c.company_id
$$;

-- ---------------------------------------------------------------------------
-- The fee as its parts, each with the arithmetic a clerk can redo. The
-- installment fee is the sum of these parts, so the explanation and the fee
-- shown cannot disagree.
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.yen_exact(p bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT to_char(p, 'FM999,999,999,999,990') || '円'
$$;

CREATE FUNCTION hosho.fee_parts(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                p_days int DEFAULT NULL, p_last bigint DEFAULT NULL,
                                p_previous bigint DEFAULT NULL)
RETURNS TABLE (part int, formula text, amount bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	WITH k AS (
		SELECT coalesce(p_deferral_months, 0) AS d,
		       CASE WHEN p_last > 2 * p_previous THEN p_last - p_previous ELSE 0 END AS balloon,
		       CASE WHEN p_repayment IN ('equal', 'unequal')
		            THEN hosho.fee_coefficient_for(p_repayment, p_installments) END AS coef,
		       ' x 年' || hosho.rate_text(p_rate_bp) AS rate),
	parts AS (
		SELECT 1 AS part, hosho.yen_exact(p_amount) || k.rate || ' x ' || p_term_months || 'か月/12' AS formula,
		       hosho.fee_lump(p_amount, p_rate_bp, p_term_months) AS amount
		  FROM k WHERE p_repayment = 'lump'
		UNION ALL
		SELECT 1, hosho.yen_exact(p_amount) || k.rate || ' x ' || p_days || '日/365',
		       hosho.fee_fixed_date(p_amount, p_rate_bp, p_days)
		  FROM k WHERE p_repayment = 'fixed_date'
		UNION ALL
		SELECT 1, '据置 ' || hosho.yen_exact(p_amount) || k.rate || ' x ' || k.d || 'か月/12',
		       hosho.fee_lump(p_amount, p_rate_bp, k.d)
		  FROM k WHERE k.coef IS NOT NULL AND k.d > 0
		UNION ALL
		SELECT 2, CASE WHEN k.d > 0 OR k.balloon > 0 THEN '返済 ' ELSE '' END
		          || hosho.yen_exact(p_amount - k.balloon) || k.rate || ' x ' || (p_term_months - k.d) || 'か月/12 x '
		          || CASE p_repayment WHEN 'unequal' THEN '不均等' ELSE '均等' END || '分割係数'
		          || to_char(k.coef / 100.0, 'FM990.00'),
		       (p_amount - k.balloon) * p_rate_bp * k.coef * (p_term_months - k.d) / (10000 * 12 * 100)
		  FROM k WHERE k.coef IS NOT NULL
		UNION ALL
		SELECT 3, '最終回増額 ' || hosho.yen_exact(k.balloon) || k.rate || ' x ' || (p_term_months - k.d) || 'か月/12',
		       hosho.fee_lump(k.balloon, p_rate_bp, p_term_months - k.d)
		  FROM k WHERE k.coef IS NOT NULL AND k.balloon > 0)
	SELECT row_number() OVER (ORDER BY parts.part)::int, parts.formula, parts.amount FROM parts ORDER BY parts.part
$$;

-- 3./4. 分割返済 (060): the sum of its parts.
CREATE OR REPLACE FUNCTION hosho.fee_installment(p_amount bigint, p_rate_bp int, p_months int, p_deferral_months int,
                                                 p_installments int, p_unequal boolean,
                                                 p_last bigint DEFAULT NULL, p_previous bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT sum(f.amount)::bigint
	  FROM hosho.fee_parts(CASE WHEN p_unequal THEN 'unequal' ELSE 'equal' END, p_amount, p_rate_bp, p_months,
	                       p_deferral_months, p_installments, NULL, p_last, p_previous) f
$$;

-- The arithmetic of a fee: "formula" for one part; "a円 + b円（formula = a円、
-- formula = b円）" for several.
CREATE FUNCTION hosho.fee_explain(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                  p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                  p_days int DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN count(*) = 1 THEN min(f.formula)
	            ELSE string_agg(hosho.yen_exact(f.amount), ' + ' ORDER BY f.part)
	                 || '（' || string_agg(f.formula || ' = ' || hosho.yen_exact(f.amount), '、' ORDER BY f.part) || '）'
	       END
	  FROM hosho.fee_parts(p_repayment, p_amount, p_rate_bp, p_term_months, p_deferral_months, p_installments, p_days) f
$$;

-- The simulate screen's entry point (060), with the fee rows explained by
-- fee_explain: "保証料 X円 = the arithmetic".
CREATE OR REPLACE FUNCTION hosho.simulate(p_legal_form text, p_industry_code text, p_muni_code text,
                               p_capital_yen bigint, p_employees int, p_scheme_code text,
                               p_use_of_funds text, p_amount bigint, p_term_months int,
                               p_deferral_months int, p_repayment text, p_installments int,
                               p_rate_class smallint, p_secured boolean, p_guarantor text,
                               p_collateral_discount boolean, p_advisor_discount boolean,
                               p_on date DEFAULT current_date)
RETURNS TABLE (section text, ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    r record;
    terms_ok boolean;
    days int := ((p_on + make_interval(months => p_term_months))::date - p_on);
    fee bigint;
BEGIN
    -- union member counts are not typed on the simulate screen: a union whose
    -- own industry is ineligible is reported as such
    RETURN QUERY SELECT 'eligibility', e.ok, e.code, e.message, NULL::bigint
      FROM hosho.eligibility(p_legal_form, p_industry_code, p_muni_code, p_capital_yen, p_employees,
                             NULL, NULL, 'clear') e
     WHERE e.code NOT LIKE 'antisocial%';   -- screened on the real application only
    RETURN QUERY SELECT 'limit', l.ok, l.cap_code, l.message, l.room
      FROM hosho.limit_check_facts(p_legal_form, p_scheme_code, p_amount, p_secured, p_guarantor, p_on, p_use_of_funds) l;
    RETURN QUERY SELECT 'term', t.ok, t.code, t.message, t.max_months::bigint
      FROM hosho.term_check(p_scheme_code, p_use_of_funds, p_repayment, p_term_months, p_deferral_months, p_on) t;
    SELECT bool_and(t.ok) INTO terms_ok
      FROM hosho.term_check(p_scheme_code, p_use_of_funds, p_repayment, p_term_months, p_deferral_months, p_on) t;
    RETURN QUERY SELECT 'rate', s.ok, s.code, s.message, s.guaranteed_pct::bigint
      FROM hosho.sharing_for(p_scheme_code, NULL, p_on) s;
    FOR r IN SELECT * FROM hosho.rate_for(p_scheme_code, p_rate_class, p_term_months, p_use_of_funds,
                                          p_collateral_discount, p_advisor_discount, p_on) LOOP
        RETURN QUERY SELECT 'rate', r.ok, r.code, r.message, r.rate_bp::bigint;
        CONTINUE WHEN NOT r.ok OR r.min_bp IS NULL OR r.code = 'discount_not_applicable';
        IF NOT terms_ok OR p_amount IS NULL OR p_amount <= 0
           OR p_repayment IN ('equal', 'unequal') AND coalesce(p_installments, 0) < 2 THEN
            RETURN QUERY SELECT 'fee', false, 'fee_not_computed',
                '期間・返済方法・分割回数・金額が確定しないため、保証料を計算できません', NULL::bigint;
            CONTINUE;
        END IF;
        IF r.rate_bp IS NOT NULL THEN
            fee := hosho.fee_amount(p_repayment, p_amount, r.rate_bp, p_term_months, p_deferral_months, p_installments, days);
            RETURN QUERY SELECT 'fee', true, 'fee',
                format('保証料 %s = %s', hosho.yen_exact(fee),
                       hosho.fee_explain(p_repayment, p_amount, r.rate_bp, p_term_months, p_deferral_months,
                                         p_installments, days)), fee;
            RETURN QUERY SELECT 'fee', true, 'fee_split_' || s.part,
                format('分割徴収 第%s回（%sか月目）%s%% %s円', s.part, s.due_month, s.pct, to_char(s.amount, 'FM999,999,999,990')),
                s.amount
              FROM hosho.fee_split(fee, p_term_months) s WHERE p_term_months >= 25;
        ELSE
            RETURN QUERY SELECT 'fee', true, x.code,
                format('料率%sの場合 保証料 %s = %s', hosho.rate_text(x.bp), hosho.yen_exact(x.fee),
                       hosho.fee_explain(p_repayment, p_amount, x.bp, p_term_months, p_deferral_months,
                                         p_installments, days)), x.fee
              FROM (VALUES ('fee_at_min', r.min_bp), ('fee_at_max', r.max_bp)) v(code, bp),
                   LATERAL (SELECT v.code, v.bp, hosho.fee_amount(p_repayment, p_amount, v.bp, p_term_months,
                                                                  p_deferral_months, p_installments, days) AS fee) x;
        END IF;
    END LOOP;
END $$;

-- ---------------------------------------------------------------------------
-- Ownership and privileges.
-- ---------------------------------------------------------------------------
ALTER TABLE hosho.antisocial_result OWNER TO hosho_owner;
ALTER TABLE hosho.scheme_category OWNER TO hosho_owner;
ALTER TABLE hosho.guarantor_kind OWNER TO hosho_owner;
GRANT SELECT ON hosho.antisocial_result, hosho.scheme_category, hosho.guarantor_kind TO hosho_staff;

ALTER FUNCTION hosho.corporate_number_valid(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_founded_on_past() OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_banks_set(bigint, jsonb) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_save(jsonb) OWNER TO hosho_owner;
ALTER FUNCTION hosho.reading_key(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_duplicates(jsonb) OWNER TO hosho_owner;
ALTER FUNCTION hosho.yen_exact(bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.fee_parts(text, bigint, int, int, int, int, int, bigint, bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.fee_explain(text, bigint, int, int, int, int, int) OWNER TO hosho_owner;

-- company_get too: 020 left it executable by PUBLIC.
REVOKE EXECUTE ON FUNCTION hosho.corporate_number_valid(text), hosho.company_founded_on_past(),
	hosho.company_banks_set(bigint, jsonb), hosho.company_save(jsonb), hosho.company_get(bigint),
	hosho.reading_key(text),
	hosho.company_duplicates(jsonb), hosho.yen_exact(bigint),
	hosho.fee_parts(text, bigint, int, int, int, int, int, bigint, bigint),
	hosho.fee_explain(text, bigint, int, int, int, int, int) FROM PUBLIC;
-- The CHECK and the index call these as the person saving.
GRANT EXECUTE ON FUNCTION hosho.corporate_number_valid(text), hosho.reading_key(text),
	hosho.company_duplicates(jsonb), hosho.yen_exact(bigint),
	hosho.fee_parts(text, bigint, int, int, int, int, int, bigint, bigint),
	hosho.fee_explain(text, bigint, int, int, int, int, int) TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.company_banks_set(bigint, jsonb), hosho.company_save(jsonb)
	TO hosho_clerk, hosho_supervisor;
