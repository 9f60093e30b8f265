-- The sources and calls of the screens that came with the guard
-- (forms/approvals.yaml, staff.yaml, audit_*.yaml, and company.yaml's 反社
-- request): thin functions over 090's, taking what a form has (fields, a
-- chosen row, a request id) and naming the fields a refusal concerns.

-- Small code lists of the screens, as rows: a new one is an INSERT, not
-- another definition of the view.
CREATE TABLE hosho.code_item (
	list text NOT NULL,
	code text NOT NULL,
	label text NOT NULL,
	sort int NOT NULL,
	PRIMARY KEY (list, code)
);
INSERT INTO hosho.code_item VALUES
	-- 持ち出しの媒体 (個人データの持ち出し届出)
	('export_medium', 'paper', '紙', 1),
	('export_medium', 'usb', 'USBメモリ', 2),
	('export_medium', 'disc', 'CD・DVD', 3),
	('export_medium', 'mail', 'メール添付', 4),
	('export_medium', 'share', '共有フォルダ', 5),
	-- CSV の文字コード: Excel には CP932
	('csv_encoding', 'cp932', 'Excel (CP932)', 1),
	('csv_encoding', 'utf8', 'UTF-8', 2);
ALTER TABLE hosho.code_item OWNER TO hosho_owner;
GRANT SELECT ON hosho.code_item TO hosho_staff;

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
	UNION ALL SELECT 'guarantor', guarantor, name, sort, NULL, NULL FROM hosho.guarantor_kind
	UNION ALL SELECT 'duty', duty::text COLLATE "default", name, sort, NULL, NULL FROM hosho.duty
	UNION ALL SELECT list, code, label, sort, NULL, NULL FROM hosho.code_item;

-- 承認待ち: the requests the caller may decide, as the list shows them.
CREATE FUNCTION hosho.approval_list()
RETURNS TABLE (approval_id bigint, action_name text, object text, proposal text,
	requester_name text, requested_on date)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT q.approval_id, q.action_name,
	       CASE q.object_kind
	       WHEN 'company' THEN (SELECT format('%s %s', c.company_id, c.name)
	                              FROM hosho.company c WHERE c.company_id::text = q.object_id)
	       END,
	       coalesce((SELECT l.label FROM hosho.code_list l
	                  WHERE l.list = q.action AND l.code = q.payload->>'value'),
	                q.payload->>'value'),
	       q.requester_name, q.requested_at::date
	  FROM hosho.approval_queue() q
$$;

-- 反社チェック: the clerk's result, to be decided by a supervisor.
CREATE FUNCTION hosho.antisocial_request(p_company_id bigint, p_value text, p_version int,
	p_request_id uuid)
RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	col text;
	msg text;
	state text;
BEGIN
	IF p_company_id IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS010', COLUMN = 'antisocial_proposal',
			MESSAGE = '企業を登録してから依頼してください。';
	END IF;
	IF p_value IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS010', COLUMN = 'antisocial_proposal',
			MESSAGE = '依頼する照会結果を入力してください。';
	END IF;
	RETURN hosho.approval_request('company', p_company_id::text, 'antisocial_result',
		jsonb_build_object('value', p_value), p_version, p_request_id);
EXCEPTION WHEN OTHERS THEN
	-- The request's field on this screen is the proposal.
	GET STACKED DIAGNOSTICS col = COLUMN_NAME, msg = MESSAGE_TEXT, state = RETURNED_SQLSTATE;
	IF col = 'antisocial_result' THEN
		col := 'antisocial_proposal';
	END IF;
	RAISE EXCEPTION USING ERRCODE = state, MESSAGE = msg, COLUMN = coalesce(col, '');
END
$$;

-- 職員管理: a main duty and at most one more, as the screen has them.
CREATE FUNCTION hosho.staff_create_screen(p_login name, p_display_name text, p_section text,
	p_duty text, p_duty2 text, p_password text, p_request_id uuid)
RETURNS jsonb
LANGUAGE sql SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT hosho.staff_create(p_login, p_display_name, p_section,
		array_remove(ARRAY[p_duty, p_duty2], NULL), p_password, p_request_id)
$$;

CREATE FUNCTION hosho.staff_set_screen(p_login name, p_display_name text, p_section text,
	p_duty text, p_duty2 text, p_request_id uuid)
RETURNS jsonb
LANGUAGE sql SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT hosho.staff_set(p_login, p_display_name, p_section,
		array_remove(ARRAY[p_duty, p_duty2], NULL), p_request_id)
$$;

-- 監査: who opened or changed one company.
CREATE FUNCTION hosho.audit_company(p_company_id bigint, p_from date, p_to date)
RETURNS TABLE (at timestamptz, staff name, display_name text, section_name text,
	action_name text, object text, summary text)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT * FROM hosho.audit_by_object('company', p_company_id::text, p_from, p_to)
$$;

ALTER FUNCTION hosho.approval_list() OWNER TO hosho_owner;
ALTER FUNCTION hosho.antisocial_request(bigint, text, int, uuid) OWNER TO hosho_owner;
ALTER FUNCTION hosho.staff_create_screen(name, text, text, text, text, text, uuid) OWNER TO hosho_owner;
ALTER FUNCTION hosho.staff_set_screen(name, text, text, text, text, uuid) OWNER TO hosho_owner;
ALTER FUNCTION hosho.audit_company(bigint, date, date) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.approval_list(), hosho.antisocial_request(bigint, text, int, uuid),
	hosho.staff_create_screen(name, text, text, text, text, text, uuid),
	hosho.staff_set_screen(name, text, text, text, text, uuid),
	hosho.audit_company(bigint, date, date) FROM PUBLIC;
-- Who is offered each screen: those whose duty it is. The functions
-- beneath decide again.
GRANT EXECUTE ON FUNCTION hosho.approval_list() TO hosho_supervisor;
GRANT EXECUTE ON FUNCTION hosho.antisocial_request(bigint, text, int, uuid) TO hosho_clerk, hosho_supervisor;
GRANT EXECUTE ON FUNCTION hosho.staff_create_screen(name, text, text, text, text, text, uuid),
	hosho.staff_set_screen(name, text, text, text, text, uuid) TO hosho_admin;
GRANT EXECUTE ON FUNCTION hosho.audit_company(bigint, date, date) TO hosho_auditor;
