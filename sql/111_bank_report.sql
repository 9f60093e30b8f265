-- 111_bank_report.sql — the banks' monthly reports (doc/bank_report.md):
-- one CSV file of one bank for one reporting date, every line checked,
-- applied whole, or its valid lines only when the clerk says so, and a
-- file (by its SHA-256) applied once.
--
--   1. code lists: the kinds of line, the fields, the states
--   2. the file and its lines
--   3. reading values as banks write them (ISO or 和暦 dates, yen)
--   4. staging: the client COPYs into a session temp table the database made
--   5. the checks (set-based, one UPDATE per kind of error)
--   6. load, apply, and the lists of the import screen
--   7. row security, privileges
--
-- Errors as 101: HS403 not allowed, HS404 not found in the caller's scope,
-- HS409 conflict (applied already, errors in an apply of all lines),
-- HS422 a refused value (COLUMN names the field).

-- ===========================================================================
-- 1. Code lists
-- ===========================================================================
-- The kinds a line reports, the states of the case each is accepted in
-- (data: 'executed' also when the same file reports the execution first),
-- and the fields each needs.
CREATE TABLE hosho.bank_report_kind (
	kind text PRIMARY KEY,
	label text NOT NULL UNIQUE,
	accepts_state text NOT NULL,
	needs text[] NOT NULL,
	sort int NOT NULL
);
INSERT INTO hosho.bank_report_kind VALUES
	('execution', '実行', 'issued', '{amount}', 1),
	('repayment', '返済', 'executed', '{amount,balance}', 2),
	('balance', '残高', 'executed', '{balance}', 3),
	('payoff', '完済', 'executed', '{}', 4),
	('delinquency', '延滞', 'executed', '{months_overdue,amount_overdue}', 5),
	('accident', '事故', 'executed', '{}', 6);

INSERT INTO hosho.code_item
SELECT 'bank_report_kind', kind, label, sort FROM hosho.bank_report_kind;
INSERT INTO hosho.code_item VALUES
	-- the fields of a line, in the file's order (the header's names)
	('bank_report_field', 'bank_code', '金融機関コード', 1),
	('bank_report_field', 'reported_on', '報告基準日', 2),
	('bank_report_field', 'certificate_no', '保証番号', 3),
	('bank_report_field', 'kind', '区分', 4),
	('bank_report_field', 'event_on', '発生日', 5),
	('bank_report_field', 'amount', '金額', 6),
	('bank_report_field', 'balance', '残高', 7),
	('bank_report_field', 'months_overdue', '延滞月数', 8),
	('bank_report_field', 'amount_overdue', '延滞金額', 9),
	('bank_report_field', 'cause', '原因', 10),
	('bank_report_field', 'line', '行', 11),
	('bank_report_state', 'loaded', '点検済・未反映', 1),
	('bank_report_state', 'applied', '反映済', 2),
	('bank_report_mode', 'all', '全行を反映', 1),
	('bank_report_mode', 'valid', '正しい行のみ反映', 2),
	('bank_report_encoding', 'utf-8', 'UTF-8', 1),
	('bank_report_encoding', 'cp932', 'Excel (CP932)', 2),
	('guarantee_action', 'bank_balance', '残高報告', 20)
ON CONFLICT DO NOTHING;

-- ===========================================================================
-- 2. The file and its lines
-- ===========================================================================
-- One row per file loaded. The file's bank and date are its first data
-- line's (or the clerk's --bank); NULL when even those cannot be read.
-- sha256: of the file's text as UTF-8 lines joined by LF, so the same
-- report saved as CP932 or UTF-8, with or without BOM or CR, is one file.
CREATE TABLE hosho.bank_report_file (
	file_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	bank_code char(4) REFERENCES hosho.bank,
	reported_on date,
	sha256 bytea NOT NULL CHECK (length(sha256) = 32),
	file_name text NOT NULL,
	encoding text NOT NULL CHECK (encoding IN ('utf-8', 'cp932')),
	line_count int NOT NULL CHECK (line_count >= 0),
	error_count int NOT NULL CHECK (error_count >= 0),
	state text NOT NULL DEFAULT 'loaded' CHECK (state IN ('loaded', 'applied')),
	mode text CHECK (mode IN ('all', 'valid')),
	applied_count int,
	section_code text NOT NULL REFERENCES hosho.section,
	loaded_by name NOT NULL DEFAULT session_user,
	loaded_at timestamptz NOT NULL DEFAULT now(),
	applied_by name,
	applied_at timestamptz,
	CHECK ((state = 'applied') = (mode IS NOT NULL AND applied_by IS NOT NULL AND applied_at IS NOT NULL
	                              AND applied_count IS NOT NULL))
);
-- A file is applied once: a second apply of the same content fails here
-- even when two clerks load and apply it at the same moment.
CREATE UNIQUE INDEX bank_report_file_applied_once ON hosho.bank_report_file (sha256) WHERE state = 'applied';
CREATE INDEX bank_report_file_sha_idx ON hosho.bank_report_file (sha256);
CREATE INDEX bank_report_file_section_idx ON hosho.bank_report_file (section_code, loaded_at);

