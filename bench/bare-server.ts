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
import { billingMonth, requestNumberParts } from '@guichet/domain';
import {
  findUserByEmail,
  findUserById,
} from '../apps/api/src/features/session/session.repository.ts';
import { confirmationReceipts } from '../apps/api/src/features/notifications/notifications.service.ts';
import {
  findConfirmationContext,
  insertConfirmedRequest,
} from '../apps/api/src/features/requests/request-confirmation.repository.ts';
import { planOf } from '../apps/api/src/features/requests/request-fields.ts';

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

interface StatementBody {
  contractId: string;
  assetId: string;
  catalogId: string;
  articleId: string;
  authorEmail: string;
  values: Record<string, unknown>;
}
type Prepared = Awaited<ReturnType<typeof prepareConfirmation>>;
const preparedByContract = new Map<string, Promise<Prepared>>();

/** Once per contract: what Guichet's confirm path reads and decides before its write. */
async function prepareConfirmation(body: StatementBody) {
  const found = await findUserByEmail(db, body.authorEmail);
  const author = found && (await findUserById(db, found.id));
  if (!author) throw new Error(`no user ${body.authorEmail}`);
  const context = await findConfirmationContext(db, {
    ...body,
    userId: author.id,
    idempotencyKey: null,
  });
  if (!context?.version_id || context.billing_mode === null || context.price_tokens === null) {
    throw new Error(`no article to confirm on ${body.contractId}`);
  }
  const { outcomes, statuses } = planOf(
    { billing_mode: context.billing_mode, price_tokens: context.price_tokens },
    context,
    { outsideBusinessHours: false, acknowledgeBilling: true },
  );
  const placeholder = 'GUICHETNUMBER';
  const receipt = confirmationReceipts({}, { id: randomUUID(), author }, statuses, placeholder);
  return { author, context, outcomes, placeholder, receipt };
}

app.post('/bare/confirmation-statement', async (request, reply) => {
  const body = request.body as StatementBody;
  let prepared = preparedByContract.get(body.contractId);
  if (!prepared) {
    prepared = prepareConfirmation(body);
    preparedByContract.set(body.contractId, prepared);
  }
  const { author, context, outcomes, placeholder, receipt } = await prepared;
  const at = new Date();
  const month = billingMonth(at, context.time_zone);
  const year = Number(month.slice(0, 4));
  const { prefix, digits } = requestNumberParts(year);
  const id = randomUUID();
  const written = await insertConfirmedRequest(db, {
    id,
    contractId: body.contractId,
    assetId: body.assetId,
    catalogId: context.catalog_id,
    articleId: context.article_id,
    articleVersionId: context.version_id,
    values: body.values,
    customerReference: null,
    comment: null,
    outsideBusinessHours: false,
    authorId: author.id,
    at,
    billingMonth: month,
    year,
    numberPrefix: prefix,
    numberDigits: digits,
    outcomes,
    idempotency: null,
    receipt: receipt && { mailId: randomUUID(), placeholder, ...receipt },
  });
  return reply.status(201).send({ id, number: written.number });
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
