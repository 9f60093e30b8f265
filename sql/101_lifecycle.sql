-- 101_lifecycle.sql — the guarantee lifecycle: applied → under_review →
-- submitted → approved | rejected | withdrawn → issued → executed, issued →
-- lapsed; one SECURITY DEFINER function per transition (doc/lifecycle.md).
--
--   1. the case's new columns, the states, the exposure on approved_amount
--   2. code lists, transitions as data, the history (append-only)
--   3. decision authority as data; the corporation and its ceiling
--   4. the watch list (反社)
--   5. certificate, insurance notice, fee receipts, repayment schedule
--   6. the transitions
--   7. lists for the screens
--   8. row security, ownership, privileges
--
-- Error codes (as 090): HS403 not allowed (duty, scope, four eyes,
-- authority), HS404 no such case in the caller's scope, HS409 conflict (a
-- stale version, an illegal transition, a held case), HS422 a refused
-- value (COLUMN names the field).

-- ===========================================================================
-- 1. The case: three amounts, the review, the decision, the hold
-- ===========================================================================
-- The old single amount was "requested, then approved": it is the request;
-- for the cases already past approval it is the approved amount too, and
-- for executed ones the executed amount.
ALTER TABLE hosho.guarantee RENAME COLUMN amount TO requested_amount;
ALTER TABLE hosho.guarantee RENAME CONSTRAINT guarantee_amount_check TO guarantee_requested_amount_check;
ALTER TABLE hosho.guarantee
	ADD COLUMN approved_amount bigint CHECK (approved_amount > 0),
	ADD COLUMN executed_amount bigint CHECK (executed_amount > 0),
	ADD COLUMN proposed_amount bigint CHECK (proposed_amount > 0),
	ADD COLUMN hold text CHECK (hold IN ('antisocial')),
	ADD COLUMN collateral text,
	ADD COLUMN purpose_note text,
	ADD COLUMN bank_requested_on date,
	ADD COLUMN balloon_yen bigint CHECK (balloon_yen > 0),
	ADD COLUMN rate_basis text,
	ADD COLUMN collateral_discount boolean NOT NULL DEFAULT false,
	ADD COLUMN advisor_discount boolean NOT NULL DEFAULT false,
	ADD COLUMN review_note text,
	ADD COLUMN conditions text,
	ADD COLUMN fee_collection text NOT NULL DEFAULT 'lump' CHECK (fee_collection IN ('lump', 'split')),
	ADD COLUMN handled_by name,
	ADD COLUMN submitted_by name,
	ADD COLUMN submitted_at timestamptz,
	ADD COLUMN required_level text,
	ADD COLUMN decided_by name,
	ADD COLUMN decided_at timestamptz,
	ADD COLUMN reason_code text,
	ADD COLUMN reason text,
	ADD COLUMN valid_until date,
	ADD COLUMN first_repayment_on date,
	ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
	ADD COLUMN updated_by text NOT NULL DEFAULT session_user;
UPDATE hosho.guarantee SET
	approved_amount = CASE WHEN state IN ('approved', 'issued', 'executed', 'repaid', 'subrogated')
	                       THEN requested_amount END,
	executed_amount = CASE WHEN state IN ('executed', 'repaid', 'subrogated') THEN requested_amount END,
	proposed_amount = requested_amount;

-- The states: 'submitted' (決裁待ち) and 'lapsed' (失効) are new.
ALTER TABLE hosho.guarantee DROP CONSTRAINT guarantee_state_check,
	ADD CONSTRAINT guarantee_state_check CHECK (state IN ('applied', 'under_review', 'submitted', 'approved',
		'rejected', 'withdrawn', 'issued', 'executed', 'lapsed', 'repaid', 'subrogated'));
-- 040's checks on the single amount and on the states, restated.
ALTER TABLE hosho.guarantee DROP CONSTRAINT guarantee_check1,   -- balance <= amount
	DROP CONSTRAINT guarantee_check6,                             -- issued_on from issue
	DROP CONSTRAINT guarantee_check8,                             -- priced from approval
	ADD CONSTRAINT guarantee_balance_executed CHECK (balance <= coalesce(executed_amount, 0)),
	ADD CONSTRAINT guarantee_executed_approved CHECK (executed_amount <= approved_amount),
	ADD CONSTRAINT guarantee_approved_amount CHECK (state IN ('applied', 'under_review', 'submitted',
		'rejected', 'withdrawn') OR approved_amount IS NOT NULL),
	ADD CONSTRAINT guarantee_executed_amount CHECK (state NOT IN ('executed', 'repaid', 'subrogated')
		OR executed_amount IS NOT NULL),
	ADD CONSTRAINT guarantee_issued_on CHECK (state NOT IN ('issued', 'executed', 'lapsed', 'repaid',
		'subrogated') OR issued_on IS NOT NULL),
	ADD CONSTRAINT guarantee_priced CHECK (state IN ('applied', 'under_review', 'submitted', 'withdrawn',
		'rejected') OR rate_bp IS NOT NULL AND sharing IS NOT NULL),
	ADD CONSTRAINT guarantee_submitted_priced CHECK (state <> 'submitted' OR rate_bp IS NOT NULL
		AND required_level IS NOT NULL),
	ADD CONSTRAINT guarantee_balloon CHECK (balloon_yen IS NULL OR repayment IN ('equal', 'unequal')
		AND balloon_yen < requested_amount);

-- Exposure: the approved amount until execution, the balance after (040's
-- rule, on the amount the decision fixed). The index answers it alone.
DROP INDEX hosho.guarantee_company_live_idx;
CREATE INDEX guarantee_company_live_idx ON hosho.guarantee (company_id)
	INCLUDE (state, frame_code, scheme_code, use_of_funds, secured, guarantor, approved_amount, balance)
	WHERE state IN ('approved', 'issued', 'executed');
CREATE OR REPLACE FUNCTION hosho.guarantee_exposure(p_company_id bigint)
RETURNS SETOF hosho.exposure_item
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT g.frame_code, g.scheme_code, g.use_of_funds, g.secured, g.guarantor,
	       CASE WHEN g.state = 'executed' THEN g.balance ELSE g.approved_amount END
	  FROM hosho.guarantee g
	 WHERE g.company_id = p_company_id
	   AND g.state IN ('approved', 'issued', 'executed')
$$;
-- The lists of the screens read by state and by person.
CREATE INDEX guarantee_state_idx ON hosho.guarantee (state, section_code);
CREATE INDEX guarantee_handled_idx ON hosho.guarantee (handled_by, state);
-- Certificates to lapse: the batch reads issued cases by validity.
CREATE INDEX guarantee_valid_until_idx ON hosho.guarantee (valid_until) WHERE state = 'issued';

-- ===========================================================================
-- 2. Code lists, the transitions as data, the history
-- ===========================================================================
INSERT INTO hosho.code_item VALUES
	('guarantee_state', 'applied', '受付', 1),
	('guarantee_state', 'under_review', '審査中', 2),
	('guarantee_state', 'submitted', '決裁待ち', 3),
	('guarantee_state', 'approved', '承諾', 4),
	('guarantee_state', 'rejected', '謝絶', 5),
	('guarantee_state', 'withdrawn', '取下げ', 6),
	('guarantee_state', 'issued', '保証書発行', 7),
	('guarantee_state', 'executed', '実行', 8),
	('guarantee_state', 'lapsed', '失効', 9),
	('guarantee_state', 'repaid', '完済', 10),
	('guarantee_state', 'subrogated', '代位弁済', 11),
	('guarantee_hold', 'antisocial', '反社照会の確認待ち', 1),
	('guarantee_action', 'intake', '受付', 1),
	('guarantee_action', 'review_start', '審査開始', 2),
	('guarantee_action', 'review_save', '審査内容の保存', 3),
	('guarantee_action', 'submit', '決裁に回す', 4),
	('guarantee_action', 'approve', '承諾', 5),
	('guarantee_action', 'reject', '謝絶', 6),
	('guarantee_action', 'send_back', '差戻し', 7),
	('guarantee_action', 'withdraw', '取下げ', 8),
	('guarantee_action', 'issue', '保証書発行', 9),
	('guarantee_action', 'execute', '実行報告', 10),
	('guarantee_action', 'lapse', '失効', 11),
	('guarantee_action', 'hold', '反社照会で保留', 12),
	('guarantee_action', 'release', '保留解除', 13),
	('reject_reason', 'ineligible', '保証対象外', 1),
	('reject_reason', 'limit', '保証限度超過', 2),
	('reject_reason', 'financial', '財務内容', 3),
	('reject_reason', 'repayment', '返済能力', 4),
	('reject_reason', 'use_of_funds', '資金使途', 5),
	('reject_reason', 'accident', '既往保証の延滞・事故', 6),
	('reject_reason', 'antisocial', '反社会的勢力', 7),
	('reject_reason', 'other', 'その他', 9),
	('withdraw_reason', 'bank', '金融機関からの取下げ', 1),
	('withdraw_reason', 'company', '申込人の意向', 2),
	('withdraw_reason', 'proper', 'プロパー融資等で対応', 3),
	('withdraw_reason', 'antisocial', '反社会的勢力', 4),
	('withdraw_reason', 'other', 'その他', 9),
	('fee_collection', 'lump', '一括徴収', 1),
	('fee_collection', 'split', '分割徴収', 2),
	('watchlist_clearance', 'clear', '該当なしとして保留を解除', 1);

