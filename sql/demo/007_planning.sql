-- A member of 総務部 総務企画課 with the duty 総務企画担当 (125), who lists
-- the 信用保険通知 and marks them sent to JFC (the demo book leaves the
-- notices of its last five days unsent).
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soumu1') THEN
		CREATE ROLE soumu1 LOGIN;
	END IF;
END
$$;
ALTER ROLE soumu1 PASSWORD 'soumu1-demo';
GRANT hosho_planning TO soumu1;
INSERT INTO hosho_demo.demo_login VALUES ('soumu1', 'soumu1-demo', '総務企画担当 総務企画課', 9);
INSERT INTO hosho.staff (staff_role, display_name, section_code) VALUES ('soumu1', '花巻 八重', '0121');
