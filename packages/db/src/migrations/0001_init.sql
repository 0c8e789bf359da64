-- Guichet's first schema: customers, contracts, users and grants, inventory, catalogs,
-- change requests with their history, and the counters that must stay exact.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  kind text NOT NULL CHECK (kind IN ('customer', 'operator')),
  operator_role text CHECK (operator_role IN ('agent', 'catalog_manager', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'operator') = (operator_role IS NOT NULL))
);

CREATE TABLE contracts (
  id text PRIMARY KEY CHECK (id ~ '^[A-Z]{3}[0-9]{7}$'),
  customer_id uuid NOT NULL REFERENCES customers (id),
  offer text NOT NULL,
  support_level text NOT NULL CHECK (support_level IN ('Standard', 'Bronze', 'Silver', 'Gold')),
  free_changes_per_month integer NOT NULL CHECK (free_changes_per_month >= 0),
  token_price_eur numeric(10, 2) NOT NULL CHECK (token_price_eur >= 0),
  time_zone text NOT NULL DEFAULT 'Europe/Paris',
  referent_user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contracts_customer_id ON contracts (customer_id);

CREATE TABLE grants (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  contract_id text NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  section text NOT NULL CHECK (section IN ('requests', 'inventory', 'users', 'contracts')),
  profile text NOT NULL CHECK (profile IN ('viewer', 'manager')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, contract_id, section)
);
CREATE INDEX grants_contract_id ON grants (contract_id);

CREATE TABLE sessions (
  id text PRIMARY KEY, -- sha256 of the cookie's token: a stolen table opens no session
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  perimeter_customer_id uuid REFERENCES customers (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE assets (
  id uuid PRIMARY KEY,
  contract_id text NOT NULL REFERENCES contracts (id),
  reference text NOT NULL,
  label text NOT NULL,
  type text NOT NULL,
  site text,
  solution text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, reference)
);
CREATE INDEX assets_contract_type ON assets (contract_id, type, reference);
CREATE INDEX assets_reference_trgm ON assets USING gin (reference gin_trgm_ops);
CREATE INDEX assets_label_trgm ON assets USING gin (label gin_trgm_ops);

CREATE TABLE catalogs (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  help_fr text,
  help_en text,
  asset_types text[] NOT NULL,
  offers text[] NOT NULL,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
  id uuid PRIMARY KEY,
  catalog_id uuid NOT NULL REFERENCES catalogs (id),
  code text NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  help_fr text,
  help_en text,
  position integer NOT NULL DEFAULT 0,
  UNIQUE (catalog_id, code)
);

CREATE TABLE articles (
  id uuid PRIMARY KEY,
  catalog_id uuid NOT NULL REFERENCES catalogs (id),
  category_id uuid REFERENCES categories (id),
  code text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  current_version_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (catalog_id, code)
);

-- Published versions never change: a request keeps the one it was filled with.
CREATE TABLE article_versions (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES articles (id),
  version integer NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  help_fr text,
  help_en text,
  billing_mode text NOT NULL CHECK (billing_mode IN ('included', 'counted', 'quote')),
  price_tokens integer NOT NULL CHECK (price_tokens >= 0),
  form jsonb NOT NULL,
  json_schema jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (article_id, version)
);
ALTER TABLE articles
  ADD CONSTRAINT articles_current_version_fk FOREIGN KEY (current_version_id) REFERENCES article_versions (id);

CREATE TABLE requests (
  id uuid PRIMARY KEY,
  number text UNIQUE,
  request_type text NOT NULL DEFAULT 'change' CHECK (request_type IN ('change', 'incident', 'order')),
  contract_id text NOT NULL REFERENCES contracts (id),
  asset_id uuid REFERENCES assets (id),
  catalog_id uuid REFERENCES catalogs (id),
  article_id uuid REFERENCES articles (id),
  article_version_id uuid REFERENCES article_versions (id),
  values jsonb NOT NULL DEFAULT '{}',
  customer_reference text,
  comment text,
  outside_business_hours boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'quote_pending',
    'quote_sent', 'in_progress', 'done', 'rejected', 'cancelled')),
  billing jsonb,
  billing_month date,
  author_id uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  -- the date the list sorts by: submission for confirmed requests, creation for drafts
  issued_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'draft') = (number IS NULL)),
  CHECK (status = 'draft' OR (asset_id IS NOT NULL AND article_version_id IS NOT NULL AND billing IS NOT NULL))
);
CREATE INDEX requests_contract_issued ON requests (contract_id, issued_at DESC, id DESC);
CREATE INDEX requests_contract_status_issued ON requests (contract_id, status, issued_at DESC, id DESC);
CREATE INDEX requests_asset_status ON requests (asset_id, status);
CREATE INDEX requests_author ON requests (author_id);
CREATE INDEX requests_customer_reference_trgm ON requests USING gin (customer_reference gin_trgm_ops);

CREATE TABLE request_events (
  id bigserial PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),
  kind text NOT NULL,
  from_status text,
  to_status text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX request_events_request ON request_events (request_id, id);

-- Free changes used per contract and calendar month; the row lock makes counting exact.
CREATE TABLE free_change_usage (
  contract_id text NOT NULL REFERENCES contracts (id),
  month date NOT NULL,
  used integer NOT NULL CHECK (used >= 0),
  PRIMARY KEY (contract_id, month)
);

-- Gapless request numbers per year: the counter row is taken inside the confirm transaction.
CREATE TABLE request_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL
);
