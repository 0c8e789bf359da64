import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb } from '@guichet/db';
import type { Db } from '@guichet/db';
import { createHarness, demo } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { containsPattern } from '../../lib/cursor.ts';
import { itemIndexOf } from './inventory.service.ts';

// A contract of more than 2 000 items is searched in the process's item index (decision
// 0011); its answers must be the database's, and never older than the database.
const contract = 'OCB0005121';
let h: Harness;
let manager: string;
/** Another process's connections: its writes reach this one only through the database. */
let other: Db;

async function setUp(capacity: number) {
  h = await createHarness();
  itemIndexOf(h.database.db, capacity);
  other = createDb(h.database.url, { max: 2 });
  manager = await h.login('gestionnaire@acme.example');
  await sql`
    INSERT INTO assets (id, contract_id, reference, label, type)
    SELECT gen_random_uuid(), ${contract}, 'ZZ-' || lpad(n::text, 5, '0'),
           CASE n % 3 WHEN 0 THEN 'Disque données ' || n
                      WHEN 1 THEN 'vm-paie-prod-' || n
                      ELSE 'IP publique ' || n END,
           CASE n % 3 WHEN 0 THEN 'evs' WHEN 1 THEN 'fe_tenant' ELSE 'eip' END
    FROM generate_series(1, 2600) AS n`.execute(h.database.db);
}
async function tearDown() {
  await other.destroy();
  await h.close();
}

interface Page {
  items: { reference: string; contractId: string }[];
  nextCursor: string | null;
  total: number;
}

async function page(query: string): Promise<Page> {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/contracts/${contract}/assets?${query}`,
    headers: { cookie: manager },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** Every page of a search, followed cursor by cursor. */
async function allPages(query: string): Promise<{ references: string[]; total: number }> {
  const references: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const next: Page = await page(
      `limit=50&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    references.push(...next.items.map((item) => item.reference));
    total = next.total;
    cursor = next.nextCursor;
  } while (cursor);
  return { references, total };
}

/** What the search must find, asked of the database directly. */
async function expected(q: string, types?: string[]) {
  const pattern = containsPattern(q);
  const { rows } = await sql<{ reference: string }>`
    SELECT reference FROM assets
    WHERE contract_id = ${contract}
      AND (lower(reference) LIKE lower(${pattern}) OR lower(label) LIKE lower(${pattern}))
      AND (${types ?? null}::text[] IS NULL OR type = ANY(${types ?? null}::text[]))
    ORDER BY reference, id`.execute(h.database.db);
  return rows.map((row) => row.reference);
}

/** How many items the index holds for the contract, or null when it is left to PostgreSQL. */
const held = () => {
  const index = itemIndexOf(h.database.db);
  return index.refuses(contract) ? null : (index.get(contract)?.count ?? 0);
};

