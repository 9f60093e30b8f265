-- The rows the declared screens list (forms/*.yaml `lists:` name these as
-- their source): one function per list, its parameters the form's fields,
-- its columns what the list shows. Labels the clerk reads come from here.

-- 保証制度一覧: the schemes in force on a date, of one category or all.
CREATE FUNCTION hosho.scheme_list(p_on date, p_category text)
RETURNS TABLE (scheme_code text, name text, category_name text, limit_amount bigint, rate text,
               summary text, frame_name text, terms text, note text)
LANGUAGE sql STABLE AS $$
	SELECT s.scheme_code, s.name, s.category_name, s.limit_amount, s.rate, s.summary,
	       s.frame_name, s.terms, s.note
	  FROM hosho.scheme_on(coalesce(p_on, current_date)) s
	 WHERE p_category IS NULL OR s.category = p_category
	 ORDER BY s.sort
$$;

-- 金融機関一覧: the bank master, of one category or all.
CREATE FUNCTION hosho.bank_find(p_category text)
RETURNS TABLE (bank_code text, name text, category_name text, sharing_name text, branches bigint)
LANGUAGE sql STABLE AS $$
	SELECT b.bank_code::text, b.name, b.category_name, b.sharing_name, b.branches
	  FROM hosho.bank_list b JOIN hosho.bank USING (bank_code)
	 WHERE p_category IS NULL OR bank.category_code = p_category
	 ORDER BY b.sort, b.bank_code
$$;

-- 保証試算: every check of hosho.simulate() as the screen lists it, the
-- check's name in Japanese and 可/不可; an empty deferral is none, an empty
-- date today.
CREATE FUNCTION hosho.simulate_checks(p_legal_form text, p_industry_code text, p_muni_code text,
	p_capital_yen bigint, p_employees integer, p_scheme_code text, p_use_of_funds text,
	p_amount bigint, p_term_months integer, p_deferral_months integer, p_repayment text,
	p_installments integer, p_rate_class smallint, p_secured boolean, p_guarantor text,
	p_collateral_discount boolean, p_advisor_discount boolean, p_on date)
RETURNS TABLE (check_name text, result text, message text, amount bigint, ok boolean)
LANGUAGE sql STABLE AS $$
	SELECT coalesce(n.label, s.section), CASE WHEN s.ok THEN '可' ELSE '不可' END, s.message,
	       CASE WHEN s.section = 'fee' THEN s.amount END, s.ok
	  FROM hosho.simulate(p_legal_form, p_industry_code, p_muni_code, p_capital_yen,
	                      p_employees, p_scheme_code, p_use_of_funds, p_amount, p_term_months,
	                      coalesce(p_deferral_months, 0), p_repayment, p_installments,
	                      p_rate_class, coalesce(p_secured, false), p_guarantor,
	                      coalesce(p_collateral_discount, false),
	                      coalesce(p_advisor_discount, false), coalesce(p_on, current_date)) s
	  LEFT JOIN (VALUES ('eligibility', '対象'), ('limit', '限度額'), ('term', '期間'),
	                    ('rate', '料率'), ('fee', '保証料')) n(section, label)
	         ON n.section = s.section
$$;

ALTER FUNCTION hosho.scheme_list(date, text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.bank_find(text) OWNER TO hosho_owner;
ALTER FUNCTION hosho.simulate_checks(text, text, text, bigint, integer, text, text, bigint,
	integer, integer, text, integer, smallint, boolean, text, boolean, boolean, date) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.scheme_list(date, text), hosho.bank_find(text),
	hosho.simulate_checks(text, text, text, bigint, integer, text, text, bigint, integer,
	integer, text, integer, smallint, boolean, text, boolean, boolean, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.scheme_list(date, text), hosho.bank_find(text),
	hosho.simulate_checks(text, text, text, bigint, integer, text, text, bigint, integer,
	integer, text, integer, smallint, boolean, text, boolean, boolean, date) TO hosho_staff;
