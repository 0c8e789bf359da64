/**
 * `npm run bench:sync [-- --items 1000000 --contracts 2000 --changed 10000 --seconds 20]`
 *
 * The inventory sync at a provider's scale (decision 0016), each file streamed to the API
 * (curl, as a provider's job would): a file of a million items over two thousand contracts
 * (Zipf-sized, as bench:data's customers) in `full` mode on an empty inventory; the item
 * search idle; the same file again while the search runs (the nightly export that changes
 * nothing); then an incremental file of changed items. The API process's memory (RSS, from
 * /proc) is sampled while each file streams. On the embedded default (in data/bench-sync),
 * or on `BENCH_DATABASE_URL`'s server: its database is DROPPED and created again, name one
 * of its own, e.g. `postgres://postgres@127.0.0.1:5432/guichet_bench_sync`.
 *
 * `--only search`: on the data and file a whole run left (same engine, same --items), only
 * the item search idle then while the same file syncs again (a minute instead of five).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb, migrate } from '@guichet/db';
import type { InventorySyncRun } from '@guichet/contracts';
import { defaultQuotas } from '../apps/api/src/seed/catalogs.ts';
import { demoPassword, seedDemoData } from '../apps/api/src/seed/demo-data.ts';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { Random, applications, environments, sites, zipfShares } from './dataset.ts';
import { engineLabel, logIn, printHeader, runLoad, writeResults } from './load.ts';
import type { HttpCall, LoadResult } from './load.ts';
import { resultsDir, startGuichet } from './processes.ts';
import type { RunningServer } from './processes.ts';
import { cycle } from './run-options.ts';
import { benchTarget, openDatabase } from './target.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    contracts: { type: 'string', default: '2000' },
    changed: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
});
if (args.only !== undefined && args.only !== 'search') throw new Error('--only takes search');
const isSearchOnly = args.only === 'search';
const whole = (name: string, raw: string, min: number): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be ≥ ${min}`);
  return value;
};
const parameters = {
  items: whole('items', args.items, 1000),
  contracts: whole('contracts', args.contracts, 20),
  changed: whole('changed', args.changed, 1),
  seconds: whole('seconds', args.seconds, 1),
  rate: whole('rate', args.rate, 1),
};

// Never the bench:data dataset's folder: this script resets its database.
const target = benchTarget({
  ...process.env,
  DATABASE_URL: process.env['BENCH_DATABASE_URL'] || process.env['DATABASE_URL'] || '',
  BENCH_DATA_DIR: process.env['BENCH_SYNC_DATA_DIR'] || 'data/bench-sync',
});
/** The contracts of ACME the sample manager searches while the sync runs. */
const searchedContracts = 20;
const contractId = (n: number) => `SYN${String(n).padStart(7, '0')}`;

// ---- the data ----------------------------------------------------------------------------

async function prepareDatabase(): Promise<string> {
  const database = await openDatabase(target, { reset: true });
  const db = createDb(database.url, { max: 2 });
  try {
    await migrate(db);
    await seedDemoData({ db, clock: () => new Date() });
    const acme = stableId('customer:ACME');
    const manager = stableId('user:gestionnaire@acme.example');
    await sql`INSERT INTO customers (id, name)
      SELECT gen_random_uuid(), 'Client synchro ' || n FROM generate_series(1, 200) n`.execute(db);
    await sql`INSERT INTO contracts
        (id, customer_id, offer, support_level, free_changes_per_month, token_price_eur)
      SELECT 'SYN' || lpad(n::text, 7, '0'),
        CASE WHEN n <= ${searchedContracts} THEN ${acme}::uuid
             ELSE (SELECT id FROM customers WHERE name = 'Client synchro ' || (n % 200 + 1)) END,
        'Flexible Engine', 'Standard', 2, 50
      FROM generate_series(1, ${parameters.contracts}::int) n`.execute(db);
    await sql`INSERT INTO grants (user_id, contract_id, section, profile)
      SELECT ${manager}::uuid, 'SYN' || lpad(n::text, 7, '0'), 'requests', 'manager'
      FROM generate_series(1, ${searchedContracts}::int) n`.execute(db);
    return database.version;
  } finally {
    await db.destroy();
    await database.close();
  }
}

