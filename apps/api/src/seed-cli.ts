import path from 'node:path';
import { createDb, ensureDatabase, migrate, startEmbeddedPostgres } from '@guichet/db';
import { loadConfig } from './config.ts';
import { seedDemoData } from './seed/demo-data.ts';

// `npm run db:seed`: the demo data on the configured database (idempotent).
const config = loadConfig();
const embedded = config.databaseUrl
  ? null
  : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
if (embedded) await ensureDatabase(embedded.url, 'guichet');
const db = createDb(config.databaseUrl ?? embedded!.urlFor('guichet'));
try {
  await migrate(db);
  await seedDemoData({ db, clock: () => new Date() });
  console.info('Demo data is in place.');
} finally {
  await db.destroy();
  await embedded?.stop();
}
