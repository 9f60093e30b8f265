-- 125_insurance_notice_screen.sql — 信用保険通知 for 総務企画課: the notices
-- that issuing a certificate writes (101), listed and marked as sent to JFC
-- in batches; and the guarantee case's legal transitions narrowed to those
-- the signed-in person may perform (the case screen offers only these keys).
--
-- Who handles the notices follows the guard (090): a duty gives the
-- privilege (EXECUTE), the section gives the reach. 総務企画担当 is a new
-- duty, hosho_planning; its holders in a section whose work is 'planning'
-- (総務部 総務企画課) read and mark the notices; an auditor of 検査室 reads
-- them. Both as data (hosho.insurance_notice_desk).

-- ===========================================================================
-- 1. The duty 総務企画担当
-- ===========================================================================
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hosho_planning') THEN
		CREATE ROLE hosho_planning NOLOGIN;
	END IF;
END
$$;
GRANT hosho_staff TO hosho_planning;
INSERT INTO hosho.duty VALUES ('hosho_planning', '総務企画担当', 7);
INSERT INTO hosho.duty_scope VALUES ('hosho_planning', 'section');

-- ===========================================================================
-- 2. Who reads and marks the notices
-- ===========================================================================
-- A holder of duty in a section whose work is section_duty (hosho.section.duty)
-- reads the notices of the whole corporation, and marks them sent when
-- may_mark. The function grants below follow the duties named here.
CREATE TABLE hosho.insurance_notice_desk (
	duty name NOT NULL REFERENCES hosho.duty,
	section_duty text NOT NULL,
	may_mark boolean NOT NULL,
	PRIMARY KEY (duty, section_duty)
);
INSERT INTO hosho.insurance_notice_desk VALUES
	('hosho_planning', 'planning', true),
	('hosho_auditor', 'audit', false);

-- What session_user may do with the notices: true mark (and read), false
-- read only, NULL nothing. Policies call it as (SELECT ...), once a query.
CREATE FUNCTION hosho.my_notice_desk() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT bool_or(d.may_mark)
	  FROM hosho.staff s
	  JOIN hosho.section sec USING (section_code)
	  JOIN hosho.insurance_notice_desk d ON d.section_duty = sec.duty
	 WHERE s.staff_role = session_user AND s.active AND pg_has_role(session_user, d.duty, 'MEMBER')
$$;