-- One row per data line (the header, line 1, is not kept): the fields as
-- the bank wrote them, the values read from them, the case they name, and
-- the first error found (its field and message), NULL when the line is
-- valid. stage: 1 an error of the line itself, 2 one against the case
-- (checked again when the file is applied).
CREATE TABLE hosho.bank_report_line (
	file_id bigint NOT NULL REFERENCES hosho.bank_report_file ON DELETE CASCADE,
	line_no int NOT NULL CHECK (line_no >= 2),
	fields text[],
	bank_code text,
	reported_on date,
	certificate_no text,
	kind text REFERENCES hosho.bank_report_kind,
	event_on date,
	amount bigint,
	balance bigint,
	months_overdue int,
	amount_overdue bigint,
	cause text,
	guarantee_id bigint REFERENCES hosho.guarantee,
	error_field text,
	error_message text,
	error_stage smallint CHECK (error_stage IN (1, 2)),
	applied boolean NOT NULL DEFAULT false,
	PRIMARY KEY (file_id, line_no),
	CHECK ((error_message IS NULL) = (error_field IS NULL AND error_stage IS NULL)),
	CHECK (NOT applied OR error_message IS NULL)
);
CREATE INDEX bank_report_line_errors_idx ON hosho.bank_report_line (file_id, line_no) WHERE error_message IS NOT NULL;
CREATE INDEX bank_report_line_guarantee_idx ON hosho.bank_report_line (guarantee_id) WHERE guarantee_id IS NOT NULL;

