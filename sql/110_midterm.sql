-- 110_midterm.sql — 期中管理 of an executed guarantee (doc/midterm.md):
--
--   1. rules and code lists as data; the ranks
--   2. tables: condition changes and replaced schedules, delinquency and
--      its reports and plans, unpaid fees and their remedies, refunds
--   3. condition changes: preview, request, decision, withdrawal
--   4. delinquency and accidents; plans; 事故管理方針（代位弁済見込）
--   5. unpaid fees, late fee, early payoff and its refund
--   6. reports and lists
--   7. row security, ownership, privileges
--
-- Error codes as 090 and 101: HS403 not allowed, HS404 not in scope, HS409
-- conflict or illegal state, HS422 refused value (COLUMN = the jsonb key).

-- ===========================================================================
-- 1. Rules and code lists
-- ===========================================================================
INSERT INTO hosho.rule_param (param_code, int_value, text_value, name, source) VALUES
	('accident_months_overdue', 3, NULL, '事故とする延滞月数（以上）', 'hosho design: 協会所定 (brochure gives none; doc/midterm.md)'),
	('late_fee_rate_bp', 365, NULL, '延滞保証料の率（年、1/100%、365日基準）', '保証委託契約 延滞保証料 年3.65%'),
	('change_decision_min_rank', 2, NULL, '条件変更を決裁できる権限の順位（以上）', 'hosho design: 課長・支所長以上 (doc/midterm.md)'),
	('covid_extension_until', NULL, '2026-03-31', 'コロナ延長（5ing）の最終期限', 'brochure L641: 最長令和8年3月31日まで延長可'),
	('covid_extension_scheme', NULL, 'fiveing', 'コロナ延長ができる制度', 'brochure L641 (5ing)'),
	('plan_reminder_days', 7, NULL, '対応予定の期日の何日前から作業一覧に出すか', 'hosho design (doc/midterm.md)');

INSERT INTO hosho.code_item VALUES
	('change_kind', 'relief', '返済緩和', 1),
	('change_kind', 'extension', '期間延長', 2),
	('change_kind', 'deferral', '据置追加・延長', 3),
	('change_kind', 'installment', '返済額・間隔変更', 4),
	('change_kind', 'balloon', '最終回増額', 5),
	('change_kind', 'prepayment', '一部繰上返済', 6),
	('change_kind', 'covid_extension', 'コロナ延長（5ing）', 7),
	('change_state', 'pending', '決裁待ち', 1),
	('change_state', 'approved', '承認', 2),
	('change_state', 'rejected', '否認', 3),
	('change_state', 'withdrawn', '取下げ', 4),
	('change_reject_reason', 'repayment', '返済見込みが立たない', 1),
	('change_reject_reason', 'terms', '条件が制度の要件を満たさない', 2),
	('change_reject_reason', 'documents', '資料不足', 3),
	('change_reject_reason', 'other', 'その他', 9),
	('delinquency_cause', 'sales', '売上減少', 1),
	('delinquency_cause', 'cost', '原価・経費の上昇', 2),
	('delinquency_cause', 'cash', '資金繰りの悪化', 3),
	('delinquency_cause', 'disaster', '災害・感染症', 4),
	('delinquency_cause', 'illness', '代表者の病気・死亡', 5),
	('delinquency_cause', 'legal', '法的整理・私的整理', 6),
	('delinquency_cause', 'unknown', '不明（調査中）', 8),
	('delinquency_cause', 'other', 'その他', 9),
	('normalisation_direction', 'condition_change', '条件変更による正常化', 1),
	('normalisation_direction', 'refinance', '借換による正常化', 2),
	('normalisation_direction', 'self', '自力での延滞解消', 3),
	('normalisation_direction', 'support', '経営支援・再生支援', 4),
	('normalisation_direction', 'subrogation', '代位弁済見込み', 5),
	('delinquency_close', 'normalised', '延滞解消', 1),
	('delinquency_close', 'repaid', '完済', 2),
	('delinquency_close', 'subrogated', '代位弁済', 3),
	('unpaid_fee_cause', 'cash', '資金繰りの悪化', 1),
	('unpaid_fee_cause', 'oversight', '失念・手続き漏れ', 2),
	('unpaid_fee_cause', 'dispute', '保証料への不同意', 3),
	('unpaid_fee_cause', 'contact', '連絡がとれない', 4),
	('unpaid_fee_cause', 'other', 'その他', 9),
	('unpaid_fee_remedy', 'installments', '分割納入', 1),
	('unpaid_fee_remedy', 'refinance', '借換', 2),
	('fee_refund_kind', 'condition_change', '条件変更の返戻', 1),
	('fee_refund_kind', 'payoff', '繰上完済の返戻', 2),
	('fee_receipt_kind', 'fee', '保証料', 1),
	('fee_receipt_kind', 'condition_change', '条件変更の追加保証料', 2),
	('guarantee_action', 'condition_change', '条件変更', 20),
	('guarantee_action', 'payoff', '完済', 21),
	('guarantee_action', 'delinquency', '延滞報告', 22),
	('guarantee_action', 'accident', '事故', 23),
	('guarantee_action', 'subrogation_expected', '事故管理方針（代位弁済見込）', 24),
	-- the auditor's lists name them (101's object_kind)
	('object_kind', 'condition_change', '条件変更', 10),
	('object_kind', 'delinquency', '延滞・事故', 11),
	('object_kind', 'unpaid_fee', '未収保証料', 12);

-- An executed guarantee keeps its state through a change; payoff ends it.
INSERT INTO hosho.guarantee_transition VALUES
	('condition_change', 'executed', 'executed'),
	('payoff', 'executed', 'repaid');

-- The ranks of 延滞・事故保証債務ランク別実態報告書: the first row by sort
-- whose status (accident) and months overdue (min inclusive, max exclusive)
-- match. The brochure names the report, not its ranks: doc/midterm.md.
CREATE TABLE hosho.delinquency_rank (
	rank_code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	accident boolean NOT NULL,
	min_months int NOT NULL CHECK (min_months >= 0),
	max_months int CHECK (max_months > min_months),
	sort int NOT NULL UNIQUE
);
INSERT INTO hosho.delinquency_rank VALUES
	('A', '延滞1か月未満', false, 0, 1, 1),
	('B', '延滞1か月以上3か月未満', false, 1, 3, 2),
	('C', '延滞3か月以上', false, 3, NULL, 3),
	('D', '事故（延滞6か月未満）', true, 0, 6, 4),
	('E', '事故（延滞6か月以上）', true, 6, NULL, 5);

-- ===========================================================================
-- 2. Tables
-- ===========================================================================
-- The fee parts of 101 gain where they come from: the fee at execution or
-- the additional fee of a condition change.
ALTER TABLE hosho.fee_receipt
	ADD COLUMN kind text NOT NULL DEFAULT 'fee' CHECK (kind IN ('fee', 'condition_change')),
	ADD COLUMN change_id bigint,
	ADD CONSTRAINT fee_receipt_change CHECK ((kind = 'condition_change') = (change_id IS NOT NULL));
-- Unpaid parts by due date: the overdue ones are a short range of it.
CREATE INDEX fee_receipt_unpaid_idx ON hosho.fee_receipt (due_on) WHERE received_on IS NULL;

CREATE TABLE hosho.delinquency (
	delinquency_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	-- the guarantee's own, fixed at its intake: the reports count by them
	-- without reading 2.5M guarantees (6., tests/bench/midterm)
	company_id bigint NOT NULL,
	bank_code char(4) NOT NULL,
	section_code text NOT NULL,
	opened_on date NOT NULL,
	reported_on date NOT NULL CHECK (reported_on >= opened_on),
	months_overdue int NOT NULL CHECK (months_overdue >= 0),
	amount_overdue bigint NOT NULL CHECK (amount_overdue >= 0),
	balance bigint NOT NULL CHECK (balance >= 0),
	cause_code text,
	cause_note text,
	accident_on date CHECK (accident_on >= opened_on),
	accident_source text CHECK (accident_source IN ('rule', 'bank')),
	accident_balance bigint CHECK (accident_balance >= 0),
	rank_code text NOT NULL REFERENCES hosho.delinquency_rank,
	closed_on date CHECK (closed_on >= opened_on),
	close_reason text CHECK (close_reason IN ('normalised', 'repaid', 'subrogated')),
	subrogation_expected_on date,
	version int NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT session_user,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by text NOT NULL DEFAULT session_user,
	CHECK ((accident_on IS NULL) = (accident_source IS NULL) AND (accident_on IS NULL) = (accident_balance IS NULL)),
	CHECK ((closed_on IS NULL) = (close_reason IS NULL)),
	CHECK (subrogation_expected_on IS NULL OR accident_on IS NOT NULL)
);
CREATE UNIQUE INDEX delinquency_one_open ON hosho.delinquency (guarantee_id) WHERE closed_on IS NULL;
CREATE INDEX delinquency_guarantee_idx ON hosho.delinquency (guarantee_id);
CREATE INDEX delinquency_opened_idx ON hosho.delinquency (opened_on);
-- the rank report of today reads the open records whole from this index
CREATE INDEX delinquency_open_report_idx ON hosho.delinquency (section_code, bank_code)
	INCLUDE (company_id, rank_code, balance, amount_overdue) WHERE closed_on IS NULL;
CREATE INDEX delinquency_accident_idx ON hosho.delinquency (accident_on) WHERE accident_on IS NOT NULL;
CREATE INDEX delinquency_closed_idx ON hosho.delinquency (closed_on) WHERE closed_on IS NOT NULL;
CREATE TRIGGER row_stamp BEFORE INSERT OR UPDATE ON hosho.delinquency
	FOR EACH ROW EXECUTE FUNCTION hosho.row_stamp();

-- Every report of a delinquency as it came (the reports read it by date).
CREATE TABLE hosho.delinquency_event (
	event_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	delinquency_id bigint NOT NULL REFERENCES hosho.delinquency,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	reported_on date NOT NULL,
	months_overdue int NOT NULL,
	amount_overdue bigint NOT NULL,
	balance bigint NOT NULL,
	accident boolean NOT NULL,
	rank_code text NOT NULL REFERENCES hosho.delinquency_rank,
	closed boolean NOT NULL DEFAULT false,
	source text NOT NULL CHECK (source IN ('bank', 'clerk', 'payoff', 'change')),
	at timestamptz NOT NULL DEFAULT clock_timestamp(),
	staff name NOT NULL DEFAULT session_user
);
CREATE INDEX delinquency_event_case_idx ON hosho.delinquency_event (delinquency_id, reported_on DESC, event_id DESC);
CREATE INDEX delinquency_event_reported_idx ON hosho.delinquency_event (reported_on);
CREATE INDEX delinquency_company_idx ON hosho.delinquency (company_id);
CREATE TRIGGER delinquency_event_append_only BEFORE UPDATE OR DELETE ON hosho.delinquency_event
	FOR EACH ROW EXECUTE FUNCTION hosho.history_refuse();
CREATE TRIGGER delinquency_event_no_truncate BEFORE TRUNCATE ON hosho.delinquency_event
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.history_refuse();

-- The plan of a case: cause, direction of normalisation, next action.
CREATE TABLE hosho.delinquency_plan (
	delinquency_id bigint PRIMARY KEY REFERENCES hosho.delinquency,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	cause_code text NOT NULL,
	direction_code text NOT NULL,
	next_action text NOT NULL CHECK (btrim(next_action) <> ''),
	due_on date NOT NULL,
	assigned_to name NOT NULL,
	done_on date,
	note text,
	version int NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT session_user,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by text NOT NULL DEFAULT session_user
);
CREATE INDEX delinquency_plan_due_idx ON hosho.delinquency_plan (assigned_to, due_on) WHERE done_on IS NULL;
CREATE TRIGGER row_stamp BEFORE INSERT OR UPDATE ON hosho.delinquency_plan
	FOR EACH ROW EXECUTE FUNCTION hosho.row_stamp();

