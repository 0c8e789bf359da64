import type PgBoss from 'pg-boss';
import type { Db } from '@guichet/db';
import { CompiledQuery, sql } from 'kysely';

/** pg-boss's statements run in our transaction: jobs exist only if that transaction commits. */
export function inTransaction(transaction: Db): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await transaction.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}

/** Answers once the database runs a statement (the readiness probe). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

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

/**
 * Work waiting, for the metrics: mails not sent yet, and pg-boss jobs created or awaiting a
 * retry, by queue (none when the job runner has not created its schema yet).
 */
export async function queueDepths(db: Db): Promise<{ queue: string; waiting: number }[]> {
  const mails = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const depths = [{ queue: 'mail_outbox', waiting: Number(mails.n) }];
  const hasBoss = await sql<{
    found: boolean;
  }>`SELECT to_regclass('pgboss.job') IS NOT NULL AS found`.execute(db);
  if (hasBoss.rows[0]?.found) {
    const jobs = await sql<{ name: string; n: string }>`
      SELECT name, count(*) AS n FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`.execute(
      db,
    );
    for (const row of jobs.rows) depths.push({ queue: row.name, waiting: Number(row.n) });
  }
  return depths;
}
