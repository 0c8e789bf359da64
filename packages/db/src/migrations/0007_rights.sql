-- Rights (issue 3): logins and contact details, authorised requesters, invitations, API tokens.

-- The login is chosen when a user is added (8–64 of A-Z a-z 0-9 . _ -); accounts made before
-- this migration have none. Unique whatever the case.
ALTER TABLE users
  ADD COLUMN login text CHECK (login ~ '^[A-Za-z0-9._-]{8,64}$'),
  ADD COLUMN first_name text,
  ADD COLUMN last_name text,
  ADD COLUMN phone text,
  -- Null while an invited user has not set a first password (they cannot log in until then);
  -- accounts made any other way are active from the start.
  ADD COLUMN activated_at timestamptz DEFAULT now();
UPDATE users SET activated_at = created_at;
CREATE UNIQUE INDEX users_login_lower ON users (lower(login));
CREATE INDEX users_display_name_trgm ON users USING gin (display_name gin_trgm_ops);

-- A contract may keep a list of authorised requesters: then only they confirm change requests.
ALTER TABLE contracts
  ADD COLUMN restricts_requesters boolean NOT NULL DEFAULT false;
CREATE INDEX contracts_referent_user_id ON contracts (referent_user_id);

CREATE TABLE contract_requesters (
  contract_id text NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, user_id)
);
CREATE INDEX contract_requesters_user_id ON contract_requesters (user_id);

-- Invitations set the first password through a single-use, expiring link. Only the sha256
-- of the link's token is kept: a stolen table opens nothing.
CREATE TABLE invitations (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- a newer invitation of the same user replaces this one
  revoked_at timestamptz
);
CREATE INDEX invitations_user_id ON invitations (user_id);

-- Personal API tokens: limited to chosen contracts of one customer and to at most the owner's
-- profile (checked again at each use against the owner's current grants). Stored hashed.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  -- the first characters, shown in lists so that users recognise their tokens
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id, created_at DESC);

CREATE TABLE api_token_grants (
  token_id uuid NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  contract_id text NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  section text NOT NULL CHECK (section IN ('requests', 'inventory', 'users', 'contracts')),
  profile text NOT NULL CHECK (profile IN ('viewer', 'manager')),
  PRIMARY KEY (token_id, contract_id, section)
);