-- The legal transitions: anything else is refused.
CREATE TABLE hosho.guarantee_transition (
	action text NOT NULL,
	from_state text NOT NULL,
	to_state text NOT NULL,
	PRIMARY KEY (action, from_state)
);
INSERT INTO hosho.guarantee_transition VALUES
	('review_start', 'applied', 'under_review'),
	('review_save', 'under_review', 'under_review'),
	('submit', 'under_review', 'submitted'),
	('approve', 'submitted', 'approved'),
	('reject', 'submitted', 'rejected'),
	('send_back', 'submitted', 'under_review'),
	('withdraw', 'applied', 'withdrawn'),
	('withdraw', 'under_review', 'withdrawn'),
	('withdraw', 'submitted', 'withdrawn'),
	('withdraw', 'approved', 'withdrawn'),
	('issue', 'approved', 'issued'),
	('execute', 'issued', 'executed'),
	('lapse', 'issued', 'lapsed');

-- Who did what to a case, when, why, from which state to which. Written
-- only by the transitions (as hosho_owner); never changed.
CREATE TABLE hosho.guarantee_history (
	history_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	at timestamptz NOT NULL DEFAULT clock_timestamp(),
	staff name NOT NULL DEFAULT session_user,
	action text NOT NULL,
	state_before text,
	state_after text NOT NULL,
	reason_code text,
	reason text,
	detail jsonb
);
CREATE INDEX guarantee_history_case_idx ON hosho.guarantee_history (guarantee_id, at);

CREATE FUNCTION hosho.history_refuse() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = '履歴は変更も削除もできません。';
END
$$;
CREATE TRIGGER guarantee_history_append_only BEFORE UPDATE OR DELETE ON hosho.guarantee_history
	FOR EACH ROW EXECUTE FUNCTION hosho.history_refuse();
CREATE TRIGGER guarantee_history_no_truncate BEFORE TRUNCATE ON hosho.guarantee_history
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.history_refuse();

-- ===========================================================================
-- 3. Decision authority; the corporation and its ceiling
-- ===========================================================================
-- The levels of 決裁. applies_to: the kind of office whose cases a level
-- decides (課長 at head office, 支所長 at a branch; NULL: every case).
CREATE TABLE hosho.decision_level (
	level text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	rank int NOT NULL,
	applies_to text CHECK (applies_to IN ('head', 'branch'))
);
INSERT INTO hosho.decision_level VALUES
	('clerk', '担当者', 1, NULL),
	('section_head', '課長', 2, 'head'),
	('branch_head', '支所長', 3, 'branch'),
	('head_office', '保証統括課', 4, NULL);

-- The most each level approves, for every scheme (scheme_code NULL) or for
-- one scheme (that row wins). max_amount NULL: no limit. The brochure
-- gives no authority levels: these are the corporation's own (doc/lifecycle.md).
CREATE TABLE hosho.decision_limit (
	level text NOT NULL REFERENCES hosho.decision_level,
	scheme_code text REFERENCES hosho.scheme,
	max_amount bigint CHECK (max_amount >= 0),
	valid_from date NOT NULL,
	UNIQUE NULLS NOT DISTINCT (level, scheme_code, valid_from)
);
INSERT INTO hosho.decision_limit VALUES
	('clerk', NULL, 10000000, '2024-04-01'),
	('section_head', NULL, 50000000, '2024-04-01'),
	('branch_head', NULL, 80000000, '2024-04-01'),
	('head_office', NULL, NULL, '2024-04-01'),
	-- 特別小口: small, formulaic; a clerk may approve to its whole ceiling
	('clerk', 'pref_tokubetsu', 20000000, '2024-04-01'),
	-- 経営力強化: a business plan to judge; never by a clerk
	('clerk', 'keieiryoku', 0, '2024-04-01');

-- Which staff hold which level: their duty, their section's duty, their
-- office's kind (NULL: any). The highest matching rank is theirs.
CREATE TABLE hosho.decision_level_grant (
	duty name NOT NULL REFERENCES hosho.duty,
	section_duty text,
	office_kind text CHECK (office_kind IN ('head', 'branch')),
	level text NOT NULL REFERENCES hosho.decision_level,
	UNIQUE NULLS NOT DISTINCT (duty, section_duty, office_kind)
);
INSERT INTO hosho.decision_level_grant VALUES
	('hosho_clerk', 'guarantee', NULL, 'clerk'),
	('hosho_supervisor', 'guarantee', 'head', 'section_head'),
	('hosho_supervisor', 'guarantee', 'branch', 'branch_head'),
	('hosho_supervisor', 'policy', 'head', 'head_office');

-- The corporation as printed on certificates, and its ceiling: total
-- guarantee liability ≤ 基本財産 × 定款倍率 (brochure §3.3 item 15), dated.
CREATE TABLE hosho.corporation (
	valid_from date PRIMARY KEY,
	name text NOT NULL,
	address text NOT NULL,
	president text NOT NULL,
	basic_property_yen bigint NOT NULL CHECK (basic_property_yen > 0),
	ceiling_multiple numeric(5, 1) NOT NULL CHECK (ceiling_multiple > 0)
);
-- The president's name is not in the brochure: the operator adds a row
-- dated from the day it is known.
INSERT INTO hosho.corporation VALUES
	('2024-04-01', '岩手県信用保証協会', '〒020-0062 岩手県盛岡市長田町6番2号', '会長（氏名未登録）',
	 23924900531, 46.6);

INSERT INTO hosho.rule_param (param_code, int_value, text_value, name, source) VALUES
	('certificate_valid_days', 30, NULL, '保証書の有効期間（発行日から融資実行までの日数）',
	 'hosho design: 協会所定 (brochure gives none)');

-- ===========================================================================
-- 4. The watch list (反社会的勢力の照会リスト)
-- ===========================================================================
-- Names folded as company search folds them (search_fold), without spaces,
-- middle dots and legal-form words, so 「㈱黒岩興業」 meets 「黒岩 興業」.
CREATE FUNCTION hosho.watch_fold(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT regexp_replace(hosho.search_fold(p),
		'株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|カブシキガイシャ|カブシキカイシャ|ユウゲンガイシャ|ユウゲンカイシャ|[[:space:]・･]',
		'', 'g')
$$;

-- kind 'corporation' is screened against a company's name and reading,
-- 'person' against its representative's.
CREATE TABLE hosho.watchlist (
	entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('corporation', 'person')),
	name text NOT NULL CHECK (btrim(name) <> ''),
	reading text,
	name_fold text GENERATED ALWAYS AS (hosho.watch_fold(name)) STORED,
	reading_fold text GENERATED ALWAYS AS (hosho.watch_fold(reading)) STORED,
	note text,
	listed_on date NOT NULL DEFAULT current_date,
	active boolean NOT NULL DEFAULT true
);
CREATE INDEX watchlist_name_idx ON hosho.watchlist (kind, name_fold) WHERE active;
CREATE INDEX watchlist_reading_idx ON hosho.watchlist (kind, reading_fold) WHERE active;

-- The entries a company meets: by its name or reading, or its
-- representative's.
CREATE FUNCTION hosho.watchlist_hits(p_company_id bigint)
RETURNS TABLE (entry_id bigint, kind text, name text, matched text)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
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
	 ORDER BY w.entry_id
$$;

-- ===========================================================================
-- 5. Certificate, insurance notice, fee receipts, repayment schedule
-- ===========================================================================
CREATE SEQUENCE hosho.certificate_no_seq;
CREATE TABLE hosho.certificate (
	certificate_no text PRIMARY KEY,
	guarantee_id bigint NOT NULL UNIQUE REFERENCES hosho.guarantee,
	issued_on date NOT NULL,
	valid_until date NOT NULL CHECK (valid_until >= issued_on),
	electronic boolean NOT NULL,
	loan_amount bigint NOT NULL CHECK (loan_amount > 0),
	guaranteed_share_pct int NOT NULL CHECK (guaranteed_share_pct IN (80, 100)),
	guaranteed_amount bigint NOT NULL CHECK (guaranteed_amount > 0 AND guaranteed_amount <= loan_amount),
	sharing text NOT NULL CHECK (sharing IN ('partial80', 'full100')),
	rate_bp int NOT NULL,
	fee_yen bigint NOT NULL CHECK (fee_yen >= 0),
	fee_collection text NOT NULL CHECK (fee_collection IN ('lump', 'split')),
	issued_by name NOT NULL DEFAULT session_user,
	issued_at timestamptz NOT NULL DEFAULT now()
);

-- 信用保険通知: one row per issued guarantee, for 総務企画課 to send to JFC.
CREATE TABLE hosho.insurance_notice (
	notice_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	certificate_no text NOT NULL REFERENCES hosho.certificate,
	kind text NOT NULL CHECK (kind IN ('issue')),
	amount bigint NOT NULL,
	noted_on date NOT NULL,
	sent_on date,
	UNIQUE (guarantee_id, kind)
);
CREATE INDEX insurance_notice_unsent_idx ON hosho.insurance_notice (noted_on) WHERE sent_on IS NULL;

