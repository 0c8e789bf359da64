-- Catalog authoring (issue 5): catalog managers shape catalogs, categories and articles in the
-- back-office; an article's definition is edited as a draft and published as an immutable
-- version; a catalog may apply to chosen contracts besides whole offers.

-- A catalog applies to a contract whose offer is in `offers` or whose id is in `contract_ids`.
ALTER TABLE catalogs
  ADD COLUMN contract_ids text[] NOT NULL DEFAULT '{}',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The definition being edited (names, help, billing mode, price, form): null when the article
-- has no unpublished change. `draft_revision` guards against two managers overwriting each other.
ALTER TABLE articles
  ADD COLUMN draft jsonb,
  ADD COLUMN draft_revision integer NOT NULL DEFAULT 1,
  ADD COLUMN draft_updated_at timestamptz,
  ADD COLUMN draft_updated_by uuid REFERENCES users (id);

ALTER TABLE article_versions
  ADD COLUMN published_by uuid REFERENCES users (id);

-- Published versions never change, whatever the code does: requests render with theirs.
CREATE FUNCTION article_versions_are_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'article version % is published: it never changes', OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER article_versions_immutable
  BEFORE UPDATE OR DELETE ON article_versions
  FOR EACH ROW EXECUTE FUNCTION article_versions_are_immutable();
