-- 030_catalogue.sql — the product catalogue (保証制度一覧 R6.7.1) and every
-- figure the guarantee rules read: legal forms, frames, limit caps, terms,
-- rate tables, discounts, sharing exclusions.
--
-- Source: 信用保証協会のあらまし 2024 (shared/seeds), pp. ご利用いただける方,
-- 信用保証の内容, 信用保証料について, 責任共有制度 and 保証制度一覧 (R6.7.1 現在).
-- Figures marked "research" come from shared/research/guarantee-fee.md (other
-- CGCs' published national method), since the brochure does not print them.
--
-- Versioning: a scheme's terms live in hosho.scheme_version, keyed by
-- (scheme_code, valid_from); next year's catalogue is new version rows (and new
-- limit_cap rows with their own validity), never new code.  valid_to is the
-- last day the row applies (inclusive); NULL means open-ended.

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- ---------------------------------------------------------------------------
-- Rule parameters: single figures that are not rows of a larger table.
-- ---------------------------------------------------------------------------
CREATE TABLE hosho.rule_param (
    param_code text PRIMARY KEY CHECK (param_code ~ '^[a-z0-9_]+$'),
    int_value  bigint,
    text_value text,
    name       text NOT NULL,
    source     text NOT NULL,
    CHECK ((int_value IS NULL) <> (text_value IS NULL))
);
COMMENT ON TABLE hosho.rule_param IS '規程の単一の数値・選択肢 (出典つき)。コードに定数を書かない';

INSERT INTO hosho.rule_param (param_code, int_value, text_value, name, source) VALUES
 ('union_eligible_num', 2, NULL, '組合: 保証対象業種を営む構成員の割合（分子）', 'あらまし2024 ご利用いただける方 ※組合は…構成員の3分の2以上'),
 ('union_eligible_den', 3, NULL, '組合: 保証対象業種を営む構成員の割合（分母）', 'あらまし2024 ご利用いただける方'),
 ('bank_share_pct', 20, NULL, '責任共有制度: 金融機関の負担割合(%)', 'あらまし2024 責任共有制度 (部分保証80%/負担金約20%)'),
 ('default_term_scheme', NULL, 'futsu', '制度に期間の定めがない場合に準用する制度', 'あらまし2024 保証期間: 各保証制度等に定めがある場合はその定めによる'),
 ('fee_split_min_months', 25, NULL, '保証料の分割徴収ができる最短の保証期間(月, 2年超)', 'research: 沖縄 (期間2年超)'),
 ('refund_current_pct', 90, NULL, '返戻: 繰上完済日の属する1年区分の返戻率(%)', 'research: 長崎 2024'),
 ('refund_later_pct', 100, NULL, '返戻: 以降の1年区分の返戻率(%)', 'research: 長崎 2024'),
 ('refund_current_segment', NULL, 'unexpired_part', '返戻: 完済日の属する区分の扱い (unexpired_part=未経過部分の90% / whole_segment=区分全体の90%)', 'research: 長崎 2024 の文言は両義。doc/fee.md 参照'),
 ('refund_min_yen', 1000, NULL, '返戻: この額以下は返戻しない(円)', 'research: 沖縄・東京'),
 ('change_credit_pct', 100, NULL, '条件変更: 既往保証料の充当率(%) (保証は継続するので満額)', 'research: 愛媛 (差額方式)。doc/fee.md 参照'),
 ('late_fee_bp', 365, NULL, '延滞保証料率 (年, 1/100%)', 'research: 愛媛 3.65%');

-- ---------------------------------------------------------------------------
-- Legal forms and how each is sized.
-- ---------------------------------------------------------------------------
CREATE TABLE hosho.legal_form (
    legal_form text PRIMARY KEY CHECK (legal_form IN ('corporation', 'sole', 'npo', 'union', 'medical')),
    name       text NOT NULL UNIQUE,
    -- capital_or_employees: the industry's size line, either test suffices
    -- npo: employees only, at size_class.npo_employees_max
    -- employees: employees only, at the overriding class's line (医療法人)
    -- none: no size test (組合 are 中小企業者 by law); the 2/3 member rule applies
    size_test  text NOT NULL CHECK (size_test IN ('capital_or_employees', 'npo', 'employees', 'none')),
    size_code  text REFERENCES hosho.size_class,
    sort       int NOT NULL,
    CHECK ((size_test = 'employees') = (size_code IS NOT NULL))
);
COMMENT ON TABLE hosho.legal_form IS '法人個人区分と規模判定の方法';

INSERT INTO hosho.legal_form VALUES
 ('corporation', '法人',                 'capital_or_employees', NULL,      1),
 ('sole',        '個人事業者',           'capital_or_employees', NULL,      2),
 ('npo',         '特定非営利活動法人',   'npo',                  NULL,      3),
 ('union',       '組合',                 'none',                 NULL,      4),
 -- also 医業を主たる事業とする社会福祉法人・財団法人・社団法人 (same footnote)
 ('medical',     '医療法人',             'employees',            'medical', 5);

-- Kinds of repayment and which term row (lump or installment) governs each.
CREATE TABLE hosho.repayment (
    repayment text PRIMARY KEY CHECK (repayment IN ('lump', 'equal', 'unequal', 'fixed_date')),
    name      text NOT NULL UNIQUE,
    term_kind text NOT NULL CHECK (term_kind IN ('lump', 'installment')),
    sort      int NOT NULL
);
INSERT INTO hosho.repayment VALUES
 ('lump',       '一括返済',               'lump',        1),
 ('equal',      '分割返済（均等）',       'installment', 2),
 ('unequal',    '分割返済（不均等）',     'installment', 3),
 ('fixed_date', '確定日（根保証・当座貸越）', 'lump',    4);

-- Uses of funds. 借換 is working capital unless a scheme sets its own term.
CREATE TABLE hosho.use_of_funds (
    use_code    text PRIMARY KEY CHECK (use_code ~ '^[a-z_]+$'),
    name        text NOT NULL UNIQUE,
    falls_back  text REFERENCES hosho.use_of_funds,
    sort        int NOT NULL
);
INSERT INTO hosho.use_of_funds VALUES
 ('working',   '運転資金', NULL,      1),
 ('equipment', '設備資金', NULL,      2),
 ('refinance', '借換資金', 'working', 3);

-- ---------------------------------------------------------------------------
-- Frames (保証限度の枠) and sharing exclusions.
-- ---------------------------------------------------------------------------
CREATE TABLE hosho.frame (
    frame_code text PRIMARY KEY CHECK (frame_code ~ '^[a-z_]+$'),
    name       text NOT NULL UNIQUE,
    mark       text,                      -- (1)..(4) as the brochure numbers the separate frames
    separate   boolean NOT NULL,          -- 別枠
    sort       int NOT NULL
);
COMMENT ON TABLE hosho.frame IS '保証限度の枠: 一般枠と別枠 ((1)東日本大震災復興緊急 (2)災害関係 (3)経営安定関連 (4)危機関連 ほか)';

