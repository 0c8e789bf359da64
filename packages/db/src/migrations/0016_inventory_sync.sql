-- Inventory sync (decision 0016): the provider's CMDB or cloud APIs push their items; a
-- `full` sync retires the items a contract's file no longer holds. A retired item stays (the
-- requests naming it still show it) but leaves the item picker; a later sync brings it back.
ALTER TABLE assets ADD COLUMN retired_at timestamptz;

-- The picker reads a small contract's items whole from this covering index: partial now, so
-- that retired items cost nothing and the read stays index-only.
DROP INDEX assets_contract_reference_label;
CREATE INDEX assets_contract_reference_label ON assets (contract_id, reference, id)
  INCLUDE (label, type) WHERE retired_at IS NULL;

-- Nothing searches labels across every contract (the picker's large contracts go through
-- assets_contract_search, which holds the contract and the label's trigrams): this index only
-- cost every write of an item, a third of a bulk sync's index work.
DROP INDEX assets_label_trgm;

-- What the `attributes` of each item type must look like: a JSON Schema (draft 2020-12
-- subset, checked with Ajv), one row a type. A line of another type is refused.
CREATE TABLE asset_types (
  type text PRIMARY KEY CHECK (type ~ '^[a-z][a-z0-9_]{0,49}$'),
  attributes_schema jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO asset_types (type, attributes_schema) VALUES
('fe_tenant', '{
  "type": "object",
  "required": ["region", "project", "quotas"],
  "properties": {
    "region": { "type": "string", "minLength": 1, "maxLength": 50 },
    "project": { "type": "string", "minLength": 1, "maxLength": 200 },
    "quotas": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "instances": { "type": "integer", "minimum": 0 },
        "vcpus": { "type": "integer", "minimum": 0 },
        "ram_mib": { "type": "integer", "minimum": 0 },
        "floating_ips": { "type": "integer", "minimum": 0 },
        "security_groups": { "type": "integer", "minimum": 0 },
        "security_group_rules": { "type": "integer", "minimum": 0 },
        "key_pairs": { "type": "integer", "minimum": 0 },
        "server_groups": { "type": "integer", "minimum": 0 }
      }
    }
  }
}'),
('rds_licence_pool', '{
  "type": "object",
  "required": ["licencesHeld"],
  "properties": { "licencesHeld": { "type": "integer", "minimum": 0 } }
}'),
('gin_access', '{
  "type": "object",
  "required": ["bandwidthMbps"],
  "properties": { "bandwidthMbps": { "type": "integer", "minimum": 1 } }
}');

-- One row a run, also when it was rejected or a dry run; `errors` keeps the first 100.
CREATE TABLE inventory_sync_runs (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  source text NOT NULL CHECK (source IN ('api', 'cli', 'upload')),
  mode text NOT NULL CHECK (mode IN ('upsert', 'full')),
  is_dry_run boolean NOT NULL,
  is_strict boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'dry_run', 'rejected')),
  lines integer NOT NULL,
  created integer NOT NULL,
  updated integer NOT NULL,
  unchanged integer NOT NULL,
  retired integer NOT NULL,
  rejected integer NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  duration_ms integer NOT NULL
);
CREATE INDEX inventory_sync_runs_started ON inventory_sync_runs (started_at DESC, id DESC);
