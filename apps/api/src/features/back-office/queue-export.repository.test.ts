import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../../test/test-database.ts';
import type { TestDatabase } from '../../../../../test/test-database.ts';
import { buildLargeContract } from '../../test/bulk-requests.ts';
import { planOf } from '../../test/query-plan.ts';
import { pageBySlotsStatement } from './back-office.repository.ts';
import { queueBatches } from './queue-export.repository.ts';

// A contract whose 3 000 requests all wait in one status, its statistics saying so: the
// queue's pages and the export's batches read what they answer, whatever the page's place.
let database: TestDatabase;
let contractId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  contractId = await buildLargeContract(database.db, { count: 3_000, prefix: 'SLOTS' });
});
afterAll(() => database.drop());

describe('the queue scoped to a contract, every status', () => {
  it('reads a page after a cursor deep in the contract without scanning the rest of it', async () => {
    const cursor = await database.db
      .selectFrom('requests')
      .select(['issued_at', 'id'])
      .where('contract_id', '=', contractId)
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc')
      .offset(1_500)
      .limit(1)
      .executeTakeFirstOrThrow();
    const statement = pageBySlotsStatement(
      { sort: 'newest', limit: 25, after: [cursor.issued_at.toISOString(), cursor.id] },
      [contractId],
    ).compile(database.db);
    const plan = await planOf(database.url, statement);
    // one status of nine has rows: the eight others must not each read the 1 500 left
    expect(plan.rowsRemovedByFilter).toBeLessThan(100);
  });

  it('exports every request once, in the queue’s order', async () => {
    const seen: string[] = [];
    for await (const batch of queueBatches(database.db, { sort: 'newest', contractId }, 700)) {
      seen.push(...batch.map((row) => row.id));
    }
    const expected = await database.db
      .selectFrom('requests')
      .select('id')
      .where('contract_id', '=', contractId)
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(seen).toEqual(expected.map((row) => row.id));
  });
});