INSERT INTO hosho.frame VALUES
 ('general',    '一般保証',                 NULL, false, 1),
 ('quake',      '東日本大震災復興緊急保証', '(1)',  true,  2),
 ('disaster',   '災害関係保証',             '(2)',  true,  3),
 ('safety_net', '経営安定関連保証',         '(3)',  true,  4),
 ('crisis',     '危機関連保証',             '(4)',  true,  5),
 ('bond',       '特定社債保証',             NULL, true,  6),
 ('abl',        '流動資産担保融資保証',     NULL, true,  7);

CREATE TABLE hosho.sharing_exclusion (
    exclusion_code text PRIMARY KEY CHECK (exclusion_code ~ '^[a-z0-9_]+$'),
    name           text NOT NULL UNIQUE,
    sort           int NOT NULL
);
COMMENT ON TABLE hosho.sharing_exclusion IS '責任共有制度の対象除外 (あらまし2024 責任共有制度 3 対象除外となる保証 (1)～⑪)';
INSERT INTO hosho.sharing_exclusion VALUES
 ('koguchi_reisai',  '小口零細企業保証制度',                         1),
 ('sn_1_4_6',        '経営安定関連特例保険（セーフティネット）1～4、6号', 2),
 ('disaster',        '災害関連特例保険に係る保証',                   3),
 ('startup',         '創業関連特例保険（再挑戦支援保証含む）、創業等関連特例保険に係る保証', 4),
 ('tokubetsu_koguchi', '特別小口保険に係る保証',                     5),
 ('revival',         '事業再生保険に係る保証',                       6),
 ('recourse_extinct', '求償権消滅保証',                              7),
 ('failed_bank',     '破綻金融機関等関連特別保証（中堅企業特別保証）', 8),
 ('crisis',          '危機関連保証',                                 9),
 ('quake',           '東日本大震災復興緊急保証',                     10),
 ('revival_plan',    '事業再生計画実施関連保証',                     11);

-- ---------------------------------------------------------------------------
-- Schemes and their dated versions.
-- ---------------------------------------------------------------------------
CREATE TABLE hosho.scheme (
    scheme_code text PRIMARY KEY CHECK (scheme_code ~ '^[a-z0-9_]+$'),
    name        text NOT NULL CHECK (name <> ''),
    category    text NOT NULL CHECK (category IN ('association', 'prefecture', 'municipality', 'disaster')),
    summary     text,
    sort        int NOT NULL
);
COMMENT ON TABLE hosho.scheme IS '保証制度 (制度の同一性のみ。条件は scheme_version 以下に日付つきで持つ)';
COMMENT ON COLUMN hosho.scheme.category IS 'association=協会制度, prefecture=県制度, municipality=市町村制度, disaster=災害等対応';

