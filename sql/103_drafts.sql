-- Drafts: what a staff member typed and had not saved when their terminal
-- went away (SIGHUP, SIGTERM, a closed pane). Kept here, so that the next
-- sign-in offers it on any terminal; the client keeps a private file only
-- while the database cannot be reached, and moves it here at the next
-- sign-in.
--
-- One draft per staff member, form and record (record_key '' for a new
-- record): a later draft of the same form and record replaces the earlier
-- one, drafts of different records are kept side by side.
-- Nobody holds any privilege on the table: it is written and read only
-- through the functions below, and row-level security (forced, so the
-- functions' owner too) shows each staff member their own drafts alone.
CREATE TABLE hosho.form_draft (
	staff name NOT NULL DEFAULT session_user,
	form text NOT NULL,
	record_key text NOT NULL DEFAULT '',
	fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
	saved_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (staff, form, record_key)
);
ALTER TABLE hosho.form_draft OWNER TO hosho_owner;
REVOKE ALL ON hosho.form_draft FROM PUBLIC;
ALTER TABLE hosho.form_draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE hosho.form_draft FORCE ROW LEVEL SECURITY;
CREATE POLICY form_draft_own ON hosho.form_draft
	USING (staff = session_user) WITH CHECK (staff = session_user);

-- Keeps the form as typed; the draft of the same form and record before it
-- is replaced. Returns when it was saved.
CREATE FUNCTION hosho.draft_save(p_form text, p_record_key text, p_fields jsonb)
RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	at timestamptz;
BEGIN
	PERFORM hosho.require_staff();
	INSERT INTO hosho.form_draft AS d (staff, form, record_key, fields)
	VALUES (session_user, p_form, coalesce(p_record_key, ''), p_fields)
	ON CONFLICT (staff, form, record_key)
	DO UPDATE SET fields = EXCLUDED.fields, saved_at = now()
	RETURNING d.saved_at INTO at;
	RETURN at;
END
$$;

-- The caller's drafts, the newest first.
CREATE FUNCTION hosho.draft_list()
RETURNS TABLE (form text, record_key text, saved_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY SELECT d.form, d.record_key, d.saved_at FROM hosho.form_draft d
	              WHERE d.staff = session_user ORDER BY d.saved_at DESC, d.form, d.record_key;
END
$$;

-- Takes a draft to resume it: its fields, and it is gone (two terminals
-- cannot both take it). NULL if there is none.
CREATE FUNCTION hosho.draft_take(p_form text, p_record_key text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	taken jsonb;
BEGIN
	PERFORM hosho.require_staff();
	DELETE FROM hosho.form_draft d
	 WHERE d.staff = session_user AND d.form = p_form AND d.record_key = coalesce(p_record_key, '')
	RETURNING d.fields INTO taken;
	RETURN taken;
END
$$;

-- Throws a draft away; true if there was one.
CREATE FUNCTION hosho.draft_discard(p_form text, p_record_key text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	DELETE FROM hosho.form_draft d
	 WHERE d.staff = session_user AND d.form = p_form AND d.record_key = coalesce(p_record_key, '');
	RETURN FOUND;
END
$$;

ALTER FUNCTION hosho.draft_save(text, text, jsonb) OWNER TO hosho_owner;
ALTER FUNCTION hosho.draft_list() OWNER TO hosho_owner;
ALTER FUNCTION hosho.draft_take(text, text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.draft_discard(text, text) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.draft_save(text, text, jsonb), hosho.draft_list(),
	hosho.draft_take(text, text), hosho.draft_discard(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.draft_save(text, text, jsonb), hosho.draft_list(),
	hosho.draft_take(text, text), hosho.draft_discard(text, text) TO hosho_staff;
