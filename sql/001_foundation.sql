-- The schema, the owner and the duty roles every later migration builds on.
--
-- Roles are cluster-wide, so they are created only when missing: a second
-- database on the same server (a test copy, a training copy) reuses them.

CREATE SCHEMA IF NOT EXISTS hosho;

DO $$
DECLARE
	r text;
BEGIN
	-- hosho_owner owns every table and function; no one logs in as it, so
	-- row-level security is never bypassed by an application login.
	-- hosho_staff is the group every duty belongs to: what all staff may read.
	FOREACH r IN ARRAY ARRAY['hosho_owner', 'hosho_staff', 'hosho_clerk',
		'hosho_case_officer', 'hosho_supervisor', 'hosho_recovery',
		'hosho_auditor', 'hosho_admin']
	LOOP
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', r);
		END IF;
	END LOOP;
	FOREACH r IN ARRAY ARRAY['hosho_clerk', 'hosho_case_officer',
		'hosho_supervisor', 'hosho_recovery', 'hosho_auditor', 'hosho_admin']
	LOOP
		EXECUTE format('GRANT hosho_staff TO %I', r);
	END LOOP;
END
$$;

ALTER SCHEMA hosho OWNER TO hosho_owner;
REVOKE ALL ON SCHEMA hosho FROM PUBLIC;
GRANT USAGE ON SCHEMA hosho TO hosho_staff;
ALTER TABLE hosho.schema_migration OWNER TO hosho_owner;
GRANT SELECT ON hosho.schema_migration TO hosho_staff;

-- Objects created by later migrations are readable by staff only where a
-- migration grants it; functions are not executable by PUBLIC by default.
ALTER DEFAULT PRIVILEGES IN SCHEMA hosho REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