CREATE TABLE hosho.scheme_version (
    scheme_code    text NOT NULL REFERENCES hosho.scheme,
    valid_from     date NOT NULL,
    valid_to       date CHECK (valid_to >= valid_from),
    frame_code     text NOT NULL REFERENCES hosho.frame,
    -- NULL: 責任共有対象. Otherwise the brochure's exclusion item that makes it 100%.
    exclusion_code text REFERENCES hosho.sharing_exclusion,
    min_amount     bigint CHECK (min_amount > 0),
    note           text,
    PRIMARY KEY (scheme_code, valid_from),
    -- two versions of a scheme never apply on the same day
    EXCLUDE USING gist (scheme_code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX scheme_version_frame_idx ON hosho.scheme_version (frame_code);
CREATE INDEX scheme_version_exclusion_idx ON hosho.scheme_version (exclusion_code);
COMMENT ON TABLE hosho.scheme_version IS '保証制度の適用期間ごとの条件 (枠・責任共有・最低金額)';

-- Terms by use of funds and repayment kind. A loan's term is allowed when some
-- matching row allows it; rolling schemes (5ing, 10ing, 当座貸越) renew each
-- term up to rolling_max_months from the first loan of the series.
CREATE TABLE hosho.scheme_term (
    scheme_code         text NOT NULL,
    valid_from          date NOT NULL,
    use_of_funds        text NOT NULL CHECK (use_of_funds = 'any' OR use_of_funds IN ('working', 'equipment', 'refinance')),
    term_kind           text NOT NULL CHECK (term_kind IN ('lump', 'installment', 'any')),
    max_months          int  NOT NULL CHECK (max_months BETWEEN 1 AND 360),
    rolling_max_months  int  CHECK (rolling_max_months > max_months),
    max_deferral_months int  CHECK (max_deferral_months >= 0),
    PRIMARY KEY (scheme_code, valid_from, use_of_funds, term_kind, max_months),
    FOREIGN KEY (scheme_code, valid_from) REFERENCES hosho.scheme_version ON DELETE CASCADE
);
COMMENT ON TABLE hosho.scheme_term IS '保証期間 (資金使途・返済方法別)。rolling_max_months は1年毎の借換等による最長期間';

-- Nine-class rate tables. A table family (table_code) has a shared and an
-- unshared variant; a scheme's rate row names the family and the scheme's
-- sharing status picks the variant, as the brochure says (責任共有対象制度 /
-- 責任共有対象外制度).
CREATE TABLE hosho.rate_table (
    table_code text NOT NULL CHECK (table_code ~ '^[a-z0-9_]+$'),
    shared     boolean NOT NULL,
    rate_class smallint NOT NULL CHECK (rate_class BETWEEN 1 AND 9),
    rate_bp    int NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (table_code, shared, rate_class)
);
COMMENT ON TABLE hosho.rate_table IS '区分別保証料率表 (9区分, 単位1/100%)。std = あらまし2024 保証料率表';

INSERT INTO hosho.rate_table (table_code, shared, rate_class, rate_bp)
SELECT 'std', s.shared, c.k, c.bp
  FROM (VALUES (true,  ARRAY[190, 175, 155, 135, 115, 100, 80, 60, 45]),
               (false, ARRAY[220, 200, 180, 160, 135, 110, 90, 70, 50])) s(shared, bps),
       LATERAL unnest(s.bps) WITH ORDINALITY c(bp, k);

-- A scheme's rate: the first matching row (by seq) for the term and use.
-- Exactly one of table_code (nine classes), rate_bp (flat) or min_bp/max_bp
-- (a range whose class table the brochure does not print) is set.
-- variant 'standard' is what an ordinary application gets; other variants
-- (一定要件を満たした場合, 経営革新 ...) are catalogue text until their
-- conditions are modelled.
CREATE TABLE hosho.scheme_rate (
    scheme_code     text NOT NULL,
    valid_from      date NOT NULL,
    seq             int  NOT NULL,
    variant         text NOT NULL DEFAULT 'standard',
    variant_name    text,
    use_of_funds    text CHECK (use_of_funds IN ('working', 'equipment', 'refinance')),
    max_term_months int  CHECK (max_term_months > 0),
    table_code      text,
    rate_bp         int  CHECK (rate_bp BETWEEN 0 AND 10000),
    min_bp          int  CHECK (min_bp BETWEEN 0 AND 10000),
    max_bp          int  CHECK (max_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (scheme_code, valid_from, seq),
    FOREIGN KEY (scheme_code, valid_from) REFERENCES hosho.scheme_version ON DELETE CASCADE,
    CHECK (num_nonnulls(table_code, rate_bp, min_bp) = 1),
    CHECK ((min_bp IS NULL) = (max_bp IS NULL)),
    CHECK (min_bp <= max_bp),
    CHECK (variant = 'standard' OR variant_name IS NOT NULL)
);
COMMENT ON TABLE hosho.scheme_rate IS '制度別保証料率 (区分表・一律・範囲)';

-- Discounts common to all 51 CGCs (あらまし2024 注2); the size is research
-- (神奈川・香川・山梨: 各 −0.10%). They apply to class-table rates only:
-- policy schemes' flat rates are fixed by the scheme.
CREATE TABLE hosho.rate_discount (
    discount_code text PRIMARY KEY CHECK (discount_code IN ('collateral', 'advisor')),
    name          text NOT NULL,
    discount_bp   int NOT NULL CHECK (discount_bp BETWEEN 0 AND 1000),
    source        text NOT NULL
);
INSERT INTO hosho.rate_discount VALUES
 ('collateral', '担保提供による割引',     10, 'あらまし2024 注2 / research: 神奈川・香川・山梨 −0.10%'),
 ('advisor',    '会計参与設置会社割引',   10, 'あらまし2024 注2 / research: 神奈川・香川・山梨 −0.10%');

-- ---------------------------------------------------------------------------
-- Limit caps. A cap sums the company's exposure over its members (frames and/or
-- schemes), counting only the guarantees inside its scope, and applies to a
-- new guarantee that is a member and inside the scope.
--   scope all: every guarantee; secured: 有担保 only; unsecured: 無担保 only;
--   unsecured_no_guarantor: 無担保 and no guarantor.
--   legal_forms NULL: every legal form; use_of_funds NULL: every use.
-- ---------------------------------------------------------------------------
CREATE TABLE hosho.limit_cap (
    cap_code     text PRIMARY KEY CHECK (cap_code ~ '^[a-z0-9_]+$'),
    name         text NOT NULL,
    amount       bigint NOT NULL CHECK (amount > 0),
    scope        text NOT NULL CHECK (scope IN ('all', 'secured', 'unsecured', 'unsecured_no_guarantor')),
    legal_forms  text[] CHECK (legal_forms <@ ARRAY['corporation', 'sole', 'npo', 'union', 'medical']),
    use_of_funds text CHECK (use_of_funds IN ('working', 'equipment', 'refinance')),
    valid_from   date NOT NULL,
    valid_to     date CHECK (valid_to >= valid_from),
    sort         int NOT NULL
);
COMMENT ON TABLE hosho.limit_cap IS '保証限度額 (一般・別枠・合算・無担保・無担保無保証人・制度別)';

-- A member row includes a frame or a scheme; an excluded row takes a scheme
-- back out of a frame it belongs to (e.g. the no-guarantor schemes, which
-- draw on 無担保保険 and not on the ¥20M 無担保無保証人 line).
CREATE TABLE hosho.limit_cap_member (
    cap_code    text NOT NULL REFERENCES hosho.limit_cap ON DELETE CASCADE,
    frame_code  text REFERENCES hosho.frame,
    scheme_code text REFERENCES hosho.scheme,
    excluded    boolean NOT NULL DEFAULT false,
    CHECK (num_nonnulls(frame_code, scheme_code) = 1),
    CHECK (NOT excluded OR scheme_code IS NOT NULL),
    UNIQUE (cap_code, frame_code, scheme_code)
);
CREATE INDEX limit_cap_member_frame_idx ON hosho.limit_cap_member (frame_code);
CREATE INDEX limit_cap_member_scheme_idx ON hosho.limit_cap_member (scheme_code);

-- ---------------------------------------------------------------------------
-- Catalogue data, R6.7.1.
-- ---------------------------------------------------------------------------
INSERT INTO hosho.scheme (scheme_code, name, category, summary, sort) VALUES
 -- 主な保証協会制度
 ('futsu',          '普通保証',                          'association', '一般的な事業資金を必要とする方', 10),
 ('overdraft',      '当座貸越根保証',                    'association', '反復継続的、安定的に資金を必要とする方', 11),
 ('card_loan',      '事業者カードローン根保証',          'association', 'カード等を用いて反復継続的、安定的に小口資金を必要とする方', 12),
 ('bond',           '中小企業特定社債保証',              'association', '一定の要件を備え社債の発行により資金調達を必要とする方', 13),
 ('abl',            '流動資産担保融資保証',              'association', '売掛債権・棚卸資産を担保に資金調達を必要とする方', 14),
 ('keieiryoku',     '経営力強化保証',                    'association', '認定経営革新等支援機関の支援を受けて、自ら事業計画策定等を行い、資金を必要とする方', 15),
 ('fiveing',        '短期継続型保証「5ing」',            'association', '一定期間短期資金を継続することにより、資金繰りの安定を必要とする方', 16),
 ('tening',         '社会課題解決推進型短期継続保証「10ing」', 'association', '一定期間短期資金を継続することにより、資金繰りの安定を必要とする方', 17),
 ('zaimu_noguar',   '財務要件型無保証人保証',            'association', '一定の財務要件の下で経営者保証を不要とする保証', 18),
 ('shokei_special', '事業承継特別保証',                  'association', '事業承継時において、経営者を含めて保証人を徴求せず資金を必要とする方', 19),
 ('noguar_select',  '事業者選択型経営者保証非提供促進特別保証', 'association', '経営者を含めて保証人を徴求せず資金を必要とする方', 20),
 -- 主な岩手県中小企業融資制度
 ('pref_shoko',        '商工観光振興資金保証',                  'prefecture', '一般的な事業資金が必要とする方', 30),
 ('pref_shoko_sn_a',   '商工観光振興資金保証（セーフティネット1～4,6号）', 'prefecture', 'セーフティネット保証', 31),
 ('pref_shoko_sn_b',   '商工観光振興資金保証（セーフティネット5,7,8号）',  'prefecture', 'セーフティネット保証', 32),
 ('pref_antei_general', '中小企業経営安定資金保証（一般対策）',   'prefecture', '経営の安定に支障をきたし、資金を必要とする方', 33),
 ('pref_antei_oil',    '中小企業経営安定資金保証（原油高対策）', 'prefecture', '原油価格の上昇の影響を受け、資金を必要とする方', 34),
 ('pref_antei_disaster', '中小企業経営安定資金保証（災害対策）', 'prefecture', '災害救助法の適用対象となった災害の発生後、経営環境が悪化し資金を必要とする方', 35),
 ('pref_antei_sn',     '中小企業経営安定資金保証（セーフティネット別枠）', 'prefecture', 'セーフティネット保証（別枠）', 36),
 ('pref_antei_kyoka',  '中小企業経営安定資金保証（経営力強化対策）', 'prefecture', '認定経営革新等支援機関の支援を受けて、自ら事業計画策定等を行い、資金を必要とする方', 37),
 ('pref_antei_kaizen', '中小企業経営安定資金保証（経営改善サポート）', 'prefecture', '支援機関の支援を受けながら、事業再生を図るための資金を必要とする方', 38),
 ('pref_koguchi',      '普通小口資金保証',                     'prefecture', '一般的な小口の資金を必要とする方', 39),
 ('pref_shokibo',      '小規模小口資金保証',                   'prefecture', '小口の資金を必要とする方（従業員20人以下（商業、サービス業は5人以下））', 40),
 ('pref_tokubetsu',    '特別小口資金保証',                     'prefecture', '所得税、事業税等を完納している小口の資金を必要とする方でこれ以外の保証債務残高がない方', 41),
 ('pref_ikusei',       '育成資金保証',                         'prefecture', '資格・勤務経験等を生かし新たに事業を開始するための資金を必要とする方', 42),
 ('pref_sogyo',        '創業資金保証',                         'prefecture', '事業を営んでいない個人により県内で新たに事業を開始するための資金を必要とする方', 43),
 ('pref_wakamono',     '若者・女性創業支援資金保証',           'prefecture', '事業を営んでいない個人により県内で新たに事業を開始するための資金を必要とする方', 44),
 ('pref_seicho',       '成長応援資金',                         'prefecture', '雇用増加、事業拡大、新分野への進出等のための資金を必要とする方', 45),
 ('pref_shokei',       '事業承継資金',                         'prefecture', '円滑な事業承継のための資金を必要とする方', 46),
 ('pref_quake',        '中小企業東日本大震災復興資金',         'prefecture', '東日本大震災により著しい被害を受け、経営の安定のために資金を必要とする方', 47),
 ('pref_corona',       '新型コロナウイルス感染症対策資金保証', 'prefecture', '新型コロナウイルス感染症により事業活動に支障が生じており、事業を継続するために資金を必要とする方', 48),
 ('pref_iwate_shokei', 'いわて事業承継促進資金保証',           'prefecture', '事業承継時に保証人を付さずに資金を必要とする方', 49),
 -- 災害等対応保証制度
 ('quake_urgent',  '東日本大震災復興緊急保証',           'disaster', '東日本大震災により、経営の安定に資金が必要な方、または事業再生に資金を必要とする方', 60),
 ('disaster',      '災害関係保証',                       'disaster', '東日本大震災で直接被害を受けられた方で、事業再生に資金を必要とする方', 61),
 ('sn_a',          '経営安定関連保証（セーフティネット保証1～4,6号）', 'disaster', '中小企業信用保険法第2条第5項各号の市町村の認定を有する方', 62),
 ('sn_b',          '経営安定関連保証（セーフティネット保証5,7,8号）',  'disaster', '中小企業信用保険法第2条第5項各号の市町村の認定を有する方', 63),
 ('crisis',        '危機関連保証',                       'disaster', '突発的に生じた大規模な経済危機、災害等の影響を受け、事業継続や経営の安定のための資金を必要とする方', 64),
 -- 市町村制度
 ('muni_small',    '市町村中小企業振興資金保証（小口）',     'municipality', '各市町村の要綱等に定める対象者', 80),
 ('muni_medium',   '市町村中小企業振興資金保証（中口）',     'municipality', '各市町村の要綱等に定める対象者', 81),
 ('muni_stability', '市町村中小企業振興資金保証（経営安定）', 'municipality', '各市町村の要綱等に定める対象者', 82),
 ('muni_startup',  '市町村中小企業振興資金保証（開業）',     'municipality', '各市町村の要綱等に定める対象者', 83);

-- Versions: every row of R6.7.1 from 2024-07-01, open-ended until the next
-- catalogue closes it.
INSERT INTO hosho.scheme_version (scheme_code, valid_from, frame_code, exclusion_code, min_amount, note)
SELECT v.scheme_code, date '2024-07-01', v.frame_code, v.exclusion_code, v.min_amount, v.note
  FROM (VALUES
 ('futsu',            'general',    NULL::text,          NULL::bigint, NULL::text),
 ('overdraft',        'general',    NULL,                NULL, '1年間又は2年間（期間延長可で最長5年又は6年）'),
 ('card_loan',        'general',    NULL,                1000000, '無担保扱い 1,000千円～20,000千円'),
 ('bond',             'bond',       NULL,                NULL, NULL),
 ('abl',              'abl',        NULL,                NULL, '根保証1年、個別保証1年以内'),
 ('keieiryoku',       'general',    NULL,                NULL, NULL),
 ('fiveing',          'general',    NULL,                NULL, '新型コロナの影響を受けている方は条件変更で最長令和8年3月31日まで延長可'),
 ('tening',           'general',    NULL,                NULL, '令和5年10月1日創設'),
 ('zaimu_noguar',     'general',    NULL,                NULL, NULL),
 ('shokei_special',   'general',    NULL,                NULL, NULL),
 ('noguar_select',    'general',    NULL,                NULL, NULL),
 ('pref_shoko',       'general',    NULL,                NULL, '制度の上限は100,000千円'),
 ('pref_shoko_sn_a',  'safety_net', 'sn_1_4_6',          NULL, NULL),
 ('pref_shoko_sn_b',  'safety_net', NULL,                NULL, NULL),
 ('pref_antei_general', 'general',  NULL,                NULL, NULL),
 ('pref_antei_oil',   'general',    NULL,                NULL, NULL),
 ('pref_antei_disaster', 'general', NULL,                NULL, NULL),
 ('pref_antei_sn',    'safety_net', NULL,                NULL, 'セーフティネット保証は別枠80,000千円'),
 ('pref_antei_kyoka', 'general',    NULL,                NULL, NULL),
 ('pref_antei_kaizen', 'general',   NULL,                NULL, '他の対策資金併用の場合は合計160,000千円'),
 ('pref_koguchi',     'general',    NULL,                NULL, NULL),
 ('pref_shokibo',     'general',    'koguchi_reisai',    NULL, '責任共有対象外'),
 ('pref_tokubetsu',   'general',    'tokubetsu_koguchi', NULL, 'これ以外の保証債務残高がない方'),
 ('pref_ikusei',      'general',    NULL,                NULL, NULL),
 ('pref_sogyo',       'general',    'startup',           NULL, '創業関連保証'),
 ('pref_wakamono',    'general',    'startup',           NULL, '県及び当協会が保証料補給を実施するため自己負担無し'),
 ('pref_seicho',      'general',    NULL,                NULL, NULL),
 ('pref_shokei',      'general',    NULL,                NULL, NULL),
 -- footnote: 県制度の中小企業東日本大震災復興資金も(1)に合算して限度額を計算します
 ('pref_quake',       'quake',      'quake',             NULL, '(1)東日本大震災復興緊急保証と合算'),
 -- read as the 危機関連/セーフティネット4号 type: 0.40% with no 責 mark
 ('pref_corona',      'safety_net', 'sn_1_4_6',          NULL, NULL),
 ('pref_iwate_shokei', 'general',   NULL,                NULL, NULL),
 ('quake_urgent',     'quake',      'quake',             NULL, NULL),
 ('disaster',         'disaster',   'disaster',          NULL, NULL),
 ('sn_a',             'safety_net', 'sn_1_4_6',          NULL, NULL),
 ('sn_b',             'safety_net', NULL,                NULL, NULL),
 ('crisis',           'crisis',     'crisis',            NULL, NULL),
 ('muni_small',       'general',    NULL,                NULL, NULL),
 ('muni_medium',      'general',    NULL,                NULL, NULL),
 ('muni_stability',   'general',    NULL,                NULL, NULL),
 ('muni_startup',     'general',    NULL,                NULL, NULL)
  ) v(scheme_code, frame_code, exclusion_code, min_amount, note);

INSERT INTO hosho.scheme_term (scheme_code, valid_from, use_of_funds, term_kind, max_months, rolling_max_months)
SELECT t.s, date '2024-07-01', t.u, t.k, t.m, t.r
  FROM (VALUES
 ('futsu',          'working',   'any',         60,  NULL::int),
 ('futsu',          'equipment', 'any',         180, NULL),
 ('overdraft',      'any',       'lump',        12,  60),
 ('overdraft',      'any',       'lump',        24,  72),
 ('bond',           'any',       'any',         84,  NULL),
 ('abl',            'any',       'any',         12,  NULL),
 ('keieiryoku',     'working',   'any',         60,  NULL),
 ('keieiryoku',     'equipment', 'any',         84,  NULL),
 ('keieiryoku',     'refinance', 'any',         120, NULL),
 ('fiveing',        'working',   'any',         12,  60),
 ('tening',         'working',   'any',         12,  120),
 ('zaimu_noguar',   'any',       'lump',        24,  NULL),
 ('zaimu_noguar',   'any',       'installment', 84,  NULL),
 ('shokei_special', 'any',       'lump',        12,  NULL),
 ('shokei_special', 'any',       'installment', 120, NULL),
 ('noguar_select',  'any',       'lump',        12,  NULL),
 ('noguar_select',  'any',       'installment', 120, NULL),
 ('pref_shoko',     'working',   'any',         120, NULL),
 ('pref_shoko',     'equipment', 'any',         180, NULL),
 ('pref_shoko_sn_a', 'working',  'any',         120, NULL),
 ('pref_shoko_sn_a', 'equipment', 'any',        180, NULL),
 ('pref_shoko_sn_b', 'working',  'any',         120, NULL),
 ('pref_shoko_sn_b', 'equipment', 'any',        180, NULL),
 ('pref_antei_general', 'working', 'any',       180, NULL),
 ('pref_antei_oil', 'working',   'any',         180, NULL),
 ('pref_antei_disaster', 'working', 'any',      180, NULL),
 ('pref_antei_sn',  'working',   'any',         180, NULL),
 ('pref_antei_kyoka', 'working', 'any',         60,  NULL),
 ('pref_antei_kyoka', 'equipment', 'any',       84,  NULL),
 ('pref_antei_kyoka', 'refinance', 'any',       120, NULL),
 ('pref_antei_kaizen', 'any',    'any',         180, NULL),
 ('pref_koguchi',   'working',   'any',         60,  NULL),
 ('pref_koguchi',   'equipment', 'any',         84,  NULL),
 ('pref_shokibo',   'working',   'any',         60,  NULL),
 ('pref_shokibo',   'equipment', 'any',         84,  NULL),
 ('pref_tokubetsu', 'working',   'any',         60,  NULL),
 ('pref_tokubetsu', 'equipment', 'any',         84,  NULL),
 ('pref_ikusei',    'working',   'any',         120, NULL),
 ('pref_ikusei',    'equipment', 'any',         180, NULL),
 ('pref_sogyo',     'any',       'any',         120, NULL),
 ('pref_wakamono',  'any',       'any',         120, NULL),
 ('pref_seicho',    'any',       'any',         120, NULL),
 ('pref_shokei',    'any',       'any',         120, NULL),
 ('pref_quake',     'any',       'any',         180, NULL),
 ('pref_corona',    'any',       'any',         120, NULL),
 ('pref_iwate_shokei', 'any',    'any',         120, NULL),
 ('quake_urgent',   'any',       'any',         120, NULL),
 ('disaster',       'working',   'any',         120, NULL),
 ('disaster',       'equipment', 'any',         180, NULL),
 ('sn_a',           'any',       'any',         120, NULL),
 ('sn_b',           'any',       'any',         120, NULL),
 ('crisis',         'any',       'any',         120, NULL),
 ('muni_small',     'working',   'any',         84,  NULL),
 ('muni_small',     'equipment', 'any',         120, NULL),
 ('muni_medium',    'working',   'any',         84,  NULL),
 ('muni_medium',    'equipment', 'any',         120, NULL),
 ('muni_stability', 'working',   'any',         84,  NULL),
 ('muni_stability', 'equipment', 'any',         120, NULL),
 ('muni_startup',   'working',   'any',         84,  NULL),
 ('muni_startup',   'equipment', 'any',         120, NULL)
  ) t(s, u, k, m, r);
-- card_loan: the brochure prints no term, so the default (futsu) terms apply.

INSERT INTO hosho.scheme_rate (scheme_code, valid_from, seq, variant, variant_name, use_of_funds,
                               max_term_months, table_code, rate_bp, min_bp, max_bp)
SELECT r.s, date '2024-07-01', r.seq, r.variant, r.vname, r.u, r.t, r.tbl, r.bp, r.lo, r.hi
  FROM (VALUES
 ('futsu',          1, 'standard', NULL::text, NULL::text, NULL::int, 'std', NULL::int, NULL::int, NULL::int),
 ('overdraft',      1, 'standard', NULL, NULL, NULL, NULL, NULL, 39, 162),
 ('bond',           1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL),
 ('abl',            1, 'standard', NULL, NULL, NULL, NULL, 68, NULL, NULL),
 ('keieiryoku',     1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 175),
 ('keieiryoku',     2, 'sn5', 'セーフティネット保証（5号）', NULL, NULL, NULL, 80, NULL, NULL),
 ('fiveing',        1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL),
 ('tening',         1, 'standard', NULL, NULL, NULL, NULL, NULL, 25, 170),
 ('zaimu_noguar',   1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL),
 ('shokei_special', 1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL),
 ('shokei_special', 2, 'conditions', '一定要件を満たした場合', NULL, NULL, NULL, NULL, 20, 115),
 ('noguar_select',  1, 'standard', NULL, NULL, NULL, NULL, NULL, 70, 235),
 ('noguar_select',  2, 'sn5', 'セーフティネット保証（5号）', NULL, NULL, NULL, 105, NULL, NULL),
 ('noguar_select',  3, 'sn5_high', 'セーフティネット保証（5号）', NULL, NULL, NULL, 125, NULL, NULL),
 ('noguar_select',  4, 'sn4', 'セーフティネット保証（4号）', NULL, NULL, NULL, 115, NULL, NULL),
 ('noguar_select',  5, 'sn4_high', 'セーフティネット保証（4号）', NULL, NULL, NULL, 135, NULL, NULL),
 ('pref_shoko',     1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 150),
 ('pref_shoko_sn_a', 1, 'standard', NULL, NULL, NULL, NULL, 70, NULL, NULL),
 ('pref_shoko_sn_b', 1, 'standard', NULL, NULL, NULL, NULL, 60, NULL, NULL),
 -- the brochure's layout sets one rate cell for the 一般/原油高/災害/経営力強化
 -- rows of 中小企業経営安定資金: 責 0.45–1.35% (read as shared by the four)
 ('pref_antei_general', 1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 135),
 ('pref_antei_oil',  1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 135),
 ('pref_antei_disaster', 1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 135),
 ('pref_antei_sn',   1, 'standard', NULL, NULL, NULL, NULL, NULL, 50, 160),
 ('pref_antei_kyoka', 1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 135),
 ('pref_antei_kaizen', 1, 'standard', NULL, 'refinance', NULL, NULL, 80, NULL, NULL),
 ('pref_antei_kaizen', 2, 'standard', NULL, NULL, NULL, NULL, 60, NULL, NULL),
 ('pref_koguchi',   1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 150),
 ('pref_shokibo',   1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 150),
 ('pref_tokubetsu', 1, 'standard', NULL, NULL, NULL, NULL, 70, NULL, NULL),
 ('pref_tokubetsu', 2, 'npo', 'ＮＰＯ法人', NULL, NULL, NULL, 60, NULL, NULL),
 ('pref_ikusei',    1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 150),
 ('pref_sogyo',     1, 'standard', NULL, NULL, NULL, NULL, 70, NULL, NULL),
 ('pref_wakamono',  1, 'standard', NULL, NULL, NULL, NULL, 0, NULL, NULL),
 ('pref_seicho',    1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 150),
 ('pref_seicho',    2, 'innovation', '経営革新関連保証', NULL, NULL, NULL, 60, NULL, NULL),
 ('pref_shokei',    1, 'standard', NULL, NULL, 36, NULL, 210, NULL, NULL),
 ('pref_shokei',    2, 'standard', NULL, NULL, 120, NULL, 230, NULL, NULL),
 ('pref_quake',     1, 'standard', NULL, NULL, NULL, NULL, 80, NULL, NULL),
 ('pref_corona',    1, 'standard', NULL, NULL, NULL, NULL, 40, NULL, NULL),
 ('pref_iwate_shokei', 1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 150),
 ('pref_iwate_shokei', 2, 'conditions', '一定の要件を満たした場合', NULL, NULL, NULL, NULL, 50, 160),
 ('quake_urgent',   1, 'standard', NULL, NULL, NULL, NULL, 80, NULL, NULL),
 ('disaster',       1, 'standard', NULL, NULL, NULL, NULL, 70, NULL, NULL),
 ('sn_a',           1, 'standard', NULL, NULL, NULL, NULL, 90, NULL, NULL),
 ('sn_b',           1, 'standard', NULL, NULL, NULL, NULL, 80, NULL, NULL),
 ('crisis',         1, 'standard', NULL, NULL, NULL, NULL, 80, NULL, NULL),
 ('muni_small',     1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 170),
 ('muni_small',     2, 'tokusho', '特小', NULL, NULL, NULL, 90, NULL, NULL),
 ('muni_medium',    1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 170),
 ('muni_stability', 1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 170),
 ('muni_startup',   1, 'standard', NULL, NULL, NULL, NULL, NULL, 45, 170)
  ) r(s, seq, variant, vname, u, t, tbl, bp, lo, hi);
-- card_loan: the brochure prints no rate; the rate function says so.

INSERT INTO hosho.limit_cap (cap_code, name, amount, scope, legal_forms, use_of_funds, valid_from, sort)
SELECT c.code, c.name, c.amount, c.scope, c.forms, c.use, date '2024-07-01', c.sort
  FROM (VALUES
 -- 信用保証の内容: 個人・法人 2億8,000万円, 組合 4億8,000万円 (無担保 8,000万円含む),
 -- 無担保のうち無担保無保証人 2,000万円
 ('general',            '一般保証限度（個人・法人）',   280000000::bigint, 'all', ARRAY['corporation','sole','npo','medical'], NULL::text, 10),
 ('general_union',      '一般保証限度（組合）',         480000000, 'all', ARRAY['union'], NULL, 11),
 ('general_unsecured',  '無担保保証限度',                80000000, 'unsecured', NULL, NULL, 12),
 -- 個人事業主は原則として連帯保証人不要 (4.連帯保証人) なので、この線は法人・組合等に適用
 ('general_no_guarantor', '無担保無保証人保証限度',      20000000, 'unsecured_no_guarantor', ARRAY['corporation','npo','union','medical'], NULL, 13),
 -- 別枠 (1)(2)(3)(4) 各 2億8,000万円 (= 普通保険 2億 + 無担保保険 8,000万)
 ('quake',              '(1)東日本大震災復興緊急保証 別枠', 280000000, 'all', NULL, NULL, 20),
 ('quake_unsecured',    '(1)東日本大震災復興緊急保証 別枠（無担保）', 80000000, 'unsecured', NULL, NULL, 21),
 ('disaster',           '(2)災害関係保証 別枠',           280000000, 'all', NULL, NULL, 22),
 ('disaster_unsecured', '(2)災害関係保証 別枠（無担保）', 80000000, 'unsecured', NULL, NULL, 23),
 ('safety_net',         '(3)経営安定関連保証 別枠',       280000000, 'all', NULL, NULL, 24),
 ('safety_net_unsecured', '(3)経営安定関連保証 別枠（無担保）', 80000000, 'unsecured', NULL, NULL, 25),
 ('crisis',             '(4)危機関連保証 別枠',           280000000, 'all', NULL, NULL, 26),
 ('crisis_unsecured',   '(4)危機関連保証 別枠（無担保）', 80000000, 'unsecured', NULL, NULL, 27),
 -- 合算限度: (1)+(2)+(3)+(4) 5億6,000万円 (普通保険 4億 + 無担保保険 1億6,000万), (2)+(3) 2億8,000万円
 ('separate_1234',      '(1)+(2)+(3)+(4)合算限度',            560000000, 'all', NULL, NULL, 30),
 ('separate_1234_unsecured', '(1)+(2)+(3)+(4)合算限度（無担保保険）', 160000000, 'unsecured', NULL, NULL, 31),
 ('separate_23',        '(2)+(3)合算限度',                 280000000, 'all', NULL, NULL, 32),
 -- scheme limits (制度ごとの保証限度, 千円 in the brochure)
 ('overdraft',          '当座貸越根保証 限度',           280000000, 'all', NULL, NULL, 40),
 ('overdraft_unsecured', '当座貸越根保証 無担保限度',     50000000, 'unsecured', NULL, NULL, 41),
 ('card_loan',          '事業者カードローン根保証 限度',  20000000, 'all', NULL, NULL, 42),
 ('bond_secured',       '中小企業特定社債保証 限度（有担保扱）', 450000000, 'all', NULL, NULL, 43),
 ('bond_unsecured',     '中小企業特定社債保証 限度（無担保扱）', 200000000, 'unsecured', NULL, NULL, 44),
 ('abl',                '流動資産担保融資保証 限度',     200000000, 'all', NULL, NULL, 45),
 ('keieiryoku_unsecured', '経営力強化保証 無担保限度',    80000000, 'unsecured', NULL, NULL, 46),
 ('keieiryoku_secured', '経営力強化保証 有担保限度',     200000000, 'secured', NULL, NULL, 47),
 ('fiveing',            '短期継続型保証「5ing」限度',     50000000, 'all', NULL, NULL, 48),
 ('tening',             '短期継続保証「10ing」限度',      80000000, 'all', NULL, NULL, 49),
 ('zaimu_unsecured',    '財務要件型無保証人保証 無担保限度', 80000000, 'unsecured', NULL, NULL, 50),
 ('zaimu_secured',      '財務要件型無保証人保証 有担保限度', 200000000, 'secured', NULL, NULL, 51),
 ('shokei_special_unsecured', '事業承継特別保証 無担保限度', 80000000, 'unsecured', NULL, NULL, 52),
 ('shokei_special_secured', '事業承継特別保証 有担保限度', 200000000, 'secured', NULL, NULL, 53),
 ('noguar_select',      '事業者選択型経営者保証非提供促進特別保証 限度（無担保）', 80000000, 'all', NULL, NULL, 54),
 ('pref_shoko',         '商工観光振興資金 制度上限',    100000000, 'all', NULL, NULL, 60),
 ('pref_shoko_working', '商工観光振興資金 運転資金',     50000000, 'all', NULL, 'working', 61),
 ('pref_shoko_equipment', '商工観光振興資金 設備資金',  100000000, 'all', NULL, 'equipment', 62),
 -- 一般・原油高・災害対策は 80,000千円まで (共通)
 ('pref_antei_taisaku', '経営安定資金 一般・原油高・災害対策', 80000000, 'all', NULL, NULL, 63),
 ('pref_antei_sn',      '経営安定資金 セーフティネット別枠', 80000000, 'all', NULL, NULL, 64),
 ('pref_antei_kyoka',   '経営安定資金 経営力強化対策',   80000000, 'all', NULL, NULL, 65),
 ('pref_antei_kaizen',  '経営安定資金 経営改善サポート', 80000000, 'all', NULL, NULL, 66),
 ('pref_antei_total',   '経営安定資金 対策資金併用時の合計', 160000000, 'all', NULL, NULL, 67),
 ('pref_koguchi',       '普通小口資金 限度',             20000000, 'all', NULL, NULL, 68),
 ('pref_shokibo',       '小規模小口資金 限度',           20000000, 'all', NULL, NULL, 69),
 ('pref_tokubetsu',     '特別小口資金 限度',             20000000, 'all', NULL, NULL, 70),
 ('pref_ikusei',        '育成資金 限度（運転設備併用）', 40000000, 'all', NULL, NULL, 71),
 ('pref_ikusei_working', '育成資金 運転資金',            20000000, 'all', NULL, 'working', 72),
 ('pref_sogyo',         '創業資金 限度',                 35000000, 'all', NULL, NULL, 73),
 ('pref_wakamono',      '若者・女性創業支援資金 限度',   10000000, 'all', NULL, NULL, 74),
 ('pref_seicho',        '成長応援資金 限度',             50000000, 'all', NULL, NULL, 75),
 ('pref_shokei',        '事業承継資金 限度',             80000000, 'all', NULL, NULL, 76),
 ('pref_quake',         '中小企業東日本大震災復興資金 限度', 80000000, 'all', NULL, NULL, 77),
 ('pref_corona',        '新型コロナウイルス感染症対策資金 限度', 80000000, 'all', NULL, NULL, 78),
 ('pref_iwate_shokei',  'いわて事業承継促進資金 限度',   80000000, 'all', NULL, NULL, 79),
 ('muni_small',         '市町村制度 小口',               12500000, 'all', NULL, NULL, 90),
 ('muni_medium',        '市町村制度 中口',               37500000, 'all', NULL, NULL, 91),
 ('muni_small_medium',  '市町村制度 小口・中口合計',     37500000, 'all', NULL, NULL, 92),
 ('muni_stability',     '市町村制度 経営安定',           25000000, 'all', NULL, NULL, 93),
 ('muni_startup',       '市町村制度 開業',               12500000, 'all', NULL, NULL, 94),
 ('muni_total',         '市町村制度 小口・中口・経営安定・開業合計', 50000000, 'all', NULL, NULL, 95)
  ) c(code, name, amount, scope, forms, use, sort);

INSERT INTO hosho.limit_cap_member (cap_code, frame_code, scheme_code, excluded)
SELECT 'general_no_guarantor', NULL, s, true
  FROM unnest(ARRAY['zaimu_noguar', 'shokei_special', 'noguar_select', 'pref_iwate_shokei']) s;

INSERT INTO hosho.limit_cap_member (cap_code, frame_code, scheme_code)
SELECT m.cap, m.frame, m.scheme
  FROM (VALUES
 ('general', 'general', NULL::text), ('general_union', 'general', NULL),
 ('general_unsecured', 'general', NULL), ('general_no_guarantor', 'general', NULL),
 ('quake', 'quake', NULL), ('quake_unsecured', 'quake', NULL),
 ('disaster', 'disaster', NULL), ('disaster_unsecured', 'disaster', NULL),
 ('safety_net', 'safety_net', NULL), ('safety_net_unsecured', 'safety_net', NULL),
 ('crisis', 'crisis', NULL), ('crisis_unsecured', 'crisis', NULL),
 ('separate_1234', 'quake', NULL), ('separate_1234', 'disaster', NULL),
 ('separate_1234', 'safety_net', NULL), ('separate_1234', 'crisis', NULL),
 ('separate_1234_unsecured', 'quake', NULL), ('separate_1234_unsecured', 'disaster', NULL),
 ('separate_1234_unsecured', 'safety_net', NULL), ('separate_1234_unsecured', 'crisis', NULL),
 ('separate_23', 'disaster', NULL), ('separate_23', 'safety_net', NULL),
 ('overdraft', NULL, 'overdraft'), ('overdraft_unsecured', NULL, 'overdraft'),
 ('card_loan', NULL, 'card_loan'),
 ('bond_secured', 'bond', NULL), ('bond_unsecured', 'bond', NULL),
 ('abl', 'abl', NULL),
 ('keieiryoku_unsecured', NULL, 'keieiryoku'), ('keieiryoku_secured', NULL, 'keieiryoku'),
 ('fiveing', NULL, 'fiveing'), ('tening', NULL, 'tening'),
 ('zaimu_unsecured', NULL, 'zaimu_noguar'), ('zaimu_secured', NULL, 'zaimu_noguar'),
 ('shokei_special_unsecured', NULL, 'shokei_special'), ('shokei_special_secured', NULL, 'shokei_special'),
 ('noguar_select', NULL, 'noguar_select'),
 ('pref_shoko', NULL, 'pref_shoko'), ('pref_shoko_working', NULL, 'pref_shoko'),
 ('pref_shoko_equipment', NULL, 'pref_shoko'),
 ('pref_antei_taisaku', NULL, 'pref_antei_general'), ('pref_antei_taisaku', NULL, 'pref_antei_oil'),
 ('pref_antei_taisaku', NULL, 'pref_antei_disaster'),
 ('pref_antei_sn', NULL, 'pref_antei_sn'), ('pref_antei_kyoka', NULL, 'pref_antei_kyoka'),
 ('pref_antei_kaizen', NULL, 'pref_antei_kaizen'),
 ('pref_antei_total', NULL, 'pref_antei_general'), ('pref_antei_total', NULL, 'pref_antei_oil'),
 ('pref_antei_total', NULL, 'pref_antei_disaster'), ('pref_antei_total', NULL, 'pref_antei_kyoka'),
 ('pref_antei_total', NULL, 'pref_antei_kaizen'),
 ('pref_koguchi', NULL, 'pref_koguchi'), ('pref_shokibo', NULL, 'pref_shokibo'),
 ('pref_tokubetsu', NULL, 'pref_tokubetsu'),
 ('pref_ikusei', NULL, 'pref_ikusei'), ('pref_ikusei_working', NULL, 'pref_ikusei'),
 ('pref_sogyo', NULL, 'pref_sogyo'), ('pref_wakamono', NULL, 'pref_wakamono'),
 ('pref_seicho', NULL, 'pref_seicho'), ('pref_shokei', NULL, 'pref_shokei'),
 ('pref_quake', NULL, 'pref_quake'), ('pref_corona', NULL, 'pref_corona'),
 ('pref_iwate_shokei', NULL, 'pref_iwate_shokei'),
 ('muni_small', NULL, 'muni_small'), ('muni_medium', NULL, 'muni_medium'),
 ('muni_small_medium', NULL, 'muni_small'), ('muni_small_medium', NULL, 'muni_medium'),
 ('muni_stability', NULL, 'muni_stability'), ('muni_startup', NULL, 'muni_startup'),
 ('muni_total', NULL, 'muni_small'), ('muni_total', NULL, 'muni_medium'),
 ('muni_total', NULL, 'muni_stability'), ('muni_total', NULL, 'muni_startup')
  ) m(cap, frame, scheme);

-- ---------------------------------------------------------------------------
-- Fee method data (research/guarantee-fee.md; not in the brochure).
-- ---------------------------------------------------------------------------

-- 分割係数 in 1/100 (0.55 = 55), by installment count (min..max inclusive,
-- NULL max = and more). Saitama, Tokyo, Hokkaido. Yamanashi publishes unequal
-- 71 (7–12) and 60 (25+): change those two rows to follow it.
CREATE TABLE hosho.fee_coefficient (
    kind           text NOT NULL CHECK (kind IN ('equal', 'unequal')),
    min_count      int  NOT NULL CHECK (min_count >= 2),
    max_count      int  CHECK (max_count >= min_count),
    coefficient    int  NOT NULL CHECK (coefficient BETWEEN 1 AND 100),
    PRIMARY KEY (kind, min_count),
    EXCLUDE USING gist (kind WITH =, int4range(min_count, max_count, '[]') WITH &&)
);
COMMENT ON TABLE hosho.fee_coefficient IS '分割係数 (1/100単位)。埼玉・東京・北海道の全国方式';
INSERT INTO hosho.fee_coefficient VALUES
 ('equal', 2, 6, 70), ('equal', 7, 12, 65), ('equal', 13, 24, 60), ('equal', 25, NULL, 55),
 ('unequal', 2, 6, 77), ('unequal', 7, 12, 72), ('unequal', 13, 24, 66), ('unequal', 25, NULL, 61);

-- 分割徴収の割合: for a term in (over_months, max_months] the fee is collected
-- in parts; part 1 at execution, part k in the (k-1)th anniversary month.
CREATE TABLE hosho.fee_split (
    over_months int NOT NULL CHECK (over_months >= 0),
    max_months  int CHECK (max_months > over_months),
    part        int NOT NULL CHECK (part BETWEEN 1 AND 20),
    pct         int NOT NULL CHECK (pct BETWEEN 1 AND 100),
    PRIMARY KEY (over_months, part)
);
COMMENT ON TABLE hosho.fee_split IS '保証料分割徴収の割合 (沖縄)。端数は第1回に寄せる';
INSERT INTO hosho.fee_split (over_months, max_months, part, pct)
SELECT b.o, b.m, p.k, p.pct
  FROM (VALUES (24, 48, ARRAY[75, 25]), (48, 72, ARRAY[60, 30, 10]), (72, 96, ARRAY[45, 35, 15, 5]),
               (96, 120, ARRAY[35, 30, 20, 10, 5]), (120, 144, ARRAY[30, 20, 20, 15, 10, 5]),
               (144, 168, ARRAY[25, 20, 20, 15, 10, 5, 5]), (168, 192, ARRAY[20, 20, 15, 15, 10, 10, 5, 5]),
               (192, 216, ARRAY[20, 20, 15, 15, 10, 5, 5, 5, 5]),
               (216, NULL, ARRAY[20, 20, 15, 15, 10, 5, 5, 5, 3, 2])) b(o, m, pcts),
       LATERAL unnest(b.pcts) WITH ORDINALITY p(pct, k);

-- ---------------------------------------------------------------------------
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['rule_param', 'legal_form', 'repayment', 'use_of_funds', 'frame',
                             'sharing_exclusion', 'scheme', 'scheme_version', 'scheme_term',
                             'rate_table', 'scheme_rate', 'rate_discount', 'limit_cap',
                             'limit_cap_member', 'fee_coefficient', 'fee_split']
    LOOP
        EXECUTE format('ALTER TABLE hosho.%I OWNER TO hosho_owner', t);
        EXECUTE format('GRANT SELECT ON hosho.%I TO hosho_staff', t);
    END LOOP;
END $$;
