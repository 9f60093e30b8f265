-- 100_review_data.sql — what the review of a guarantee request needs beyond
-- 030–093: the schemes that carried FY R5's volume, the company's financial
-- summary, and the intake check made fast enough to run as fields are filled.

-- ===========================================================================
-- 1. The R5 schemes the R6.7.1 catalogue omits (research brochure.md §1.1)
-- ===========================================================================
-- The brochure reports their R5 volume but prints no terms; where it is
-- silent the rows follow the national programme's published terms (doc/fee.md,
-- Sources, "reading"). Every one ends on 2024-06-30: the catalogue of
-- 2024-07-01 does not list them (the national 伴走支援型/コロナ借換保証
-- took applications until 2024-06-30). Their start: the national start, or
-- the first fiscal year the brochure shows figures for (R4).
INSERT INTO hosho.scheme (scheme_code, name, category, summary, sort) VALUES
 ('banso',          '伴走支援型特別保証',       'association',
  '売上減少等の要件を満たし、経営行動計画書を作成して金融機関の継続的な伴走支援（モニタリング）を受ける方', 21),
 ('corona_karikae', 'コロナ借換保証',           'association',
  '新型コロナ関連融資等の借換え又は新たな資金需要があり、経営行動計画書を作成して金融機関の継続的な伴走支援を受ける方', 22),
 ('renkei',         '連携支援協調パッケージ',   'association',
  'プロパー融資と協会付き融資でリスクを適切に分担する金融機関との協調融資を受ける方', 23),
 ('exit_finance',   'エグジットファイナンス',   'association',
  '東日本大震災事業者再生支援機構・岩手産業復興機構が買い取った債権の借換えを行う方', 24);

INSERT INTO hosho.scheme_version (scheme_code, valid_from, valid_to, frame_code, exclusion_code, min_amount, note)
VALUES
 ('banso', '2021-04-01', '2024-06-30', 'general', NULL, NULL,
  '経営行動計画書の作成と金融機関によるモニタリングが要件。保証料率0.85%のうち国が0.65%相当を補助（事業者負担0.20%）'),
 ('corona_karikae', '2023-01-10', '2024-06-30', 'general', NULL, NULL,
  '経営行動計画書の作成と金融機関による継続的な伴走支援が要件。事業者負担0.20%（補助前0.85%）'),
 ('renkei', '2022-04-01', '2024-06-30', 'general', NULL, NULL,
  'プロパー融資との協調が要件。期間は普通保証に準ずる（運転5年・設備15年）'),
 ('exit_finance', '2022-04-01', '2024-06-30', 'general', NULL, NULL,
  '復興機構等の買取債権の借換え。期間は普通保証に準ずる（運転5年・設備15年）');

-- 'any' use covers working and equipment funds; 借換 has its own rows where
-- the scheme is for refinancing. renkei and exit_finance print no terms:
-- 普通保証's, written out, since 普通保証 has no version in R5 to default to.
INSERT INTO hosho.scheme_term (scheme_code, valid_from, use_of_funds, term_kind, max_months, max_deferral_months)
VALUES
 ('banso',          '2021-04-01', 'any',       'lump',        12,  NULL),
 ('banso',          '2021-04-01', 'any',       'installment', 120, 60),
 ('banso',          '2021-04-01', 'refinance', 'installment', 120, 60),
 ('corona_karikae', '2023-01-10', 'any',       'lump',        12,  NULL),
 ('corona_karikae', '2023-01-10', 'any',       'installment', 120, 60),
 ('corona_karikae', '2023-01-10', 'refinance', 'installment', 120, 60),
 ('renkei',         '2022-04-01', 'working',   'any',         60,  NULL),
 ('renkei',         '2022-04-01', 'equipment', 'any',         180, NULL),
 ('exit_finance',   '2022-04-01', 'working',   'any',         60,  NULL),
 ('exit_finance',   '2022-04-01', 'equipment', 'any',         180, NULL);

INSERT INTO hosho.scheme_rate (scheme_code, valid_from, seq, variant, variant_name, use_of_funds,
                               max_term_months, table_code, rate_bp, min_bp, max_bp)
VALUES
 ('banso',          '2021-04-01', 1, 'standard', NULL, NULL, NULL, NULL, 20, NULL, NULL),
 ('corona_karikae', '2023-01-10', 1, 'standard', NULL, NULL, NULL, NULL, 20, NULL, NULL),
 ('renkei',         '2022-04-01', 1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL),
 ('exit_finance',   '2022-04-01', 1, 'standard', NULL, NULL, NULL, 'std', NULL, NULL, NULL);

INSERT INTO hosho.limit_cap (cap_code, name, amount, scope, legal_forms, use_of_funds, valid_from, valid_to, sort)
VALUES
 ('banso',          '伴走支援型特別保証 限度',   40000000, 'all', NULL, NULL, '2021-04-01', '2024-06-30', 55),
 ('corona_karikae', 'コロナ借換保証 限度',      100000000, 'all', NULL, NULL, '2023-01-10', '2024-06-30', 56);
INSERT INTO hosho.limit_cap_member (cap_code, scheme_code) VALUES
 ('banso', 'banso'), ('corona_karikae', 'corona_karikae');

-- The general lines are those of the credit insurance law (普通保険 2億円 +
-- 無担保保険 8,000万円, 無担保無保証人 2,000万円), unchanged since before the
-- oldest version above: they apply from then too, so an R5 request is
-- checked against them.
UPDATE hosho.limit_cap SET valid_from = '2021-04-01'
 WHERE cap_code IN ('general', 'general_union', 'general_unsecured', 'general_no_guarantor');
