/**
 * `npm run bench:live [-- --clients 2000 --changes 20 --seconds 10 --warmup 3 --connections 50]`
 *
 * The live stream (issue 15) on one API process with its embedded PostgreSQL and the demo
 * data (a fresh data folder: nothing else is needed). Opens `clients` server-sent event
 * streams, each on a session of its own — ACME's three customer users and a few of Globex
 * and of the agent — then:
 *   1. an agent moves ACME requests one at a time: how long until every concerned stream
 *      (ACME's and the agents') hears of each move, counted from the moment the move was
 *      sent (p95 ≤ 1 s, p99 ≤ 2 s); Globex's streams must hear nothing of it;
 *   2. the process's resident memory, idle and with the streams open (≤ 200 MB more);
 *   3. confirm throughput (Globex's manager confirming on Globex's contract, as
 *      bench:confirm does) without and with the streams open (within 10 %).
 * Prints the figures and writes bench/results/live.json.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { logIn, machine, printHeader, runLoad } from './load.ts';
import type { HttpCall, LoadResult } from './load.ts';
import { resultsDir, startGuichet } from './processes.ts';
import { cycle } from './run-options.ts';
import type { FromStreams, ToStreams } from './live-streams.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '2000' },
    changes: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
  },
});
const clients = Number(values.clients);
const changes = Number(values.changes);
const loadOptions = {
  connections: Number(values.connections),
  seconds: Number(values.seconds),
  warmupSeconds: Number(values.warmup),
};
const password = 'Demo.Guichet.2026';
/** Who the streams are: mostly ACME's customers, a few Globex users and operators. */
const agentStreams = Math.max(1, Math.round(clients * 0.01));
const globexStreams = Math.max(1, Math.round(clients * 0.01));
const acmeUsers = [
  'gestionnaire@acme.example',
  'visiteur@acme.example',
  'integrateur@partner.example',
];

const dataDir = mkdtempSync(path.join(tmpdir(), 'guichet-bench-live-'));
// As root the embedded server runs as `postgres`, who must be able to enter the folder.
chmodSync(dataDir, 0o755);
const target = { engine: 'embedded' as const, databaseUrl: null, dataDir };

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

type Audience = 'acme' | 'globex' | 'agent';

