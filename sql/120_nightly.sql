-- 120_nightly.sql — the night's work as jobs in the database (pg_cron):
-- certificates lapsed (101's guarantee_lapse_due), month-end balances for
-- the statistics, the access log's partitions ahead (090). doc/operator.md
-- "Nightly jobs" says how they are scheduled and watched.

-- The book at each month's end, by what the statistics report on: office
-- (the section), bank, frame (一般・別枠), scheme and the sharing of risk
-- with the bank (負担金 is charged on the burden banks' average balance).
-- Executed guarantees count with their balance; approved and issued ones
-- (lent or not yet) with the approved amount as commitments.
CREATE TABLE hosho.balance_month (
	month_end date NOT NULL,
	section_code text NOT NULL REFERENCES hosho.section,
	bank_code char(4) NOT NULL,
	frame_code text NOT NULL REFERENCES hosho.frame,
	scheme_code text NOT NULL REFERENCES hosho.scheme,
	sharing text NOT NULL CHECK (sharing IN ('partial80', 'full100')),
	executed_count int NOT NULL CHECK (executed_count >= 0),
	balance bigint NOT NULL CHECK (balance >= 0),
	committed_count int NOT NULL CHECK (committed_count >= 0),
	committed bigint NOT NULL CHECK (committed >= 0),
	taken_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (month_end, section_code, bank_code, frame_code, scheme_code, sharing)
);
COMMENT ON TABLE hosho.balance_month IS '月末保証債務残高 (部署・金融機関・枠・制度・責任共有別)';

-- Takes the month ending p_month_end from the book as it stands (run in
-- the night after that day); taking a month again replaces it. Returns
-- the rows written. Run by the nightly job as the cluster's superuser
-- (the whole book, row security bypassed); no grant.
CREATE FUNCTION hosho.balance_month_close(p_month_end date) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	n int;
BEGIN
	IF p_month_end <> (date_trunc('month', p_month_end) + interval '1 month - 1 day')::date THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', MESSAGE = format('%s は月末日ではありません。', p_month_end);
	END IF;
	DELETE FROM hosho.balance_month b WHERE b.month_end = p_month_end;
	INSERT INTO hosho.balance_month (month_end, section_code, bank_code, frame_code, scheme_code, sharing,
		executed_count, balance, committed_count, committed)
	SELECT p_month_end, g.section_code, g.bank_code, g.frame_code, g.scheme_code, g.sharing,
	       count(*) FILTER (WHERE g.state = 'executed'),
	       coalesce(sum(g.balance) FILTER (WHERE g.state = 'executed'), 0),
	       count(*) FILTER (WHERE g.state IN ('approved', 'issued')),
	       coalesce(sum(g.approved_amount) FILTER (WHERE g.state IN ('approved', 'issued')), 0)
	  FROM hosho.guarantee g
	 WHERE g.state IN ('approved', 'issued', 'executed')
	 GROUP BY g.section_code, g.bank_code, g.frame_code, g.scheme_code, g.sharing;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- The jobs, by name, as pg_cron runs them (and an operator by hand, as the
-- superuser: SELECT hosho.nightly_run('lapse')). Returns what the job
-- reports: certificates lapsed, rows of the month, partitions made, rows
-- of the live total folded.
CREATE FUNCTION hosho.nightly_run(p_job text) RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	RETURN CASE p_job
		WHEN 'lapse' THEN hosho.guarantee_lapse_due(current_date)
		WHEN 'balance_month' THEN hosho.balance_month_close((date_trunc('month', current_date) - interval '1 day')::date)
		WHEN 'access_log_partitions' THEN hosho.access_log_add_partitions(3)
		WHEN 'exposure_fold' THEN hosho.exposure_recount()
	END;
END
$$;

-- Schedules every job in pg_cron (again: a job of the same name is
-- replaced). Needs pg_cron preloaded with cron.database_name this
-- database; returns the jobs scheduled.
CREATE FUNCTION hosho.nightly_schedule() RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	j record;
	n int := 0;
BEGIN
	CREATE EXTENSION IF NOT EXISTS pg_cron;
	FOR j IN SELECT * FROM (VALUES
		-- after midnight: a certificate valid until yesterday lapses
		('hosho-lapse', '10 0 * * *', 'lapse'),
		-- the first of the month: the month that ended yesterday
		('hosho-balance-month', '40 0 1 * *', 'balance_month'),
		('hosho-access-log-partitions', '17 3 * * *', 'access_log_partitions'),
		-- the corporation's live total counted again (115), before the day starts
		('hosho-exposure-fold', '30 4 * * *', 'exposure_fold')) v(name, at, job) LOOP
		PERFORM cron.schedule(j.name, j.at, format('SELECT hosho.nightly_run(%L)', j.job));
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

-- Where pg_cron runs for this database (the embedded default preloads it,
-- src/db/cluster.c; a central server as doc/operator.md says), the jobs
-- are scheduled now; elsewhere the operator runs nightly_schedule() once
-- pg_cron is set up.
DO $$
BEGIN
	IF current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_cron($|[ ,])'
	   AND current_setting('cron.database_name', true) = current_database() THEN
		PERFORM hosho.nightly_schedule();
	END IF;
END
$$;

ALTER TABLE hosho.balance_month OWNER TO hosho_owner;
GRANT SELECT ON hosho.balance_month TO hosho_staff;
ALTER FUNCTION hosho.balance_month_close(date) OWNER TO hosho_owner;
ALTER FUNCTION hosho.nightly_run(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.nightly_schedule() OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.balance_month_close(date), hosho.nightly_run(text), hosho.nightly_schedule()
	FROM PUBLIC;
