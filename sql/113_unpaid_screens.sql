-- 113_unpaid_screens.sql — 事故調整額累計 beside the year's accident figures.

-- ---------------------------------------------------------------------------
-- 事故調整額累計: accident_figures gains adjusted_total_amount, every accident
-- closed other than by subrogation from the beginning to the year's end (the
-- year's own adjustment stays adjusted_amount). A changed RETURNS TABLE: the
-- screen's function, which reads it, is dropped first and made again.
-- ---------------------------------------------------------------------------
DROP FUNCTION hosho.accident_figures_screen(int);
DROP FUNCTION hosho.accident_figures(int);

-- 事故受付・事故残高・事故調整額 of a fiscal year (April to March; the
-- current year up to today) and 事故調整額累計 to its end, in the caller's
-- scope (a report owned by hosho_report, as in 110).
CREATE FUNCTION hosho.accident_figures(p_fiscal_year int)
RETURNS TABLE (fiscal_year int, received_count bigint, received_amount bigint, balance_count bigint,
	balance_amount bigint, adjusted_count bigint, adjusted_amount bigint, adjusted_total_amount bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, hosho, pg_temp SET jit = off AS $$
DECLARE
	fy_from date := make_date(p_fiscal_year, 4, 1);
	fy_to date := least(make_date(p_fiscal_year + 1, 3, 31), current_date);
	secs text[] := hosho.my_sections();
BEGIN
	PERFORM hosho.require_staff();
	RETURN QUERY
	WITH a AS (SELECT d.* FROM hosho.delinquency d WHERE d.accident_on <= fy_to AND d.section_code = ANY (secs))
	SELECT p_fiscal_year,
	       count(*) FILTER (WHERE a.accident_on >= fy_from),
	       coalesce(sum(a.accident_balance) FILTER (WHERE a.accident_on >= fy_from), 0)::bigint,
	       count(*) FILTER (WHERE a.closed_on IS NULL OR a.closed_on > fy_to),
	       coalesce(sum((SELECT x.balance FROM hosho.delinquency_event x
	                      WHERE x.delinquency_id = a.delinquency_id AND x.reported_on <= fy_to
	                      ORDER BY x.reported_on DESC, x.event_id DESC LIMIT 1))
	                FILTER (WHERE a.closed_on IS NULL OR a.closed_on > fy_to), 0)::bigint,
	       count(*) FILTER (WHERE a.closed_on BETWEEN fy_from AND fy_to AND a.close_reason <> 'subrogated'),
	       coalesce(sum(a.balance) FILTER (WHERE a.closed_on BETWEEN fy_from AND fy_to AND a.close_reason <> 'subrogated'),
	                0)::bigint,
	       coalesce(sum(a.balance) FILTER (WHERE a.closed_on <= fy_to AND a.close_reason <> 'subrogated'), 0)::bigint
	  FROM a;
END
$$;
ALTER FUNCTION hosho.accident_figures(int) OWNER TO hosho_report;
REVOKE EXECUTE ON FUNCTION hosho.accident_figures(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.accident_figures(int) TO hosho_staff;

-- The five fiscal years to p_fiscal_year (the year it starts in), each
-- named in the era as the brochure does.
CREATE FUNCTION hosho.accident_figures_screen(p_fiscal_year int)
RETURNS TABLE (fiscal_year int, year_name text, received_count bigint, received_amount bigint,
	balance_count bigint, balance_amount bigint, adjusted_count bigint, adjusted_amount bigint,
	adjusted_total_amount bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, hosho, pg_temp AS $$
	SELECT f.fiscal_year,
	       CASE WHEN f.fiscal_year >= 2019 THEN '令和' || nullif(f.fiscal_year - 2018, 1) ELSE '平成' || (f.fiscal_year - 1988) END
	       || CASE WHEN f.fiscal_year = 2019 THEN '元' ELSE '' END || '年度',
	       f.received_count, f.received_amount, f.balance_count, f.balance_amount, f.adjusted_count,
	       f.adjusted_amount, f.adjusted_total_amount
	  FROM generate_series(coalesce(p_fiscal_year, extract(year FROM current_date - interval '3 months')::int) - 4,
	                       coalesce(p_fiscal_year, extract(year FROM current_date - interval '3 months')::int)) y
	  CROSS JOIN LATERAL hosho.accident_figures(y::int) f
	 ORDER BY f.fiscal_year DESC
$$;

ALTER FUNCTION hosho.accident_figures_screen(int) OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.accident_figures_screen(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.accident_figures_screen(int) TO hosho_staff;
