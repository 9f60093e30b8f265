-- The caller's sections, cheaper. Every row-level security check and every
-- search asks for them once per statement; as one SQL query in a SECURITY
-- DEFINER SQL function (never inlined, so planned afresh on each call) they
-- cost 0.7 ms a statement. Asked step by step in plpgsql, whose plans are
-- kept for the session, the same answer costs a fraction of that
-- (tests/bench/guard). The widest scope of the person's duties and section
-- wins, as in 090_guard.sql.
CREATE OR REPLACE FUNCTION hosho.my_sections() RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	my_section hosho.section.section_code%TYPE;
	my_office hosho.section.office_code%TYPE;
	width int;
BEGIN
	SELECT s.section_code, sec.office_code INTO my_section, my_office
	  FROM hosho.staff s JOIN hosho.section sec USING (section_code)
	 WHERE s.staff_role = session_user AND s.active;
	IF NOT FOUND THEN
		RETURN '{}'::text[];
	END IF;
	SELECT max(CASE x.scope WHEN 'all' THEN 3 WHEN 'office' THEN 2 ELSE 1 END) INTO width
	  FROM (SELECT ds.scope FROM hosho.duty_scope ds
	         WHERE pg_has_role(session_user, ds.duty, 'MEMBER')
	        UNION ALL
	        SELECT ss.scope FROM hosho.section_scope ss WHERE ss.section_code = my_section) x;
	IF width = 3 THEN
		RETURN (SELECT array_agg(sec.section_code ORDER BY sec.section_code) FROM hosho.section sec);
	ELSIF width = 2 THEN
		RETURN (SELECT array_agg(sec.section_code ORDER BY sec.section_code)
		          FROM hosho.section sec WHERE sec.office_code = my_office);
	ELSIF width = 1 THEN
		RETURN ARRAY[my_section::text];
	END IF;
	RETURN '{}'::text[];
END
$$;
