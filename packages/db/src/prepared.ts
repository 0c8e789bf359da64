import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

const comment = /^\/\* prepared: ([a-z][a-z0-9_.-]{0,40}) \*\//;
// at the very start of the text, or just after its first keyword (Kysely's `modifyFront`)
const marker =
  /^(?:(?:select|with|insert|update|delete) )?\/\* prepared: ([a-z][a-z0-9_.-]{0,40}) \*\//;

/**
 * Marks a hot statement (decision 0010): SQL that starts with `prepared('name')` (or has it
 * right after its first keyword, as Kysely's `modifyFront(sql.raw(…))` puts it) is parsed
 * and planned once per connection and then executed by name, so PostgreSQL does not parse
 * and plan it again at every call (it may then use a generic plan: only for statements
 * whose plan does not depend on their values — lookups by key, inserts).
 */
export function prepared(name: string): string {
  const mark = `/* prepared: ${name} */`;
  if (!comment.test(mark)) throw new Error(`invalid prepared statement name: ${name}`);
  return mark;
}

const names = new Map<string, string>();

/** The server-side name of a marked statement (its mark plus a hash of its text), or null. */
export function preparedNameOf(text: string): string | null {
  // the anchored mark fails within a few characters on every other statement
  const mark = marker.exec(text)?.[1];
  if (mark === undefined) return null;
  let name = names.get(text);
  if (name === undefined) {
    name = `${mark}.${createHash('sha1').update(text).digest('base64url').slice(0, 10)}`;
    // only marked texts are kept: they are constants of the code, as few as its statements
    names.set(text, name);
  }
  return name;
}

/** Kysely's pool, sending marked statements as named prepared statements. */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapped = clients.get(client);
    if (!wrapped) {
      wrapped = {
        query: ((text: unknown, values?: readonly unknown[]) => {
          if (typeof text !== 'string') return client.query(text as pg.Submittable);
          const name = preparedNameOf(text);
          return name === null
            ? client.query(text, values as unknown[])
            : client.query({ name, text, values: values as unknown[] });
        }) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
      clients.set(client, wrapped);
    }
    return wrapped;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
