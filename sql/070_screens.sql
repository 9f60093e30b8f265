-- What the screens of issue 3 read: the scheme code list for F4 prompts.
-- The view is redefined whole (one place for every code list).
CREATE OR REPLACE VIEW hosho.code_list (list, code, label, sort) AS
	SELECT 'municipality', muni_code::text, name, sort FROM hosho.municipality
	UNION ALL SELECT 'industry', industry_code, name, sort FROM hosho.industry
	UNION ALL SELECT 'bank', bank_code::text, name, sort FROM hosho.bank
	UNION ALL SELECT 'section', section_code, name, sort FROM hosho.section
	UNION ALL SELECT 'bank_category', category_code, name, sort FROM hosho.bank_category
	UNION ALL SELECT 'scheme', scheme_code, name, sort FROM hosho.scheme;
