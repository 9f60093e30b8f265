-- 130_intake_speed.sql — the intake check of one application, cheaper.
--
-- After 100 every statement of the check keeps its plan, and what a call
-- still paid for was starting the executor: 60% of its time (perf, 5,000
-- calls at 150,000 companies) went to ExecutorStart and ExecInitNode for
-- some 40 statements a call, most of them one-row `RETURN QUERY SELECT`s of
-- a message, and to the fee computed twice over its parts (fee_amount, then
-- fee_explain). Here the same rows come from plpgsql assignments and
-- RETURN NEXT (an expression, no executor), the fee and its arithmetic from
-- one reading of its parts, the limit check from one query of the scheme's
-- caps with their exposure (the binding cap found in plpgsql, no window and
-- no sort of the rows), and the intake check reads its company once.
-- Backend CPU of one check, a transaction each: 0.68 -> 0.46 ms
-- (tests/bench/rules, header). The pgTAP tests of eligibility, limits,
-- terms, rates and fees are unchanged: they are the proof the answers did
-- not change.

-- ---------------------------------------------------------------------------
-- 050: ¥ as the brochure writes it, one function call
-- ---------------------------------------------------------------------------
-- Inlined (100), yen_text put a dozen function calls into every message
-- expression, and plpgsql prepares an expression again in each transaction,
-- each call checking the caller may execute it: a check is one transaction
-- and names it up to eleven times. As plpgsql its one expression is
-- prepared once a transaction. The wording is 050's.
CREATE OR REPLACE FUNCTION hosho.yen_text(p bigint) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN CASE WHEN p IS NULL THEN '未入力'
                WHEN p = 0 THEN '0円'
                WHEN p < 0 THEN '−' || hosho.yen_text(-p)
                ELSE concat(CASE WHEN p >= 100000000 THEN to_char(p / 100000000, 'FM9,999') || '億' END,
                            CASE WHEN p % 100000000 >= 10000 THEN to_char(p % 100000000 / 10000, 'FM9,999') || '万' END,
                            CASE WHEN p % 10000 > 0 THEN to_char(p % 10000, 'FM9,999') END,
                            '円') END;
END $$;

