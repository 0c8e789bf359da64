import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { TestDatabase } from '../../../test/test-database.ts';
import { prepared, preparedNameOf } from './prepared.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
});
afterAll(() => database.drop());

describe('prepared statements', () => {
  it('names a marked statement by its mark and its text, and leaves the others unnamed', () => {
    const a = `${prepared('lookup')} SELECT 1`;
    const b = `${prepared('lookup')} SELECT 2`;
    expect(preparedNameOf(a)).toMatch(/^lookup\.[\w-]{10}$/);
    expect(preparedNameOf(a)).toBe(preparedNameOf(a));
    expect(preparedNameOf(b)).not.toBe(preparedNameOf(a));
    expect(preparedNameOf('SELECT 1')).toBeNull();
    expect(preparedNameOf(`SELECT 1 ${prepared('lookup')}`)).toBeNull();
    expect(() => prepared('Bad name; DROP')).toThrow('invalid prepared statement name');
  });

  it('prepares a marked statement once per connection and runs it by name', async () => {
    const text = `${prepared('test-lookup')} SELECT $1::int + 1 AS n`;
    const name = preparedNameOf(text);
    const seen = await database.db.connection().execute(async (db) => {
      const answers: number[] = [];
      for (const value of [1, 2, 3]) {
        const { rows } = await db.executeQuery<{ n: number }>({
          sql: text,
          parameters: [value],
          query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
          queryId: { queryId: 'test' },
        });
        answers.push(rows[0]?.n ?? 0);
      }
      const statements = await sql<{ name: string }>`
        SELECT name FROM pg_prepared_statements WHERE name = ${name}`.execute(db);
      return { answers, statements: statements.rows.map((row) => row.name) };
    });
    expect(seen).toEqual({ answers: [2, 3, 4], statements: [name] });
  });

  it('forces generic plans only for statements marked so, and never inside a transaction', async () => {
    const modes = await database.db.connection().execute(async (db) => {
      const mode = async (text: string) => {
        const { rows } = await db.executeQuery<{ mode: string }>({
          sql: text,
          parameters: ['plan_cache_mode'],
          query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
          queryId: { queryId: 'test' },
        });
        return rows[0]?.mode;
      };
      const generic = `${prepared('test-generic', { plan: 'generic' })} SELECT current_setting($1) AS mode`;
      const plain = `${prepared('test-plain')} SELECT current_setting($1) AS mode`;
      const unmarked = 'SELECT current_setting($1) AS mode';
      const seen: (string | undefined)[] = [
        await mode(unmarked),
        await mode(generic),
        await mode(plain),
        await mode(unmarked),
        await mode(generic),
      ];
      await sql.raw('begin').execute(db);
      seen.push(await mode(unmarked), await mode(generic));
      await sql.raw('rollback').execute(db);
      seen.push(await mode(generic), await mode(plain), await mode(unmarked));
      return seen;
    });
    const [auto, forced] = ['auto', 'force_generic_plan'];
    expect(modes).toEqual([auto, forced, forced, auto, forced, auto, auto, forced, forced, auto]);
  });
});
