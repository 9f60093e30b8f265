-- 050_rules.sql — eligibility, limits, terms, rate and responsibility sharing.
--
-- Every rule function returns one row per check it performed, ok or not, with
-- a code and a Japanese message, so a screen lists every reason.  They read
-- only reference tables and (for the company variants) one company's rows
-- through indexes; none writes.

-- ---------------------------------------------------------------------------
-- Wording helpers
-- ---------------------------------------------------------------------------

-- ¥ in the way the brochure writes it: 3億円, 5,000万円, 2億8,000万円, 1,234円.
CREATE FUNCTION hosho.yen_text(p bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN p IS NULL THEN '未入力'
                WHEN p = 0 THEN '0円'
                WHEN p < 0 THEN '−' || hosho.yen_text(-p)
                ELSE concat(CASE WHEN p >= 100000000 THEN to_char(p / 100000000, 'FM9,999') || '億' END,
                            CASE WHEN p % 100000000 >= 10000 THEN to_char(p % 100000000 / 10000, 'FM9,999') || '万' END,
                            CASE WHEN p % 10000 > 0 THEN to_char(p % 10000, 'FM9,999') END,
                            '円') END
$$;

-- A rate in 1/100 % as text: 190 → 1.90%.
CREATE FUNCTION hosho.rate_text(p_bp int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (p_bp / 100) || '.' || lpad((p_bp % 100)::text, 2, '0') || '%'
$$;

-- Months as the brochure writes terms: 60 → 5年, 18 → 1年6か月, 6 → 6か月.
CREATE FUNCTION hosho.months_text(p int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT concat(CASE WHEN p >= 12 THEN (p / 12) || '年' END,
                  CASE WHEN p % 12 > 0 THEN (p % 12) || 'か月' END)
$$;

-- The scheme version in force on a date (none if the scheme is not offered).
CREATE FUNCTION hosho.scheme_version_on(p_scheme_code text, p_on date)
RETURNS hosho.scheme_version
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT v.* FROM hosho.scheme_version v
     WHERE v.scheme_code = p_scheme_code
       AND v.valid_from <= p_on AND (v.valid_to IS NULL OR p_on <= v.valid_to)
$$;

-- ---------------------------------------------------------------------------
-- Eligibility (ご利用いただける方)
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.eligibility(p_legal_form text, p_industry_code text, p_muni_code text,
                                  p_capital_yen bigint, p_employees int,
                                  p_union_members int, p_union_eligible_members int,
                                  p_antisocial text)
RETURNS TABLE (ok boolean, code text, message text)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    m   hosho.municipality;
    lf  hosho.legal_form;
    ind hosho.industry;
    sc  hosho.size_class;
    num bigint := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'union_eligible_num');
    den bigint := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'union_eligible_den');
    line int;
    cap_ok boolean;
    emp_ok boolean;
BEGIN
    -- 1. 区域要件
    SELECT * INTO m FROM hosho.municipality x WHERE x.muni_code = p_muni_code;
    IF p_muni_code IS NULL THEN
        RETURN QUERY SELECT false, 'region_missing', '事業所の所在市町村が入力されていないため、区域要件を判定できません';
    ELSIF m.muni_code IS NULL THEN
        RETURN QUERY SELECT false, 'region_outside',
            format('市町村コード%sは岩手県内の市町村ではないため、区域要件を満たしません', p_muni_code);
    ELSE
        RETURN QUERY SELECT true, 'region', format('%sに事業所があり、区域要件を満たします', m.name);
    END IF;

    -- 2. 法人個人区分
    SELECT * INTO lf FROM hosho.legal_form x WHERE x.legal_form = p_legal_form;
    IF lf.legal_form IS NULL THEN
        RETURN QUERY SELECT false, 'legal_form_unknown',
            format('法人個人区分「%s」は登録されていないため、企業規模を判定できません', coalesce(p_legal_form, '未入力'));
    END IF;

    -- 3. 業種
    SELECT * INTO ind FROM hosho.industry x WHERE x.industry_code = p_industry_code;
    IF ind.industry_code IS NULL THEN
        RETURN QUERY SELECT false, 'industry_unknown',
            format('業種コード「%s」は業種表にないため、対象業種か判定できません', coalesce(p_industry_code, '未入力'));
    ELSIF ind.eligible THEN
        RETURN QUERY SELECT true, 'industry', format('業種「%s」は保証対象業種です', ind.name);
    ELSIF lf.size_test = 'none' AND p_union_members > 0
          AND p_union_eligible_members * den >= p_union_members * num THEN
        RETURN QUERY SELECT true, 'industry_union_members',
            format('組合の業種「%s」は対象外ですが、構成員%s人のうち%s人（%s分の%s以上）が保証対象業種を営むため対象となります',
                   ind.name, p_union_members, p_union_eligible_members, den, num);
    ELSIF lf.size_test = 'none' THEN
        RETURN QUERY SELECT false, 'industry_ineligible',
            format('%s。保証対象業種を営む構成員も%s分の%s未満（%s人中%s人）です',
                   ind.ineligible_reason, den, num, coalesce(p_union_members::text, '未入力'),
                   coalesce(p_union_eligible_members::text, '未入力'));
    ELSE
        RETURN QUERY SELECT false, 'industry_ineligible', ind.ineligible_reason;
    END IF;
    IF ind.licence_required THEN
        RETURN QUERY SELECT true, 'licence_required',
            format('業種「%s」は許認可等を要します。許認可等を受けていることを確認してください', ind.name);
    END IF;

    -- 4. 企業規模
    IF lf.legal_form IS NOT NULL AND ind.industry_code IS NOT NULL THEN
        IF lf.size_test = 'none' THEN
            RETURN QUERY SELECT true, 'size_union', '組合は中小企業者として扱われ、資本金・従業員数の規模要件はありません';
        ELSIF lf.size_test IN ('employees', 'npo') THEN
            SELECT * INTO sc FROM hosho.size_class x WHERE x.size_code = coalesce(lf.size_code, ind.size_code);
            line := CASE lf.size_test WHEN 'npo' THEN sc.npo_employees_max ELSE sc.employees_max END;
            IF p_employees IS NULL THEN
                RETURN QUERY SELECT false, 'size_missing',
                    format('%sは常時使用する従業員数で判定しますが、従業員数が入力されていません', lf.name);
            ELSIF p_employees <= line THEN
                RETURN QUERY SELECT true, 'size_employees',
                    format('%s（%s）で常時使用する従業員数%s人（%s人以下）のため、中小企業者に該当します',
                           lf.name, sc.name, p_employees, line);
            ELSE
                RETURN QUERY SELECT false, 'size_over',
                    format('%s（%s）で常時使用する従業員数%s人が%s人を超えるため、中小企業者に該当しません',
                           lf.name, sc.name, p_employees, line);
            END IF;
        ELSE
            SELECT * INTO sc FROM hosho.size_class x WHERE x.size_code = ind.size_code;
            cap_ok := p_capital_yen <= sc.capital_max;
            emp_ok := p_employees <= sc.employees_max;
            IF cap_ok THEN
                RETURN QUERY SELECT true, 'size_capital',
                    format('資本金%s（%s以下）のため、%sの中小企業者に該当します',
                           hosho.yen_text(p_capital_yen), hosho.yen_text(sc.capital_max), sc.name);
            ELSIF emp_ok THEN
                RETURN QUERY SELECT true, 'size_employees',
                    format('常時使用する従業員数%s人（%s人以下）のため、%sの中小企業者に該当します',
                           p_employees, sc.employees_max, sc.name);
            ELSIF p_capital_yen IS NULL AND p_employees IS NULL THEN
                RETURN QUERY SELECT false, 'size_missing', '資本金・従業員数がともに未入力のため、企業規模を判定できません';
            ELSE
                RETURN QUERY SELECT false, 'size_over',
                    format('%sかつ%sのため、%sの中小企業者に該当しません',
                           CASE WHEN p_capital_yen IS NULL THEN '資本金未入力'
                                ELSE '資本金' || hosho.yen_text(sc.capital_max) || '超' END,
                           CASE WHEN p_employees IS NULL THEN '従業員数未入力'
                                ELSE '従業員' || sc.employees_max || '人超' END,
                           sc.name);
            END IF;
        END IF;
    END IF;

    -- 5. 反社会的勢力
    RETURN QUERY SELECT r.ok, r.code, r.message FROM (VALUES
        ('clear',   true,  'antisocial_clear',   '反社会的勢力の照会結果は該当なしです'),
        ('pending', false, 'antisocial_pending', '反社会的勢力の照会が完了していないため、保証できません'),
        ('hit',     false, 'antisocial_hit',     '反社会的勢力に該当するため、保証をご利用いただけません')) r(v, ok, code, message)
     WHERE r.v = p_antisocial
    UNION ALL
    SELECT false, 'antisocial_unknown', '反社会的勢力の照会結果が入力されていません'
     WHERE p_antisocial IS NULL OR p_antisocial NOT IN ('clear', 'pending', 'hit');
END $$;
COMMENT ON FUNCTION hosho.eligibility(text, text, text, bigint, int, int, int, text) IS
  '保証対象者の判定 (区域・業種・企業規模・反社)。判定ごとに1行';

CREATE FUNCTION hosho.company_eligibility(p_company_id bigint)
RETURNS TABLE (ok boolean, code text, message text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT e.* FROM hosho.company c,
           LATERAL hosho.eligibility(c.legal_form, c.industry_code, c.muni_code, c.capital_yen, c.employees,
                                     c.union_members, c.union_eligible_members, c.antisocial_result) e
     WHERE c.company_id = p_company_id
    UNION ALL
    SELECT false, 'company_not_found', format('企業番号%sは登録されていません', p_company_id)
     WHERE NOT EXISTS (SELECT 1 FROM hosho.company c WHERE c.company_id = p_company_id)
$$;

-- ---------------------------------------------------------------------------
-- Limits (保証限度)
-- ---------------------------------------------------------------------------

-- Does a cap of this scope count a guarantee that is secured/has this guarantor?
CREATE FUNCTION hosho.cap_scope_covers(p_scope text, p_secured boolean, p_guarantor text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE p_scope WHEN 'all' THEN true
                        WHEN 'secured' THEN p_secured
                        WHEN 'unsecured' THEN NOT p_secured
                        WHEN 'unsecured_no_guarantor' THEN NOT p_secured AND p_guarantor = 'none'
           END
$$;

-- Is a guarantee of this frame and scheme a member of the cap?
CREATE FUNCTION hosho.cap_has(p_cap_code text, p_frame_code text, p_scheme_code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT EXISTS (SELECT 1 FROM hosho.limit_cap_member m
                    WHERE m.cap_code = p_cap_code AND NOT m.excluded
                      AND (m.frame_code = p_frame_code OR m.scheme_code = p_scheme_code))
       AND NOT EXISTS (SELECT 1 FROM hosho.limit_cap_member m
                        WHERE m.cap_code = p_cap_code AND m.excluded AND m.scheme_code = p_scheme_code)
$$;

-- The limit check on typed facts: p_exposure is the company's live exposure
-- (empty for a company not yet registered). One row per cap examined; binding
-- marks the cap with the least room (ties: the brochure's order).
CREATE FUNCTION hosho.limit_check_facts(p_legal_form text, p_scheme_code text, p_amount bigint,
                                        p_secured boolean, p_guarantor text,
                                        p_on date DEFAULT current_date,
                                        p_use_of_funds text DEFAULT NULL,
                                        p_exposure hosho.exposure_item[] DEFAULT '{}')
RETURNS TABLE (cap_code text, cap_name text, cap_amount bigint, exposure bigint, after_amount bigint,
               room bigint, ok boolean, binding boolean, message text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH v AS (SELECT * FROM hosho.scheme_version_on(p_scheme_code, p_on) WHERE scheme_code IS NOT NULL),
    caps AS (
        SELECT c.* FROM hosho.limit_cap c, v
         WHERE c.valid_from <= p_on AND (c.valid_to IS NULL OR p_on <= c.valid_to)
           AND (c.legal_forms IS NULL OR p_legal_form = ANY (c.legal_forms))
           AND (c.use_of_funds IS NULL OR c.use_of_funds = p_use_of_funds)
           AND hosho.cap_scope_covers(c.scope, p_secured, p_guarantor)
           AND hosho.cap_has(c.cap_code, v.frame_code, p_scheme_code)),
    ev AS (
        SELECT c.cap_code, c.name, c.amount, c.sort,
               coalesce((SELECT sum(e.amount) FROM unnest(p_exposure) e
                          WHERE hosho.cap_scope_covers(c.scope, e.secured, e.guarantor)
                            AND (c.use_of_funds IS NULL OR c.use_of_funds = e.use_of_funds)
                            AND hosho.cap_has(c.cap_code, e.frame_code, e.scheme_code)), 0)::bigint AS exposure
          FROM caps c)
    SELECT u.cap_code, u.cap_name, u.cap_amount, u.exposure, u.after_amount, u.room, u.ok, u.binding, u.message
      FROM (
    SELECT ev.sort, ev.cap_code, ev.name, ev.amount, ev.exposure, ev.exposure + p_amount,
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
    UNION ALL
    SELECT 0, 'scheme_unavailable', NULL, NULL, NULL, NULL, NULL, false, false,
           format('制度「%s」は%sに取り扱っていません', coalesce((SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = p_scheme_code), p_scheme_code), p_on)
     WHERE NOT EXISTS (SELECT 1 FROM v)
    UNION ALL
    SELECT 1, 'min_amount', NULL, v.min_amount, NULL, p_amount, NULL, p_amount >= v.min_amount, false,
           format('本制度の最低保証金額は%sです（申込%s）', hosho.yen_text(v.min_amount), hosho.yen_text(p_amount))
      FROM v WHERE v.min_amount IS NOT NULL
      ) u (ord, cap_code, cap_name, cap_amount, exposure, after_amount, room, ok, binding, message)
     ORDER BY u.ord
$$;

-- The limit check for a registered company: its whole live exposure.
CREATE FUNCTION hosho.limit_check(p_company_id bigint, p_scheme_code text, p_amount bigint,
                                  p_secured boolean, p_guarantor text,
                                  p_on date DEFAULT current_date, p_use_of_funds text DEFAULT NULL)
RETURNS TABLE (cap_code text, cap_name text, cap_amount bigint, exposure bigint, after_amount bigint,
               room bigint, ok boolean, binding boolean, message text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT l.* FROM hosho.company c,
           LATERAL hosho.limit_check_facts(c.legal_form, p_scheme_code, p_amount, p_secured, p_guarantor,
                                           p_on, p_use_of_funds,
                                           ARRAY(SELECT e FROM hosho.guarantee_exposure(c.company_id) e)) l
     WHERE c.company_id = p_company_id
$$;

-- ---------------------------------------------------------------------------
-- Terms (保証期間・据置・短期継続)
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.term_check(p_scheme_code text, p_use_of_funds text, p_repayment text,
                                 p_term_months int, p_deferral_months int DEFAULT 0,
                                 p_on date DEFAULT current_date, p_series_start date DEFAULT NULL)
RETURNS TABLE (ok boolean, code text, message text, max_months int)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v  hosho.scheme_version := hosho.scheme_version_on(p_scheme_code, p_on);
    dv hosho.scheme_version;
    rp hosho.repayment;
    uf hosho.use_of_funds;
    t  hosho.scheme_term;
    sname text := (SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = p_scheme_code);
    series_end date;
BEGIN
    IF v.scheme_code IS NULL THEN
        RETURN QUERY SELECT false, 'scheme_unavailable',
            format('制度「%s」は%sに取り扱っていません', coalesce(sname, p_scheme_code), p_on), NULL::int;
        RETURN;
    END IF;
    SELECT * INTO rp FROM hosho.repayment x WHERE x.repayment = p_repayment;
    SELECT * INTO uf FROM hosho.use_of_funds x WHERE x.use_code = p_use_of_funds;
    IF rp.repayment IS NULL OR uf.use_code IS NULL THEN
        RETURN QUERY SELECT false, 'input_unknown',
            format('資金使途「%s」または返済方法「%s」が登録されていません', p_use_of_funds, p_repayment), NULL::int;
        RETURN;
    END IF;
    IF p_term_months IS NULL OR p_term_months < 1 THEN
        RETURN QUERY SELECT false, 'term_missing', '保証期間は1か月以上で入力してください', NULL::int;
        RETURN;
    END IF;
    -- a scheme that prints no term follows the default scheme's (普通保証)
    IF NOT EXISTS (SELECT 1 FROM hosho.scheme_term x WHERE x.scheme_code = v.scheme_code AND x.valid_from = v.valid_from) THEN
        dv := hosho.scheme_version_on((SELECT text_value FROM hosho.rule_param WHERE param_code = 'default_term_scheme'), p_on);
    ELSE
        dv := v;
    END IF;
    -- the row that admits the term if any (the shortest such), else the longest
    SELECT * INTO t FROM hosho.scheme_term x
     WHERE x.scheme_code = dv.scheme_code AND x.valid_from = dv.valid_from
       AND (x.use_of_funds = p_use_of_funds OR x.use_of_funds = uf.falls_back
            OR x.use_of_funds = 'any' AND p_use_of_funds IN ('working', 'equipment'))
       AND x.term_kind IN (rp.term_kind, 'any')
     ORDER BY x.max_months < p_term_months, -- admitting rows first
              CASE WHEN x.max_months >= p_term_months THEN x.max_months ELSE -x.max_months END
     LIMIT 1;
    IF t.scheme_code IS NULL THEN
        RETURN QUERY SELECT false, 'use_not_allowed',
            format('「%s」は%s（%s）には利用できません', sname, uf.name, rp.name), NULL::int;
        RETURN;
    END IF;
    IF p_term_months <= t.max_months THEN
        RETURN QUERY SELECT true, 'term',
            format('%s（%s）の保証期間%sは上限%s以内です', uf.name, rp.name,
                   hosho.months_text(p_term_months), hosho.months_text(t.max_months)), t.max_months;
    ELSE
        RETURN QUERY SELECT false, 'term_over',
            format('「%s」の%s（%s）の保証期間は%s以内です（申込%s）', sname, uf.name, rp.name,
                   hosho.months_text(t.max_months), hosho.months_text(p_term_months)), t.max_months;
    END IF;

    IF coalesce(p_deferral_months, 0) > 0 THEN
        IF rp.term_kind = 'lump' THEN
            RETURN QUERY SELECT false, 'deferral_lump', format('%sには据置期間を設定できません', rp.name), NULL::int;
        ELSIF p_deferral_months >= p_term_months THEN
            RETURN QUERY SELECT false, 'deferral_over_term',
                format('据置期間%sが保証期間%s以上です', hosho.months_text(p_deferral_months), hosho.months_text(p_term_months)), NULL::int;
        ELSIF p_deferral_months > t.max_deferral_months THEN
            RETURN QUERY SELECT false, 'deferral_over',
                format('据置期間は%s以内です（申込%s）', hosho.months_text(t.max_deferral_months), hosho.months_text(p_deferral_months)),
                t.max_deferral_months;
        ELSE
            RETURN QUERY SELECT true, 'deferral',
                format('据置期間%s（返済期間%s）', hosho.months_text(p_deferral_months),
                       hosho.months_text(p_term_months - p_deferral_months)), t.max_deferral_months;
        END IF;
    ELSIF p_deferral_months < 0 THEN
        RETURN QUERY SELECT false, 'deferral_negative', '据置期間は0か月以上で入力してください', NULL::int;
    END IF;

    IF t.rolling_max_months IS NOT NULL THEN
        IF p_series_start IS NULL THEN
            RETURN QUERY SELECT true, 'rolling',
                format('1回の期間%s以内で、借換により当初実行から最長%sまで継続できます',
                       hosho.months_text(t.max_months), hosho.months_text(t.rolling_max_months)), t.rolling_max_months;
        ELSE
            series_end := p_series_start + make_interval(months => t.rolling_max_months);
            IF p_on + make_interval(months => p_term_months) <= series_end THEN
                RETURN QUERY SELECT true, 'rolling',
                    format('当初実行%sから最長%s（%sまで）の範囲内です', p_series_start,
                           hosho.months_text(t.rolling_max_months), series_end), t.rolling_max_months;
            ELSE
                RETURN QUERY SELECT false, 'rolling_over',
                    format('当初実行%sから最長%s（%sまで）を超えて継続することはできません（今回の期日%s）',
                           p_series_start, hosho.months_text(t.rolling_max_months), series_end,
                           (p_on + make_interval(months => p_term_months))::date), t.rolling_max_months;
            END IF;
        END IF;
    END IF;
END $$;

-- ---------------------------------------------------------------------------
-- Rate (保証料率) and responsibility sharing (責任共有)
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.rate_for(p_scheme_code text, p_rate_class smallint, p_term_months int,
                               p_use_of_funds text, p_collateral_discount boolean,
                               p_advisor_discount boolean, p_on date DEFAULT current_date)
RETURNS TABLE (ok boolean, code text, message text, rate_bp int, min_bp int, max_bp int, shared boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v hosho.scheme_version := hosho.scheme_version_on(p_scheme_code, p_on);
    r hosho.scheme_rate;
    sh boolean;
    base int;
    disc int;
    disc_names text;
BEGIN
    IF v.scheme_code IS NULL THEN
        RETURN QUERY SELECT false, 'scheme_unavailable',
            format('制度「%s」は%sに取り扱っていません', p_scheme_code, p_on), NULL::int, NULL::int, NULL::int, NULL::boolean;
        RETURN;
    END IF;
    sh := v.exclusion_code IS NULL;
    SELECT * INTO r FROM hosho.scheme_rate x
     WHERE x.scheme_code = v.scheme_code AND x.valid_from = v.valid_from AND x.variant = 'standard'
       AND (x.use_of_funds IS NULL OR x.use_of_funds = p_use_of_funds)
       AND (x.max_term_months IS NULL OR p_term_months <= x.max_term_months)
     ORDER BY x.seq LIMIT 1;
    IF r.scheme_code IS NULL THEN
        RETURN QUERY SELECT false, 'rate_undefined',
            '本制度の保証料率は保証制度一覧に定めがありません（協会所定の料率を確認してください）',
            NULL::int, NULL::int, NULL::int, sh;
    ELSIF r.rate_bp IS NOT NULL THEN
        RETURN QUERY SELECT true, 'rate_flat',
            format('保証料率 年%s（%s制度所定の一律料率）', hosho.rate_text(r.rate_bp),
                   CASE WHEN sh THEN '責任共有対象・' ELSE '責任共有対象外・' END),
            r.rate_bp, r.rate_bp, r.rate_bp, sh;
        IF p_collateral_discount OR p_advisor_discount THEN
            RETURN QUERY SELECT true, 'discount_not_applicable',
                '一律料率の制度には担保・会計参与の割引は適用されません', NULL::int, NULL::int, NULL::int, sh;
        END IF;
    ELSIF r.min_bp IS NOT NULL THEN
        RETURN QUERY SELECT true, 'rate_range',
            format('保証料率は%s年%s～%sの範囲で協会所定（区分別の料率表は保証制度一覧に掲載がありません）',
                   CASE WHEN sh THEN '責任共有 ' ELSE '' END, hosho.rate_text(r.min_bp), hosho.rate_text(r.max_bp)),
            NULL::int, r.min_bp, r.max_bp, sh;
    ELSIF p_rate_class IS NULL THEN
        RETURN QUERY SELECT false, 'rate_class_missing', '保証料率区分（1～9）が入力されていません',
            NULL::int, NULL::int, NULL::int, sh;
    ELSE
        SELECT t.rate_bp INTO base FROM hosho.rate_table t
         WHERE t.table_code = r.table_code AND t.shared = sh AND t.rate_class = p_rate_class;
        IF base IS NULL THEN
            RETURN QUERY SELECT false, 'rate_table_missing',
                format('料率表「%s」（%s）の区分%sが登録されていません', r.table_code,
                       CASE WHEN sh THEN '責任共有対象' ELSE '責任共有対象外' END, p_rate_class),
                NULL::int, NULL::int, NULL::int, sh;
            RETURN;
        END IF;
        SELECT coalesce(sum(d.discount_bp), 0), string_agg(d.name || '−' || hosho.rate_text(d.discount_bp), '、' ORDER BY d.discount_code DESC)
          INTO disc, disc_names
          FROM hosho.rate_discount d
         WHERE d.discount_code = 'collateral' AND p_collateral_discount
            OR d.discount_code = 'advisor' AND p_advisor_discount;
        RETURN QUERY SELECT true, 'rate_class',
            format('保証料率 年%s（%s料率表 区分%s %s%s）', hosho.rate_text(greatest(base - disc, 0)),
                   CASE WHEN sh THEN '責任共有' ELSE '責任共有対象外' END, p_rate_class::text,
                   hosho.rate_text(base), CASE WHEN disc > 0 THEN '、' || disc_names END),
            greatest(base - disc, 0), greatest(base - disc, 0), greatest(base - disc, 0), sh;
    END IF;
END $$;

-- Guaranteed share for a scheme at a bank. p_bank_code NULL (simulate):
-- the answer names both methods.
CREATE FUNCTION hosho.sharing_for(p_scheme_code text, p_bank_code text, p_on date DEFAULT current_date)
RETURNS TABLE (ok boolean, code text, message text, sharing text, guaranteed_pct int)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH v AS (SELECT * FROM hosho.scheme_version_on(p_scheme_code, p_on) WHERE scheme_code IS NOT NULL),
         b AS (SELECT * FROM hosho.bank WHERE bank_code = p_bank_code),
         share AS (SELECT int_value AS pct FROM hosho.rule_param WHERE param_code = 'bank_share_pct')
    SELECT true, 'sharing_excluded',
           format('責任共有制度の対象外（%s）のため、100%%保証です', x.name), 'full100', 100
      FROM v JOIN hosho.sharing_exclusion x USING (exclusion_code)
    UNION ALL
    SELECT true, 'sharing_partial',
           format('責任共有制度の対象で、%sは部分保証方式のため%s%%保証です（金融機関負担%s%%）', b.name, 100 - share.pct, share.pct),
           'partial80', (100 - share.pct)::int
      FROM v, b, share WHERE v.exclusion_code IS NULL AND b.sharing_method = 'partial'
    UNION ALL
    SELECT true, 'sharing_burden',
           format('責任共有制度の対象で、%sは負担金方式のため100%%保証です（金融機関は事後に約%s%%の負担金を負担）', b.name, share.pct),
           'full100', 100
      FROM v, b, share WHERE v.exclusion_code IS NULL AND b.sharing_method = 'burden'
    UNION ALL
    SELECT true, 'sharing_shared',
           format('責任共有制度の対象です（部分保証方式は%s%%保証、負担金方式は100%%保証）', 100 - share.pct), NULL, NULL
      FROM v, share WHERE v.exclusion_code IS NULL AND p_bank_code IS NULL
    UNION ALL
    SELECT false, 'bank_unknown', format('金融機関コード%sは登録されていません', p_bank_code), NULL, NULL
     WHERE p_bank_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM b)
    UNION ALL
    SELECT false, 'scheme_unavailable', format('制度「%s」は%sに取り扱っていません', p_scheme_code, p_on), NULL, NULL
     WHERE NOT EXISTS (SELECT 1 FROM v)
$$;

-- 負担金方式: the bank's burden charge for a period = the average balance of
-- its shared guarantees × the subrogation rate (in parts per million) × the
-- bank's share (rule_param bank_share_pct, 20%), truncated below one yen.
CREATE FUNCTION hosho.burden_charge(p_average_balance bigint, p_subrogation_ppm int)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (p_average_balance::numeric * p_subrogation_ppm * r.int_value / (1000000 * 100))::bigint
      FROM hosho.rule_param r WHERE r.param_code = 'bank_share_pct'
$$;

-- ---------------------------------------------------------------------------
-- The catalogue as the browser shows it on a date.
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.scheme_on(p_on date DEFAULT current_date)
RETURNS TABLE (scheme_code text, name text, category text, category_name text, frame_name text,
               limit_amount bigint, unsecured_limit bigint, terms text, rate text, shared boolean,
               summary text, note text, valid_from date, valid_to date, sort int)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT s.scheme_code, s.name, s.category,
           CASE s.category WHEN 'association' THEN '協会' WHEN 'prefecture' THEN '県'
                           WHEN 'municipality' THEN '市町村' ELSE '災害' END,
           f.name,
           (SELECT min(c.amount) FROM hosho.limit_cap c
             WHERE c.scope IN ('all', 'secured') AND c.use_of_funds IS NULL
               AND (c.legal_forms IS NULL OR 'corporation' = ANY (c.legal_forms))
               AND c.valid_from <= p_on AND (c.valid_to IS NULL OR p_on <= c.valid_to)
               AND hosho.cap_has(c.cap_code, v.frame_code, v.scheme_code)
               AND (c.scope = 'all' OR NOT EXISTS (SELECT 1 FROM hosho.limit_cap c2 JOIN hosho.limit_cap_member m2 USING (cap_code)
                                                     WHERE m2.scheme_code = v.scheme_code AND c2.scope = 'all'))),
           (SELECT min(c.amount) FROM hosho.limit_cap c
             WHERE c.scope = 'unsecured'
               AND c.valid_from <= p_on AND (c.valid_to IS NULL OR p_on <= c.valid_to)
               AND hosho.cap_has(c.cap_code, v.frame_code, v.scheme_code)),
           (SELECT string_agg(CASE t.use_of_funds WHEN 'working' THEN '運転' WHEN 'equipment' THEN '設備'
                                                  WHEN 'refinance' THEN '借換' ELSE '' END
                              || CASE t.term_kind WHEN 'lump' THEN '一括' WHEN 'installment' THEN '分割' ELSE '' END
                              || hosho.months_text(t.max_months) || '以内'
                              || coalesce('（借換により最長' || hosho.months_text(t.rolling_max_months) || '）', ''),
                              '　' ORDER BY t.use_of_funds DESC, t.term_kind DESC, t.max_months)
              FROM hosho.scheme_term t WHERE t.scheme_code = v.scheme_code AND t.valid_from = v.valid_from),
           (SELECT string_agg(coalesce(r.variant_name || ' ', '')
                              || CASE WHEN v.exclusion_code IS NULL THEN '責 ' ELSE '' END
                              || CASE WHEN r.rate_bp IS NOT NULL THEN hosho.rate_text(r.rate_bp)
                                      WHEN r.min_bp IS NOT NULL THEN hosho.rate_text(r.min_bp) || '～' || hosho.rate_text(r.max_bp)
                                      ELSE (SELECT hosho.rate_text(min(rt.rate_bp)) || '～' || hosho.rate_text(max(rt.rate_bp))
                                              FROM hosho.rate_table rt
                                             WHERE rt.table_code = r.table_code AND rt.shared = (v.exclusion_code IS NULL)) END
                              || coalesce('（' || CASE r.use_of_funds WHEN 'refinance' THEN '借換' ELSE r.use_of_funds END || '）', '')
                              || coalesce('（' || hosho.months_text(r.max_term_months) || '以内）', ''),
                              '／' ORDER BY r.seq)
              FROM hosho.scheme_rate r WHERE r.scheme_code = v.scheme_code AND r.valid_from = v.valid_from),
           v.exclusion_code IS NULL, s.summary, v.note, v.valid_from, v.valid_to, s.sort
      FROM hosho.scheme s
      JOIN hosho.scheme_version v ON v.scheme_code = s.scheme_code
                                 AND v.valid_from <= p_on AND (v.valid_to IS NULL OR p_on <= v.valid_to)
      JOIN hosho.frame f ON f.frame_code = v.frame_code
     ORDER BY s.sort
$$;
