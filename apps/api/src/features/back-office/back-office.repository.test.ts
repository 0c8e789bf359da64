import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../../../test/test-database.ts';
import type { TestDatabase } from '../../../../../test/test-database.ts';
import { containsPattern } from '../../lib/cursor.ts';
import { demo, stableId } from '../../test/harness.ts';
import { listQueue } from './back-office.repository.ts';
import type { QueueFilter } from './back-office.repository.ts';

// The queue takes different paths by filter (totals and per-slot pages for a scope of
// statuses, customer and contract; ids found beforehand for a narrow text search, rows
// compared one by one for a broad one): each must answer exactly what one plain statement
// joining every table answers, page after page, whatever the sort.
let database: TestDatabase;
const agentId = stableId('user:agent@guichet.example');
const open = ['submitted', 'in_review', 'quote_pending', 'quote_sent', 'in_progress'];

beforeAll(async () => {
  database = await createTestDatabase();
  // 240 more requests, on every item of the demo (so every customer and contract) and
  // every article, statuses spread, a few instants shared by many (ties on the sort key),
  // some assigned, some with a customer reference; billing and author from a demo request.
  await sql`
    INSERT INTO requests (id, number, contract_id, asset_id, catalog_id, article_id,
      article_version_id, "values", customer_reference, status, billing, billing_month,
      author_id, assignee_id, created_at, updated_at, issued_at, submitted_at)
    SELECT gen_random_uuid(), 'CHG-2025-' || lpad((700000 + n)::text, 6, '0'), a.contract_id,
      a.id, ar.catalog_id, ar.id, ar.current_version_id, '{}'::jsonb,
      CASE WHEN n % 4 = 0 THEN 'REF-' || (n % 7) END,
      (ARRAY['submitted', 'in_review', 'quote_pending', 'quote_sent', 'in_progress', 'done',
             'rejected', 'cancelled'])[1 + n % 8],
      t.billing, t.billing_month, t.author_id,
      CASE WHEN n % 5 = 0 THEN ${agentId}::uuid END,
      t.created_at, timestamptz '2026-11-10' + (n % 11) * interval '1 hour',
      timestamptz '2026-11-01' + (n % 13) * interval '1 day',
      timestamptz '2026-11-01' + (n % 13) * interval '1 day'
    FROM generate_series(1, 240) AS n
    CROSS JOIN LATERAL (
      SELECT * FROM assets ORDER BY id OFFSET n % (SELECT count(*) FROM assets) LIMIT 1
    ) a
    CROSS JOIN LATERAL (
      SELECT * FROM articles ORDER BY id OFFSET (n / 3) % (SELECT count(*) FROM articles) LIMIT 1
    ) ar
    CROSS JOIN (SELECT * FROM requests WHERE status <> 'draft' ORDER BY id LIMIT 1) t`.execute(
    database.db,
  );
});
afterAll(() => database.drop());

type Filter = Omit<QueueFilter, 'sort' | 'limit' | 'after'>;

/** What the queue must hold, in order: one statement over every joined table. */
async function expected(filter: Filter, sort: QueueFilter['sort']): Promise<string[]> {
  const pattern = filter.q ? containsPattern(filter.q) : null;
  const key = sql.ref(sort === 'updated' ? 'r.updated_at' : 'r.issued_at');
  const direction = sql.raw(sort === 'oldest' ? 'ASC' : 'DESC');
  const { rows } = await sql<{ id: string }>`
    SELECT r.id FROM requests r
    JOIN contracts c ON c.id = r.contract_id
    JOIN customers cu ON cu.id = c.customer_id
    LEFT JOIN assets a ON a.id = r.asset_id
    LEFT JOIN article_versions v ON v.id = r.article_version_id
    WHERE r.status <> 'draft'
      AND (${filter.statuses ?? null}::text[] IS NULL OR r.status = ANY (${filter.statuses ?? null}::text[]))
      AND (${filter.customerId ?? null}::uuid IS NULL OR c.customer_id = ${filter.customerId ?? null})
      AND (${filter.contractId ?? null}::text IS NULL OR r.contract_id = ${filter.contractId ?? null})
      AND (${filter.catalogId ?? null}::uuid IS NULL OR r.catalog_id = ${filter.catalogId ?? null})
      AND (${filter.articleId ?? null}::uuid IS NULL OR r.article_id = ${filter.articleId ?? null})
      AND (${filter.assigneeId === undefined} OR r.assignee_id IS NOT DISTINCT FROM ${filter.assigneeId ?? null}::uuid)
      AND (${filter.submittedBefore ?? null}::timestamptz IS NULL OR r.issued_at <= ${filter.submittedBefore ?? null})
      AND (${pattern}::text IS NULL OR r.number ILIKE ${pattern} OR r.customer_reference ILIKE ${pattern}
           OR r.contract_id ILIKE ${pattern} OR cu.name ILIKE ${pattern}
           OR a.reference ILIKE ${pattern} OR v.name_fr ILIKE ${pattern} OR v.name_en ILIKE ${pattern})
    ORDER BY ${key} ${direction}, r.id ${direction}`.execute(database.db);
  return rows.map((row) => row.id);
}