-- ===========================================================================
-- 3. Values as banks write them
-- ===========================================================================
-- The readers of values are called for every field of every line: the
-- SQL ones carry no SET clause, so the planner inlines them (their names
-- are schema-qualified; they run inside bank_report_load's pinned path).
--
-- Full-width digits and separators (Excel with a Japanese IME) as ASCII,
-- spaces trimmed.
CREATE FUNCTION hosho.report_ascii(p text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT btrim(translate(p, '０１２３４５６７８９，．／－　', '0123456789,./- '))
$$;

-- Yen: digits with or without thousands separators, an optional 円; NULL
-- when empty or not an amount.
CREATE FUNCTION hosho.report_yen(p text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN replace(hosho.report_ascii(p), ',', '') ~ '^[0-9]{1,15}円?$'
	            THEN rtrim(replace(hosho.report_ascii(p), ',', ''), '円')::bigint END
$$;

-- A date written ISO (2026-10-31, 2026/10/31, 20261031) or by era
-- (R8.10.31, 令和8年10月31日, H31.4.30, 元年 for the first year); NULL when
-- it is none of these or no such day (R1.4.30: 令和 began 2019-05-01).
-- report_date takes the usual ISO day itself (a line has two dates: this
-- is most of the cost of reading one).
CREATE FUNCTION hosho.report_date_any(p text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	v text := hosho.report_ascii(p);
	m text[];
	y int;
	mo int;
	d int;
	era_from date;
	era_to date;
BEGIN
	IF v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
		m := ARRAY[substr(v, 1, 4), substr(v, 6, 2), substr(v, 9, 2)];
	ELSIF v ~ '^[0-9]{8}$' THEN
		m := ARRAY[substr(v, 1, 4), substr(v, 5, 2), substr(v, 7, 2)];
	ELSE
		m := regexp_match(v, '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$');
	END IF;
	IF m IS NULL THEN
		m := regexp_match(v, '^(令和|平成|昭和|[RHSrhs])\s*(元|[0-9]{1,2})\s*[.年/-]\s*([0-9]{1,2})\s*[.月/-]\s*([0-9]{1,2})\s*日?$');
		IF m IS NULL THEN
			RETURN NULL;
		END IF;
		CASE upper(m[1])
			WHEN '令和', 'R' THEN era_from := DATE '2019-05-01'; era_to := 'infinity';
			WHEN '平成', 'H' THEN era_from := DATE '1989-01-08'; era_to := DATE '2019-04-30';
			ELSE era_from := DATE '1926-12-25'; era_to := DATE '1989-01-07';
		END CASE;
		y := extract(year FROM era_from)::int - 1 + CASE WHEN m[2] = '元' THEN 1 ELSE m[2]::int END;
		m := ARRAY[y::text, m[3], m[4]];
	END IF;
	y := m[1]::int;
	mo := m[2]::int;
	d := m[3]::int;
	IF mo NOT BETWEEN 1 AND 12 OR d < 1
	   OR d > extract(day FROM make_date(y, mo, 1) + interval '1 month' - interval '1 day') THEN
		RETURN NULL;
	END IF;
	IF era_from IS NOT NULL AND make_date(y, mo, d) NOT BETWEEN era_from AND era_to THEN
		RETURN NULL;
	END IF;
	RETURN make_date(y, mo, d);
END
$$;

CREATE FUNCTION hosho.report_date(p text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN p ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
	            THEN CASE WHEN substr(p, 9, 2)::int <= extract(day FROM make_date(substr(p, 1, 4)::int,
	                           substr(p, 6, 2)::int, 1) + interval '1 month - 1 day') THEN p::date END
	            ELSE hosho.report_date_any(p) END
$$;

-- The fields of one CSV line (RFC 4180 quoting: "a,b" and "" for a quote);
-- NULL when its quotes do not pair. The usual line has no quote at all and
-- is split without a regular expression.
CREATE FUNCTION hosho.report_fields(p text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT CASE WHEN strpos(p, '"') = 0 THEN string_to_array(p, ',')
	       ELSE (SELECT CASE WHEN string_agg(r.m[1], ',' ORDER BY r.n) = p
	                         THEN array_agg(CASE WHEN r.m[1] LIKE '"%'
	                                             THEN replace(substr(r.m[1], 2, length(r.m[1]) - 2), '""', '"')
	                                             ELSE r.m[1] END ORDER BY r.n) END
	               FROM regexp_matches(p || ',', '("(?:[^"]|"")*"|[^,"]*),', 'g') WITH ORDINALITY AS r(m, n))
	       END
$$;

-- A field's Japanese name (the header's).
CREATE FUNCTION hosho.report_field_name(p_field text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT hosho.code_label('bank_report_field', p_field)
$$;

-- ===========================================================================
-- 4. Staging
-- ===========================================================================
-- The client may write one thing only: the lines of the file it is
-- loading, into pg_temp.bank_report_in, which bank_report_begin makes
-- (owned by hosho_owner, INSERT granted to the caller alone, gone with the
-- session). COPY is fast; nothing it holds is trusted: bank_report_load
-- reads it as text and checks everything.
--   line_no    the line's number in the file (1 = the header)
--   raw        the line as UTF-8 (converted by the client), without CR/LF
--   undecodable true when some bytes were not of the file's encoding
CREATE FUNCTION hosho.bank_report_begin() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	-- (DROP IF EXISTS would send a notice when the session has no temp schema yet)
	IF to_regclass('pg_temp.bank_report_in') IS NOT NULL THEN
		DROP TABLE pg_temp.bank_report_in;
	END IF;
	CREATE TEMP TABLE bank_report_in (
		line_no int NOT NULL PRIMARY KEY CHECK (line_no >= 1),
		raw text NOT NULL,
		undecodable boolean NOT NULL DEFAULT false
	);
	EXECUTE format('GRANT INSERT ON pg_temp.bank_report_in TO %I', session_user);
END
$$;

-- What the client staged (read by name at run time: the table is the
-- session's own).
CREATE FUNCTION hosho.bank_report_staged() RETURNS TABLE (line_no int, raw text, undecodable boolean)
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	staged regclass := to_regclass('pg_temp.bank_report_in');
BEGIN
	IF staged IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409',
			MESSAGE = '取り込む行がありません。ファイルの送信からやり直してください。';
	END IF;
	RETURN QUERY EXECUTE format('SELECT s.line_no, s.raw, s.undecodable FROM %s s', staged);
END
$$;

-- ===========================================================================
-- 5. The checks
-- ===========================================================================
-- The case each line names is read under row security: a certificate
-- outside the caller's scope is as unknown as a wrong number.
-- Stage 2 (against the cases) runs at load and again at apply, when the
-- cases may have moved on; each UPDATE marks only lines still valid, so
-- a line keeps the first error found, in the order below.
CREATE FUNCTION hosho.bank_report_check(p_file_id bigint) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	n int;
BEGIN
	UPDATE hosho.bank_report_line l SET error_field = NULL, error_message = NULL, error_stage = NULL
	 WHERE l.file_id = p_file_id AND l.error_stage = 2;

	-- the certificate is this bank's
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'certificate_no',
	       error_message = format('保証番号%sは%sの保証です。', l.certificate_no, b.name)
	  FROM hosho.guarantee g JOIN hosho.bank b USING (bank_code), hosho.bank_report_file f
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND g.guarantee_id = l.guarantee_id
	   AND f.file_id = l.file_id AND g.bank_code IS DISTINCT FROM f.bank_code;

	-- the same event twice; an execution or a payoff once per case
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'certificate_no',
	       error_message = format('%s行目と同じ保証の%sです。', d.first_line, k.label)
	  FROM (SELECT x.line_no, min(x.line_no) OVER w AS first_line
	          FROM hosho.bank_report_line x
	         WHERE x.file_id = p_file_id AND x.error_message IS NULL
	        WINDOW w AS (PARTITION BY x.guarantee_id, x.kind,
	                     CASE WHEN x.kind IN ('execution', 'payoff') THEN NULL ELSE x.event_on END)) d,
	       hosho.bank_report_kind k
	 WHERE l.file_id = p_file_id AND l.line_no = d.line_no AND d.first_line < d.line_no AND k.kind = l.kind;

	-- a held case takes nothing
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'kind',
	       error_message = format('%sのため処理できません。', hosho.code_label('guarantee_hold', g.hold))
	  FROM hosho.guarantee g
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND g.guarantee_id = l.guarantee_id
	   AND g.hold IS NOT NULL;

	-- an execution: of an issued case, within the approved amount, above
	-- the balloon, within the certificate's validity (guarantee_execute's
	-- rules)
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'kind',
	       error_message = format('「%s」の保証には%sを報告できません。',
	                              hosho.code_label('guarantee_state', g.state), k.label)
	  FROM hosho.guarantee g, hosho.bank_report_kind k
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND l.kind = 'execution'
	   AND g.guarantee_id = l.guarantee_id AND k.kind = l.kind AND g.state <> k.accepts_state;
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'amount',
	       error_message = CASE WHEN l.amount > g.approved_amount
	                            THEN format('実行金額%sが承諾額%sを超えています。', hosho.yen_text(l.amount),
	                                        hosho.yen_text(g.approved_amount))
	                            ELSE format('実行金額%sが最終回増額%s以下です。', hosho.yen_text(l.amount),
	                                        hosho.yen_text(g.balloon_yen)) END
	  FROM hosho.guarantee g
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND l.kind = 'execution'
	   AND g.guarantee_id = l.guarantee_id AND (l.amount > g.approved_amount OR g.balloon_yen >= l.amount);
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'event_on',
	       error_message = format('実行日は保証書の発行日%sから有効期限%sまでの日付です。', g.issued_on, g.valid_until)
	  FROM hosho.guarantee g
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND l.kind = 'execution'
	   AND g.guarantee_id = l.guarantee_id AND l.event_on NOT BETWEEN g.issued_on AND g.valid_until;

	-- anything else: of an executed case, or of one whose execution this
	-- file reports validly
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'kind',
	       error_message = format('「%s」の保証には%sを報告できません。',
	                              hosho.code_label('guarantee_state', g.state), k.label)
	  FROM hosho.guarantee g, hosho.bank_report_kind k
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND l.kind <> 'execution'
	   AND g.guarantee_id = l.guarantee_id AND k.kind = l.kind AND g.state <> k.accepts_state
	   AND NOT (k.accepts_state = 'executed' AND g.state = 'issued'
	            AND EXISTS (SELECT FROM hosho.bank_report_line e
	                         WHERE e.file_id = p_file_id AND e.guarantee_id = l.guarantee_id
	                           AND e.kind = 'execution' AND e.error_message IS NULL));

	-- after execution: not before the execution date, and a balance never
	-- above the executed amount (this file's execution, else the case's)
	UPDATE hosho.bank_report_line l SET error_stage = 2,
	       error_field = CASE WHEN l.event_on < x.executed_on THEN 'event_on' ELSE 'balance' END,
	       error_message = CASE WHEN l.event_on < x.executed_on
	                            THEN format('発生日が実行日%sより前です。', x.executed_on)
	                            ELSE format('残高%sが実行金額%sを超えています。', hosho.yen_text(l.balance),
	                                        hosho.yen_text(x.executed_amount)) END
	  FROM (SELECT g.guarantee_id, coalesce(e.event_on, g.executed_on) AS executed_on,
	               coalesce(e.amount, g.executed_amount) AS executed_amount
	          FROM hosho.guarantee g
	          LEFT JOIN hosho.bank_report_line e ON e.file_id = p_file_id AND e.guarantee_id = g.guarantee_id
	                AND e.kind = 'execution' AND e.error_message IS NULL
	         WHERE g.guarantee_id IN (SELECT y.guarantee_id FROM hosho.bank_report_line y
	                                   WHERE y.file_id = p_file_id AND y.kind <> 'execution')) x
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND l.kind <> 'execution'
	   AND x.guarantee_id = l.guarantee_id
	   AND (l.event_on < x.executed_on OR l.balance > x.executed_amount);

	-- a delinquency or accident report no older than the open record's
	-- last (delinquency_apply keeps reports in order)
	UPDATE hosho.bank_report_line l SET error_stage = 2, error_field = 'event_on',
	       error_message = format('発生日が延滞の最新の報告日%sより前です。', d.reported_on)
	  FROM hosho.delinquency d
	 WHERE l.file_id = p_file_id AND l.error_message IS NULL AND l.kind IN ('delinquency', 'accident')
	   AND d.guarantee_id = l.guarantee_id AND d.closed_on IS NULL AND l.event_on < d.reported_on;

	SELECT count(*) INTO n FROM hosho.bank_report_line l WHERE l.file_id = p_file_id AND l.error_message IS NOT NULL;
	UPDATE hosho.bank_report_file f SET error_count = n WHERE f.file_id = p_file_id;
	RETURN n;
END
$$;

-- ===========================================================================
-- 6. Load, apply, lists
-- ===========================================================================
-- The file as the import screen and the CLI show it.
CREATE FUNCTION hosho.bank_report_record(p_file_id bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT to_jsonb(f) - 'sha256' || jsonb_build_object(
		'sha256', encode(f.sha256, 'hex'),
		'bank_name', (SELECT b.name FROM hosho.bank b WHERE b.bank_code = f.bank_code),
		'state_name', hosho.code_label('bank_report_state', f.state),
		'mode_name', (SELECT i.label FROM hosho.code_item i WHERE i.list = 'bank_report_mode' AND i.code = f.mode),
		'loaded_by_name', (SELECT s.display_name FROM hosho.staff s WHERE s.staff_role = f.loaded_by),
		'applied_by_name', (SELECT s.display_name FROM hosho.staff s WHERE s.staff_role = f.applied_by),
		'valid_count', f.line_count - f.error_count,
		'kinds', coalesce((SELECT jsonb_object_agg(k.kind, k.n) FROM
		                   (SELECT l.kind, count(*) AS n FROM hosho.bank_report_line l
		                     WHERE l.file_id = f.file_id AND l.error_message IS NULL GROUP BY l.kind) k), '{}'))
	  FROM hosho.bank_report_file f
	 WHERE f.file_id = p_file_id
$$;

-- Refuses a file whose content was applied already, naming when and by whom.
CREATE FUNCTION hosho.bank_report_refuse_applied(p_sha256 bytea) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	f hosho.bank_report_file;
BEGIN
	SELECT * INTO f FROM hosho.bank_report_file x WHERE x.sha256 = p_sha256 AND x.state = 'applied';
	IF FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409',
			MESSAGE = format('このファイルは%sに%sが取り込み済みです（取込番号%s）。',
				to_char(f.applied_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'),
				coalesce((SELECT s.display_name FROM hosho.staff s WHERE s.staff_role = f.applied_by), f.applied_by),
				f.file_id);
	END IF;
END
$$;

-- 取込: reads the staged lines, records the file and every data line with
-- its values and its first error. p_file: {file_name, encoding ('utf-8' or
-- 'cp932'), bank (optional: the bank the clerk expects)}. Nothing about a
-- guarantee changes here. Answers bank_report_record.
CREATE FUNCTION hosho.bank_report_load(p_file jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	id bigint;
	enc text := coalesce(p_file->>'encoding', 'utf-8');
	header text;
	digest bytea;
	lines int;
	file_bank text;
	file_on date;
	expected_bank text := nullif(btrim(p_file->>'bank'), '');
	first text[];
	bank_known boolean;
BEGIN
	PERFORM hosho.require_staff();
	IF enc NOT IN ('utf-8', 'cp932') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'encoding',
			MESSAGE = '文字コードは utf-8 か cp932 です。';
	END IF;
	IF coalesce(btrim(p_file->>'file_name'), '') = '' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'file_name', MESSAGE = 'ファイル名がありません。';
	END IF;
	-- one pass for what the file as a whole is: its digest, its size, its
	-- header and its first data line
	SELECT sha256(string_agg(convert_to(s.raw, 'UTF8'), '\x0a'::bytea ORDER BY s.line_no)), count(*),
	       array_to_string(hosho.report_fields(max(s.raw) FILTER (WHERE s.line_no = 1)), ','),
	       hosho.report_fields(max(s.raw) FILTER (WHERE s.line_no = 2))
	  INTO digest, lines, header, first
	  FROM hosho.bank_report_staged() s;
	IF lines = 0 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'file_name', MESSAGE = 'ファイルが空です。';
	END IF;
	PERFORM hosho.bank_report_refuse_applied(digest);
	-- the header: the layout's names, Japanese or English
	IF header IS NULL OR translate(header, ' 　"', '') NOT IN (
	       'bank_code,reported_on,certificate_no,kind,event_on,amount,balance,months_overdue,amount_overdue,cause',
	       (SELECT string_agg(i.label, ',' ORDER BY i.sort) FROM hosho.code_item i
	         WHERE i.list = 'bank_report_field' AND i.code <> 'line')) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'file_name',
			MESSAGE = '1行目が銀行報告の見出し行ではありません（doc/bank_report.md の様式）。',
			DETAIL = coalesce(left(header, 200), '');
	END IF;
	-- the file's bank and date: the clerk's bank, else the first data line's
	file_bank := coalesce(expected_bank, hosho.report_ascii(first[1]));
	file_on := hosho.report_date(first[2]);
	bank_known := EXISTS (SELECT FROM hosho.bank b WHERE b.bank_code = file_bank);
	IF expected_bank IS NOT NULL AND NOT EXISTS (SELECT FROM hosho.bank b WHERE b.bank_code = expected_bank) THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'bank',
			MESSAGE = format('金融機関コード%sは登録されていません。', expected_bank);
	END IF;
	INSERT INTO hosho.bank_report_file (bank_code, reported_on, sha256, file_name, encoding, line_count,
		error_count, section_code)
	VALUES ((SELECT b.bank_code FROM hosho.bank b WHERE b.bank_code = file_bank), file_on, digest,
		btrim(p_file->>'file_name'), enc, lines - 1, 0,
		(SELECT s.section_code FROM hosho.staff s WHERE s.staff_role = session_user))
	RETURNING file_id INTO id;

	-- every data line, read, with its case (under row security) and the
	-- first error of the line itself (stage 1)
	INSERT INTO hosho.bank_report_line (file_id, line_no, fields, bank_code, reported_on, certificate_no, kind,
		event_on, amount, balance, months_overdue, amount_overdue, cause, guarantee_id,
		error_field, error_message, error_stage)
	SELECT id, s.line_no, v.f, v.bank, v.on_, v.cert, k.kind, v.ev, v.amount, v.balance,
	       CASE WHEN v.months ~ '^[0-9]{1,3}$' THEN v.months::int END, v.overdue, v.cause, ce.guarantee_id,
	       err.e[1], err.e[2], CASE WHEN err.e IS NOT NULL THEN 1 END
	  FROM hosho.bank_report_staged() s
	  -- OFFSET 0: each value read once per line, not once per use
	  CROSS JOIN LATERAL (SELECT hosho.report_fields(s.raw) AS f OFFSET 0) r
	  CROSS JOIN LATERAL (SELECT r.f,
	         hosho.report_ascii(r.f[1]) AS bank, hosho.report_date(r.f[2]) AS on_,
	         hosho.report_ascii(r.f[3]) AS cert, btrim(r.f[4]) AS kind_text,
	         hosho.report_date(r.f[5]) AS ev, hosho.report_yen(r.f[6]) AS amount,
	         hosho.report_yen(r.f[7]) AS balance, hosho.report_ascii(r.f[8]) AS months,
	         hosho.report_yen(r.f[9]) AS overdue, nullif(btrim(r.f[10]), '') AS cause OFFSET 0) v
	  LEFT JOIN hosho.bank_report_kind k ON k.kind = lower(v.kind_text) OR k.label = v.kind_text
	  LEFT JOIN hosho.certificate ce ON ce.certificate_no = v.cert
	  -- the first error of the line itself, in the order of the layout
	  CROSS JOIN LATERAL (SELECT CASE
	         WHEN s.undecodable
	              THEN ARRAY['line', format('%sとして読めない文字があります。', hosho.code_label('bank_report_encoding', enc))]
	         WHEN r.f IS NULL
	              THEN ARRAY['line', '引用符（"）の対応が正しくありません。']
	         WHEN cardinality(r.f) <> 10
	              THEN ARRAY['line', format('項目の数が%sです（10項目の様式です）。', cardinality(r.f))]
	         WHEN NOT bank_known
	              THEN ARRAY['bank_code', format('金融機関コード%sは登録されていません。', coalesce(file_bank, ''))]
	         WHEN v.bank IS DISTINCT FROM file_bank
	              THEN ARRAY['bank_code', format('金融機関コード%sがファイルの金融機関%sと異なります。', v.bank, file_bank)]
	         WHEN v.on_ IS NULL
	              THEN ARRAY['reported_on', '報告基準日が日付ではありません。']
	         WHEN v.on_ IS DISTINCT FROM file_on
	              THEN ARRAY['reported_on', format('報告基準日%sがファイルの報告基準日%sと異なります。', v.on_, file_on)]
	         WHEN v.on_ > current_date
	              THEN ARRAY['reported_on', '報告基準日が未来の日付です。']
	         WHEN v.cert = ''
	              THEN ARRAY['certificate_no', '保証番号がありません。']
	         WHEN k.kind IS NULL
	              THEN ARRAY['kind', format('区分「%s」は実行・返済・残高・完済・延滞・事故のいずれでもありません。', v.kind_text)]
	         WHEN v.ev IS NULL
	              THEN ARRAY['event_on', '発生日が日付ではありません。']
	         WHEN v.ev > v.on_
	              THEN ARRAY['event_on', '発生日が報告基準日より後です。']
	         WHEN v.amount IS NULL AND btrim(r.f[6]) <> ''
	              THEN ARRAY['amount', '金額が円単位の数字ではありません。']
	         WHEN v.amount IS NULL AND 'amount' = ANY (k.needs)
	              THEN ARRAY['amount', format('%sには金額が必要です。', k.label)]
	         WHEN v.amount = 0 AND k.kind = 'execution'
	              THEN ARRAY['amount', '実行金額は1円以上です。']
	         WHEN v.balance IS NULL AND btrim(r.f[7]) <> ''
	              THEN ARRAY['balance', '残高が円単位の数字ではありません。']
	         WHEN v.balance IS NULL AND 'balance' = ANY (k.needs)
	              THEN ARRAY['balance', format('%sには残高が必要です。', k.label)]
	         WHEN v.months <> '' AND v.months !~ '^[0-9]{1,3}$'
	              THEN ARRAY['months_overdue', '延滞月数が整数ではありません。']
	         WHEN v.months = '' AND 'months_overdue' = ANY (k.needs)
	              THEN ARRAY['months_overdue', format('%sには延滞月数が必要です。', k.label)]
	         WHEN v.overdue IS NULL AND btrim(r.f[9]) <> ''
	              THEN ARRAY['amount_overdue', '延滞金額が円単位の数字ではありません。']
	         WHEN v.overdue IS NULL AND 'amount_overdue' = ANY (k.needs)
	              THEN ARRAY['amount_overdue', format('%sには延滞金額が必要です。', k.label)]
	         WHEN ce.guarantee_id IS NULL
	              THEN ARRAY['certificate_no', format('保証番号%sは見つからないか、担当範囲外です。', v.cert)]
	         END AS e) err
	 WHERE s.line_no > 1;

	-- the checks join the new lines: the planner must know how many
	ANALYZE hosho.bank_report_line;
	PERFORM hosho.bank_report_check(id);
	DROP TABLE pg_temp.bank_report_in;
	PERFORM hosho.log_access('change', 'bank_report_file', id::text,
		jsonb_build_object('action', 'load', 'file_name', p_file->>'file_name', 'lines', lines - 1));
	RETURN hosho.bank_report_record(id);
END
$$;

-- 反映: the file's lines applied to the cases, in one transaction: p_mode
-- 'all' only when every line is valid (checked again now, under the
-- cases' locks; else nothing is applied and the answer's 'refused' says
-- why), 'valid' the valid lines only. Executions through
-- guarantee_execute's rules; repayments and balances set the balance to
-- the line's (the last of the case, by date then line); delinquencies and
-- accidents to delinquency_apply (110); payoffs to payoff_apply (110: the
-- case repaid, its refund payable).
CREATE FUNCTION hosho.bank_report_apply(p_file_id bigint, p_mode text, p_request_id uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	answer jsonb;
	f hosho.bank_report_file;
	errors int;
	l record;
	applied int;
BEGIN
	PERFORM hosho.require_staff();
	answer := hosho.request_claim(p_request_id, 'bank_report_apply');
	IF answer IS NOT NULL THEN
		RETURN answer;
	END IF;
	IF p_mode IS NULL OR p_mode NOT IN ('all', 'valid') THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'mode',
			MESSAGE = '反映の方法は all（全行）か valid（正しい行のみ）です。';
	END IF;
	SELECT * INTO f FROM hosho.bank_report_file x WHERE x.file_id = p_file_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404', MESSAGE = 'この取込は見つからないか、担当範囲外です。';
	END IF;
	PERFORM hosho.bank_report_refuse_applied(f.sha256);
	-- the cases, locked in one order (no deadlock with another import)
	PERFORM FROM hosho.guarantee g
	 WHERE g.guarantee_id IN (SELECT x.guarantee_id FROM hosho.bank_report_line x WHERE x.file_id = p_file_id)
	 ORDER BY g.guarantee_id FOR UPDATE OF g;
	errors := hosho.bank_report_check(p_file_id);
	-- Refused, but not raised: the errors the check found now (a case that
	-- moved on since the load) are kept for the clerk's list.
	IF p_mode = 'all' AND errors > 0 THEN
		RETURN hosho.request_answer(p_request_id, hosho.bank_report_record(p_file_id) || jsonb_build_object('refused',
			format('誤りのある行が%s行あるため、全行の反映はできません。正しい行のみ反映するか、ファイルを直してください。', errors)));
	END IF;

	FOR l IN SELECT x.guarantee_id, x.event_on, x.amount, g.version
	           FROM hosho.bank_report_line x JOIN hosho.guarantee g USING (guarantee_id)
	          WHERE x.file_id = p_file_id AND x.error_message IS NULL AND x.kind = 'execution'
	          ORDER BY x.line_no LOOP
		PERFORM hosho.guarantee_execute(jsonb_build_object('id', l.guarantee_id, 'version', l.version,
			'executed_on', l.event_on, 'executed_amount', l.amount));
	END LOOP;

	-- balances: the last reported of each case
	WITH last AS (
		SELECT DISTINCT ON (x.guarantee_id) x.guarantee_id, x.balance, x.event_on, x.line_no
		  FROM hosho.bank_report_line x
		 WHERE x.file_id = p_file_id AND x.error_message IS NULL AND x.kind IN ('repayment', 'balance')
		 ORDER BY x.guarantee_id, x.event_on DESC, x.line_no DESC),
	changed AS (
		UPDATE hosho.guarantee g SET balance = last.balance
		  FROM last
		 WHERE g.guarantee_id = last.guarantee_id
		RETURNING g.guarantee_id, g.state, last.balance, last.event_on, last.line_no)
	INSERT INTO hosho.guarantee_history (guarantee_id, action, state_before, state_after, detail)
	SELECT c.guarantee_id, 'bank_balance', c.state, c.state,
	       jsonb_build_object('balance', c.balance, 'event_on', c.event_on, 'file_id', p_file_id, 'line_no', c.line_no)
	  FROM changed c;

	-- delinquencies and accidents (110's rules: open, rank, accident,
	-- normalised), then payoffs (repaid, the refund payable)
	FOR l IN SELECT x.guarantee_id, x.kind, x.event_on, x.months_overdue, x.amount_overdue, x.cause, g.balance,
	                (SELECT i.code FROM hosho.code_item i WHERE i.list = 'delinquency_cause'
	                    AND x.cause IN (i.code, i.label)) AS cause_code
	           FROM hosho.bank_report_line x JOIN hosho.guarantee g USING (guarantee_id)
	          WHERE x.file_id = p_file_id AND x.error_message IS NULL AND x.kind IN ('delinquency', 'accident')
	          ORDER BY x.event_on, x.line_no LOOP
		PERFORM hosho.delinquency_apply(l.guarantee_id, l.event_on, coalesce(l.months_overdue, 0),
			coalesce(l.amount_overdue, 0), l.balance, l.kind = 'accident', l.cause_code,
			CASE WHEN l.cause_code IS NULL THEN l.cause END, 'bank');
	END LOOP;
	FOR l IN SELECT x.guarantee_id, x.event_on
	           FROM hosho.bank_report_line x
	          WHERE x.file_id = p_file_id AND x.error_message IS NULL AND x.kind = 'payoff'
	          ORDER BY x.line_no LOOP
		PERFORM hosho.payoff_apply(l.guarantee_id, l.event_on, 'bank');
	END LOOP;

	UPDATE hosho.bank_report_line x SET applied = true
	 WHERE x.file_id = p_file_id AND x.error_message IS NULL;
	GET DIAGNOSTICS applied = ROW_COUNT;
	UPDATE hosho.bank_report_file x SET state = 'applied', mode = p_mode, applied_count = applied,
		applied_by = session_user, applied_at = now()
	 WHERE x.file_id = p_file_id;
	PERFORM hosho.log_access('change', 'bank_report_file', p_file_id::text,
		jsonb_build_object('action', 'apply', 'mode', p_mode, 'applied', applied, 'errors', errors));
	RETURN hosho.request_answer(p_request_id, hosho.bank_report_record(p_file_id));
END
$$;

-- The file as the screen reads it again.
CREATE FUNCTION hosho.bank_report_get(p_file_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN hosho.bank_report_record(p_file_id);
END
$$;

-- The errors of a file, in line order: what the clerk corrects.
CREATE FUNCTION hosho.bank_report_errors(p_file_id bigint, p_limit int DEFAULT NULL)
RETURNS TABLE (line_no int, field text, field_name text, message text, certificate_no text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT l.line_no, l.error_field, hosho.report_field_name(l.error_field), l.error_message,
	       l.certificate_no
	  FROM hosho.bank_report_line l
	 WHERE l.file_id = p_file_id AND l.error_message IS NOT NULL
	 ORDER BY l.line_no
	 LIMIT p_limit;
END
$$;

-- The files loaded in the caller's scope, the newest first.
CREATE FUNCTION hosho.bank_report_files(p_limit int DEFAULT NULL)
RETURNS TABLE (file_id bigint, bank_code text, bank_name text, reported_on date, file_name text,
	line_count int, error_count int, state_name text, loaded_by_name text, loaded_at timestamptz,
	applied_count int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT f.file_id, f.bank_code::text, b.name, f.reported_on, f.file_name, f.line_count,
	       f.error_count, hosho.code_label('bank_report_state', f.state), s.display_name, f.loaded_at,
	       f.applied_count
	  FROM hosho.bank_report_file f
	  LEFT JOIN hosho.bank b USING (bank_code)
	  LEFT JOIN hosho.staff s ON s.staff_role = f.loaded_by
	 ORDER BY f.file_id DESC
	 LIMIT p_limit;
END
$$;

-- ===========================================================================
-- 7. Row security, ownership, privileges
-- ===========================================================================
-- A file is seen by the staff who see its loader's section; a line with
-- its file.
ALTER TABLE hosho.bank_report_file ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY bank_report_file_scope ON hosho.bank_report_file
	USING (section_code = ANY ((SELECT hosho.my_sections())::text[]))
	WITH CHECK (section_code = ANY ((SELECT hosho.my_sections())::text[]));
ALTER TABLE hosho.bank_report_line ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY bank_report_line_scope ON hosho.bank_report_line
	USING (EXISTS (SELECT FROM hosho.bank_report_file f WHERE f.file_id = bank_report_line.file_id))
	WITH CHECK (EXISTS (SELECT FROM hosho.bank_report_file f WHERE f.file_id = bank_report_line.file_id));

-- This file's objects, by name, to hosho_owner, and nothing to PUBLIC (a
-- loop over the schema would also take the functions other roles own).
ALTER TABLE hosho.bank_report_kind OWNER TO hosho_owner;
ALTER TABLE hosho.bank_report_file OWNER TO hosho_owner;
ALTER TABLE hosho.bank_report_line OWNER TO hosho_owner;
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOREACH f IN ARRAY ARRAY['hosho.report_ascii(text)', 'hosho.report_yen(text)', 'hosho.report_date_any(text)',
	                         'hosho.report_date(text)', 'hosho.report_fields(text)', 'hosho.report_field_name(text)',
	                         'hosho.bank_report_begin()', 'hosho.bank_report_staged()',
	                         'hosho.bank_report_check(bigint)', 'hosho.bank_report_record(bigint)',
	                         'hosho.bank_report_refuse_applied(bytea)', 'hosho.bank_report_load(jsonb)',
	                         'hosho.bank_report_apply(bigint, text, uuid)', 'hosho.bank_report_get(bigint)',
	                         'hosho.bank_report_errors(bigint, int)', 'hosho.bank_report_files(int)']::regprocedure[] LOOP
		EXECUTE format('ALTER FUNCTION %s OWNER TO hosho_owner', f);
		EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
	END LOOP;
END
$$;

GRANT SELECT ON hosho.bank_report_kind, hosho.bank_report_file, hosho.bank_report_line TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.bank_report_get(bigint), hosho.bank_report_errors(bigint, int),
	hosho.bank_report_files(int) TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.bank_report_begin(), hosho.bank_report_load(jsonb),
	hosho.bank_report_apply(bigint, text, uuid) TO hosho_clerk, hosho_supervisor;
