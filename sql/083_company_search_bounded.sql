-- Company search by a name part with a bounded cost. Sorting every match by
-- reading made one common kanji (30-80k of 1.5M names) cost about 100 ms.
-- The screen asks for at most limit + 1 rows and, when that many come back,
-- tells the clerk to narrow the search; so a name part now takes the first
-- limit + offset matches the gram index gives and sorts only those. When all
-- matches fit, the answer is the same as before; when they do not, the page
-- holds matches in reading order but not necessarily the first by reading,
-- and the screen says there are more. Reading prefixes and numbers keep the
-- ordered walk of the reading index.
CREATE OR REPLACE FUNCTION hosho.company_search(p_kana text, p_name text, p_company_id bigint,
	p_limit integer, p_offset integer, p_after_kana text, p_after_id bigint)
RETURNS TABLE (company_id bigint, name text, kana text, municipality text,
	section_name text, legal_form text)
LANGUAGE sql STABLE AS $$
	SELECT c.company_id, c.name, c.kana, m.name, s.name, c.legal_form
	  FROM (
		-- Without a name part: the page straight from the reading index.
		(SELECT c.company_id, c.name, c.kana, c.muni_code, c.section_code, c.legal_form
		   FROM hosho.company c
		  WHERE p_name IS NULL
		    -- The prefix as a range: no katakana reading reaches U+10FFFF.
		    AND (p_kana IS NULL OR (c.kana COLLATE "C" >= p_kana
		                            AND c.kana COLLATE "C" < p_kana || U&'\+10FFFF'))
		    AND (p_company_id IS NULL OR c.company_id = p_company_id)
		    AND (p_after_kana IS NULL
		         OR (c.kana COLLATE "C", c.company_id) > (p_after_kana, coalesce(p_after_id, 0)))
		  ORDER BY c.kana COLLATE "C", c.company_id
		  LIMIT p_limit OFFSET p_offset)
		UNION ALL
		-- With a name part: at most limit + offset matches from the name
		-- index, in no order, then sorted.
		(SELECT h.company_id, h.name, h.kana, h.muni_code, h.section_code, h.legal_form
		   FROM (SELECT c.company_id, c.name, c.kana, c.muni_code, c.section_code, c.legal_form
		           FROM hosho.company c
		          WHERE p_name IS NOT NULL
		            -- The grams decide a part of 1 or 2 characters; a longer
		            -- one holding them all is checked against the name itself.
		            AND hosho.name_grams(c.name) @> hosho.term_grams(p_name)
		            AND (length(hosho.search_fold(p_name)) <= 2
		                 OR hosho.search_fold(c.name) LIKE hosho.like_part(hosho.search_fold(p_name)))
		            AND (p_kana IS NULL OR (c.kana COLLATE "C" >= p_kana
		                                    AND c.kana COLLATE "C" < p_kana || U&'\+10FFFF'))
		            AND (p_company_id IS NULL OR c.company_id = p_company_id)
		            AND (p_after_kana IS NULL
		                 OR (c.kana COLLATE "C", c.company_id) > (p_after_kana, coalesce(p_after_id, 0)))
		          LIMIT p_limit + p_offset) h
		  ORDER BY h.kana COLLATE "C", h.company_id
		  LIMIT p_limit OFFSET p_offset)
	       ) c
	  JOIN hosho.municipality m USING (muni_code)
	  JOIN hosho.section s ON s.section_code = c.section_code
	 ORDER BY c.kana COLLATE "C", c.company_id
$$;
