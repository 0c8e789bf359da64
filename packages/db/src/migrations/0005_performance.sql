-- Search and lists at a million rows (bench/, docs/performance.md).

-- The item picker reads a small contract's items whole from this index, without touching
-- the table (label and type are carried along): a few thousand entries at most.
CREATE INDEX assets_contract_reference_label ON assets (contract_id, reference, id)
  INCLUDE (label, type);

-- A large contract is searched through a GIN index on (contract_id, trigrams), which
-- intersects the contract with the typed text inside the index; the trigram-only indexes of
-- 0001 matched the text across every contract first.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX assets_contract_search ON assets
  USING gin (contract_id, reference gin_trgm_ops, label gin_trgm_ops);

-- The request list shows each user their own drafts: counted and paged from this small
-- index instead of reading every draft of the contract to check its author.
CREATE INDEX requests_author_drafts ON requests (author_id, contract_id, issued_at DESC, id DESC)
  WHERE status = 'draft';
