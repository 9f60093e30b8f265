-- 060_fee.sql — the guarantee fee (信用保証料): amount by repayment method,
-- installment collection, refund on early repayment, condition-change
-- difference, and the simulate entry point.
--
-- The national coefficient method (係数方式) as published by other CGCs:
-- shared/research/guarantee-fee.md; doc/fee.md states the formulas, the
-- sources and every reading chosen here.  Arithmetic is bigint throughout:
-- rates are in 1/100 % (bp), coefficients in 1/100, and each formula is one
-- product divided once, last, so truncation below one yen happens exactly
-- once per part (integer division of non-negative numbers truncates).
-- The largest product (¥480M × 10000bp × 360 months × 100) is 1.7e17 < 9.2e18.

CREATE FUNCTION hosho.fee_coefficient_for(p_kind text, p_installments int) RETURNS int
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE c int;
BEGIN
    SELECT f.coefficient INTO c FROM hosho.fee_coefficient f
     WHERE f.kind = p_kind AND p_installments >= f.min_count
       AND (f.max_count IS NULL OR p_installments <= f.max_count);
    IF c IS NULL THEN
        RAISE EXCEPTION '分割回数%回に対応する分割係数（%）が登録されていません', p_installments, p_kind
              USING ERRCODE = 'HS020', HINT = '分割返済は2回以上です。1回の返済は一括返済として計算してください。';
    END IF;
    RETURN c;
END $$;

-- 1. 一括返済: amount × rate × months / 12.
CREATE FUNCTION hosho.fee_lump(p_amount bigint, p_rate_bp int, p_months int) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT p_amount * p_rate_bp * p_months / (10000 * 12)
$$;

-- 2. 確定日保証: amount × rate × days / 365.
CREATE FUNCTION hosho.fee_fixed_date(p_amount bigint, p_rate_bp int, p_days int) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT p_amount * p_rate_bp * p_days / (10000 * 365)
$$;