-- The desk sees every notice (the case's section is not theirs), and the
-- marking desk may change them, through its function only (no UPDATE
-- privilege for any duty). Permissive: beside the case's own scope (101).
CREATE POLICY insurance_notice_desk_read ON hosho.insurance_notice FOR SELECT
	USING ((SELECT hosho.my_notice_desk()) IS NOT NULL);
CREATE POLICY insurance_notice_desk_mark ON hosho.insurance_notice FOR UPDATE
	USING ((SELECT hosho.my_notice_desk()))
	WITH CHECK ((SELECT hosho.my_notice_desk()));

-- ===========================================================================
-- 3. Batches sent to JFC
-- ===========================================================================
-- One row per marking: who sent which notices on what date. The history of
-- the notices; written by insurance_notice_mark_sent only, never changed.
CREATE TABLE hosho.insurance_notice_batch (
	batch_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	sent_on date NOT NULL,
	notices int NOT NULL CHECK (notices > 0),
	amount bigint NOT NULL,
	sent_by name NOT NULL DEFAULT session_user,
	sent_at timestamptz NOT NULL DEFAULT now()
);
-- The batch a notice went in (NULL for those the demo book marks sent itself).
ALTER TABLE hosho.insurance_notice ADD COLUMN batch_id bigint REFERENCES hosho.insurance_notice_batch;
CREATE INDEX insurance_notice_sent_idx ON hosho.insurance_notice (sent_on) WHERE sent_on IS NOT NULL;

CREATE FUNCTION hosho.insurance_notice_batch_refuse() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	RAISE EXCEPTION USING ERRCODE = 'HS403', MESSAGE = '送付の記録は変更も削除もできません。';
END
$$;
CREATE TRIGGER insurance_notice_batch_append_only BEFORE UPDATE OR DELETE ON hosho.insurance_notice_batch
	FOR EACH ROW EXECUTE FUNCTION hosho.insurance_notice_batch_refuse();
CREATE TRIGGER insurance_notice_batch_no_truncate BEFORE TRUNCATE ON hosho.insurance_notice_batch
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.insurance_notice_batch_refuse();

INSERT INTO hosho.code_item VALUES ('insurance_notice_kind', 'issue', '引受', 1);

-- ===========================================================================
-- 4. The screen's list and its one write
-- ===========================================================================
-- HS403 unless session_user is at a notice desk (marking one when p_mark).
CREATE FUNCTION hosho.notice_desk_require(p_mark boolean) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	desk boolean := hosho.my_notice_desk();
BEGIN
	IF desk IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403',
			MESSAGE = '信用保険通知は総務企画課の業務です。この職員の所属では扱えません。';
	END IF;
	IF p_mark AND NOT desk THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403',
			MESSAGE = '信用保険通知を送付済にできるのは総務企画課の職員です。';
	END IF;
END
$$;

-- 信用保険通知: the notices not yet sent (p_sent_on NULL), or those sent on
-- p_sent_on (a batch, to export again), oldest first, at most p_limit.
-- Owned by hosho_report (BYPASSRLS): the desk reads the corporation's
-- notices with their company, whose section is not theirs; the desk is
-- checked here first.
CREATE FUNCTION hosho.insurance_notice_list(p_sent_on date, p_limit int)
RETURNS TABLE (notice_id bigint, noted_on date, certificate_no text, company_id bigint, company_name text,
	bank_name text, scheme_name text, kind text, kind_name text, amount bigint, sent_on date, batch_id bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	PERFORM hosho.notice_desk_require(false);
	RETURN QUERY SELECT n.notice_id, n.noted_on, n.certificate_no, g.company_id, c.name, b.name, s.name,
	       n.kind, hosho.code_label('insurance_notice_kind', n.kind), n.amount, n.sent_on, n.batch_id
	  FROM hosho.insurance_notice n
	  JOIN hosho.guarantee g USING (guarantee_id)
	  JOIN hosho.company c ON c.company_id = g.company_id
	  JOIN hosho.bank b ON b.bank_code = g.bank_code
	  JOIN hosho.scheme s ON s.scheme_code = g.scheme_code
	 WHERE CASE WHEN p_sent_on IS NULL THEN n.sent_on IS NULL ELSE n.sent_on = p_sent_on END
	 ORDER BY n.noted_on, n.notice_id
	 LIMIT p_limit;
END
$$;

-- Marks the notices p_notice_ids (those the screen listed) as sent to JFC on
-- p_sent_on, in one batch, all or none: a notice already sent (by another
-- member of the desk) or unknown refuses the whole. Answers the batch
-- {batch_id, sent_on, notices, amount}; a retry with the same request id
-- answers the first batch and changes nothing.
CREATE FUNCTION hosho.insurance_notice_mark_sent(p_notice_ids bigint[], p_sent_on date,
	p_request_id uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	ids bigint[] := ARRAY(SELECT DISTINCT x FROM unnest(p_notice_ids) x WHERE x IS NOT NULL ORDER BY x);
	found int;
	total bigint;
	first_noted date;
	batch bigint;
BEGIN
	PERFORM hosho.require_staff();
	PERFORM hosho.notice_desk_require(true);
	answer := hosho.request_claim(p_request_id, 'insurance_notice_mark_sent');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	IF p_sent_on IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'sent_on', MESSAGE = 'JFCへの送付日を入力してください。';
	END IF;
	IF p_sent_on > current_date THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'sent_on', MESSAGE = '送付日に先の日付は入れられません。';
	END IF;
	IF cardinality(ids) = 0 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'sent_on', MESSAGE = '送付済にする通知がありません。';
	END IF;
	SELECT count(*), sum(n.amount), min(n.noted_on) INTO found, total, first_noted
	  FROM (SELECT x.amount, x.noted_on FROM hosho.insurance_notice x
	         WHERE x.notice_id = ANY (ids) AND x.sent_on IS NULL
	         ORDER BY x.notice_id FOR UPDATE) n;
	IF found <> cardinality(ids) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409',
			MESSAGE = format('%s件のうち%s件は、すでに送付済か見つかりません。読み直してください。',
				cardinality(ids), cardinality(ids) - found),
			HINT = 'F5で一覧を読み直してから、送付済にし直してください。';
	END IF;
	IF p_sent_on < first_noted THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'sent_on',
			MESSAGE = format('送付日が通知日（%s）より前です。', first_noted);
	END IF;
	INSERT INTO hosho.insurance_notice_batch (sent_on, notices, amount) VALUES (p_sent_on, found, total)
	RETURNING batch_id INTO batch;
	UPDATE hosho.insurance_notice x SET sent_on = p_sent_on, batch_id = batch WHERE x.notice_id = ANY (ids);
	answer := jsonb_build_object('batch_id', batch, 'sent_on', p_sent_on, 'notices', found, 'amount', total);
	PERFORM hosho.log_access('change', 'insurance_notice_batch', batch::text, answer || jsonb_build_object('notice_ids', to_jsonb(ids)));
	RETURN hosho.request_answer(p_request_id, answer);
END
$$;

-- ===========================================================================
-- 5. A case's legal transitions, those the person may perform
-- ===========================================================================
-- Each transition's function, as has_function_privilege takes it (NULL:
-- none a person calls, the nightly lapse). Text, not regprocedure, which
-- pg_upgrade refuses in a table; checked by the cast as it is set.
ALTER TABLE hosho.guarantee_transition ADD COLUMN function text;
UPDATE hosho.guarantee_transition t SET function = f.fn::regprocedure::text
  FROM (VALUES ('review_start', 'hosho.guarantee_review_start(bigint, integer, uuid)'),
               ('review_save', 'hosho.guarantee_review_save(jsonb, uuid)'),
               ('submit', 'hosho.guarantee_submit(bigint, integer, uuid)'),
               ('approve', 'hosho.guarantee_decide(bigint, integer, boolean, text, text, uuid)'),
               ('reject', 'hosho.guarantee_decide(bigint, integer, boolean, text, text, uuid)'),
               ('send_back', 'hosho.guarantee_send_back(bigint, integer, text, uuid)'),
               ('withdraw', 'hosho.guarantee_withdraw(bigint, integer, text, text, uuid)'),
               ('issue', 'hosho.guarantee_issue(bigint, integer, boolean, uuid)'),
               ('execute', 'hosho.guarantee_execute(jsonb, uuid)')) f(action, fn)
 WHERE t.action = f.action;

-- As 101's, with `actions` the transitions legal from the case's state that
-- session_user may execute (the screen shows these keys; each function
-- decides again).
CREATE OR REPLACE FUNCTION hosho.guarantee_record(p_id bigint) RETURNS jsonb
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
		                      WHERE t.from_state = g.state AND (g.hold IS NULL OR t.action = 'withdraw')
		                        AND has_function_privilege(session_user, t.function, 'EXECUTE')), '{}'))
	  FROM hosho.guarantee g
	  JOIN hosho.company c USING (company_id)
	  JOIN hosho.bank b USING (bank_code)
	  JOIN hosho.bank_branch br USING (bank_code, branch_code)
	  JOIN hosho.scheme s USING (scheme_code)
	 WHERE g.guarantee_id = p_id