-- The fee as collected: part 1 at execution, the rest (分割徴収) yearly.
CREATE TABLE hosho.fee_receipt (
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	part int NOT NULL CHECK (part >= 1),
	due_on date NOT NULL,
	amount bigint NOT NULL CHECK (amount >= 0),
	received_on date,
	PRIMARY KEY (guarantee_id, part)
);

CREATE TABLE hosho.repayment_schedule (
	guarantee_id bigint NOT NULL REFERENCES hosho.guarantee,
	seq int NOT NULL CHECK (seq >= 1),
	due_on date NOT NULL,
	principal bigint NOT NULL CHECK (principal >= 0),
	balance_after bigint NOT NULL CHECK (balance_after >= 0),
	PRIMARY KEY (guarantee_id, seq)
);

-- ===========================================================================
-- 6. The transitions
-- ===========================================================================
-- A code's label (hosho.code_item), or the code itself.
CREATE FUNCTION hosho.code_label(p_list text, p_code text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT coalesce((SELECT i.label FROM hosho.code_item i WHERE i.list = p_list AND i.code = p_code), p_code)
$$;

-- The office kind ('head' or 'branch') of a section.
CREATE FUNCTION hosho.section_office_kind(p_section_code text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT o.kind FROM hosho.section s JOIN hosho.office o USING (office_code) WHERE s.section_code = p_section_code
$$;

-- One case as every write answers it (doc/lifecycle.md), without logging.
CREATE FUNCTION hosho.guarantee_record(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT to_jsonb(g) - 'created_at' - 'updated_at' || jsonb_build_object(
		'state_name', hosho.code_label('guarantee_state', g.state),
		'hold_name', (SELECT i.label FROM hosho.code_item i WHERE i.list = 'guarantee_hold' AND i.code = g.hold),
		'company_name', c.name, 'company_kana', c.kana,
		'bank_name', b.name, 'branch_name', br.name,
		'scheme_name', s.name,
		'use_of_funds_name', (SELECT u.name FROM hosho.use_of_funds u WHERE u.use_code = g.use_of_funds),
		'repayment_name', (SELECT r.name FROM hosho.repayment r WHERE r.repayment = g.repayment),
		'required_level_name', (SELECT l.name FROM hosho.decision_level l WHERE l.level = g.required_level),
		'reason_name', (SELECT i.label FROM hosho.code_item i
		                 WHERE i.list IN ('reject_reason', 'withdraw_reason') AND i.code = g.reason_code
		                 ORDER BY i.list <> CASE g.state WHEN 'withdrawn' THEN 'withdraw_reason' ELSE 'reject_reason' END
		                 LIMIT 1),
		'handled_by_name', (SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = g.handled_by),
		'submitted_by_name', (SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = g.submitted_by),
		'decided_by_name', (SELECT st.display_name FROM hosho.staff st WHERE st.staff_role = g.decided_by),
		'certificate_no', (SELECT ce.certificate_no FROM hosho.certificate ce WHERE ce.guarantee_id = g.guarantee_id),
		'pending_approval_id', (SELECT a.approval_id FROM hosho.approval a
		                         WHERE a.object_kind = 'guarantee' AND a.object_id = g.guarantee_id::text
		                           AND a.state = 'pending'),
		'actions', coalesce((SELECT array_agg(t.action ORDER BY t.action) FROM hosho.guarantee_transition t
		                      WHERE t.from_state = g.state AND (g.hold IS NULL OR t.action = 'withdraw')), '{}'))
	  FROM hosho.guarantee g
	  JOIN hosho.company c USING (company_id)
	  JOIN hosho.bank b USING (bank_code)
	  JOIN hosho.bank_branch br USING (bank_code, branch_code)
	  JOIN hosho.scheme s USING (scheme_code)
	 WHERE g.guarantee_id = p_id
$$;

-- The case p_id locked for the transition p_action from the version the
-- screen showed; refuses what is not legal now.
CREATE FUNCTION hosho.guarantee_lock(p_id bigint, p_version int, p_action text) RETURNS hosho.guarantee
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
BEGIN
	SELECT * INTO g FROM hosho.guarantee x WHERE x.guarantee_id = p_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この保証案件は見つからないか、担当範囲外です。';
	END IF;
	IF g.version IS DISTINCT FROM p_version THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '他の担当者が先に更新しました。最新を読み直してください。',
			HINT = '画面の内容は残してあります。F5で最新を読み直してから操作し直してください。';
	END IF;
	IF NOT EXISTS (SELECT FROM hosho.guarantee_transition t WHERE t.action = p_action AND t.from_state = g.state) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = format('「%s」の案件は%sできません。',
			hosho.code_label('guarantee_state', g.state), hosho.code_label('guarantee_action', p_action));
	END IF;
	IF g.hold IS NOT NULL AND p_action <> 'withdraw' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = format('%sのため処理できません。',
			hosho.code_label('guarantee_hold', g.hold));
	END IF;
	RETURN g;
END
$$;

-- The state p_action leads to from p_from (the transition table's).
CREATE FUNCTION hosho.transition_to(p_action text, p_from text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT t.to_state FROM hosho.guarantee_transition t WHERE t.action = p_action AND t.from_state = p_from
$$;

-- After a transition of p_before: the history row, the access log entry
-- (a change as old and new values, the auditor's summary; a decision as
-- its facts), and for the approvers' queues a notification (sent at COMMIT).
-- p_detail: facts of the step, or {old, new} of the fields it changed.
CREATE FUNCTION hosho.guarantee_note(p_before hosho.guarantee, p_action text, p_reason_code text,
	p_reason text, p_detail jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	after_state text := (SELECT g.state FROM hosho.guarantee g WHERE g.guarantee_id = p_before.guarantee_id);
	logged jsonb;
BEGIN
	INSERT INTO hosho.guarantee_history (guarantee_id, action, state_before, state_after, reason_code, reason, detail)
	VALUES (p_before.guarantee_id, p_action, p_before.state, after_state, p_reason_code, p_reason, p_detail);
	IF p_action IN ('approve', 'reject', 'send_back') THEN
		logged := jsonb_build_object('action', p_action, 'state', after_state)
			|| jsonb_strip_nulls(jsonb_build_object('reason_code', p_reason_code, 'reason', p_reason))
			|| coalesce(p_detail, '{}');
	ELSIF p_detail ? 'old' THEN
		logged := jsonb_build_object('old', jsonb_build_object('state', p_before.state) || (p_detail->'old'),
			'new', jsonb_build_object('state', after_state) || (p_detail->'new'));
	ELSE
		logged := jsonb_build_object('old', jsonb_build_object('state', p_before.state),
			'new', jsonb_build_object('state', after_state) || coalesce(p_detail, '{}'));
	END IF;
	PERFORM hosho.log_access(CASE WHEN p_action IN ('approve', 'reject', 'send_back') THEN 'decide' ELSE 'change' END,
		'guarantee', p_before.guarantee_id::text, logged);
	IF p_action IN ('submit', 'approve', 'reject', 'send_back', 'withdraw', 'hold', 'release') THEN
		PERFORM pg_notify('hosho_queue', p_before.guarantee_id::text);
	END IF;
END
$$;

-- The first history row of a new case (no state before).
CREATE FUNCTION hosho.guarantee_note_new(p_id bigint, p_detail jsonb) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, hosho, pg_temp AS $$
	INSERT INTO hosho.guarantee_history (guarantee_id, action, state_before, state_after, detail)
	VALUES (p_id, 'intake', NULL, 'applied', p_detail);
	SELECT hosho.log_access('change', 'guarantee', p_id::text, jsonb_build_object('new', jsonb_build_object('state', 'applied')));
$$;

-- One case as the screens open it; the opening is logged.
CREATE FUNCTION hosho.guarantee_get(p_id bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	r jsonb;
BEGIN
	PERFORM hosho.require_staff();
	r := hosho.guarantee_record(p_id);
	IF r IS NOT NULL THEN
		PERFORM hosho.log_access('open', 'guarantee', p_id::text, NULL);
	END IF;
	RETURN r;
END
$$;

-- ---- intake ---------------------------------------------------------------
-- What the intake form's fields meet, as they are filled: one row per
-- finding, with the field it concerns; blocking rows stop the intake.
CREATE FUNCTION hosho.guarantee_checks(p jsonb)
RETURNS TABLE (field text, blocking boolean, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	on_date date := coalesce((p->>'bank_requested_on')::date, current_date);
	co hosho.company;
	amount bigint := (p->>'requested_amount')::bigint;
	scheme text := p->>'scheme_code';
	rp text := p->>'repayment';
	installments int := (p->>'installments')::int;
	balloon bigint := (p->>'balloon_yen')::bigint;
	k text;
BEGIN
	PERFORM hosho.require_staff();
	FOREACH k IN ARRAY ARRAY['company_id', 'bank_code', 'branch_code', 'scheme_code', 'requested_amount',
	                         'use_of_funds', 'term_months', 'repayment'] LOOP
		IF coalesce(p->>k, '') = '' THEN
			RETURN QUERY SELECT k, true, '必須項目です。';
		END IF;
	END LOOP;
	IF p->>'company_id' IS NOT NULL THEN
		SELECT * INTO co FROM hosho.company c WHERE c.company_id = (p->>'company_id')::bigint;
		IF co.company_id IS NULL THEN
			RETURN QUERY SELECT 'company_id', true, '企業が見つからないか、担当範囲外です。';
		ELSE
			RETURN QUERY SELECT 'company_id', true, e.message
			  FROM hosho.company_eligibility(co.company_id) e WHERE NOT e.ok;
			RETURN QUERY SELECT 'company_id', false,
				format('反社照会リストの%sに該当します（%s）。保留として受け付け、課長の確認を待ちます。', h.matched, h.name)
			  FROM hosho.watchlist_hits(co.company_id) h;
		END IF;
	END IF;
	IF p->>'bank_code' IS NOT NULL AND p->>'branch_code' IS NOT NULL
	   AND NOT EXISTS (SELECT FROM hosho.bank_branch b
	                    WHERE b.bank_code = p->>'bank_code' AND b.branch_code = p->>'branch_code') THEN
		RETURN QUERY SELECT 'branch_code', true, '金融機関・店舗が登録されていません。';
	END IF;
	IF amount <= 0 THEN
		RETURN QUERY SELECT 'requested_amount', true, '申込金額は1円以上で入力してください。';
	END IF;
	IF scheme IS NOT NULL AND (hosho.scheme_version_on(scheme, on_date)).scheme_code IS NULL THEN
		RETURN QUERY SELECT 'scheme_code', true,
			format('制度「%s」は%sに取り扱っていません。',
				coalesce((SELECT s.name FROM hosho.scheme s WHERE s.scheme_code = scheme), scheme), on_date);
		RETURN;
	END IF;
	IF co.company_id IS NOT NULL AND scheme IS NOT NULL AND amount > 0 THEN
		RETURN QUERY SELECT 'requested_amount', NOT l.ok, l.message
		  FROM hosho.limit_check(co.company_id, scheme, amount, coalesce((p->>'secured')::boolean, false),
		                         coalesce(p->>'guarantor', 'representative'), on_date, p->>'use_of_funds') l
		 WHERE (NOT l.ok OR l.binding) AND l.cap_code <> 'scheme_unavailable';
	END IF;
	IF scheme IS NOT NULL AND p->>'use_of_funds' IS NOT NULL AND rp IS NOT NULL AND p->>'term_months' IS NOT NULL THEN
		RETURN QUERY SELECT CASE WHEN t.code LIKE 'deferral%' THEN 'deferral_months'
		                         WHEN t.code = 'use_not_allowed' THEN 'use_of_funds'
		                         WHEN t.code = 'input_unknown' THEN 'repayment'
		                         ELSE 'term_months' END, true, t.message
		  FROM hosho.term_check(scheme, p->>'use_of_funds', rp, (p->>'term_months')::int,
		                        coalesce((p->>'deferral_months')::int, 0), on_date) t
		 WHERE NOT t.ok AND t.code <> 'scheme_unavailable';
	END IF;
	IF rp IN ('equal', 'unequal') AND coalesce(installments, 0) < 2 THEN
		RETURN QUERY SELECT 'installments', true, '分割返済の返済回数（2回以上）を入力してください。';
	ELSIF rp NOT IN ('equal', 'unequal') AND installments IS NOT NULL THEN
		RETURN QUERY SELECT 'installments', true, '返済回数は分割返済のときだけ入力します。';
	END IF;
	IF balloon IS NOT NULL AND (rp NOT IN ('equal', 'unequal') OR balloon <= 0 OR balloon >= amount) THEN
		RETURN QUERY SELECT 'balloon_yen', true, '最終回増額は分割返済で、申込金額未満の金額です。';
	END IF;
	IF p->>'guarantor' IS NOT NULL
	   AND NOT EXISTS (SELECT FROM hosho.guarantor_kind x WHERE x.guarantor = p->>'guarantor') THEN
		RETURN QUERY SELECT 'guarantor', true, '連帯保証人の区分が正しくありません。';
	END IF;
	IF coalesce(p->>'fee_collection', 'lump') NOT IN ('lump', 'split') THEN
		RETURN QUERY SELECT 'fee_collection', true, '保証料の徴収方法が正しくありません。';
	END IF;
END
$$;

-- 受付: a bank's request becomes a case in 'applied'; a watch-list hit
-- holds it and asks a supervisor (four eyes) to clear it.
CREATE FUNCTION hosho.guarantee_intake(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	refusal record;
	co hosho.company;
	on_date date := coalesce((p->>'bank_requested_on')::date, current_date);
	hits jsonb;
	id bigint;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_intake');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	SELECT * INTO refusal FROM hosho.guarantee_checks(p) c WHERE c.blocking LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', MESSAGE = refusal.reason, COLUMN = refusal.field;
	END IF;
	SELECT * INTO co FROM hosho.company c WHERE c.company_id = (p->>'company_id')::bigint;
	SELECT jsonb_agg(to_jsonb(h)) INTO hits FROM hosho.watchlist_hits(co.company_id) h;
	INSERT INTO hosho.guarantee AS g (company_id, bank_code, branch_code, scheme_code, frame_code, use_of_funds,
		requested_amount, proposed_amount, secured, guarantor, term_months, deferral_months, repayment,
		installments, balloon_yen, collateral, purpose_note, bank_requested_on, fee_collection, hold,
		section_code, handled_by)
	VALUES (co.company_id, p->>'bank_code', p->>'branch_code', p->>'scheme_code',
		(hosho.scheme_version_on(p->>'scheme_code', on_date)).frame_code, p->>'use_of_funds',
		(p->>'requested_amount')::bigint, (p->>'requested_amount')::bigint,
		coalesce((p->>'secured')::boolean, false), coalesce(p->>'guarantor', 'representative'),
		(p->>'term_months')::int, coalesce((p->>'deferral_months')::int, 0), p->>'repayment',
		(p->>'installments')::int, (p->>'balloon_yen')::bigint, p->>'collateral', p->>'purpose_note',
		(p->>'bank_requested_on')::date, coalesce(p->>'fee_collection', 'lump'),
		CASE WHEN hits IS NOT NULL THEN 'antisocial' END, co.section_code, session_user)
	RETURNING g.guarantee_id INTO id;
	PERFORM hosho.guarantee_note_new(id, NULL);
	IF hits IS NOT NULL THEN
		INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version)
		VALUES ('guarantee', id::text, 'watchlist_clearance', jsonb_build_object('value', 'clear', 'hits', hits), 1);
		PERFORM hosho.guarantee_note((SELECT g FROM hosho.guarantee g WHERE g.guarantee_id = id), 'hold', NULL, NULL,
			jsonb_build_object('hits', hits));
	END IF;
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(id));
END
$$;

-- ---- review -----------------------------------------------------------------
CREATE FUNCTION hosho.guarantee_review_start(p_id bigint, p_version int, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_review_start');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(p_id, p_version, 'review_start');
	UPDATE hosho.guarantee x SET state = hosho.transition_to('review_start', g.state), handled_by = session_user
	 WHERE x.guarantee_id = p_id;
	PERFORM hosho.guarantee_note(g, 'review_start', NULL, NULL, NULL);
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(p_id));
END
$$;

-- The reviewer's fields; an absent key keeps its value.
CREATE FUNCTION hosho.guarantee_review_save(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
	n hosho.guarantee;
	id bigint := (p->>'id')::bigint;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_review_save');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(id, (p->>'version')::int, 'review_save');
	n := jsonb_populate_record(g, p - 'id' - 'version');
	IF n.rate_class NOT BETWEEN 1 AND 9 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'rate_class', MESSAGE = '保証料率区分は1～9です。';
	END IF;
	IF n.proposed_amount IS NULL OR n.proposed_amount <= 0 OR n.proposed_amount > g.requested_amount THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'proposed_amount',
			MESSAGE = format('承諾予定額は1円以上、申込金額%s以下です。', hosho.yen_text(g.requested_amount));
	END IF;
	IF n.rate_bp NOT BETWEEN 0 AND 10000 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'rate_bp', MESSAGE = '保証料率が正しくありません。';
	END IF;
	IF n.fee_collection NOT IN ('lump', 'split') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'fee_collection', MESSAGE = '保証料の徴収方法が正しくありません。';
	END IF;
	UPDATE hosho.guarantee x SET rate_class = n.rate_class, rate_bp = n.rate_bp, rate_basis = n.rate_basis,
		collateral_discount = n.collateral_discount, advisor_discount = n.advisor_discount,
		review_note = n.review_note, conditions = n.conditions, proposed_amount = n.proposed_amount,
		fee_collection = n.fee_collection
	 WHERE x.guarantee_id = id;
	PERFORM hosho.guarantee_note(g, 'review_save', NULL, NULL,
		hosho.json_changes(to_jsonb(g), (SELECT to_jsonb(x) FROM hosho.guarantee x WHERE x.guarantee_id = id)));
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(id));
END
$$;

-- ---- decision ---------------------------------------------------------------
-- The lowest level whose limit for the scheme covers the amount, among the
-- levels that decide cases of the office kind.
CREATE FUNCTION hosho.required_level(p_scheme_code text, p_amount bigint, p_office_kind text, p_on date)
RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT l.level FROM hosho.decision_level l
	 CROSS JOIN LATERAL (SELECT d.max_amount FROM hosho.decision_limit d
	                      WHERE d.level = l.level AND (d.scheme_code = p_scheme_code OR d.scheme_code IS NULL)
	                        AND d.valid_from <= p_on
	                      ORDER BY d.scheme_code IS NULL, d.valid_from DESC LIMIT 1) m
	 WHERE (l.applies_to IS NULL OR l.applies_to = p_office_kind)
	   AND (m.max_amount IS NULL OR p_amount <= m.max_amount)
	 ORDER BY l.rank LIMIT 1
$$;

-- session_user's level of authority: the highest their duties, section and
-- office grant (none for a duty without authority).
CREATE FUNCTION hosho.my_decision_level()
RETURNS TABLE (level text, name text, rank int, applies_to text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT l.level, l.name, l.rank, l.applies_to
	  FROM hosho.staff s
	  JOIN hosho.section sec USING (section_code)
	  JOIN hosho.office o USING (office_code)
	  JOIN hosho.decision_level_grant gr
	    ON (gr.section_duty IS NULL OR gr.section_duty = sec.duty) AND (gr.office_kind IS NULL OR gr.office_kind = o.kind)
	  JOIN hosho.decision_level l ON l.level = gr.level
	 WHERE s.staff_role = session_user AND s.active AND pg_has_role(session_user, gr.duty, 'MEMBER')
	 ORDER BY l.rank DESC LIMIT 1;
END
$$;

-- Refuses unless session_user may decide the submitted case g: not its
-- submitter nor its clerk (four eyes), with enough authority for it.
CREATE FUNCTION hosho.guarantee_decider_check(g hosho.guarantee) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	mine record;
	needed hosho.decision_level;
BEGIN
	IF session_user IN (g.submitted_by, g.handled_by) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = '自分が審査・決裁に回した案件は決裁できません。';
	END IF;
	SELECT * INTO mine FROM hosho.my_decision_level();
	SELECT * INTO needed FROM hosho.decision_level l WHERE l.level = g.required_level;
	IF mine.level IS NULL OR mine.rank < needed.rank
	   OR mine.applies_to IS NOT NULL AND mine.applies_to <> hosho.section_office_kind(g.section_code) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403',
			MESSAGE = format('この案件（%s）の決裁には%sの権限が必要です。', hosho.yen_text(g.proposed_amount), needed.name);
	END IF;
END
$$;

-- 決裁に回す: the rate fixed and the authority the amount needs.
CREATE FUNCTION hosho.guarantee_submit(p_id bigint, p_version int, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
	r record;
	rate int;
	on_date date;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_submit');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(p_id, p_version, 'submit');
	on_date := coalesce(g.bank_requested_on, g.applied_on);
	SELECT * INTO r FROM hosho.rate_for(g.scheme_code, g.rate_class, g.term_months, g.use_of_funds,
		g.collateral_discount, g.advisor_discount, on_date) x
	 WHERE x.code IN ('rate_flat', 'rate_class', 'rate_range') OR NOT x.ok
	 ORDER BY x.ok LIMIT 1;
	IF NOT r.ok THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'rate_class', MESSAGE = r.message;
	END IF;
	rate := CASE WHEN r.code = 'rate_range' THEN g.rate_bp ELSE r.rate_bp END;
	IF rate IS NULL OR rate NOT BETWEEN r.min_bp AND r.max_bp THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'rate_bp', MESSAGE = format('保証料率を%s～%sの範囲で入力してください。',
			hosho.rate_text(r.min_bp), hosho.rate_text(r.max_bp));
	END IF;
	UPDATE hosho.guarantee x SET state = hosho.transition_to('submit', g.state), rate_bp = rate,
		required_level = hosho.required_level(g.scheme_code, g.proposed_amount,
			hosho.section_office_kind(g.section_code), current_date),
		submitted_by = session_user, submitted_at = now()
	 WHERE x.guarantee_id = p_id;
	PERFORM hosho.guarantee_note(g, 'submit', NULL, NULL,
		(SELECT jsonb_build_object('required_level', x.required_level, 'rate_bp', x.rate_bp)
		   FROM hosho.guarantee x WHERE x.guarantee_id = p_id));
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(p_id));
END
$$;

-- The whole book's live exposure, across every office (the corporation's
-- ceiling is on the total). Owned by hosho_ledger, which bypasses row
-- security for this one sum.
CREATE FUNCTION hosho.corporation_live_total() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN (SELECT coalesce(sum(CASE WHEN g.state = 'executed' THEN g.balance ELSE g.approved_amount END), 0)
	          FROM hosho.guarantee g WHERE g.state IN ('approved', 'issued', 'executed'));
END
$$;

-- The corporation's row in force on a date.
CREATE FUNCTION hosho.corporation_on(p_on date) RETURNS hosho.corporation
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT c.* FROM hosho.corporation c WHERE c.valid_from <= p_on ORDER BY c.valid_from DESC LIMIT 1
$$;

-- Refuses approving p_amount for the case g if a cap of the company or the
-- corporation's ceiling would be passed. Called under the company's row
-- lock and the corporation's lock: approvals of one company, and all
-- approvals for the ceiling, are checked one after another, each seeing
-- the ones committed before it (no write skew).
CREATE FUNCTION hosho.guarantee_approval_check(g hosho.guarantee, p_amount bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	msg text;
	corp hosho.corporation := hosho.corporation_on(current_date);
	ceiling bigint := floor(corp.basic_property_yen * corp.ceiling_multiple);
	total bigint;
BEGIN
	PERFORM FROM hosho.company c WHERE c.company_id = g.company_id FOR NO KEY UPDATE;
	SELECT l.message INTO msg
	  FROM hosho.limit_check(g.company_id, g.scheme_code, p_amount, g.secured, g.guarantor,
	                         coalesce(g.bank_requested_on, g.applied_on), g.use_of_funds) l
	 WHERE NOT l.ok LIMIT 1;
	IF msg IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'approved_amount', MESSAGE = msg;
	END IF;
	PERFORM pg_advisory_xact_lock(hashtext('hosho.corporation_ceiling'));
	total := hosho.corporation_live_total();
	IF total + p_amount > ceiling THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'approved_amount',
			MESSAGE = format('協会の保証債務残高が定款の上限（基本財産%s×%s倍＝%s）を超えます（現在%s＋本件%s）。',
				hosho.yen_text(corp.basic_property_yen), corp.ceiling_multiple, hosho.yen_text(ceiling),
				hosho.yen_text(total), hosho.yen_text(p_amount));
	END IF;
END
$$;

-- 決裁: approve or reject a submitted case. The decision is also a row of
-- hosho.approval (action guarantee_decision): the one four-eyes record.
CREATE FUNCTION hosho.guarantee_decide(p_id bigint, p_version int, p_approve boolean, p_reason_code text,
	p_reason text, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
	step text := CASE WHEN p_approve THEN 'approve' ELSE 'reject' END;
	share text;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_decide');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(p_id, p_version, step);
	PERFORM hosho.guarantee_decider_check(g);
	IF p_approve THEN
		SELECT s.sharing INTO share FROM hosho.sharing_for(g.scheme_code, g.bank_code,
			coalesce(g.bank_requested_on, g.applied_on)) s WHERE s.ok AND s.sharing IS NOT NULL LIMIT 1;
		IF share IS NULL THEN
			RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'bank_code',
				MESSAGE = '責任共有の方式が決まりません（金融機関または制度を確認してください）。';
		END IF;
		PERFORM hosho.guarantee_approval_check(g, g.proposed_amount);
	ELSIF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'reject_reason' AND i.code = p_reason_code) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'reason_code', MESSAGE = '謝絶理由を選んでください。';
	END IF;
	UPDATE hosho.guarantee x SET state = hosho.transition_to(step, g.state),
		approved_amount = CASE WHEN p_approve THEN g.proposed_amount END,
		sharing = CASE WHEN p_approve THEN share END,
		decided_by = session_user, decided_at = now(), reason_code = p_reason_code, reason = p_reason
	 WHERE x.guarantee_id = p_id;
	INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version, state,
		requested_by, requested_at, decided_by, decided_at, reason)
	VALUES ('guarantee', p_id::text, 'guarantee_decision',
		jsonb_build_object('value', step, 'amount', g.proposed_amount, 'required_level', g.required_level),
		g.version, CASE WHEN p_approve THEN 'approved' ELSE 'rejected' END,
		g.submitted_by, g.submitted_at, session_user, now(), p_reason);
	PERFORM hosho.guarantee_note(g, step, p_reason_code, p_reason,
		jsonb_build_object('amount', g.proposed_amount, 'required_level', g.required_level));
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(p_id));
END
$$;

-- 差戻し: a decider returns the case to review, with why.
CREATE FUNCTION hosho.guarantee_send_back(p_id bigint, p_version int, p_reason text, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_send_back');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(p_id, p_version, 'send_back');
	PERFORM hosho.guarantee_decider_check(g);
	IF coalesce(btrim(p_reason), '') = '' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'reason', MESSAGE = '差戻しの理由を入力してください。';
	END IF;
	UPDATE hosho.guarantee x SET state = hosho.transition_to('send_back', g.state), submitted_by = NULL,
		submitted_at = NULL, required_level = NULL
	 WHERE x.guarantee_id = p_id;
	PERFORM hosho.guarantee_note(g, 'send_back', NULL, p_reason, NULL);
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(p_id));
END
$$;

-- 取下げ: before issue, with a reason code; an open watch-list request of
-- the case goes with it.
CREATE FUNCTION hosho.guarantee_withdraw(p_id bigint, p_version int, p_reason_code text, p_reason text,
	p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_withdraw');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(p_id, p_version, 'withdraw');
	IF NOT EXISTS (SELECT FROM hosho.code_item i WHERE i.list = 'withdraw_reason' AND i.code = p_reason_code) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'reason_code', MESSAGE = '取下げ理由を選んでください。';
	END IF;
	UPDATE hosho.guarantee x SET state = hosho.transition_to('withdraw', g.state), reason_code = p_reason_code,
		reason = p_reason
	 WHERE x.guarantee_id = p_id;
	UPDATE hosho.approval a SET state = 'withdrawn', decided_at = now()
	 WHERE a.object_kind = 'guarantee' AND a.object_id = p_id::text AND a.state = 'pending';
	PERFORM hosho.guarantee_note(g, 'withdraw', p_reason_code, p_reason, NULL);
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(p_id));
END
$$;

-- The watch-list hold lifted by a supervisor's approval (approval_decide).
CREATE FUNCTION hosho.approval_apply_watchlist_clearance(a hosho.approval) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
BEGIN
	SELECT * INTO g FROM hosho.guarantee x
	 WHERE x.guarantee_id = a.object_id::bigint AND x.version = a.object_version AND x.hold = 'antisocial'
	   FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409', MESSAGE = '依頼の後に案件が更新されました。依頼し直してください。';
	END IF;
	UPDATE hosho.guarantee x SET hold = NULL WHERE x.guarantee_id = g.guarantee_id;
	PERFORM hosho.guarantee_note(g, 'release', NULL, a.reason, jsonb_build_object('approval_id', a.approval_id));
END
$$;

-- ---- certificate and execution ---------------------------------------------
-- The fee on a guaranteed amount by the fee rules (060): the term's days
-- from p_from for fixed-date loans; a balloon as fee_installment reads it
-- (the last installment = the regular one + the balloon).
CREATE FUNCTION hosho.guarantee_fee(p_repayment text, p_amount bigint, p_rate_bp int, p_term_months int,
	p_deferral_months int, p_installments int, p_balloon bigint, p_from date) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT hosho.fee_amount(p_repayment, p_amount, p_rate_bp, p_term_months, p_deferral_months, p_installments,
		(p_from + make_interval(months => p_term_months))::date - p_from,
		(p_amount - p_balloon) / p_installments + p_balloon, (p_amount - p_balloon) / p_installments)
$$;

-- The share sharing_for guarantees for the case (80 or 100).
CREATE FUNCTION hosho.guarantee_share_pct(g hosho.guarantee) RETURNS int
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT s.guaranteed_pct FROM hosho.sharing_for(g.scheme_code, g.bank_code, coalesce(g.bank_requested_on, g.applied_on)) s
	 WHERE s.ok AND s.sharing = g.sharing LIMIT 1
$$;

-- 保証書発行: the certificate and the insurance notice (信用保険通知).
CREATE FUNCTION hosho.guarantee_issue(p_id bigint, p_version int, p_electronic boolean, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	g hosho.guarantee;
	c hosho.certificate;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_issue');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(p_id, p_version, 'issue');
	c.certificate_no := to_char(current_date, 'YYYY') || '-' || lpad(nextval('hosho.certificate_no_seq')::text, 7, '0');
	c.issued_on := current_date;
	c.valid_until := current_date + (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'certificate_valid_days')::int;
	c.loan_amount := g.approved_amount;
	c.guaranteed_share_pct := hosho.guarantee_share_pct(g);
	c.guaranteed_amount := g.approved_amount * c.guaranteed_share_pct / 100;
	c.fee_yen := hosho.guarantee_fee(g.repayment, c.guaranteed_amount, g.rate_bp, g.term_months, g.deferral_months,
		g.installments, g.balloon_yen * c.guaranteed_share_pct / 100, current_date);
	INSERT INTO hosho.certificate (certificate_no, guarantee_id, issued_on, valid_until, electronic, loan_amount,
		guaranteed_share_pct, guaranteed_amount, sharing, rate_bp, fee_yen, fee_collection)
	VALUES (c.certificate_no, p_id, c.issued_on, c.valid_until, coalesce(p_electronic, false), c.loan_amount,
		c.guaranteed_share_pct, c.guaranteed_amount, g.sharing, g.rate_bp, c.fee_yen, g.fee_collection);
	INSERT INTO hosho.insurance_notice (guarantee_id, certificate_no, kind, amount, noted_on)
	VALUES (p_id, c.certificate_no, 'issue', c.guaranteed_amount, current_date);
	UPDATE hosho.guarantee x SET state = hosho.transition_to('issue', g.state), issued_on = c.issued_on,
		valid_until = c.valid_until, fee_yen = c.fee_yen
	 WHERE x.guarantee_id = p_id;
	PERFORM hosho.guarantee_note(g, 'issue', NULL, NULL,
		jsonb_build_object('certificate_no', c.certificate_no, 'electronic', coalesce(p_electronic, false)));
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(p_id));
END
$$;

-- The repayment schedule of a loan: one row at maturity for a lump sum (or
-- fixed date); otherwise p_installments due every p_interval months from
-- p_first (never after maturity), equal principal, the rounding remainder
-- and the balloon in the last.
CREATE FUNCTION hosho.repayment_rows(p_amount bigint, p_repayment text, p_installments int, p_balloon bigint,
	p_first date, p_interval int, p_maturity date)
RETURNS TABLE (seq int, due_on date, principal bigint, balance_after bigint)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT 1, p_maturity, p_amount, 0::bigint WHERE p_repayment NOT IN ('equal', 'unequal')
	UNION ALL
	SELECT k, least((p_first + make_interval(months => (k - 1) * p_interval))::date, p_maturity),
	       CASE WHEN k < p_installments THEN base ELSE p_amount - base * (p_installments - 1) END,
	       CASE WHEN k < p_installments THEN p_amount - base * k ELSE 0 END
	  FROM generate_series(1, p_installments) k,
	       LATERAL (SELECT (p_amount - coalesce(p_balloon, 0)) / p_installments AS base) b
	 WHERE p_repayment IN ('equal', 'unequal')
$$;

-- 実行: the bank's execution report; the fee received (lump, or the parts of
-- 分割徴収 with the first received now), the schedule, the balance.
CREATE FUNCTION hosho.guarantee_execute(p jsonb, p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	id bigint := (p->>'id')::bigint;
	g hosho.guarantee;
	c hosho.certificate;
	exec_amount bigint := (p->>'executed_amount')::bigint;
	exec_on date := (p->>'executed_on')::date;
	maturity date;
	interval_months int;
	first_on date;
	guaranteed bigint;
	fee bigint;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'guarantee_execute');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	g := hosho.guarantee_lock(id, (p->>'version')::int, 'execute');
	SELECT * INTO c FROM hosho.certificate x WHERE x.guarantee_id = id;
	IF exec_amount IS NULL OR exec_amount <= 0 OR exec_amount > g.approved_amount THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'executed_amount',
			MESSAGE = format('実行金額は1円以上、承諾額%s以下です。', hosho.yen_text(g.approved_amount));
	END IF;
	IF g.balloon_yen >= exec_amount THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'executed_amount',
			MESSAGE = format('実行金額が最終回増額%s以下です。', hosho.yen_text(g.balloon_yen));
	END IF;
	IF exec_on IS NULL OR exec_on < g.issued_on OR exec_on > g.valid_until THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'executed_on',
			MESSAGE = format('実行日は保証書の発行日%sから有効期限%sまでの日付です。', g.issued_on, g.valid_until);
	END IF;
	maturity := (exec_on + make_interval(months => g.term_months))::date;
	IF g.repayment IN ('equal', 'unequal') THEN
		interval_months := greatest((g.term_months - g.deferral_months) / g.installments, 1);
		first_on := coalesce((p->>'first_repayment_on')::date,
			(exec_on + make_interval(months => g.deferral_months + interval_months))::date);
		IF first_on <= exec_on OR first_on > maturity THEN
			RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'first_repayment_on',
				MESSAGE = format('初回返済日は実行日の後、最終期日%s以前の日付です。', maturity);
		END IF;
	ELSE
		first_on := maturity;
	END IF;
	guaranteed := exec_amount * c.guaranteed_share_pct / 100;
	fee := hosho.guarantee_fee(g.repayment, guaranteed, g.rate_bp, g.term_months, g.deferral_months,
		g.installments, g.balloon_yen * c.guaranteed_share_pct / 100, exec_on);
	INSERT INTO hosho.fee_receipt (guarantee_id, part, due_on, amount, received_on)
	SELECT id, s.part, (exec_on + make_interval(months => s.due_month))::date, s.amount,
	       CASE WHEN s.part = 1 THEN exec_on END
	  FROM hosho.fee_split(fee, g.term_months) s WHERE c.fee_collection = 'split'
	UNION ALL
	SELECT id, 1, exec_on, fee, exec_on WHERE c.fee_collection = 'lump';
	INSERT INTO hosho.repayment_schedule (guarantee_id, seq, due_on, principal, balance_after)
	SELECT id, r.seq, r.due_on, r.principal, r.balance_after
	  FROM hosho.repayment_rows(exec_amount, g.repayment, g.installments, g.balloon_yen, first_on, interval_months, maturity) r;
	UPDATE hosho.guarantee x SET state = hosho.transition_to('execute', g.state), executed_amount = exec_amount,
		executed_on = exec_on, maturity_on = maturity, first_repayment_on = first_on, balance = exec_amount,
		fee_yen = fee
	 WHERE x.guarantee_id = id;
	PERFORM hosho.guarantee_note(g, 'execute', NULL, NULL,
		jsonb_build_object('executed_amount', exec_amount, 'executed_on', exec_on, 'fee_yen', fee));
	RETURN hosho.request_answer(p_request_id, hosho.guarantee_record(id));
END
$$;

-- 失効: certificates not executed within their validity, as of p_on. Run
-- by the nightly job as the cluster's superuser (row security does not
-- apply to it; nobody else may run it: no grant).
CREATE FUNCTION hosho.guarantee_lapse_due(p_on date) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	g hosho.guarantee;
	n int := 0;
BEGIN
	FOR g IN SELECT * FROM hosho.guarantee x WHERE x.state = 'issued' AND x.valid_until < p_on
	           ORDER BY x.guarantee_id FOR UPDATE SKIP LOCKED LOOP
		UPDATE hosho.guarantee x SET state = hosho.transition_to('lapse', g.state) WHERE x.guarantee_id = g.guarantee_id;
		PERFORM hosho.guarantee_note(g, 'lapse', NULL, NULL, jsonb_build_object('valid_until', g.valid_until));
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

-- The certificate as printed and as the electronic document carries it.
-- Opening it for print is logged.
CREATE FUNCTION hosho.certificate_document(p_certificate_no text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	d jsonb;
BEGIN
	PERFORM hosho.require_staff();
	SELECT jsonb_build_object(
		'certificate_no', ce.certificate_no, 'guarantee_id', g.guarantee_id,
		'issued_on', ce.issued_on, 'valid_until', ce.valid_until, 'electronic', ce.electronic,
		'corporation_name', corp.name, 'corporation_address', corp.address, 'president', corp.president,
		'bank_code', g.bank_code, 'bank_name', b.name, 'branch_name', br.name,
		'company_id', co.company_id, 'company_name', co.name,
		'company_address', '岩手県' || m.name || co.address, 'representative', co.representative,
		'scheme_name', s.name, 'loan_amount', ce.loan_amount, 'guaranteed_amount', ce.guaranteed_amount,
		'guaranteed_share_pct', ce.guaranteed_share_pct,
		'sharing_name', CASE ce.sharing WHEN 'partial80' THEN '部分保証' ELSE '全部保証' END,
		'term_months', g.term_months, 'repayment_name', rp.name, 'installments', g.installments,
		'deferral_months', g.deferral_months, 'balloon_yen', g.balloon_yen,
		'use_of_funds_name', u.name, 'rate_bp', ce.rate_bp, 'fee_rate_bp', ce.rate_bp, 'fee_yen', ce.fee_yen,
		'fee_collection_name', hosho.code_label('fee_collection', ce.fee_collection),
		'conditions', g.conditions)
	  INTO d
	  FROM hosho.certificate ce
	  JOIN hosho.guarantee g USING (guarantee_id)
	  JOIN hosho.company co USING (company_id)
	  JOIN hosho.municipality m ON m.muni_code = co.muni_code
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	  JOIN hosho.bank_branch br ON br.bank_code = g.bank_code AND br.branch_code = g.branch_code
	  JOIN hosho.scheme s ON s.scheme_code = g.scheme_code
	  JOIN hosho.repayment rp ON rp.repayment = g.repayment
	  JOIN hosho.use_of_funds u ON u.use_code = g.use_of_funds
	  CROSS JOIN LATERAL hosho.corporation_on(ce.issued_on) corp
	 WHERE ce.certificate_no = p_certificate_no;
	IF d IS NOT NULL THEN
		PERFORM hosho.log_access('print', 'certificate', p_certificate_no, NULL);
	END IF;
	RETURN d;
END
$$;

-- ---- four eyes: the guarantee's actions in 090's mechanism -----------------
INSERT INTO hosho.approval_rule VALUES
	('watchlist_clearance', 'guarantee', 'hosho_clerk', 'hosho_supervisor', '反社照会該当の確認'),
	-- decided by guarantee_decide only, which writes the row decided: never pending
	('guarantee_decision', 'guarantee', 'hosho_clerk', 'hosho_supervisor', '保証の決裁');

-- The case as an object of approval (its version, its name on 承認待ち) is
-- given by 110's approval_object_version and approval_list, which add the
-- guarantee and the delinquency to 090's company in one definition.

-- The auditor's lists (090) name the kinds of object from a code list, the
-- guarantee and its certificate among them.
INSERT INTO hosho.code_item VALUES
	('object_kind', 'company', '企業', 1),
	('object_kind', 'staff', '職員', 2),
	('object_kind', 'approval', '承認', 3),
	('object_kind', 'guarantee', '保証', 4),
	('object_kind', 'certificate', '保証書', 5);
CREATE OR REPLACE FUNCTION hosho.audit_row(l hosho.access_log,
	OUT at timestamptz, OUT staff name, OUT display_name text, OUT section_name text,
	OUT action_name text, OUT object text, OUT summary text)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT l.at, l.staff, s.display_name, sec.name,
	       CASE l.action WHEN 'open' THEN '閲覧' WHEN 'change' THEN '変更' WHEN 'export' THEN '持ち出し'
	                     WHEN 'print' THEN '印刷' WHEN 'decide' THEN '承認・却下' END,
	       hosho.code_label('object_kind', l.object_kind) || coalesce(' ' || l.object_id, ''),
	       CASE l.action
	         WHEN 'change' THEN (SELECT string_agg(k || ': ' || coalesce(l.detail->'old'->>k, '') || ' → '
	                                               || coalesce(l.detail->'new'->>k, ''), '、' ORDER BY k)
	                               FROM jsonb_object_keys(coalesce(l.detail->'old', '{}') || coalesce(l.detail->'new', '{}')) k)
	         WHEN 'export' THEN concat_ws('、', l.detail->>'what', '理由: ' || (l.detail->>'why'),
	                                      '媒体: ' || (l.detail->>'medium'))
	         ELSE (SELECT string_agg(k || ': ' || v, '、' ORDER BY k) FROM jsonb_each_text(l.detail) e(k, v))
	       END
	  FROM (SELECT) one
	  LEFT JOIN hosho.staff s ON s.staff_role = l.staff
	  LEFT JOIN hosho.section sec ON sec.section_code = s.section_code
$$;

-- ===========================================================================
-- 7. Lists for the screens
-- ===========================================================================
-- My cases: those I took in or reviewed, by state (NULL: every open state).
CREATE FUNCTION hosho.guarantee_my_cases(p_state text)
RETURNS TABLE (guarantee_id bigint, version int, state text, state_name text, hold_name text,
	company_id bigint, company_name text, scheme_name text, bank_name text,
	requested_amount bigint, approved_amount bigint, applied_on date, updated_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT g.guarantee_id, g.version, g.state, hosho.code_label('guarantee_state', g.state),
	       (SELECT i.label FROM hosho.code_item i WHERE i.list = 'guarantee_hold' AND i.code = g.hold),
	       g.company_id, c.name, s.name, b.name, g.requested_amount, g.approved_amount, g.applied_on, g.updated_at
	  FROM hosho.guarantee g
	  JOIN hosho.company c USING (company_id)
	  JOIN hosho.scheme s USING (scheme_code)
	  JOIN hosho.bank b USING (bank_code)
	 WHERE g.handled_by = session_user
	   AND (g.state = p_state OR p_state IS NULL AND g.state IN ('applied', 'under_review', 'submitted', 'approved', 'issued'))
	 ORDER BY g.updated_at DESC, g.guarantee_id DESC;
END
$$;

-- The submitted cases waiting for session_user's level of authority, in
-- their scope, that they neither took in nor submitted.
CREATE FUNCTION hosho.guarantee_decision_queue()
RETURNS TABLE (guarantee_id bigint, version int, company_id bigint, company_name text, scheme_name text,
	proposed_amount bigint, required_level_name text, submitted_by_name text, submitted_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	mine text := (SELECT l.level FROM hosho.my_decision_level() l);
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT g.guarantee_id, g.version, g.company_id, c.name, s.name, g.proposed_amount, l.name,
	       st.display_name, g.submitted_at
	  FROM hosho.guarantee g
	  JOIN hosho.company c USING (company_id)
	  JOIN hosho.scheme s USING (scheme_code)
	  JOIN hosho.decision_level l ON l.level = g.required_level
	  LEFT JOIN hosho.staff st ON st.staff_role = g.submitted_by
	 WHERE g.state = 'submitted' AND g.required_level = mine AND g.hold IS NULL
	   AND session_user <> g.submitted_by AND session_user IS DISTINCT FROM g.handled_by
	 ORDER BY g.submitted_at, g.guarantee_id;
END
$$;

-- A company's requests and guarantees (the dossier).
CREATE FUNCTION hosho.company_guarantees(p_company_id bigint)
RETURNS TABLE (guarantee_id bigint, version int, state text, state_name text, scheme_name text, bank_name text,
	requested_amount bigint, approved_amount bigint, executed_amount bigint, balance bigint,
	applied_on date, issued_on date, executed_on date, maturity_on date, certificate_no text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT g.guarantee_id, g.version, g.state, hosho.code_label('guarantee_state', g.state), s.name,
	       b.name, g.requested_amount, g.approved_amount, g.executed_amount, g.balance,
	       g.applied_on, g.issued_on, g.executed_on, g.maturity_on, ce.certificate_no
	  FROM hosho.guarantee g
	  JOIN hosho.scheme s USING (scheme_code)
	  JOIN hosho.bank b USING (bank_code)
	  LEFT JOIN hosho.certificate ce USING (guarantee_id)
	 WHERE g.company_id = p_company_id
	 ORDER BY g.applied_on DESC, g.guarantee_id DESC;
END
$$;

CREATE FUNCTION hosho.guarantee_history_list(p_id bigint)
RETURNS TABLE (at timestamptz, staff name, staff_name text, action text, action_name text,
	state_before_name text, state_after_name text, reason_name text, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT h.at, h.staff, st.display_name, h.action, hosho.code_label('guarantee_action', h.action),
	       hosho.code_label('guarantee_state', h.state_before), hosho.code_label('guarantee_state', h.state_after),
	       (SELECT i.label FROM hosho.code_item i
	         WHERE i.list = CASE h.action WHEN 'withdraw' THEN 'withdraw_reason' ELSE 'reject_reason' END
	           AND i.code = h.reason_code),
	       h.reason
	  FROM hosho.guarantee_history h
	  LEFT JOIN hosho.staff st ON st.staff_role = h.staff
	 WHERE h.guarantee_id = p_id
	 ORDER BY h.at, h.history_id;
END
$$;

-- The repayment schedule and the fee parts of one case, by date.
CREATE FUNCTION hosho.guarantee_schedule_list(p_id bigint)
RETURNS TABLE (kind text, seq int, due_on date, amount bigint, balance_after bigint, received_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT x.kind, x.seq, x.due_on, x.amount, x.balance_after, x.received_on
	  FROM (SELECT 'repayment' AS kind, r.seq, r.due_on, r.principal AS amount, r.balance_after,
	               NULL::date AS received_on
	          FROM hosho.repayment_schedule r WHERE r.guarantee_id = p_id
	        UNION ALL
	        SELECT 'fee', f.part, f.due_on, f.amount, NULL::bigint, f.received_on
	          FROM hosho.fee_receipt f WHERE f.guarantee_id = p_id) x
	 ORDER BY x.due_on, x.kind, x.seq;
END
$$;

-- A company's whole exposure: live amounts by frame (kind 'frame'), and
-- each cap its guarantees count in, with the room left (kind 'cap').
CREATE FUNCTION hosho.company_exposure_summary(p_company_id bigint)
RETURNS TABLE (kind text, code text, name text, live bigint, cap_amount bigint, room bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	co hosho.company;
BEGIN
	PERFORM hosho.require_staff();
	SELECT * INTO co FROM hosho.company c WHERE c.company_id = p_company_id;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	RETURN QUERY SELECT 'frame', f.frame_code, f.name, sum(e.amount)::bigint, NULL::bigint, NULL::bigint
	  FROM hosho.guarantee_exposure(p_company_id) e JOIN hosho.frame f USING (frame_code)
	 GROUP BY f.frame_code, f.name, f.sort ORDER BY f.sort;
	RETURN QUERY SELECT 'cap', c.cap_code, c.name, x.live, c.amount, greatest(c.amount - x.live, 0)
	  FROM hosho.limit_cap c
	  CROSS JOIN LATERAL (SELECT sum(e.amount)::bigint AS live FROM hosho.guarantee_exposure(p_company_id) e
	                       WHERE hosho.cap_scope_covers(c.scope, e.secured, e.guarantor)
	                         AND (c.use_of_funds IS NULL OR c.use_of_funds = e.use_of_funds)
	                         AND hosho.cap_has(c.cap_code, e.frame_code, e.scheme_code)) x
	 WHERE c.valid_from <= current_date AND (c.valid_to IS NULL OR current_date <= c.valid_to)
	   AND (c.legal_forms IS NULL OR co.legal_form = ANY (c.legal_forms)) AND x.live > 0
	 ORDER BY c.sort;
END
$$;

-- The corporation's total liability against its ceiling (定款倍率 × 基本財産).
CREATE FUNCTION hosho.corporation_exposure()
RETURNS TABLE (total bigint, basic_property_yen bigint, ceiling_multiple numeric, ceiling bigint, room bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	corp hosho.corporation;
	t bigint;
BEGIN
	PERFORM hosho.require_staff();
	corp := hosho.corporation_on(current_date);
	t := hosho.corporation_live_total();
	RETURN QUERY SELECT t, corp.basic_property_yen, corp.ceiling_multiple::numeric,
	       floor(corp.basic_property_yen * corp.ceiling_multiple)::bigint,
	       floor(corp.basic_property_yen * corp.ceiling_multiple)::bigint - t;
END
$$;

-- ===========================================================================
-- 8. Row security, ownership, privileges
-- ===========================================================================
-- Every table of a case's data is seen with the case (its own policy
-- applies in the subquery).
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['guarantee_history', 'certificate', 'insurance_notice', 'fee_receipt',
	                         'repayment_schedule'] LOOP
		EXECUTE format('ALTER TABLE hosho.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY %I ON hosho.%I USING (EXISTS (SELECT FROM hosho.guarantee g '
			'WHERE g.guarantee_id = %I.guarantee_id)) WITH CHECK (EXISTS (SELECT FROM hosho.guarantee g '
			'WHERE g.guarantee_id = %I.guarantee_id))', t || '_scope', t, t, t);
	END LOOP;
END
$$;

-- Reads the whole book for the corporation's ceiling, and nothing else.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hosho_ledger') THEN
		CREATE ROLE hosho_ledger NOLOGIN BYPASSRLS;
	END IF;
END
$$;
GRANT USAGE ON SCHEMA hosho TO hosho_ledger;
GRANT SELECT ON hosho.guarantee TO hosho_ledger;

-- Everything made here (as the migrating superuser) goes to hosho_owner,
-- and nothing is PUBLIC's (090 section 10).
DO $$
DECLARE
	o record;
BEGIN
	FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
	          WHERE c.relnamespace = 'hosho'::regnamespace AND c.relkind = 'r'
	            AND pg_get_userbyid(c.relowner) <> 'hosho_owner' LOOP
		-- identity sequences follow their table
		EXECUTE format('ALTER TABLE %s OWNER TO hosho_owner', o.name);
	END LOOP;
	FOR o IN SELECT p.oid::regprocedure AS name, pg_get_userbyid(p.proowner) AS owner FROM pg_proc p
	          WHERE p.pronamespace = 'hosho'::regnamespace LOOP
		IF o.owner NOT IN ('hosho_owner', 'hosho_search', 'hosho_staff_keeper', 'hosho_ledger') THEN
			EXECUTE format('ALTER FUNCTION %s OWNER TO hosho_owner', o.name);
		END IF;
		EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', o.name);
	END LOOP;
END
$$;
ALTER SEQUENCE hosho.certificate_no_seq OWNER TO hosho_owner;
ALTER FUNCTION hosho.corporation_live_total() OWNER TO hosho_ledger;
GRANT EXECUTE ON FUNCTION hosho.require_staff() TO hosho_ledger;
GRANT EXECUTE ON FUNCTION hosho.corporation_live_total() TO hosho_owner;

-- Reading: the reference tables, and a case's data under row security.
GRANT SELECT ON hosho.guarantee_transition, hosho.decision_level, hosho.decision_limit,
	hosho.decision_level_grant, hosho.corporation, hosho.guarantee_history, hosho.certificate,
	hosho.insurance_notice, hosho.fee_receipt, hosho.repayment_schedule TO hosho_staff;

GRANT EXECUTE ON FUNCTION hosho.guarantee_get(bigint), hosho.certificate_document(text),
	hosho.my_decision_level(), hosho.guarantee_my_cases(text), hosho.guarantee_decision_queue(),
	hosho.company_guarantees(bigint), hosho.guarantee_history_list(bigint),
	hosho.guarantee_schedule_list(bigint), hosho.company_exposure_summary(bigint),
	hosho.corporation_exposure()
	TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.guarantee_checks(jsonb), hosho.guarantee_intake(jsonb, uuid),
	hosho.guarantee_review_start(bigint, int, uuid), hosho.guarantee_review_save(jsonb, uuid),
	hosho.guarantee_submit(bigint, int, uuid),
	hosho.guarantee_decide(bigint, int, boolean, text, text, uuid),
	hosho.guarantee_send_back(bigint, int, text, uuid),
	hosho.guarantee_withdraw(bigint, int, text, text, uuid),
	hosho.guarantee_issue(bigint, int, boolean, uuid), hosho.guarantee_execute(jsonb, uuid)
	TO hosho_clerk, hosho_supervisor;
