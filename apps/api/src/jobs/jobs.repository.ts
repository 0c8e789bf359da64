import type { Db } from '@guichet/db';
import { sql } from 'kysely';

/** Runs `work` while holding a PostgreSQL advisory lock: one process at a time, server-wide. */
export async function withAdvisoryLock<T>(db: Db, key: number, work: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${key})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}
