/**
 * `npm run bench:export` — the CSV export of 100 000 requests (issue 17 part 4, decision 0033).
 *
 *   npm run bench:export                                       # embedded PostgreSQL (a fresh folder)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/guichet_bench_export npm run bench:export  # dropped first
 *   BENCH_EXPORT_REQUESTS=200000 npm run bench:export          # another count
 *
 * A database with the demo data (seeded by the API process, as `npm start` does), a new ACME
 * contract holding 100 000 confirmed requests, one API process (`main.ts`). Then the
 * customer's export of that contract (`GET /api/requests.csv`) and the queue's
 * (`GET /api/back-office/requests.csv`), each read to its end by a streaming client while the
 * server's resident memory (VmRSS of its pid, every 20 ms) is sampled. Targets: at most 5 s,
 * at most 50 MB above the idle server's RSS. Prints the figures and the machine's load.
 */
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, migrate } from '@guichet/db';
import { demoPassword } from '../apps/api/src/seed/demo-data.ts';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { buildContract } from '../apps/api/src/test/builders.ts';
import { insertRequests } from '../apps/api/src/test/bulk-requests.ts';
import { logIn } from './load.ts';
import { startGuichet } from './processes.ts';
import { benchTarget, openDatabase } from './target.ts';

const count = Number(process.env['BENCH_EXPORT_REQUESTS'] ?? 100_000);
const targets = { seconds: 5, megabytesAboveIdle: 50 };
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

async function main(): Promise<boolean> {
  // DATABASE_URL's server (a database of its own there), or an embedded one in a fresh folder
  const scratch = process.env['DATABASE_URL']
    ? null
    : await mkdtemp(path.join(tmpdir(), 'guichet-bench-export-'));
  if (scratch) await chmod(scratch, 0o755);
  const target = benchTarget({
    ...process.env,
    ...(scratch ? { BENCH_DATA_DIR: scratch } : {}),
  });
  const database = await openDatabase(target, { reset: scratch === null });
  const db = createDb(database.url);
  const guichet = { ...target, engine: 'server' as const, databaseUrl: database.url };
  try {
    await migrate(db);
    const engine = `PostgreSQL ${database.version}`;
    // The first start seeds the demo data; the requests are added while no API runs.
    await (await startGuichet(guichet, { logLevel: 'warn' })).stop();
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
    // every table, as autovacuum leaves a database in use (the triggers filled some beside requests)
    await sql`VACUUM ANALYZE`.execute(db);
    console.info(
      `${engine} — ${count} requests on ${contractId} in ${Math.round(
        performance.now() - inserted,
      )} ms`,
    );

    const api = await startGuichet(guichet, { logLevel: 'warn' });
    const customer = await logIn(api.baseUrl, 'gestionnaire@acme.example', demoPassword);
    const agent = await logIn(api.baseUrl, 'agent@guichet.example', demoPassword);
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
    await api.stop();
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
    console.info(isMet ? 'every target met' : 'a target was missed');
    return isMet;
  } finally {
    await db.destroy();
    await database.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

// exit with the verdict (the embedded server's shutdown hook would otherwise decide the code)
process.exit((await main()) ? 0 : 1);
