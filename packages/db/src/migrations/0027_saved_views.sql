-- Saved views of the request lists (issue 17 part 4, decision 0033): a named set of a list's
-- URL parameters (filters and sort), its owner's, or shared. A customer's view (`requests`)
-- belongs to the perimeter it was made in and may be shared with the users who read one
-- contract's requests; an operator's (`queue`) may be shared with every operator.
CREATE TABLE saved_views (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  surface text NOT NULL CHECK (surface IN ('requests', 'queue')),
  customer_id uuid REFERENCES customers (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  params jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
  shared_contract_id text REFERENCES contracts (id) ON DELETE SET NULL,
  is_shared boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- a customer's view lives in a perimeter and is shared by contract; an operator's has neither
  CHECK ((surface = 'requests') = (customer_id IS NOT NULL)),
  CHECK (surface = 'requests' OR shared_contract_id IS NULL),
  CHECK (surface = 'queue' OR NOT is_shared)
);

-- One name per owner and list (and perimeter): picking from the menu is by name.
CREATE UNIQUE INDEX saved_views_owner_name
  ON saved_views (owner_id, surface, coalesce(customer_id, '00000000-0000-0000-0000-000000000000'), name);
-- The views shared with a contract's readers, and with operators.
CREATE INDEX saved_views_shared_contract ON saved_views (shared_contract_id)
  WHERE shared_contract_id IS NOT NULL;
CREATE INDEX saved_views_shared_queue ON saved_views (surface) WHERE is_shared;