// Without room in the index, the same answers come from PostgreSQL's trigram path.
describe.each([
  { where: 'in the item index', capacity: 400_000 },
  { where: 'in PostgreSQL', capacity: 0 },
])('the item picker on a large contract, $where', ({ capacity }) => {
  beforeAll(() => setUp(capacity));
  afterAll(tearDown);

  it.each([
    ['', undefined],
    ['disque', undefined],
    ['PAIE-PROD-1', undefined],
    ['0042', undefined],
    ['ip pub', undefined],
    ['ZZ-0260', undefined],
    ['%', undefined],
    ['nothing like it', undefined],
    ['', ['fe_tenant', 'rds_licence_pool']],
    ['prod-25', ['fe_tenant', 'rds_licence_pool']],
  ])('finds what the database holds for %j (types %j), page after page', async (q, types) => {
    const query = [
      ...(q ? [`q=${encodeURIComponent(q)}`] : []),
      ...(types ? [`catalogId=${demo.rds}`] : []),
    ].join('&');
    const want = await expected(q, types);
    const found = await allPages(query);
    expect(found.references).toEqual(want);
    expect(found.total).toBe(Math.min(want.length, 1001));
    expect(held()).toBe(capacity > 0 ? 2605 : null);
  });

  it('sees items added, renamed and removed by another process at the next search', async () => {
    const disks = (await expected('disque')).length;
    expect((await page('q=disque')).total).toBe(disks);
    await sql`
      INSERT INTO assets (id, contract_id, reference, label, type)
      VALUES (gen_random_uuid(), ${contract}, 'ZZ-99999', 'nouveau-serveur', 'ecs')`.execute(other);
    expect((await page('q=nouveau-serveur')).items.map((item) => item.reference)).toEqual([
      'ZZ-99999',
    ]);
    await sql`UPDATE assets SET label = 'renommé' WHERE reference = 'ZZ-00003'`.execute(other);
    expect((await page('q=renommé')).items.map((item) => item.reference)).toEqual(['ZZ-00003']);
    expect((await page('q=disque')).total).toBe(disks - 1);
    await sql`DELETE FROM assets WHERE reference = 'ZZ-00006'`.execute(other);
    expect((await page('q=disque')).total).toBe(disks - 2);
    expect((await allPages('q=disque')).references).toEqual(await expected('disque'));
  });

  it('goes on after a cursor whose item has since been removed', async () => {
    const first = await page('q=zz-0001&limit=2');
    expect(first.items.map((item) => item.reference)).toEqual(['ZZ-00010', 'ZZ-00011']);
    await sql`DELETE FROM assets WHERE reference = 'ZZ-00011'`.execute(other);
    const second = await page(
      `q=zz-0001&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    expect(second.items.map((item) => item.reference)).toEqual(['ZZ-00012', 'ZZ-00013']);
    expect(second.total).toBe(9);
  });

  it('finds an item whose label holds the index’s separators', async () => {
    await sql`UPDATE assets SET label = ${'Disque\u001e\u001f données'} WHERE reference = 'ZZ-00009'`.execute(
      other,
    );
    const found = await allPages('q=disque');
    expect(found.references).toEqual(await expected('disque'));
    expect(found.references).toContain('ZZ-00009');
    expect(held()).toBe(capacity > 0 ? 2604 : null);
  });
});

describe('asset_versions', () => {
  beforeAll(() => setUp(0));
  afterAll(tearDown);

  const versions = async (db: Db = h.database.db) => {
    const { rows } = await sql<{ contract_id: string; version: string }>`
      SELECT c.id AS contract_id, coalesce(v.version, 0)::text AS version
      FROM contracts c LEFT JOIN asset_versions v ON v.contract_id = c.id
      WHERE c.id IN ('OCB0005121', 'OCB0005122') ORDER BY c.id`.execute(db);
    return rows.map((row) => Number(row.version));
  };

  it('moves a contract on once per statement that writes its items, whatever the rows', async () => {
    const [a, b] = await versions();
    await sql`
      INSERT INTO assets (id, contract_id, reference, label, type)
      VALUES (gen_random_uuid(), 'OCB0005121', 'V-1', 'v', 'ecs'),
             (gen_random_uuid(), 'OCB0005121', 'V-2', 'v', 'ecs'),
             (gen_random_uuid(), 'OCB0005122', 'V-3', 'v', 'ecs')`.execute(other);
    expect(await versions()).toEqual([(a ?? 0) + 1, (b ?? 0) + 1]);
    await sql`UPDATE assets SET label = 'w' WHERE reference IN ('V-1', 'V-2')`.execute(other);
    expect(await versions()).toEqual([(a ?? 0) + 2, (b ?? 0) + 1]);
    await sql`UPDATE assets SET contract_id = 'OCB0005121' WHERE reference = 'V-3'`.execute(other);
    expect(await versions()).toEqual([(a ?? 0) + 3, (b ?? 0) + 2]);
    await sql`DELETE FROM assets WHERE reference LIKE 'V-%'`.execute(other);
    expect(await versions()).toEqual([(a ?? 0) + 4, (b ?? 0) + 2]);
    const truncated = await other
      .transaction()
      .execute(async (trx) => {
        await sql`TRUNCATE assets CASCADE`.execute(trx);
        const seen = await versions(trx);
        throw Object.assign(new Error('roll back'), { seen });
      })
      .catch((error: { seen?: number[] }) => error.seen);
    expect(truncated).toEqual([(a ?? 0) + 5, (b ?? 0) + 3]);
    expect(await versions()).toEqual([(a ?? 0) + 4, (b ?? 0) + 2]);
  });
});
