-- Demo staff of the embedded default: one login per duty and office, with
-- passwords shown on its login screen. Never loaded on a central server.

CREATE SCHEMA hosho_demo;
CREATE TABLE hosho_demo.demo_login (
	staff_role name PRIMARY KEY,
	password text NOT NULL,
	duty text NOT NULL,
	sort integer NOT NULL
);

INSERT INTO hosho_demo.demo_login VALUES
	('clerk1',      'clerk1-demo',     '保証担当 保証一課',   1),
	('clerk_kama',  'kama-demo',       '保証担当 釜石支所',   2),
	('officer1',    'officer1-demo',   '経営支援担当',        3),
	('super1',      'super1-demo',     '課長 保証一課',       4),
	('recovery1',   'recovery1-demo',  '管理再生担当',        5),
	('auditor1',    'auditor1-demo',   '検査室',              6),
	('admin1',      'admin1-demo',     'システム管理',        7);

DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM (VALUES
		('clerk1', 'hosho_clerk'), ('clerk_kama', 'hosho_clerk'),
		('officer1', 'hosho_case_officer'), ('super1', 'hosho_supervisor'),
		('recovery1', 'hosho_recovery'), ('auditor1', 'hosho_auditor'),
		('admin1', 'hosho_admin')) v(role, duty)
	LOOP
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.role) THEN
			EXECUTE format('CREATE ROLE %I LOGIN', r.role);
		END IF;
		EXECUTE format('ALTER ROLE %I PASSWORD %L', r.role,
			(SELECT password FROM hosho_demo.demo_login WHERE staff_role = r.role));
		EXECUTE format('GRANT %I TO %I', r.duty, r.role);
	END LOOP;
END
$$;

INSERT INTO hosho.staff (staff_role, display_name, section_code) VALUES
	('clerk1',     '岩手 花子', '0101'),
	('clerk_kama', '釜石 一郎', '0201'),
	('officer1',   '盛岡 次郎', '0112'),
	('super1',     '北上 三郎', '0101'),
	('recovery1',  '宮古 四郎', '0113'),
	('auditor1',   '遠野 五郎', '0131'),
	('admin1',     '一関 六子', '0141');