CREATE TABLE hosho.condition_change (
	change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	kind text NOT NULL,
	state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
	change_on date NOT NULL,
	bank_requested_on date,
	reason text,
	delinquency_id bigint REFERENCES hosho.delinquency,
	balance_at_request bigint NOT NULL,
	prepayment_yen bigint NOT NULL DEFAULT 0 CHECK (prepayment_yen >= 0),
	old_terms jsonb NOT NULL,
	new_repayment text NOT NULL REFERENCES hosho.repayment,
	new_term_months int NOT NULL CHECK (new_term_months BETWEEN 1 AND 360),
	new_installments int CHECK (new_installments >= 1),
	new_deferral_months int NOT NULL DEFAULT 0 CHECK (new_deferral_months >= 0),
	new_balloon_yen bigint CHECK (new_balloon_yen > 0),
	new_first_repayment_on date,
	new_rate_bp int NOT NULL CHECK (new_rate_bp BETWEEN 0 AND 10000),
	new_maturity_on date NOT NULL CHECK (new_maturity_on > change_on),
	fee_kind text NOT NULL CHECK (fee_kind IN ('additional', 'refund', 'no_difference')),
	fee_new bigint NOT NULL,
	fee_credit bigint NOT NULL,
	fee_difference bigint NOT NULL CHECK (fee_difference = fee_new - fee_credit),
	preview jsonb NOT NULL,
	requested_by name NOT NULL DEFAULT session_user,
	requested_at timestamptz NOT NULL DEFAULT now(),
	decided_by name,
	decided_at timestamptz,
	decision_reason_code text,
	decision_reason text,
	approval_id bigint REFERENCES hosho.approval,
	version int NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT session_user,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by text NOT NULL DEFAULT session_user,
	CONSTRAINT condition_change_four_eyes CHECK (decided_by <> requested_by),
	CHECK ((state IN ('approved', 'rejected')) = (decided_by IS NOT NULL AND approval_id IS NOT NULL)),
	CHECK ((new_repayment IN ('equal', 'unequal')) = (new_installments IS NOT NULL)),
	CHECK (kind = 'prepayment' OR prepayment_yen = 0)
);
CREATE UNIQUE INDEX condition_change_one_pending ON hosho.condition_change (guarantee_id) WHERE state = 'pending';
CREATE INDEX condition_change_guarantee_idx ON hosho.condition_change (guarantee_id);
CREATE INDEX condition_change_delinquency_idx ON hosho.condition_change (delinquency_id) WHERE delinquency_id IS NOT NULL;
CREATE TRIGGER row_stamp BEFORE INSERT OR UPDATE ON hosho.condition_change
	FOR EACH ROW EXECUTE FUNCTION hosho.row_stamp();
ALTER TABLE hosho.fee_receipt ADD CONSTRAINT fee_receipt_change_fk FOREIGN KEY (change_id) REFERENCES hosho.condition_change;

-- The rows of a schedule an approved change replaced.
CREATE TABLE hosho.repayment_schedule_version (
	change_id bigint NOT NULL REFERENCES hosho.condition_change,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	seq int NOT NULL,
	due_on date NOT NULL,
	principal bigint NOT NULL,
	balance_after bigint NOT NULL,
	PRIMARY KEY (change_id, seq)
);
CREATE INDEX repayment_schedule_version_case_idx ON hosho.repayment_schedule_version (guarantee_id);

-- What is known of an unpaid fee part: why, and the remedy chosen.
CREATE TABLE hosho.unpaid_fee_case (
	guarantee_id bigint NOT NULL,
	part int NOT NULL,
	cause_code text,
	note text,
	remedy text CHECK (remedy IN ('installments', 'refinance')),
	refinanced_by bigint REFERENCES hosho.guarantee,
	version int NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by text NOT NULL DEFAULT session_user,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by text NOT NULL DEFAULT session_user,
	PRIMARY KEY (guarantee_id, part),
	FOREIGN KEY (guarantee_id, part) REFERENCES hosho.fee_receipt,
	CHECK ((remedy = 'refinance') = (refinanced_by IS NOT NULL))
);
CREATE TRIGGER row_stamp BEFORE INSERT OR UPDATE ON hosho.unpaid_fee_case
	FOR EACH ROW EXECUTE FUNCTION hosho.row_stamp();

-- 分割納入: the installments agreed for one unpaid part.
CREATE TABLE hosho.unpaid_fee_plan (
	guarantee_id bigint NOT NULL,
	part int NOT NULL,
	seq int NOT NULL CHECK (seq >= 1),
	due_on date NOT NULL,
	amount bigint NOT NULL CHECK (amount > 0),
	received_on date,
	PRIMARY KEY (guarantee_id, part, seq),
	FOREIGN KEY (guarantee_id, part) REFERENCES hosho.fee_receipt
);

-- Fees to pay back to the bank (for the company): a change's 返戻, or the
-- refund on early payoff.
CREATE TABLE hosho.fee_refund_payable (
	refund_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	kind text NOT NULL CHECK (kind IN ('condition_change', 'payoff')),
	change_id bigint REFERENCES hosho.condition_change,
	bank_code char(4) NOT NULL REFERENCES hosho.bank,
	amount bigint NOT NULL CHECK (amount > 0),
	computed_on date NOT NULL,
	lines jsonb NOT NULL,
	paid_on date,
	CHECK ((kind = 'condition_change') = (change_id IS NOT NULL)),
	UNIQUE (change_id)
);
CREATE UNIQUE INDEX fee_refund_payable_one_payoff ON hosho.fee_refund_payable (guarantee_id) WHERE kind = 'payoff';
CREATE INDEX fee_refund_payable_unpaid_idx ON hosho.fee_refund_payable (bank_code) WHERE paid_on IS NULL;

