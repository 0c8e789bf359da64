/**
 * `npm run bench:confirm [-- --connections 50 --seconds 15 --warmup 3]`
 *
 * Confirms change requests over HTTP as logged-in customers (one user per sample customer,
 * each on a Flexible Engine tenant of their own contract, « Faire une autre demande »),
 * and, in the same run against the same database, a bare Fastify route doing one INSERT:
 * the ratio Guichet / bare is the figure the issue sets a target for. Between the two, the
 * floor: a bare route running only the statement a confirmation writes with (no session, no
 * checks, no answer to build) — what any confirmation writing the same rows could reach.
 */
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { engineLabel, logInAll, printHeader, runLoad, writeResults } from './load.ts';
import type { HttpCall, LoadResult } from './load.ts';
import { startBareServer, startGuichet } from './processes.ts';
import { cycle, loadDataset, parseRunOptions } from './run-options.ts';

const options = parseRunOptions({
  connections: 50,
  rate: 0,
  saturated: true,
  seconds: 15,
  warmupSeconds: 3,
});
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
    expectStatus: 201,
    next: nextStatement,
  });
} finally {
  await bare.stop();
}

const guichet = await startGuichet(target);
let confirmResult: LoadResult;
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
    expectStatus: 201,
    next,
  });
} finally {
  await guichet.stop();
}

const ratio = confirmResult.throughput / bareResult.throughput;
const checks = {
  'throughput ≥ 50 % of the bare route': ratio >= 0.5,
  'p99 ≤ 100 ms': confirmResult.latencyMs.p99 <= 100,
  'zero errors': confirmResult.errors === 0,
};
const floorRatio = floorResult.throughput / bareResult.throughput;
console.info(`\nGuichet / bare = ${(ratio * 100).toFixed(1)} %`);
console.info(
  `the confirmation statement alone / bare = ${(floorRatio * 100).toFixed(1)} % (Guichet / statement alone = ${((confirmResult.throughput / floorResult.throughput) * 100).toFixed(1)} %)`,
);
for (const [check, met] of Object.entries(checks)) {
  console.info(`  ${met ? 'met   ' : 'MISSED'} ${check}`);
}
writeResults('confirm', target, version, manifest, {
  options,
  customers: users.length,
  results: [bareResult, floorResult, confirmResult],
  ratio: Number(ratio.toFixed(3)),
  statementAloneRatio: Number(floorRatio.toFixed(3)),
  checks,
});
