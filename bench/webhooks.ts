/**
 * Outbound webhooks with two Guichet API processes on one PostgreSQL (issue 17; decision 0028).
 *
 *   npm run bench:webhooks                                   # embedded PostgreSQL (a fresh folder)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhooks
 *   BENCH_WEBHOOK_EVENTS=2000 npm run bench:webhooks         # another count (even)
 *
 * It starts a local receiver (each signature checked by the Standard Webhooks algorithm, each
 * `webhook-id` counted), a database with the demo data, two API processes (`main.ts`, as
 * `npm start` runs them, WEBHOOKS_ALLOW_PRIVATE=true), and then:
 *   1. confirms requests over HTTP with no subscription: the confirmation throughput;
 *   2. subscribes the receiver (the provider's, every event) and confirms requests until
 *      1 000 events were made (a confirmation is `request.created` + `request.confirmed`):
 *      the time until all are delivered, each once, by both processes;
 *   3. with 10 subscriptions active (and delivering), confirms again: the throughput, to
 *      compare with 1.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, ensureDatabase, freePort, migrate, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { demoPassword } from '../apps/api/src/seed/demo-data.ts';
import { stableId } from '../apps/api/src/seed/stable-id.ts';

const events = Number(process.env['BENCH_WEBHOOK_EVENTS'] ?? 1000);
const throughputConfirms = Number(process.env['BENCH_WEBHOOK_CONFIRMS'] ?? 300);
const inFlight = 10;
const secretKey = randomBytes(32).toString('base64');
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function startApi(databaseUrl: string, seed: boolean, log: { text: string }) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SEED_DEMO_DATA: String(seed),
      LOG_LEVEL: 'info',
      WEB_DIST: '/nonexistent',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      // one key for every process: each must read the secrets the others stored
      WEBHOOKS_SECRET_KEY: secretKey,
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
      // the bench signs the demo admin in with its password alone
      ADMINS_REQUIRE_TWO_FACTOR: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout?.on('data', (chunk: Buffer) => (log.text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (log.text += chunk.toString('utf8')));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited:\n${log.text}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('API did not start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

async function login(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('guichet_session='));
  return (cookie ?? '').split(';')[0] ?? '';
}

async function postJson(baseUrl: string, cookie: string, url: string, body: unknown) {
  const response = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** `count` confirmations, `inFlight` at a time, spread over both processes; confirms per second. */
