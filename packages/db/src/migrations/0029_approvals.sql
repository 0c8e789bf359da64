-- Approvals on the customer's side (issue 20 part 1, decision 0034).
--
-- A confirmed request a contract's approval rule catches waits in `awaiting_approval`, held
-- from the provider: `held_for_approval` stays true until an approver lets it through, and
-- for good when it is refused or cancelled meanwhile, so that the provider's queue, lists,
-- counts and exports never see it. Its billing month is set when it reaches the provider.
ALTER TABLE requests ADD COLUMN held_for_approval boolean NOT NULL DEFAULT false;
ALTER TABLE requests ADD CONSTRAINT requests_held_for_approval_check
  CHECK (status <> 'awaiting_approval' OR held_for_approval);

-- The referent's rules, in order (the first that catches a request and leaves an approver
-- besides the requester decides who approves it).
CREATE TABLE approval_rules (
  contract_id text NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
  scope text NOT NULL CHECK (scope IN ('billable', 'above_tokens', 'articles', 'all')),
  min_tokens integer CHECK (min_tokens IS NULL OR min_tokens >= 0),
  catalog_ids uuid[] NOT NULL DEFAULT '{}',
  article_ids uuid[] NOT NULL DEFAULT '{}',
  include_referent boolean NOT NULL,
  approver_ids uuid[] NOT NULL DEFAULT '{}',
  mode text NOT NULL CHECK (mode IN ('any', 'all')),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (contract_id, position)
);

-- One approval per held request: who approves it (resolved at confirmation) and how it ended.
CREATE TABLE request_approvals (
  request_id uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
  approver_ids uuid[] NOT NULL CHECK (cardinality(approver_ids) > 0),
  mode text NOT NULL CHECK (mode IN ('any', 'all')),
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'approved', 'refused', 'cancelled')),
  created_at timestamptz NOT NULL,
  settled_at timestamptz,
  CHECK ((state = 'pending') = (settled_at IS NULL))
);
-- « À approuver »: the pending approvals an approver is named in.
CREATE INDEX request_approvals_pending ON request_approvals USING gin (approver_ids)
  WHERE state = 'pending';

-- Each approver answers once (their substitute for them, `answered_by`).
CREATE TABLE request_approval_answers (
  request_id uuid NOT NULL REFERENCES request_approvals (request_id) ON DELETE CASCADE,
  approver_id uuid NOT NULL REFERENCES users (id),
  answered_by uuid NOT NULL REFERENCES users (id),
  decision text NOT NULL CHECK (decision IN ('approved', 'refused')),
  comment text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000),
  at timestamptz NOT NULL,
  PRIMARY KEY (request_id, approver_id),
  CHECK (decision = 'approved' OR comment IS NOT NULL)
);

-- An approver's substitute for a period, on one contract.
CREATE TABLE approval_substitutes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id text NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  approver_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  substitute_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (starts_at < ends_at),
  CHECK (approver_id <> substitute_id)
);
CREATE INDEX approval_substitutes_contract ON approval_substitutes (contract_id, approver_id);
CREATE INDEX approval_substitutes_substitute ON approval_substitutes (substitute_id);

-- The links of the approval mails: a random token (only its sha256 kept), for one approver
-- (or substitute), used once, expiring.
CREATE TABLE approval_links (
  token_hash text PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX approval_links_request ON approval_links (request_id);

-- An approved request reaching `submitted` is executed as a confirmed one is (decision 0032):
-- the trigger of migration 0026 now also starts on the approval's move.
CREATE OR REPLACE FUNCTION request_executions_after_request_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM article_version_executions) THEN RETURN NULL; END IF;
  WITH made AS (
    INSERT INTO request_executions (id, request_id, executor_id, state, requested_at, deadline_at)
    SELECT gen_random_uuid(), e.request_id, x.executor_id, 'requested', e.at,
      e.at + make_interval(mins => x.time_limit_minutes)
    FROM new_rows e
    JOIN requests r ON r.id = e.request_id
    JOIN article_version_executions x ON x.article_version_id = r.article_version_id
    JOIN webhook_subscriptions s ON s.id = x.executor_id AND s.kind = 'executor' AND s.is_enabled
    WHERE e.to_status = 'submitted'
      AND (e.kind = 'confirmed'
        OR (e.kind = 'status_changed' AND e.data ->> 'action' IN ('approve_free', 'approve_billable')))
    ORDER BY e.id
    ON CONFLICT (request_id) DO NOTHING
    RETURNING id, request_id, executor_id, requested_at, deadline_at
  )
  INSERT INTO webhook_outbox (source, contract_id, request_id, kind, data)
  SELECT 'execution', r.contract_id, made.request_id, 'execution_requested',
    jsonb_build_object('executionId', made.id, 'subscriptionId', made.executor_id,
      'at', made.requested_at, 'deadlineAt', made.deadline_at)
  FROM made JOIN requests r ON r.id = made.request_id;
  RETURN NULL;
END $$;

-- The held requests, to take from the provider's totals (few rows).
CREATE INDEX requests_held_for_approval ON requests (contract_id, status) WHERE held_for_approval;
