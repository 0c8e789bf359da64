-- Sign-in as enterprises expect (issue 21, decision 0029): sessions one can see and end, and
-- two-factor codes (TOTP, RFC 6238) with single-use recovery codes.

-- What « Mon compte » shows of each open session: the browser and system it was opened from
-- (a summary of its User-Agent, never the raw header) and the client address at login.
-- `last_seen_at` (0001) is now kept: moved forward at most once a minute per session.
ALTER TABLE sessions
  ADD COLUMN device text NOT NULL DEFAULT '',
  ADD COLUMN address text;

-- Moving `last_seen_at` must not tell every open page that the user's rights changed: only a
-- new perimeter does (0018 fired on any update of a session).
DROP TRIGGER live_events_sessions_update ON sessions;
CREATE FUNCTION live_events_after_session_perimeter() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  INSERT INTO live_events (kind, user_id)
  SELECT DISTINCT 'rights.changed', n.user_id
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE o.perimeter_customer_id IS DISTINCT FROM n.perimeter_customer_id;
  GET DIAGNOSTICS written = ROW_COUNT;
  IF written > 0 THEN PERFORM live_events_announce(); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER live_events_sessions_update AFTER UPDATE ON sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION live_events_after_session_perimeter();

-- A user's TOTP secret (base32, as the authenticator app holds it). Unconfirmed until the user
-- types a first code; `last_used_step` is the time step of the last accepted code, so that a
-- code (or an older one) is never accepted twice.
CREATE TABLE two_factor_secrets (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  last_used_step bigint
);

-- Ten single-use recovery codes per user, stored as SHA-256 hashes (they are random, 50 bits
-- and more: a slow hash adds nothing), shown once when made.
CREATE TABLE recovery_codes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  UNIQUE (user_id, code_hash)
);

-- A customer may require a second factor of all its users (set by the provider's admin).
ALTER TABLE customers ADD COLUMN requires_two_factor boolean NOT NULL DEFAULT false;

-- Between a right password and the code: a short-lived pending sign-in, in the database so that
-- any API process may take the code. `id` is the SHA-256 of the token the browser holds.
-- `step` is `code` (type a code) or `setup` (an admin without TOTP sets it up first).
CREATE TABLE pending_sign_ins (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  step text NOT NULL CHECK (step IN ('code', 'setup')),
  address text,
  device text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX pending_sign_ins_expires_at ON pending_sign_ins (expires_at);
