-- Mid-term management's demo (doc/midterm.md), on the executed guarantees
-- the demo book (005) made: delinquencies at every rank with six monthly
-- reports each, accidents by the rule and by the bank, a plan for most
-- cases (some due this week, on the clerk's worklist), one accident marked
-- 代位弁済見込み by 保証統括課, unpaid fee parts with their causes and a
-- 分割納入, and a pending condition change per guarantee section for the
-- supervisors' queues. Written as the functions of 110 would leave it,
-- set-based (the loader is the superuser). Without executed guarantees
-- (the tests' template skips the book) it adds nothing.

-- One executed guarantee in 40 is delinquent: months overdue 0–8 by its
-- number, an accident from the rule's months, every fifth accident the
-- bank's own report.
CREATE TEMP TABLE demo_dq AS
SELECT g.guarantee_id, g.company_id, g.bank_code, g.section_code, g.balance,
       (g.guarantee_id / 40 % 9)::int AS months,
       (g.guarantee_id / 40 % 9) >= (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'accident_months_overdue')
           OR g.guarantee_id / 40 % 5 = 0 AS accident,
       g.guarantee_id / 40 % 5 = 0 AS by_bank
  FROM hosho.guarantee g
 WHERE g.state = 'executed' AND g.guarantee_id % 40 = 7 AND g.balance > 0;

INSERT INTO hosho.delinquency (guarantee_id, company_id, bank_code, section_code, opened_on, reported_on,
	months_overdue, amount_overdue, balance, cause_code, accident_on, accident_source, accident_balance, rank_code)
SELECT d.guarantee_id, d.company_id, d.bank_code, d.section_code,
       (date_trunc('month', current_date) - make_interval(months => d.months) - interval '1 day')::date,
       (date_trunc('month', current_date) - interval '1 day')::date,
       d.months, (d.months + 1) * d.balance / 60, d.balance,
       (ARRAY['sales', 'cost', 'cash', 'disaster', 'illness', 'legal', 'unknown'])[d.guarantee_id % 7 + 1],
       CASE WHEN d.accident THEN (date_trunc('month', current_date) - interval '1 day')::date END,
       CASE WHEN d.accident THEN CASE WHEN d.by_bank THEN 'bank' ELSE 'rule' END END,
       CASE WHEN d.accident THEN d.balance END,
       hosho.delinquency_rank_for(d.accident, d.months)
  FROM demo_dq d;

-- The monthly reports that led there: one a month, the months overdue
-- climbing to today's (the accident from the month the rule or the bank
-- made it one).
INSERT INTO hosho.delinquency_event (delinquency_id, guarantee_id, reported_on, months_overdue, amount_overdue, balance,
	accident, rank_code, source)
SELECT x.delinquency_id, x.guarantee_id, x.reported_on, x.m, (x.m + 1) * x.balance / 60, x.balance, x.acc,
       hosho.delinquency_rank_for(x.acc, x.m), 'bank'
  FROM (SELECT dl.delinquency_id, dl.guarantee_id, dl.balance,
               (date_trunc('month', current_date) - make_interval(months => k) - interval '1 day')::date AS reported_on,
               dl.months_overdue - k AS m,
               dl.accident_on IS NOT NULL AND (k = 0 OR dl.months_overdue - k >=
                   (SELECT r.int_value FROM hosho.rule_param r WHERE r.param_code = 'accident_months_overdue')) AS acc
          FROM hosho.delinquency dl CROSS JOIN generate_series(0, 5) k
         WHERE dl.months_overdue - k >= 0) x;

-- Plans: cause, direction, next action; one in three due within the week.
INSERT INTO hosho.delinquency_plan (delinquency_id, guarantee_id, cause_code, direction_code, next_action, due_on,
	assigned_to)
SELECT dl.delinquency_id, dl.guarantee_id, dl.cause_code,
       CASE WHEN dl.accident_on IS NOT NULL AND dl.months_overdue >= 6 THEN 'subrogation'
            WHEN dl.months_overdue >= 2 THEN 'condition_change' ELSE 'self' END,
       (ARRAY['金融機関と同行訪問し資金繰り表を確認', '決算書・試算表を徴求し窮境原因を把握',
              '条件変更（返済緩和）の申出を金融機関と協議', '代表者と面談し今後の返済計画を聴取'])[dl.delinquency_id % 4 + 1],
       current_date + (dl.delinquency_id % 21)::int - 3,
       coalesce((SELECT s.staff_role FROM hosho.staff s
                  JOIN pg_auth_members m ON m.member = (SELECT r.oid FROM pg_roles r WHERE r.rolname = s.staff_role)
                 WHERE s.section_code = dl.section_code AND s.active
                   AND m.roleid = (SELECT r.oid FROM pg_roles r WHERE r.rolname = 'hosho_clerk')
                 ORDER BY s.staff_role LIMIT 1), 'clerk1')
  FROM hosho.delinquency dl
 WHERE dl.delinquency_id % 4 <> 0;

-- 保証統括課 marked the oldest accident 代位弁済見込み (four eyes: requested by
-- the case's clerk).
WITH a AS (SELECT dl.* FROM hosho.delinquency dl WHERE dl.accident_on IS NOT NULL AND dl.months_overdue >= 6
            ORDER BY dl.delinquency_id LIMIT 1),
     ap AS (INSERT INTO hosho.approval (object_kind, object_id, action, payload, object_version, state, requested_by,
                                        requested_at, decided_by, decided_at, reason)
            SELECT 'delinquency', a.delinquency_id::text, 'subrogation_expected',
                   jsonb_build_object('value', 'expected', 'note', '法的整理の申立てにより正常化の見込みなし',
                                      'guarantee_id', a.guarantee_id),
                   a.version, 'approved', 'clerk1', now() - interval '2 days', 'toukatsu1', now() - interval '1 day',
                   '事故管理方針のとおり'
              FROM a
             WHERE EXISTS (SELECT FROM hosho.staff s WHERE s.staff_role = 'toukatsu1')
            RETURNING object_id)
UPDATE hosho.delinquency dl SET subrogation_expected_on = current_date - 1
  FROM ap WHERE dl.delinquency_id = ap.object_id::bigint;

-- Unpaid fees: one 分割徴収 part in fifty due this year left unpaid, with
-- its cause; every third of them in a 分割納入 of two.
CREATE TEMP TABLE demo_unpaid AS
SELECT f.guarantee_id, f.part, f.due_on, f.amount
  FROM hosho.fee_receipt f JOIN hosho.guarantee g USING (guarantee_id)
 WHERE f.part > 1 AND f.due_on < current_date AND f.due_on >= current_date - 365 AND g.state = 'executed'
   AND f.guarantee_id % 50 = 3;
UPDATE hosho.fee_receipt f SET received_on = NULL
  FROM demo_unpaid u WHERE f.guarantee_id = u.guarantee_id AND f.part = u.part;
INSERT INTO hosho.unpaid_fee_case (guarantee_id, part, cause_code, note, remedy)
SELECT u.guarantee_id, u.part, (ARRAY['cash', 'oversight', 'contact', 'dispute'])[u.guarantee_id % 4 + 1],
       '金融機関経由で督促済み', CASE WHEN u.guarantee_id % 3 = 0 THEN 'installments' END
  FROM demo_unpaid u;
INSERT INTO hosho.unpaid_fee_plan (guarantee_id, part, seq, due_on, amount)
SELECT u.guarantee_id, u.part, k, (current_date + make_interval(months => k))::date,
       CASE WHEN k = 1 THEN u.amount - u.amount / 2 ELSE u.amount / 2 END
  FROM demo_unpaid u CROSS JOIN generate_series(1, 2) k
 WHERE u.guarantee_id % 3 = 0 AND u.amount >= 2;

-- A pending condition change per guarantee section, requested by the
-- case's clerk: a relief of a delinquent guarantee (12 more months, the
-- same installments plus 12).
INSERT INTO hosho.condition_change (guarantee_id, kind, change_on, bank_requested_on, reason, delinquency_id,
	balance_at_request, prepayment_yen, old_terms, new_repayment, new_term_months, new_installments,
	new_deferral_months, new_rate_bp, new_maturity_on, fee_kind, fee_new, fee_credit, fee_difference, preview,
	requested_by)
SELECT x.guarantee_id, 'relief', (x.p->>'change_on')::date, current_date - 3, '売上減少による返済負担の軽減（金融機関からの申出）',
       x.delinquency_id, x.balance, 0, x.p->'old', x.p->'new'->>'repayment', (x.p->'new'->>'term_months')::int,
       (x.p->'new'->>'installments')::int, (x.p->'new'->>'deferral_months')::int, (x.p->'new'->>'rate_bp')::int,
       (x.p->'new'->>'maturity_on')::date, x.p->'fee'->>'kind', (x.p->'fee'->>'new_fee')::bigint,
       (x.p->'fee'->>'credit')::bigint, (x.p->'fee'->>'difference')::bigint, x.p, x.clerk
  FROM (SELECT DISTINCT ON (dl.section_code) dl.guarantee_id, dl.delinquency_id, g.balance, pl.assigned_to AS clerk,
               hosho.condition_change_plan(g, jsonb_build_object('kind', 'relief', 'change_on', current_date,
                   'new_term_months', hosho.months_until(current_date, g.maturity_on) + 12,
                   'new_installments', hosho.months_until(current_date, g.maturity_on) + 12)) AS p
          FROM hosho.delinquency dl
          JOIN hosho.delinquency_plan pl USING (delinquency_id)
          JOIN hosho.guarantee g ON g.guarantee_id = dl.guarantee_id
         WHERE dl.closed_on IS NULL AND g.repayment = 'equal' AND g.maturity_on > current_date + 90
         ORDER BY dl.section_code, dl.delinquency_id) x
 WHERE jsonb_array_length(x.p->'reasons') = 0;

DROP TABLE demo_dq, demo_unpaid;
