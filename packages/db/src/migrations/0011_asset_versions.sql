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

CREATE FUNCTION asset_versions_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_versions_bump(array(SELECT contract_id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION asset_versions_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_versions_bump(
    array(SELECT contract_id FROM old_rows UNION SELECT contract_id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION asset_versions_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_versions_bump(array(SELECT contract_id FROM old_rows));
  RETURN NULL;
END $$;

-- TRUNCATE has no transition table: every contract moves on.
CREATE FUNCTION asset_versions_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_versions_bump(array(SELECT id FROM contracts));
  RETURN NULL;
END $$;

CREATE TRIGGER asset_versions_insert AFTER INSERT ON assets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION asset_versions_after_insert();
CREATE TRIGGER asset_versions_update AFTER UPDATE ON assets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION asset_versions_after_update();
CREATE TRIGGER asset_versions_delete AFTER DELETE ON assets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION asset_versions_after_delete();
CREATE TRIGGER asset_versions_truncate AFTER TRUNCATE ON assets
  FOR EACH STATEMENT EXECUTE FUNCTION asset_versions_after_truncate();
