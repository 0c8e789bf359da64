/**
 * Database outage: PostgreSQL is stopped for 10 s under load. The API must answer 503 within
 * a second (no hanging connections), `/readyz` must say not ready, and everything must come
 * back by itself when the database returns, with nothing lost.
 * Run: `npm run reliability:outage` (about 25 s).
 */
import { createDb } from '@guichet/db';
import { logIn, ownDatabase, percentile, startApi } from './support.ts';

const outageMs = 10_000;
const database = await ownDatabase();
let server = database.server;
const api = await startApi(database.url);
try {
  const cookie = await logIn(api.baseUrl, 'gestionnaire@acme.example');
  const before = (await (
    await fetch(`${api.baseUrl}/api/requests`, { headers: { cookie } })
  ).json()) as {
    total: number;
  };
  type Sample = { at: number; status: number; ms: number };
  const samples: Sample[] = [];
  let running = true;
  const worker = async (): Promise<void> => {
    while (running) {
      const start = performance.now();
      let status = 0;
      try {
        status = (
          await fetch(`${api.baseUrl}/api/requests`, {
            headers: { cookie },
            signal: AbortSignal.timeout(5000),
          })
        ).status;
      } catch {
        status = -1; // no answer within 5 s, or the connection failed
      }
      samples.push({ at: Date.now(), status, ms: performance.now() - start });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const workers = Array.from({ length: 10 }, worker);
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const downAt = Date.now();
  await server.stop();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const readyDuring = (await fetch(`${api.baseUrl}/readyz`)).status;
  await new Promise((resolve) => setTimeout(resolve, outageMs - 1500));
  server = await database.restart();
  const upAt = Date.now();
  let recoveredAt = 0;
  while (recoveredAt === 0 && Date.now() - upAt < 30_000) {
    if ((await fetch(`${api.baseUrl}/readyz`)).status === 200) recoveredAt = Date.now();
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  running = false;
  await Promise.all(workers);

  const during = samples.filter((s) => s.at > downAt + 200 && s.at < upAt);
  const statuses = new Map<number, number>();
  for (const s of during) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  const slowest = Math.max(...during.map((s) => s.ms));
  const latencies = during.map((s) => s.ms).sort((a, b) => a - b);
  const afterOk = samples.filter((s) => s.at > recoveredAt && s.status === 200).length;
  const after = (await (
    await fetch(`${api.baseUrl}/api/requests`, { headers: { cookie } })
  ).json()) as {
    total: number;
  };
  const db = createDb(database.url);
  await db.destroy();
  console.info(
    `during the ${outageMs / 1000} s outage: ${during.length} answers ${JSON.stringify(Object.fromEntries(statuses))}, ` +
      `p50 ${percentile(latencies, 50).toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms; /readyz ${readyDuring}; ` +
      `ready again ${recoveredAt ? recoveredAt - upAt : 'never'} ms after the database; ${afterOk} successful answers after; ` +
      `requests before ${before.total}, after ${after.total}`,
  );
  const only503 = [...statuses.keys()].every((status) => status === 503);
  if (
    !only503 ||
    slowest > 1000 ||
    readyDuring !== 503 ||
    recoveredAt === 0 ||
    after.total !== before.total
  ) {
    process.exitCode = 1;
  }
} finally {
  await api.stop();
  await server.stop();
  await database.remove();
}
