-- OpenID Connect single sign-on (issue 21, decision 0030): a customer's connection to its own
-- identity provider, the sign-in flows under way, the identities linked to users, and which
-- connection opened a session (for the provider's logout).

-- One connection per customer, set by the provider's admin. `client_secret` is sealed as the
-- webhooks' secrets are (`v1:` AES-256-GCM with WEBHOOKS_SECRET_KEY, or `plain:` without it).
-- `is_required`: the customer's users may not sign in with a password.
CREATE TABLE customer_sso_connections (
  customer_id uuid PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret text NOT NULL,
  display_name text NOT NULL,
  email_claim text NOT NULL DEFAULT 'email',
  is_required boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The e-mail domains a connection accepts, each owned by one customer at most, so that typing
-- an e-mail on the login page finds one connection (domain discovery).
CREATE TABLE customer_sso_domains (
  domain text PRIMARY KEY CHECK (domain = lower(domain)),
  customer_id uuid NOT NULL REFERENCES customer_sso_connections (customer_id) ON DELETE CASCADE
);
CREATE INDEX customer_sso_domains_customer_id ON customer_sso_domains (customer_id);

-- A sign-in sent to an identity provider and not back yet: `id` is the SHA-256 of `state`;
-- `browser_hash` the SHA-256 of the cookie the starting browser holds (the answer must come
-- back to the same browser). Taken once (DELETE … RETURNING), expiring after 10 minutes.
-- `connection` is a customer's id or `operators` (configured by environment variables).
CREATE TABLE sso_flows (
  id text PRIMARY KEY,
  connection text NOT NULL,
  browser_hash text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_flows_expires_at ON sso_flows (expires_at);

-- An identity at a provider (issuer, subject) linked to a user at its first sign-in, by the
-- verified e-mail; later sign-ins find the user by it. Never creates a user.
CREATE TABLE sso_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  connection text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_user_id ON sso_identities (user_id);

-- A session opened by single sign-on: which connection, and the ID token (the hint the
-- provider's end_session_endpoint asks for at logout).
ALTER TABLE sessions
  ADD COLUMN sso_connection text,
  ADD COLUMN sso_id_token text;
