-- 010_reference.sql — organisation, municipalities, industries, banks.
--
-- Source of every figure: the 2024 disclosure brochure of the Iwate Credit
-- Guarantee Corporation (信用保証協会のあらまし 2024, shared/seeds), pages
-- "ご利用いただける方" (size table, ineligible industries), 組織図 (R6.4.1) and
-- the contact list with each section's 管轄市町村.  Municipality codes are the
-- JIS X 0401/0402 codes without the check digit.  Bank and branch codes are the
-- 全銀協 codes as best known; the brochure does not name every institution nor
-- say which sharing method each chose, so those two columns are demo-grade and
-- must be checked against the CGC's agreement list before production use.
--
-- Applied by the migration runner inside one transaction: no BEGIN/COMMIT here.

-- ---------------------------------------------------------------------------
-- Offices and sections
-- ---------------------------------------------------------------------------

CREATE TABLE hosho.office (
    office_code text PRIMARY KEY CHECK (office_code ~ '^[0-9]{2}$'),
    name        text NOT NULL UNIQUE CHECK (name <> ''),
    kind        text NOT NULL CHECK (kind IN ('head', 'branch')),
    address     text,
    sort        int  NOT NULL
);
-- Exactly one head office.
CREATE UNIQUE INDEX office_one_head ON hosho.office (kind) WHERE kind = 'head';
COMMENT ON TABLE hosho.office IS '事務所: 本所と支所 (R6.4.1 組織図)';

CREATE TABLE hosho.section (
    section_code text PRIMARY KEY CHECK (section_code ~ '^[0-9]{4}$'),
    office_code  text NOT NULL REFERENCES hosho.office,
    name         text NOT NULL CHECK (name <> ''),
    duty         text NOT NULL CHECK (duty IN ('guarantee', 'policy', 'support',
                                               'recovery', 'planning', 'audit', 'digital')),
    sort         int  NOT NULL,
    -- the first two digits of a section code are its office's code, so a code
    -- read on a printed report tells the office at a glance
    CHECK (left(section_code, 2) = office_code),
    UNIQUE (office_code, name)
);
CREATE INDEX section_office_idx ON hosho.section (office_code);
COMMENT ON TABLE hosho.section IS '課・室・支所の業務単位。duty=guarantee の課が市町村を管轄する';

INSERT INTO hosho.office (office_code, name, kind, address, sort) VALUES
 ('01', '本所',     'head',   '〒020-0062 盛岡市長田町6番2号 アバンサール・ｉ',        1),
 ('02', '釜石支所', 'branch', '〒026-0041 釜石市上中島町1丁目3-11',                    2),
 ('03', '宮古支所', 'branch', '〒027-0061 宮古市西町二丁目2番3号',                     3),
 ('04', '大船渡支所', 'branch', '〒022-0002 大船渡市大船渡町字茶屋前59番地6 ヤチビル1階', 4),
 ('05', '二戸支所', 'branch', '〒028-6101 二戸市福岡字八幡下19番地2',                  5),
 ('06', '奥州支所', 'branch', '〒023-0828 奥州市水沢東大通り一丁目2番3号',             6),
 ('07', '一関支所', 'branch', '〒021-0881 一関市大町7番14号',                          7);

INSERT INTO hosho.section (section_code, office_code, name, duty, sort) VALUES
 ('0101', '01', '営業部 保証一課',       'guarantee', 10),
 ('0102', '01', '営業部 保証二課',       'guarantee', 11),
 ('0111', '01', '企業支援部 保証統括課', 'policy',    20),
 ('0112', '01', '企業支援部 経営支援課', 'support',   21),
 ('0113', '01', '企業支援部 管理再生課', 'recovery',  22),
 ('0121', '01', '総務部 総務企画課',     'planning',  30),
 ('0131', '01', '検査室',                'audit',     40),
 ('0141', '01', 'デジタル推進室',        'digital',   50),
 ('0201', '02', '釜石支所',              'guarantee', 60),
 ('0301', '03', '宮古支所',              'guarantee', 61),
 ('0401', '04', '大船渡支所',            'guarantee', 62),
 ('0501', '05', '二戸支所',              'guarantee', 63),
 ('0601', '06', '奥州支所',              'guarantee', 64),
 ('0701', '07', '一関支所',              'guarantee', 65);

