-- 115_exposure_total.sql — the corporation's live total, kept as it changes.
--
-- An approval checks the corporation's ceiling (定款倍率 × 基本財産) under one
-- corporation-wide lock (101). Summing the whole book there made every
-- approval cost the book's size: 23 ms at Iwate, 243 ms at 300,000 live
-- guarantees, 3.6 approvals a second for 32 sessions (tests/bench/lifecycle).
-- Now every statement that changes hosho.guarantee adds its change of the
-- total as one row of hosho.exposure_delta, and the total is the sum of
-- that small table; the nightly job folds it back into one row.
--
-- Why this is safe under concurrency: only an approval raises the total,
-- and approvals run one at a time under the lock, each seeing the rows the
-- ones before it committed. A lowering not yet committed (a repayment, a
-- lapse) is not seen, which only makes the check stricter. The rows are
-- only ever inserted, so writers never wait on each other for them.

CREATE TABLE hosho.exposure_delta (
	delta_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT now(),
	amount bigint NOT NULL
);
COMMENT ON TABLE hosho.exposure_delta IS
	'保証債務残高（協会全体）の増減。合計が現在の残高。夜間に1行へ畳む';

-- What one guarantee adds to the total: guarantee_exposure's rule (040,
-- 101) — the approved amount while approved or issued, the balance once
-- executed, nothing otherwise.
CREATE FUNCTION hosho.guarantee_live_amount(p_state text, p_approved_amount bigint, p_balance bigint)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN p_state = 'executed' THEN p_balance
	            WHEN p_state IN ('approved', 'issued') THEN p_approved_amount ELSE 0 END
$$;

-- The three statement triggers: each adds the statement's change as one
-- row. Not SECURITY DEFINER: only the owner's functions and the superuser
-- write hosho.guarantee, and both may write these rows.
CREATE FUNCTION hosho.exposure_after_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	INSERT INTO hosho.exposure_delta (amount)
	SELECT d FROM (SELECT sum(hosho.guarantee_live_amount(n.state, n.approved_amount, n.balance)) AS d
	                 FROM new_rows n) x
	 WHERE d <> 0;
	RETURN NULL;
END
$$;

CREATE FUNCTION hosho.exposure_after_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	INSERT INTO hosho.exposure_delta (amount)
	SELECT d FROM (SELECT coalesce((SELECT sum(hosho.guarantee_live_amount(n.state, n.approved_amount, n.balance))
	                                  FROM new_rows n), 0)
	                    - coalesce((SELECT sum(hosho.guarantee_live_amount(o.state, o.approved_amount, o.balance))
	                                  FROM old_rows o), 0) AS d) x
	 WHERE d <> 0;
	RETURN NULL;
END
$$;

CREATE FUNCTION hosho.exposure_after_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	INSERT INTO hosho.exposure_delta (amount)
	SELECT -d FROM (SELECT sum(hosho.guarantee_live_amount(o.state, o.approved_amount, o.balance)) AS d
	                  FROM old_rows o) x
	 WHERE d <> 0;
	RETURN NULL;
END
$$;

CREATE TRIGGER guarantee_exposure_insert AFTER INSERT ON hosho.guarantee
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hosho.exposure_after_insert();
CREATE TRIGGER guarantee_exposure_update AFTER UPDATE ON hosho.guarantee
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION hosho.exposure_after_update();
CREATE TRIGGER guarantee_exposure_delete AFTER DELETE ON hosho.guarantee
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hosho.exposure_after_delete();

-- Counts the total again from the book and makes it the one row: the
-- nightly fold (120's exposure_fold job), and what a bulk load that
-- bypassed the triggers (the demo book, session_replication_role =
-- replica) calls after it. Takes the approvals' lock, so that no approval
-- checks against a half-folded table. Returns the rows folded.
CREATE FUNCTION hosho.exposure_recount() RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	n int;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('hosho.corporation_ceiling'));
	DELETE FROM hosho.exposure_delta;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO hosho.exposure_delta (amount)
	SELECT coalesce(sum(hosho.guarantee_live_amount(g.state, g.approved_amount, g.balance)), 0)
	  FROM hosho.guarantee g WHERE g.state IN ('approved', 'issued', 'executed');
	RETURN n;
END
$$;

-- The whole book's live total for the ceiling check: the sum of the rows.
CREATE OR REPLACE FUNCTION hosho.corporation_live_total() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN (SELECT coalesce(sum(d.amount), 0) FROM hosho.exposure_delta d);
END
$$;

SELECT hosho.exposure_recount();

ALTER TABLE hosho.exposure_delta OWNER TO hosho_owner;
ALTER FUNCTION hosho.guarantee_live_amount(text, bigint, bigint) OWNER TO hosho_owner;
ALTER FUNCTION hosho.exposure_after_insert() OWNER TO hosho_owner;
ALTER FUNCTION hosho.exposure_after_update() OWNER TO hosho_owner;
ALTER FUNCTION hosho.exposure_after_delete() OWNER TO hosho_owner;
ALTER FUNCTION hosho.exposure_recount() OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.guarantee_live_amount(text, bigint, bigint), hosho.exposure_after_insert(),
	hosho.exposure_after_update(), hosho.exposure_after_delete(), hosho.exposure_recount() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.guarantee_live_amount(text, bigint, bigint) TO hosho_ledger;
GRANT SELECT ON hosho.exposure_delta TO hosho_ledger;
