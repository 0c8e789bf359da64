import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../../test/test-database.ts';
import type { TestDatabase } from '../../../../../test/test-database.ts';
import { buildLargeContract } from '../../test/bulk-requests.ts';
import { stableId } from '../../test/harness.ts';
import { planOf } from '../../test/query-plan.ts';
import { requestPageQuery } from './request-lists.repository.ts';

// The list's page runs with a generic plan (decision 0010), planned once whatever its
// values: the plan must read a page through the indexes, not the table, on a provider's
// database of any size — here a contract of 5 000 requests.
let database: TestDatabase;
let contractId: string;
const viewerId = stableId('user:gestionnaire@acme.example');

beforeAll(async () => {
  database = await createTestDatabase();
  contractId = await buildLargeContract(database.db, { count: 5_000, prefix: 'PLAN' });
});
afterAll(() => database.drop());

describe('the list’s page statement, planned generic', () => {
  for (const [name, limit, after] of [
    ['a first page of 25', 25, undefined],
    ['a next page of 25', 25, ['2024-01-01T00:40:00.000Z', stableId('x')]],
  ] as const) {
    it(`reads ${name} through the indexes, no table read whole`, async () => {
      const statement = requestPageQuery(
        database.db,
        { contractIds: [contractId], viewerId, limit, ...(after ? { after: [...after] } : {}) },
        [contractId],
      ).compile();
      expect(statement.sql).toContain('prepared: request-page generic');
      const plan = await planOf(database.url, statement, { generic: true });
      expect(plan.sequentialScans).not.toContain('requests');
    });
  }
});