interface Line {
  contract: string;
  reference: string;
  type: string;
  label: string;
  site: string;
  solution: string;
  attributes: Record<string, unknown>;
}

/** The n-th item of a contract, the same for the same seed. */
function itemOf(random: Random, contract: string, n: number): Line {
  const kind = random.next();
  const site = random.pick(sites);
  const application = `${random.pick(applications)}-${random.pick(environments)}`;
  if (kind < 0.8) {
    return {
      contract,
      reference: `FE-${contract}-${String(n).padStart(6, '0')}`,
      type: 'fe_tenant',
      label: `Service Flexible Engine ${application}-${n}`,
      site,
      solution: 'Flexible Engine',
      attributes: { region: 'eu-west-0', project: `${application}-${n}`, quotas: defaultQuotas },
    };
  }
  if (kind < 0.9) {
    return {
      contract,
      reference: `RDS-${contract}-${String(n).padStart(6, '0')}`,
      type: 'rds_licence_pool',
      label: `Pool de licences RDS ${application}`,
      site,
      solution: 'Windows Server',
      attributes: { licencesHeld: random.integer(5, 200) },
    };
  }
  return {
    contract,
    reference: `GIN-${contract}-${String(n).padStart(6, '0')}`,
    type: 'gin_access',
    label: `Accès GIN ${site} ${n}`,
    site,
    solution: 'Réseau GIN',
    attributes: { bandwidthMbps: random.pick([50, 100, 200, 500, 1000]) },
  };
}

async function writeLines(file: string, lines: Iterable<Line>): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  for (const line of lines) {
    count += 1;
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return count;
}

/** Every item, grouped by contract as a CMDB export is; `changeEvery`: one in N edited. */
function* inventory(changeEvery: number | null): Generator<Line> {
  const random = new Random(11);
  const shares = zipfShares(parameters.items, parameters.contracts, 20);
  let index = 0;
  for (const [rank, share] of shares.entries()) {
    for (let n = 1; n <= share; n += 1) {
      const line = itemOf(random, contractId(rank + 1), n);
      index += 1;
      if (changeEvery === null) yield line;
      else if (index % changeEvery === 0) yield { ...line, label: `${line.label} (migré)` };
    }
  }
}

// ---- measuring ---------------------------------------------------------------------------

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

/** Samples the server's resident memory every 200 ms until stopped. */
function sampleRss(pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(pid)), 200);
  return {
    stop: () => {
      clearInterval(timer);
      return { samples: samples.length, maxMb: Math.max(...samples), lastMb: samples.at(-1) };
    },
  };
}

/** Streams a file to the sync route with curl (its own process: the load generator's CPU
 *  stays the load's), and returns the run with the wall time. */
