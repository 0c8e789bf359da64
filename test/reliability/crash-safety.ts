/**
 * Crash safety: confirms change requests under load, kills the API with SIGKILL in the middle,
 * restarts it, and counts. Every request acknowledged (201) must be stored whole (number,
 * billing, `confirmed` event); numbers have no gap; the free-change counter equals the free
 * requests stored. Run: `npm run reliability:crash` (about 30 s).
 */
import { sql } from 'kysely';
import { createDb } from '@guichet/db';
import { stableId } from '../../apps/api/src/seed/stable-id.ts';
import { logIn, ownDatabase, startApi } from './support.ts';

const rounds = 3;
const concurrency = 20;

const database = await ownDatabase();
const acknowledged = new Map<string, string>();
let refused = 0;
let cut = 0;
try {
  for (let round = 1; round <= rounds; round += 1) {
    const api = await startApi(database.url);
    const cookie = await logIn(api.baseUrl, 'gestionnaire@acme.example');
    const payload = JSON.stringify({
      action: 'confirm',
      contractId: 'OCB0005122',
      assetId: stableId('asset:OCB0005122:FE-OCB0005122-1'),
      catalogId: stableId('catalog:standard'),
      articleId: stableId('article:standard:faire-une-autre-demande'),
      acknowledgeBilling: true,
      values: { details: `Crash-safety round ${round}: please do nothing, this is a test.` },
    });
    let stopping = false;
    const worker = async (): Promise<void> => {
      while (!stopping) {
        try {
          const response = await fetch(`${api.baseUrl}/api/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: payload,
          });
          if (response.status === 201) {
            const body = (await response.json()) as { id: string; number: string };
            acknowledged.set(body.id, body.number);
          } else {
            refused += 1;
          }
        } catch {
          cut += 1; // the connection died with the process: not acknowledged
          return;
        }
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    await new Promise((resolve) => setTimeout(resolve, 2000 + Math.random() * 2000));
    await api.kill();
    stopping = true;
    await Promise.all(workers);
    console.info(`round ${round}: SIGKILL after ${acknowledged.size} acknowledged in all`);
  }
  // One more start: the server must come back on the data the kills left.
  const api = await startApi(database.url);
  await api.stop();

  const db = createDb(database.url);
  const stored = await db
    .selectFrom('requests')
    .select(['id', 'number', 'status', 'billing', 'billing_month', 'contract_id'])
    .where('contract_id', '=', 'OCB0005122')
    .where('status', '<>', 'draft')
    .execute();
  const storedIds = new Set(stored.map((row) => row.id));
  const lost = [...acknowledged.keys()].filter((id) => !storedIds.has(id));
  const halfWritten = await sql<{ n: string }>`
    SELECT count(*) AS n FROM requests r
    WHERE r.status <> 'draft' AND (r.number IS NULL OR r.billing IS NULL
      OR NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'confirmed'))`.execute(
    db,
  );
  const numbers = (
    await db.selectFrom('requests').select('number').where('number', 'is not', null).execute()
  )
    .map((row) => Number(row.number?.slice(-6)))
    .sort((a, b) => a - b);
  const gaps = numbers.filter((n, i) => n !== i + 1).length;
  const counters = await db
    .selectFrom('free_change_usage')
    .select(['contract_id', 'month', 'used'])
    .execute();
  const freeStored = await sql<{ contract_id: string; month: string; n: string }>`
    SELECT contract_id, billing_month::text AS month, count(*) AS n FROM requests
    WHERE billing->>'kind' = 'free' GROUP BY contract_id, billing_month`.execute(db);
  const counterMismatches = counters.filter(
    (counter) =>
      Number(
        freeStored.rows.find(
          (row) => row.contract_id === counter.contract_id && row.month === counter.month,
        )?.n ?? 0,
      ) !== counter.used,
  ).length;
  await db.destroy();

  console.info(
    `acknowledged ${acknowledged.size}, stored ${acknowledged.size - lost.length}, lost ${lost.length}; ` +
      `committed but unacknowledged ${stored.length - (acknowledged.size - lost.length)}; ` +
      `half-written ${halfWritten.rows[0]?.n}; number gaps ${gaps} over ${numbers.length}; ` +
      `free-change counters off ${counterMismatches}; refused ${refused}; connections cut ${cut}`,
  );
  if (lost.length > 0 || halfWritten.rows[0]?.n !== '0' || gaps > 0 || counterMismatches > 0)
    process.exitCode = 1;
} finally {
  await database.server.stop();
  await database.remove();
}
