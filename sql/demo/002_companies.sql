-- Demo companies: a few written out, the rest generated so that searching
-- and paging behave as with a real register (Iwate has ~15,000 users).

INSERT INTO hosho.company (legal_form, name, kana, representative, representative_kana,
	postal_code, muni_code, address, phone, industry_code, capital_yen, employees,
	founded_on, antisocial_result, union_members, union_eligible_members, section_code)
SELECT v.*, CASE WHEN legal_form = 'union' THEN 24 END, CASE WHEN legal_form = 'union' THEN 22 END, ''
  FROM (VALUES
	('corporation', '株式会社盛岡精工', 'モリオカセイコウ', '佐藤 一郎', 'サトウ イチロウ',
	 '0200021', '03201', '中央通一丁目1番1号', '019-600-0001', 'E26', 30000000::bigint, 45,
	 '1985-04-01'::date, 'clear'),
	('corporation', '三陸水産加工株式会社', 'サンリクスイサンカコウ', '千葉 二郎', 'チバ ジロウ',
	 '0270001', '03202', '宮町二丁目3番4号', '0193-60-0002', 'E09', 10000000, 120,
	 '1972-06-15', 'clear'),
	('sole', '花巻温泉旅館 かわせみ', 'ハナマキオンセンリョカンカワセミ', '高橋 花子', 'タカハシ ハナコ',
	 '0250304', '03205', '湯本一丁目5番', '0198-60-0003', 'M751', NULL, 18,
	 '1990-10-01', 'clear'),
	('corporation', '有限会社北上ソフトウェア', 'キタカミソフトウェア', '菊池 三郎', 'キクチ サブロウ',
	 '0240061', '03206', '大通り二丁目2番2号', '0197-60-0004', 'G391', 5000000, 12,
	 '2005-03-01', 'pending'),
	('corporation', '株式会社一関建設', 'イチノセキケンセツ', '小野寺 四郎', 'オノデラ シロウ',
	 '0210884', '03209', '大手町1番1号', '0191-60-0005', 'D06', 20000000, 60,
	 '1968-08-08', 'clear'),
	('union', '岩手県南食品事業協同組合', 'イワテケンナンショクヒンジギョウキョウドウクミアイ', '阿部 五郎', 'アベ ゴロウ',
	 '0230001', '03215', '水沢大手町3番', '0197-60-0006', 'I52', 15000000, 8,
	 '1979-04-01', 'clear'),
	('medical', '医療法人社団釜石クリニック', 'カマイシクリニック', '藤原 六子', 'フジワラ ロクコ',
	 '0260024', '03211', '大町一丁目1番', '0193-60-0007', 'P83', NULL, 35,
	 '2001-07-01', 'clear'),
	('npo', '特定非営利活動法人遠野ふるさと', 'トオノフルサト', '菊地 七郎', 'キクチ シチロウ',
	 '0280522', '03208', '中央通り5番', '0198-60-0008', 'N79', NULL, 6,
	 '2010-11-11', 'clear')
) v(legal_form, name, kana, representative, representative_kana, postal_code, muni_code,
    address, phone, industry_code, capital_yen, employees, founded_on, antisocial_result);

-- Generated companies: names from parts, spread over every municipality
-- and eligible industry.
INSERT INTO hosho.company (legal_form, name, kana, muni_code, address, industry_code,
	capital_yen, employees, founded_on, antisocial_result, section_code)
SELECT CASE WHEN g % 5 = 0 THEN 'sole' ELSE 'corporation' END,
       CASE WHEN g % 5 = 0 THEN '' ELSE '株式会社' END || p.name || s.name || g,
       p.kana || s.kana || g,
       m.muni_code, '本町' || (g % 40 + 1) || '番' || (g % 9 + 1) || '号',
       i.industry_code,
       CASE WHEN g % 5 = 0 THEN NULL ELSE (g % 50 + 1) * 1000000::bigint END,
       g % 120 + 1,
       date '1960-04-01' + (g * 37 % 22000),
       CASE WHEN g % 97 = 0 THEN 'pending' ELSE 'clear' END,
       ''
  FROM generate_series(1, 3000) g
  JOIN LATERAL (SELECT * FROM (VALUES
	(0, '岩手', 'イワテ'), (1, '盛岡', 'モリオカ'), (2, '三陸', 'サンリク'), (3, '北上', 'キタカミ'),
	(4, '南部', 'ナンブ'), (5, '奥州', 'オウシュウ'), (6, '平泉', 'ヒライズミ'), (7, '早池峰', 'ハヤチネ'),
	(8, '岩鷲', 'ガンジュ'), (9, '閉伊', 'ヘイ')) x(k, name, kana) WHERE x.k = g % 10) p ON true
  JOIN LATERAL (SELECT * FROM (VALUES
	(0, '商事', 'ショウジ'), (1, '工業', 'コウギョウ'), (2, '建設', 'ケンセツ'), (3, '水産', 'スイサン'),
	(4, '食品', 'ショクヒン'), (5, '運輸', 'ウンユ'), (6, '電機', 'デンキ'), (7, '物産', 'ブッサン')) y(k, name, kana)
	WHERE y.k = (g / 10) % 8) s ON true
  JOIN LATERAL (SELECT muni_code FROM hosho.municipality ORDER BY sort OFFSET g % 33 LIMIT 1) m ON true
  JOIN LATERAL (SELECT industry_code FROM hosho.industry WHERE eligible
                 ORDER BY sort OFFSET g % (SELECT count(*) FROM hosho.industry WHERE eligible) LIMIT 1) i ON true;

INSERT INTO hosho.company_bank (company_id, bank_code, branch_code, main)
SELECT c.company_id, '0123', '001', true FROM hosho.company c WHERE c.company_id % 3 = 0
UNION ALL
SELECT c.company_id, '0509', '001', true FROM hosho.company c WHERE c.company_id % 3 = 1;