-- ---------------------------------------------------------------------------
-- Municipalities and their guarantee section (管轄)
-- ---------------------------------------------------------------------------

CREATE TABLE hosho.municipality (
    muni_code    char(5) PRIMARY KEY CHECK (muni_code ~ '^03[0-9]{3}$'),  -- 03 = 岩手県
    name         text NOT NULL UNIQUE CHECK (name ~ '[市町村]$'),
    kana         text NOT NULL CHECK (kana ~ '^[ァ-ヶー]+$'),
    section_code text NOT NULL REFERENCES hosho.section,
    sort         int  NOT NULL
);
CREATE INDEX municipality_section_idx ON hosho.municipality (section_code);
COMMENT ON TABLE hosho.municipality IS
  '岩手県33市町村と管轄の保証課 (あらまし2024 連絡先の管轄市町村)。muni_code は全国地方公共団体コードの検査数字を除く5桁';

-- A municipality may only be served by a section whose duty is guarantee.
CREATE FUNCTION hosho.municipality_section_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM hosho.section s
                    WHERE s.section_code = NEW.section_code AND s.duty = 'guarantee') THEN
        RAISE EXCEPTION '市町村 % の管轄 % は保証課ではありません', NEW.name, NEW.section_code
              USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER municipality_section_check
    BEFORE INSERT OR UPDATE OF section_code ON hosho.municipality
    FOR EACH ROW EXECUTE FUNCTION hosho.municipality_section_check();

INSERT INTO hosho.municipality (muni_code, name, kana, section_code, sort) VALUES
 ('03201', '盛岡市',     'モリオカシ',       '0101',  1),
 ('03202', '宮古市',     'ミヤコシ',         '0301',  2),
 ('03203', '大船渡市',   'オオフナトシ',     '0401',  3),
 ('03205', '花巻市',     'ハナマキシ',       '0102',  4),
 ('03206', '北上市',     'キタカミシ',       '0102',  5),
 ('03207', '久慈市',     'クジシ',           '0501',  6),
 ('03208', '遠野市',     'トオノシ',         '0201',  7),
 ('03209', '一関市',     'イチノセキシ',     '0701',  8),
 ('03210', '陸前高田市', 'リクゼンタカタシ', '0401',  9),
 ('03211', '釜石市',     'カマイシシ',       '0201', 10),
 ('03213', '二戸市',     'ニノヘシ',         '0501', 11),
 ('03214', '八幡平市',   'ハチマンタイシ',   '0101', 12),
 ('03215', '奥州市',     'オウシュウシ',     '0601', 13),
 ('03216', '滝沢市',     'タキザワシ',       '0101', 14),
 ('03301', '雫石町',     'シズクイシチョウ', '0101', 15),
 ('03302', '葛巻町',     'クズマキマチ',     '0101', 16),
 ('03303', '岩手町',     'イワテマチ',       '0101', 17),
 ('03321', '紫波町',     'シワチョウ',       '0102', 18),
 ('03322', '矢巾町',     'ヤハバチョウ',     '0102', 19),
 ('03366', '西和賀町',   'ニシワガマチ',     '0102', 20),
 ('03381', '金ケ崎町',   'カネガサキチョウ', '0601', 21),
 ('03402', '平泉町',     'ヒライズミチョウ', '0701', 22),
 ('03441', '住田町',     'スミタチョウ',     '0401', 23),
 ('03461', '大槌町',     'オオツチチョウ',   '0201', 24),
 ('03482', '山田町',     'ヤマダマチ',       '0301', 25),
 ('03483', '岩泉町',     'イワイズミチョウ', '0301', 26),
 ('03484', '田野畑村',   'タノハタムラ',     '0301', 27),
 ('03485', '普代村',     'フダイムラ',       '0501', 28),
 ('03501', '軽米町',     'カルマイマチ',     '0501', 29),
 ('03503', '野田村',     'ノダムラ',         '0501', 30),
 ('03506', '九戸村',     'クノヘムラ',       '0501', 31),
 ('03507', '洋野町',     'ヒロノチョウ',     '0501', 32),
 ('03524', '一戸町',     'イチノヘマチ',     '0501', 33);

