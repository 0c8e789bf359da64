-- The item picker keeps large contracts' items in the API process (decision 0011). Each
-- search checks, in the statement that reads its page, that the contract's items have not
-- changed since they were loaded: every statement that writes items bumps their contract's
-- version here (statement-level triggers, one upsert per statement, rows locked in key
-- order). A contract without a row is at version 0.
CREATE TABLE asset_versions (
  contract_id text PRIMARY KEY REFERENCES contracts (id) ON DELETE CASCADE,
  version bigint NOT NULL
);

CREATE FUNCTION asset_versions_bump(contract_ids text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO asset_versions AS current (contract_id, version)
  SELECT DISTINCT id, 1 FROM unnest(contract_ids) AS id ORDER BY id
  ON CONFLICT (contract_id) DO UPDATE SET version = current.version + 1
$$;

-- One function for the four triggers: each branch reads only the transition tables its
-- trigger has (TRUNCATE has none: every contract moves on).
CREATE FUNCTION asset_versions_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM asset_versions_bump(array(SELECT contract_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM asset_versions_bump(
      array(SELECT contract_id FROM old_rows UNION SELECT contract_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM asset_versions_bump(array(SELECT contract_id FROM old_rows));
  ELSE
    PERFORM asset_versions_bump(array(SELECT id FROM contracts));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER asset_versions_insert AFTER INSERT ON assets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION asset_versions_after_write();
CREATE TRIGGER asset_versions_update AFTER UPDATE ON assets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION asset_versions_after_write();
CREATE TRIGGER asset_versions_delete AFTER DELETE ON assets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION asset_versions_after_write();
CREATE TRIGGER asset_versions_truncate AFTER TRUNCATE ON assets
  FOR EACH STATEMENT EXECUTE FUNCTION asset_versions_after_write();
