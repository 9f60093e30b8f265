-- 102_certificate.sql — the authenticated electronic certificate
-- (認証付電子保証書): the certificate document's canonical bytes, taken when
-- the certificate is issued, and the detached CMS signature the operator's
-- batch (hosho --sign-certificates) makes with the corporation's key. A
-- bank checks the pair with
--   openssl cms -verify -binary -inform DER -in NO.p7s -content NO.json -CAfile corp-ca.pem
-- The key never enters the database: it is read by the batch from a file of
-- the operator's (doc/operator.md). The batch connects as a login of the
-- role hosho_signer, which is no staff member and can do nothing else.
--
-- Error codes as in 090: HS403 not the signer, HS404 no such certificate
-- (or out of the caller's scope), HS409 signed already with another
-- signature, HS422 a refused value (COLUMN names it).

-- ===========================================================================
-- 1. The signer
-- ===========================================================================
DO $$
BEGIN
	-- The duty of the signing batch's login; NOLOGIN itself, as every duty.
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hosho_signer') THEN
		CREATE ROLE hosho_signer NOLOGIN;
	END IF;
END
$$;
GRANT USAGE ON SCHEMA hosho TO hosho_signer;

-- Whether session_user is the signing batch: a member of hosho_signer and
-- no staff member, so that a clerk's session can never sign, even one
-- granted the role by mistake.
CREATE FUNCTION hosho.is_signer() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT pg_has_role(session_user, 'hosho_signer', 'MEMBER')
	   AND NOT EXISTS (SELECT FROM hosho.staff s WHERE s.staff_role = session_user)
$$;

-- ===========================================================================
-- 2. The electronic certificates
-- ===========================================================================
-- One row per certificate issued electronically, made at issue with the
-- document as certificate_document gave it then (jsonb's text: one
-- canonical form, keys in jsonb's order, UTF-8). The signature, its
-- signer's subject and time are set once, by the signing batch.
CREATE TABLE hosho.certificate_electronic (
	certificate_no text PRIMARY KEY REFERENCES hosho.certificate,
	document bytea NOT NULL CHECK (length(document) > 0),
	created_at timestamptz NOT NULL DEFAULT now(),
	signature bytea,
	signer_subject text,
	signed_by name,
	signed_at timestamptz,
	CHECK ((signature IS NULL) = (signed_at IS NULL)
	       AND (signature IS NULL) = (signer_subject IS NULL)
	       AND (signature IS NULL) = (signed_by IS NULL))
);
CREATE INDEX certificate_electronic_unsigned_idx ON hosho.certificate_electronic (certificate_no)
	WHERE signature IS NULL;

-- Rows as the certificate is seen (the case's section, through the
-- certificate's own row security); the signing batch sees them all.
ALTER TABLE hosho.certificate_electronic ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY certificate_electronic_scope ON hosho.certificate_electronic
	USING ((SELECT hosho.is_signer())
	       OR EXISTS (SELECT FROM hosho.certificate c
	                   WHERE c.certificate_no = certificate_electronic.certificate_no))
	WITH CHECK ((SELECT hosho.is_signer())
	            OR EXISTS (SELECT FROM hosho.certificate c
	                        WHERE c.certificate_no = certificate_electronic.certificate_no));

-- At issue (the end of the issuing transaction, when the case, the
-- certificate and its notice are all written), an electronic
-- certificate's document is taken. certificate_document logs it as a
-- print by the issuing staff member: it is the document sent to the bank.
CREATE FUNCTION hosho.certificate_electronic_open() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	-- Staff issue them; certificates the superuser loads (demo data) get no electronic copy.
	IF NOT EXISTS (SELECT FROM hosho.staff s WHERE s.staff_role = session_user AND s.active) THEN
		RETURN NULL;
	END IF;
	INSERT INTO hosho.certificate_electronic (certificate_no, document)
	VALUES (NEW.certificate_no, convert_to(hosho.certificate_document(NEW.certificate_no)::text, 'UTF8'));
	RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER certificate_electronic_open AFTER INSERT ON hosho.certificate
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.electronic)
	EXECUTE FUNCTION hosho.certificate_electronic_open();

-- ===========================================================================
-- 3. The signing batch's functions
-- ===========================================================================
-- The electronic certificates waiting for a signature, oldest first, with
-- the bytes to sign.
CREATE FUNCTION hosho.certificate_unsigned()
RETURNS TABLE (certificate_no text, document bytea)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	-- The signing batch only.
	IF NOT hosho.is_signer() THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403',
			MESSAGE = '電子保証書の署名は署名用のログインだけが行えます。';
	END IF;
	RETURN QUERY
	SELECT e.certificate_no, e.document FROM hosho.certificate_electronic e
	 WHERE e.signature IS NULL
	 ORDER BY e.created_at, e.certificate_no;
END
$$;

-- Stores the signature of one certificate. The document signed must be
-- the document taken at issue, byte for byte: the batch cannot sign
-- anything the database did not issue. A certificate is signed once (a
-- batch run after a lost answer does not list it again). Returns when it
-- was signed.
CREATE FUNCTION hosho.certificate_sign_store(p_certificate_no text, p_document bytea,
	p_signature bytea, p_signer_subject text) RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	e hosho.certificate_electronic;
BEGIN
	-- The signing batch only.
	IF NOT hosho.is_signer() THEN
		RAISE EXCEPTION USING ERRCODE = 'HS403',
			MESSAGE = '電子保証書の署名は署名用のログインだけが行えます。';
	END IF;
	SELECT * INTO e FROM hosho.certificate_electronic x
	 WHERE x.certificate_no = p_certificate_no FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404',
			MESSAGE = format('電子保証書 %s はありません。', p_certificate_no);
	END IF;
	IF p_document IS DISTINCT FROM e.document THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'document',
			MESSAGE = format('署名された文書が保証書 %s の内容と一致しません。', p_certificate_no);
	END IF;
	-- A CMS ContentInfo is a DER SEQUENCE: the first byte 0x30.
	IF coalesce(length(p_signature), 0) < 2 OR get_byte(p_signature, 0) <> 48 THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'signature',
			MESSAGE = '署名が CMS（DER 形式）ではありません。';
	END IF;
	IF coalesce(btrim(p_signer_subject), '') = '' THEN
		RAISE EXCEPTION USING ERRCODE = 'HS422', COLUMN = 'signer_subject',
			MESSAGE = '署名者の証明書の主体名がありません。';
	END IF;
	IF e.signature IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'HS409',
			MESSAGE = format('電子保証書 %s は署名済みです。', p_certificate_no);
	END IF;
	UPDATE hosho.certificate_electronic x
	   SET signature = p_signature, signer_subject = p_signer_subject,
	       signed_by = session_user, signed_at = now()
	 WHERE x.certificate_no = p_certificate_no;
	-- As other changes are logged (old → new), for the auditor's summary.
	PERFORM hosho.log_access('change', 'certificate', p_certificate_no,
		jsonb_build_object('old', jsonb_build_object('signer_subject', NULL),
		                   'new', jsonb_build_object('signer_subject', p_signer_subject)));
	RETURN now();
END
$$;

-- ===========================================================================
-- 4. For staff: the electronic certificate to send to the bank
-- ===========================================================================
-- The document and its signature (NULL while it waits for the batch), as
-- the caller's scope allows; logged as an open of the certificate.
CREATE FUNCTION hosho.certificate_electronic_get(p_certificate_no text)
RETURNS TABLE (certificate_no text, document bytea, signature bytea, signer_subject text,
	signed_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp AS $$
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY
	SELECT e.certificate_no, e.document, e.signature, e.signer_subject, e.signed_at
	  FROM hosho.certificate_electronic e
	 WHERE e.certificate_no = p_certificate_no;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'HS404',
			MESSAGE = 'この電子保証書は見つからないか、担当範囲外です。';
	END IF;
	PERFORM hosho.log_access('open', 'certificate', p_certificate_no,
		jsonb_build_object('electronic', true));
END
$$;

-- ===========================================================================
-- 5. Ownership and privileges
-- ===========================================================================
ALTER TABLE hosho.certificate_electronic OWNER TO hosho_owner;
ALTER FUNCTION hosho.is_signer() OWNER TO hosho_owner;
ALTER FUNCTION hosho.certificate_electronic_open() OWNER TO hosho_owner;
ALTER FUNCTION hosho.certificate_unsigned() OWNER TO hosho_owner;
ALTER FUNCTION hosho.certificate_sign_store(text, bytea, bytea, text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.certificate_electronic_get(text) OWNER TO hosho_owner;
REVOKE ALL ON hosho.certificate_electronic FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION hosho.is_signer(), hosho.certificate_electronic_open(),
	hosho.certificate_unsigned(), hosho.certificate_sign_store(text, bytea, bytea, text),
	hosho.certificate_electronic_get(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.certificate_unsigned(),
	hosho.certificate_sign_store(text, bytea, bytea, text) TO hosho_signer;
GRANT EXECUTE ON FUNCTION hosho.certificate_electronic_get(text) TO hosho_staff;
