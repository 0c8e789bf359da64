import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connect.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  name: string;
  sql: string;
}

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file.replace(/\.sql$/, ''),
      sql: await readFile(path.join(dir, file), 'utf8'),
    })),
  );
}

/**
 * Applies the forward-only SQL migrations not applied yet, each in its own transaction, under
 * an advisory lock so that several processes starting together apply each one once.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(72917301)`.execute(connection);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(connection);
      const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(
        connection,
      );
      const applied = new Set(done.rows.map((row) => row.name));
      const ran: string[] = [];
      for (const migration of all) {
        if (applied.has(migration.name)) continue;
        await connection.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await sql`INSERT INTO schema_migrations (name) VALUES (${migration.name})`.execute(trx);
        });
        ran.push(migration.name);
      }
      return ran;
    } finally {
      await sql`SELECT pg_advisory_unlock(72917301)`.execute(connection);
    }
  });
}
