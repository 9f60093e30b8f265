-- 114_change_fee.sql — the fee difference of a condition change
-- (doc/midterm.md, doc/fee.md), two rules 110 left out:
--
--   1. 一部繰上返済: the prepaid part's unearned fee is refunded as on early
--      payoff (fee_refund: by one-year segment, 90% of the current one,
--      nothing up to refund_min_yen or while the company has an unpaid fee
--      or a subrogation), and nets against the change's difference.
--   2. 最終回増額: the new fee is priced with its balloon, by fee_amount's
--      own balloon term (last − previous installment of the new schedule).
--
-- The preview's arithmetic writes both out. The fee of the change is its
-- own function, so that the plan (schedules and reasons) does not carry it.

-- ---------------------------------------------------------------------------
-- The engine (060): the difference gains the new schedule's last two
-- installments and the prepaid part. A new signature, so the old goes.
-- ---------------------------------------------------------------------------
DROP FUNCTION hosho.fee_condition_change(bigint, date, date, text, int, int, date, text, int, int, int, int);

-- 条件変更の保証料差額 = the fee on the new conditions for the balance from the
-- change date (p_new_last, p_new_previous: the new schedule's last two
-- installments, whose difference fee_amount prices as a balloon)
-- − the credit for the fee already paid (the old conditions' unearned fee
-- at change_credit_pct in every segment, unexpired part)
-- − the refund of p_prepaid, the part repaid on the change date
-- (一部繰上返済), by fee_refund as on early payoff; p_blocked_reason as
-- fee_refund's.
-- Rows: new_fee, credit, fee_refund's rows for the prepaid part with their
-- codes prefixed 'prepaid_' (none when nothing is prepaid), then
-- 'additional' (追徴), 'refund' (返戻) or 'no_difference'.
CREATE FUNCTION hosho.fee_condition_change(
	p_balance bigint, p_loan_on date, p_change_on date,
	p_old_repayment text, p_old_rate_bp int, p_old_installments_left int, p_old_maturity_on date,
	p_new_repayment text, p_new_rate_bp int, p_new_term_months int, p_new_deferral_months int,
	p_new_installments int, p_new_last bigint DEFAULT NULL, p_new_previous bigint DEFAULT NULL,
	p_prepaid bigint DEFAULT 0, p_blocked_reason text DEFAULT NULL)
