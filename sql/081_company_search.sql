-- Company search at national scale (1.5M companies), matching what clerks
-- type. Every search form is answered from an index:
--   reading prefix: a btree on (kana COLLATE "C", company_id), scanned as a
--     range in the order the list shows, so the first page needs no sort;
--   name part: a GIN index on the 1-grams and 2-grams of the folded name
--     (pg_bigm and PGroonga are not in Debian), so even one kanji is
--     looked up; a part of 3+ characters is then checked with LIKE.
-- Both replace the indexes of 020_company.sql (text_pattern_ops on kana,
-- trigrams on name), which nothing else uses.

-- The one definition of "the same text" for name search: variation
-- selectors dropped (葛󠄀 = 葛), then NFKC, which makes half-width kana
-- full-width (ｶﾌﾞ = カブ), full-width ASCII half-width (ＡＢＣ = ABC) and
-- ㈱ = (株).
CREATE FUNCTION hosho.search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT normalize(regexp_replace(t, '[\uFE00-\uFE0F\U000E0100-\U000E01EF]', '', 'g'), NFKC)
$$;

-- Every 1-gram and 2-gram of the folded name: what the name index holds
-- (GIN drops the repeats).
CREATE FUNCTION hosho.name_grams(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT string_to_array(f, NULL)
	       || ARRAY(SELECT substr(f, i, 2) FROM generate_series(1, length(f) - 1) i)
	  FROM hosho.search_fold(name) f
$$;

-- The grams a name must hold to contain the term: the term itself when it
-- is one character, else its 2-grams (which also narrow 3+ characters well
-- enough that a trigram index is not needed besides). A term with nothing
-- left after folding has none, and so finds nothing.
CREATE FUNCTION hosho.term_grams(term text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE WHEN f = '' THEN NULL WHEN length(f) = 1 THEN ARRAY[f]
	       ELSE ARRAY(SELECT DISTINCT substr(f, i, 2) FROM generate_series(1, length(f) - 1) i) END
	  FROM hosho.search_fold(term) f
$$;

-- A term as a LIKE pattern matching it anywhere: % _ \ are characters.
CREATE FUNCTION hosho.like_part(term text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '%' || replace(replace(replace(term, '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;

DROP INDEX hosho.company_kana_idx;
DROP INDEX hosho.company_name_trgm_idx;
CREATE INDEX company_kana_c_idx ON hosho.company ((kana COLLATE "C"), company_id);
CREATE INDEX company_name_grams_idx ON hosho.company USING gin (hosho.name_grams(name));

-- Search by reading prefix, name part, or number; any combination, all
-- optional. Pages either by offset or, cheaper for deep pages, after the
-- last row of the previous page (p_after_kana, p_after_id; NULL: from the
-- start). LANGUAGE sql so that it is inlined: a NULL criterion then drops
-- out of the plan and each condition left is one an index answers. The
-- page is cut before the joins, so only its rows are looked up.
CREATE FUNCTION hosho.company_search(p_kana text, p_name text, p_company_id bigint,
	p_limit integer, p_offset integer, p_after_kana text, p_after_id bigint)
RETURNS TABLE (company_id bigint, name text, kana text, municipality text,
	section_name text, legal_form text)
LANGUAGE sql STABLE AS $$
	SELECT c.company_id, c.name, c.kana, m.name, s.name, c.legal_form
	  FROM (SELECT c.company_id, c.name, c.kana, c.muni_code, c.section_code, c.legal_form
	          FROM hosho.company c
	         -- The prefix as a range: no katakana reading reaches U+10FFFF.
	         WHERE (p_kana IS NULL OR (c.kana COLLATE "C" >= p_kana
	                                   AND c.kana COLLATE "C" < p_kana || U&'\+10FFFF'))
	           -- The grams decide a part of 1 or 2 characters; a longer one
	           -- holding them all is checked against the name itself.
	           AND (p_name IS NULL OR (hosho.name_grams(c.name) @> hosho.term_grams(p_name)
	                AND (length(hosho.search_fold(p_name)) <= 2
	                     OR hosho.search_fold(c.name) LIKE hosho.like_part(hosho.search_fold(p_name)))))
	           AND (p_company_id IS NULL OR c.company_id = p_company_id)
	           AND (p_after_kana IS NULL
	                OR (c.kana COLLATE "C", c.company_id) > (p_after_kana, coalesce(p_after_id, 0)))
	         -- With a name part the matches come from the name index and are
	         -- sorted (kana || '' is no index's order): walking the reading
	         -- index until enough names match could read most of the table,
	         -- as matches cluster by reading (釜 is read カマ).
	         ORDER BY CASE WHEN p_name IS NULL THEN c.kana ELSE c.kana || '' END COLLATE "C",
	                  c.company_id
	         LIMIT p_limit OFFSET p_offset) c
	  JOIN hosho.municipality m USING (muni_code)
	  JOIN hosho.section s ON s.section_code = c.section_code
	 ORDER BY c.kana COLLATE "C", c.company_id
$$;

-- The list screen's signature, kept for its callers and its grant check:
-- the same search, paged by offset.
CREATE OR REPLACE FUNCTION hosho.company_search(p_kana text, p_name text, p_company_id bigint,
	p_limit integer, p_offset integer)
RETURNS TABLE (company_id bigint, name text, kana text, municipality text,
	section_name text, legal_form text)
LANGUAGE sql STABLE AS $$
	SELECT * FROM hosho.company_search(p_kana, p_name, p_company_id, p_limit, p_offset, NULL, NULL)
$$;

ALTER FUNCTION hosho.search_fold(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.name_grams(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.term_grams(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.like_part(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.company_search(text, text, bigint, integer, integer, text, bigint) OWNER TO hosho_owner;
GRANT EXECUTE ON FUNCTION hosho.search_fold(text), hosho.name_grams(text), hosho.term_grams(text),
	hosho.like_part(text), hosho.company_search(text, text, bigint, integer, integer, text, bigint)
	TO hosho_staff;