-- 3./4. 分割返済, with deferral (据置) and balloon (最終回増額):
--   A = amount × rate × D / 12
--   B = (amount − balloon) × rate × coefficient × (M − D) / 12
--   C = balloon × rate × (M − D) / 12, balloon = last − previous when last > 2 × previous
-- each truncated below one yen, then added. Without deferral or balloon this is
-- formula 3 (amount × rate × M / 12 × coefficient).
CREATE FUNCTION hosho.fee_installment(p_amount bigint, p_rate_bp int, p_months int, p_deferral_months int,
                                      p_installments int, p_unequal boolean,
                                      p_last bigint DEFAULT NULL, p_previous bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH k AS (SELECT hosho.fee_coefficient_for(CASE WHEN p_unequal THEN 'unequal' ELSE 'equal' END, p_installments) AS coef,
                      CASE WHEN p_last > 2 * p_previous THEN p_last - p_previous ELSE 0 END AS balloon)
    SELECT p_amount * p_rate_bp * p_deferral_months / (10000 * 12)
         + (p_amount - k.balloon) * p_rate_bp * k.coef * (p_months - p_deferral_months) / (10000 * 12 * 100)
         + k.balloon * p_rate_bp * (p_months - p_deferral_months) / (10000 * 12)
      FROM k
$$;

-- 据置期間 = month of the first repayment − the repayment interval
-- ("7か月目から毎月" → 6).
CREATE FUNCTION hosho.deferral_months(p_first_repayment_month int, p_interval_months int) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT p_first_repayment_month - p_interval_months
$$;

-- The dispatcher: the fee for a repayment method.
CREATE FUNCTION hosho.fee_amount(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
                                 p_deferral_months int DEFAULT 0, p_installments int DEFAULT NULL,
                                 p_days int DEFAULT NULL, p_last bigint DEFAULT NULL, p_previous bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    IF p_amount < 0 OR p_rate_bp < 0 OR p_term_months < 1 OR coalesce(p_deferral_months, 0) < 0
       OR p_deferral_months >= p_term_months THEN
        RAISE EXCEPTION '保証料の計算条件が正しくありません（金額%、料率%、期間%か月、据置%か月）',
              p_amount, p_rate_bp, p_term_months, p_deferral_months USING ERRCODE = 'HS020';
    END IF;
    RETURN CASE p_repayment
        WHEN 'lump'       THEN hosho.fee_lump(p_amount, p_rate_bp, p_term_months)
        WHEN 'fixed_date' THEN hosho.fee_fixed_date(p_amount, p_rate_bp, p_days)
        WHEN 'equal'      THEN hosho.fee_installment(p_amount, p_rate_bp, p_term_months, coalesce(p_deferral_months, 0),
                                                     p_installments, false, p_last, p_previous)
        WHEN 'unequal'    THEN hosho.fee_installment(p_amount, p_rate_bp, p_term_months, coalesce(p_deferral_months, 0),
                                                     p_installments, true, p_last, p_previous)
    END;
END $$;

-- 分割徴収: the parts of a fee collected over the term. Part 1 at execution,
-- part k at the (k−1)th anniversary; the remainder of truncation goes to part 1.
-- A term not over the minimum (rule_param fee_split_min_months) is one part.
CREATE FUNCTION hosho.fee_split(p_fee bigint, p_term_months int)
RETURNS TABLE (part int, pct int, due_month int, amount bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH s AS (
        SELECT f.part, f.pct FROM hosho.fee_split f
         WHERE p_term_months >= (SELECT int_value FROM hosho.rule_param WHERE param_code = 'fee_split_min_months')
           AND p_term_months > f.over_months AND (f.max_months IS NULL OR p_term_months <= f.max_months)
        UNION ALL
        SELECT 1, 100 WHERE p_term_months < (SELECT int_value FROM hosho.rule_param WHERE param_code = 'fee_split_min_months')),
    a AS (SELECT s.part, s.pct, p_fee * s.pct / 100 AS amount FROM s)
    SELECT a.part, a.pct, (a.part - 1) * 12,
           CASE WHEN a.part = 1 THEN p_fee - (SELECT coalesce(sum(a2.amount), 0) FROM a a2 WHERE a2.part > 1)::bigint
                ELSE a.amount END
      FROM a ORDER BY a.part
$$;

-- 未経過保証料 by one-year segment from the loan date, on the balance at
-- p_on: each segment's fee (lump formula, or installment formula with the
-- coefficient of the installments still to pay) times its percentage.
-- The segment holding p_on gets p_current_pct over its unexpired whole months
-- (p_current_mode 'unexpired_part': the month in progress counts as elapsed)
-- or over all its months ('whole_segment'); later segments get p_later_pct.
CREATE FUNCTION hosho.fee_unearned(p_repayment text, p_balance bigint, p_rate_bp int,
                                   p_installments_left int, p_loan_on date, p_maturity_on date, p_on date,
                                   p_current_pct int, p_later_pct int, p_current_mode text)
RETURNS TABLE (segment int, seg_from date, seg_to date, months int, pct int, amount bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH seg AS (
        SELECT k, (p_loan_on + make_interval(years => k))::date AS f,
               least((p_loan_on + make_interval(years => k + 1))::date, p_maturity_on) AS t
          FROM generate_series(0, 40) k
         WHERE (p_loan_on + make_interval(years => k))::date < p_maturity_on),
    cur AS (SELECT seg.*,
                   (extract(year FROM age(seg.t, seg.f)) * 12 + extract(month FROM age(seg.t, seg.f)))::int AS seg_months,
                   -- elapsed = months begun since the segment start, the current one included
                   (SELECT count(*) FROM generate_series(0, 12) n
                     WHERE (seg.f + make_interval(months => n))::date <= p_on)::int AS elapsed
              FROM seg WHERE seg.t > p_on),
    m AS (SELECT cur.k, cur.f, cur.t,
                 CASE WHEN cur.f <= p_on AND p_current_mode = 'unexpired_part' THEN greatest(cur.seg_months - cur.elapsed, 0)
                      ELSE cur.seg_months END AS months,
                 CASE WHEN cur.f <= p_on THEN p_current_pct ELSE p_later_pct END AS pct
            FROM cur),
    coef AS (SELECT CASE WHEN p_repayment IN ('equal', 'unequal') AND p_installments_left >= 2
                         THEN hosho.fee_coefficient_for(CASE p_repayment WHEN 'unequal' THEN 'unequal' ELSE 'equal' END,
                                                        p_installments_left)
                         ELSE 100 END AS c)
    SELECT m.k + 1, m.f, m.t, m.months, m.pct,
           p_balance * p_rate_bp * m.months * coef.c * m.pct / (10000::bigint * 12 * 100 * 100)
      FROM m, coef ORDER BY m.k
$$;

-- 返戻保証料 on early repayment in full (繰上完済). Rows: one per segment,
-- then the verdict ('refund', 'refund_below_min' or 'refund_blocked').
-- p_blocked_reason: why no refund is due (代位弁済後, another guarantee's
-- subrogation or unpaid fee) — the caller states it; NULL when none.
CREATE FUNCTION hosho.fee_refund(p_repayment text, p_balance bigint, p_rate_bp int, p_installments_left int,
                                 p_loan_on date, p_maturity_on date, p_payoff_on date,
                                 p_blocked_reason text DEFAULT NULL)
RETURNS TABLE (ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    cur_pct  int  := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'refund_current_pct');
    later    int  := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'refund_later_pct');
    mode     text := (SELECT text_value FROM hosho.rule_param WHERE param_code = 'refund_current_segment');
    min_yen  bigint := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'refund_min_yen');
    total    bigint := 0;
    s record;
BEGIN
    FOR s IN SELECT * FROM hosho.fee_unearned(p_repayment, p_balance, p_rate_bp, p_installments_left,
                                              p_loan_on, p_maturity_on, p_payoff_on, cur_pct, later, mode) LOOP
        total := total + s.amount;
        RETURN QUERY SELECT true, 'segment',
            format('第%s区分（%s～%s）%sか月 x %s%% = %s円', s.segment, s.seg_from, s.seg_to, s.months, s.pct,
                   to_char(s.amount, 'FM999,999,999,990')), s.amount;
    END LOOP;
    IF p_blocked_reason IS NOT NULL THEN
        RETURN QUERY SELECT false, 'refund_blocked', format('%sのため、保証料は返戻されません', p_blocked_reason), 0::bigint;
    ELSIF total <= min_yen THEN
        RETURN QUERY SELECT false, 'refund_below_min',
            format('返戻額%s円が%s円以下のため、返戻しません', to_char(total, 'FM999,999,990'), to_char(min_yen, 'FM999,999,990')), 0::bigint;
    ELSE
        RETURN QUERY SELECT true, 'refund', format('返戻保証料 %s円', to_char(total, 'FM999,999,999,990')), total;
    END IF;
END $$;

-- 条件変更の保証料差額 = the fee on the new conditions for the balance from the
-- change date − the credit for the fee already paid (the old conditions'
-- unearned fee at change_credit_pct in every segment, unexpired part).
-- Rows: new_fee, credit, then 'additional' (追徴), 'refund' (返戻) or 'no_difference'.
CREATE FUNCTION hosho.fee_condition_change(
        p_balance bigint, p_loan_on date, p_change_on date,
        p_old_repayment text, p_old_rate_bp int, p_old_installments_left int, p_old_maturity_on date,
        p_new_repayment text, p_new_rate_bp int, p_new_term_months int, p_new_deferral_months int,
        p_new_installments int)
RETURNS TABLE (code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    pct    int := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'change_credit_pct');
    newfee bigint;
    credit bigint;
BEGIN
    newfee := hosho.fee_amount(p_new_repayment, p_balance, p_new_rate_bp, p_new_term_months, p_new_deferral_months,
                               p_new_installments,
                               ((p_change_on + make_interval(months => p_new_term_months))::date - p_change_on));
    SELECT coalesce(sum(u.amount), 0) INTO credit
      FROM hosho.fee_unearned(p_old_repayment, p_balance, p_old_rate_bp, p_old_installments_left,
                              p_loan_on, p_old_maturity_on, p_change_on, pct, pct, 'unexpired_part') u;
    RETURN QUERY VALUES
        ('new_fee', format('変更後の条件による保証料 %s円', to_char(newfee, 'FM999,999,999,990')), newfee),
        ('credit',  format('既往保証料の充当額 %s円', to_char(credit, 'FM999,999,999,990')), credit);
    RETURN QUERY SELECT x.code, x.message, x.amount FROM (VALUES
        ('additional', format('追徴保証料 %s円', to_char(newfee - credit, 'FM999,999,999,990')), newfee - credit),
        ('refund', format('返戻保証料 %s円', to_char(credit - newfee, 'FM999,999,999,990')), credit - newfee),
        ('no_difference', '保証料の差額はありません', 0::bigint)) x(code, message, amount)
     WHERE x.code = CASE WHEN newfee > credit THEN 'additional' WHEN newfee < credit THEN 'refund' ELSE 'no_difference' END;
END $$;

-- ---------------------------------------------------------------------------
-- The simulate screen's single entry point: typed facts in, every reason out.
-- Sections: eligibility, limit, term, rate, fee. amount: the room left (limit),
-- the rate in 1/100 % (rate), the fee in yen (fee).
-- ---------------------------------------------------------------------------
CREATE FUNCTION hosho.simulate(p_legal_form text, p_industry_code text, p_muni_code text,
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
    ratetxt text;
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
            ratetxt := CASE p_repayment WHEN 'equal' THEN '、均等分割係数' WHEN 'unequal' THEN '、不均等分割係数' ELSE '' END
                       || CASE WHEN p_repayment IN ('equal', 'unequal') THEN
                               '0.' || lpad(hosho.fee_coefficient_for(p_repayment, p_installments)::text, 2, '0') ELSE '' END;
            RETURN QUERY SELECT 'fee', true, 'fee',
                format('保証料 %s円（%s x 年%s x %s%s）', to_char(fee, 'FM999,999,999,990'), hosho.yen_text(p_amount),
                       hosho.rate_text(r.rate_bp),
                       CASE WHEN p_repayment = 'fixed_date' THEN days || '日/365' ELSE hosho.months_text(p_term_months) END,
                       ratetxt), fee;
            RETURN QUERY SELECT 'fee', true, 'fee_split_' || s.part,
                format('分割徴収 第%s回（%sか月目）%s%% %s円', s.part, s.due_month, s.pct, to_char(s.amount, 'FM999,999,999,990')),
                s.amount
              FROM hosho.fee_split(fee, p_term_months) s WHERE p_term_months >= 25;
        ELSE
            RETURN QUERY SELECT 'fee', true, x.code,
                format('保証料 %s円（料率%sの場合）', to_char(x.fee, 'FM999,999,999,990'), hosho.rate_text(x.bp)), x.fee
              FROM (VALUES ('fee_at_min', r.min_bp), ('fee_at_max', r.max_bp)) v(code, bp),
                   LATERAL (SELECT v.code, v.bp, hosho.fee_amount(p_repayment, p_amount, v.bp, p_term_months,
                                                                  p_deferral_months, p_installments, days) AS fee) x;
        END IF;
    END LOOP;
END $$;
COMMENT ON FUNCTION hosho.simulate(text, text, text, bigint, int, text, text, bigint, int, int, text, int, smallint, boolean, text, boolean, boolean, date) IS
  '保証シミュレーション: 入力した事実から 対象者・限度・期間・料率・保証料 の判定理由を1行ずつ返す';

-- ---------------------------------------------------------------------------
-- Ownership and privileges for every function of 050 and 060.
-- ---------------------------------------------------------------------------
DO $$
DECLARE f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
              WHERE p.pronamespace = 'hosho'::regnamespace
                AND p.proname IN ('yen_text', 'rate_text', 'months_text', 'scheme_version_on', 'eligibility',
                                  'company_eligibility', 'cap_scope_covers', 'cap_has', 'limit_check_facts',
                                  'limit_check', 'term_check', 'rate_for', 'sharing_for', 'burden_charge',
                                  'scheme_on', 'fee_coefficient_for', 'fee_lump', 'fee_fixed_date',
                                  'fee_installment', 'deferral_months', 'fee_amount', 'fee_split',
                                  'fee_unearned', 'fee_refund', 'fee_condition_change', 'simulate')
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO hosho_owner', f);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO hosho_staff', f);
    END LOOP;
END $$;
