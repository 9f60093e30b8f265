-- Test-only faults around hosho.company_save, for the screen tests of lost
-- answers, cancelling and notices (psql variables: conn, the clerk's own
-- conninfo). The real save is renamed company_save_real; the wrapper
--   * records each try's request id and the session's statement_timeout in
--     hosho.test_try (on a connection of its own, so that it stays whatever
--     becomes of the try);
--   * with fault 'before_write' sleeps before anything is written (a hung
--     statement: killed or cancelled, nothing was saved);
--   * commits the save on a connection of its own (dblink, as the same
--     clerk), recording the request's answer in hosho.test_request;
--   * with fault 'after_commit' then sleeps: killed now, the save is done
--     and its answer lost, as when a network dies after COMMIT;
--   * with fault 'notice' sends a NOTICE.
-- hosho.request_done(uuid) reads hosho.test_request unless the schema has
-- a request_done of its own (then that one is tested).
CREATE EXTENSION IF NOT EXISTS dblink;
CREATE TABLE hosho.test_request (id uuid PRIMARY KEY, answer jsonb NOT NULL);
CREATE TABLE hosho.test_fault (kind text PRIMARY KEY);
-- Every try of a save as it reached the server, kept whatever became of it.
CREATE TABLE hosho.test_try (request_id uuid, name text, statement_timeout text,
	at timestamptz DEFAULT clock_timestamp());
GRANT SELECT, INSERT ON hosho.test_request TO PUBLIC; -- RETURNING reads it
GRANT SELECT ON hosho.test_fault TO PUBLIC;
GRANT INSERT ON hosho.test_try TO PUBLIC;
ALTER FUNCTION hosho.company_save(jsonb) RENAME TO company_save_real;
CREATE TABLE hosho.test_conn (conn text NOT NULL);
INSERT INTO hosho.test_conn VALUES (:'conn');
CREATE FUNCTION hosho.company_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
	answer jsonb;
BEGIN
	PERFORM dblink_exec((SELECT conn FROM hosho.test_conn),
		format('INSERT INTO hosho.test_try (request_id, name, statement_timeout) VALUES (%L, %L, %L)',
		       p ->> 'request_id', p ->> 'name', current_setting('statement_timeout')));
	IF EXISTS (SELECT FROM hosho.test_fault WHERE kind = 'before_write') THEN
		PERFORM pg_sleep(60);
	END IF;
	IF EXISTS (SELECT FROM hosho.test_fault WHERE kind = 'notice') THEN
		RAISE NOTICE 'TEST-NOTICE from the server';
	END IF;
	SELECT x::jsonb INTO answer
	  FROM dblink((SELECT conn FROM hosho.test_conn),
		format('INSERT INTO hosho.test_request SELECT %L, hosho.company_save_real(%L) RETURNING answer::text',
		       p ->> 'request_id', p)) AS t(x text);
	IF EXISTS (SELECT FROM hosho.test_fault WHERE kind = 'after_commit') THEN
		PERFORM pg_sleep(60);
	END IF;
	RETURN answer;
END $$;
GRANT EXECUTE ON FUNCTION hosho.company_save(jsonb) TO hosho_clerk, hosho_supervisor;
DO $$
BEGIN
	IF to_regprocedure('hosho.request_done(uuid)') IS NULL THEN
		CREATE FUNCTION hosho.request_done(p_request_id uuid) RETURNS jsonb
		LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
		'SELECT answer FROM hosho.test_request WHERE id = p_request_id';
		GRANT EXECUTE ON FUNCTION hosho.request_done(uuid) TO PUBLIC;
	END IF;
END $$;
