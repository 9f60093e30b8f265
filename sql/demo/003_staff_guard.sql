-- A second clerk of 保証一課, so that a concurrent save of a 保証一課
-- company can come from the same section (another office's clerk no longer
-- sees it); and the demo loader's record owned like every other table.

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clerk2') THEN
		CREATE ROLE clerk2 LOGIN;
	END IF;
END
$$;
ALTER ROLE clerk2 PASSWORD 'clerk2-demo';
GRANT hosho_clerk TO clerk2;
INSERT INTO hosho_demo.demo_login VALUES ('clerk2', 'clerk2-demo', '保証担当 保証一課', 8);
INSERT INTO hosho.staff (staff_role, display_name, section_code) VALUES ('clerk2', '紫波 七海', '0101');
-- (IF EXISTS: a demo loaded by psql, as the failover test does, has no record.)
ALTER TABLE IF EXISTS hosho.demo_loaded OWNER TO hosho_owner;
