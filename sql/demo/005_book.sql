-- The demo book: an Iwate-sized portfolio (about 15,000 companies with the
-- ones before, 30,000 live guarantees) in every state of the lifecycle,
-- made set-based by hosho_demo.book_generate, which the benchmarks call
-- again for ×10 and ×100 (tests/bench/book.sh).
--
-- Every case is what the transition functions of 101 would have left:
-- its history replays hosho.guarantee_transition, the amounts, rate, share,
-- fee and certificate follow the rules (rate_for, sharing_for,
-- guarantee_fee, repayment_rows, fee_split), schemes are valid on the
-- bank's request date, and no company passes a cap (at most three live
-- cases a company, each under a third of the smallest cap it counts in).
-- Deterministic: every choice is arithmetic on the case's number.
-- tests/db/demo_book.pgtap checks a book made by the same function.
--
-- The tests' template skips the book (PGOPTIONS -c hosho.demo_book=off,
-- tests/lib/test-cluster): the other tests expect empty queues and
-- histories, and the template stays quick to build.

-- Staff for the sections the demo logins do not cover: two clerks (four
-- eyes at a clerk's level) and a supervisor (section or branch head) for
-- every guarantee section. No login: they appear in histories and lists.
CREATE TABLE hosho_demo.book_staff (
	staff_role name PRIMARY KEY,
	display_name text NOT NULL,
	section_code text NOT NULL,
	duty name NOT NULL,
	slot text NOT NULL CHECK (slot IN ('a', 'b', 's')),
	UNIQUE (section_code, slot)
);
INSERT INTO hosho_demo.book_staff VALUES
	('clerk1', '岩手 花子', '0101', 'hosho_clerk', 'a'),
	('clerk2', '紫波 七海', '0101', 'hosho_clerk', 'b'),
	('super1', '北上 三郎', '0101', 'hosho_supervisor', 's'),
	('demo_0102_a', '沢内 和夫', '0102', 'hosho_clerk', 'a'),
	('demo_0102_b', '湯田 春香', '0102', 'hosho_clerk', 'b'),
	('demo_0102_s', '川井 正人', '0102', 'hosho_supervisor', 's'),
	('clerk_kama', '釜石 一郎', '0201', 'hosho_clerk', 'a'),
	('demo_0201_b', '唐丹 美咲', '0201', 'hosho_clerk', 'b'),
	('shocho_kama', '大槌 九子', '0201', 'hosho_supervisor', 's'),
	('demo_0301_a', '田老 健一', '0301', 'hosho_clerk', 'a'),
	('demo_0301_b', '重茂 早苗', '0301', 'hosho_clerk', 'b'),
	('demo_0301_s', '津軽石 宏', '0301', 'hosho_supervisor', 's'),
	('demo_0401_a', '越喜来 拓也', '0401', 'hosho_clerk', 'a'),
	('demo_0401_b', '綾里 恵子', '0401', 'hosho_clerk', 'b'),
	('demo_0401_s', '末崎 一夫', '0401', 'hosho_supervisor', 's'),
	('demo_0501_a', '金田一 翔', '0501', 'hosho_clerk', 'a'),
	('demo_0501_b', '浄法寺 綾', '0501', 'hosho_clerk', 'b'),
	('demo_0501_s', '福岡 誠', '0501', 'hosho_supervisor', 's'),
	('demo_0601_a', '江刺 大輔', '0601', 'hosho_clerk', 'a'),
	('demo_0601_b', '前沢 由美', '0601', 'hosho_clerk', 'b'),
	('demo_0601_s', '胆沢 修', '0601', 'hosho_supervisor', 's'),
	('demo_0701_a', '千厩 亮', '0701', 'hosho_clerk', 'a'),
	('demo_0701_b', '大東 真理', '0701', 'hosho_clerk', 'b'),
	('demo_0701_s', '花泉 博', '0701', 'hosho_supervisor', 's');

-- The paths a case takes, step by step, with the day of each step counted
-- from the intake (an execution comes `gap` days after the issue). The
-- states are written out; demo_book.pgtap checks every step against
-- hosho.guarantee_transition.
CREATE TABLE hosho_demo.book_path (
	path text NOT NULL,
	seq int NOT NULL,
	action text NOT NULL,
	state_before text,
	state_after text NOT NULL,
	day int NOT NULL,
	PRIMARY KEY (path, seq)
);
INSERT INTO hosho_demo.book_path
SELECT p.path, s.seq, s.action, s.state_before, s.state_after, s.day
  FROM (VALUES ('applied'), ('held'), ('under_review'), ('submitted'), ('submitted_again'), ('approved'),
               ('rejected'), ('withdrawn_applied'), ('withdrawn_review'), ('withdrawn_approved'), ('issued'),
               ('executed'), ('executed_again'), ('lapsed')) p(path)
  CROSS JOIN LATERAL (SELECT row_number() OVER (ORDER BY x.ord)::int AS seq, x.action, x.state_before,
	       x.state_after, x.day FROM (VALUES
	-- every path starts with the intake
	(1, 'intake', NULL, 'applied', 0, true),
	(2, 'hold', 'applied', 'applied', 0, p.path = 'held'),
	(3, 'withdraw', 'applied', 'withdrawn', 2, p.path = 'withdrawn_applied'),
	(4, 'review_start', 'applied', 'under_review', 1, p.path NOT IN ('applied', 'held', 'withdrawn_applied')),
	(5, 'review_save', 'under_review', 'under_review', 2, p.path NOT IN ('applied', 'held', 'withdrawn_applied')),
	(6, 'withdraw', 'under_review', 'withdrawn', 5, p.path = 'withdrawn_review'),
	(7, 'submit', 'under_review', 'submitted', 4,
		p.path NOT IN ('applied', 'held', 'under_review', 'withdrawn_applied', 'withdrawn_review')),
	-- sent back once, reviewed again, submitted again
	(8, 'send_back', 'submitted', 'under_review', 5, p.path IN ('submitted_again', 'executed_again')),
	(9, 'review_save', 'under_review', 'under_review', 6, p.path IN ('submitted_again', 'executed_again')),
	(10, 'submit', 'under_review', 'submitted', 7, p.path IN ('submitted_again', 'executed_again')),
	(11, 'reject', 'submitted', 'rejected', 6, p.path = 'rejected'),
	(12, 'approve', 'submitted', 'approved', 6,
		p.path IN ('approved', 'withdrawn_approved', 'issued', 'executed', 'lapsed')),
	(13, 'approve', 'submitted', 'approved', 9, p.path = 'executed_again'),
	(14, 'withdraw', 'approved', 'withdrawn', 10, p.path = 'withdrawn_approved'),
	(15, 'issue', 'approved', 'issued', 7, p.path IN ('issued', 'executed', 'lapsed')),
	(16, 'issue', 'approved', 'issued', 10, p.path = 'executed_again'),
	(17, 'execute', 'issued', 'executed', 7, p.path = 'executed'),
	(18, 'execute', 'issued', 'executed', 10, p.path = 'executed_again'),
	-- the certificate's validity (30 days) passed: the nightly batch
	(19, 'lapse', 'issued', 'lapsed', 38, p.path = 'lapsed')
	) x(ord, action, state_before, state_after, day, taken) WHERE x.taken) s;

-- The repayment plans a product may take: term, repayment, installments,
-- deferral (the interval follows as guarantee_execute computes it).
CREATE TABLE hosho_demo.book_plan (
	term_months int NOT NULL,
	repayment text NOT NULL,
	installments int,
	deferral_months int NOT NULL
);
INSERT INTO hosho_demo.book_plan VALUES
	(6, 'lump', NULL, 0), (12, 'lump', NULL, 0), (12, 'fixed_date', NULL, 0), (24, 'fixed_date', NULL, 0),
	(36, 'equal', 36, 0), (60, 'equal', 60, 0), (60, 'equal', 54, 6), (84, 'equal', 84, 0),
	(84, 'unequal', 28, 0), (120, 'equal', 108, 12), (120, 'equal', 120, 0), (180, 'equal', 168, 12);

-- Recently listed on the watch list: the representative of the companies
-- whose newest request is held (their older cases predate the listing).
INSERT INTO hosho.watchlist (kind, name, reading, note, listed_on) VALUES
	('person', '北山 権蔵', 'キタヤマ ゴンゾウ', '県警照会 該当 (デモ)', current_date - 60);

-- Adds p_companies companies and about p_live live guarantees (approved,
-- issued, executed: 94% of the cases made; the rest in the other states),
-- as of p_as_of. p_schedules false leaves out the repayment schedules and
-- fee receipts (at national scale 150M rows that no benchmark reads; the
-- balances are the same: computed in closed form, checked against the
-- schedules by demo_book.pgtap). Runs as a superuser: row security and
-- the triggers are bypassed, every column is written as the transitions
-- would have written it.
CREATE FUNCTION hosho_demo.book_generate(p_companies int, p_live int, p_as_of date DEFAULT current_date,
	p_schedules boolean DEFAULT true)
RETURNS TABLE (what text, rows bigint, seconds numeric)
LANGUAGE plpgsql SET search_path = pg_catalog, hosho, pg_temp AS $$
DECLARE
	cases int := ceil(p_live / 0.94);
	co_base bigint := coalesce((SELECT max(company_id) FROM hosho.company), 0);
	g_base bigint := coalesce((SELECT max(guarantee_id) FROM hosho.guarantee), 0);
	-- the earliest intake: the catalogue's schemes are dated from 2024-07-01
	window_days int := least(p_as_of - date '2024-07-05', 900);
	member record;
	t0 timestamptz := clock_timestamp();
BEGIN
	IF cases > 3 * p_companies THEN
		RAISE EXCEPTION 'book_generate: at most three cases a company (% cases, % companies)', cases, p_companies;
	END IF;
	PERFORM set_config('session_replication_role', 'replica', true);

	-- ---- staff ------------------------------------------------------------
	FOR member IN SELECT * FROM hosho_demo.book_staff s WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = s.staff_role) LOOP
		EXECUTE format('CREATE ROLE %I NOLOGIN', member.staff_role);
		EXECUTE format('GRANT %I TO %I', member.duty, member.staff_role);
	END LOOP;
	INSERT INTO hosho.staff (staff_role, display_name, section_code)
	SELECT s.staff_role, s.display_name, s.section_code FROM hosho_demo.book_staff s
	ON CONFLICT (staff_role) DO NOTHING;

	-- ---- companies: names from parts, municipalities weighted (盛岡 most),
	-- every eligible industry, small enough for every size class ----------
	INSERT INTO hosho.company (company_id, legal_form, name, kana, representative,
		representative_kana, muni_code, address, industry_code, capital_yen, employees, founded_on,
		antisocial_result, section_code) OVERRIDING SYSTEM VALUE
	SELECT co_base + x.k,
	       CASE WHEN x.h % 4 = 0 THEN 'sole' ELSE 'corporation' END,
	       CASE x.h % 4 WHEN 1 THEN '株式会社' WHEN 2 THEN '有限会社' ELSE '' END
	       || w.place[1 + x.h % 30] || coalesce(w.mid[1 + x.h / 30 % 9], '') || w.trade[1 + x.h / 270 % 22]
	       || CASE WHEN x.h % 4 = 3 THEN '株式会社' ELSE '' END,
	       w.place_kana[1 + x.h % 30] || coalesce(w.mid_kana[1 + x.h / 30 % 9], '') || w.trade_kana[1 + x.h / 270 % 22],
	       w.surname[1 + x.h / 5940 % 12] || ' ' || w.given[1 + x.h / 71280 % 10],
	       w.surname_kana[1 + x.h / 5940 % 12] || ' ' || w.given_kana[1 + x.h / 71280 % 10],
	       mu.muni_code, '字' || w.place[1 + x.k % 30] || (x.k % 300 + 1) || '番地' || (x.h % 30 + 1),
	       w.industry[1 + x.h / 7 % cardinality(w.industry)],
	       CASE WHEN x.h % 4 = 0 THEN NULL ELSE (x.h % 30 + 1) * 1000000::bigint END, x.h % 20 + 1,
	       date '1965-04-01' + x.h % 20000, 'clear', mu.section_code
	  FROM (SELECT k, hashint4(k + 7 * co_base::int) & 2147483647 AS h FROM generate_series(1, p_companies) k) x
	 CROSS JOIN (SELECT
		'{北上川,早池峰,姫神,岩鷲,雫石,閉伊,気仙,胆沢,和賀,稗貫,紫波,遠野,久慈,安比,八幡平,磐井,江刺,浄法寺,碁石,浄土ヶ浜,種市,金ケ崎,厳美,猊鼻,綾織,大迫,東和,松尾,玉山,山田}'::text[] AS place,
		'{キタカミガワ,ハヤチネ,ヒメカミ,ガンジュ,シズクイシ,ヘイ,ケセン,イサワ,ワガ,ヒエヌキ,シワ,トオノ,クジ,アッピ,ハチマンタイ,イワイ,エサシ,ジョウボウジ,ゴイシ,ジョウドガハマ,タネイチ,カネガサキ,ゲンビ,ゲイビ,アヤオリ,オオハサマ,トウワ,マツオ,タマヤマ,ヤマダ}'::text[] AS place_kana,
		'{NULL,中央,総合,第一,協同,みちのく,テクノ,NULL,NULL}'::text[] AS mid,
		'{NULL,チュウオウ,ソウゴウ,ダイイチ,キョウドウ,ミチノク,テクノ,NULL,NULL}'::text[] AS mid_kana,
		'{建設,工業,商事,商店,水産,食品,運輸,電設,製作所,木材,酒造,旅館,印刷,自動車整備,鉄工所,設備,農産,牧場,菓子舗,物産,土木,サービス}'::text[] AS trade,
		'{ケンセツ,コウギョウ,ショウジ,ショウテン,スイサン,ショクヒン,ウンユ,デンセツ,セイサクショ,モクザイ,シュゾウ,リョカン,インサツ,ジドウシャセイビ,テッコウジョ,セツビ,ノウサン,ボクジョウ,カシホ,ブッサン,ドボク,サービス}'::text[] AS trade_kana,
		'{佐藤,千葉,高橋,菊池,佐々木,阿部,小野寺,及川,藤原,熊谷,村上,工藤}'::text[] AS surname,
		'{サトウ,チバ,タカハシ,キクチ,ササキ,アベ,オノデラ,オイカワ,フジワラ,クマガイ,ムラカミ,クドウ}'::text[] AS surname_kana,
		'{一郎,和子,健,裕子,誠,直美,浩,恵,修,陽子}'::text[] AS given,
		'{イチロウ,カズコ,ケン,ユウコ,マコト,ナオミ,ヒロシ,メグミ,オサム,ヨウコ}'::text[] AS given_kana,
		ARRAY(SELECT i.industry_code FROM hosho.industry i WHERE i.eligible ORDER BY i.industry_code) AS industry,
		ARRAY(SELECT m.muni_code FROM hosho.municipality m
		        CROSS JOIN generate_series(1, CASE m.muni_code WHEN '03201' THEN 10 WHEN '03202' THEN 3
		                   WHEN '03205' THEN 3 WHEN '03206' THEN 3 WHEN '03209' THEN 3 WHEN '03215' THEN 3 ELSE 1 END)
		       ORDER BY m.sort) AS muni) w
	  JOIN hosho.municipality mu ON mu.muni_code = w.muni[1 + x.k % cardinality(w.muni)];
	PERFORM setval(pg_get_serial_sequence('hosho.company', 'company_id'), co_base + p_companies);
	-- each company's main bank: the regional banks and 信金 the most
	INSERT INTO hosho.company_bank (company_id, bank_code, branch_code, main)
	SELECT co_base + x.k, left(b.branches[1 + x.h % cardinality(b.branches)], 4),
	       right(b.branches[1 + x.h % cardinality(b.branches)], 3), true
	  FROM (SELECT k, hashint4(k * 3 + co_base::int) & 2147483647 AS h FROM generate_series(1, p_companies) k) x
	 CROSS JOIN (SELECT ARRAY(SELECT br.bank_code || br.branch_code FROM hosho.bank_branch br
	                           CROSS JOIN generate_series(1, CASE br.bank_code WHEN '0123' THEN 3 WHEN '0509' THEN 4
	                                      WHEN '0124' THEN 4 WHEN '1190' THEN 4 ELSE 2 END)
	                          ORDER BY br.bank_code, br.branch_code) AS branches) b;
	RETURN QUERY SELECT 'companies', p_companies::bigint, round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1);

	-- ---- products: scheme × use × repayment plan × secured that pass the
	-- term check and the rate on every day of the window; each case's
	-- amount stays under a third of the smallest cap it counts in --------
	CREATE TEMP TABLE bk_product ON COMMIT DROP AS
	WITH cand AS (
		SELECT v.scheme_code, v.frame_code, u.use_code AS use_of_funds, pl.term_months, pl.repayment,
		       pl.installments, pl.deferral_months, sc.secured, v.min_amount,
		       CASE WHEN v.scheme_code IN ('zaimu_noguar', 'shokei_special', 'noguar_select', 'pref_iwate_shokei')
		            THEN 'none' ELSE 'representative' END AS guarantor
		  FROM hosho.scheme_version v
		 CROSS JOIN hosho.use_of_funds u CROSS JOIN hosho_demo.book_plan pl CROSS JOIN (VALUES (false), (true)) sc(secured)
		 WHERE v.valid_from <= p_as_of - window_days AND (v.valid_to IS NULL OR v.valid_to >= p_as_of)),
	ok AS (
		SELECT c.*, (SELECT min(lc.amount) FROM hosho.limit_cap lc
		              WHERE lc.valid_from <= p_as_of - window_days AND (lc.valid_to IS NULL OR lc.valid_to >= p_as_of)
		                AND hosho.cap_scope_covers(lc.scope, c.secured, c.guarantor)
		                AND (lc.use_of_funds IS NULL OR lc.use_of_funds = c.use_of_funds)
		                AND hosho.cap_has(lc.cap_code, c.frame_code, c.scheme_code)) / 3 AS max_amount
		  FROM cand c
		 WHERE NOT EXISTS (SELECT FROM (VALUES (p_as_of - window_days), (p_as_of)) dd(d),
		                          hosho.term_check(c.scheme_code, c.use_of_funds, c.repayment, c.term_months,
		                                           c.deferral_months, dd.d) t
		                    WHERE NOT t.ok)
		   AND NOT EXISTS (SELECT FROM (VALUES (p_as_of - window_days), (p_as_of)) dd(d),
		                          hosho.rate_for(c.scheme_code, 5::smallint, c.term_months, c.use_of_funds,
		                                         false, false, dd.d) t
		                    WHERE NOT t.ok))
	-- the everyday schemes weigh more
	SELECT row_number() OVER (PARTITION BY ok.secured ORDER BY ok.scheme_code, ok.use_of_funds, ok.term_months,
	                          ok.repayment, ok.installments, w.i)::int - 1 AS p, ok.*
	  FROM ok CROSS JOIN generate_series(1, CASE ok.scheme_code WHEN 'futsu' THEN 8 WHEN 'pref_shoko' THEN 4
	                                     WHEN 'pref_koguchi' THEN 4 WHEN 'pref_antei_general' THEN 3
	                                     WHEN 'muni_small' THEN 3 WHEN 'muni_medium' THEN 2 ELSE 1 END) w(i)
	 WHERE coalesce(ok.max_amount, 80000000) >= greatest(coalesce(ok.min_amount, 0), 1000000);
	CREATE TEMP TABLE bk_rate ON COMMIT DROP AS
	SELECT x.scheme_code, x.use_of_funds, x.term_months, c.rate_class, f.rate_bp, f.min_bp, f.max_bp, f.code
	  FROM (SELECT DISTINCT scheme_code, use_of_funds, term_months FROM bk_product) x
	 CROSS JOIN generate_series(1, 9) c(rate_class)
	 CROSS JOIN LATERAL hosho.rate_for(x.scheme_code, c.rate_class::smallint, x.term_months, x.use_of_funds,
	                                   false, false, p_as_of) f
	 WHERE f.code IN ('rate_flat', 'rate_class', 'rate_range');
	CREATE TEMP TABLE bk_share ON COMMIT DROP AS
	SELECT x.scheme_code, b.bank_code, s.sharing, s.guaranteed_pct
	  FROM (SELECT DISTINCT scheme_code FROM bk_product) x CROSS JOIN hosho.bank b
	 CROSS JOIN LATERAL hosho.sharing_for(x.scheme_code, b.bank_code, p_as_of) s
	 WHERE s.ok AND s.sharing IS NOT NULL;

	-- each path in one row: what it went through, its last step
	CREATE TEMP TABLE bk_path ON COMMIT DROP AS
	SELECT bp.path, max(bp.day) AS last_day, max(bp.seq) AS last_seq,
	       (array_agg(bp.state_after ORDER BY bp.seq DESC))[1] AS last_state,
	       (array_agg(bp.action ORDER BY bp.seq DESC))[1] AS last_action,
	       bool_or(bp.action = 'review_start') AS reviewed, bool_or(bp.action = 'submit') AS submitted,
	       bool_or(bp.action IN ('approve', 'reject')) AS decided, bool_or(bp.action = 'approve') AS approved,
	       bool_or(bp.action = 'issue') AS issued, bool_or(bp.action = 'execute') AS executed,
	       count(*) FILTER (WHERE bp.action NOT IN ('intake', 'hold')) AS changes,
	       max(bp.day) FILTER (WHERE bp.action = 'submit') AS submit_day,
	       max(bp.seq) FILTER (WHERE bp.action = 'submit') AS submit_seq,
	       max(bp.day) FILTER (WHERE bp.action IN ('approve', 'reject')) AS decide_day,
	       max(bp.seq) FILTER (WHERE bp.action IN ('approve', 'reject')) AS decide_seq,
	       max(bp.day) FILTER (WHERE bp.action = 'issue') AS issue_day,
	       max(bp.day) FILTER (WHERE bp.action = 'execute') AS execute_day
	  FROM hosho_demo.book_path bp GROUP BY bp.path;

	-- ---- the cases: the state by the case's number (exact proportions in
	-- every thousand), the product, amount and dates by its hash -----------
	CREATE TEMP TABLE bk_case ON COMMIT DROP AS
	WITH n AS (
		SELECT n, (n * 389) % 1000 AS r, hashint4(n + g_base::int) & 2147483647 AS h,
		       hashint4(-n - g_base::int) & 2147483647 AS h2
		  FROM generate_series(1, cases) n),
	pathed AS (
		SELECT n.*, CASE
		       WHEN r < 900 THEN CASE WHEN r % 50 = 7 THEN 'executed_again' ELSE 'executed' END
		       WHEN r < 925 THEN 'issued' WHEN r < 940 THEN 'approved'
		       WHEN r < 947 THEN 'applied' WHEN r = 947 THEN 'held'
		       WHEN r < 958 THEN 'under_review' WHEN r < 965 THEN 'submitted' WHEN r = 965 THEN 'submitted_again'
		       WHEN r < 976 THEN 'rejected' WHEN r < 981 THEN 'withdrawn_applied'
		       WHEN r < 986 THEN 'withdrawn_review' WHEN r < 991 THEN 'withdrawn_approved'
		       ELSE 'lapsed' END AS path,
		       -- secured one case in ten
		       n % 10 = 0 AS secured
		  FROM n),
	priced AS (
		SELECT x.n, x.r, x.h, x.h2, x.path, g_base + x.n AS guarantee_id,
		       co_base + 1 + (x.n - 1) % p_companies AS company_id, p.*,
		       -- amounts skewed small, in 100,000 yen
		       greatest(coalesce(p.min_amount, 0), 1000000,
		                floor(coalesce(p.max_amount, 80000000) * power((x.h % 1000 + 1) / 1000.0, 2) / 100000)::bigint * 100000)
		         AS requested
		  FROM pathed x
		  JOIN (SELECT q.secured, count(*) AS products FROM bk_product q GROUP BY q.secured) pc
		    ON pc.secured = x.secured
		  JOIN bk_product p ON p.secured = x.secured AND p.p = x.h2 % pc.products)
	SELECT c.*, co.section_code, o.kind AS office_kind, cb.bank_code, cb.branch_code,
	       -- a reviewer's cut one case in ten; a smaller loan one in eight
	       CASE WHEN c.n % 10 = 4 THEN greatest(c.requested * 8 / 10 / 100000 * 100000, 1000000) ELSE c.requested END
	         AS proposed,
	       1 + c.h / 1000 % 9 AS rate_class,
	       CASE WHEN c.repayment IN ('equal', 'unequal') AND c.n % 40 = 3 THEN c.requested / 5 / 100000 * 100000 END
	         AS balloon,
	       -- the day of the intake: recent for the cases in progress; for
	       -- executed ones old enough to have repaid some, young enough to
	       -- be running still; nothing on p_as_of itself (the clock may not
	       -- have reached the office hours of the steps)
	       p_as_of - 1 - ps.last_day
	         - CASE WHEN c.path IN ('executed', 'executed_again') THEN 21 ELSE 0 END
	         - CASE WHEN c.path IN ('applied', 'under_review', 'submitted', 'submitted_again', 'approved') THEN c.h / 7 % 6
	                WHEN c.path IN ('held', 'issued') THEN c.h / 7 % 20
	                WHEN c.path IN ('executed', 'executed_again')
	                THEN c.h / 7 % greatest(1, least(window_days - 60, c.term_months * 28 - 40))
	                ELSE c.h / 7 % (window_days - 60) END AS day0,
	       1 + c.h / 13 % 20 AS gap,
	       CASE WHEN c.term_months >= 36 AND c.n % 3 = 0 THEN 'split' ELSE 'lump' END AS fee_collection,
	       c.n % 3 = 1 AS electronic
	  FROM priced c
	  JOIN bk_path ps ON ps.path = c.path
	  JOIN hosho.company co ON co.company_id = c.company_id
	  JOIN hosho.section s ON s.section_code = co.section_code
	  JOIN hosho.office o ON o.office_code = s.office_code
	  JOIN hosho.company_bank cb ON cb.company_id = c.company_id AND cb.main;
	-- the decision's level (for each scheme, amount and kind of office), the
	-- rate, the share; the staff of the case
	CREATE TEMP TABLE bk_level ON COMMIT DROP AS
	SELECT x.scheme_code, x.proposed, x.office_kind,
	       hosho.required_level(x.scheme_code, x.proposed, x.office_kind, p_as_of) AS required_level
	  FROM (SELECT DISTINCT c.scheme_code, c.proposed, c.office_kind FROM bk_case c) x;
	CREATE TEMP TABLE bk ON COMMIT DROP AS
	SELECT c.*, rt.rate_bp AS rate_fixed, rt.min_bp, rt.max_bp, rt.code AS rate_code,
	       CASE WHEN rt.code = 'rate_range' THEN rt.min_bp + c.h / 17 % (rt.max_bp - rt.min_bp + 1) ELSE rt.rate_bp END
	         AS rate_bp,
	       sh.sharing, sh.guaranteed_pct,
	       lv.required_level,
	       CASE WHEN c.n % 2 = 0 THEN sa.staff_role ELSE sb.staff_role END AS handler,
	       CASE WHEN c.n % 2 = 0 THEN sb.staff_role ELSE sa.staff_role END AS other_clerk,
	       ss.staff_role AS supervisor,
	       c.day0 + ps.issue_day AS issued_on, c.day0 + ps.execute_day + c.gap AS executed_on,
	       CASE WHEN c.n % 8 = 5 THEN greatest(c.proposed * 9 / 10 / 100000 * 100000, 1000000) ELSE c.proposed END
	         AS executed_amount
	  FROM bk_case c
	  JOIN bk_path ps ON ps.path = c.path
	  JOIN bk_level lv ON lv.scheme_code = c.scheme_code AND lv.proposed = c.proposed AND lv.office_kind = c.office_kind
	  JOIN bk_rate rt ON rt.scheme_code = c.scheme_code AND rt.use_of_funds = c.use_of_funds
	   AND rt.term_months = c.term_months AND rt.rate_class = c.rate_class
	  JOIN bk_share sh ON sh.scheme_code = c.scheme_code AND sh.bank_code = c.bank_code
	  JOIN hosho_demo.book_staff sa ON sa.section_code = c.section_code AND sa.slot = 'a'
	  JOIN hosho_demo.book_staff sb ON sb.section_code = c.section_code AND sb.slot = 'b'
	  JOIN hosho_demo.book_staff ss ON ss.section_code = c.section_code AND ss.slot = 's';
	-- the execution's figures (guarantee_execute) and the certificate's
	-- (guarantee_issue), the balance today in closed form
	CREATE TEMP TABLE bk_fig ON COMMIT DROP AS
	SELECT b.guarantee_id,
	       CASE b.required_level WHEN 'clerk' THEN b.other_clerk WHEN 'head_office' THEN 'toukatsu1'
	            ELSE b.supervisor END AS decider,
	       b.issued_on + 30 AS valid_until,
	       b.proposed * b.guaranteed_pct / 100 AS cert_guaranteed,
	       CASE WHEN b.issued_on IS NOT NULL
	            THEN hosho.guarantee_fee(b.repayment, b.proposed * b.guaranteed_pct / 100, b.rate_bp, b.term_months,
	                                     b.deferral_months, b.installments, b.balloon * b.guaranteed_pct / 100,
	                                     b.issued_on) END AS cert_fee,
	       CASE WHEN b.executed_on IS NOT NULL
	            THEN hosho.guarantee_fee(b.repayment, b.executed_amount * b.guaranteed_pct / 100, b.rate_bp,
	                                     b.term_months, b.deferral_months, b.installments,
	                                     b.balloon * b.guaranteed_pct / 100, b.executed_on) END AS exec_fee,
	       (b.executed_on + make_interval(months => b.term_months))::date AS maturity_on,
	       greatest((b.term_months - b.deferral_months) / b.installments, 1) AS interval_months,
	       CASE WHEN b.repayment IN ('equal', 'unequal')
	            THEN (b.executed_on + make_interval(months => b.deferral_months
	                  + greatest((b.term_months - b.deferral_months) / b.installments, 1)))::date
	            ELSE (b.executed_on + make_interval(months => b.term_months))::date END AS first_on
	  FROM bk b;
	-- installments due by p_as_of (repayment_rows' dates): m, the most
	-- months after the first due date that are not after p_as_of
	CREATE TEMP TABLE bk_bal ON COMMIT DROP AS
	SELECT b.guarantee_id, CASE
	       WHEN b.repayment NOT IN ('equal', 'unequal') OR due.k = 0 THEN b.executed_amount
	       WHEN due.k < b.installments THEN b.executed_amount - (b.executed_amount - coalesce(b.balloon, 0)) / b.installments * due.k
	       ELSE 0 END AS balance
	  FROM bk b JOIN bk_fig f USING (guarantee_id)
	 CROSS JOIN LATERAL (SELECT ((extract(year FROM p_as_of) - extract(year FROM f.first_on)) * 12
	                             + extract(month FROM p_as_of) - extract(month FROM f.first_on))::int AS m0) mm
	 CROSS JOIN LATERAL (SELECT CASE WHEN p_as_of < f.first_on THEN 0
	                            ELSE least(b.installments, (mm.m0 - CASE WHEN f.first_on + make_interval(months => mm.m0) > p_as_of
	                                                                     THEN 1 ELSE 0 END) / f.interval_months + 1) END AS k) due
	 WHERE b.path IN ('executed', 'executed_again');
	RETURN QUERY SELECT 'cases', count(*), round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1) FROM bk;

	-- ---- the guarantees --------------------------------------------------
	INSERT INTO hosho.guarantee (guarantee_id, company_id, state, bank_code, branch_code,
		scheme_code, frame_code, use_of_funds, requested_amount, balance, secured, guarantor, rate_class, rate_bp,
		sharing, term_months, deferral_months, repayment, installments, fee_yen, applied_on, issued_on,
		executed_on, maturity_on, section_code, version, created_by, created_at, approved_amount, executed_amount,
		proposed_amount, hold, bank_requested_on, balloon_yen, fee_collection, handled_by, submitted_by,
		submitted_at, required_level, decided_by, decided_at, reason_code, reason, valid_until,
		first_repayment_on, updated_at, updated_by, review_note, rate_basis) OVERRIDING SYSTEM VALUE
	SELECT b.guarantee_id, b.company_id, ps.last_state, b.bank_code, b.branch_code, b.scheme_code,
	       b.frame_code, b.use_of_funds, b.requested, coalesce(bal.balance, 0), b.secured, b.guarantor,
	       CASE WHEN ps.reviewed THEN b.rate_class END,
	       CASE WHEN ps.submitted THEN b.rate_bp END,
	       CASE WHEN ps.approved THEN b.sharing END,
	       b.term_months, b.deferral_months, b.repayment, b.installments,
	       CASE WHEN ps.executed THEN f.exec_fee WHEN ps.issued THEN f.cert_fee END,
	       b.day0, CASE WHEN ps.issued THEN b.issued_on END, CASE WHEN ps.executed THEN b.executed_on END,
	       CASE WHEN ps.executed THEN f.maturity_on END, b.section_code, 1 + ps.changes, b.handler,
	       hosho_demo.book_at(b.day0, 0, 1, 'intake', b.gap), CASE WHEN ps.approved THEN b.proposed END, CASE WHEN ps.executed THEN b.executed_amount END,
	       b.proposed, CASE WHEN b.path = 'held' THEN 'antisocial' END, b.day0 - b.h % 3, b.balloon,
	       b.fee_collection, b.handler,
	       CASE WHEN ps.submitted THEN b.handler END, CASE WHEN ps.submitted THEN hosho_demo.book_at(b.day0, ps.submit_day, ps.submit_seq, 'submit', b.gap) END,
	       CASE WHEN ps.submitted THEN b.required_level END,
	       CASE WHEN ps.decided THEN f.decider END, CASE WHEN ps.decided THEN hosho_demo.book_at(b.day0, ps.decide_day, ps.decide_seq, 'approve', b.gap) END,
	       CASE WHEN b.path = 'rejected' THEN (ARRAY['financial', 'repayment', 'use_of_funds', 'accident', 'other'])[1 + b.n % 5]
	            WHEN b.path LIKE 'withdrawn%' THEN (ARRAY['bank', 'company', 'proper', 'other'])[1 + b.n % 4] END,
	       CASE WHEN b.path = 'rejected' THEN '審査の結果、今回は見送り（デモ）'
	            WHEN b.path LIKE 'withdrawn%' THEN '金融機関から取下げの連絡（デモ）' END,
	       CASE WHEN ps.issued THEN f.valid_until END,
	       CASE WHEN ps.executed THEN f.first_on END, hosho_demo.book_at(b.day0, ps.last_day, ps.last_seq, ps.last_action, b.gap),
	       hosho_demo.book_staff_of(ps.last_action, b.handler, f.decider),
	       CASE WHEN ps.reviewed THEN '財務内容・返済計画を確認（デモ）' END,
	       CASE WHEN ps.reviewed THEN '直近決算の格付による' END
	  FROM bk b
	  JOIN bk_fig f USING (guarantee_id)
	  LEFT JOIN bk_bal bal USING (guarantee_id)
	  JOIN bk_path ps ON ps.path = b.path;
	PERFORM setval(pg_get_serial_sequence('hosho.guarantee', 'guarantee_id'), g_base + cases);
	RETURN QUERY SELECT 'guarantees live', count(*), round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1) FROM hosho.guarantee g
	 WHERE g.guarantee_id > g_base AND g.state IN ('approved', 'issued', 'executed');

	-- the held cases' companies: their representative newly listed
	UPDATE hosho.company c SET representative = '北山 権蔵', representative_kana = 'キタヤマ ゴンゾウ'
	  FROM bk b WHERE b.path = 'held' AND c.company_id = b.company_id;

	-- ---- certificates and insurance notices (issued, executed, lapsed) -----
	INSERT INTO hosho.certificate (certificate_no, guarantee_id, issued_on, valid_until, electronic, loan_amount,
		guaranteed_share_pct, guaranteed_amount, sharing, rate_bp, fee_yen, fee_collection, issued_by, issued_at)
	SELECT to_char(x.issued_on, 'YYYY') || '-' || lpad(nextval('hosho.certificate_no_seq')::text, 7, '0'), x.*
	  FROM (SELECT b.guarantee_id, b.issued_on, f.valid_until, b.electronic, b.proposed, b.guaranteed_pct,
	               f.cert_guaranteed, b.sharing, b.rate_bp, f.cert_fee, b.fee_collection, b.handler,
	               hosho_demo.book_at(b.day0, bp.day, bp.seq, bp.action, b.gap)
	          FROM bk b JOIN bk_fig f USING (guarantee_id)
	          JOIN hosho_demo.book_path bp ON bp.path = b.path AND bp.action = 'issue'
	         ORDER BY b.issued_on, b.guarantee_id) x;
	INSERT INTO hosho.insurance_notice (guarantee_id, certificate_no, kind, amount, noted_on, sent_on)
	SELECT c.guarantee_id, c.certificate_no, 'issue', c.guaranteed_amount, c.issued_on,
	       CASE WHEN c.issued_on + 5 <= p_as_of THEN c.issued_on + 5 END
	  FROM hosho.certificate c WHERE c.guarantee_id > g_base;
	RETURN QUERY SELECT 'certificates', count(*), round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1) FROM hosho.certificate c WHERE c.guarantee_id > g_base;

	-- ---- the history: one row per step of the case's path ------------------
	INSERT INTO hosho.guarantee_history (guarantee_id, at, staff, action, state_before, state_after, reason_code,
		reason, detail)
	SELECT b.guarantee_id, hosho_demo.book_at(b.day0, bp.day, bp.seq, bp.action, b.gap),
	       hosho_demo.book_staff_of(bp.action, b.handler, f.decider), bp.action, bp.state_before, bp.state_after,
	       CASE WHEN bp.action IN ('reject', 'withdraw') THEN g.reason_code END,
	       CASE WHEN bp.action IN ('reject', 'withdraw') THEN g.reason
	            WHEN bp.action = 'send_back' THEN '資金繰り表の再確認をお願いします（デモ）' END,
	       CASE bp.action
	       WHEN 'submit' THEN jsonb_build_object('required_level', b.required_level, 'rate_bp', b.rate_bp)
	       WHEN 'approve' THEN jsonb_build_object('amount', b.proposed, 'required_level', b.required_level)
	       WHEN 'reject' THEN jsonb_build_object('amount', b.proposed, 'required_level', b.required_level)
	       WHEN 'execute' THEN jsonb_build_object('executed_amount', b.executed_amount, 'executed_on', b.executed_on,
	                                              'fee_yen', f.exec_fee)
	       WHEN 'lapse' THEN jsonb_build_object('valid_until', f.valid_until)
	       WHEN 'issue' THEN jsonb_build_object('certificate_no', ce.certificate_no, 'electronic', ce.electronic)
	       WHEN 'hold' THEN jsonb_build_object('hits', (SELECT jsonb_agg(to_jsonb(w)) FROM hosho.watchlist_hits(b.company_id) w))
	       END
	  FROM bk b
	  JOIN bk_fig f USING (guarantee_id)
	  JOIN hosho.guarantee g USING (guarantee_id)
	  LEFT JOIN hosho.certificate ce USING (guarantee_id)
	  JOIN hosho_demo.book_path bp ON bp.path = b.path
	 ORDER BY b.guarantee_id, bp.seq;
	RETURN QUERY SELECT 'history rows', count(*), round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1) FROM hosho.guarantee_history h WHERE h.guarantee_id > g_base;

	-- ---- the four-eyes record of every decision; the open watch-list
	-- clearance of every held case -----------------------------------------
	INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version, state, requested_by,
		requested_at, decided_by, decided_at, reason)
	SELECT 'guarantee', g.guarantee_id::text, 'guarantee_decision',
	       jsonb_build_object('value', CASE WHEN g.state = 'rejected' THEN 'reject' ELSE 'approve' END,
	                          'amount', g.proposed_amount, 'required_level', g.required_level),
	       1 + (SELECT count(*) FROM hosho_demo.book_path bp WHERE bp.path = b.path AND bp.seq < dp.seq
	                                                        AND bp.action NOT IN ('intake', 'hold'))::int,
	       CASE WHEN g.state = 'rejected' THEN 'rejected' ELSE 'approved' END, g.submitted_by, g.submitted_at,
	       g.decided_by, g.decided_at, g.reason
	  FROM hosho.guarantee g JOIN bk b USING (guarantee_id)
	  JOIN hosho_demo.book_path dp ON dp.path = b.path AND dp.action IN ('approve', 'reject')
	 WHERE g.guarantee_id > g_base;
	INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version, requested_by, requested_at)
	SELECT 'guarantee', g.guarantee_id::text, 'watchlist_clearance',
	       jsonb_build_object('value', 'clear', 'hits', (SELECT jsonb_agg(to_jsonb(w)) FROM hosho.watchlist_hits(g.company_id) w)),
	       1, g.handled_by, g.created_at
	  FROM hosho.guarantee g WHERE g.guarantee_id > g_base AND g.hold = 'antisocial';
	-- ---- execution: fee receipts, repayment schedules ------------------------
	IF p_schedules THEN
		INSERT INTO hosho.fee_receipt (guarantee_id, part, due_on, amount, received_on)
		SELECT g.guarantee_id, s.part, (g.executed_on + make_interval(months => s.due_month))::date, s.amount,
		       CASE WHEN s.part = 1 THEN g.executed_on
		            WHEN (g.executed_on + make_interval(months => s.due_month))::date <= p_as_of
		            THEN (g.executed_on + make_interval(months => s.due_month))::date END
		  FROM hosho.guarantee g
		 CROSS JOIN LATERAL (SELECT * FROM hosho.fee_split(g.fee_yen, g.term_months) WHERE g.fee_collection = 'split'
		                     UNION ALL
		                     SELECT 1, 100, 0, g.fee_yen WHERE g.fee_collection = 'lump') s
		 WHERE g.guarantee_id > g_base AND g.state = 'executed';
		INSERT INTO hosho.repayment_schedule (guarantee_id, seq, due_on, principal, balance_after)
		SELECT g.guarantee_id, s.seq, s.due_on, s.principal, s.balance_after
		  FROM hosho.guarantee g JOIN bk_fig f USING (guarantee_id)
		 CROSS JOIN LATERAL hosho.repayment_rows(g.executed_amount, g.repayment, g.installments, g.balloon_yen,
		                                         g.first_repayment_on, f.interval_months, g.maturity_on) s
		 WHERE g.guarantee_id > g_base AND g.state = 'executed';
		RETURN QUERY SELECT 'schedule rows', count(*), round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1) FROM hosho.repayment_schedule s WHERE s.guarantee_id > g_base;
	END IF;
	PERFORM set_config('session_replication_role', 'origin', true);
END
$$;

-- When step `day` of a case took place: office hours, the steps of a day
-- minutes apart; an execution `gap` days after the issue.
CREATE FUNCTION hosho_demo.book_at(p_day0 date, p_day int, p_seq int, p_action text, p_gap int)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
	SELECT (p_day0 + p_day + CASE WHEN p_action = 'execute' THEN p_gap ELSE 0 END + time '09:30'
	        + make_interval(mins => p_seq * 7))::timestamptz
$$;

-- Who took a step: the decider decides, the batch lapses, the case's clerk
-- does the rest.
CREATE FUNCTION hosho_demo.book_staff_of(p_action text, p_handler name, p_decider name) RETURNS name
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN p_action IN ('approve', 'reject', 'send_back') THEN p_decider
	            WHEN p_action = 'lapse' THEN session_user ELSE p_handler END
$$;

DO $$
BEGIN
	IF coalesce(current_setting('hosho.demo_book', true), 'on') <> 'off' THEN
		PERFORM hosho_demo.book_generate(12000, 30000);
	END IF;
END
$$;
