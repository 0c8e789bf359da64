/**
 * `npm run bench:confirm [-- --connections 50 --seconds 15 --warmup 3 --rate 100]`
 *
 * Confirms change requests over HTTP as logged-in customers (one user per sample customer,
 * each on a Flexible Engine tenant of their own contract, « Faire une autre demande »),
 * and, in the same run against the same database, a bare Fastify route doing one INSERT:
 * the ratio Guichet / bare is the figure the issue sets a target for. Between the two, the
 * floor: a bare route running only the statement a confirmation writes with (no session, no
 * checks, no answer to build) — what any confirmation writing the same rows could reach.
 * The three run saturated (closed loop); then Guichet again at an offered rate (open loop,
 * 100/s unless `--rate`), for the latency issue 22 sets a target for.
 */
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { engineLabel, logInAll, printHeader, runLoad, writeResults } from './load.ts';
import type { HttpCall, LoadResult } from './load.ts';
import { startBareServer, startGuichet } from './processes.ts';
import { cycle, loadDataset, parseRunOptions } from './run-options.ts';
import { atLeast, atMost, printTargets } from './targets.ts';

const options = parseRunOptions({
  connections: 50,
  rate: 0,
  saturated: true,
  seconds: 15,
  warmupSeconds: 3,
});
const offeredRate = options.rate > 0 ? options.rate : 100;
const { target, version, manifest } = await loadDataset();
const users = manifest.users.filter((user) => user.contracts.length > 0).slice(0, 50);
const details = 'Merci d’ouvrir le flux HTTPS sortant vers notre prestataire de paie.';

printHeader(`confirm: ${engineLabel(target, version)}, ${users.length} customers`);

/** A JSON POST of the load, with the user's session cookie when given. */
function postJson(path: string, body: unknown, cookie?: string): HttpCall {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...(cookie === undefined ? {} : { cookie }) },
    body: JSON.stringify(body),
  };
}

const catalogId = stableId('catalog:standard');
const articleId = stableId('article:standard:faire-une-autre-demande');
function contractOf(user: (typeof users)[number]) {
  const contract = user.contracts[0];
  if (!contract) throw new Error(`${user.email} has no contract`);
  return contract;
}

const bare = await startBareServer(target);
let bareResult: LoadResult;
let floorResult: LoadResult;
try {
  const next = cycle(
    users.map((user) =>
      postJson('/bare', { contractId: contractOf(user).id, values: { details } }),
    ),
  );
  bareResult = await runLoad({
    name: 'bare Fastify route, one INSERT',
    baseUrl: bare.baseUrl,
    serverPid: bare.pid,
    ...options,
    rate: 0,
    expectStatus: 201,
    next,
  });
  const nextStatement = cycle(
    users.map((user) => {
      const contract = contractOf(user);
      return postJson('/bare/confirmation-statement', {
        contractId: contract.id,
        assetId: contract.tenantId,
        catalogId,
        articleId,
        authorEmail: user.email,
        values: { details },
      });
    }),
  );
  floorResult = await runLoad({
    name: 'bare route, the confirmation statement',
    baseUrl: bare.baseUrl,
    serverPid: bare.pid,
    ...options,
    rate: 0,
    expectStatus: 201,
    next: nextStatement,
  });
} finally {
  await bare.stop();
}

const guichet = await startGuichet(target);
let confirmResult: LoadResult;
let offeredResult: LoadResult;
try {
  const cookies = await logInAll(
    guichet.baseUrl,
    users.map((user) => user.email),
    manifest.password,
  );
  const next = cycle(
    users.map((user) => {
      const contract = contractOf(user);
      return postJson(
        '/api/requests',
        {
          action: 'confirm',
          contractId: contract.id,
          assetId: contract.tenantId,
          catalogId,
          articleId,
          values: { details },
          acknowledgeBilling: true,
        },
        cookies.get(user.email) ?? '',
      );
    }),
  );
  confirmResult = await runLoad({
    name: 'Guichet: confirm a change request',
    baseUrl: guichet.baseUrl,
    serverPid: guichet.pid,
    ...options,
    rate: 0,
    expectStatus: 201,
    next,
  });
  // The latency a portal's load sees: an open loop at the offered rate (100/s unless --rate).
  offeredResult = await runLoad({
    name: 'Guichet: confirm a change request',
    baseUrl: guichet.baseUrl,
    serverPid: guichet.pid,
    ...options,
    rate: offeredRate,
    expectStatus: 201,
    next,
  });
} finally {
  await guichet.stop();
}

const ratio = confirmResult.throughput / bareResult.throughput;
const floorRatio = floorResult.throughput / bareResult.throughput;
const ofStatement = confirmResult.throughput / floorResult.throughput;
console.info(`\nGuichet / bare = ${(ratio * 100).toFixed(1)} %`);
console.info(
  `the confirmation statement alone / bare = ${(floorRatio * 100).toFixed(1)} % (Guichet / statement alone = ${(ofStatement * 100).toFixed(1)} %)`,
);
const targets = [
  atMost(
    'PostgreSQL CPU per confirmation statement (statement alone)',
    floorResult.cpuMsPerAnswer?.postgres ?? null,
    0.6,
    'ms',
    '22',
  ),
  atLeast('Guichet confirm / its statement alone', ofStatement * 100, 95, '%', '22'),
  atLeast('Guichet confirm / bare INSERT route', ratio * 100, 25, '%', '22'),
  atMost(`confirm at ${offeredRate}/s: p99`, offeredResult.latencyMs.p99, 50, 'ms', '22'),
  atMost('confirm: errors', confirmResult.errors + offeredResult.errors, 0, '', '22'),
];
printTargets(targets);
writeResults('confirm', target, version, manifest, {
  options,
  customers: users.length,
  results: [bareResult, floorResult, confirmResult, offeredResult],
  ratio: Number(ratio.toFixed(3)),
  statementAloneRatio: Number(floorRatio.toFixed(3)),
  targets,
});
