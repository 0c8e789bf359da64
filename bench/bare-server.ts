/**
 * The reference the confirm benchmark divides by: a bare Fastify route doing one INSERT into
 * the same database, through a `pg` pool of the same size as Guichet's (`DATABASE_POOL_SIZE`,
 * else `defaultPoolSize()`: 5 on two cores). Started by
 * bench/confirm.ts on DATABASE_URL or on the embedded default's data folder.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { defaultPoolSize, ensureDatabase, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';

let embedded: EmbeddedServer | null = null;
let url = process.env['DATABASE_URL'] || '';
if (url === '') {
  const dataDir = path.resolve(process.env['BENCH_DATA_DIR'] || 'data/bench');
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres') });
  await ensureDatabase(embedded.url, 'guichet');
  url = embedded.urlFor('guichet');
}
const pool = new pg.Pool({
  connectionString: url,
  max: Number(process.env['DATABASE_POOL_SIZE']) || defaultPoolSize(),
});
pool.on('error', () => undefined);
await pool.query(`CREATE TABLE IF NOT EXISTS bench_inserts (
  id uuid PRIMARY KEY,
  contract_id text NOT NULL,
  values jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`);

const app = Fastify({ logger: false });
app.post('/bare', async (request, reply) => {
  const body = request.body as { contractId?: string; values?: unknown };
  const id = randomUUID();
  await pool.query('INSERT INTO bench_inserts (id, contract_id, values) VALUES ($1, $2, $3)', [
    id,
    body.contractId ?? '',
    JSON.stringify(body.values ?? {}),
  ]);
  return reply.status(201).send({ id });
});
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });

async function shutdown(): Promise<void> {
  await app.close();
  await pool.query('DROP TABLE IF EXISTS bench_inserts');
  await pool.end();
  if (embedded) await embedded.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
