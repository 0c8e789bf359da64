/**
 * `npm run bench:queue [-- --connections 5 --seconds 10 --warmup 3 --rate 20]`
 *
 * The back-office queue (`GET /api/back-office/requests`, 25 a page with the exact total) at
 * a million requests, as an agent works it: the open requests oldest first (the default
 * view), a customer's or a contract's requests, a catalog's, the unassigned ones, and the
 * text search by number, customer reference and customer name over every status. Issue 22's
 * target: every view at 20/s offered, p95 ≤ 40 ms.
 */
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { Random } from './dataset.ts';
import { engineLabel, logIn, printHeader, scenariosOn, writeResults } from './load.ts';
import type { HttpCall, LoadResult } from './load.ts';
import { startGuichet } from './processes.ts';
import { cycle, loadDataset, parseRunOptions } from './run-options.ts';
import { latencyTargets, printTargets } from './targets.ts';

const options = parseRunOptions({
  connections: 5,
  rate: 20,
  saturated: false,
  seconds: 10,
  warmupSeconds: 3,
});
const { target, version, manifest } = await loadDataset();
const users = manifest.users.filter((user) => user.contracts.length > 0);
const random = new Random(13);

type Query = () => Record<string, string>;

printHeader(
  `back-office queue: ${engineLabel(target, version)}, ${manifest.counts['requests']} requests`,
);
const guichet = await startGuichet(target);
const results: LoadResult[] = [];
try {
  const cookie = await logIn(guichet.baseUrl, 'agent@guichet.example', manifest.password);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${guichet.baseUrl}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  // What an agent would type: numbers and references of requests seen in the queue, and
  // the first word of the sample customers' names.
  const { customers } = await get<{ customers: { id: string; name: string }[] }>(
    '/api/back-office/filters',
  );
  const customerIds = users.map((user) => {
    const customer = customers.find((candidate) => candidate.name === user.customerName);
    if (!customer) throw new Error(`no customer ${user.customerName}`);
    return customer.id;
  });
  const seen = await get<{ items: { number: string; customerReference: string | null }[] }>(
    '/api/back-office/requests?group=terminee&sort=newest&limit=100',
  );
  const numbers = seen.items.map((item) => item.number);
  const references = seen.items.flatMap((item) => item.customerReference ?? []);
  const largest = users.find((user) => user.customerRank === 0);
  const largestId = largest ? customerIds[users.indexOf(largest)] : undefined;
  if (!largestId || references.length === 0) throw new Error('no sample to search for');

  const scenarios: [name: string, query: Query][] = [
    ['queue, open, oldest first (default view)', () => ({ group: 'open' })],
    ['queue, a customer, every status', () => ({ customerId: random.pick(customerIds) })],
    ['queue, the largest customer, open', () => ({ customerId: largestId, group: 'open' })],
    [
      'queue, a contract, terminée, newest first',
      () => ({
        contractId: random.pick(random.pick(users).contracts).id,
        group: 'terminee',
        sort: 'newest',
      }),
    ],
    ['queue, a catalog, open', () => ({ catalogId: stableId('catalog:standard'), group: 'open' })],
    ['queue, unassigned, open', () => ({ assignee: 'none', group: 'open' })],
    ['queue, search a number, every status', () => ({ q: random.pick(numbers) })],
    ['queue, search a number’s digits', () => ({ q: random.pick(numbers).slice(-6) })],
    ['queue, search a customer reference', () => ({ q: random.pick(references) })],
    [
      'queue, search a customer’s name, open',
      () => ({ q: random.pick(users).customerName.split(' ')[0] ?? '', group: 'open' }),
    ],
  ];
  const run = scenariosOn(guichet, options);
  for (const [name, query] of scenarios) {
    const calls = Array.from({ length: 1000 }, (): HttpCall => {
      const search = new URLSearchParams(query()).toString();
      return { method: 'GET', path: `/api/back-office/requests?${search}`, headers: { cookie } };
    });
    results.push(...(await run(name, cycle(calls))));
  }
} finally {
  await guichet.stop();
}
// Issue 22: every back-office queue view at 20/s offered, p95 ≤ 40 ms.
const targets = latencyTargets(results, 'p95', 40, '22');
printTargets(targets);
writeResults('queue', target, version, manifest, { options, results, targets });
