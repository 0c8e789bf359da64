-- Live updates (issue 15, decision 0018). What every open page must hear of is written here by
-- statement-level triggers on the tables the writes already touch, in the transaction that
-- makes the change: no service has to remember to publish, and nothing that rolls back is
-- announced (NOTIFY is delivered at commit). Each row says who may hear of it:
--   contract_id  the customers whose grants cover that contract (and the operators);
--   user_id      that user only (a draft's author, a notification's recipient);
--   is_internal  operators only (internal comments, assignments).
-- Its id is the stream's event id (`Last-Event-ID`); rows are pruned after a day.
CREATE TABLE live_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- The writing transaction: its one NOTIFY carries this, and the listeners read its rows by it.
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  kind text NOT NULL CHECK (kind IN ('request.changed', 'requests.changed', 'comment.added',
    'quote.sent', 'notification.created', 'queue.changed', 'inventory.changed',
    'rights.changed')),
  contract_id text,
  user_id uuid,
  is_internal boolean NOT NULL DEFAULT false,
  actor_id uuid,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX live_events_tx ON live_events (tx);
CREATE INDEX live_events_at ON live_events (at);

-- Payload: the transaction id. PostgreSQL folds identical notifications of one transaction
-- into one, so a transaction of many statements wakes each listener once.
CREATE FUNCTION live_events_announce() RETURNS void LANGUAGE sql AS $$
  SELECT pg_notify('guichet_live', pg_current_xact_id()::text)
$$;

-- A request's history grows with every move, draft edit, assignment and confirmation: one event per
-- request of the statement (a confirmation writes two history rows, one event), with the
-- request's state after the statement. An internal history row (an assignment) is the
-- operators' `queue.changed`. A statement over many requests (bulk loads) says only which
-- contracts' lists to read again.
CREATE FUNCTION live_events_after_request_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  IF (SELECT count(DISTINCT request_id) FROM new_rows) > 100 THEN
    INSERT INTO live_events (kind, contract_id, data)
    SELECT 'requests.changed', r.contract_id, jsonb_build_object('contractId', r.contract_id)
    FROM (SELECT DISTINCT request_id FROM new_rows) e JOIN requests r ON r.id = e.request_id
    GROUP BY r.contract_id;
    GET DIAGNOSTICS written = ROW_COUNT;
  ELSE
    INSERT INTO live_events (kind, contract_id, user_id, is_internal, actor_id, data)
    SELECT CASE WHEN e.internal THEN 'queue.changed' ELSE 'request.changed' END,
      r.contract_id, CASE WHEN r.status = 'draft' THEN r.author_id END, e.internal, e.actor_id,
      jsonb_build_object('id', r.id, 'number', r.number, 'status', r.status,
        'version', r.version)
    FROM (
      SELECT DISTINCT ON (request_id, internal) request_id, actor_id, internal
      FROM (SELECT id, request_id, actor_id,
                   coalesce((data ->> 'internal')::boolean, false) AS internal
            FROM new_rows) h
      ORDER BY request_id, internal, id DESC
    ) e
    JOIN requests r ON r.id = e.request_id;
    GET DIAGNOSTICS written = ROW_COUNT;
  END IF;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION live_events_after_comments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  INSERT INTO live_events (kind, contract_id, user_id, is_internal, actor_id, data)
  SELECT 'comment.added', r.contract_id, CASE WHEN r.status = 'draft' THEN r.author_id END,
    c.is_internal, c.author_id,
    jsonb_build_object('requestId', r.id, 'number', r.number, 'commentId', c.id)
  FROM new_rows c JOIN requests r ON r.id = c.request_id;
  GET DIAGNOSTICS written = ROW_COUNT;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION live_events_after_quotes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  INSERT INTO live_events (kind, contract_id, actor_id, data)
  SELECT 'quote.sent', r.contract_id, q.created_by,
    jsonb_build_object('requestId', r.id, 'number', r.number, 'quoteId', q.id,
      'version', q.version)
  FROM new_rows q JOIN requests r ON r.id = q.request_id
  WHERE q.status = 'sent';
  GET DIAGNOSTICS written = ROW_COUNT;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION live_events_after_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  INSERT INTO live_events (kind, user_id, data)
  SELECT 'notification.created', n.user_id,
    jsonb_build_object('id', n.id, 'requestId', n.request_id, 'kind', n.kind)
  FROM new_rows n;
  GET DIAGNOSTICS written = ROW_COUNT;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;

-- Every statement that writes items bumps their contracts' row in asset_versions (migration
-- 0011): the inventory sync and any later writer of items are heard of without more code.
CREATE FUNCTION live_events_after_asset_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  INSERT INTO live_events (kind, contract_id, data)
  SELECT 'inventory.changed', v.contract_id, jsonb_build_object('contractId', v.contract_id)
  FROM new_rows v;
  GET DIAGNOSTICS written = ROW_COUNT;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;

-- A user's grants or a session's perimeter changed: that user's streams take their rights
-- again at once (their heartbeat only checks that sessions and tokens are still valid), and
-- their pages read again what they show.
CREATE FUNCTION live_events_after_rights() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_events (kind, user_id)
    SELECT DISTINCT 'rights.changed', user_id FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO live_events (kind, user_id)
    SELECT 'rights.changed', user_id FROM old_rows UNION SELECT 'rights.changed', user_id FROM new_rows;
  ELSE
    INSERT INTO live_events (kind, user_id)
    SELECT DISTINCT 'rights.changed', user_id FROM old_rows;
  END IF;
  GET DIAGNOSTICS written = ROW_COUNT;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER live_events_request_events AFTER INSERT ON request_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_request_events();
CREATE TRIGGER live_events_comments AFTER INSERT ON comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_comments();
CREATE TRIGGER live_events_quotes AFTER INSERT ON quotes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_quotes();
CREATE TRIGGER live_events_notifications AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_notifications();
CREATE TRIGGER live_events_asset_versions_insert AFTER INSERT ON asset_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_asset_versions();
CREATE TRIGGER live_events_asset_versions_update AFTER UPDATE ON asset_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_asset_versions();
CREATE TRIGGER live_events_grants_insert AFTER INSERT ON grants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_rights();
CREATE TRIGGER live_events_grants_update AFTER UPDATE ON grants
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_rights();
CREATE TRIGGER live_events_grants_delete AFTER DELETE ON grants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_rights();
CREATE TRIGGER live_events_sessions_update AFTER UPDATE ON sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_rights();