-- ---------------------------------------------------------------------------
-- Industries
-- ---------------------------------------------------------------------------

-- The eleven industry groups of the brochure's statistics tables.
CREATE TABLE hosho.stat_industry (
    stat_code text PRIMARY KEY CHECK (stat_code ~ '^[0-9]{2}$'),
    name      text NOT NULL UNIQUE,
    sort      int  NOT NULL
);
COMMENT ON TABLE hosho.stat_industry IS '統計用業種区分 (あらまし 業種別保証承諾等の表頭)';

INSERT INTO hosho.stat_industry VALUES
 ('01', '製造業',     1), ('02', '農林漁業',   2), ('03', '鉱業',       3),
 ('04', '建設業',     4), ('05', '卸売業',     5), ('06', '小売業',     6),
 ('07', '飲食業',     7), ('08', '運送倉庫業', 8), ('09', 'サービス業', 9),
 ('10', '不動産業',  10), ('11', 'その他',    11);

-- The size lines (企業規模): a company is small enough when its capital OR its
-- regular employees are at or under the line (either suffices).  NULL capital_max
-- means capital is not a test for that class (医療法人).  npo_employees_max is
-- the line for a 特定非営利活動法人 whose main business is in the class (NULL:
-- an NPO cannot fall in that class).
CREATE TABLE hosho.size_class (
    size_code         text PRIMARY KEY CHECK (size_code ~ '^[a-z_]+$'),
    name              text NOT NULL UNIQUE,
    capital_max       bigint CHECK (capital_max > 0),
    employees_max     int    NOT NULL CHECK (employees_max > 0),
    npo_employees_max int    CHECK (npo_employees_max > 0),
    sort              int    NOT NULL DEFAULT 0
);
COMMENT ON TABLE hosho.size_class IS
  '企業規模 (資本金又は常時使用する従業員数のいずれかが以下であれば中小企業者)。政令特例業種を含む';

INSERT INTO hosho.size_class (size_code, name, capital_max, employees_max, npo_employees_max, sort) VALUES
 ('manufacturing', '製造業等',                         300000000, 300, 300, 1),
 ('wholesale',     '卸売業',                           100000000, 100, 100, 2),
 ('retail',        '小売業',                            50000000,  50,  50, 3),
 ('service',       'サービス業',                        50000000, 100, 100, 4),
 ('medical',       '医療法人',                              NULL, 300, NULL, 5),
 ('rubber',        'ゴム製品製造業',                   300000000, 900, 300, 6),
 -- the three special classes below are services for the NPO rule (主たる事業が
 -- サービス業 → 100人); 旅行業 is a service in JSIC (N791) although its size line
 -- follows 製造業等.
 ('software',      'ソフトウェア業・情報処理サービス業', 300000000, 300, 100, 7),
 ('inn',           '旅館業',                            50000000, 200, 100, 8),
 ('travel',        '旅行業',                           300000000, 300, 100, 9);

-- Industries, keyed by JSIC: major letter + middle (2 digits), minor (3) or
-- detail (4) class.  A finer row overrides its coarser parent where the size
-- class or eligibility differs (E191 tyres within E19 rubber products).
CREATE TABLE hosho.industry (
    industry_code     text PRIMARY KEY CHECK (industry_code ~ '^[A-T][0-9]{2,4}$'),
    name              text NOT NULL CHECK (name <> ''),
    kana              text CHECK (kana ~ '^[ァ-ヶー・]+$'),
    size_code         text NOT NULL REFERENCES hosho.size_class,
    stat_code         text NOT NULL REFERENCES hosho.stat_industry,
    eligible          boolean NOT NULL,
    ineligible_reason text,
    licence_required  boolean NOT NULL DEFAULT false,
    sort              int NOT NULL,
    -- an ineligible industry says why, an eligible one has nothing to say
    CHECK (eligible = (ineligible_reason IS NULL))
);
CREATE INDEX industry_size_idx ON hosho.industry (size_code);
CREATE INDEX industry_stat_idx ON hosho.industry (stat_code);
COMMENT ON TABLE hosho.industry IS
  '業種 (日本標準産業分類の中分類を基本に、規模区分・対象可否が異なるものは細分)。対象外業種は中小企業信用保険法施行令による';

