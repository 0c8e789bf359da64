import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

const comment = /^\/\* prepared: ([a-z][a-z0-9_.-]{0,40})( generic)? \*\//;
// at the very start of the text, or just after its first keyword (Kysely's `modifyFront`)
const marker =
  /^(?:(?:select|with|insert|update|delete) )?\/\* prepared: ([a-z][a-z0-9_.-]{0,40})( generic)? \*\//;

export interface PreparedOptions {
  /**
   * `generic`: run it with `plan_cache_mode = force_generic_plan`, planned once per
   * connection whatever its values. For a statement PostgreSQL would otherwise re-plan at
   * every call (the request list's page: 1.3 ms of planning for 0.6 ms of work). Every other
   * statement runs with the default mode (decision 0010).
   */
  plan?: 'generic';
}

/**
 * Marks a hot statement (decision 0010): SQL that starts with `prepared('name')` (or has it
 * right after its first keyword, as Kysely's `modifyFront(sql.raw(…))` puts it) is parsed
 * and planned once per connection and then executed by name, so PostgreSQL does not parse
 * it again at every call (and, after five calls, uses a generic plan when it costs no more
 * than the custom ones: only for statements whose plan does not depend on their values —
 * lookups by key, inserts).
 */
export function prepared(name: string, options: PreparedOptions = {}): string {
  const mark = `/* prepared: ${name}${options.plan === 'generic' ? ' generic' : ''} */`;
  if (!comment.test(mark)) throw new Error(`invalid prepared statement name: ${name}`);
  return mark;
}

interface Marked {
  name: string;
  generic: boolean;
}

const marks = new Map<string, Marked>();

function markOf(text: string): Marked | null {
  // the anchored mark fails within a few characters on every other statement
  const found = marker.exec(text);
  if (found === null) return null;
  let mark = marks.get(text);
  if (mark === undefined) {
    const hash = createHash('sha1').update(text).digest('base64url').slice(0, 10);
    mark = { name: `${found[1] ?? ''}.${hash}`, generic: found[2] !== undefined };
    // only marked texts are kept: they are constants of the code, as few as its statements
    marks.set(text, mark);
  }
  return mark;
}

/** The server-side name of a marked statement (its mark plus a hash of its text), or null. */
export function preparedNameOf(text: string): string | null {
  return markOf(text)?.name ?? null;
}

const begins = /^(?:begin|start transaction)\b/i;
const ends = /^(?:commit|rollback)$/i;
const setGeneric = 'SET plan_cache_mode = force_generic_plan';
const setDefault = 'SET plan_cache_mode = DEFAULT';

/**
 * Kysely's pool, sending marked statements as named prepared statements.
 *
 * `plan_cache_mode` is a setting of the connection, and it concerns every statement with
 * parameters, named or not (PostgreSQL keeps a plan for the unnamed one too): forced for
 * all, it gave the item search generic plans that ignore the typed text and the contract's
 * size (p95 twice as slow). So each connection remembers its mode and switches it, with one
 * `SET` outside any transaction, only when a statement needs the other one: a statement
 * marked `generic` needs the forced mode; an unmarked statement with parameters, and a
 * transaction (whose statements all run in the default mode), need the default. Marked
 * statements without `generic` run in either. A `SET` is never sent inside a transaction,
 * where a rollback would undo it behind the connection's back.
 */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapped = clients.get(client);
    if (!wrapped) {
      let generic = false;
      let inTransaction = false;
      const switchTo = async (wanted: boolean) => {
        if (inTransaction || generic === wanted) return;
        await client.query(wanted ? setGeneric : setDefault);
        generic = wanted;
      };
      const run = async (text: string, values: unknown[] | undefined) => {
        const mark = markOf(text);
        if (mark !== null) {
          if (mark.generic) await switchTo(true);
          return client.query({ name: mark.name, text, values });
        }
        if (begins.test(text)) {
          await switchTo(false);
          const result = await client.query(text, values);
          inTransaction = true;
          return result;
        }
        if (ends.test(text)) {
          try {
            return await client.query(text, values);
          } finally {
            // a failed COMMIT ends the transaction too (rolled back)
            inTransaction = false;
          }
        }
        if (values !== undefined && values.length > 0) await switchTo(false);
        return client.query(text, values);
      };
      wrapped = {
        query: ((text: unknown, values?: readonly unknown[]) => {
          if (typeof text !== 'string') return client.query(text as pg.Submittable);
          return run(text, values as unknown[] | undefined);
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
