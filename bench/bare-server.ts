/**
 * The reference the confirm benchmark divides by: a bare Fastify route doing one INSERT into
 * the same database, through a `pg` pool of the same size as Guichet's (`DATABASE_POOL_SIZE`,
 * else `defaultPoolSize()`: 5 on two cores). Started by
 * bench/confirm.ts on DATABASE_URL or on the embedded default's data folder.
 *
 * `POST /bare/confirmation-statement` is the floor under Guichet's figure: a bare route that
 * runs only the statement a confirmation writes with (`insertConfirmedRequest`: the number,
 * the free change, the request, its events and the receipt), with no session, no checks and
 * no answer to build. What it needs besides ids — the article's version, the billing
 * outcomes, the receipt — is read and prepared once per contract, by Guichet's own code.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { createDb, defaultPoolSize, ensureDatabase, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { prepareConfirmation, writeConfirmation } from './confirmation-statement.ts';
import type { PreparedConfirmation, StatementBody } from './confirmation-statement.ts';

let embedded: EmbeddedServer | null = null;
let url = process.env['DATABASE_URL'] || '';
if (url === '') {
  const dataDir = path.resolve(process.env['BENCH_DATA_DIR'] || 'data/bench');
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres') });
  await ensureDatabase(embedded.url, 'guichet');
  url = embedded.urlFor('guichet');
}
const poolSize = Number(process.env['DATABASE_POOL_SIZE']) || defaultPoolSize();
const pool = new pg.Pool({ connectionString: url, max: poolSize });
const db = createDb(url, { max: poolSize });
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

const preparedByContract = new Map<string, Promise<PreparedConfirmation>>();

app.post('/bare/confirmation-statement', async (request, reply) => {
  const body = request.body as StatementBody;
  let prepared = preparedByContract.get(body.contractId);
  if (!prepared) {
    prepared = prepareConfirmation(db, body);
    preparedByContract.set(body.contractId, prepared);
  }
  const written = await writeConfirmation(db, await prepared, body);
  return reply.status(201).send(written);
});
app.get('/healthz', () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });

async function shutdown(): Promise<void> {
  await app.close();
  await pool.query('DROP TABLE IF EXISTS bench_inserts');
  await pool.end();
  await db.destroy();
  if (embedded) await embedded.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