/** The stream clients' process (bench/live-streams.ts) and a way to ask it and wait. */
function startStreams() {
  const child = fork(fileURLToPath(new URL('./live-streams.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const ask = <T extends FromStreams['type']>(
    message: ToStreams,
    answer: T,
  ): Promise<Extract<FromStreams, { type: T }>> =>
    new Promise((resolve) => {
      const listener = (reply: FromStreams) => {
        if (reply.type !== answer) return;
        child.off('message', listener);
        resolve(reply as Extract<FromStreams, { type: T }>);
      };
      child.on('message', listener);
      child.send(message);
    });
  return { child, ask };
}

async function post(
  baseUrl: string,
  cookie: string,
  url: string,
  body: unknown = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const details = 'Merci d’ouvrir le flux HTTPS sortant vers notre prestataire de paie.';
const catalogId = stableId('catalog:standard');
const articleId = stableId('article:standard:faire-une-autre-demande');

printHeader(`live: ${clients} streams on one API process (embedded PostgreSQL, demo data)`);
const guichet = await startGuichet(target, { logLevel: 'warn' });
let result: Record<string, unknown>;
try {
  const idleRss = rssMb(guichet.pid);
  const audiences: Audience[] = [
    ...Array.from({ length: agentStreams }, () => 'agent' as const),
    ...Array.from({ length: globexStreams }, () => 'globex' as const),
    ...Array.from({ length: clients - agentStreams - globexStreams }, () => 'acme' as const),
  ];
  console.info(`logging in ${audiences.length} sessions (one per stream)…`);
  const started = Date.now();
  const acmeNext = cycle(acmeUsers);
  const emailOf = (audience: Audience) =>
    audience === 'agent'
      ? 'agent@guichet.example'
      : audience === 'globex'
        ? 'gestionnaire@globex.example'
        : acmeNext();
  const cookies: string[] = new Array<string>(audiences.length);
  let nextLogin = 0;
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      while (nextLogin < audiences.length) {
        const index = nextLogin++;
        cookies[index] = await logIn(
          guichet.baseUrl,
          emailOf(audiences[index] ?? 'acme'),
          password,
        );
      }
    }),
  );
  console.info(`  ${audiences.length} sessions in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const [manager, agentCookie, globexManager] = await Promise.all([
    logIn(guichet.baseUrl, 'gestionnaire@acme.example', password),
    logIn(guichet.baseUrl, 'agent@guichet.example', password),
    logIn(guichet.baseUrl, 'gestionnaire@globex.example', password),
  ]);
  const confirmCall: HttpCall = {
    method: 'POST',
    path: '/api/requests',
    headers: { 'content-type': 'application/json', cookie: globexManager },
    body: JSON.stringify({
      action: 'confirm',
      contractId: 'OCB0007001',
      assetId: stableId('asset:OCB0007001:FE-OCB0007001-1'),
      catalogId,
      articleId,
      values: { details },
      acknowledgeBilling: true,
    }),
  };
  // Every confirmation of the load is on the same item, and a confirmation counts the item's
  // open requests (« déjà en cours »): each load first closes the previous one's, so that
  // both start alike (straight in the database: the bench's housekeeping, not a move).
  const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split(
    '\n',
  )[3];
  const database = new pg.Client({
    connectionString: `postgres://postgres:guichet@127.0.0.1:${port}/guichet`,
  });
  await database.connect();
  const closeLoadRequests = () =>
    database.query(
      `UPDATE requests SET status = 'done' WHERE contract_id = 'OCB0007001' AND status <> 'done'`,
    );
  const confirmLoad = async (name: string): Promise<LoadResult> => {
    await closeLoadRequests();
    return runLoad({
      name,
      baseUrl: guichet.baseUrl,
      serverPid: guichet.pid,
      ...loadOptions,
      rate: 0,
      expectStatus: 201,
      next: () => confirmCall,
    });
  };

  // The machine is shared: runs without and with the streams alternate, twice, and the
  // figures compared are the sums over both rounds (and the CPU time per answer).
  const withoutRuns: LoadResult[] = [await confirmLoad('confirm, no stream open (1)')];

  const clientsProcess = startStreams();
  const opened = await clientsProcess.ask(
    {
      type: 'open',
      baseUrl: guichet.baseUrl,
      streams: audiences.map((audience, index) => ({ cookie: cookies[index] ?? '', audience })),
    },
    'opened',
  );
  console.info(`  ${opened.count} streams open`);
  const openRss = rssMb(guichet.pid);

  // ACME requests to move, confirmed beforehand.
  const ids: string[] = [];
  for (let index = 0; index < changes; index += 1) {
    const created = await post(guichet.baseUrl, manager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
      catalogId,
      articleId,
      values: { details },
      acknowledgeBilling: true,
    });
    ids.push(String(created['id']));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const latencies: number[] = [];
  let missing = 0;
  const concernedStreams = audiences.filter((audience) => audience !== 'globex').length;
  for (const id of ids) {
    const heard = clientsProcess.ask({ type: 'watch', id }, 'heard');
    const sentAt = performance.timeOrigin + performance.now();
    await post(guichet.baseUrl, agentCookie, `/api/back-office/requests/${id}/start-review`);
    const { arrivals, missing: notHeard } = await heard;
    missing += notHeard;
    for (const at of arrivals) latencies.push(at - sentAt);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  latencies.sort((a, b) => a - b);
  const busyRss = rssMb(guichet.pid);

  const withRuns: LoadResult[] = [await confirmLoad(`confirm, ${opened.count} streams open (1)`)];
  const { foreign, globexHeard } = await clientsProcess.ask({ type: 'report' }, 'report');
  const closed = new Promise((resolve) => clientsProcess.child.once('exit', resolve));
  clientsProcess.child.send({ type: 'close' } satisfies ToStreams);
  await closed;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  withoutRuns.push(await confirmLoad('confirm, no stream open (2)'));
  const again = startStreams();
  await again.ask(
    {
      type: 'open',
      baseUrl: guichet.baseUrl,
      streams: audiences.map((audience, index) => ({ cookie: cookies[index] ?? '', audience })),
    },
    'opened',
  );
  withRuns.push(await confirmLoad(`confirm, ${opened.count} streams open (2)`));
  again.child.send({ type: 'close' } satisfies ToStreams);
  const sum = (runs: LoadResult[]) => runs.reduce((total, run) => total + run.requests, 0);
  const serverCpu = (runs: LoadResult[]) =>
    runs.reduce((total, run) => total + (run.cpuMsPerAnswer?.server ?? 0), 0) / runs.length;
  const without = {
    requests: sum(withoutRuns),
    throughput: sum(withoutRuns) / (2 * loadOptions.seconds),
    serverCpuMsPerAnswer: Number(serverCpu(withoutRuns).toFixed(3)),
  };
  const withStreams = {
    requests: sum(withRuns),
    throughput: sum(withRuns) / (2 * loadOptions.seconds),
    serverCpuMsPerAnswer: Number(serverCpu(withRuns).toFixed(3)),
  };
  await database.end();

  const delivery = {
    changes: ids.length,
    concernedStreams,
    deliveries: latencies.length,
    missing,
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    p99: Math.round(percentile(latencies, 99)),
    max: Math.round(latencies.at(-1) ?? Number.NaN),
  };
  const ratio = withStreams.throughput / without.throughput;
  const memory = {
    idleMb: idleRss,
    streamsOpenMb: openRss,
    afterChangesMb: busyRss,
    aboveIdleMb: Math.max(openRss, busyRss) - idleRss,
  };
  const checks = {
    'every concerned stream heard every change': missing === 0,
    'delivery p95 ≤ 1 s': delivery.p95 <= 1000,
    'delivery p99 ≤ 2 s': delivery.p99 <= 2000,
    'resident memory ≤ 200 MB above idle': memory.aboveIdleMb <= 200,
    'confirm throughput with the streams ≥ 90 % of without': ratio >= 0.9,
    'no stream heard of another customer': globexHeard === 0 && foreign === 0,
  };
  console.info(
    `\ndelivery of ${delivery.changes} status changes to ${delivery.concernedStreams} concerned streams: p50 ${delivery.p50} ms, p95 ${delivery.p95} ms, p99 ${delivery.p99} ms, max ${delivery.max} ms, ${missing} missing`,
  );
  console.info(
    `resident memory: idle ${memory.idleMb} MB, ${opened.count} streams open ${memory.streamsOpenMb} MB, after the changes ${memory.afterChangesMb} MB (+${memory.aboveIdleMb} MB)`,
  );
  console.info(
    `confirm throughput over both rounds: ${without.throughput.toFixed(0)}/s without streams, ${withStreams.throughput.toFixed(0)}/s with (${(ratio * 100).toFixed(1)} %); Guichet's CPU per answer ${without.serverCpuMsPerAnswer} ms without, ${withStreams.serverCpuMsPerAnswer} ms with`,
  );
  for (const [check, met] of Object.entries(checks))
    console.info(`  ${met ? 'met   ' : 'MISSED'} ${check}`);
  result = {
    options: { clients, changes, ...loadOptions, agentStreams, globexStreams },
    delivery,
    memory,
    confirm: {
      without,
      withStreams,
      ratio: Number(ratio.toFixed(3)),
      runs: { without: withoutRuns, with: withRuns },
    },
    checks,
  };
} finally {
  await guichet.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, 'live.json');
writeFileSync(
  file,
  `${JSON.stringify({ scenario: 'live', at: new Date().toISOString(), engine: 'PostgreSQL 18 (embedded)', machine: machine(), ...result }, null, 2)}\n`,
);
console.info(`\nwritten to ${path.relative(process.cwd(), file)}`);
