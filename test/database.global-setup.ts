import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, ensureDatabase, migrate, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { seedDemoData } from '../apps/api/src/seed/demo-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the server's maintenance database, to create per-file databases on. */
    databaseServerUrl: string;
    /** Migrated, seeded database that each test file clones. */
    templateDatabase: string;
    databaseEngine: string;
  }
}

/**
 * One PostgreSQL server for the whole run: the embedded one (a new data folder each run) or,
 * when TEST_DATABASE_URL is set, that server. A template database is migrated and seeded
 * once; each test file works in its own copy (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let serverUrl = process.env['TEST_DATABASE_URL'] || null;
  if (serverUrl === null) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-test-pg-'));
    await chmod(dataDir, 0o755); // the server runs as the postgres user when we are root
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
    serverUrl = embedded.url;
  }
  const template = `guichet_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  await ensureDatabase(serverUrl, template);
  const templateUrl = withDatabase(serverUrl, template);
  const db = createDb(templateUrl);
  await migrate(db);
  // A fixed clock: the seeded requests use free changes of November 2026, whatever today is.
  await seedDemoData({ db, clock: () => new Date('2026-11-02T09:00:00Z') });
  await db.destroy();

  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]
    ?.server_version;
  await client.end();
  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  project.provide(
    'databaseEngine',
    `PostgreSQL ${version ?? '?'} (${embedded ? 'embedded' : 'TEST_DATABASE_URL'})`,
  );
  console.info(
    `db tests on PostgreSQL ${version} (${embedded ? 'embedded server' : 'TEST_DATABASE_URL'})`,
  );

  return async () => {
    if (embedded) {
      await embedded.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    } else {
      await dropDatabase(serverUrl, template);
    }
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
