-- Service accounts (issue 17, part 1; decision 0031): machine users, distinct from people.
-- A service account is a row of `users` (so that requests, events and the audit keep an
-- author, and back-office routes see an operator with a role) marked `is_service_account`:
-- it has no password (the hash matches none), no login, an address under `.invalid` that no
-- mail reaches, and the lists of people leave it out.
ALTER TABLE users ADD COLUMN is_service_account boolean NOT NULL DEFAULT false;

-- Who made it and for whom: `customer_id` null is the provider's (an operator with a role);
-- otherwise a customer's, limited to `service_account_grants` and, at each use, to what its
-- creator holds at that instant.
CREATE TABLE service_accounts (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  customer_id uuid REFERENCES customers (id),
  description text NOT NULL DEFAULT '',
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX service_accounts_by_customer ON service_accounts (customer_id, created_at DESC);
CREATE INDEX service_accounts_by_creator ON service_accounts (created_by);

CREATE TABLE service_account_grants (
  user_id uuid NOT NULL REFERENCES service_accounts (user_id) ON DELETE CASCADE,
  contract_id text NOT NULL REFERENCES contracts (id),
  section text NOT NULL CHECK (section IN ('requests', 'inventory', 'users', 'contracts')),
  profile text NOT NULL CHECK (profile IN ('viewer', 'manager')),
  PRIMARY KEY (user_id, contract_id, section)
);

-- Rotation: the new token names the one it replaces; the old one's `expires_at` is brought
-- forward to the end of the overlap, so the one look-up that checks every token stops it then.
ALTER TABLE api_tokens ADD COLUMN replaces_id uuid REFERENCES api_tokens (id);
