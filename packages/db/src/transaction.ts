import type { Db } from './connect.ts';

/**
 * Runs `work` in the caller's transaction when `db` is one (the seed's, another use case's),
 * else in a new one: a use case that writes is one transaction either way.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Whether a write failed on a unique constraint (PostgreSQL's 23505), `constraint` naming
 * which one when several may fail: a race the use case's own check could not see.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const failure = error as { code?: unknown; constraint?: unknown } | null;
  return (
    failure?.code === '23505' && (constraint === undefined || failure.constraint === constraint)
  );
}

/** The row type of a repository's base query: `RowOf<typeof tokensQuery>`. */
export type RowOf<Query extends (db: Db) => { execute(): Promise<readonly unknown[]> }> = Awaited<
  ReturnType<ReturnType<Query>['execute']>
>[number];
