import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { TestDatabase } from '../../../test/test-database.ts';
import { requestTotalsDrift } from './request-totals-drift.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('request_totals triggers', () => {
  const db = () => database.db;
  const copies = () =>
    sql<{ n: string }>`SELECT count(*)::text AS n FROM requests WHERE comment = 'totals-test'`
      .execute(db())
      .then(({ rows }) => Number(rows[0]?.n));

  it('keeps the totals equal to a count of the requests through multi-row writes', async () => {
    expect(await requestTotalsDrift(db())).toEqual([]);
    // Twelve copies of each seeded request with an item, spread over two contracts and
    // several statuses, drafts included: one statement.
    await sql`
      INSERT INTO requests
      SELECT gen_random_uuid(),
        CASE WHEN s.status = 'draft' THEN NULL ELSE 'T-' || g || '-' || r.id END,
        request_type, CASE WHEN g % 3 = 0 THEN 'OCB0005122' ELSE 'OCB0005121' END, asset_id,
        catalog_id, article_id, article_version_id, "values", customer_reference,
        'totals-test', outside_business_hours, s.status, coalesce(billing, '{}'::jsonb),
        billing_month, author_id, version, created_at, updated_at, submitted_at, issued_at,
        assignee_id
      FROM requests r, generate_series(1, 12) g,
        LATERAL (SELECT (ARRAY['draft', 'submitted', 'in_progress', 'done'])[g % 4 + 1] AS status) s
      WHERE r.asset_id IS NOT NULL AND r.article_version_id IS NOT NULL`.execute(db());
    expect(await copies()).toBeGreaterThanOrEqual(12);
    expect(await requestTotalsDrift(db())).toEqual([]);

    // Status moves (both ways across 'draft') and a contract move, in one statement each.
    await sql`
      UPDATE requests SET status = CASE status WHEN 'submitted' THEN 'in_progress'
                                               WHEN 'in_progress' THEN 'done' ELSE status END
      WHERE comment = 'totals-test'`.execute(db());
    expect(await requestTotalsDrift(db())).toEqual([]);
    await sql`
      UPDATE requests SET contract_id = 'OCB0005122'
      WHERE comment = 'totals-test' AND contract_id = 'OCB0005121'`.execute(db());
    expect(await requestTotalsDrift(db())).toEqual([]);
    // An update that moves nothing leaves every total as it was.
    const before = await sql`SELECT * FROM request_totals ORDER BY 1, 2`.execute(db());
    await sql`UPDATE requests SET comment = comment WHERE comment = 'totals-test'`.execute(db());
    expect((await sql`SELECT * FROM request_totals ORDER BY 1, 2`.execute(db())).rows).toEqual(
      before.rows,
    );

    await sql`DELETE FROM requests WHERE comment = 'totals-test'`.execute(db());
    expect(await copies()).toBe(0);
    expect(await requestTotalsDrift(db())).toEqual([]);
  });

  it('runs its upserts as PL/pgSQL statements, with no SQL function in between', async () => {
    const { rows } = await sql<{ proname: string; lanname: string }>`
      SELECT p.proname, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.proname LIKE 'request_totals%' ORDER BY 1`.execute(db());
    expect(rows).toEqual([
      { proname: 'request_totals_after_delete', lanname: 'plpgsql' },
      { proname: 'request_totals_after_insert', lanname: 'plpgsql' },
      { proname: 'request_totals_after_update', lanname: 'plpgsql' },
    ]);
  });
});
