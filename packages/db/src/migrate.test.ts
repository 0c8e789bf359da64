import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { TestDatabase } from '../../../test/test-database.ts';
import { loadMigrations, migrate } from './migrate.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
});
afterAll(() => database.drop());

describe('migrations', () => {
  it('apply from zero, in order, then find nothing left to do', async () => {
    const all = await loadMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(database.db)).toEqual(all.map((m) => m.name));
    expect(await migrate(database.db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(
      database.db,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'requests',
        'request_events',
        'free_change_usage',
        'request_counters',
        'sessions',
        'grants',
      ]),
    );
  });

  it('apply once when several processes start together', async () => {
    const other = await createTestDatabase({ empty: true });
    try {
      const runs = await Promise.all([migrate(other.db), migrate(other.db), migrate(other.db)]);
      expect(runs.flat().sort()).toEqual((await loadMigrations()).map((m) => m.name).sort());
    } finally {
      await other.drop();
    }
  });

  it('roll a failing migration back whole', async () => {
    const other = await createTestDatabase({ empty: true });
    try {
      const broken = [
        { name: '0001_broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' },
      ];
      await expect(migrate(other.db, broken)).rejects.toThrow();
      const found = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(
        other.db,
      );
      expect(found.rows[0]?.n).toBe('0');
      expect(await migrate(other.db, [])).toEqual([]);
    } finally {
      await other.drop();
    }
  });
});