async function upload(
  server: RunningServer,
  cookie: string,
  file: string,
  query: string,
): Promise<{ run: InventorySyncRun; wallMs: number }> {
  const started = performance.now();
  const child = spawn(
    'curl',
    [
      '-sS',
      '--fail-with-body',
      '-X',
      'POST',
      '-T',
      file,
      '-H',
      'content-type: application/x-ndjson',
      '-H',
      'expect:',
      '-H',
      `cookie: ${cookie}`,
      `${server.baseUrl}/api/back-office/inventory/sync?${query}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let body = '';
  child.stdout.on('data', (chunk: Buffer) => (body += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  const wallMs = Math.round(performance.now() - started);
  if (code !== 0) throw new Error(`curl exited ${code}: ${body.slice(0, 500)}`);
  return { run: JSON.parse(body) as InventorySyncRun, wallMs };
}

function searchCalls(cookie: string): () => HttpCall {
  const random = new Random(3);
  const terms = [...applications.slice(0, 10), ...environments, 'app', 'Service', '12'];
  return cycle(
    Array.from({ length: 2000 }, () => ({
      method: 'GET' as const,
      path: `/api/contracts/${contractId(random.integer(1, searchedContracts))}/assets?q=${encodeURIComponent(random.pick(terms))}`,
      headers: { cookie },
    })),
  );
}

/** The database Guichet runs on, while it runs (the embedded server's port is in its pid file). */
function runningDatabaseUrl(): string {
  if (target.databaseUrl !== null) return target.databaseUrl;
  const pidFile = readFileSync(path.join(target.dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  const port = pidFile.split('\n')[3]?.trim();
  return `postgres://postgres:guichet@127.0.0.1:${port}/guichet`;
}

async function vacuumAssets(): Promise<void> {
  const db = createDb(runningDatabaseUrl(), { max: 1, statementTimeoutMillis: 600_000 });
  try {
    await sql`VACUUM (ANALYZE) assets`.execute(db);
  } finally {
    await db.destroy();
  }
}

// ---- the run -----------------------------------------------------------------------------

async function existingDatabase(): Promise<string> {
  const database = await openDatabase(target);
  await database.close();
  return database.version;
}

const version = isSearchOnly ? await existingDatabase() : await prepareDatabase();
mkdirSync(resultsDir, { recursive: true });
const fullFile = path.join(resultsDir, 'sync-items.ndjson');
const changedFile = path.join(resultsDir, 'sync-changed.ndjson');
let started = performance.now();
if (!isSearchOnly) {
  const written = await writeLines(fullFile, inventory(null));
  await writeLines(changedFile, inventory(Math.floor(parameters.items / parameters.changed)));
  console.info(`files: ${written} items (${Math.round(performance.now() - started)} ms to write)`);
}
const fileMb = Math.round(statSync(fullFile).size / 1024 ** 2);

printHeader(
  `inventory sync: ${engineLabel(target, version)}, ${parameters.items} items over ${parameters.contracts} contracts`,
);
const guichet = await startGuichet(target, { logLevel: 'warn' });
const results: Record<string, unknown> = {};
try {
  const admin = await logIn(guichet.baseUrl, 'admin@guichet.example', demoPassword);
  const manager = await logIn(guichet.baseUrl, 'gestionnaire@acme.example', demoPassword);
  const search = (name: string): Promise<LoadResult> =>
    runLoad({
      name,
      baseUrl: guichet.baseUrl,
      connections: 10,
      rate: parameters.rate,
      seconds: parameters.seconds,
      warmupSeconds: 2,
      expectStatus: 200,
      next: searchCalls(manager),
      serverPid: guichet.pid,
    });

  // 1. The first full sync: a million items created (nothing else running).
  const idleBefore = rssMb(guichet.pid);
  let rss = sampleRss(guichet.pid);
  const full = isSearchOnly ? null : await upload(guichet, admin, fullFile, 'mode=full');
  const fullRss = rss.stop();
  if (full) {
    console.info(
      `full sync, first: ${full.run.counts.lines} lines, created ${full.run.counts.created}, ` +
        `rejected ${full.run.counts.rejected}: ${full.wallMs} ms (run ${full.run.durationMs} ms); ` +
        `API RSS idle ${idleBefore} MB, max ${fullRss.maxMb} MB while streaming (+${fullRss.maxMb - idleBefore} MB)`,
    );
  }

  // 2. The item search idle, on the contracts now filled: once the table is vacuumed and
  //    analysed (autovacuum would otherwise be busy with the million new rows, and their GIN
  //    pending lists, during the measure), and each searched contract searched once (a large
  //    one's first search loads it into the process's item index).
  started = performance.now();
  if (!isSearchOnly) await vacuumAssets();
  const vacuumMs = Math.round(performance.now() - started);
  for (let n = 1; n <= searchedContracts; n += 1) {
    const response = await fetch(`${guichet.baseUrl}/api/contracts/${contractId(n)}/assets?q=app`, {
      headers: { cookie: manager },
    });
    if (response.status !== 200) throw new Error(`warm-up search: ${response.status}`);
    await response.arrayBuffer();
  }
  console.info(
    `VACUUM (ANALYZE) assets: ${vacuumMs} ms; the ${searchedContracts} searched contracts searched once`,
  );
  const searchIdle = await search('item search, idle');
  const idleAfter = rssMb(guichet.pid);

  // 3. The same file again while the search runs: the nightly full export that changes
  //    nothing (every line read, checked and compared; nothing written or retired).
  rss = sampleRss(guichet.pid);
  started = performance.now();
  const syncing = upload(guichet, admin, fullFile, 'mode=full');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const searchDuring = await search('item search while a full sync runs');
  const searchEndedS = (performance.now() - started) / 1000;
  const again = await syncing;
  const againRss = rss.stop();
  console.info(
    `full sync, same file: unchanged ${again.run.counts.unchanged}, retired ${again.run.counts.retired}: ` +
      `${again.wallMs} ms (the search ran from 2 s to ${searchEndedS.toFixed(1)} s of it); ` +
      `RSS max ${againRss.maxMb} MB (idle ${idleAfter} MB)`,
  );

  // 4. An incremental file of changed items.
  const rssIncremental = sampleRss(guichet.pid);
  const incremental = isSearchOnly
    ? null
    : await upload(guichet, admin, changedFile, 'mode=upsert');
  const incrementalRss = rssIncremental.stop();
  if (incremental) {
    console.info(
      `incremental sync: ${incremental.run.counts.lines} lines, updated ${incremental.run.counts.updated}, ` +
        `unchanged ${incremental.run.counts.unchanged}: ${incremental.wallMs} ms (run ${incremental.run.durationMs} ms)`,
    );
  }

  const p95Ratio = searchDuring.latencyMs.p95 / searchIdle.latencyMs.p95;
  const checks = {
    ...(full && { 'full sync of 1 M items ≤ 90 s': full.wallMs <= 90_000 }),
    ...(incremental && { 'incremental sync of 10 k items ≤ 3 s': incremental.wallMs <= 3000 }),
    'RSS ≤ 150 MB above idle while streaming':
      Math.max(full ? fullRss.maxMb - idleBefore : 0, againRss.maxMb - idleAfter) <= 150,
    'search p95 while syncing within 20 % of idle': p95Ratio <= 1.2,
  };
  for (const [check, isMet] of Object.entries(checks)) {
    console.info(`${isMet ? 'met   ' : 'MISSED'} ${check}`);
  }
  console.info(
    `search p95 ${searchDuring.latencyMs.p95} ms syncing / ${searchIdle.latencyMs.p95} ms idle = ×${p95Ratio.toFixed(2)}`,
  );
  Object.assign(results, {
    parameters,
    isSearchOnly,
    fileMb,
    full: full && {
      wallMs: full.wallMs,
      run: { ...full.run, errors: full.run.errors.slice(0, 5) },
    },
    fullUnchanged: { wallMs: again.wallMs, run: { ...again.run, errors: [] }, searchEndedS },
    incremental: incremental && {
      wallMs: incremental.wallMs,
      run: { ...incremental.run, errors: [] },
    },
    rssMb: {
      idleBefore,
      idleAfter,
      fullMax: full && fullRss.maxMb,
      fullUnchangedMax: againRss.maxMb,
      incrementalMax: incremental && incrementalRss.maxMb,
      samples: fullRss.samples,
    },
    search: { during: searchDuring, idle: searchIdle, p95Ratio: Number(p95Ratio.toFixed(3)) },
    vacuumMs,
    loadAverage: os.loadavg(),
    checks,
  });
} finally {
  await guichet.stop();
}
const file = writeResults(isSearchOnly ? 'sync-search' : 'sync', target, version, null, results);
// The latest run also as bench/results/sync.json, whichever engine it ran on.
if (!isSearchOnly) createWriteStream(path.join(resultsDir, 'sync.json')).end(readFileSync(file));
