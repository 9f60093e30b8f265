-- Staff and the company master (企業台帳).

-- One PostgreSQL login role per staff member: session_user names the person,
-- and this table says where they work. Their duties are the group roles they
-- are members of (001_foundation.sql), so the database alone decides rights.
CREATE TABLE hosho.staff (
	staff_role name PRIMARY KEY,
	display_name text NOT NULL CHECK (display_name <> ''),
	section_code text NOT NULL REFERENCES hosho.section,
	active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- What the signed-in person is, for the title line and the menu.
CREATE FUNCTION hosho.me(OUT staff_role name, OUT display_name text,
	OUT section_name text, OUT office_name text, OUT duties text)
LANGUAGE sql STABLE AS $$
	SELECT s.staff_role, s.display_name, sec.name, o.name,
	       (SELECT string_agg(d, ',' ORDER BY d) FROM unnest(ARRAY['clerk',
	               'case_officer', 'supervisor', 'recovery', 'auditor', 'admin']) d
	         WHERE pg_has_role(session_user, 'hosho_' || d, 'MEMBER'))
	  FROM hosho.staff s
	  JOIN hosho.section sec USING (section_code)
	  JOIN hosho.office o USING (office_code)
	 WHERE s.staff_role = session_user
$$;

CREATE TABLE hosho.company (
	company_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	legal_form text NOT NULL
		CONSTRAINT company_legal_form_check
		CHECK (legal_form IN ('corporation', 'sole', 'npo', 'union', 'medical')),
	name text NOT NULL CONSTRAINT company_name_check CHECK (btrim(name) <> '' AND length(name) <= 60),
	-- The reading is what clerks search by: full-width katakana, as the
	-- terminal normalises it.
	kana text NOT NULL CONSTRAINT company_kana_check
		CHECK (kana ~ '^[ァ-ヴー・　 A-Za-z0-9]+$' AND length(kana) <= 60),
	representative text CONSTRAINT company_representative_check CHECK (length(representative) <= 40),
	representative_kana text CONSTRAINT company_representative_kana_check
		CHECK (representative_kana ~ '^[ァ-ヴー・　 A-Za-z0-9]+$' AND length(representative_kana) <= 40),
	postal_code text CONSTRAINT company_postal_code_check CHECK (postal_code ~ '^[0-9]{7}$'),
	muni_code char(5) NOT NULL REFERENCES hosho.municipality,
	address text NOT NULL CONSTRAINT company_address_check CHECK (btrim(address) <> '' AND length(address) <= 80),
	phone text CONSTRAINT company_phone_check CHECK (phone ~ '^[0-9-]{10,13}$'),
	industry_code text NOT NULL REFERENCES hosho.industry,
	capital_yen bigint CONSTRAINT company_capital_yen_check CHECK (capital_yen >= 0),
	employees integer CONSTRAINT company_employees_check CHECK (employees >= 0),
	union_members integer CONSTRAINT company_union_members_check CHECK (union_members > 0),
	union_eligible_members integer CONSTRAINT company_union_eligible_members_check
		CHECK (union_eligible_members >= 0 AND union_eligible_members <= union_members),
	founded_on date CONSTRAINT company_founded_on_check CHECK (founded_on >= '1868-01-01'),
	antisocial_result text NOT NULL DEFAULT 'pending'
		CONSTRAINT company_antisocial_result_check CHECK (antisocial_result IN ('pending', 'clear', 'hit')),
	-- The guarantee section whose jurisdiction holds the main place of
	-- business: set from muni_code by a trigger, filtered on by row-level
	-- security when access by office is switched on.
	section_code text NOT NULL REFERENCES hosho.section,
	-- Optimistic locking: a save names the version it read.
	version integer NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	created_by name NOT NULL DEFAULT session_user,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by name NOT NULL DEFAULT session_user,
	CONSTRAINT company_union_check CHECK (legal_form <> 'union' OR union_members IS NOT NULL)
);
-- Reading-prefix search: pattern ops so LIKE 'ABC%' uses the index whatever
-- the database collation.
CREATE INDEX company_kana_idx ON hosho.company (kana text_pattern_ops);
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX company_name_trgm_idx ON hosho.company USING gin (name public.gin_trgm_ops);
CREATE INDEX company_section_idx ON hosho.company (section_code);
CREATE INDEX company_muni_idx ON hosho.company (muni_code);
CREATE INDEX company_industry_idx ON hosho.company (industry_code);

CREATE FUNCTION hosho.company_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.section_code := (SELECT section_code FROM hosho.municipality WHERE muni_code = NEW.muni_code);
	IF NEW.section_code IS NULL AND NEW.muni_code IS NOT NULL THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'company_muni_code_fkey',
			MESSAGE = format('municipality %s does not exist', NEW.muni_code);
	END IF;
	IF TG_OP = 'UPDATE' THEN
		NEW.version := OLD.version + 1;
		NEW.updated_at := now();
		NEW.updated_by := session_user;
		NEW.created_at := OLD.created_at;
		NEW.created_by := OLD.created_by;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER company_stamp BEFORE INSERT OR UPDATE ON hosho.company
	FOR EACH ROW EXECUTE FUNCTION hosho.company_stamp();

-- The banks a company deals with; one of them is the main bank.
CREATE TABLE hosho.company_bank (
	company_id bigint NOT NULL REFERENCES hosho.company ON DELETE CASCADE,
	bank_code char(4) NOT NULL,
	branch_code char(3) NOT NULL,
	main boolean NOT NULL DEFAULT false,
	PRIMARY KEY (company_id, bank_code, branch_code),
	FOREIGN KEY (bank_code, branch_code) REFERENCES hosho.bank_branch
);
CREATE UNIQUE INDEX company_bank_main_idx ON hosho.company_bank (company_id) WHERE main;
CREATE INDEX company_bank_branch_idx ON hosho.company_bank (bank_code, branch_code);

-- The message a clerk sees when a constraint refuses a value, and the field
-- it belongs to. The constraint is the rule; this is only its wording.
CREATE TABLE hosho.constraint_message (
	constraint_name name PRIMARY KEY,
	column_name name NOT NULL,
	message text NOT NULL
);
INSERT INTO hosho.constraint_message VALUES
	('company_legal_form_check', 'legal_form', '法人個人区分が正しくありません。'),
	('company_name_check', 'name', '企業名は60文字以内で入力してください。'),
	('company_kana_check', 'kana', 'フリガナはカタカナ60文字以内で入力してください。'),
	('company_representative_check', 'representative', '代表者名は40文字以内で入力してください。'),
	('company_representative_kana_check', 'representative_kana', '代表者フリガナはカタカナ40文字以内で入力してください。'),
	('company_postal_code_check', 'postal_code', '郵便番号は7桁の数字で入力してください。'),
	('company_muni_code_fkey', 'muni_code', '市町村コードが岩手県の市町村ではありません。'),
	('company_address_check', 'address', '所在地は80文字以内で入力してください。'),
	('company_phone_check', 'phone', '電話番号は数字とハイフンで10〜13文字です。'),
	('company_industry_code_fkey', 'industry_code', '業種コードが業種表にありません。'),
	('company_capital_yen_check', 'capital_yen', '資本金は0以上です。'),
	('company_employees_check', 'employees', '従業員数は0以上です。'),
	('company_union_members_check', 'union_members', '組合員数は1以上です。'),
	('company_union_eligible_members_check', 'union_eligible_members', '対象組合員数は0以上、組合員数以下です。'),
	('company_union_check', 'union_members', '組合は組合員数が必須です。'),
	('company_founded_on_check', 'founded_on', '設立日が古すぎます。'),
	('company_antisocial_result_check', 'antisocial_result', '反社チェック結果が正しくありません。'),
	('company_bank_bank_code_branch_code_fkey', 'main_branch_code', '金融機関・支店コードが金融機関表にありません。'),
	('company_bank_pkey', 'sub_bank_code', '同じ金融機関支店が二度指定されています。');

-- Save a company from a form: p holds field id -> text (NULL or absent for
-- empty). Without company_id it registers; with it, it updates only if the
-- version is still the one the clerk read (SQLSTATE HS001 otherwise), so two
-- clerks saving the same company never overwrite each other silently.
CREATE FUNCTION hosho.company_save(p jsonb, OUT company_id bigint, OUT version integer)
LANGUAGE plpgsql AS $$
DECLARE
	r hosho.company;
	cname text;
	col text;
	msg text;
BEGIN
	r := jsonb_populate_record(NULL::hosho.company, p);
	BEGIN
		IF p->>'company_id' IS NULL THEN
			INSERT INTO hosho.company AS c (legal_form, name, kana, representative,
				representative_kana, postal_code, muni_code, address, phone,
				industry_code, capital_yen, employees, union_members,
				union_eligible_members, founded_on, antisocial_result, section_code)
			VALUES (r.legal_form, r.name, r.kana, r.representative,
				r.representative_kana, r.postal_code, r.muni_code, r.address, r.phone,
				r.industry_code, r.capital_yen, r.employees, r.union_members,
				r.union_eligible_members, r.founded_on,
				coalesce(r.antisocial_result, 'pending'), '')
			RETURNING c.company_id, c.version INTO company_id, version;
		ELSE
			UPDATE hosho.company c SET legal_form = r.legal_form, name = r.name,
				kana = r.kana, representative = r.representative,
				representative_kana = r.representative_kana,
				postal_code = r.postal_code, muni_code = r.muni_code,
				address = r.address, phone = r.phone,
				industry_code = r.industry_code, capital_yen = r.capital_yen,
				employees = r.employees, union_members = r.union_members,
				union_eligible_members = r.union_eligible_members,
				founded_on = r.founded_on,
				antisocial_result = coalesce(r.antisocial_result, c.antisocial_result)
			 WHERE c.company_id = (p->>'company_id')::bigint
			   AND c.version = (p->>'version')::integer
			RETURNING c.company_id, c.version INTO company_id, version;
			IF NOT FOUND THEN
				IF EXISTS (SELECT FROM hosho.company c WHERE c.company_id = (p->>'company_id')::bigint) THEN
					RAISE EXCEPTION USING ERRCODE = 'HS001',
						MESSAGE = '他の担当者がこの企業を先に更新しました。',
						HINT = '画面の内容は残してあります。F5で最新を読み直してから入力し直してください。';
				END IF;
				RAISE EXCEPTION USING ERRCODE = 'HS002', MESSAGE = 'この企業は削除されています。';
			END IF;
			DELETE FROM hosho.company_bank b WHERE b.company_id = company_save.company_id;
		END IF;
		INSERT INTO hosho.company_bank (company_id, bank_code, branch_code, main)
		SELECT company_save.company_id, b.bank, b.branch, b.main
		  FROM (VALUES (p->>'main_bank_code', p->>'main_branch_code', true),
		               (p->>'sub_bank_code', p->>'sub_branch_code', false)) b(bank, branch, main)
		 WHERE b.bank IS NOT NULL;
	EXCEPTION WHEN not_null_violation THEN
		GET STACKED DIAGNOSTICS col = COLUMN_NAME;
		RAISE EXCEPTION USING ERRCODE = 'HS010', MESSAGE = '必須項目です。', COLUMN = col;
	WHEN check_violation OR foreign_key_violation OR unique_violation THEN
		GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME;
		SELECT m.column_name, m.message INTO col, msg
		  FROM hosho.constraint_message m WHERE m.constraint_name = cname;
		IF msg IS NULL THEN
			RAISE;
		END IF;
		RAISE EXCEPTION USING ERRCODE = 'HS010', MESSAGE = msg, COLUMN = col,
			CONSTRAINT = cname;
	END;
END
$$;

-- Company search for the list screen: by reading prefix, name part, or
-- number; any combination, all optional.
CREATE FUNCTION hosho.company_search(p_kana text, p_name text, p_company_id bigint,
	p_limit integer, p_offset integer)
RETURNS TABLE (company_id bigint, name text, kana text, municipality text,
	section_name text, legal_form text)
LANGUAGE sql STABLE AS $$
	SELECT c.company_id, c.name, c.kana, m.name, s.name, c.legal_form
	  FROM hosho.company c
	  JOIN hosho.municipality m USING (muni_code)
	  JOIN hosho.section s ON s.section_code = c.section_code
	 WHERE (p_kana IS NULL OR c.kana LIKE replace(replace(replace(p_kana, '\', '\\'), '%', '\%'), '_', '\_') || '%')
	   AND (p_name IS NULL OR c.name LIKE '%' || replace(replace(replace(p_name, '\', '\\'), '%', '\%'), '_', '\_') || '%')
	   AND (p_company_id IS NULL OR c.company_id = p_company_id)
	 ORDER BY c.kana, c.company_id
	 LIMIT p_limit OFFSET p_offset
$$;

-- One company as the edit form shows it: field id -> text.
CREATE FUNCTION hosho.company_get(p_company_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT to_jsonb(c) - 'created_at' - 'updated_at'
	       || jsonb_build_object(
	            'main_bank_code', mb.bank_code, 'main_branch_code', mb.branch_code,
	            'sub_bank_code', sb.bank_code, 'sub_branch_code', sb.branch_code)
	  FROM hosho.company c
	  LEFT JOIN hosho.company_bank mb ON mb.company_id = c.company_id AND mb.main
	  LEFT JOIN LATERAL (SELECT b.bank_code, b.branch_code FROM hosho.company_bank b
	                      WHERE b.company_id = c.company_id AND NOT b.main
	                      ORDER BY b.bank_code, b.branch_code LIMIT 1) sb ON true
	 WHERE c.company_id = p_company_id
$$;

-- Every code list a form field may name with `lookup:`; one place, so a
-- form's F4 prompt and the database agree on what a code means.
CREATE VIEW hosho.code_list (list, code, label, sort) AS
	SELECT 'municipality', muni_code::text, name, sort FROM hosho.municipality
	UNION ALL SELECT 'industry', industry_code, name, sort FROM hosho.industry
	UNION ALL SELECT 'bank', bank_code::text, name, sort FROM hosho.bank
	UNION ALL SELECT 'section', section_code, name, sort FROM hosho.section
	UNION ALL SELECT 'bank_category', category_code, name, sort FROM hosho.bank_category;

-- Bank master browse, with the branch count.
CREATE VIEW hosho.bank_list AS
	SELECT b.bank_code, b.name, b.kana, c.name AS category_name,
	       CASE b.sharing_method WHEN 'partial' THEN '部分保証' ELSE '負担金' END AS sharing_name,
	       (SELECT count(*) FROM hosho.bank_branch br WHERE br.bank_code = b.bank_code) AS branches,
	       b.sort
	  FROM hosho.bank b JOIN hosho.bank_category c USING (category_code);

ALTER TABLE hosho.staff OWNER TO hosho_owner;
ALTER TABLE hosho.company OWNER TO hosho_owner;
ALTER TABLE hosho.company_bank OWNER TO hosho_owner;
ALTER TABLE hosho.constraint_message OWNER TO hosho_owner;
ALTER VIEW hosho.code_list OWNER TO hosho_owner;
ALTER VIEW hosho.bank_list OWNER TO hosho_owner;
ALTER FUNCTION hosho.me() OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_stamp() OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_save(jsonb) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_search(text, text, bigint, integer, integer) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_get(bigint) OWNER TO hosho_owner;

GRANT SELECT ON hosho.staff, hosho.constraint_message, hosho.code_list, hosho.bank_list TO hosho_staff;
GRANT SELECT ON hosho.company, hosho.company_bank TO hosho_staff;
GRANT INSERT, UPDATE, DELETE ON hosho.company, hosho.company_bank TO hosho_clerk, hosho_supervisor;
GRANT EXECUTE ON FUNCTION hosho.me(), hosho.company_search(text, text, bigint, integer, integer),
	hosho.company_get(bigint) TO hosho_staff;
GRANT EXECUTE ON FUNCTION hosho.company_save(jsonb) TO hosho_clerk, hosho_supervisor;