RETURNS TABLE (code text, message text, amount bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
	pct int := (SELECT int_value FROM hosho.rule_param WHERE param_code = 'change_credit_pct');
	newfee bigint;
	credit bigint;
	refund bigint := 0;
	diff bigint;
	r record;
BEGIN
	newfee := hosho.fee_amount(p_new_repayment, p_balance, p_new_rate_bp, p_new_term_months, p_new_deferral_months,
	                           p_new_installments,
	                           ((p_change_on + make_interval(months => p_new_term_months))::date - p_change_on),
	                           p_new_last, p_new_previous);
	SELECT coalesce(sum(u.amount), 0) INTO credit
	  FROM hosho.fee_unearned(p_old_repayment, p_balance, p_old_rate_bp, p_old_installments_left,
	                          p_loan_on, p_old_maturity_on, p_change_on, pct, pct, 'unexpired_part') u;
	RETURN QUERY VALUES
		('new_fee', format('変更後の条件による保証料 %s円', to_char(newfee, 'FM999,999,999,990')), newfee),
		('credit',  format('既往保証料の充当額 %s円', to_char(credit, 'FM999,999,999,990')), credit);
	FOR r IN SELECT x.code AS c, x.message AS m, x.amount AS a
	           FROM hosho.fee_refund(p_old_repayment, p_prepaid, p_old_rate_bp, p_old_installments_left,
	                                 p_loan_on, p_old_maturity_on, p_change_on, p_blocked_reason) x
	          WHERE p_prepaid > 0 LOOP
		code := 'prepaid_' || r.c;
		message := r.m;
		amount := r.a;
		RETURN NEXT;
		IF r.c = 'refund' THEN
			refund := r.a;
		END IF;
	END LOOP;
	diff := newfee - credit - refund;
	RETURN QUERY SELECT x.code, x.message, x.amount FROM (VALUES
		('additional', format('追徴保証料 %s円', to_char(diff, 'FM999,999,999,990')), diff),
		('refund', format('返戻保証料 %s円', to_char(-diff, 'FM999,999,999,990')), -diff),
		('no_difference', '保証料の差額はありません', 0::bigint)) x(code, message, amount)
	 WHERE x.code = CASE WHEN diff > 0 THEN 'additional' WHEN diff < 0 THEN 'refund' ELSE 'no_difference' END;
END $$;
ALTER FUNCTION hosho.fee_condition_change(bigint, date, date, text, int, int, date, text, int, int, int, int, bigint,
	bigint, bigint, text) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.fee_condition_change(bigint, date, date, text, int, int, date, text, int, int, int, int,
	bigint, bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.fee_condition_change(bigint, date, date, text, int, int, date, text, int, int, int, int,
	bigint, bigint, bigint, text) TO hosho_staff;

-- ---------------------------------------------------------------------------
-- The change's fee and its arithmetic (110's plan calls it)
-- ---------------------------------------------------------------------------
-- The new fee written out by the engine's own parts (fee_parts: 据置, 返済,
-- 最終回増額, each truncated), with the change arithmetic's "×": one line
-- for a fee of one part, else a line per part and their sum.
DROP FUNCTION hosho.fee_formula_text(text, bigint, int, int, int, int, int);
CREATE FUNCTION hosho.change_new_fee_lines(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
	p_deferral_months int, p_installments int, p_days int, p_last bigint, p_previous bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT CASE WHEN count(*) = 1
	       THEN jsonb_build_array(format('変更後の保証料 = %s = %s', replace(min(f.formula), ' x ', ' × '),
	                                     hosho.yen_figure(sum(f.amount)::bigint)))
	       ELSE jsonb_agg(format('変更後の保証料 %s = %s', replace(f.formula, ' x ', ' × '), hosho.yen_figure(f.amount))
	                      ORDER BY f.part)
	            || jsonb_build_array(format('変更後の保証料 = %s = %s',
	                                        string_agg(hosho.yen_figure(f.amount), ' ＋ ' ORDER BY f.part),
	                                        hosho.yen_figure(sum(f.amount)::bigint)))
	       END
	  FROM hosho.fee_parts(p_repayment, p_amount, p_rate_bp, p_term_months, p_deferral_months, p_installments, p_days,
	                       p_last, p_previous) f
$$;

-- The fee of a change of g on p_change_on (the plan's figures: the
-- prepayment, the guaranteed %, the old installments left, the new terms
-- and schedule): {new_fee, credit, difference, kind, amount,
-- prepayment_refund (a prepayment only), arithmetic}. credit is all that
-- is set against the new fee: the unearned fee of the balance that
-- continues and the prepaid part's refund.
CREATE FUNCTION hosho.condition_change_fee(g hosho.guarantee, p_change_on date, p_prepay bigint, p_pct int,
	p_old_left int, p_repayment text, p_rate_bp int, p_term_months int, p_deferral_months int, p_installments int,
	p_new_rows jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	basis bigint := (g.balance - p_prepay) * p_pct / 100;
	prepaid bigint := p_prepay * p_pct / 100;
	credit_pct int := (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'change_credit_pct');
	days int := (p_change_on + make_interval(months => p_term_months))::date - p_change_on;
	last_yen bigint;
	previous_yen bigint;
	new_fee bigint;
	credit bigint;
	refund bigint;
	kind text;
	amount bigint;
	prepaid_lines jsonb;
BEGIN
	-- the new schedule's last two installments (the prepayment row is on
	-- the change date), guaranteed part
	SELECT max(v.principal) FILTER (WHERE v.k = 1) * p_pct / 100, max(v.principal) FILTER (WHERE v.k = 2) * p_pct / 100
	  INTO last_yen, previous_yen
	  FROM (SELECT (x->>'principal')::bigint AS principal, row_number() OVER (ORDER BY (x->>'seq')::int DESC) AS k
	          FROM jsonb_array_elements(p_new_rows) x WHERE (x->>'due_on')::date > p_change_on) v;
	SELECT max(f.amount) FILTER (WHERE f.code = 'new_fee'), max(f.amount) FILTER (WHERE f.code = 'credit'),
	       coalesce(max(f.amount) FILTER (WHERE f.code = 'prepaid_refund'), 0),
	       max(f.code) FILTER (WHERE f.code IN ('additional', 'refund', 'no_difference')),
	       max(f.amount) FILTER (WHERE f.code IN ('additional', 'refund', 'no_difference')),
	       coalesce(jsonb_agg('繰上返済分 ' || f.message ORDER BY f.n) FILTER (WHERE f.code LIKE 'prepaid%'), '[]')
	  INTO new_fee, credit, refund, kind, amount, prepaid_lines
	  FROM hosho.fee_condition_change(basis, g.executed_on, p_change_on, g.repayment, g.rate_bp, p_old_left,
	                                  g.maturity_on, p_repayment, p_rate_bp, p_term_months, p_deferral_months,
	                                  p_installments, last_yen, previous_yen, prepaid,
	                                  CASE WHEN prepaid > 0 THEN hosho.refund_blocked_reason(g, p_change_on) END)
	       WITH ORDINALITY f(code, message, amount, n);
	RETURN jsonb_build_object('new_fee', new_fee, 'credit', credit + refund, 'difference', new_fee - credit - refund,
		'kind', kind, 'amount', amount)
		|| CASE WHEN p_prepay > 0 THEN jsonb_build_object('prepayment_refund', refund) ELSE '{}' END
		|| jsonb_build_object('arithmetic', jsonb_build_array(
			CASE WHEN p_prepay > 0
			     THEN format('保証付残高（%s − 繰上返済 %s）× 保証割合%s%% = %s', hosho.yen_figure(g.balance),
			                 hosho.yen_figure(p_prepay), p_pct, hosho.yen_figure(basis))
			     ELSE format('保証付残高 %s × 保証割合%s%% = %s', hosho.yen_figure(g.balance), p_pct, hosho.yen_figure(basis))
			END)
		|| hosho.change_new_fee_lines(p_repayment, basis, p_rate_bp, p_term_months, p_deferral_months, p_installments,
		                              days, last_yen, previous_yen)
		|| coalesce((SELECT jsonb_agg(format('既往保証料の充当 第%s区分（%s～%s）残り%sか月 × %s%% = %s',
		                                     u.segment, u.seg_from, u.seg_to, u.months, u.pct, hosho.yen_figure(u.amount))
		                              ORDER BY u.segment)
		               FROM hosho.fee_unearned(g.repayment, basis, g.rate_bp, p_old_left, g.executed_on, g.maturity_on,
		                                       p_change_on, credit_pct, credit_pct, 'unexpired_part') u), '[]')
		|| CASE WHEN p_prepay > 0
		        THEN jsonb_build_array(format('繰上返済分の保証付残高 %s × 保証割合%s%% = %s', hosho.yen_figure(p_prepay),
		                                      p_pct, hosho.yen_figure(prepaid)))
		             || prepaid_lines
		             || jsonb_build_array(format('既往保証料の充当額 合計 %s ＋ 繰上返済分の返戻 %s = %s',
		                                         hosho.yen_figure(credit), hosho.yen_figure(refund),
		                                         hosho.yen_figure(credit + refund)))
		        ELSE jsonb_build_array(format('既往保証料の充当額 合計 %s', hosho.yen_figure(credit)))
		   END
		|| jsonb_build_array(format('差額 = %s − %s = %s（%s）', hosho.yen_figure(new_fee), hosho.yen_figure(credit + refund),
		                            hosho.yen_figure(new_fee - credit - refund),
		                            hosho.code_label('change_fee_kind', kind))));
END
$$;

-- What a change would do to the guarantee g, from the keys of p
-- (doc/midterm.md): both schedules, the fee difference with its
-- arithmetic (condition_change_fee), and the reasons it cannot be
-- requested. Never raises for what was typed; reads under the caller's row
-- security. 110's, but for the fee, now condition_change_fee's.
CREATE OR REPLACE FUNCTION hosho.condition_change_plan(g hosho.guarantee, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	reasons jsonb := '[]'::jsonb;
	kind text := p->>'kind';
	change_on date := coalesce((p->>'change_on')::date, current_date);
	prepay bigint := coalesce((p->>'prepayment_yen')::bigint, 0);
	rest bigint;
	rp text := coalesce(p->>'new_repayment', g.repayment);
	term int;
	inst int := (p->>'new_installments')::int;
	deferral int := coalesce((p->>'new_deferral_months')::int, 0);
	balloon bigint := (p->>'new_balloon_yen')::bigint;
	rate int := coalesce((p->>'new_rate_bp')::int, g.rate_bp);
	maturity date;
	step int;
	first_on date;
	pct int;
	basis bigint;
	old_left int;
	kept int;
	old_rows jsonb;
	new_rows jsonb;
	fee jsonb;
	covid_until date := (SELECT r.text_value::date FROM hosho.rule_param r WHERE r.param_code = 'covid_extension_until');
	covid_scheme text := (SELECT r.text_value FROM hosho.rule_param r WHERE r.param_code = 'covid_extension_scheme');
BEGIN
	IF g.state IS DISTINCT FROM 'executed' THEN
		reasons := reasons || jsonb_build_object('field', 'guarantee_id', 'message',
			format('「%s」の案件は条件変更できません。', hosho.code_label('guarantee_state', g.state)));
		RETURN jsonb_build_object('guarantee_id', g.guarantee_id, 'reasons', reasons);
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'change_kind' AND i.code = kind) THEN
		reasons := reasons || jsonb_build_object('field', 'kind', 'message', '条件変更の種類を選んでください。');
	END IF;
	IF change_on < g.executed_on THEN
		reasons := reasons || jsonb_build_object('field', 'change_on', 'message',
			format('変更日は実行日%s以後の日付です。', g.executed_on));
	END IF;
	IF kind = 'prepayment' AND (prepay <= 0 OR prepay >= g.balance) THEN
		reasons := reasons || jsonb_build_object('field', 'prepayment_yen', 'message',
			format('繰上返済額は1円以上、残高%s未満です。', hosho.yen_figure(g.balance)));
	ELSIF kind IS DISTINCT FROM 'prepayment' AND prepay <> 0 THEN
		reasons := reasons || jsonb_build_object('field', 'prepayment_yen', 'message', '繰上返済額は一部繰上返済のときだけ入力します。');
		prepay := 0;
	END IF;
	rest := g.balance - greatest(prepay, 0);
	term := coalesce((p->>'new_term_months')::int, hosho.months_until(change_on, g.maturity_on));
	IF term IS NULL OR term NOT BETWEEN 1 AND 360 THEN
		reasons := reasons || jsonb_build_object('field', 'new_term_months', 'message', '変更後の期間は1～360か月です。');
		term := 1;
	END IF;
	maturity := (change_on + make_interval(months => term))::date;
	IF kind IN ('extension', 'covid_extension') AND maturity <= g.maturity_on THEN
		reasons := reasons || jsonb_build_object('field', 'new_term_months', 'message',
			format('期間延長では最終期日%sより後の期日になる期間を入力してください。', g.maturity_on));
	END IF;
	IF kind = 'covid_extension' AND (g.scheme_code <> covid_scheme OR maturity > covid_until) THEN
		reasons := reasons || jsonb_build_object('field', 'new_term_months', 'message',
			format('コロナ延長は%sの保証で、最終期日%sまでです。',
				(SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = covid_scheme), covid_until));
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.repayment r WHERE r.repayment = rp) THEN
		reasons := reasons || jsonb_build_object('field', 'new_repayment', 'message', '返済方法が正しくありません。');
		rp := g.repayment;
	END IF;
	IF rp IN ('equal', 'unequal') THEN
		IF coalesce(inst, 0) < 2 THEN
			reasons := reasons || jsonb_build_object('field', 'new_installments', 'message', '分割返済の返済回数（2回以上）を入力してください。');
			inst := 2;
		END IF;
		IF deferral < 0 OR deferral >= term THEN
			reasons := reasons || jsonb_build_object('field', 'new_deferral_months', 'message', '据置期間は0か月以上、変更後の期間未満です。');
			deferral := 0;
		END IF;
		IF balloon IS NOT NULL AND (balloon <= 0 OR balloon >= rest) THEN
			reasons := reasons || jsonb_build_object('field', 'new_balloon_yen', 'message', '最終回増額は1円以上、変更後の残高未満です。');
			balloon := NULL;
		END IF;
		step := greatest((term - deferral) / inst, 1);
		first_on := coalesce((p->>'new_first_repayment_on')::date, (change_on + make_interval(months => deferral + step))::date);
		IF first_on <= change_on OR first_on > maturity THEN
			reasons := reasons || jsonb_build_object('field', 'new_first_repayment_on', 'message',
				format('初回返済日は変更日の後、最終期日%s以前の日付です。', maturity));
			first_on := maturity;
		END IF;
	ELSE
		IF inst IS NOT NULL OR deferral <> 0 OR balloon IS NOT NULL THEN
			reasons := reasons || jsonb_build_object('field', 'new_installments', 'message', '返済回数・据置・最終回増額は分割返済のときだけ入力します。');
		END IF;
		inst := NULL;
		deferral := 0;
		balloon := NULL;
		first_on := maturity;
	END IF;
	IF rate IS NULL OR rate NOT BETWEEN 0 AND 10000 THEN
		reasons := reasons || jsonb_build_object('field', 'new_rate_bp', 'message', '保証料率が正しくありません。');
		rate := g.rate_bp;
	END IF;

	-- the old schedule from the change on; what was due before stays
	SELECT coalesce(jsonb_agg(jsonb_build_object('seq', r.seq, 'due_on', r.due_on, 'principal', r.principal,
	                                             'balance_after', r.balance_after) ORDER BY r.seq), '[]'),
	       count(*)::int
	  INTO old_rows, old_left
	  FROM hosho.repayment_schedule r WHERE r.guarantee_id = g.guarantee_id AND r.due_on >= change_on;
	SELECT coalesce(max(r.seq), 0) INTO kept
	  FROM hosho.repayment_schedule r WHERE r.guarantee_id = g.guarantee_id AND r.due_on < change_on;
	SELECT jsonb_build_array() || coalesce(jsonb_agg(x ORDER BY (x->>'seq')::int), '[]') INTO new_rows
	  FROM (SELECT jsonb_build_object('seq', kept + 1, 'due_on', change_on, 'principal', prepay, 'balance_after', rest) AS x
	         WHERE prepay > 0
	        UNION ALL
	        SELECT jsonb_build_object('seq', kept + CASE WHEN prepay > 0 THEN 1 ELSE 0 END + n.seq, 'due_on', n.due_on,
	                                  'principal', n.principal, 'balance_after', n.balance_after)
	          FROM hosho.repayment_rows(rest, rp, inst, balloon, first_on, step, maturity) n
	         WHERE rest > 0) s;

	pct := coalesce((SELECT c.guaranteed_share_pct FROM hosho.certificate c WHERE c.guarantee_id = g.guarantee_id), 100);
	basis := rest * pct / 100;
	IF jsonb_array_length(reasons) = 0 THEN
		fee := hosho.condition_change_fee(g, change_on, prepay, pct, old_left, rp, rate, term, deferral, inst, new_rows);
	END IF;
	RETURN jsonb_build_object('guarantee_id', g.guarantee_id, 'kind', kind, 'change_on', change_on,
		'balance', g.balance, 'prepayment_yen', prepay, 'balance_after', rest, 'guaranteed_pct', pct, 'fee_basis', basis,
		'old', jsonb_build_object('repayment', g.repayment, 'installments_left', old_left, 'maturity_on', g.maturity_on,
		                          'rate_bp', g.rate_bp, 'installments', g.installments),
		'new', jsonb_build_object('repayment', rp, 'term_months', term, 'installments', inst, 'deferral_months', deferral,
		                          'interval_months', step, 'first_repayment_on', first_on, 'maturity_on', maturity,
		                          'balloon_yen', balloon, 'rate_bp', rate),
		'old_schedule', old_rows, 'new_schedule', new_rows, 'fee', fee, 'reasons', reasons);
END
$$;

ALTER FUNCTION hosho.change_new_fee_lines(text, bigint, int, int, int, int, int, bigint, bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.condition_change_fee(hosho.guarantee, date, bigint, int, int, text, int, int, int, int, jsonb)
	OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.change_new_fee_lines(text, bigint, int, int, int, int, int, bigint, bigint),
	hosho.condition_change_fee(hosho.guarantee, date, bigint, int, int, text, int, int, int, int, jsonb) FROM PUBLIC;
