/**
 * Graceful shutdown: SIGTERM while confirmations are in flight. Every request the server
 * accepted before the signal must be answered in full (and stored); none is cut.
 * Run: `npm run reliability:shutdown` (about 15 s).
 */
import { createDb } from '@guichet/db';
import { stableId } from '../../apps/api/src/seed/stable-id.ts';
import { logIn, ownDatabase, startApi } from './support.ts';

const database = await ownDatabase();
try {
  const api = await startApi(database.url);
  const cookie = await logIn(api.baseUrl, 'gestionnaire@acme.example');
  const body = JSON.stringify({
    action: 'confirm',
    contractId: 'OCB0005122',
    assetId: stableId('asset:OCB0005122:FE-OCB0005122-1'),
    catalogId: stableId('catalog:standard'),
    articleId: stableId('article:standard:faire-une-autre-demande'),
    acknowledgeBilling: true,
    values: { details: 'Graceful shutdown check: please do nothing with this request.' },
  });
  const inFlight = Array.from({ length: 200 }, () =>
    fetch(`${api.baseUrl}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    }).then(
      async (response) => ({
        status: response.status,
        id: ((await response.json()) as { id?: string }).id,
      }),
      (error: unknown) => {
        if (process.env['DEBUG']) console.error(error);
        return { status: 0, id: undefined };
      },
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 150));
  const stopping = api.stop();
  const results = await Promise.all(inFlight);
  await stopping;
  const answered = results.filter((result) => result.status === 201);
  const cut = results.filter((result) => result.status === 0).length;
  const db = createDb(database.url);
  const stored = await db
    .selectFrom('requests')
    .select('id')
    .where('contract_id', '=', 'OCB0005122')
    .execute();
  await db.destroy();
  const storedIds = new Set(stored.map((row) => row.id));
  const lost = answered.filter((result) => !result.id || !storedIds.has(result.id)).length;
  console.info(
    `sent around SIGTERM: ${results.length}; finished and answered 201: ${answered.length}; refused while closing (503): ${
      results.filter((r) => r.status === 503).length
    }; not read before the listener closed (connection reset, never started): ${cut}; ` +
      `answered but not stored: ${lost}; stored but not answered: ${stored.length - (answered.length - lost)}`,
  );
  if (lost > 0 || stored.length !== answered.length) process.exitCode = 1;
} finally {
  await database.server.stop();
  await database.remove();
}