/** Every page of the queue, cursor after cursor, as the service follows them. */
async function walk(filter: Filter, sort: QueueFilter['sort'], textCandidatesCap?: number) {
  const seen: string[] = [];
  const totals = new Set<number>();
  let after: [string, string] | undefined;
  for (let pages = 0; pages < 200; pages += 1) {
    const { rows, total } = await listQueue(
      database.db,
      { ...filter, sort, limit: 7, ...(after ? { after } : {}) },
      textCandidatesCap === undefined ? {} : { textCandidatesCap },
    );
    totals.add(total);
    const items = rows.slice(0, 7);
    seen.push(...items.map((row) => row.id));
    const last = items.at(-1);
    if (rows.length <= 7 || !last) return { seen, totals: [...totals] };
    after = [(sort === 'updated' ? last.updated_at : last.issued_at).toISOString(), last.id];
  }
  throw new Error('more than 200 pages');
}

const filters: [string, Filter][] = [
  ['everything', {}],
  ['open', { statuses: open }],
  ['one status', { statuses: ['done'] }],
  ['a customer', { customerId: demo.acme }],
  ['a customer, open', { customerId: demo.acme, statuses: open }],
  ['a contract', { contractId: 'OCB0005121' }],
  ['a customer and a contract of another', { customerId: demo.globex, contractId: 'OCB0005121' }],
  ['a customer without requests', { customerId: stableId('customer:nobody') }],
  ['a catalog', { catalogId: demo.standard }],
  ['an article, open', { articleId: demo.other, statuses: open }],
  ['unassigned', { assigneeId: null }],
  ['assigned to the agent, a customer', { assigneeId: agentId, customerId: demo.acme }],
  ['submitted before', { submittedBefore: new Date('2026-11-06T00:00:00Z') }],
  ['text: a number’s digits', { q: '70001' }],
  ['text: a whole number', { q: 'chg-2025-700013' }],
  ['text: a number’s end, with its dash', { q: '-700013' }],
  ['text: a customer reference', { q: 'ref-3' }],
  ['text: a contract', { q: 'OCB0007' }],
  ['text: a customer’s name', { q: 'globex' }],
  ['text: an item’s reference', { q: 'RDS-OCB' }],
  ['text: an article’s name', { q: 'quotas' }],
  ['text: nothing', { q: 'zzz-nothing' }],
  ['text: a wildcard taken literally', { q: '%' }],
  ['text and a customer, open', { q: 'CHG-2025', customerId: demo.acme, statuses: open }],
];

describe('the queue answers what one joined statement answers', () => {
  it.each(filters)('%s', async (_name, filter) => {
    for (const sort of ['oldest', 'newest', 'updated'] as const) {
      const want = await expected(filter, sort);
      const caps = filter.q ? [undefined, 1] : [undefined];
      for (const cap of caps) {
        const { seen, totals } = await walk(filter, sort, cap);
        expect(seen, `${sort}, cap ${cap}`).toEqual(want);
        expect(totals, `${sort}, cap ${cap}`).toEqual([want.length]);
      }
    }
  });

  it('has something to show for most of these filters', async () => {
    const sizes = await Promise.all(filters.map(([, filter]) => expected(filter, 'oldest')));
    expect(sizes.filter((ids) => ids.length > 7).length).toBeGreaterThanOrEqual(14);
    const { rows } = await sql<{ contracts: number; customers: number }>`
      SELECT count(DISTINCT r.contract_id)::int AS contracts,
        count(DISTINCT c.customer_id)::int AS customers
      FROM requests r JOIN contracts c ON c.id = r.contract_id`.execute(database.db);
    expect(rows[0]?.contracts).toBeGreaterThanOrEqual(3);
    expect(rows[0]?.customers).toBeGreaterThanOrEqual(2);
  });
});