-- ===========================================================================
-- 3. Condition changes (条件変更)
-- ===========================================================================
-- Yen with thousands separators, as the arithmetic lines print it.
CREATE FUNCTION hosho.yen_figure(p bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT to_char(p, 'FM999,999,999,999,990') || '円'
$$;

-- Whole months from p_from to p_to, a month begun counting whole.
CREATE FUNCTION hosho.months_until(p_from date, p_to date) RETURNS int
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT (extract(year FROM a) * 12 + extract(month FROM a))::int + CASE WHEN extract(day FROM a) > 0 THEN 1 ELSE 0 END
	  FROM (SELECT age(p_to, p_from) AS a) x
$$;

-- The fee formula of 060 (fee_amount) written out for one set of terms.
CREATE FUNCTION hosho.fee_formula_text(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
	p_deferral_months int, p_installments int, p_days int) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT CASE
	WHEN p_repayment = 'fixed_date' THEN
		format('%s × 年%s × %s日/365', hosho.yen_figure(p_amount), hosho.rate_text(p_rate_bp), p_days)
	WHEN p_repayment IN ('equal', 'unequal') THEN
		concat(CASE WHEN p_deferral_months > 0 THEN format('%s × 年%s × 据置%sか月/12 ＋ ', hosho.yen_figure(p_amount),
		                                                  hosho.rate_text(p_rate_bp), p_deferral_months) END,
		       format('%s × 年%s × %sか月/12 × %s分割係数0.%s', hosho.yen_figure(p_amount), hosho.rate_text(p_rate_bp),
		              p_term_months - p_deferral_months, CASE p_repayment WHEN 'equal' THEN '均等' ELSE '不均等' END,
		              lpad(hosho.fee_coefficient_for(p_repayment, p_installments)::text, 2, '0')))
	ELSE format('%s × 年%s × %sか月/12', hosho.yen_figure(p_amount), hosho.rate_text(p_rate_bp), p_term_months)
	END
$$;

-- What a change would do to the guarantee g, from the keys of p
-- (doc/midterm.md): both schedules, the fee difference with its
-- arithmetic, and the reasons it cannot be requested. Never raises for
-- what was typed; reads under the caller's row security.
CREATE FUNCTION hosho.condition_change_plan(g hosho.guarantee, p jsonb) RETURNS jsonb
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
		SELECT jsonb_build_object(
			'new_fee', max(f.amount) FILTER (WHERE f.code = 'new_fee'),
			'credit', max(f.amount) FILTER (WHERE f.code = 'credit'),
			'kind', max(f.code) FILTER (WHERE f.code IN ('additional', 'refund', 'no_difference')),
			'amount', max(f.amount) FILTER (WHERE f.code IN ('additional', 'refund', 'no_difference')))
		  INTO fee
		  FROM hosho.fee_condition_change(basis, g.executed_on, change_on, g.repayment, g.rate_bp, old_left,
		                                  g.maturity_on, rp, rate, term, deferral, inst) f;
		fee := fee || jsonb_build_object('difference', (fee->>'new_fee')::bigint - (fee->>'credit')::bigint,
			'arithmetic', jsonb_build_array(
				CASE WHEN prepay > 0
				     THEN format('保証付残高（%s − 繰上返済 %s）× 保証割合%s%% = %s', hosho.yen_figure(g.balance),
				                 hosho.yen_figure(prepay), pct, hosho.yen_figure(basis))
				     ELSE format('保証付残高 %s × 保証割合%s%% = %s', hosho.yen_figure(g.balance), pct, hosho.yen_figure(basis))
				END,
				format('変更後の保証料 = %s = %s',
				       hosho.fee_formula_text(rp, basis, rate, term, deferral, inst, maturity - change_on),
				       hosho.yen_figure((fee->>'new_fee')::bigint)))
			|| coalesce((SELECT jsonb_agg(format('既往保証料の充当 第%s区分（%s～%s）残り%sか月 × %s%% = %s',
			                                     u.segment, u.seg_from, u.seg_to, u.months, u.pct, hosho.yen_figure(u.amount))
			                              ORDER BY u.segment)
			               FROM hosho.fee_unearned(g.repayment, basis, g.rate_bp, old_left, g.executed_on, g.maturity_on,
			                                       change_on,
			                                       (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'change_credit_pct')::int,
			                                       (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'change_credit_pct')::int,
			                                       'unexpired_part') u), '[]')
			|| jsonb_build_array(format('既往保証料の充当額 合計 %s', hosho.yen_figure((fee->>'credit')::bigint)),
				format('差額 = %s − %s = %s（%s）', hosho.yen_figure((fee->>'new_fee')::bigint),
				       hosho.yen_figure((fee->>'credit')::bigint),
				       hosho.yen_figure((fee->>'new_fee')::bigint - (fee->>'credit')::bigint),
				       CASE fee->>'kind' WHEN 'additional' THEN '追加保証料' WHEN 'refund' THEN '返戻保証料'
				                         ELSE '差額なし' END)));
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

-- The screen's preview, before the request is sent.
CREATE FUNCTION hosho.condition_change_preview(p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
BEGIN
	PERFORM hosho.require_staff();
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = (p->>'guarantee_id')::bigint;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証案件は見つからないか、担当範囲外です。';
	END IF;
	RETURN hosho.condition_change_plan(g, p);
END
$$;

-- session_user's authority over changes of cases of p_section: NULL if
-- enough, else why not.
CREATE FUNCTION hosho.change_decider_refusal(p_section text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	mine record;
	min_rank int := (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'change_decision_min_rank');
BEGIN
	SELECT * INTO mine FROM hosho.my_decision_level();
	IF mine.level IS NULL OR mine.rank < min_rank
	   OR mine.applies_to IS NOT NULL AND mine.applies_to <> hosho.section_office_kind(p_section) THEN
		RETURN format('条件変更の決裁には%s以上の権限が必要です。',
			(SELECT string_agg(l.name, '・' ORDER BY l.rank) FROM hosho.decision_level l WHERE l.rank = min_rank));
	END IF;
	RETURN NULL;
END
$$;

-- One change as every write answers it, without logging.
CREATE FUNCTION hosho.condition_change_record(p_change_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT to_jsonb(c) - 'created_at' - 'created_by' - 'updated_at' - 'updated_by' || jsonb_build_object(
		'state_name', hosho.code_label('change_state', c.state),
		'kind_name', hosho.code_label('change_kind', c.kind),
		'company_id', g.company_id, 'company_name', co.name, 'bank_name', b.name,
		'certificate_no', (SELECT ce.certificate_no FROM hosho.certificate ce WHERE ce.guarantee_id = g.guarantee_id),
		'requested_by_name', (SELECT s.display_name FROM hosho.staff s WHERE s.staff_role = c.requested_by),
		'decided_by_name', (SELECT s.display_name FROM hosho.staff s WHERE s.staff_role = c.decided_by),
		'decision_reason_name', (SELECT i.label FROM hosho.code_item i
		                          WHERE i.list = 'change_reject_reason' AND i.code = c.decision_reason_code),
		'rank_name', (SELECT r.name FROM hosho.delinquency d JOIN hosho.delinquency_rank r USING (rank_code)
		               WHERE d.delinquency_id = c.delinquency_id),
		'actions', to_jsonb(ARRAY(
			SELECT a FROM unnest(ARRAY['decide', 'withdraw']) a
			 WHERE c.state = 'pending'
			   AND (a = 'withdraw' AND c.requested_by = session_user
			     OR a = 'decide' AND c.requested_by <> session_user
			        AND pg_has_role(session_user, 'hosho_supervisor', 'MEMBER')
			        AND hosho.change_decider_refusal(g.section_code) IS NULL))))
	  FROM hosho.condition_change c
	  JOIN hosho.guarantee g USING (guarantee_id)
	  JOIN hosho.company co ON co.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	 WHERE c.change_id = p_change_id
$$;

-- A record p_record of p_kind p_id as opened on a screen: the opening
-- logged when there is something to see.
CREATE FUNCTION hosho.record_opened(p_kind text, p_id text, p_record jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	IF p_record IS NOT NULL THEN
		PERFORM hosho.log_access('open', p_kind, p_id, NULL);
	END IF;
	RETURN p_record;
END
$$;

CREATE FUNCTION hosho.condition_change_get(p_change_id bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN hosho.record_opened('condition_change', p_change_id::text, hosho.condition_change_record(p_change_id));
END
$$;

-- 条件変更の依頼: the bank's request with the new conditions, as the
-- preview showed them; a supervisor decides it.
CREATE FUNCTION hosho.condition_change_request(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
	plan jsonb;
	refusal jsonb;
	dq bigint := (p->>'delinquency_id')::bigint;
	id bigint;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'condition_change_request');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock((p->>'guarantee_id')::bigint, (p->>'version')::int, 'condition_change');
	plan := hosho.condition_change_plan(g, p);
	refusal := plan->'reasons'->0;
	IF refusal IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = refusal->>'field', MESSAGE = refusal->>'message';
	END IF;
	IF dq IS NULL THEN
		SELECT d.delinquency_id INTO dq FROM hosho.delinquency d WHERE d.guarantee_id = g.guarantee_id AND d.closed_on IS NULL;
	ELSIF NOT EXISTS (SELECT FROM hosho.delinquency d WHERE d.delinquency_id = dq AND d.guarantee_id = g.guarantee_id) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'delinquency_id', MESSAGE = 'この保証の延滞ではありません。';
	END IF;
	BEGIN
		INSERT INTO hosho.condition_change AS c (guarantee_id, kind, change_on, bank_requested_on, reason, delinquency_id,
			balance_at_request, prepayment_yen, old_terms, new_repayment, new_term_months, new_installments,
			new_deferral_months, new_balloon_yen, new_first_repayment_on, new_rate_bp, new_maturity_on, fee_kind,
			fee_new, fee_credit, fee_difference, preview)
		VALUES (g.guarantee_id, plan->>'kind', (plan->>'change_on')::date, (p->>'bank_requested_on')::date, p->>'reason', dq,
			g.balance, (plan->>'prepayment_yen')::bigint, plan->'old', plan->'new'->>'repayment',
			(plan->'new'->>'term_months')::int, (plan->'new'->>'installments')::int,
			(plan->'new'->>'deferral_months')::int, (plan->'new'->>'balloon_yen')::bigint,
			(p->>'new_first_repayment_on')::date, (plan->'new'->>'rate_bp')::int, (plan->'new'->>'maturity_on')::date,
			plan->'fee'->>'kind', (plan->'fee'->>'new_fee')::bigint, (plan->'fee'->>'credit')::bigint,
			(plan->'fee'->>'difference')::bigint, plan)
		RETURNING c.change_id INTO id;
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = 'この保証にはすでに決裁待ちの条件変更があります。';
	END;
	PERFORM hosho.log_access('change', 'condition_change', id::text, jsonb_build_object('new',
		jsonb_build_object('state', 'pending', 'guarantee_id', g.guarantee_id, 'kind', plan->>'kind')));
	PERFORM pg_notify('hosho_queue', g.guarantee_id::text);
	RETURN hosho.request_answer(p_request_id, hosho.condition_change_record(id));
END
$$;

-- The pending change p_id at the version the screen showed, locked.
CREATE FUNCTION hosho.condition_change_lock(p_change_id bigint, p_version int) RETURNS hosho.condition_change
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	c hosho.condition_change;
BEGIN
	SELECT * INTO c FROM hosho.condition_change x WHERE x.change_id = p_change_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この条件変更は見つからないか、担当範囲外です。';
	END IF;
	IF c.version IS DISTINCT FROM p_version THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '他の担当者が先に更新しました。最新を読み直してください。';
	END IF;
	IF c.state <> 'pending' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409',
			MESSAGE = format('「%s」の条件変更は処理できません。', hosho.code_label('change_state', c.state));
	END IF;
	RETURN c;
END
$$;

-- Applies the approved change c to its guarantee g (locked): the old rows
-- kept as a version, the new schedule, the terms, the fee difference, the
-- history. The caller's transaction holds it all.
CREATE FUNCTION hosho.condition_change_apply(c hosho.condition_change, g hosho.guarantee, plan jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	rp text := plan->'new'->>'repayment';
	term int := hosho.months_until(g.executed_on, (plan->'new'->>'maturity_on')::date);
BEGIN
	INSERT INTO hosho.repayment_schedule_version (change_id, guarantee_id, seq, due_on, principal, balance_after)
	SELECT c.change_id, r.guarantee_id, r.seq, r.due_on, r.principal, r.balance_after
	  FROM hosho.repayment_schedule r WHERE r.guarantee_id = g.guarantee_id AND r.due_on >= c.change_on;
	DELETE FROM hosho.repayment_schedule r WHERE r.guarantee_id = g.guarantee_id AND r.due_on >= c.change_on;
	INSERT INTO hosho.repayment_schedule (guarantee_id, seq, due_on, principal, balance_after)
	SELECT g.guarantee_id, n.seq, n.due_on, n.principal, n.balance_after
	  FROM jsonb_to_recordset(plan->'new_schedule') n(seq int, due_on date, principal bigint, balance_after bigint);
	UPDATE hosho.guarantee x SET repayment = rp, installments = (plan->'new'->>'installments')::int,
		term_months = term,
		deferral_months = CASE WHEN rp IN ('equal', 'unequal') THEN least(g.deferral_months, term - 1) ELSE 0 END,
		maturity_on = (plan->'new'->>'maturity_on')::date, balloon_yen = (plan->'new'->>'balloon_yen')::bigint,
		rate_bp = (plan->'new'->>'rate_bp')::int, balance = (plan->>'balance_after')::bigint
	 WHERE x.guarantee_id = g.guarantee_id;
	IF c.fee_kind = 'additional' THEN
		INSERT INTO hosho.fee_receipt (guarantee_id, part, due_on, amount, kind, change_id)
		SELECT g.guarantee_id, coalesce(max(f.part), 0) + 1, c.change_on, c.fee_difference, 'condition_change', c.change_id
		  FROM hosho.fee_receipt f WHERE f.guarantee_id = g.guarantee_id;
	ELSIF c.fee_kind = 'refund' THEN
		INSERT INTO hosho.fee_refund_payable (guarantee_id, kind, change_id, bank_code, amount, computed_on, lines)
		VALUES (g.guarantee_id, 'condition_change', c.change_id, g.bank_code, -c.fee_difference, c.change_on,
			plan->'fee'->'arithmetic');
	END IF;
END
$$;

-- 条件変更の決裁: a supervisor with the authority, never the requester.
-- Approval applies the change in this one transaction; rejection leaves
-- the guarantee as it was. One hosho.approval row records the decision.
CREATE FUNCTION hosho.condition_change_decide(p_change_id bigint, p_version int, p_approve boolean,
	p_reason_code text, p_reason text, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	c hosho.condition_change;
	g hosho.guarantee;
	plan jsonb;
	refusal text;
	aid bigint;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'condition_change_decide');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	c := hosho.condition_change_lock(p_change_id, p_version);
	IF c.requested_by = session_user THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = '自分が依頼した条件変更は決裁できません。';
	END IF;
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = c.guarantee_id FOR UPDATE;
	refusal := hosho.change_decider_refusal(g.section_code);
	IF refusal IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = refusal;
	END IF;
	IF p_approve THEN
		IF g.state <> 'executed' OR g.balance <> c.balance_at_request THEN
			RAISE EXCEPTION USING ERRCODE = 'HS409',
				MESSAGE = '依頼の後に保証の残高または状態が変わりました。条件変更を依頼し直してください。';
		END IF;
		-- the same computation as at the request, on the same facts
		plan := hosho.condition_change_plan(g, jsonb_build_object('kind', c.kind, 'change_on', c.change_on,
			'prepayment_yen', c.prepayment_yen, 'new_repayment', c.new_repayment, 'new_term_months', c.new_term_months,
			'new_installments', c.new_installments, 'new_deferral_months', c.new_deferral_months,
			'new_balloon_yen', c.new_balloon_yen, 'new_first_repayment_on', c.new_first_repayment_on,
			'new_rate_bp', c.new_rate_bp));
		IF jsonb_array_length(plan->'reasons') > 0 OR (plan->'fee'->>'difference')::bigint <> c.fee_difference
		   OR plan->'new_schedule' <> c.preview->'new_schedule' THEN
			RAISE EXCEPTION USING ERRCODE = 'HS409',
				MESSAGE = '依頼の後に返済予定または保証料の規程が変わりました。条件変更を依頼し直してください。';
		END IF;
	ELSIF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'change_reject_reason' AND i.code = p_reason_code) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'reason_code', MESSAGE = '否認の理由を選んでください。';
	END IF;
	INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version, state,
		requested_by, requested_at, decided_by, decided_at, reason)
	VALUES ('condition_change', c.change_id::text, 'condition_change_decision',
		jsonb_build_object('value', CASE WHEN p_approve THEN 'approve' ELSE 'reject' END, 'guarantee_id', g.guarantee_id,
			'kind', c.kind, 'fee_kind', c.fee_kind, 'fee_difference', c.fee_difference),
		c.version, CASE WHEN p_approve THEN 'approved' ELSE 'rejected' END,
		c.requested_by, c.requested_at, session_user, now(), p_reason)
	RETURNING approval_id INTO aid;
	UPDATE hosho.condition_change x SET state = CASE WHEN p_approve THEN 'approved' ELSE 'rejected' END,
		decided_by = session_user, decided_at = now(), decision_reason_code = p_reason_code,
		decision_reason = p_reason, approval_id = aid
	 WHERE x.change_id = c.change_id;
	IF p_approve THEN
		PERFORM hosho.condition_change_apply(c, g, plan);
		PERFORM hosho.guarantee_note(g, 'condition_change', NULL, p_reason,
			jsonb_build_object('change_id', c.change_id, 'kind', c.kind, 'fee_kind', c.fee_kind,
				'fee_difference', c.fee_difference, 'delinquency_id', c.delinquency_id,
				'maturity_on', plan->'new'->'maturity_on'));
	END IF;
	PERFORM hosho.log_access('decide', 'condition_change', c.change_id::text,
		jsonb_build_object('approval_id', aid, 'approve', p_approve, 'reason_code', p_reason_code));
	PERFORM pg_notify('hosho_queue', g.guarantee_id::text);
	RETURN hosho.request_answer(p_request_id, hosho.condition_change_record(c.change_id));
END
$$;

-- The requester takes a pending change back.
CREATE FUNCTION hosho.condition_change_withdraw(p_change_id bigint, p_version int, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	c hosho.condition_change;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'condition_change_withdraw');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	c := hosho.condition_change_lock(p_change_id, p_version);
	IF c.requested_by <> session_user THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = '取り下げられるのは依頼した本人だけです。';
	END IF;
	UPDATE hosho.condition_change x SET state = 'withdrawn' WHERE x.change_id = c.change_id;
	PERFORM hosho.log_access('change', 'condition_change', c.change_id::text,
		jsonb_build_object('old', jsonb_build_object('state', c.state), 'new', jsonb_build_object('state', 'withdrawn')));
	PERFORM pg_notify('hosho_queue', c.guarantee_id::text);
	RETURN hosho.request_answer(p_request_id, hosho.condition_change_record(c.change_id));
END
$$;

-- 条件変更稟議書: the change, the case, both schedules and the fee
-- arithmetic, the requester and the decider. Printing is logged.
CREATE FUNCTION hosho.condition_change_document(p_change_id bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	d jsonb;
BEGIN
	PERFORM hosho.require_staff();
	SELECT hosho.condition_change_record(c.change_id) || jsonb_build_object(
		'title', '条件変更稟議書', 'corporation_name', (hosho.corporation_on(current_date)).name,
		'scheme_name', s.name, 'branch_name', br.name, 'executed_on', g.executed_on,
		'executed_amount', g.executed_amount, 'section_name', sec.name,
		'delinquency', (SELECT jsonb_build_object('months_overdue', x.months_overdue, 'amount_overdue', x.amount_overdue,
		                                          'accident_on', x.accident_on, 'rank_code', x.rank_code)
		                  FROM hosho.delinquency x WHERE x.delinquency_id = c.delinquency_id))
	  INTO d
	  FROM hosho.condition_change c
	  JOIN hosho.guarantee g USING (guarantee_id)
	  JOIN hosho.scheme s ON s.scheme_code = g.scheme_code
	  JOIN hosho.bank_branch br ON br.bank_code = g.bank_code AND br.branch_code = g.branch_code
	  JOIN hosho.section sec ON sec.section_code = g.section_code
	 WHERE c.change_id = p_change_id;
	IF d IS NOT NULL THEN
		PERFORM hosho.log_access('print', 'condition_change', p_change_id::text, NULL);
	END IF;
	RETURN d;
END
$$;

-- The supervisor's queue: pending changes in scope the caller may decide.
CREATE FUNCTION hosho.condition_change_queue()
RETURNS TABLE (change_id bigint, version int, guarantee_id bigint, company_id bigint, company_name text,
	bank_name text, kind text, kind_name text, balance bigint, fee_kind text, fee_difference bigint,
	rank_name text, requested_by_name text, requested_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT c.change_id, c.version, c.guarantee_id, g.company_id, co.name, b.name, c.kind,
	       hosho.code_label('change_kind', c.kind), c.balance_at_request, c.fee_kind, c.fee_difference, r.name,
	       st.display_name, c.requested_at
	  FROM hosho.condition_change c
	  JOIN hosho.guarantee g USING (guarantee_id)
	  JOIN hosho.company co ON co.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	  LEFT JOIN hosho.delinquency d ON d.delinquency_id = c.delinquency_id
	  LEFT JOIN hosho.delinquency_rank r ON r.rank_code = d.rank_code
	  LEFT JOIN hosho.staff st ON st.staff_role = c.requested_by
	 WHERE c.state = 'pending' AND c.requested_by <> session_user
	   AND pg_has_role(session_user, 'hosho_supervisor', 'MEMBER')
	   AND hosho.change_decider_refusal(g.section_code) IS NULL
	 ORDER BY c.requested_at, c.change_id;
END
$$;

-- A guarantee's changes, newest first.
CREATE FUNCTION hosho.condition_change_list(p_guarantee_id bigint)
RETURNS TABLE (change_id bigint, version int, state text, state_name text, kind text, kind_name text,
	change_on date, fee_kind text, fee_difference bigint, requested_by_name text, requested_at timestamptz,
	decided_by_name text, decided_at timestamptz, decision_reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT c.change_id, c.version, c.state, hosho.code_label('change_state', c.state), c.kind,
	       hosho.code_label('change_kind', c.kind), c.change_on, c.fee_kind, c.fee_difference,
	       rq.display_name, c.requested_at, dc.display_name, c.decided_at, c.decision_reason
	  FROM hosho.condition_change c
	  LEFT JOIN hosho.staff rq ON rq.staff_role = c.requested_by
	  LEFT JOIN hosho.staff dc ON dc.staff_role = c.decided_by
	 WHERE c.guarantee_id = p_guarantee_id
	 ORDER BY c.requested_at DESC, c.change_id DESC;
END
$$;

INSERT INTO hosho.approval_rule VALUES
	-- decided by condition_change_decide only, which writes the row decided
	('condition_change_decision', 'condition_change', 'hosho_clerk', 'hosho_supervisor', '条件変更の決裁'),
	('subrogation_expected', 'delinquency', 'hosho_clerk', 'hosho_supervisor', '事故管理方針（代位弁済見込）');

-- ===========================================================================
-- 4. Delinquency and accidents (延滞・事故)
-- ===========================================================================
-- The rank of a report: the first rank by sort matching its status and
-- months overdue.
CREATE FUNCTION hosho.delinquency_rank_for(p_accident boolean, p_months int) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT r.rank_code FROM hosho.delinquency_rank r
	 WHERE r.accident = p_accident AND p_months >= r.min_months AND (r.max_months IS NULL OR p_months < r.max_months)
	 ORDER BY r.sort LIMIT 1
$$;

-- Records one report of a guarantee's delinquency (the bank's file, a
-- clerk's entry): opens a record, updates it, makes it an accident by the
-- rule or the bank's word, closes it when nothing is overdue any more.
-- Returns the record's id, or NULL when nothing was open nor opened.
-- Internal: the SECURITY DEFINER callers (delinquency_report here, the
-- bank file's apply in 111) have checked the caller.
CREATE FUNCTION hosho.delinquency_apply(p_guarantee_id bigint, p_reported_on date, p_months int, p_amount bigint,
	p_balance bigint, p_accident boolean, p_cause_code text, p_cause_note text, p_source text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
	d hosho.delinquency;
	rule_months int := (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'accident_months_overdue');
	accident boolean;
	newly boolean;
	rank text;
	bal bigint;
	cured boolean := coalesce(p_months, 0) = 0 AND coalesce(p_amount, 0) = 0 AND NOT coalesce(p_accident, false);
BEGIN
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = p_guarantee_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証案件は見つからないか、担当範囲外です。';
	END IF;
	IF g.state <> 'executed' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = format('「%s」の案件には延滞を記録できません。',
			hosho.code_label('guarantee_state', g.state));
	END IF;
	bal := coalesce(p_balance, g.balance);
	SELECT * INTO d FROM hosho.delinquency x WHERE x.guarantee_id = p_guarantee_id AND x.closed_on IS NULL FOR UPDATE;
	IF d.delinquency_id IS NULL AND cured THEN
		RETURN NULL;
	END IF;
	IF p_reported_on < d.reported_on THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'reported_on',
			MESSAGE = format('%sの報告がすでにあります。それより前の報告は記録できません。', d.reported_on);
	END IF;
	accident := d.accident_on IS NOT NULL OR coalesce(p_accident, false) OR p_months >= rule_months;
	newly := accident AND d.accident_on IS NULL;
	rank := hosho.delinquency_rank_for(accident, p_months);
	IF d.delinquency_id IS NULL THEN
		INSERT INTO hosho.delinquency AS x (guarantee_id, company_id, bank_code, section_code, opened_on, reported_on,
			months_overdue, amount_overdue, balance, cause_code, cause_note, accident_on, accident_source, accident_balance,
			rank_code)
		VALUES (p_guarantee_id, g.company_id, g.bank_code, g.section_code, p_reported_on, p_reported_on, p_months, p_amount, bal, p_cause_code, p_cause_note,
			CASE WHEN accident THEN p_reported_on END,
			CASE WHEN accident THEN CASE WHEN p_accident THEN 'bank' ELSE 'rule' END END,
			CASE WHEN accident THEN bal END, rank)
		RETURNING * INTO d;
	ELSIF cured THEN
		-- the balance as it was when the case stopped being delinquent: an
		-- accident's 事故調整額
		UPDATE hosho.delinquency x SET reported_on = p_reported_on, months_overdue = 0, amount_overdue = 0, balance = bal,
			closed_on = p_reported_on, close_reason = 'normalised'
		 WHERE x.delinquency_id = d.delinquency_id RETURNING * INTO d;
	ELSE
		UPDATE hosho.delinquency x SET reported_on = p_reported_on, months_overdue = p_months, amount_overdue = p_amount,
			balance = bal, cause_code = coalesce(p_cause_code, x.cause_code), cause_note = coalesce(p_cause_note, x.cause_note),
			accident_on = coalesce(x.accident_on, CASE WHEN accident THEN p_reported_on END),
			accident_source = coalesce(x.accident_source, CASE WHEN accident THEN CASE WHEN p_accident THEN 'bank' ELSE 'rule' END END),
			accident_balance = coalesce(x.accident_balance, CASE WHEN accident THEN bal END),
			rank_code = rank
		 WHERE x.delinquency_id = d.delinquency_id RETURNING * INTO d;
	END IF;
	INSERT INTO hosho.delinquency_event (delinquency_id, guarantee_id, reported_on, months_overdue, amount_overdue, balance,
		accident, rank_code, closed, source)
	VALUES (d.delinquency_id, p_guarantee_id, p_reported_on, d.months_overdue, d.amount_overdue, bal, accident,
		CASE WHEN cured THEN d.rank_code ELSE rank END, cured, p_source);
	PERFORM hosho.guarantee_note(g, CASE WHEN newly THEN 'accident' ELSE 'delinquency' END, p_cause_code, p_cause_note,
		jsonb_build_object('delinquency_id', d.delinquency_id, 'reported_on', p_reported_on, 'months_overdue', p_months,
			'amount_overdue', p_amount, 'rank_code', d.rank_code, 'closed', cured, 'source', p_source));
	RETURN d.delinquency_id;
END
$$;

-- One delinquency record as the screens show it, without logging.
CREATE FUNCTION hosho.delinquency_record(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT to_jsonb(d) - 'created_at' - 'created_by' - 'updated_at' - 'updated_by' || jsonb_build_object(
		'rank_name', r.name, 'company_id', g.company_id, 'company_name', co.name,
		'bank_code', g.bank_code, 'bank_name', b.name, 'office_code', left(g.section_code, 2),
		'certificate_no', (SELECT ce.certificate_no FROM hosho.certificate ce WHERE ce.guarantee_id = g.guarantee_id),
		'cause_name', hosho.code_label('delinquency_cause', d.cause_code),
		'close_reason_name', hosho.code_label('delinquency_close', d.close_reason),
		'plan', (SELECT to_jsonb(p) - 'created_at' - 'created_by' - 'updated_at' || jsonb_build_object(
		                'cause_name', hosho.code_label('delinquency_cause', p.cause_code),
		                'direction_name', hosho.code_label('normalisation_direction', p.direction_code),
		                'assigned_to_name', (SELECT s.display_name FROM hosho.staff s WHERE s.staff_role = p.assigned_to))
		           FROM hosho.delinquency_plan p WHERE p.delinquency_id = d.delinquency_id),
		'events', coalesce((SELECT jsonb_agg(jsonb_build_object('reported_on', e.reported_on, 'months_overdue', e.months_overdue,
		                                   'amount_overdue', e.amount_overdue, 'balance', e.balance, 'accident', e.accident,
		                                   'rank_code', e.rank_code, 'closed', e.closed, 'source', e.source)
		                                   ORDER BY e.reported_on, e.event_id)
		                      FROM hosho.delinquency_event e WHERE e.delinquency_id = d.delinquency_id), '[]'),
		'changes', coalesce((SELECT jsonb_agg(jsonb_build_object('change_id', c.change_id, 'state', c.state,
		                                    'kind_name', hosho.code_label('change_kind', c.kind), 'change_on', c.change_on)
		                                    ORDER BY c.change_id)
		                       FROM hosho.condition_change c WHERE c.delinquency_id = d.delinquency_id), '[]'),
		'pending_approval_id', (SELECT a.approval_id FROM hosho.approval a
		                         WHERE a.object_kind = 'delinquency' AND a.object_id = d.delinquency_id::text
		                           AND a.state = 'pending'))
	  FROM hosho.delinquency d
	  JOIN hosho.delinquency_rank r USING (rank_code)
	  JOIN hosho.guarantee g ON g.guarantee_id = d.guarantee_id
	  JOIN hosho.company co ON co.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	 WHERE d.delinquency_id = p_id
$$;

CREATE FUNCTION hosho.delinquency_get(p_delinquency_id bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN hosho.record_opened('delinquency', p_delinquency_id::text, hosho.delinquency_record(p_delinquency_id));
END
$$;

-- A clerk records a bank's report of one guarantee (the screen's entry;
-- the bank file goes through 111).
CREATE FUNCTION hosho.delinquency_report(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	gid bigint := (p->>'guarantee_id')::bigint;
	months int := (p->>'months_overdue')::int;
	amount bigint := (p->>'amount_overdue')::bigint;
	on_date date := (p->>'reported_on')::date;
	id bigint;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'delinquency_report');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	IF gid IS NULL THEN
		SELECT ce.guarantee_id INTO gid FROM hosho.certificate ce WHERE ce.certificate_no = p->>'certificate_no';
	END IF;
	IF on_date IS NULL OR on_date > current_date THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'reported_on', MESSAGE = '報告日（今日以前）を入力してください。';
	END IF;
	IF months IS NULL OR months < 0 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'months_overdue', MESSAGE = '延滞月数（0以上）を入力してください。';
	END IF;
	IF amount IS NULL OR amount < 0 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'amount_overdue', MESSAGE = '延滞額（0円以上）を入力してください。';
	END IF;
	IF (p->>'balance')::bigint < 0 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'balance', MESSAGE = '残高は0円以上です。';
	END IF;
	IF p->>'cause_code' IS NOT NULL
	   AND NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'delinquency_cause' AND i.code = p->>'cause_code') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'cause_code', MESSAGE = '延滞の原因を選んでください。';
	END IF;
	id := hosho.delinquency_apply(gid, on_date, months, amount, (p->>'balance')::bigint,
		coalesce((p->>'accident')::boolean, false), p->>'cause_code', p->>'cause_note', 'clerk');
	RETURN hosho.request_answer(p_request_id, hosho.delinquency_record(id));
END
$$;

-- The plan of a case: cause, direction, next action and its date.
CREATE FUNCTION hosho.delinquency_plan_save(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	d hosho.delinquency;
	old hosho.delinquency_plan;
	who name := coalesce(p->>'assigned_to', session_user::text);
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'delinquency_plan_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	SELECT * INTO d FROM hosho.delinquency x WHERE x.delinquency_id = (p->>'delinquency_id')::bigint;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この延滞は見つからないか、担当範囲外です。';
	END IF;
	SELECT * INTO old FROM hosho.delinquency_plan x WHERE x.delinquency_id = d.delinquency_id FOR UPDATE;
	IF old.version IS DISTINCT FROM (p->>'version')::int THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '他の担当者が先に更新しました。最新を読み直してください。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'delinquency_cause' AND i.code = p->>'cause_code') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'cause_code', MESSAGE = '窮境の原因を選んでください。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'normalisation_direction' AND i.code = p->>'direction_code') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'direction_code', MESSAGE = '正常化の方向を選んでください。';
	END IF;
	IF coalesce(btrim(p->>'next_action'), '') = '' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'next_action', MESSAGE = '次の対応を入力してください。';
	END IF;
	IF (p->>'due_on')::date IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'due_on', MESSAGE = '対応の期日を入力してください。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.staff s WHERE s.staff_role = who AND s.active) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'assigned_to', MESSAGE = '担当者が登録されていません。';
	END IF;
	INSERT INTO hosho.delinquency_plan AS x (delinquency_id, guarantee_id, cause_code, direction_code, next_action, due_on,
		assigned_to, done_on, note)
	VALUES (d.delinquency_id, d.guarantee_id, p->>'cause_code', p->>'direction_code', p->>'next_action',
		(p->>'due_on')::date, who, (p->>'done_on')::date, p->>'note')
	ON CONFLICT (delinquency_id) DO UPDATE SET cause_code = excluded.cause_code, direction_code = excluded.direction_code,
		next_action = excluded.next_action, due_on = excluded.due_on, assigned_to = excluded.assigned_to,
		done_on = excluded.done_on, note = excluded.note;
	PERFORM hosho.log_access('change', 'delinquency', d.delinquency_id::text, hosho.json_changes(to_jsonb(old),
		(SELECT to_jsonb(x) FROM hosho.delinquency_plan x WHERE x.delinquency_id = d.delinquency_id)));
	RETURN hosho.request_answer(p_request_id, hosho.delinquency_record(d.delinquency_id));
END
$$;

-- 事故管理方針（代位弁済見込）: asks 保証統括課 (four eyes, approval_decide
-- of 090) to mark an open accident as expected to end in subrogation.
CREATE FUNCTION hosho.subrogation_expected_request(p_delinquency_id bigint, p_version int, p_note text,
	p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	d hosho.delinquency;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'subrogation_expected_request');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	SELECT * INTO d FROM hosho.delinquency x WHERE x.delinquency_id = p_delinquency_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この延滞は見つからないか、担当範囲外です。';
	END IF;
	IF d.version IS DISTINCT FROM p_version THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '他の担当者が先に更新しました。最新を読み直してください。';
	END IF;
	IF d.accident_on IS NULL OR d.closed_on IS NOT NULL OR d.subrogation_expected_on IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409',
			MESSAGE = '代位弁済見込みにできるのは、方針の決まっていない事故の案件だけです。';
	END IF;
	IF coalesce(btrim(p_note), '') = '' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'note', MESSAGE = '方針の理由を入力してください。';
	END IF;
	BEGIN
		INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version)
		VALUES ('delinquency', d.delinquency_id::text, 'subrogation_expected',
			jsonb_build_object('value', 'expected', 'note', p_note, 'guarantee_id', d.guarantee_id), d.version);
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = 'この案件の方針はすでに決裁待ちです。';
	END;
	PERFORM hosho.log_access('change', 'delinquency', d.delinquency_id::text,
		jsonb_build_object('new', jsonb_build_object('subrogation_expected', 'requested')));
	RETURN hosho.request_answer(p_request_id, hosho.delinquency_record(d.delinquency_id));
END
$$;

-- Applied by approval_decide (090) once approved: only 保証統括課 decides.
CREATE FUNCTION hosho.approval_apply_subrogation_expected(a hosho.approval) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	d hosho.delinquency;
BEGIN
	IF NOT EXISTS (SELECT FROM hosho.my_decision_level() l WHERE l.level = 'head_office') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = '事故管理方針（代位弁済見込）は保証統括課が決裁します。';
	END IF;
	SELECT * INTO d FROM hosho.delinquency x
	 WHERE x.delinquency_id = a.object_id::bigint AND x.version = a.object_version AND x.closed_on IS NULL FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '依頼の後に案件が更新されました。依頼し直してください。';
	END IF;
	UPDATE hosho.delinquency x SET subrogation_expected_on = current_date WHERE x.delinquency_id = d.delinquency_id;
	PERFORM hosho.guarantee_note((SELECT g FROM hosho.guarantee g WHERE g.guarantee_id = d.guarantee_id),
		'subrogation_expected', NULL, a.payload->>'note',
		jsonb_build_object('delinquency_id', d.delinquency_id, 'approval_id', a.approval_id));
END
$$;

-- 090's object versions and names on 承認待ち (092), with the guarantee
-- (101: the watch-list hold) and the delinquency added.
CREATE OR REPLACE FUNCTION hosho.approval_object_version(p_kind text, p_id text) RETURNS int
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	IF p_id !~ '^[0-9]{1,18}$' THEN
		RETURN NULL;
	ELSIF p_kind = 'company' THEN
		RETURN (SELECT c.version FROM hosho.company c WHERE c.company_id = p_id::bigint);
	ELSIF p_kind = 'guarantee' THEN
		RETURN (SELECT g.version FROM hosho.guarantee g WHERE g.guarantee_id = p_id::bigint);
	ELSIF p_kind = 'delinquency' THEN
		RETURN (SELECT d.version FROM hosho.delinquency d WHERE d.delinquency_id = p_id::bigint);
	END IF;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hosho.approval_list()
RETURNS TABLE (approval_id bigint, action_name text, object text, proposal text,
	requester_name text, requested_on date)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT q.approval_id, q.action_name,
	       CASE q.object_kind
	       WHEN 'company' THEN (SELECT format('%s %s', c.company_id, c.name)
	                              FROM hosho.company c WHERE c.company_id::text = q.object_id)
	       WHEN 'guarantee' THEN (SELECT format('保証%s %s', g.guarantee_id, c.name)
	                                FROM hosho.guarantee g JOIN hosho.company c USING (company_id)
	                               WHERE g.guarantee_id::text = q.object_id)
	       WHEN 'delinquency' THEN (SELECT format('保証%s %s（%s）', g.guarantee_id, c.name, r.name)
	                                  FROM hosho.delinquency d JOIN hosho.guarantee g USING (guarantee_id)
	                                  JOIN hosho.company c ON c.company_id = g.company_id
	                                  JOIN hosho.delinquency_rank r ON r.rank_code = d.rank_code
	                                 WHERE d.delinquency_id::text = q.object_id)
	       END,
	       coalesce((SELECT l.label FROM hosho.code_list l
	                  WHERE l.list = q.action AND l.code = q.payload->>'value'),
	                q.payload->>'value'),
	       q.requester_name, q.requested_at::date
	  FROM hosho.approval_queue() q
$$;
INSERT INTO hosho.code_item VALUES ('subrogation_expected', 'expected', '代位弁済見込みとする', 1);

-- Delinquency records by scope (doc/midterm.md keys).
CREATE FUNCTION hosho.delinquency_list(p_scope jsonb)
RETURNS TABLE (delinquency_id bigint, version int, guarantee_id bigint, company_id bigint, company_name text,
	bank_code text, bank_name text, office_code text, months_overdue int, amount_overdue bigint, balance bigint,
	rank_code text, rank_name text, accident_on date, opened_on date, reported_on date, next_action text,
	due_on date, subrogation_expected_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp SET jit = off AS $$
DECLARE
	secs text[] := hosho.my_sections();
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT d.delinquency_id, d.version, d.guarantee_id, d.company_id, co.name, d.bank_code::text, b.name,
	       left(d.section_code, 2), d.months_overdue, d.amount_overdue, d.balance, d.rank_code, r.name, d.accident_on,
	       d.opened_on, d.reported_on, p.next_action, p.due_on, d.subrogation_expected_on
	  FROM hosho.delinquency d
	  JOIN hosho.company co ON co.company_id = d.company_id
	  JOIN hosho.bank b ON b.bank_code = d.bank_code
	  JOIN hosho.delinquency_rank r ON r.rank_code = d.rank_code
	  LEFT JOIN hosho.delinquency_plan p ON p.delinquency_id = d.delinquency_id
	 WHERE d.section_code = ANY (secs) AND (d.closed_on IS NULL) = coalesce((p_scope->>'open')::boolean, true)
	   AND (p_scope->>'office_code' IS NULL OR left(d.section_code, 2) = p_scope->>'office_code')
	   AND (p_scope->>'bank_code' IS NULL OR d.bank_code = p_scope->>'bank_code')
	   AND (p_scope->>'rank_code' IS NULL OR d.rank_code = p_scope->>'rank_code')
	   AND (p_scope->>'accident' IS NULL OR (d.accident_on IS NOT NULL) = (p_scope->>'accident')::boolean)
	   AND (p_scope->>'guarantee_id' IS NULL OR d.guarantee_id = (p_scope->>'guarantee_id')::bigint)
	   AND (p_scope->>'company_id' IS NULL OR d.company_id = (p_scope->>'company_id')::bigint)
	 ORDER BY r.sort DESC, d.amount_overdue DESC, d.delinquency_id;
END
$$;

-- The clerk's worklist: their plans not done, due within the reminder days.
CREATE FUNCTION hosho.plans_due()
RETURNS TABLE (delinquency_id bigint, guarantee_id bigint, company_name text, rank_name text, next_action text,
	due_on date, overdue boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	ahead int := (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'plan_reminder_days');
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT p.delinquency_id, p.guarantee_id, co.name, r.name, p.next_action, p.due_on,
	       p.due_on < current_date
	  FROM hosho.delinquency_plan p
	  JOIN hosho.delinquency d ON d.delinquency_id = p.delinquency_id
	  JOIN hosho.delinquency_rank r ON r.rank_code = d.rank_code
	  JOIN hosho.guarantee g ON g.guarantee_id = p.guarantee_id
	  JOIN hosho.company co ON co.company_id = g.company_id
	 WHERE p.assigned_to = session_user AND p.done_on IS NULL AND d.closed_on IS NULL
	   AND p.due_on <= current_date + ahead
	 ORDER BY p.due_on, p.delinquency_id;
END
$$;

-- 月内延滞発生先: records opened in the month of p_month.
CREATE FUNCTION hosho.new_delinquencies(p_month date)
RETURNS TABLE (delinquency_id bigint, guarantee_id bigint, company_id bigint, company_name text, bank_code text,
	bank_name text, office_code text, opened_on date, months_overdue int, amount_overdue bigint, balance bigint,
	rank_name text, cause_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp SET jit = off AS $$
DECLARE
	m date := date_trunc('month', p_month)::date;
	secs text[] := hosho.my_sections();
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT d.delinquency_id, d.guarantee_id, d.company_id, co.name, d.bank_code::text, b.name,
	       left(d.section_code, 2), d.opened_on, d.months_overdue, d.amount_overdue, d.balance, r.name,
	       hosho.code_label('delinquency_cause', d.cause_code)
	  FROM hosho.delinquency d
	  JOIN hosho.company co ON co.company_id = d.company_id
	  JOIN hosho.bank b ON b.bank_code = d.bank_code
	  JOIN hosho.delinquency_rank r ON r.rank_code = d.rank_code
	 WHERE d.opened_on >= m AND d.opened_on < (m + interval '1 month')::date AND d.section_code = ANY (secs)
	 ORDER BY b.sort, d.opened_on, d.delinquency_id;
END
$$;

-- The worst rank sort of each of p_companies on p_on (no row: none open).
CREATE FUNCTION hosho.company_worst_rank(p_on date, p_companies bigint[])
RETURNS TABLE (company_id bigint, worst int, guarantees int, amount_overdue bigint, balance bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT d.company_id, max(r.sort), count(*)::int, sum(e.amount_overdue)::bigint, sum(e.balance)::bigint
	  FROM hosho.delinquency d
	  CROSS JOIN LATERAL (SELECT x.rank_code, x.amount_overdue, x.balance FROM hosho.delinquency_event x
	                       WHERE x.delinquency_id = d.delinquency_id AND x.reported_on <= p_on
	                       ORDER BY x.reported_on DESC, x.event_id DESC LIMIT 1) e
	  JOIN hosho.delinquency_rank r ON r.rank_code = e.rank_code
	 WHERE d.company_id = ANY (p_companies) AND d.opened_on <= p_on AND (d.closed_on IS NULL OR d.closed_on > p_on)
	 GROUP BY d.company_id
$$;

-- 業況悪化懸念先: companies whose worst rank at the end of p_month's month
-- is worse than at the end of the month before.
CREATE FUNCTION hosho.deteriorating_companies(p_month date)
RETURNS TABLE (company_id bigint, company_name text, guarantees int, rank_before text, rank_now text,
	amount_overdue bigint, balance bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp SET jit = off AS $$
DECLARE
	m date := date_trunc('month', p_month)::date;
	secs text[] := hosho.my_sections();
	moved bigint[];
BEGIN
	PERFORM hosho.require_staff();
	-- only companies reported on in the month can have moved
	SELECT array_agg(DISTINCT d.company_id) INTO moved
	  FROM hosho.delinquency_event e JOIN hosho.delinquency d USING (delinquency_id)
	 WHERE e.reported_on >= m AND e.reported_on < (m + interval '1 month')::date AND d.section_code = ANY (secs);
	RETURN QUERY
	WITH now_ AS (SELECT w.* FROM hosho.company_worst_rank(((m + interval '1 month')::date - 1), moved) w),
	before_ AS (SELECT w.* FROM hosho.company_worst_rank(m - 1, moved) w)
	SELECT n.company_id, co.name, n.guarantees, rb.name, rn.name, n.amount_overdue, n.balance
	  FROM now_ n
	  LEFT JOIN before_ b ON b.company_id = n.company_id
	  JOIN hosho.company co ON co.company_id = n.company_id
	  JOIN hosho.delinquency_rank rn ON rn.sort = n.worst
	  LEFT JOIN hosho.delinquency_rank rb ON rb.sort = b.worst
	 WHERE n.worst > coalesce(b.worst, 0)
	 ORDER BY n.worst DESC, n.amount_overdue DESC, n.company_id;
END
$$;

-- ===========================================================================
-- 5. Unpaid fees, late fee, early payoff
-- ===========================================================================
-- 延滞保証料 on p_amount from p_from to p_to at the rule's yearly rate, 365
-- days a year, truncated below one yen.
CREATE FUNCTION hosho.late_fee_amount(p_amount bigint, p_from date, p_to date) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT p_amount * greatest(p_to - p_from, 0)
	       * (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'late_fee_rate_bp') / (10000 * 365)
$$;

-- The late fee of a fee part: p_amount from p_due to p_until, less
-- p_paid_yen_days (each 分割納入 installment × the days from its receipt to
-- p_until), at p_rate_bp a year of 365 days. One product divided once:
-- truncation happens once.
CREATE FUNCTION hosho.late_fee_of(p_amount bigint, p_due date, p_until date, p_paid_yen_days bigint, p_rate_bp int)
RETURNS bigint
-- no SET clause: inlined into the unpaid-fee table's query
LANGUAGE sql IMMUTABLE AS $$
	SELECT greatest((p_amount * greatest(p_until - p_due, 0) - coalesce(p_paid_yen_days, 0)) * p_rate_bp / (10000 * 365), 0)
$$;

-- The yen-days a part's plan installments received by p_until stopped
-- accruing (the base late_fee_of subtracts).
CREATE FUNCTION hosho.plan_paid_yen_days(p_guarantee_id bigint, p_part int, p_due date, p_until date) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT coalesce(sum(i.amount * greatest(p_until - greatest(i.received_on, p_due), 0)), 0)::bigint
	  FROM hosho.unpaid_fee_plan i
	 WHERE i.guarantee_id = p_guarantee_id AND i.part = p_part AND i.received_on <= p_until
$$;

-- The late fee of one fee part on p_on: on the part from its due date to
-- its receipt (or p_on), less each 分割納入 installment from its receipt.
CREATE FUNCTION hosho.part_late_fee(p_guarantee_id bigint, p_part int, p_on date) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT hosho.late_fee_of(f.amount, f.due_on, u.until,
	                         hosho.plan_paid_yen_days(f.guarantee_id, f.part, f.due_on, u.until),
	                         (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'late_fee_rate_bp')::int)
	  FROM hosho.fee_receipt f
	  CROSS JOIN LATERAL (SELECT least(coalesce(f.received_on, p_on), p_on) AS until) u
	 WHERE f.guarantee_id = p_guarantee_id AND f.part = p_part
$$;

CREATE FUNCTION hosho.late_fee(p_guarantee_id bigint, p_part int, p_on date) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	f hosho.fee_receipt;
	rate int := (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'late_fee_rate_bp');
	until date;
	lines jsonb;
BEGIN
	PERFORM hosho.require_staff();
	SELECT * INTO f FROM hosho.fee_receipt x WHERE x.guarantee_id = p_guarantee_id AND x.part = p_part;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証料は見つからないか、担当範囲外です。';
	END IF;
	until := least(coalesce(f.received_on, p_on), p_on);
	lines := jsonb_build_array(format('%s × 年%s × %s日（%s～%s）/365', hosho.yen_figure(f.amount), hosho.rate_text(rate),
		greatest(until - f.due_on, 0), f.due_on, until))
		|| coalesce((SELECT jsonb_agg(format('− 分割納入 %s × 年%s × %s日（%s入金）/365', hosho.yen_figure(i.amount),
		                                     hosho.rate_text(rate), greatest(until - greatest(i.received_on, f.due_on), 0),
		                                     i.received_on) ORDER BY i.seq)
		               FROM hosho.unpaid_fee_plan i
		              WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part AND i.received_on <= p_on), '[]');
	RETURN jsonb_build_object('guarantee_id', f.guarantee_id, 'part', f.part, 'base', f.amount, 'rate_bp', rate,
		'days', greatest(until - f.due_on, 0), 'amount', hosho.part_late_fee(f.guarantee_id, f.part, p_on),
		'arithmetic', lines || jsonb_build_array(format('延滞保証料 %s',
			hosho.yen_figure(hosho.part_late_fee(f.guarantee_id, f.part, p_on)))));
END
$$;

-- The unpaid part p_part locked, refusing one received or not yet due.
CREATE FUNCTION hosho.unpaid_part_lock(p_guarantee_id bigint, p_part int) RETURNS hosho.fee_receipt
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	f hosho.fee_receipt;
BEGIN
	SELECT * INTO f FROM hosho.fee_receipt x WHERE x.guarantee_id = p_guarantee_id AND x.part = p_part FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証料は見つからないか、担当範囲外です。';
	END IF;
	IF f.received_on IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = format('この保証料は%sに入金済みです。', f.received_on);
	END IF;
	RETURN f;
END
$$;

-- The cause of an unpaid part and the remedy chosen (借換: the new guarantee).
CREATE FUNCTION hosho.unpaid_fee_cause_save(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	f hosho.fee_receipt;
	old hosho.unpaid_fee_case;
	remedy text := p->>'remedy';
	refi bigint := (p->>'refinanced_by')::bigint;
	r jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'unpaid_fee_cause_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	f := hosho.unpaid_part_lock((p->>'guarantee_id')::bigint, (p->>'part')::int);
	SELECT * INTO old FROM hosho.unpaid_fee_case x WHERE x.guarantee_id = f.guarantee_id AND x.part = f.part FOR UPDATE;
	IF old.version IS DISTINCT FROM (p->>'version')::int THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '他の担当者が先に更新しました。最新を読み直してください。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'unpaid_fee_cause' AND i.code = p->>'cause_code') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'cause_code', MESSAGE = '未収の原因を選んでください。';
	END IF;
	IF remedy IS NOT NULL AND remedy NOT IN ('installments', 'refinance') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'remedy', MESSAGE = '対応策が正しくありません。';
	END IF;
	IF (remedy = 'refinance') <> (refi IS NOT NULL)
	   OR refi IS NOT NULL AND NOT EXISTS (SELECT FROM hosho.guarantee g JOIN hosho.guarantee o ON o.guarantee_id = f.guarantee_id
	                                        WHERE g.guarantee_id = refi AND g.company_id = o.company_id AND g.guarantee_id <> o.guarantee_id) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'refinanced_by',
			MESSAGE = '借換では、同じ企業の借換後の保証を指定します。';
	END IF;
	INSERT INTO hosho.unpaid_fee_case AS x (guarantee_id, part, cause_code, note, remedy, refinanced_by)
	VALUES (f.guarantee_id, f.part, p->>'cause_code', p->>'note', remedy, refi)
	ON CONFLICT (guarantee_id, part) DO UPDATE SET cause_code = excluded.cause_code, note = excluded.note,
		remedy = excluded.remedy, refinanced_by = excluded.refinanced_by;
	SELECT to_jsonb(x) INTO r FROM hosho.unpaid_fee_case x WHERE x.guarantee_id = f.guarantee_id AND x.part = f.part;
	PERFORM hosho.log_access('change', 'unpaid_fee', f.guarantee_id || '-' || f.part,
		hosho.json_changes(to_jsonb(old), r));
	RETURN hosho.request_answer(p_request_id, r);
END
$$;

-- 分割納入: the installments of an unpaid part (their sum is the part);
-- replaces a plan of which nothing was received.
CREATE FUNCTION hosho.unpaid_fee_plan_save(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	f hosho.fee_receipt;
	total bigint;
	bad int;
	r jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'unpaid_fee_plan_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	f := hosho.unpaid_part_lock((p->>'guarantee_id')::bigint, (p->>'part')::int);
	IF EXISTS (SELECT FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part
	                                                AND i.received_on IS NOT NULL) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '入金のある分割納入は変更できません。';
	END IF;
	SELECT sum(i.amount), count(*) FILTER (WHERE i.amount IS NULL OR i.amount <= 0 OR i.due_on IS NULL)
	  INTO total, bad
	  FROM jsonb_to_recordset(coalesce(p->'items', '[]')) i(due_on date, amount bigint);
	IF bad > 0 OR total IS DISTINCT FROM f.amount THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'items',
			MESSAGE = format('分割納入の各回は期日と1円以上の金額を入れ、合計を%sにしてください。', hosho.yen_figure(f.amount));
	END IF;
	DELETE FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part;
	INSERT INTO hosho.unpaid_fee_plan (guarantee_id, part, seq, due_on, amount)
	SELECT f.guarantee_id, f.part, row_number() OVER (ORDER BY i.due_on, i.ord), i.due_on, i.amount
	  FROM ROWS FROM (jsonb_to_recordset(p->'items') AS (due_on date, amount bigint)) WITH ORDINALITY i(due_on, amount, ord);
	INSERT INTO hosho.unpaid_fee_case AS x (guarantee_id, part, remedy) VALUES (f.guarantee_id, f.part, 'installments')
	ON CONFLICT (guarantee_id, part) DO UPDATE SET remedy = 'installments', refinanced_by = NULL;
	SELECT jsonb_build_object('guarantee_id', f.guarantee_id, 'part', f.part,
		'items', jsonb_agg(jsonb_build_object('seq', i.seq, 'due_on', i.due_on, 'amount', i.amount) ORDER BY i.seq))
	  INTO r FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part;
	PERFORM hosho.log_access('change', 'unpaid_fee', f.guarantee_id || '-' || f.part,
		jsonb_build_object('new', jsonb_build_object('installments', r->'items')));
	RETURN hosho.request_answer(p_request_id, r);
END
$$;

-- A fee part (p_seq NULL) or one installment of its plan received; the
-- last installment receives the part.
CREATE FUNCTION hosho.fee_receive(p_guarantee_id bigint, p_part int, p_seq int, p_received_on date,
	p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	f hosho.fee_receipt;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'fee_receive');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	f := hosho.unpaid_part_lock(p_guarantee_id, p_part);
	IF p_received_on IS NULL OR p_received_on > current_date THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'received_on', MESSAGE = '入金日（今日以前）を入力してください。';
	END IF;
	IF p_seq IS NULL THEN
		IF EXISTS (SELECT FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part) THEN
			RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '分割納入の保証料は各回の入金を記録します。';
		END IF;
		UPDATE hosho.fee_receipt x SET received_on = p_received_on WHERE x.guarantee_id = f.guarantee_id AND x.part = f.part;
	ELSE
		UPDATE hosho.unpaid_fee_plan i SET received_on = p_received_on
		 WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part AND i.seq = p_seq AND i.received_on IS NULL;
		IF NOT FOUND THEN
			RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = 'この回は見つからないか、入金済みです。';
		END IF;
		UPDATE hosho.fee_receipt x SET received_on = p_received_on
		 WHERE x.guarantee_id = f.guarantee_id AND x.part = f.part
		   AND NOT EXISTS (SELECT FROM hosho.unpaid_fee_plan i
		                    WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part AND i.received_on IS NULL);
	END IF;
	PERFORM hosho.log_access('change', 'unpaid_fee', f.guarantee_id || '-' || f.part,
		jsonb_build_object('old', jsonb_build_object('received_on', NULL::date),
			'new', jsonb_strip_nulls(jsonb_build_object('received_on', p_received_on, 'installment', p_seq))));
	RETURN hosho.request_answer(p_request_id,
		(SELECT to_jsonb(x) FROM hosho.fee_receipt x WHERE x.guarantee_id = f.guarantee_id AND x.part = f.part));
END
$$;

-- Why no refund is due to the company of g on p_on (fee_refund's blocked
-- reason), or NULL.
CREATE FUNCTION hosho.refund_blocked_reason(g hosho.guarantee, p_on date) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT CASE
	WHEN EXISTS (SELECT FROM hosho.guarantee o WHERE o.company_id = g.company_id AND o.state = 'subrogated')
		THEN '代位弁済済みの保証あり'
	WHEN EXISTS (SELECT FROM hosho.guarantee o JOIN hosho.fee_receipt f ON f.guarantee_id = o.guarantee_id
	              WHERE o.company_id = g.company_id AND f.received_on IS NULL AND f.due_on <= p_on)
		THEN '未収保証料あり'
	END
$$;

-- 返戻保証料 on early payoff of g on p_on, by 060's rules on the
-- guaranteed balance before payoff.
CREATE FUNCTION hosho.payoff_refund_rows(g hosho.guarantee, p_on date)
RETURNS TABLE (ok boolean, code text, message text, amount bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT r.ok, r.code, r.message, r.amount
	  FROM hosho.fee_refund(g.repayment,
	         g.balance * coalesce((SELECT c.guaranteed_share_pct FROM hosho.certificate c WHERE c.guarantee_id = g.guarantee_id), 100) / 100,
	         g.rate_bp,
	         (SELECT count(*)::int FROM hosho.repayment_schedule s WHERE s.guarantee_id = g.guarantee_id AND s.due_on > p_on),
	         g.executed_on, g.maturity_on, p_on, hosho.refund_blocked_reason(g, p_on)) r
$$;

CREATE FUNCTION hosho.payoff_refund(p_guarantee_id bigint, p_paid_off_on date)
RETURNS TABLE (ok boolean, code text, message text, amount bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
BEGIN
	PERFORM hosho.require_staff();
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = p_guarantee_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証案件は見つからないか、担当範囲外です。';
	END IF;
	RETURN QUERY SELECT * FROM hosho.payoff_refund_rows(g, p_paid_off_on);
END
$$;

-- 完済: executed → repaid on p_on, the refund recorded payable to the bank,
-- the open delinquency closed. Internal (the import's apply and
-- guarantee_payoff call it); returns the refund {code, amount, lines}.
CREATE FUNCTION hosho.payoff_apply(p_guarantee_id bigint, p_paid_off_on date, p_source text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
	verdict record;
	lines jsonb;
	d hosho.delinquency;
BEGIN
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = p_guarantee_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証案件は見つからないか、担当範囲外です。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.guarantee_transition t WHERE t.action = 'payoff' AND t.from_state = g.state) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = format('「%s」の案件は完済にできません。',
			hosho.code_label('guarantee_state', g.state));
	END IF;
	IF p_paid_off_on IS NULL OR p_paid_off_on < g.executed_on THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'paid_off_on',
			MESSAGE = format('完済日は実行日%s以後の日付です。', g.executed_on);
	END IF;
	SELECT jsonb_agg(r.message) INTO lines FROM hosho.payoff_refund_rows(g, p_paid_off_on) r;
	SELECT r.code, r.amount INTO verdict FROM hosho.payoff_refund_rows(g, p_paid_off_on) r WHERE r.code <> 'segment';
	IF verdict.code = 'refund' THEN
		INSERT INTO hosho.fee_refund_payable (guarantee_id, kind, bank_code, amount, computed_on, lines)
		VALUES (g.guarantee_id, 'payoff', g.bank_code, verdict.amount, p_paid_off_on, lines);
	END IF;
	SELECT * INTO d FROM hosho.delinquency x WHERE x.guarantee_id = g.guarantee_id AND x.closed_on IS NULL FOR UPDATE;
	IF FOUND THEN
		-- the balance before payoff stays on the record: an accident's 事故調整額
		UPDATE hosho.delinquency x SET closed_on = greatest(p_paid_off_on, x.reported_on), close_reason = 'repaid'
		 WHERE x.delinquency_id = d.delinquency_id;
		INSERT INTO hosho.delinquency_event (delinquency_id, guarantee_id, reported_on, months_overdue, amount_overdue,
			balance, accident, rank_code, closed, source)
		VALUES (d.delinquency_id, d.guarantee_id, greatest(p_paid_off_on, d.reported_on), 0, 0, 0,
			d.accident_on IS NOT NULL, d.rank_code, true, 'payoff');
	END IF;
	UPDATE hosho.guarantee x SET state = hosho.transition_to('payoff', g.state), balance = 0
	 WHERE x.guarantee_id = g.guarantee_id;
	PERFORM hosho.guarantee_note(g, 'payoff', NULL, NULL,
		jsonb_build_object('paid_off_on', p_paid_off_on, 'refund_code', verdict.code, 'refund', verdict.amount,
			'source', p_source));
	RETURN jsonb_build_object('code', verdict.code, 'amount', verdict.amount, 'lines', lines);
END
$$;

CREATE FUNCTION hosho.guarantee_payoff(p_guarantee_id bigint, p_paid_off_on date, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	refund jsonb;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_payoff');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	refund := hosho.payoff_apply(p_guarantee_id, p_paid_off_on, 'clerk');
	RETURN hosho.request_answer(p_request_id,
		hosho.guarantee_record(p_guarantee_id) || jsonb_build_object('refund', refund));
END
$$;

-- Refunds not yet paid to a bank (NULL: every bank in scope).
CREATE FUNCTION hosho.fee_refunds_payable(p_bank text)
RETURNS TABLE (refund_id bigint, guarantee_id bigint, company_name text, bank_code text, bank_name text, kind text,
	kind_name text, amount bigint, computed_on date, paid_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT f.refund_id, f.guarantee_id, co.name, f.bank_code::text, b.name, f.kind,
	       hosho.code_label('fee_refund_kind', f.kind), f.amount, f.computed_on, f.paid_on
	  FROM hosho.fee_refund_payable f
	  JOIN hosho.guarantee g ON g.guarantee_id = f.guarantee_id
	  JOIN hosho.company co ON co.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = f.bank_code
	 WHERE f.paid_on IS NULL AND (p_bank IS NULL OR f.bank_code = p_bank)
	 ORDER BY b.sort, f.computed_on, f.refund_id;
END
$$;

-- ===========================================================================
-- 6. Reports
-- ===========================================================================
-- The report functions below read the whole book: owned by hosho_report,
-- which bypasses row security, they filter by the caller's sections
-- themselves (hosho.my_sections(), as the policies do) so that the
-- planner joins 75,000 delinquencies to their guarantees by key instead of
-- hashing 2.5M guarantees for each policy (tests/bench/midterm). JIT off:
-- compiling their plans cost more (0.6 s) than running them.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hosho_report') THEN
		CREATE ROLE hosho_report NOLOGIN BYPASSRLS;
	END IF;
END
$$;

-- The delinquency records open on p_on in a level's scope within the
-- caller's sections, with the rank, balance and amount overdue of their
-- last report on or before p_on (today and later: the record's own,
-- without reading the reports).
CREATE FUNCTION hosho.delinquency_on(p_level text, p_code text, p_on date)
RETURNS TABLE (delinquency_id bigint, company_id bigint, rank_code text, balance bigint, amount_overdue bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp SET jit = off AS $$
DECLARE
	secs text[] := hosho.my_sections();
BEGIN
	PERFORM hosho.require_staff();
	IF p_level NOT IN ('corporation', 'office', 'bank') OR p_level <> 'corporation' AND p_code IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'level', MESSAGE = '集計の単位（協会・事務所・金融機関）を選んでください。';
	END IF;
	IF p_on >= current_date THEN
		RETURN QUERY SELECT d.delinquency_id, d.company_id, d.rank_code, d.balance, d.amount_overdue
		  FROM hosho.delinquency d
		 WHERE d.closed_on IS NULL AND d.section_code = ANY (secs)
		   AND (p_level = 'corporation' OR p_level = 'office' AND d.section_code LIKE p_code || '%'
		        OR p_level = 'bank' AND d.bank_code = p_code);
	ELSE
		RETURN QUERY SELECT d.delinquency_id, d.company_id, e.rank_code, e.balance, e.amount_overdue
		  FROM hosho.delinquency d
		  CROSS JOIN LATERAL (SELECT x.rank_code, x.balance, x.amount_overdue FROM hosho.delinquency_event x
		                       WHERE x.delinquency_id = d.delinquency_id AND x.reported_on <= p_on
		                       ORDER BY x.reported_on DESC, x.event_id DESC LIMIT 1) e
		 WHERE d.opened_on <= p_on AND (d.closed_on IS NULL OR d.closed_on > p_on) AND d.section_code = ANY (secs)
		   AND (p_level = 'corporation' OR p_level = 'office' AND d.section_code LIKE p_code || '%'
		        OR p_level = 'bank' AND d.bank_code = p_code);
	END IF;
END
$$;

-- 延滞・事故保証債務ランク別実態報告書: one row per rank, zeros included.
CREATE FUNCTION hosho.rank_report(p_level text, p_code text, p_on date)
RETURNS TABLE (rank_code text, rank_name text, sort int, guarantees bigint, companies bigint, balance bigint,
	amount_overdue bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT r.rank_code, r.name, r.sort, count(o.delinquency_id), count(DISTINCT o.company_id),
	       coalesce(sum(o.balance), 0)::bigint, coalesce(sum(o.amount_overdue), 0)::bigint
	  FROM hosho.delinquency_rank r
	  LEFT JOIN hosho.delinquency_on(p_level, p_code, coalesce(p_on, current_date)) o ON o.rank_code = r.rank_code
	 GROUP BY r.rank_code, r.name, r.sort
	 ORDER BY r.sort;
END
$$;

-- The same as CSV lines for the bank (the client writes them in CP932 and
-- logs the export).
CREATE FUNCTION hosho.rank_report_csv(p_level text, p_code text, p_on date) RETURNS TABLE (line text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT 'ランク,区分,件数,企業数,保証債務残高,延滞額'
	UNION ALL
	SELECT x.line FROM (SELECT concat_ws(',', r.rank_code, r.rank_name, r.guarantees, r.companies, r.balance,
	                                     r.amount_overdue) AS line, r.sort
	                      FROM hosho.rank_report(p_level, p_code, p_on) r ORDER BY r.sort) x;
END
$$;

-- 事故受付・事故残高・事故調整額累計 of a fiscal year (April to March; the
-- current year up to today), in the caller's scope.
CREATE FUNCTION hosho.accident_figures(p_fiscal_year int)
RETURNS TABLE (fiscal_year int, received_count bigint, received_amount bigint, balance_count bigint,
	balance_amount bigint, adjusted_count bigint, adjusted_amount bigint)
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
	                0)::bigint
	  FROM a;
END
$$;

-- The unpaid fee parts on p_on (due before it, not received), by office
-- and bank (NULL: all in scope).
-- The unpaid parts are a few thousand of millions: each is joined to its
-- guarantee by key (a hash join would read every guarantee).
CREATE FUNCTION hosho.unpaid_fee_rows(p_office text, p_bank text, p_on date)
RETURNS TABLE (guarantee_id bigint, part int, company_id bigint, bank_code text, office_code text, due_on date,
	amount bigint, received bigint, late_fee bigint, cause_code text, remedy text, refinanced_by bigint, plan_count int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp
SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off AS $$
DECLARE
	secs text[] := hosho.my_sections();
	rate int := (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'late_fee_rate_bp');
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY
	WITH f AS MATERIALIZED (   -- first the unpaid parts (fee_receipt_unpaid_idx), then their guarantees
		SELECT x.guarantee_id, x.part, x.due_on, x.amount FROM hosho.fee_receipt x
		 WHERE x.received_on IS NULL AND x.due_on < p_on)
	SELECT f.guarantee_id, f.part, g.company_id, g.bank_code::text, left(g.section_code, 2), f.due_on,
	       f.amount, coalesce(pl.received, 0)::bigint,
	       hosho.late_fee_of(f.amount, f.due_on, p_on, pl.paid_yen_days, rate), uc.cause_code, uc.remedy,
	       uc.refinanced_by, coalesce(pl.n, 0)::int
	  FROM f
	  JOIN hosho.guarantee g ON g.guarantee_id = f.guarantee_id
	  LEFT JOIN hosho.unpaid_fee_case uc ON uc.guarantee_id = f.guarantee_id AND uc.part = f.part
	  LEFT JOIN LATERAL (SELECT count(*) AS n, sum(i.amount) FILTER (WHERE i.received_on <= p_on) AS received,
	                            hosho.plan_paid_yen_days(f.guarantee_id, f.part, f.due_on, p_on) AS paid_yen_days
	                       FROM hosho.unpaid_fee_plan i WHERE i.guarantee_id = f.guarantee_id AND i.part = f.part
	                     HAVING count(*) > 0) pl ON true
	 WHERE g.section_code = ANY (secs)
	   AND (p_office IS NULL OR g.section_code LIKE p_office || '%')
	   AND (p_bank IS NULL OR g.bank_code = p_bank);
END
$$;

CREATE FUNCTION hosho.unpaid_fees(p_office text, p_bank text, p_on date)
RETURNS TABLE (guarantee_id bigint, part int, company_id bigint, company_name text, bank_code text, bank_name text,
	office_code text, office_name text, due_on date, amount bigint, received bigint, remaining bigint,
	days_overdue int, late_fee bigint, cause_code text, cause_name text, remedy text, remedy_name text,
	refinanced_by bigint, plan_count int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	on_date date := coalesce(p_on, current_date);
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT u.guarantee_id, u.part, u.company_id, co.name, u.bank_code, b.name, u.office_code, o.name,
	       u.due_on, u.amount, u.received, u.amount - u.received, on_date - u.due_on, u.late_fee, u.cause_code,
	       hosho.code_label('unpaid_fee_cause', u.cause_code), u.remedy, hosho.code_label('unpaid_fee_remedy', u.remedy),
	       u.refinanced_by, u.plan_count
	  FROM hosho.unpaid_fee_rows(p_office, p_bank, on_date) u
	  JOIN hosho.company co ON co.company_id = u.company_id
	  JOIN hosho.bank b ON b.bank_code = u.bank_code
	  JOIN hosho.office o ON o.office_code = u.office_code
	 ORDER BY o.sort, b.sort, u.due_on, u.guarantee_id, u.part;
END
$$;

-- 未収保証料状況表: by office and bank, office subtotals and the total.
CREATE FUNCTION hosho.unpaid_fee_table(p_on date)
RETURNS TABLE (level text, office_code text, office_name text, bank_code text, bank_name text, cases bigint,
	companies bigint, amount bigint, remaining bigint, late_fee bigint, with_cause bigint, installments bigint,
	refinanced bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT CASE WHEN grouping(u.office_code) = 1 THEN 'total'
	                         WHEN grouping(u.bank_code) = 1 THEN 'office' ELSE 'bank' END,
	       u.office_code, min(o.name), u.bank_code, min(b.name), count(*), count(DISTINCT u.company_id),
	       sum(u.amount)::bigint, sum(u.amount - u.received)::bigint, sum(u.late_fee)::bigint,
	       count(*) FILTER (WHERE u.cause_code IS NOT NULL), count(*) FILTER (WHERE u.remedy = 'installments'),
	       count(*) FILTER (WHERE u.remedy = 'refinance')
	  FROM hosho.unpaid_fee_rows(NULL, NULL, coalesce(p_on, current_date)) u
	  JOIN hosho.office o ON o.office_code = u.office_code
	  JOIN hosho.bank b ON b.bank_code = u.bank_code
	 GROUP BY GROUPING SETS ((u.office_code, u.bank_code), (u.office_code), ())
	 ORDER BY grouping(u.office_code), min(o.sort), grouping(u.bank_code), min(b.sort);
END
$$;

-- ===========================================================================
-- 7. Row security, ownership, privileges
-- ===========================================================================
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['delinquency', 'delinquency_event', 'delinquency_plan', 'condition_change',
	                         'repayment_schedule_version', 'unpaid_fee_case', 'unpaid_fee_plan',
	                         'fee_refund_payable'] LOOP
		EXECUTE format('ALTER TABLE hosho.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY %I ON hosho.%I USING (EXISTS (SELECT FROM hosho.guarantee g '
			'WHERE g.guarantee_id = %I.guarantee_id)) WITH CHECK (EXISTS (SELECT FROM hosho.guarantee g '
			'WHERE g.guarantee_id = %I.guarantee_id))', t || '_scope', t, t, t);
		EXECUTE format('ALTER TABLE hosho.%I OWNER TO hosho_owner', t);
		EXECUTE format('GRANT SELECT ON hosho.%I TO hosho_staff', t);
	END LOOP;
END
$$;
ALTER TABLE hosho.delinquency_rank OWNER TO hosho_owner;
GRANT SELECT ON hosho.delinquency_rank TO hosho_staff;

-- Everything made here belongs to hosho_owner; nothing is PUBLIC's.
DO $$
DECLARE
	o record;
BEGIN
	FOR o IN SELECT p.oid::regprocedure AS name, pg_get_userbyid(p.proowner) AS owner FROM pg_proc p
	          WHERE p.pronamespace = 'hosho'::regnamespace LOOP
		IF o.owner NOT IN ('hosho_owner', 'hosho_search', 'hosho_staff_keeper', 'hosho_ledger', 'hosho_report') THEN
			EXECUTE format('ALTER FUNCTION %s OWNER TO hosho_owner', o.name);
		END IF;
		EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', o.name);
	END LOOP;
END
$$;

-- The report role reads what its functions read, and nothing else.
GRANT USAGE ON SCHEMA hosho TO hosho_report;
GRANT SELECT ON hosho.guarantee, hosho.delinquency, hosho.delinquency_event, hosho.fee_receipt, hosho.unpaid_fee_case,
	hosho.unpaid_fee_plan, hosho.rule_param TO hosho_report;
GRANT EXECUTE ON FUNCTION hosho.require_staff(), hosho.my_sections(), hosho.late_fee_of(bigint, date, date, bigint, int),
	hosho.plan_paid_yen_days(bigint, int, date, date) TO hosho_report;
ALTER FUNCTION hosho.delinquency_on(text, text, date) OWNER TO hosho_report;
ALTER FUNCTION hosho.unpaid_fee_rows(text, text, date) OWNER TO hosho_report;
ALTER FUNCTION hosho.accident_figures(int) OWNER TO hosho_report;
ALTER FUNCTION hosho.delinquency_list(jsonb) OWNER TO hosho_report;
ALTER FUNCTION hosho.new_delinquencies(date) OWNER TO hosho_report;
ALTER FUNCTION hosho.deteriorating_companies(date) OWNER TO hosho_report;
GRANT SELECT ON hosho.company, hosho.bank, hosho.office, hosho.delinquency_rank, hosho.delinquency_plan, hosho.code_item
	TO hosho_report;
GRANT EXECUTE ON FUNCTION hosho.code_label(text, text), hosho.company_worst_rank(date, bigint[]) TO hosho_report;
GRANT EXECUTE ON FUNCTION hosho.delinquency_on(text, text, date), hosho.unpaid_fee_rows(text, text, date)
	TO hosho_owner;

GRANT EXECUTE ON FUNCTION hosho.condition_change_get(bigint), hosho.condition_change_document(bigint),
	hosho.condition_change_queue(), hosho.condition_change_list(bigint),
	hosho.delinquency_get(bigint), hosho.delinquency_list(jsonb), hosho.plans_due(),
	hosho.new_delinquencies(date), hosho.deteriorating_companies(date),
	hosho.rank_report(text, text, date), hosho.rank_report_csv(text, text, date), hosho.accident_figures(int),
	hosho.unpaid_fees(text, text, date), hosho.unpaid_fee_table(date), hosho.late_fee(bigint, int, date),
	hosho.late_fee_amount(bigint, date, date), hosho.payoff_refund(bigint, date), hosho.fee_refunds_payable(text)
	TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.condition_change_preview(jsonb), hosho.condition_change_request(jsonb, uuid),
	hosho.condition_change_withdraw(bigint, int, uuid), hosho.delinquency_report(jsonb, uuid),
	hosho.delinquency_plan_save(jsonb, uuid), hosho.subrogation_expected_request(bigint, int, text, uuid),
	hosho.unpaid_fee_cause_save(jsonb, uuid), hosho.unpaid_fee_plan_save(jsonb, uuid),
	hosho.fee_receive(bigint, int, int, date, uuid), hosho.guarantee_payoff(bigint, date, uuid)
	TO hosho_clerk, hosho_supervisor;
GRANT EXECUTE ON FUNCTION hosho.condition_change_decide(bigint, int, boolean, text, text, uuid) TO hosho_supervisor;
