import type { Db } from '@guichet/db';
import { sql } from 'kysely';
import { stableId } from '../seed/stable-id.ts';
import { buildContract } from './builders.ts';

/**
 * `count` confirmed requests on a contract's item, copied from a real confirmed request (its
 * article, values and stored billing), one second apart from `startAt` on: a large list in
 * one statement, for the export's tests and benchmark. Numbers are `<prefix>-000001`…
 */
export async function insertRequests(
  db: Db,
  options: {
    templateId: string;
    contractId: string;
    assetId: string;
    authorId: string;
    count: number;
    startAt: Date;
    prefix: string;
  },
): Promise<void> {
  await sql`
    INSERT INTO requests (id, number, request_type, contract_id, asset_id, catalog_id, article_id,
      article_version_id, values, customer_reference, comment, outside_business_hours, status,
      billing, billing_month, author_id, version, created_at, updated_at, submitted_at, issued_at)
    SELECT gen_random_uuid(), ${options.prefix} || '-' || lpad(i::text, 6, '0'), t.request_type,
      ${options.contractId}, ${options.assetId}::uuid, t.catalog_id, t.article_id,
      t.article_version_id, t.values, 'REF-' || i, t.comment, false, 'submitted', t.billing,
      t.billing_month, ${options.authorId}::uuid, 1, at, at, at, at
    FROM generate_series(1, ${options.count}::int) AS i
    CROSS JOIN LATERAL (SELECT ${options.startAt.toISOString()}::timestamptz
      + (i * interval '1 second') AS at) AS moment
    CROSS JOIN (SELECT * FROM requests WHERE id = ${options.templateId}::uuid) AS t`.execute(db);
}

/**
 * A new ACME contract holding `count` confirmed requests (all `submitted`, one second apart
 * from 2024-01-01, by ACME's manager), the statistics gathered: a provider's large contract,
 * for the tests that read a statement's plan. Returns the contract's id.
 */
export async function buildLargeContract(
  db: Db,
  options: { count: number; prefix: string },
): Promise<string> {
  const built = await buildContract(db, {
    freeChangesPerMonth: 0,
    managers: ['gestionnaire@acme.example'],
  });
  const template = await db
    .selectFrom('requests')
    .select('id')
    .where('status', '<>', 'draft')
    .orderBy('issued_at')
    .executeTakeFirstOrThrow();
  await insertRequests(db, {
    templateId: template.id,
    contractId: built.contractId,
    assetId: built.tenantId,
    authorId: stableId('user:gestionnaire@acme.example'),
    count: options.count,
    startAt: new Date(Date.UTC(2024, 0, 1)),
    prefix: options.prefix,
  });
  await sql`ANALYZE`.execute(db);
  return built.contractId;
}
