/**
 * `npm run bench:export` — the CSV export of 100 000 requests (issue 17 part 4, decision 0033).
 *
 *   npm run bench:export                                       # embedded PostgreSQL (a fresh folder)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:export
 *   BENCH_EXPORT_REQUESTS=200000 npm run bench:export          # another count
 *
 * A database with the demo data (seeded by the API process, as `npm start` does), a new ACME
 * contract holding 100 000 confirmed requests, one API process (`main.ts`). Then the
 * customer's export of that contract (`GET /api/requests.csv`) and the queue's
 * (`GET /api/back-office/requests.csv`), each read to its end by a streaming client while the
 * server's resident memory (VmRSS of its pid, every 20 ms) is sampled. Targets: at most 5 s,
 * at most 50 MB above the idle server's RSS. Prints the figures and the machine's load.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, ensureDatabase, freePort, migrate, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { demoPassword } from '../apps/api/src/seed/demo-data.ts';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { buildContract } from '../apps/api/src/test/builders.ts';
import { insertRequests } from '../apps/api/src/test/bulk-requests.ts';

const count = Number(process.env['BENCH_EXPORT_REQUESTS'] ?? 100_000);
const targets = { seconds: 5, megabytesAboveIdle: 50 };
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function startApi(databaseUrl: string, log: { text: string }) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
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
  if (child.pid === undefined) throw new Error('the API has no pid');
  return { child, pid: child.pid, baseUrl: `http://127.0.0.1:${port}` };
}

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
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

/** The process's resident set, in bytes (Linux: VmRSS of /proc/<pid>/status). */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS for ${pid}`);
  return Number(kilobytes) * 1024;
}

interface ExportRun {
  name: string;
  seconds: number;
  firstByteMs: number;
  rows: number;
  megabytes: number;
  idleRssMb: number;
  peakRssMb: number;
  aboveIdleMb: number;
  samples: number;
}

/** One export read to its end by a streaming client, the server's RSS sampled meanwhile. */
async function measure(
  name: string,
  api: { pid: number; baseUrl: string },
  cookie: string,
  url: string,
): Promise<ExportRun> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idle = residentBytes(api.pid);
  let peak = idle;
  let samples = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(api.pid));
    samples += 1;
  }, 20);
  const started = performance.now();
  const response = await fetch(`${api.baseUrl}${url}`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  let firstByteMs = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, residentBytes(api.pid));
  const mb = (value: number) => Number((value / 1024 / 1024).toFixed(1));
  return {
    name,
    seconds: Number(seconds.toFixed(2)),
    firstByteMs: Math.round(firstByteMs),
    rows: lines - 1,
    megabytes: mb(bytes),
    idleRssMb: mb(idle),
    peakRssMb: mb(peak),
    aboveIdleMb: mb(peak - idle),
    samples,
  };
}

async function main(): Promise<void> {
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let serverUrl = process.env['BENCH_DATABASE_URL'] || null;
  if (serverUrl === null) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-bench-export-'));
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
    serverUrl = embedded.url;
  }
  const database = `guichet_export_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, database);
  const databaseUrl = withDatabase(serverUrl, database);
  const db = createDb(databaseUrl);
  const log = { text: '' };
  try {
    await migrate(db);
    const engine = (await sql<{ v: string }>`SELECT version() AS v`.execute(db)).rows[0]?.v ?? '';
    // The first start seeds the demo data; the requests are added while no API runs.
    await stopApi((await startApi(databaseUrl, log)).child);
    const { contractId, tenantId } = await buildContract(db, {
      freeChangesPerMonth: 0,
      managers: ['gestionnaire@acme.example'],
    });
    const template = await db
      .selectFrom('requests')
      .select('id')
      .where('status', '<>', 'draft')
      .orderBy('issued_at')
      .executeTakeFirstOrThrow();
    const inserted = performance.now();
    for (let done = 0; done < count; done += 20_000) {
      await insertRequests(db, {
        templateId: template.id,
        contractId,
        assetId: tenantId,
        authorId: stableId('user:gestionnaire@acme.example'),
        count: Math.min(20_000, count - done),
        startAt: new Date(Date.UTC(2024, 0, 1) + done * 1000),
        prefix: `BENCH${done / 20_000}`,
      });
    }
    await sql`VACUUM ANALYZE requests`.execute(db);
    console.info(
      `${engine.split(',')[0]} — ${count} requests on ${contractId} in ${Math.round(
        performance.now() - inserted,
      )} ms`,
    );

    const api = await startApi(databaseUrl, log);
    const [customer, agent] = await Promise.all([
      login(api.baseUrl, 'gestionnaire@acme.example'),
      login(api.baseUrl, 'agent@guichet.example'),
    ]);
    // Warm-up: the routes' code and the statements' plans, as a running server has them.
    for (const url of [
      '/api/requests.csv?group=en_cours',
      '/api/back-office/requests.csv?group=terminee',
    ]) {
      await (
        await fetch(`${api.baseUrl}${url}`, {
          headers: { cookie: url.includes('back') ? agent : customer },
        })
      ).text();
    }
    const loadBefore = os.loadavg();
    const runs = [
      await measure(
        'customer list (GET /api/requests.csv)',
        api,
        customer,
        `/api/requests.csv?contractId=${contractId}`,
      ),
      await measure(
        'back-office queue (GET /api/back-office/requests.csv)',
        api,
        agent,
        `/api/back-office/requests.csv?contractId=${contractId}&sort=newest`,
      ),
      await measure(
        'customer list, `;` and Paris time',
        api,
        customer,
        `/api/requests.csv?contractId=${contractId}&separator=semicolon&timeZone=Europe%2FParis`,
      ),
    ];
    const loadAfter = os.loadavg();
    await stopApi(api.child);
    let isMet = true;
    for (const run of runs) {
      const meets =
        run.rows === count &&
        run.seconds <= targets.seconds &&
        run.aboveIdleMb <= targets.megabytesAboveIdle;
      isMet &&= meets;
      console.info(
        `${meets ? 'OK  ' : 'MISS'} ${run.name}: ${run.rows} rows, ${run.megabytes} MB in ${run.seconds} s (first byte ${run.firstByteMs} ms); RSS idle ${run.idleRssMb} MB, peak ${run.peakRssMb} MB (+${run.aboveIdleMb} MB, ${run.samples} samples)`,
      );
    }
    console.info(
      `targets: ≤ ${targets.seconds} s, ≤ ${targets.megabytesAboveIdle} MB above idle; load average ${loadBefore
        .map((load) => load.toFixed(2))
        .join(
          ' ',
        )} → ${loadAfter.map((load) => load.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`,
    );
    if (!isMet) process.exitCode = 1;
    console.info(isMet ? 'every target met' : 'a target was missed');
  } catch (error) {
    console.error(log.text);
    throw error;
  } finally {
    await db.destroy();
    if (embedded) await embedded.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
