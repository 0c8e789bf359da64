-- Outbound webhooks (issue 17, decision 0028).
--
-- A subscription sends chosen events to a URL: the provider's (contract_id null) hear of every
-- contract, a customer's of one contract. Its signing secret is kept so that it can sign
-- (encrypted with WEBHOOKS_SECRET_KEY when it is set: `v1:` + iv, tag and cipher text; `plain:`
-- otherwise); after a rotation the previous one still signs until `previous_secret_expires_at`.
CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY,
  contract_id text REFERENCES contracts (id) ON DELETE CASCADE,
  -- who is mailed when the subscription is disabled for failing
  owner_id uuid NOT NULL REFERENCES users (id),
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
  is_enabled boolean NOT NULL DEFAULT true,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  -- the first failed attempt since the last success (three days of it disables)
  failing_since timestamptz,
  disabled_at timestamptz,
  disabled_reason text CHECK (disabled_reason IN ('failing', 'by_hand')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
);
CREATE INDEX webhook_subscriptions_contract ON webhook_subscriptions (contract_id);

-- What happened, written by triggers in the transaction that made it happen (as live_events,
-- decision 0018: no service has to remember, nothing rolled back is sent), only while some
-- subscription is enabled. One dispatcher at a time turns these rows into messages and
-- deliveries, in id order, and deletes them. A request's rows are written under its row lock:
-- their ids follow its commits.
CREATE TABLE webhook_outbox (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL CHECK (source IN ('request_event', 'comment', 'inventory')),
  contract_id text NOT NULL,
  request_id uuid,
  -- request_events.kind, or 'comment_added' / 'inventory_changed'
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);

-- One event of one type, with its payload as sent (the same bytes on every attempt and replay).
CREATE TABLE webhook_messages (
  -- `msg_` + 26 characters: the `webhook-id` header
  id text PRIMARY KEY,
  type text NOT NULL,
  contract_id text NOT NULL,
  request_id uuid,
  -- what must arrive in order: the request's id, or `inventory:<contract>`
  ordering_key text NOT NULL,
  -- only the provider's subscriptions hear of it (internal comments)
  is_internal boolean NOT NULL DEFAULT false,
  payload text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX webhook_messages_contract ON webhook_messages (contract_id, created_at DESC);

-- A message for a subscription. A subscription's deliveries of one ordering key go out one
-- after the other, by id; a pending one waits while an earlier one is pending.
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  message_id text NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
  ordering_key text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  is_replay boolean NOT NULL DEFAULT false,
  -- made by the API (a replay, a subscription enabled again): the next dispatch gives it a job
  needs_job boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX webhook_deliveries_stream ON webhook_deliveries (subscription_id, ordering_key, id)
  WHERE state = 'pending';
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_needs_job ON webhook_deliveries (id) WHERE needs_job;
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id DESC);

-- Every attempt: the answer's status (null: no answer), how long it took, its first bytes.
CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  status_code integer,
  duration_ms integer NOT NULL,
  response_excerpt text NOT NULL DEFAULT '',
  error text,
  is_success boolean NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id DESC);

CREATE FUNCTION webhook_outbox_after_request_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE is_enabled) THEN RETURN NULL; END IF;
  INSERT INTO webhook_outbox (source, contract_id, request_id, kind, data)
  SELECT 'request_event', r.contract_id, e.request_id, e.kind,
    jsonb_build_object('fromStatus', e.from_status, 'toStatus', e.to_status,
      'action', e.data ->> 'action', 'quoteId', e.data ->> 'quoteId', 'at', e.at)
  FROM new_rows e JOIN requests r ON r.id = e.request_id
  WHERE e.kind IN ('confirmed', 'status_changed', 'quote_sent')
  ORDER BY e.id;
  RETURN NULL;
END $$;

CREATE FUNCTION webhook_outbox_after_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE is_enabled) THEN RETURN NULL; END IF;
  INSERT INTO webhook_outbox (source, contract_id, request_id, kind, data)
  SELECT 'comment', r.contract_id, c.request_id, 'comment_added',
    jsonb_build_object('commentId', c.id, 'isInternal', c.is_internal, 'at', c.created_at)
  FROM new_rows c JOIN requests r ON r.id = c.request_id
  WHERE r.status <> 'draft'
  ORDER BY c.created_at, c.id;
  RETURN NULL;
END $$;

-- Every statement that writes items bumps asset_versions (migration 0011): the inventory sync.
CREATE FUNCTION webhook_outbox_after_asset_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE is_enabled) THEN RETURN NULL; END IF;
  INSERT INTO webhook_outbox (source, contract_id, kind, data)
  SELECT 'inventory', v.contract_id, 'inventory_changed', jsonb_build_object('version', v.version)
  FROM new_rows v
  ORDER BY v.contract_id;
  RETURN NULL;
END $$;

CREATE TRIGGER webhook_outbox_request_events AFTER INSERT ON request_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION webhook_outbox_after_request_events();
CREATE TRIGGER webhook_outbox_comments AFTER INSERT ON comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION webhook_outbox_after_comments();
CREATE TRIGGER webhook_outbox_asset_versions_insert AFTER INSERT ON asset_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION webhook_outbox_after_asset_versions();
CREATE TRIGGER webhook_outbox_asset_versions_update AFTER UPDATE ON asset_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION webhook_outbox_after_asset_versions();
