-- Standard changes executed automatically, "apply, then prove" (issue 17, decision 0032).
--
-- An executor is a webhook subscription of kind `executor` (the provider's: no contract): it
-- is sent the executions routed to it, and only those.
ALTER TABLE webhook_subscriptions
  ADD COLUMN kind text NOT NULL DEFAULT 'events' CHECK (kind IN ('events', 'executor'));
ALTER TABLE webhook_subscriptions
  ADD CONSTRAINT webhook_subscriptions_executor_provider CHECK (kind = 'events' OR contract_id IS NULL);

-- An article version marked `execution: automatic`: its executor and time limit. Beside the
-- version rather than in it: a published version's form never changes, its routing may
-- (an executor replaced, a limit changed, automation switched off), and a request keeps
-- what was routed when it was confirmed (request_executions below).
CREATE TABLE article_version_executions (
  article_version_id uuid PRIMARY KEY REFERENCES article_versions (id),
  executor_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  time_limit_minutes integer NOT NULL CHECK (time_limit_minutes BETWEEN 1 AND 10080),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX article_version_executions_executor ON article_version_executions (executor_id);

-- One execution per request: requested at its confirmation, answered by its executor
-- (started, then succeeded with the values before and after, or failed with a reason), or
-- timed out by the job past `deadline_at`.
CREATE TABLE request_executions (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL UNIQUE REFERENCES requests (id) ON DELETE CASCADE,
  executor_id uuid REFERENCES webhook_subscriptions (id) ON DELETE SET NULL,
  state text NOT NULL CHECK (state IN ('requested', 'started', 'succeeded', 'failed', 'timed_out')),
  requested_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  -- [{ key, label?, before, after }] as the executor reported them (succeeded)
  changes jsonb,
  -- the executor's reason (failed) or the timeout's
  reason text,
  answered_by uuid REFERENCES users (id),
  CHECK ((state IN ('requested', 'started')) = (finished_at IS NULL))
);
CREATE INDEX request_executions_open ON request_executions (deadline_at)
  WHERE state IN ('requested', 'started');

ALTER TABLE webhook_outbox DROP CONSTRAINT webhook_outbox_source_check;
ALTER TABLE webhook_outbox
  ADD CONSTRAINT webhook_outbox_source_check
  CHECK (source IN ('request_event', 'comment', 'inventory', 'execution'));

-- In the confirmation's own statement (decision 0010: no service has to remember, nothing
-- rolled back is executed): a request of an automatic article confirmed to `submitted` (free,
-- or billable and acknowledged; a quote goes to `quote_pending` and a person) gets its
-- execution, and the webhook dispatcher a fact addressed to its executor. Nothing to pay
-- while no version is automatic.
CREATE FUNCTION request_executions_after_request_events() RETURNS trigger LANGUAGE plpgsql AS $$
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
    WHERE e.kind = 'confirmed' AND e.to_status = 'submitted'
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

CREATE TRIGGER request_executions_request_events AFTER INSERT ON request_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION request_executions_after_request_events();