-- ---------------------------------------------------------------------------
-- 050: eligibility, rows as assignments
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION hosho.eligibility(p_legal_form text, p_industry_code text, p_muni_code text,
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
    num bigint;
    den bigint;
    line int;
    cap_ok boolean;
    emp_ok boolean;
BEGIN
    -- 1. 区域要件
    SELECT * INTO m FROM hosho.municipality x WHERE x.muni_code = p_muni_code;
    IF p_muni_code IS NULL THEN
        ok := false; code := 'region_missing';
        message := '事業所の所在市町村が入力されていないため、区域要件を判定できません';
    ELSIF m.muni_code IS NULL THEN
        ok := false; code := 'region_outside';
        message := format('市町村コード%sは岩手県内の市町村ではないため、区域要件を満たしません', p_muni_code);
    ELSE
        ok := true; code := 'region'; message := format('%sに事業所があり、区域要件を満たします', m.name);
    END IF;
    RETURN NEXT;

    -- 2. 法人個人区分
    SELECT * INTO lf FROM hosho.legal_form x WHERE x.legal_form = p_legal_form;
    IF lf.legal_form IS NULL THEN
        ok := false; code := 'legal_form_unknown';
        message := format('法人個人区分「%s」は登録されていないため、企業規模を判定できません', coalesce(p_legal_form, '未入力'));
        RETURN NEXT;
    END IF;

    -- 3. 業種 (the union's share of eligible members read only for a union)
    SELECT * INTO ind FROM hosho.industry x WHERE x.industry_code = p_industry_code;
    IF lf.size_test = 'none' AND ind.industry_code IS NOT NULL AND NOT ind.eligible THEN
        SELECT n.int_value, d.int_value INTO num, den
          FROM hosho.rule_param n, hosho.rule_param d
         WHERE n.param_code = 'union_eligible_num' AND d.param_code = 'union_eligible_den';
    END IF;
    IF ind.industry_code IS NULL THEN
        ok := false; code := 'industry_unknown';
        message := format('業種コード「%s」は業種表にないため、対象業種か判定できません', coalesce(p_industry_code, '未入力'));
    ELSIF ind.eligible THEN
        ok := true; code := 'industry'; message := format('業種「%s」は保証対象業種です', ind.name);
    ELSIF lf.size_test = 'none' AND p_union_members > 0
          AND p_union_eligible_members * den >= p_union_members * num THEN
        ok := true; code := 'industry_union_members';
        message := format('組合の業種「%s」は対象外ですが、構成員%s人のうち%s人（%s分の%s以上）が保証対象業種を営むため対象となります',
                          ind.name, p_union_members, p_union_eligible_members, den, num);
    ELSIF lf.size_test = 'none' THEN
        ok := false; code := 'industry_ineligible';
        message := format('%s。保証対象業種を営む構成員も%s分の%s未満（%s人中%s人）です',
                          ind.ineligible_reason, den, num, coalesce(p_union_members::text, '未入力'),
                          coalesce(p_union_eligible_members::text, '未入力'));
    ELSE
        ok := false; code := 'industry_ineligible'; message := ind.ineligible_reason;
    END IF;
    RETURN NEXT;
    IF ind.licence_required THEN
        ok := true; code := 'licence_required';
        message := format('業種「%s」は許認可等を要します。許認可等を受けていることを確認してください', ind.name);
        RETURN NEXT;
    END IF;

    -- 4. 企業規模
    IF lf.legal_form IS NOT NULL AND ind.industry_code IS NOT NULL THEN
        IF lf.size_test = 'none' THEN
            ok := true; code := 'size_union';
            message := '組合は中小企業者として扱われ、資本金・従業員数の規模要件はありません';
        ELSIF lf.size_test IN ('employees', 'npo') THEN
            SELECT * INTO sc FROM hosho.size_class x WHERE x.size_code = coalesce(lf.size_code, ind.size_code);
            line := CASE lf.size_test WHEN 'npo' THEN sc.npo_employees_max ELSE sc.employees_max END;
            IF p_employees IS NULL THEN
                ok := false; code := 'size_missing';
                message := format('%sは常時使用する従業員数で判定しますが、従業員数が入力されていません', lf.name);
            ELSIF p_employees <= line THEN
                ok := true; code := 'size_employees';
                message := format('%s（%s）で常時使用する従業員数%s人（%s人以下）のため、中小企業者に該当します',
                                  lf.name, sc.name, p_employees, line);
            ELSE
                ok := false; code := 'size_over';
                message := format('%s（%s）で常時使用する従業員数%s人が%s人を超えるため、中小企業者に該当しません',
                                  lf.name, sc.name, p_employees, line);
            END IF;
        ELSE
            SELECT * INTO sc FROM hosho.size_class x WHERE x.size_code = ind.size_code;
            cap_ok := p_capital_yen <= sc.capital_max;
            emp_ok := p_employees <= sc.employees_max;
            IF cap_ok THEN
                ok := true; code := 'size_capital';
                message := format('資本金%s（%s以下）のため、%sの中小企業者に該当します',
                                  hosho.yen_text(p_capital_yen), hosho.yen_text(sc.capital_max), sc.name);
            ELSIF emp_ok THEN
                ok := true; code := 'size_employees';
                message := format('常時使用する従業員数%s人（%s人以下）のため、%sの中小企業者に該当します',
                                  p_employees, sc.employees_max, sc.name);
            ELSIF p_capital_yen IS NULL AND p_employees IS NULL THEN
                ok := false; code := 'size_missing';
                message := '資本金・従業員数がともに未入力のため、企業規模を判定できません';
            ELSE
                ok := false; code := 'size_over';
                message := format('%sかつ%sのため、%sの中小企業者に該当しません',
                                  CASE WHEN p_capital_yen IS NULL THEN '資本金未入力'
                                       ELSE '資本金' || hosho.yen_text(sc.capital_max) || '超' END,
                                  CASE WHEN p_employees IS NULL THEN '従業員数未入力'
                                       ELSE '従業員' || sc.employees_max || '人超' END,
                                  sc.name);
            END IF;
        END IF;
        RETURN NEXT;
    END IF;

    -- 5. 反社会的勢力
    IF p_antisocial = 'clear' THEN
        ok := true; code := 'antisocial_clear'; message := '反社会的勢力の照会結果は該当なしです';
    ELSIF p_antisocial = 'pending' THEN
        ok := false; code := 'antisocial_pending'; message := '反社会的勢力の照会が完了していないため、保証できません';
    ELSIF p_antisocial = 'hit' THEN
        ok := false; code := 'antisocial_hit'; message := '反社会的勢力に該当するため、保証をご利用いただけません';
    ELSE
        ok := false; code := 'antisocial_unknown'; message := '反社会的勢力の照会結果が入力されていません';
    END IF;
    RETURN NEXT;
END $$;

-- ---------------------------------------------------------------------------
-- 050: terms, rows as assignments
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION hosho.term_check(p_scheme_code text, p_use_of_funds text, p_repayment text,
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
        ok := false; code := 'scheme_unavailable'; max_months := NULL;
        message := format('制度「%s」は%sに取り扱っていません', coalesce(sname, p_scheme_code), p_on);
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT * INTO rp FROM hosho.repayment x WHERE x.repayment = p_repayment;
    SELECT * INTO uf FROM hosho.use_of_funds x WHERE x.use_code = p_use_of_funds;
    IF rp.repayment IS NULL OR uf.use_code IS NULL THEN
        ok := false; code := 'input_unknown'; max_months := NULL;
        message := format('資金使途「%s」または返済方法「%s」が登録されていません', p_use_of_funds, p_repayment);
        RETURN NEXT;
        RETURN;
    END IF;
    IF p_term_months IS NULL OR p_term_months < 1 THEN
        ok := false; code := 'term_missing'; message := '保証期間は1か月以上で入力してください'; max_months := NULL;
        RETURN NEXT;
        RETURN;
    END IF;
    -- a scheme that prints no term follows the default scheme's (普通保証)
    IF NOT EXISTS (SELECT 1 FROM hosho.scheme_term x WHERE x.scheme_code = v.scheme_code AND x.valid_from = v.valid_from) THEN
        dv := hosho.scheme_version_on((SELECT r.text_value FROM hosho.rule_param r WHERE r.param_code = 'default_term_scheme'), p_on);
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
        ok := false; code := 'use_not_allowed'; max_months := NULL;
        message := format('「%s」は%s（%s）には利用できません', sname, uf.name, rp.name);
        RETURN NEXT;
        RETURN;
    END IF;
    max_months := t.max_months;
    IF p_term_months <= t.max_months THEN
        ok := true; code := 'term';
        message := format('%s（%s）の保証期間%sは上限%s以内です', uf.name, rp.name,
                          hosho.months_text(p_term_months), hosho.months_text(t.max_months));
    ELSE
        ok := false; code := 'term_over';
        message := format('「%s」の%s（%s）の保証期間は%s以内です（申込%s）', sname, uf.name, rp.name,
                          hosho.months_text(t.max_months), hosho.months_text(p_term_months));
    END IF;
    RETURN NEXT;

    IF coalesce(p_deferral_months, 0) > 0 THEN
        IF rp.term_kind = 'lump' THEN
            ok := false; code := 'deferral_lump'; max_months := NULL;
            message := format('%sには据置期間を設定できません', rp.name);
        ELSIF p_deferral_months >= p_term_months THEN
            ok := false; code := 'deferral_over_term'; max_months := NULL;
            message := format('据置期間%sが保証期間%s以上です', hosho.months_text(p_deferral_months),
                              hosho.months_text(p_term_months));
        ELSIF p_deferral_months > t.max_deferral_months THEN
            ok := false; code := 'deferral_over'; max_months := t.max_deferral_months;
            message := format('据置期間は%s以内です（申込%s）', hosho.months_text(t.max_deferral_months),
                              hosho.months_text(p_deferral_months));
        ELSE
            ok := true; code := 'deferral'; max_months := t.max_deferral_months;
            message := format('据置期間%s（返済期間%s）', hosho.months_text(p_deferral_months),
                              hosho.months_text(p_term_months - p_deferral_months));
        END IF;
        RETURN NEXT;
    ELSIF p_deferral_months < 0 THEN
        ok := false; code := 'deferral_negative'; message := '据置期間は0か月以上で入力してください'; max_months := NULL;
        RETURN NEXT;
    END IF;

    IF t.rolling_max_months IS NOT NULL THEN
        max_months := t.rolling_max_months;
        IF p_series_start IS NULL THEN
            ok := true; code := 'rolling';
            message := format('1回の期間%s以内で、借換により当初実行から最長%sまで継続できます',
                              hosho.months_text(t.max_months), hosho.months_text(t.rolling_max_months));
        ELSE
            series_end := p_series_start + make_interval(months => t.rolling_max_months);
            IF p_on + make_interval(months => p_term_months) <= series_end THEN
                ok := true; code := 'rolling';
                message := format('当初実行%sから最長%s（%sまで）の範囲内です', p_series_start,
                                  hosho.months_text(t.rolling_max_months), series_end);
            ELSE
                ok := false; code := 'rolling_over';
                message := format('当初実行%sから最長%s（%sまで）を超えて継続することはできません（今回の期日%s）',
                                  p_series_start, hosho.months_text(t.rolling_max_months), series_end,
                                  (p_on + make_interval(months => p_term_months))::date);
            END IF;
        END IF;
        RETURN NEXT;
    END IF;
END $$;

-- ---------------------------------------------------------------------------
-- 050: the rate, rows as assignments; the discounts read only when asked for
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION hosho.rate_for(p_scheme_code text, p_rate_class smallint, p_term_months int,
                               p_use_of_funds text, p_collateral_discount boolean,
                               p_advisor_discount boolean, p_on date DEFAULT current_date)
RETURNS TABLE (ok boolean, code text, message text, rate_bp int, min_bp int, max_bp int, shared boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v hosho.scheme_version := hosho.scheme_version_on(p_scheme_code, p_on);
    r hosho.scheme_rate;
    sh boolean;
    base int;
    disc int := 0;
    disc_names text;
BEGIN
    IF v.scheme_code IS NULL THEN
        ok := false; code := 'scheme_unavailable'; rate_bp := NULL; min_bp := NULL; max_bp := NULL; shared := NULL;
        message := format('制度「%s」は%sに取り扱っていません', p_scheme_code, p_on);
        RETURN NEXT;
        RETURN;
    END IF;
    sh := v.exclusion_code IS NULL;
    shared := sh;
    SELECT * INTO r FROM hosho.scheme_rate x
     WHERE x.scheme_code = v.scheme_code AND x.valid_from = v.valid_from AND x.variant = 'standard'
       AND (x.use_of_funds IS NULL OR x.use_of_funds = p_use_of_funds)
       AND (x.max_term_months IS NULL OR p_term_months <= x.max_term_months)
     ORDER BY x.seq LIMIT 1;
    IF r.scheme_code IS NULL THEN
        ok := false; code := 'rate_undefined'; rate_bp := NULL; min_bp := NULL; max_bp := NULL;
        message := '本制度の保証料率は保証制度一覧に定めがありません（協会所定の料率を確認してください）';
        RETURN NEXT;
    ELSIF r.rate_bp IS NOT NULL THEN
        ok := true; code := 'rate_flat'; rate_bp := r.rate_bp; min_bp := r.rate_bp; max_bp := r.rate_bp;
        message := format('保証料率 年%s（%s制度所定の一律料率）', hosho.rate_text(r.rate_bp),
                          CASE WHEN sh THEN '責任共有対象・' ELSE '責任共有対象外・' END);
        RETURN NEXT;
        IF p_collateral_discount OR p_advisor_discount THEN
            ok := true; code := 'discount_not_applicable'; rate_bp := NULL; min_bp := NULL; max_bp := NULL;
            message := '一律料率の制度には担保・会計参与の割引は適用されません';
            RETURN NEXT;
        END IF;
    ELSIF r.min_bp IS NOT NULL THEN
        ok := true; code := 'rate_range'; rate_bp := NULL; min_bp := r.min_bp; max_bp := r.max_bp;
        message := format('保証料率は%s年%s～%sの範囲で協会所定（区分別の料率表は保証制度一覧に掲載がありません）',
                          CASE WHEN sh THEN '責任共有 ' ELSE '' END, hosho.rate_text(r.min_bp), hosho.rate_text(r.max_bp));
        RETURN NEXT;
    ELSIF p_rate_class IS NULL THEN
        ok := false; code := 'rate_class_missing'; rate_bp := NULL; min_bp := NULL; max_bp := NULL;
        message := '保証料率区分（1～9）が入力されていません';
        RETURN NEXT;
    ELSE
        SELECT t.rate_bp INTO base FROM hosho.rate_table t
         WHERE t.table_code = r.table_code AND t.shared = sh AND t.rate_class = p_rate_class;
        IF base IS NULL THEN
            ok := false; code := 'rate_table_missing'; rate_bp := NULL; min_bp := NULL; max_bp := NULL;
            message := format('料率表「%s」（%s）の区分%sが登録されていません', r.table_code,
                              CASE WHEN sh THEN '責任共有対象' ELSE '責任共有対象外' END, p_rate_class);
            RETURN NEXT;
            RETURN;
        END IF;
        IF p_collateral_discount OR p_advisor_discount THEN
            SELECT coalesce(sum(d.discount_bp), 0),
                   string_agg(d.name || '−' || hosho.rate_text(d.discount_bp), '、' ORDER BY d.discount_code DESC)
              INTO disc, disc_names
              FROM hosho.rate_discount d
             WHERE d.discount_code = 'collateral' AND p_collateral_discount
                OR d.discount_code = 'advisor' AND p_advisor_discount;
        END IF;
        ok := true; code := 'rate_class';
        rate_bp := greatest(base - disc, 0); min_bp := rate_bp; max_bp := rate_bp;
        message := format('保証料率 年%s（%s料率表 区分%s %s%s）', hosho.rate_text(greatest(base - disc, 0)),
                          CASE WHEN sh THEN '責任共有' ELSE '責任共有対象外' END, p_rate_class::text,
                          hosho.rate_text(base), CASE WHEN disc > 0 THEN '、' || disc_names END);
        RETURN NEXT;
    END IF;
END $$;

-- ---------------------------------------------------------------------------
-- 080: a fee's parts, and the fee with its arithmetic from one reading of them
-- ---------------------------------------------------------------------------
-- The parts as 080 defines them (the rows, their order and wording), each
-- computed as an expression: a lump or fixed-date fee is one part; an
-- installment fee has the deferral (据置), the repayment period and the
-- balloon (最終回増額) parts that apply, each truncated below one yen.
CREATE OR REPLACE FUNCTION hosho.fee_parts(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                p_days int DEFAULT NULL, p_last bigint DEFAULT NULL,
                                p_previous bigint DEFAULT NULL)
RETURNS TABLE (part int, formula text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    d int := coalesce(p_deferral_months, 0);
    balloon bigint := CASE WHEN p_last > 2 * p_previous THEN p_last - p_previous ELSE 0 END;
    coef int;
    rate text := ' x 年' || hosho.rate_text(p_rate_bp);
BEGIN
    IF p_repayment IN ('equal', 'unequal') THEN
        coef := hosho.fee_coefficient_for(p_repayment, p_installments);
    END IF;
    part := 0;
    IF p_repayment = 'lump' THEN
        part := part + 1;
        formula := hosho.yen_exact(p_amount) || rate || ' x ' || p_term_months || 'か月/12';
        amount := hosho.fee_lump(p_amount, p_rate_bp, p_term_months);
        RETURN NEXT;
    END IF;
    IF p_repayment = 'fixed_date' THEN
        part := part + 1;
        formula := hosho.yen_exact(p_amount) || rate || ' x ' || p_days || '日/365';
        amount := hosho.fee_fixed_date(p_amount, p_rate_bp, p_days);
        RETURN NEXT;
    END IF;
    IF coef IS NOT NULL THEN
        IF d > 0 THEN
            part := part + 1;
            formula := '据置 ' || hosho.yen_exact(p_amount) || rate || ' x ' || d || 'か月/12';
            amount := hosho.fee_lump(p_amount, p_rate_bp, d);
            RETURN NEXT;
        END IF;
        part := part + 1;
        formula := CASE WHEN d > 0 OR balloon > 0 THEN '返済 ' ELSE '' END
                   || hosho.yen_exact(p_amount - balloon) || rate || ' x ' || (p_term_months - d) || 'か月/12 x '
                   || CASE p_repayment WHEN 'unequal' THEN '不均等' ELSE '均等' END || '分割係数'
                   || to_char(coef / 100.0, 'FM990.00');
        amount := (p_amount - balloon) * p_rate_bp * coef * (p_term_months - d) / (10000 * 12 * 100);
        RETURN NEXT;
        IF balloon > 0 THEN
            part := part + 1;
            formula := '最終回増額 ' || hosho.yen_exact(balloon) || rate || ' x ' || (p_term_months - d) || 'か月/12';
            amount := hosho.fee_lump(balloon, p_rate_bp, p_term_months - d);
            RETURN NEXT;
        END IF;
    END IF;
END $$;

-- The fee is the sum of its parts (fee_installment is that sum; a lump or
-- fixed-date fee is its one part), the arithmetic "formula" for one part,
-- "a円 + b円（formula = a円、formula = b円）" for several (as 080's
-- aggregates: a NULL term is left out). Unlike fee_amount it does not
-- refuse impossible inputs: its callers have checked them (check_terms_fee
-- computes no fee unless the term check passed and the amount is positive).
CREATE FUNCTION hosho.fee_and_explain(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                      p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                      p_days int DEFAULT NULL, OUT fee bigint, OUT explain text)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    f record;
    n int := 0;
    total numeric;
    sums text;
    terms text;
    one text;
BEGIN
    FOR f IN SELECT * FROM hosho.fee_parts(p_repayment, p_amount, p_rate_bp, p_term_months, p_deferral_months,
                                           p_installments, p_days) LOOP
        n := n + 1;
        one := f.formula;
        IF f.amount IS NOT NULL THEN
            total := coalesce(total, 0) + f.amount;
            sums := coalesce(sums || ' + ', '') || hosho.yen_exact(f.amount);
        END IF;
        IF f.formula IS NOT NULL AND f.amount IS NOT NULL THEN
            terms := coalesce(terms || '、', '') || f.formula || ' = ' || hosho.yen_exact(f.amount);
        END IF;
    END LOOP;
    fee := total::bigint;
    explain := CASE WHEN n = 1 THEN one ELSE sums || '（' || terms || '）' END;
END $$;

CREATE OR REPLACE FUNCTION hosho.fee_explain(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                  p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                  p_days int DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (hosho.fee_and_explain(p_repayment, p_amount, p_rate_bp, p_term_months, p_deferral_months,
                                  p_installments, p_days)).explain;
END $$;

-- 050: the guaranteed share, each case an expression.
CREATE OR REPLACE FUNCTION hosho.sharing_for(p_scheme_code text, p_bank_code text, p_on date DEFAULT current_date)
RETURNS TABLE (ok boolean, code text, message text, sharing text, guaranteed_pct int)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v hosho.scheme_version := hosho.scheme_version_on(p_scheme_code, p_on);
    b hosho.bank;
    excluded text;
    share int;
BEGIN
    IF p_bank_code IS NOT NULL THEN
        SELECT * INTO b FROM hosho.bank x WHERE x.bank_code = p_bank_code;
    END IF;
    IF v.scheme_code IS NOT NULL AND v.exclusion_code IS NOT NULL THEN
        SELECT x.name INTO excluded FROM hosho.sharing_exclusion x WHERE x.exclusion_code = v.exclusion_code;
        IF FOUND THEN
            ok := true; code := 'sharing_excluded'; sharing := 'full100'; guaranteed_pct := 100;
            message := format('責任共有制度の対象外（%s）のため、100%%保証です', excluded);
            RETURN NEXT;
        END IF;
    ELSIF v.scheme_code IS NOT NULL THEN
        SELECT r.int_value INTO share FROM hosho.rule_param r WHERE r.param_code = 'bank_share_pct';
        IF FOUND THEN
            IF b.sharing_method = 'partial' THEN
                ok := true; code := 'sharing_partial'; sharing := 'partial80'; guaranteed_pct := 100 - share;
                message := format('責任共有制度の対象で、%sは部分保証方式のため%s%%保証です（金融機関負担%s%%）',
                                  b.name, 100 - share, share);
                RETURN NEXT;
            ELSIF b.sharing_method = 'burden' THEN
                ok := true; code := 'sharing_burden'; sharing := 'full100'; guaranteed_pct := 100;
                message := format('責任共有制度の対象で、%sは負担金方式のため100%%保証です（金融機関は事後に約%s%%の負担金を負担）',
                                  b.name, share);
                RETURN NEXT;
            END IF;
            IF p_bank_code IS NULL THEN
                ok := true; code := 'sharing_shared'; sharing := NULL; guaranteed_pct := NULL;
                message := format('責任共有制度の対象です（部分保証方式は%s%%保証、負担金方式は100%%保証）', 100 - share);
                RETURN NEXT;
            END IF;
        END IF;
    END IF;
    IF p_bank_code IS NOT NULL AND b.bank_code IS NULL THEN
        ok := false; code := 'bank_unknown'; sharing := NULL; guaranteed_pct := NULL;
        message := format('金融機関コード%sは登録されていません', p_bank_code);
        RETURN NEXT;
    END IF;
    IF v.scheme_code IS NULL THEN
        ok := false; code := 'scheme_unavailable'; sharing := NULL; guaranteed_pct := NULL;
        message := format('制度「%s」は%sに取り扱っていません', p_scheme_code, p_on);
        RETURN NEXT;
    END IF;
END $$;

-- ---------------------------------------------------------------------------
-- 100: term, rate and fee; the fee's parts read once per rate
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION hosho.check_terms_fee(p_scheme_code text, p_use_of_funds text, p_amount bigint,
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
    fx record;
    bp int;
BEGIN
    section := 'term';
    FOR r IN SELECT * FROM hosho.term_check(p_scheme_code, p_use_of_funds, p_repayment, p_term_months,
                                            p_deferral_months, p_on) LOOP
        terms_ok := terms_ok AND r.ok;
        ok := r.ok; code := r.code; message := r.message; amount := r.max_months;
        RETURN NEXT;
    END LOOP;
    RETURN QUERY SELECT 'rate'::text, s.ok, s.code, s.message, s.guaranteed_pct::bigint
      FROM hosho.sharing_for(p_scheme_code, p_bank_code, p_on) s;
    FOR r IN SELECT * FROM hosho.rate_for(p_scheme_code, p_rate_class, p_term_months, p_use_of_funds,
                                          p_collateral_discount, p_advisor_discount, p_on) LOOP
        section := 'rate'; ok := r.ok; code := r.code; message := r.message; amount := r.rate_bp;
        RETURN NEXT;
        CONTINUE WHEN NOT r.ok OR r.min_bp IS NULL OR r.code = 'discount_not_applicable';
        section := 'fee';
        IF NOT terms_ok OR p_amount IS NULL OR p_amount <= 0
           OR p_repayment IN ('equal', 'unequal') AND coalesce(p_installments, 0) < 2 THEN
            ok := false; code := 'fee_not_computed'; amount := NULL;
            message := '期間・返済方法・分割回数・金額が確定しないため、保証料を計算できません';
            RETURN NEXT;
            CONTINUE;
        END IF;
        IF r.rate_bp IS NOT NULL THEN
            fx := hosho.fee_and_explain(p_repayment, p_amount, r.rate_bp, p_term_months, p_deferral_months,
                                        p_installments, days);
            ok := true; code := 'fee'; amount := fx.fee;
            message := format('保証料 %s = %s', hosho.yen_exact(fx.fee), fx.explain);
            RETURN NEXT;
            IF p_term_months >= 25 THEN
                RETURN QUERY SELECT 'fee'::text, true, 'fee_split_' || s.part,
                    format('分割徴収 第%s回（%sか月目）%s%% %s円', s.part, s.due_month, s.pct,
                           to_char(s.amount, 'FM999,999,999,990')),
                    s.amount
                  FROM hosho.fee_split(fx.fee, p_term_months) s;
            END IF;
        ELSE
            -- a range rate: the fee at either end of it
            FOR i IN 1..2 LOOP
                bp := CASE i WHEN 1 THEN r.min_bp ELSE r.max_bp END;
                fx := hosho.fee_and_explain(p_repayment, p_amount, bp, p_term_months, p_deferral_months,
                                            p_installments, days);
                ok := true; code := CASE i WHEN 1 THEN 'fee_at_min' ELSE 'fee_at_max' END; amount := fx.fee;
                message := format('料率%sの場合 保証料 %s = %s', hosho.rate_text(bp), hosho.yen_exact(fx.fee), fx.explain);
                RETURN NEXT;
            END LOOP;
        END IF;
    END LOOP;
END $$;

-- ---------------------------------------------------------------------------
-- 100: the limit check on typed facts, one query of the scheme's caps
-- ---------------------------------------------------------------------------
-- The caps in the brochure's order, each with the exposure items it counts
-- (cap_reach, scope, use); the binding cap (least room, then the first in
-- that order) found as they are read, the rows written after.
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
    c record;
    codes text[];
    names text[];
    amounts bigint[];
    exposures bigint[];
    n int := 0;
    best int;
BEGIN
    IF v.scheme_code IS NULL THEN
        cap_code := 'scheme_unavailable'; cap_name := NULL; cap_amount := NULL; exposure := NULL;
        after_amount := NULL; room := NULL; ok := NULL; binding := false;
        message := format('制度「%s」は%sに取り扱っていません',
                          coalesce((SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = p_scheme_code), p_scheme_code),
                          p_on);
        RETURN NEXT;
        RETURN;
    END IF;
    IF v.min_amount IS NOT NULL THEN
        cap_code := 'min_amount'; cap_name := NULL; cap_amount := v.min_amount; exposure := NULL;
        after_amount := p_amount; room := NULL; ok := p_amount >= v.min_amount; binding := false;
        message := format('本制度の最低保証金額は%sです（申込%s）', hosho.yen_text(v.min_amount), hosho.yen_text(p_amount));
        RETURN NEXT;
    END IF;
    FOR c IN
        SELECT l.cap_code, l.name, l.amount,
               coalesce((SELECT sum(e.amount) FROM unnest(p_exposure) e
                          WHERE hosho.cap_scope_covers(l.scope, e.secured, e.guarantor)
                            AND (l.use_of_funds IS NULL OR l.use_of_funds = e.use_of_funds)
                            AND EXISTS (SELECT FROM hosho.cap_reach x
                                         WHERE x.frame_code = e.frame_code AND x.scheme_code = e.scheme_code
                                           AND x.cap_code = l.cap_code)), 0)::bigint AS counted
          FROM hosho.limit_cap l
         WHERE l.cap_code = ANY (ARRAY(SELECT r.cap_code FROM hosho.cap_reach r
                                        WHERE r.frame_code = v.frame_code AND r.scheme_code = p_scheme_code))
           AND l.valid_from <= p_on AND (l.valid_to IS NULL OR p_on <= l.valid_to)
           AND (l.legal_forms IS NULL OR p_legal_form = ANY (l.legal_forms))
           AND (l.use_of_funds IS NULL OR l.use_of_funds = p_use_of_funds)
           AND hosho.cap_scope_covers(l.scope, p_secured, p_guarantor)
         ORDER BY l.sort, l.cap_code
    LOOP
        n := n + 1;
        codes := codes || c.cap_code; names := names || c.name;
        amounts := amounts || c.amount; exposures := exposures || c.counted;
        IF best IS NULL OR c.amount - c.counted < amounts[best] - exposures[best] THEN
            best := n;
        END IF;
    END LOOP;
    FOR i IN 1..n LOOP
        cap_code := codes[i]; cap_name := names[i]; cap_amount := amounts[i]; exposure := exposures[i];
        after_amount := exposure + p_amount; room := greatest(cap_amount - exposure, 0);
        ok := exposure + p_amount <= cap_amount; binding := i = best;
        message := CASE WHEN exposure + p_amount <= cap_amount
            THEN format('%s %s：既往%s＋本件%s＝%s（残り%s）', cap_name, hosho.yen_text(cap_amount),
                        hosho.yen_text(exposure), hosho.yen_text(p_amount),
                        hosho.yen_text(exposure + p_amount), hosho.yen_text(cap_amount - exposure - p_amount))
            ELSE format('%s %sを%s超過します（既往%s＋本件%s。申込可能額は%s）', cap_name, hosho.yen_text(cap_amount),
                        hosho.yen_text(exposure + p_amount - cap_amount), hosho.yen_text(exposure),
                        hosho.yen_text(p_amount), hosho.yen_text(greatest(cap_amount - exposure, 0)))
        END;
        RETURN NEXT;
    END LOOP;
END $$;

-- ---------------------------------------------------------------------------
-- 100: the intake check, its company read once
-- ---------------------------------------------------------------------------
-- company_eligibility and limit_check each read the company (and row-level
-- security asked for the caller's sections each time); here one read feeds
-- both rules. Rows, sections and the company out of scope as before.
CREATE OR REPLACE FUNCTION hosho.intake_check(p_company_id bigint, p_scheme_code text, p_use_of_funds text,
                                   p_amount bigint, p_term_months int, p_deferral_months int,
                                   p_repayment text, p_installments int, p_rate_class smallint,
                                   p_secured boolean, p_guarantor text,
                                   p_collateral_discount boolean, p_advisor_discount boolean,
                                   p_on date DEFAULT current_date, p_bank_code text DEFAULT NULL)
RETURNS TABLE (section text, ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    co hosho.company;
BEGIN
    SELECT * INTO co FROM hosho.company c WHERE c.company_id = p_company_id;
    IF co.company_id IS NULL THEN
        -- absent or out of scope: company_eligibility says so
        RETURN QUERY SELECT 'eligibility'::text, e.ok, e.code, e.message, NULL::bigint
          FROM hosho.company_eligibility(p_company_id) e;
    END IF;
    -- Run, and so planned, without a company too (rules_warm): a company
    -- that is not there stops them before they read anything.
    RETURN QUERY SELECT 'eligibility'::text, e.ok, e.code, e.message, NULL::bigint
      FROM hosho.eligibility(co.legal_form, co.industry_code, co.muni_code, co.capital_yen, co.employees,
                             co.union_members, co.union_eligible_members, co.antisocial_result) e
     WHERE co.company_id IS NOT NULL;
    RETURN QUERY SELECT 'limit'::text, l.ok, l.cap_code, l.message, l.room
      FROM hosho.limit_check_facts(co.legal_form, p_scheme_code, p_amount, coalesce(p_secured, false),
                                   p_guarantor, p_on, p_use_of_funds,
                                   ARRAY(SELECT e FROM hosho.guarantee_exposure(co.company_id) e)) l
     WHERE co.company_id IS NOT NULL;
    RETURN QUERY SELECT * FROM hosho.check_terms_fee(p_scheme_code, p_use_of_funds, p_amount, p_term_months,
        coalesce(p_deferral_months, 0), p_repayment, p_installments, p_rate_class,
        coalesce(p_collateral_discount, false), coalesce(p_advisor_discount, false), p_on, p_bank_code);
END $$;

-- The plans kept from the first call: set on the entry points only (100);
-- CREATE OR REPLACE above cleared it from intake_check, and the inner
-- check_terms_fee and limit_check_facts run under their caller's setting.
ALTER FUNCTION hosho.intake_check(bigint, text, text, bigint, int, int, text, int, smallint, boolean, text,
	boolean, boolean, date, text) SET plan_cache_mode = force_generic_plan;

ALTER FUNCTION hosho.fee_and_explain(text, bigint, int, int, int, int, int) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.fee_and_explain(text, bigint, int, int, int, int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.fee_and_explain(text, bigint, int, int, int, int, int) TO hosho_staff;

-- ---------------------------------------------------------------------------
-- 101: the watch-list screening of the intake screen's check, plans kept
-- ---------------------------------------------------------------------------
-- The intake screen checks a request with guarantee_checks (101), which
-- screens the company against the watch list on every call: an SQL function
-- with a setting is never inlined, so its query was parsed and planned on
-- each call, 0.9 of the 2.4 ms the check cost at 150,000 companies. The
-- same query from plpgsql keeps its plan for the session.
CREATE OR REPLACE FUNCTION hosho.watchlist_hits(p_company_id bigint)
RETURNS TABLE (entry_id bigint, kind text, name text, matched text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN QUERY
    SELECT w.entry_id, w.kind, w.name,
           CASE WHEN w.kind = 'corporation' THEN '企業名' ELSE '代表者' END
      FROM hosho.company c
      JOIN hosho.watchlist w
        ON w.active AND (
           w.kind = 'corporation' AND (w.name_fold = hosho.watch_fold(c.name)
                                       OR w.reading_fold = hosho.watch_fold(c.kana))
        OR w.kind = 'person' AND (w.name_fold = hosho.watch_fold(c.representative)
                                  OR w.reading_fold = hosho.watch_fold(c.representative_kana)))
     WHERE c.company_id = p_company_id
     ORDER BY w.entry_id;
END $$;

-- ---------------------------------------------------------------------------
-- 100: the sign-in warm-up, the rest of the check too
-- ---------------------------------------------------------------------------
-- After 100's warm-up a clerk's first check still cost 0.8 ms more than the
-- next (server side, 150,000 companies): the warm-up's check of no company
-- never asks row-level security for the caller's sections (no row to
-- filter), so my_sections was compiled and planned in the first real
-- check, and no limit had yet counted an exposure item. Both are done here,
-- and the intake screen's guarantee_checks (101) as far as it goes without
-- a company, every statement under the entry points' plan setting (the
-- plans the check will use).
CREATE OR REPLACE FUNCTION hosho.rules_warm() RETURNS void
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
    PERFORM hosho.my_sections();
    -- the intake screen's own check (101), of a request with no company yet
    PERFORM FROM hosho.guarantee_checks(jsonb_build_object('bank_code', '0123', 'branch_code', '001',
        'scheme_code', 'futsu', 'requested_amount', 10000000, 'use_of_funds', 'working', 'term_months', 60,
        'repayment', 'equal', 'installments', 60, 'guarantor', 'representative'));
    PERFORM FROM hosho.limit_check_facts('corporation', 'futsu', 10000000, false, 'representative', current_date,
                                         'working', ARRAY[('general', 'futsu', 'working', false, 'representative',
                                                           10000000)::hosho.exposure_item]);
END $$;
ALTER FUNCTION hosho.rules_warm() SET plan_cache_mode = force_generic_plan;
