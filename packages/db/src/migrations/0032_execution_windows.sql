-- Execution windows (issue 20, part 4; decision 0037).
--
-- The provider's freeze and maintenance periods, scoped to an offer (the contracts' `offer`), a
-- region (the items' `region` attribute, else their site: Guichet has no region of its own), both
-- or neither (everywhere). Spans are half-open [starts_at, ends_at).
CREATE TABLE change_periods (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('freeze', 'maintenance')),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  offer text CHECK (length(offer) BETWEEN 1 AND 100),
  region text CHECK (length(region) BETWEEN 1 AND 100),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at)
);
CREATE INDEX change_periods_ends_at ON change_periods (ends_at);

-- A request's windows, beside the request (its hot statements stay as they are): the one the
-- customer asked (kept in drafts), and the one the agent planned with « Planifier ».
CREATE TABLE request_windows (
  request_id uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
  asked_starts_at timestamptz,
  asked_ends_at timestamptz,
  planned_starts_at timestamptz,
  planned_ends_at timestamptz,
  CHECK ((asked_starts_at IS NULL) = (asked_ends_at IS NULL)),
  CHECK ((planned_starts_at IS NULL) = (planned_ends_at IS NULL)),
  CHECK (asked_ends_at > asked_starts_at),
  CHECK (planned_ends_at > planned_starts_at)
);