INSERT INTO hosho.industry (industry_code, name, kana, size_code, stat_code, eligible, ineligible_reason, licence_required, sort) VALUES
 -- 農林漁業: outside the credit insurance law
 ('A01', '農業',     'ノウギョウ',       'manufacturing', '02', false, '農業は信用保証の対象業種ではありません', false, 10),
 ('A02', '林業',     'リンギョウ',       'manufacturing', '02', false, '林業は信用保証の対象業種ではありません', false, 11),
 ('B03', '漁業',     'ギョギョウ',       'manufacturing', '02', false, '漁業は信用保証の対象業種ではありません', false, 12),
 ('B04', '水産養殖業', 'スイサンヨウショクギョウ', 'manufacturing', '02', false, '水産養殖業は信用保証の対象業種ではありません', false, 13),
 -- 鉱業
 ('C05', '鉱業，採石業，砂利採取業', 'コウギョウ', 'manufacturing', '03', true, NULL, true, 20),
 -- 建設業 (建設業許可)
 ('D06', '総合工事業', 'ソウゴウコウジギョウ', 'manufacturing', '04', true, NULL, true, 30),
 ('D07', '職別工事業', 'ショクベツコウジギョウ', 'manufacturing', '04', true, NULL, true, 31),
 ('D08', '設備工事業', 'セツビコウジギョウ', 'manufacturing', '04', true, NULL, true, 32),
 -- 製造業
 ('E09', '食料品製造業', 'ショクリョウヒンセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 40),
 ('E10', '飲料・たばこ・飼料製造業', 'インリョウ・タバコ・シリョウセイゾウギョウ', 'manufacturing', '01', true, NULL, true, 41),
 ('E11', '繊維工業', 'センイコウギョウ', 'manufacturing', '01', true, NULL, false, 42),
 ('E12', '木材・木製品製造業', 'モクザイ・モクセイヒンセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 43),
 ('E13', '家具・装備品製造業', 'カグ・ソウビヒンセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 44),
 ('E15', '印刷・同関連業', 'インサツ・ドウカンレンギョウ', 'manufacturing', '01', true, NULL, false, 45),
 ('E16', '化学工業', 'カガクコウギョウ', 'manufacturing', '01', true, NULL, false, 46),
 ('E18', 'プラスチック製品製造業', 'プラスチックセイヒンセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 47),
 ('E19', 'ゴム製品製造業（自動車・航空機用タイヤ・チューブ、工業用ベルトを除く）', 'ゴムセイヒンセイゾウギョウ', 'rubber', '01', true, NULL, false, 48),
 ('E191', '自動車・航空機用タイヤ・チューブ製造業', 'タイヤ・チューブセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 49),
 ('E1931', '工業用ベルト製造業', 'コウギョウヨウベルトセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 50),
 ('E21', '窯業・土石製品製造業', 'ヨウギョウ・ドセキセイヒンセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 51),
 ('E22', '鉄鋼業', 'テッコウギョウ', 'manufacturing', '01', true, NULL, false, 52),
 ('E24', '金属製品製造業', 'キンゾクセイヒンセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 53),
 ('E26', '生産用機械器具製造業', 'セイサンヨウキカイキグセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 54),
 ('E28', '電子部品・デバイス・電子回路製造業', 'デンシブヒン・デバイス・デンシカイロセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 55),
 ('E31', '輸送用機械器具製造業', 'ユソウヨウキカイキグセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 56),
 ('E32', 'その他の製造業', 'ソノタノセイゾウギョウ', 'manufacturing', '01', true, NULL, false, 57),
 -- 電気・ガス, 情報通信
 ('F33', '電気業', 'デンキギョウ', 'manufacturing', '11', true, NULL, true, 60),
 ('G391', 'ソフトウェア業', 'ソフトウェアギョウ', 'software', '09', true, NULL, false, 61),
 ('G392', '情報処理・提供サービス業', 'ジョウホウショリ・テイキョウサービスギョウ', 'software', '09', true, NULL, false, 62),
 ('G40', 'インターネット附随サービス業', 'インターネットフズイサービスギョウ', 'service', '09', true, NULL, false, 63),
 ('G41', '映像・音声・文字情報制作業', 'エイゾウ・オンセイ・モジジョウホウセイサクギョウ', 'service', '09', true, NULL, false, 64),
 -- 運輸・倉庫
 ('H43', '道路旅客運送業', 'ドウロリョカクウンソウギョウ', 'manufacturing', '08', true, NULL, true, 70),
 ('H44', '道路貨物運送業', 'ドウロカモツウンソウギョウ', 'manufacturing', '08', true, NULL, true, 71),
 ('H47', '倉庫業', 'ソウコギョウ', 'manufacturing', '08', true, NULL, true, 72),
 ('H48', '運輸に附帯するサービス業', 'ウンユニフタイスルサービスギョウ', 'manufacturing', '08', true, NULL, false, 73),
 -- 卸売業
 ('I51', '繊維・衣服等卸売業', 'センイ・イフクトウオロシウリギョウ', 'wholesale', '05', true, NULL, false, 80),
 ('I52', '飲食料品卸売業', 'インショクリョウヒンオロシウリギョウ', 'wholesale', '05', true, NULL, false, 81),
 ('I53', '建築材料，鉱物・金属材料等卸売業', 'ケンチクザイリョウオロシウリギョウ', 'wholesale', '05', true, NULL, false, 82),
 ('I54', '機械器具卸売業', 'キカイキグオロシウリギョウ', 'wholesale', '05', true, NULL, false, 83),
 ('I55', 'その他の卸売業', 'ソノタノオロシウリギョウ', 'wholesale', '05', true, NULL, false, 84),
 -- 小売業
 ('I56', '各種商品小売業', 'カクシュショウヒンコウリギョウ', 'retail', '06', true, NULL, false, 90),
 ('I57', '織物・衣服・身の回り品小売業', 'オリモノ・イフク・ミノマワリヒンコウリギョウ', 'retail', '06', true, NULL, false, 91),
 ('I58', '飲食料品小売業', 'インショクリョウヒンコウリギョウ', 'retail', '06', true, NULL, false, 92),
 ('I59', '機械器具小売業', 'キカイキグコウリギョウ', 'retail', '06', true, NULL, false, 93),
 ('I603', '医薬品・化粧品小売業', 'イヤクヒン・ケショウヒンコウリギョウ', 'retail', '06', true, NULL, true, 94),
 ('I60', 'その他の小売業', 'ソノタノコウリギョウ', 'retail', '06', true, NULL, false, 95),
 ('I61', '無店舗小売業', 'ムテンポコウリギョウ', 'retail', '06', true, NULL, false, 96),
 -- 金融・保険: part of finance and insurance other than agency are outside the law
 ('J62', '銀行業', 'ギンコウギョウ', 'service', '11', false, '銀行業は信用保証の対象業種ではありません（一部の金融業）', false, 100),
 ('J64', '貸金業，クレジットカード業等非預金信用機関', 'カシキンギョウ', 'service', '11', false, '貸金業等は信用保証の対象業種ではありません（一部の金融業）', false, 101),
 ('J65', '金融商品取引業，商品先物取引業', 'キンユウショウヒントリヒキギョウ', 'service', '11', false, '金融商品取引業等は信用保証の対象業種ではありません（一部の金融業）', false, 102),
 ('J67', '保険業（保険媒介代理業・保険サービス業を除く）', 'ホケンギョウ', 'service', '11', false, '保険業（保険媒介代理業・保険サービス業を除く）は信用保証の対象業種ではありません', false, 103),
 ('J674', '保険媒介代理業', 'ホケンバイカイダイリギョウ', 'service', '11', true, NULL, true, 104),
 -- 不動産業 (a "製造業等" industry for size), 物品賃貸業 (a service)
 ('K68', '不動産取引業', 'フドウサントリヒキギョウ', 'manufacturing', '10', true, NULL, true, 110),
 ('K69', '不動産賃貸業・管理業', 'フドウサンチンタイギョウ・カンリギョウ', 'manufacturing', '10', true, NULL, false, 111),
 ('K70', '物品賃貸業', 'ブッピンチンタイギョウ', 'service', '09', true, NULL, false, 112),
 -- 専門・技術サービス
 ('L72', '専門サービス業', 'センモンサービスギョウ', 'service', '09', true, NULL, true, 120),
 ('L74', '技術サービス業', 'ギジュツサービスギョウ', 'service', '09', true, NULL, false, 121),
 -- 宿泊・飲食 (飲食店 is 小売業 for the size line)
 ('M751', '旅館，ホテル', 'リョカン・ホテル', 'inn', '09', true, NULL, true, 130),
 ('M759', 'その他の宿泊業', 'ソノタノシュクハクギョウ', 'service', '09', true, NULL, true, 131),
 ('M76', '飲食店', 'インショクテン', 'retail', '07', true, NULL, true, 132),
 ('M766', 'バー，キャバレー，ナイトクラブ（風俗営業）', 'バー・キャバレー・ナイトクラブ', 'retail', '07', false, '風俗営業に該当する飲食店は信用保証の対象業種ではありません', true, 133),
 ('M77', '持ち帰り・配達飲食サービス業', 'モチカエリ・ハイタツインショクサービスギョウ', 'retail', '07', true, NULL, true, 134),
 -- 生活関連・娯楽
 ('N78', '洗濯・理容・美容・浴場業', 'センタク・リヨウ・ビヨウ・ヨクジョウギョウ', 'service', '09', true, NULL, true, 140),
 ('N79', 'その他の生活関連サービス業', 'ソノタノセイカツカンレンサービスギョウ', 'service', '09', true, NULL, false, 141),
 ('N791', '旅行業', 'リョコウギョウ', 'travel', '09', true, NULL, true, 142),
 -- JSIC has no class of its own for 性風俗関連特殊営業; N7999 is a local code.
 ('N7999', '性風俗関連特殊営業', 'セイフウゾクカンレントクシュエイギョウ', 'service', '09', false, '性風俗関連特殊営業は信用保証の対象業種ではありません', true, 143),
 ('N80', '娯楽業', 'ゴラクギョウ', 'service', '09', true, NULL, true, 144),
 -- 教育, 医療・福祉
 ('O81', '学校教育（学校法人）', 'ガッコウキョウイク', 'service', '09', false, '学校法人は信用保証の対象ではありません', false, 150),
 ('O82', 'その他の教育，学習支援業', 'ソノタノキョウイク・ガクシュウシエンギョウ', 'service', '09', true, NULL, false, 151),
 ('P83', '医療業', 'イリョウギョウ', 'service', '09', true, NULL, true, 160),
 ('P85', '社会保険・社会福祉・介護事業', 'シャカイホケン・シャカイフクシ・カイゴジギョウ', 'service', '09', true, NULL, true, 161),
 -- その他のサービス
 ('R88', '廃棄物処理業', 'ハイキブツショリギョウ', 'service', '09', true, NULL, true, 170),
 ('R89', '自動車整備業', 'ジドウシャセイビギョウ', 'service', '09', true, NULL, true, 171),
 ('R90', '機械等修理業', 'キカイトウシュウリギョウ', 'service', '09', true, NULL, false, 172),
 ('R91', '職業紹介・労働者派遣業', 'ショクギョウショウカイ・ロウドウシャハケンギョウ', 'service', '09', true, NULL, true, 173),
 ('R92', 'その他の事業サービス業', 'ソノタノジギョウサービスギョウ', 'service', '09', true, NULL, false, 174),
 ('R94', '宗教（宗教法人）', 'シュウキョウ', 'service', '11', false, '宗教法人は信用保証の対象ではありません', false, 175);

-- ---------------------------------------------------------------------------
-- Banks
-- ---------------------------------------------------------------------------

CREATE TABLE hosho.bank_category (
    category_code text PRIMARY KEY CHECK (category_code ~ '^[a-z0-9_]+$'),
    name          text NOT NULL UNIQUE,
    sort          int  NOT NULL
);
COMMENT ON TABLE hosho.bank_category IS '金融機関の業態 (あらまし 金融機関別保証承諾の表頭)';

INSERT INTO hosho.bank_category VALUES
 ('city',       '都市銀行',       1),
 ('regional',   '地方銀行',       2),
 ('regional2',  '第二地方銀行',   3),
 ('shinkin',    '信用金庫',       4),
 ('shinkumi',   '信用組合',       5),
 ('government', '政府系金融機関', 6),
 ('ja',         '農業協同組合',   7),
 ('other',      'その他',         8);

-- sharing_method: the responsibility-sharing method the bank chose in 2007
-- (部分保証方式 'partial' or 負担金方式 'burden').
CREATE TABLE hosho.bank (
    bank_code      char(4) PRIMARY KEY CHECK (bank_code ~ '^[0-9]{4}$'),
    name           text NOT NULL UNIQUE,
    kana           text NOT NULL CHECK (kana ~ '^[ァ-ヶー]+$'),
    category_code  text NOT NULL REFERENCES hosho.bank_category,
    sharing_method text NOT NULL CHECK (sharing_method IN ('partial', 'burden')),
    sort           int  NOT NULL
);
CREATE INDEX bank_category_idx ON hosho.bank (category_code);
COMMENT ON TABLE hosho.bank IS '協会と約定のある金融機関 (コードは全銀協金融機関コード)';
COMMENT ON COLUMN hosho.bank.sharing_method IS '責任共有制度の方式: partial=部分保証方式(80%保証), burden=負担金方式(100%保証・事後負担金)';

INSERT INTO hosho.bank (bank_code, name, kana, category_code, sharing_method, sort) VALUES
 ('0001', 'みずほ銀行',       'ミズホギンコウ',           'city',       'burden',   1),
 ('0005', '三菱ＵＦＪ銀行',   'ミツビシユーエフジェイギンコウ', 'city', 'burden',   2),
 ('0009', '三井住友銀行',     'ミツイスミトモギンコウ',   'city',       'burden',   3),
 ('0123', '岩手銀行',         'イワテギンコウ',           'regional',   'burden',  10),
 ('0117', '青森銀行',         'アオモリギンコウ',         'regional',   'burden',  11),
 ('0119', '秋田銀行',         'アキタギンコウ',           'regional',   'burden',  12),
 ('0124', '東北銀行',         'トウホクギンコウ',         'regional',   'partial', 13),
 ('0125', '七十七銀行',       'シチジュウシチギンコウ',   'regional',   'burden',  14),
 ('0509', '北日本銀行',       'キタニッポンギンコウ',     'regional2',  'burden',  20),
 ('1190', '盛岡信用金庫',     'モリオカシンヨウキンコ',   'shinkin',    'burden',  30),
 ('1189', '宮古信用金庫',     'ミヤコシンヨウキンコ',     'shinkin',    'burden',  31),
 ('1186', '一関信用金庫',     'イチノセキシンヨウキンコ', 'shinkin',    'partial', 32),
 ('1187', '北上信用金庫',     'キタカミシンヨウキンコ',   'shinkin',    'burden',  33),
 ('1188', '花巻信用金庫',     'ハナマキシンヨウキンコ',   'shinkin',    'burden',  34),
 ('1185', '水沢信用金庫',     'ミズサワシンヨウキンコ',   'shinkin',    'burden',  35),
 ('1175', '気仙沼信用金庫',   'ケセンヌマシンヨウキンコ', 'shinkin',    'burden',  36),
 ('2125', '杜陵信用組合',     'トリョウシンヨウクミアイ', 'shinkumi',   'burden',  40),
 ('2004', '商工組合中央金庫', 'ショウコウクミアイチュウオウキンコ', 'government', 'partial', 50),
 ('3028', 'いわて花巻農業協同組合', 'イワテハナマキノウギョウキョウドウクミアイ', 'ja', 'burden', 60),
 ('3020', '新岩手農業協同組合',     'シンイワテノウギョウキョウドウクミアイ',     'ja', 'burden', 61);

CREATE TABLE hosho.bank_branch (
    bank_code   char(4) NOT NULL REFERENCES hosho.bank,
    branch_code char(3) NOT NULL CHECK (branch_code ~ '^[0-9]{3}$'),
    name        text NOT NULL CHECK (name <> ''),
    kana        text NOT NULL CHECK (kana ~ '^[ァ-ヶー]+$'),
    PRIMARY KEY (bank_code, branch_code),
    UNIQUE (bank_code, name)
);
COMMENT ON TABLE hosho.bank_branch IS '金融機関の店舗 (デモ水準: 本店・本部と県内主要都市の店舗)';

INSERT INTO hosho.bank_branch (bank_code, branch_code, name, kana) VALUES
 ('0001', '001', '東京営業部',   'トウキョウエイギョウブ'),
 ('0001', '540', '盛岡支店',     'モリオカシテン'),
 ('0005', '001', '本店',         'ホンテン'),
 ('0005', '540', '盛岡支店',     'モリオカシテン'),
 ('0009', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0009', '540', '盛岡支店',     'モリオカシテン'),
 ('0123', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0123', '010', '盛岡駅前支店', 'モリオカエキマエシテン'),
 ('0123', '100', '宮古支店',     'ミヤコシテン'),
 ('0123', '110', '釜石支店',     'カマイシシテン'),
 ('0123', '120', '大船渡支店',   'オオフナトシテン'),
 ('0123', '130', '花巻支店',     'ハナマキシテン'),
 ('0123', '140', '北上支店',     'キタカミシテン'),
 ('0123', '150', '水沢支店',     'ミズサワシテン'),
 ('0123', '160', '一関支店',     'イチノセキシテン'),
 ('0123', '170', '二戸支店',     'ニノヘシテン'),
 ('0123', '180', '久慈支店',     'クジシテン'),
 ('0124', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0124', '100', '宮古支店',     'ミヤコシテン'),
 ('0124', '140', '北上支店',     'キタカミシテン'),
 ('0124', '160', '一関支店',     'イチノセキシテン'),
 ('0117', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0117', '500', '盛岡支店',     'モリオカシテン'),
 ('0119', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0119', '500', '盛岡支店',     'モリオカシテン'),
 ('0125', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0125', '600', '一関支店',     'イチノセキシテン'),
 ('0125', '610', '盛岡支店',     'モリオカシテン'),
 ('0509', '001', '本店営業部',   'ホンテンエイギョウブ'),
 ('0509', '100', '宮古支店',     'ミヤコシテン'),
 ('0509', '150', '水沢支店',     'ミズサワシテン'),
 ('0509', '170', '二戸支店',     'ニノヘシテン'),
 ('1190', '001', '本店',         'ホンテン'),
 ('1190', '010', '仙北町支店',   'センボクチョウシテン'),
 ('1189', '001', '本店',         'ホンテン'),
 ('1189', '010', '山田支店',     'ヤマダシテン'),
 ('1186', '001', '本店',         'ホンテン'),
 ('1186', '010', '平泉支店',     'ヒライズミシテン'),
 ('1187', '001', '本店',         'ホンテン'),
 ('1188', '001', '本店',         'ホンテン'),
 ('1185', '001', '本店',         'ホンテン'),
 ('1185', '010', '金ケ崎支店',   'カネガサキシテン'),
 ('1175', '001', '本店',         'ホンテン'),
 ('1175', '020', '陸前高田支店', 'リクゼンタカタシテン'),
 ('2125', '001', '本店',         'ホンテン'),
 ('2004', '001', '本店',         'ホンテン'),
 ('2004', '410', '盛岡支店',     'モリオカシテン'),
 ('3028', '001', '本店',         'ホンテン'),
 ('3020', '001', '本店',         'ホンテン');

-- ---------------------------------------------------------------------------
-- Ownership and privileges: reference data is readable by every staff member,
-- written only by migrations (as superuser) or by the owner.
-- ---------------------------------------------------------------------------
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['office', 'section', 'municipality', 'stat_industry',
                             'size_class', 'industry', 'bank_category', 'bank', 'bank_branch']
    LOOP
        EXECUTE format('ALTER TABLE hosho.%I OWNER TO hosho_owner', t);
        EXECUTE format('GRANT SELECT ON hosho.%I TO hosho_staff', t);
    END LOOP;
END $$;
ALTER FUNCTION hosho.municipality_section_check() OWNER TO hosho_owner;
REVOKE EXECUTE ON FUNCTION hosho.municipality_section_check() FROM PUBLIC;