$$;

-- ===========================================================================
-- 6. Ownership and privileges
-- ===========================================================================
ALTER TABLE hosho.insurance_notice_desk OWNER TO hosho_owner;
ALTER TABLE hosho.insurance_notice_batch OWNER TO hosho_owner;
GRANT SELECT ON hosho.insurance_notice_desk TO hosho_staff;
ALTER FUNCTION hosho.my_notice_desk() OWNER TO hosho_owner;
ALTER FUNCTION hosho.notice_desk_require(boolean) OWNER TO hosho_owner;
ALTER FUNCTION hosho.insurance_notice_batch_refuse() OWNER TO hosho_owner;
ALTER FUNCTION hosho.insurance_notice_mark_sent(bigint[], date, uuid) OWNER TO hosho_owner;
ALTER FUNCTION hosho.insurance_notice_list(date, int) OWNER TO hosho_report;
REVOKE EXECUTE ON FUNCTION hosho.my_notice_desk(), hosho.notice_desk_require(boolean),
	hosho.insurance_notice_batch_refuse(), hosho.insurance_notice_mark_sent(bigint[], date, uuid),
	hosho.insurance_notice_list(date, int), hosho.guarantee_record(bigint) FROM PUBLIC;
-- The policies call my_notice_desk for every reader of the notices.
GRANT EXECUTE ON FUNCTION hosho.my_notice_desk() TO hosho_staff;
-- The list's owner reads what the list shows, and nothing else.
GRANT SELECT ON hosho.insurance_notice, hosho.certificate, hosho.scheme TO hosho_report;
GRANT EXECUTE ON FUNCTION hosho.my_notice_desk(), hosho.notice_desk_require(boolean) TO hosho_report;
GRANT EXECUTE ON FUNCTION hosho.insurance_notice_list(date, int) TO hosho_planning, hosho_auditor;
GRANT EXECUTE ON FUNCTION hosho.insurance_notice_mark_sent(bigint[], date, uuid) TO hosho_planning;
