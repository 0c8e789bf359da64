-- Security events (logins, rights, tokens…) with who, when, from where and what. Changes of
-- requests are in request_events; the deletion of a draft (which takes its events with it)
-- is recorded here.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_email text,
  kind text NOT NULL,
  target_type text,
  target_id text,
  ip text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_kind_at ON audit_events (kind, at DESC);
CREATE INDEX audit_events_actor_at ON audit_events (actor_id, at DESC);
