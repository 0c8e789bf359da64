import path from 'node:path';
import {
  createDb,
  ensureDatabase,
  migrate,
  startEmbeddedPostgres,
  takeBackShutdownSignals,
} from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { seedDemoData } from './seed/demo-data.ts';

const config = loadConfig();
takeBackShutdownSignals();
let embedded: EmbeddedServer | null = null;
let databaseUrl = config.databaseUrl;
if (databaseUrl === null) {
  embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
  await ensureDatabase(embedded.url, 'guichet');
  databaseUrl = embedded.urlFor('guichet');
}
const db = createDb(databaseUrl);
await migrate(db);
const deps = { db, clock: () => new Date() };
if (config.seedDemoData) await seedDemoData(deps);

const app = await buildApp({ deps, config, logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });
app.log.info(
  `Guichet is ready on http://localhost:${config.port} (${embedded ? `embedded PostgreSQL on port ${embedded.port}` : 'DATABASE_URL'})`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: finishing in-flight requests`);
  await app.close();
  await db.destroy();
  if (embedded) await embedded.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
