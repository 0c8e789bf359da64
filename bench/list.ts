/**
 * `npm run bench:list [-- --connections 10 --seconds 10 --warmup 3]`
 *
 * The request list (`GET /api/requests`, 20 a page, newest first, with its total) of the
 * sample customers: the first page, a deep page (a cursor 18 months back, halfway through
 * the generated history), and both with filters (a status group and a contract); then the
 * largest customer alone.
 */
import { encodeCursor } from '../apps/api/src/lib/cursor.ts';
import { Random } from './dataset.ts';
import type { SampleUser } from './dataset.ts';
import { engineLabel, logInAll, printHeader, scenariosOn, writeResults } from './load.ts';
import type { HttpCall, LoadResult } from './load.ts';
import { startGuichet } from './processes.ts';
import { cycle, loadDataset, parseRunOptions } from './run-options.ts';
import { latencyTargets, printTargets } from './targets.ts';

const options = parseRunOptions({
  connections: 10,
  rate: 200,
  saturated: true,
  seconds: 10,
  warmupSeconds: 3,
});
const { target, version, manifest } = await loadDataset();
// The offered load: --rate for the whole platform (every sample customer), a quarter of it
// for the largest customer alone (one customer, eleven of the 2985 users).
const rateFor = (from: 'all' | 'largest'): number =>
  from === 'all' || options.rate === 0 ? options.rate : Math.max(1, Math.round(options.rate / 4));
const users = manifest.users.filter((user) => user.contracts.length > 0);
const largest = users.filter((user) => user.customerRank === 0);
const random = new Random(11);

// The API's cursor is the last row's (issued_at, id); a deep page starts at a point in time.
const halfway = new Date(Date.parse(manifest.generatedAt) - 548 * 86_400_000).toISOString();
const deepCursor = encodeCursor([halfway, 'ffffffff-ffff-4fff-bfff-ffffffffffff']);

type Query = (user: SampleUser) => Record<string, string>;

function calls(from: SampleUser[], cookies: Map<string, string>, query: Query): HttpCall[] {
  return Array.from({ length: 2000 }, () => {
    const user = random.pick(from);
    const search = new URLSearchParams(query(user)).toString();
    return {
      method: 'GET',
      path: `/api/requests${search ? `?${search}` : ''}`,
      headers: { cookie: cookies.get(user.email) ?? '' },
    };
  });
}

const contractOf = (user: SampleUser): string => random.pick(user.contracts).id;
const scenarios: [name: string, from: 'all' | 'largest', query: Query][] = [
  ['list, first page (all customers)', 'all', () => ({})],
  ['list, deep page (all customers)', 'all', () => ({ cursor: deepCursor })],
  [
    'list, first page, en cours + contract (all)',
    'all',
    (user) => ({ group: 'en_cours', contractId: contractOf(user) }),
  ],
  [
    'list, deep page, terminée + contract (all)',
    'all',
    (user) => ({ group: 'terminee', contractId: contractOf(user), cursor: deepCursor }),
  ],
  ['list, first page (largest customer)', 'largest', () => ({})],
  ['list, deep page (largest customer)', 'largest', () => ({ cursor: deepCursor })],
  [
    'list, first page, en cours + contract (largest)',
    'largest',
    (user) => ({ group: 'en_cours', contractId: contractOf(user) }),
  ],
];

printHeader(
  `request list: ${engineLabel(target, version)}, ${manifest.counts['requests']} requests, ${users.length} customers`,
);
const guichet = await startGuichet(target);
const results: LoadResult[] = [];
try {
  const cookies = await logInAll(
    guichet.baseUrl,
    users.map((user) => user.email),
    manifest.password,
  );
  const run = scenariosOn(guichet, options);
  for (const [name, from, query] of scenarios) {
    const next = cycle(calls(from === 'all' ? users : largest, cookies, query));
    results.push(...(await run(name, next, rateFor(from))));
  }
} finally {
  await guichet.stop();
}

// Issue 22: the customer list at 200/s offered, p95 ≤ 10 ms (the largest customer alone at a
// quarter of the rate, judged the same).
const targets = latencyTargets(results, 'p95', 10, '22');
printTargets(targets);
writeResults('list', target, version, manifest, { options, results, targets });
