-- The guarantee lifecycle's demo (doc/lifecycle.md): an approver at head
-- office (保証統括課) and a branch head (釜石支所長), so that a case above a
-- section head's authority has someone to go to; a few watch-list entries,
-- one of them the representative of a demo company, for the 反社 hold.

DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM (VALUES ('toukatsu1'), ('shocho_kama')) v(role) LOOP
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.role) THEN
			EXECUTE format('CREATE ROLE %I LOGIN', r.role);
		END IF;
		EXECUTE format('GRANT hosho_supervisor TO %I', r.role);
	END LOOP;
END
$$;
ALTER ROLE toukatsu1 PASSWORD 'toukatsu1-demo';
ALTER ROLE shocho_kama PASSWORD 'shocho-kama-demo';
-- Not in hosho_demo.demo_login: the login screen's list is full (the
-- passwords are in doc/lifecycle.md).
INSERT INTO hosho.staff (staff_role, display_name, section_code) VALUES
	('toukatsu1', '滝沢 八郎', '0111'),
	('shocho_kama', '大槌 九子', '0201');

-- Fictitious names only.
INSERT INTO hosho.watchlist (kind, name, reading, note, listed_on) VALUES
	('person', '黒岩 剛', 'クロイワ ツヨシ', '県警照会 該当 (デモ)', '2023-05-10'),
	('corporation', '東北開発興産株式会社', 'トウホクカイハツコウサン', '報道 (デモ)', '2022-11-01'),
	('corporation', '丸竜商事', 'マルリュウショウジ', '暴追センター情報 (デモ)', '2024-02-20');

-- A company whose own 反社チェック is clear but whose representative is on
-- the watch list: its guarantee request is held at intake.
INSERT INTO hosho.company (legal_form, name, kana, representative, representative_kana, postal_code,
	muni_code, address, phone, industry_code, capital_yen, employees, founded_on, antisocial_result,
	section_code)
VALUES ('corporation', '株式会社黒岩興業', 'クロイワコウギョウ', '黒岩 剛', 'クロイワ ツヨシ', '0200022',
	'03201', '大通三丁目3番3号', '019-600-0009', 'D06', 10000000, 15, '2012-05-01', 'clear', '');
INSERT INTO hosho.company_bank (company_id, bank_code, branch_code, main)
SELECT c.company_id, '0123', '001', true FROM hosho.company c WHERE c.name = '株式会社黒岩興業';
