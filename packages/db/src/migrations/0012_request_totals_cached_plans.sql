-- The request totals' triggers (migration 0010) passed their changes as jsonb to an SQL
-- function, and PostgreSQL (before 18) plans an SQL function's body again at every call:
-- under the confirm benchmark, those triggers were about a tenth of PostgreSQL's time
-- (issue 6's profiles: fmgr_sql, the parser). Each trigger now runs its upsert itself, a
-- PL/pgSQL statement whose plan the session keeps. Same totals, same lock order (rows in
-- key order), same statement-level shape.
CREATE OR REPLACE FUNCTION request_totals_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO request_totals AS total (contract_id, status, n)
  SELECT contract_id, status, count(*) FROM new_rows
  WHERE status <> 'draft'
  GROUP BY contract_id, status
  ORDER BY contract_id, status
  ON CONFLICT (contract_id, status) DO UPDATE SET n = total.n + excluded.n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION request_totals_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO request_totals AS total (contract_id, status, n)
  SELECT contract_id, status, sum(delta) FROM (
    SELECT contract_id, status, -1 AS delta FROM old_rows
    UNION ALL
    SELECT contract_id, status, 1 FROM new_rows
  ) moves
  WHERE status <> 'draft'
  GROUP BY contract_id, status
  HAVING sum(delta) <> 0
  ORDER BY contract_id, status
  ON CONFLICT (contract_id, status) DO UPDATE SET n = total.n + excluded.n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION request_totals_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO request_totals AS total (contract_id, status, n)
  SELECT contract_id, status, -count(*) FROM old_rows
  WHERE status <> 'draft'
  GROUP BY contract_id, status
  ORDER BY contract_id, status
  ON CONFLICT (contract_id, status) DO UPDATE SET n = total.n + excluded.n;
  RETURN NULL;
END $$;

DROP FUNCTION request_totals_add(jsonb);
