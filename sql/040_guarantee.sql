-- 040_guarantee.sql — the guarantee (保証) through its whole lifecycle.
--
-- States:  applied → under_review → approved → issued → executed → repaid
--                                 ↘ rejected   (any pending state) → withdrawn
--          executed → subrogated
-- The transitions will be SECURITY DEFINER functions (trust.md); this file
-- holds the table, its constraints and the exposure rule the limit check uses.
--
-- Exposure (保証債務残高 for the limit check) counts the live states:
--   approved, issued  — the approved amount (the bank may lend all of it);
--   executed          — the outstanding principal (balance).
-- applied/under_review are not yet commitments and are not counted (the
-- approval step re-runs the limit check); repaid, subrogated, withdrawn and
-- rejected hold no guarantee liability (a subrogated claim is a recourse claim,
-- managed elsewhere).  hosho.guarantee_exposure() is the single definition.

CREATE TABLE hosho.guarantee (
    guarantee_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id      bigint NOT NULL REFERENCES hosho.company,
    state           text   NOT NULL DEFAULT 'applied'
                    CHECK (state IN ('applied', 'under_review', 'approved', 'issued', 'executed',
                                     'repaid', 'subrogated', 'withdrawn', 'rejected')),
    bank_code       char(4) NOT NULL,
    branch_code     char(3) NOT NULL,
    scheme_code     text   NOT NULL REFERENCES hosho.scheme,
    frame_code      text   NOT NULL REFERENCES hosho.frame,
    use_of_funds    text   NOT NULL REFERENCES hosho.use_of_funds,
    amount          bigint NOT NULL CHECK (amount > 0),          -- requested, then approved amount
    balance         bigint NOT NULL DEFAULT 0 CHECK (balance >= 0), -- outstanding principal once executed
    secured         boolean NOT NULL DEFAULT false,
    guarantor       text   NOT NULL DEFAULT 'representative'
                    CHECK (guarantor IN ('none', 'representative', 'other')),
    rate_class      smallint CHECK (rate_class BETWEEN 1 AND 9),
    rate_bp         int    CHECK (rate_bp BETWEEN 0 AND 10000),
    sharing         text   CHECK (sharing IN ('partial80', 'full100')),
    term_months     int    NOT NULL CHECK (term_months BETWEEN 1 AND 360),
    deferral_months int    NOT NULL DEFAULT 0 CHECK (deferral_months >= 0 AND deferral_months < term_months),
    repayment       text   NOT NULL REFERENCES hosho.repayment,
    installments    int    CHECK (installments >= 1),
    renewal_of      bigint REFERENCES hosho.guarantee,           -- the loan a rolling scheme (5ing, 10ing) renews
    fee_yen         bigint CHECK (fee_yen >= 0),
    applied_on      date   NOT NULL DEFAULT current_date,
    issued_on       date,
    executed_on     date,
    maturity_on     date,
    section_code    text   NOT NULL REFERENCES hosho.section,
    version         int    NOT NULL DEFAULT 1,
    created_by      text   NOT NULL DEFAULT session_user,
    created_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (bank_code, branch_code) REFERENCES hosho.bank_branch,
    -- the balance never exceeds the amount lent, and is 0 until execution
    CHECK (balance <= amount),
    CHECK (state IN ('executed', 'subrogated') OR balance = 0),
    -- dates follow the lifecycle
    CHECK (issued_on >= applied_on),
    CHECK (executed_on >= issued_on),
    CHECK (maturity_on > executed_on),
    CHECK (state NOT IN ('issued', 'executed', 'repaid', 'subrogated') OR issued_on IS NOT NULL),
    CHECK (state NOT IN ('executed', 'repaid', 'subrogated') OR executed_on IS NOT NULL AND maturity_on IS NOT NULL),
    -- from approval on, the priced terms are fixed
    CHECK (state IN ('applied', 'under_review', 'withdrawn', 'rejected')
           OR rate_bp IS NOT NULL AND sharing IS NOT NULL),
    -- installments only for installment repayment
    CHECK ((repayment IN ('equal', 'unequal')) = (installments IS NOT NULL)),
    CHECK (repayment IN ('equal', 'unequal') OR deferral_months = 0)
);
COMMENT ON TABLE hosho.guarantee IS '保証 (申込から完済・代位弁済まで)';
COMMENT ON COLUMN hosho.guarantee.balance IS '融資実行後の保証付融資残高 (元本)。保証限度の判定では executed の残高を用いる';

-- The exposure query reads only one company's live guarantees: a partial
-- index on company_id whose INCLUDE columns answer it without the heap
-- (EXPLAIN in doc/fee.md: Index Only Scan using guarantee_company_live_idx).
CREATE INDEX guarantee_company_live_idx ON hosho.guarantee (company_id)
    INCLUDE (state, frame_code, scheme_code, use_of_funds, secured, guarantor, amount, balance)
    WHERE state IN ('approved', 'issued', 'executed');
CREATE INDEX guarantee_company_idx ON hosho.guarantee (company_id);
CREATE INDEX guarantee_bank_idx ON hosho.guarantee (bank_code, branch_code);
CREATE INDEX guarantee_scheme_idx ON hosho.guarantee (scheme_code);
CREATE INDEX guarantee_section_idx ON hosho.guarantee (section_code);
CREATE INDEX guarantee_renewal_idx ON hosho.guarantee (renewal_of) WHERE renewal_of IS NOT NULL;
CREATE INDEX guarantee_frame_idx ON hosho.guarantee (frame_code);

-- One exposure item: what a limit cap needs to know about a guarantee.
CREATE TYPE hosho.exposure_item AS (
    frame_code   text,
    scheme_code  text,
    use_of_funds text,
    secured      boolean,
    guarantor    text,
    amount       bigint
);

-- A company's exposure, one item per live guarantee (see the header).
CREATE FUNCTION hosho.guarantee_exposure(p_company_id bigint)
RETURNS SETOF hosho.exposure_item
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT g.frame_code, g.scheme_code, g.use_of_funds, g.secured, g.guarantor,
           CASE WHEN g.state = 'executed' THEN g.balance ELSE g.amount END
      FROM hosho.guarantee g
     WHERE g.company_id = p_company_id
       AND g.state IN ('approved', 'issued', 'executed')
$$;
COMMENT ON FUNCTION hosho.guarantee_exposure(bigint) IS
  '企業の保証債務 (承認・保証書発行済は保証金額、融資実行済は残高)';

ALTER TABLE hosho.guarantee OWNER TO hosho_owner;
ALTER TYPE hosho.exposure_item OWNER TO hosho_owner;
ALTER FUNCTION hosho.guarantee_exposure(bigint) OWNER TO hosho_owner;
GRANT SELECT ON hosho.guarantee TO hosho_staff;
REVOKE EXECUTE ON FUNCTION hosho.guarantee_exposure(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hosho.guarantee_exposure(bigint) TO hosho_staff;
