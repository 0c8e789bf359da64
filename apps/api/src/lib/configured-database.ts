import path from 'node:path';
import { createDb, ensureDatabase, migrate, startEmbeddedPostgres } from '@guichet/db';
import type { Db } from '@guichet/db';
import type { Config } from '../config.ts';

/**
 * Runs `work` on the configured database (`DATABASE_URL`, else the embedded server in the
 * data directory), migrated first; closes the connection and stops the embedded server
 * after. The command-line tools' way to the database (`main.ts` keeps its own: it stays up).
 */
export async function onConfiguredDatabase<Result>(
  config: Config,
  work: (db: Db) => Promise<Result>,
): Promise<Result> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
  if (embedded) await ensureDatabase(embedded.url, 'guichet');
  const db = createDb(config.databaseUrl ?? embedded!.urlFor('guichet'));
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}