async function confirmMany(apis: { baseUrl: string; cookie: string }[], count: number) {
  const body = {
    action: 'confirm',
    contractId: 'OCB0005121',
    assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
    acknowledgeBilling: true,
    catalogId: stableId('catalog:standard'),
    articleId: stableId('article:standard:faire-une-autre-demande'),
    values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      for (;;) {
        const index = next;
        next += 1;
        if (index >= count) return;
        const api = apis[(index + lane) % apis.length];
        if (!api) return;
        await postJson(api.baseUrl, api.cookie, '/api/requests', {
          ...body,
          customerReference: `BENCH-${index}`,
        });
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  // 1. The receiver: every delivery's signature checked, each webhook-id counted.
  const secrets = new Map<string, Buffer>();
  /** HMAC-SHA256 of `id.timestamp.body` with the secret's bytes, one of the `v1,` signatures. */
  const verifies = (key: Buffer, id: string, timestamp: string, body: string, header: string) => {
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    return header.split(' ').some((signature) => {
      const given = Buffer.from(signature.replace(/^v1,/, ''), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  };
  const received = new Map<string, number>();
  let deliveries = 0;
  let badSignatures = 0;
  let lastArrival = 0;
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const endpoint = (request.url ?? '').split('/')[2] ?? '';
      const id = String(request.headers['webhook-id'] ?? '');
      const secret = secrets.get(endpoint);
      const isSigned =
        secret !== undefined &&
        verifies(
          secret,
          id,
          String(request.headers['webhook-timestamp'] ?? ''),
          Buffer.concat(chunks).toString('utf8'),
          String(request.headers['webhook-signature'] ?? ''),
        );
      if (!isSigned) badSignatures += 1;
      const key = `${endpoint}:${id}`;
      received.set(key, (received.get(key) ?? 0) + 1);
      deliveries += 1;
      lastArrival = performance.now();
      response.writeHead(204);
      response.end();
    });
  });
  const receiverPort = await freePort();
  await new Promise<void>((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${receiverPort}`;

  // 2. A database of its own, on the given server or an embedded one.
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let serverUrl = process.env['BENCH_DATABASE_URL'] || null;
  if (serverUrl === null) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-bench-webhooks-'));
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
    serverUrl = embedded.url;
  }
  const database = `guichet_webhooks_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, database);
  const databaseUrl = withDatabase(serverUrl, database);
  const db = createDb(databaseUrl);
  await migrate(db);
  const engine = (await sql<{ v: string }>`SELECT version() AS v`.execute(db)).rows[0]?.v ?? '';

  // 3. Two API processes (the first seeds the demo data); both run the job queue.
  const logs = [{ text: '' }, { text: '' }];
  const first = await startApi(databaseUrl, true, logs[0] ?? { text: '' });
  const second = await startApi(databaseUrl, false, logs[1] ?? { text: '' });
  console.info(
    `${engine.split(',')[0]} — two API processes (pids ${first.child.pid}, ${second.child.pid})`,
  );
  const apis = await Promise.all(
    [first, second].map(async (api) => ({
      baseUrl: api.baseUrl,
      cookie: await login(api.baseUrl, 'gestionnaire@acme.example'),
    })),
  );
  const admin = await login(first.baseUrl, 'admin@guichet.example');
  const subscribe = async (endpoint: string) => {
    const created = await postJson(first.baseUrl, admin, '/api/back-office/webhooks', {
      url: `${receiverUrl}/hooks/${endpoint}`,
      eventTypes: ['request.created', 'request.confirmed'],
    });
    secrets.set(endpoint, Buffer.from(String(created['secret']).replace(/^whsec_/, ''), 'base64'));
  };

  // 4. The confirmation throughput without subscriptions.
  await confirmMany(apis, 30); // warm-up
  const withoutSubscriptions = await confirmMany(apis, throughputConfirms);
  console.info(`confirm, no subscription: ${withoutSubscriptions.toFixed(1)}/s`);

  // 5. One subscription, `events` events: until all are delivered.
  await subscribe('one');
  const started = performance.now();
  await confirmMany(apis, events / 2);
  const made = performance.now();
  const deadline = Date.now() + 10 * 60_000;
  const deliveredOf = (endpoint: string) =>
    [...received.keys()].filter((key) => key.startsWith(`${endpoint}:`)).length;
  while (deliveredOf('one') < events) {
    if (Date.now() > deadline) throw new Error(`only ${deliveredOf('one')} of ${events}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const allDelivered = lastArrival;
  await new Promise((resolve) => setTimeout(resolve, 3000)); // a late duplicate would land now
  const duplicatesOne = [...received.entries()].filter(
    ([key, times]) => key.startsWith('one:') && times > 1,
  ).length;
  const oneResult = {
    events,
    secondsToMakeEvents: Number(((made - started) / 1000).toFixed(1)),
    secondsFromFirstEventToLastDelivery: Number(((allDelivered - started) / 1000).toFixed(1)),
    secondsAfterLastEvent: Number(((allDelivered - made) / 1000).toFixed(1)),
    distinctDelivered: deliveredOf('one'),
    duplicates: duplicatesOne,
  };
  console.info(JSON.stringify({ oneSubscription: oneResult }, null, 2));

  // 6. Ten subscriptions active: the confirmation throughput again.
  for (let index = 2; index <= 10; index += 1) await subscribe(`sub${index}`);
  const withTen = await confirmMany(apis, throughputConfirms);
  const tenDeliveriesWanted = throughputConfirms * 2 * 10;
  const tenStarted = performance.now();
  // every subscription, `one` included, hears of these confirmations
  const countTen = () => received.size - events;
  while (countTen() < tenDeliveriesWanted) {
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const tenDrained = (performance.now() - tenStarted) / 1000;

  const byState = await db
    .selectFrom('webhook_deliveries')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  await Promise.all(
    [first.child, second.child].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  const deliveredByProcess = logs.map((log) =>
    Number(/webhooks stopped: (\d+) delivered/.exec(log.text)?.[1] ?? NaN),
  );
  await db.destroy();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
  if (embedded) await embedded.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));

  const duplicates = [...received.values()].filter((times) => times > 1).length;
  const results = {
    oneSubscription: oneResult,
    confirmsPerSecondWithout: Number(withoutSubscriptions.toFixed(1)),
    confirmsPerSecondWithTen: Number(withTen.toFixed(1)),
    throughputRatio: Number((withTen / withoutSubscriptions).toFixed(3)),
    tenSubscriptions: {
      deliveriesWanted: tenDeliveriesWanted,
      secondsToDrainAfterConfirms: Number(tenDrained.toFixed(1)),
    },
    receiver: { deliveries, distinct: received.size, duplicates, badSignatures },
    deliveredByProcess,
    deliveriesByState: Object.fromEntries(byState.map((row) => [row.state, Number(row.n)])),
  };
  console.info(JSON.stringify(results, null, 2));
  const ok =
    oneResult.distinctDelivered === events &&
    duplicates === 0 &&
    badSignatures === 0 &&
    oneResult.secondsFromFirstEventToLastDelivery <= 30 &&
    results.throughputRatio >= 0.9 &&
    deliveredByProcess.every((count) => count > 0);
  console.info(
    ok
      ? 'OK: every event delivered once, within 30 s, throughput within 10 %'
      : 'NOT MET: see above',
  );
  process.exit(ok ? 0 : 1);
}

await main();
