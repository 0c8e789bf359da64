import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '@guichet/db';
import type { DatasetManifest } from './dataset.ts';

/**
 * What a benchmark runs against: the PostgreSQL server of `DATABASE_URL` when it is set,
 * otherwise the embedded default exactly as `npm start` runs it (database `guichet` of the
 * server kept in `$BENCH_DATA_DIR/postgres`, `data/bench` unless told, so that a developer's
 * own `data/` is never touched).
 */
export interface Target {
  engine: 'server' | 'embedded';
  databaseUrl: string | null;
  /** Passed to Guichet as DATA_DIR when embedded. */
  dataDir: string;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function benchTarget(env: NodeJS.ProcessEnv = process.env): Target {
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl !== null && !loopback.has(new URL(databaseUrl).hostname)) {
    throw new Error('DATABASE_URL must point to a loopback address (127.0.0.1 or localhost)');
  }
  return {
    engine: databaseUrl === null ? 'embedded' : 'server',
    databaseUrl,
    dataDir: path.resolve(env['BENCH_DATA_DIR'] || 'data/bench'),
  };
}

export interface OpenDatabase {
  url: string;
  /** The server's version, e.g. "15.20". */
  version: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(url: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

/**
 * The target's database, created when missing (and dropped first with `reset`). For the
 * embedded engine this starts the server, which `close()` stops again: Guichet must not be
 * running on the same data folder meanwhile.
 */
export async function openDatabase(
  target: Target,
  options: { reset?: boolean } = {},
): Promise<OpenDatabase> {
  let serverUrl: string;
  let database: string;
  let stop = (): Promise<void> => Promise.resolve();
  if (target.databaseUrl !== null) {
    database = decodeURIComponent(new URL(target.databaseUrl).pathname.slice(1)) || 'postgres';
    serverUrl = withDatabase(target.databaseUrl, 'postgres');
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(target.dataDir, 'postgres'),
    });
    serverUrl = embedded.url;
    database = 'guichet';
    stop = () => embedded.stop();
  }
  try {
    if (options.reset) {
      await onServer(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`),
      );
    }
    await ensureDatabase(serverUrl, database);
    let version = '?';
    await onServer(serverUrl, async (client) => {
      const result = await client.query<{ server_version: string }>('SHOW server_version');
      version = result.rows[0]?.server_version.split(' ')[0] ?? '?';
    });
    return { url: withDatabase(serverUrl, database), version, close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The manifest the generator left in the database, or an error saying to generate first. */
export async function readManifest(url: string): Promise<DatasetManifest> {
  let manifest: DatasetManifest | undefined;
  await onServer(url, async (client) => {
    const table = await client.query<{ name: string | null }>(
      `SELECT to_regclass('bench_dataset') AS name`,
    );
    if (table.rows[0]?.name === null) return;
    const row = await client.query<{ manifest: DatasetManifest }>(
      'SELECT manifest FROM bench_dataset WHERE id = 1',
    );
    manifest = row.rows[0]?.manifest;
  });
  if (!manifest) {
    throw new Error('No benchmark data in this database: run `npm run bench:data` first');
  }
  return manifest;
}
