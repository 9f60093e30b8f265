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
	('guarantee_action', 'subrogation_expected', '事故管理方針（代位弁済見込）', 24);

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
