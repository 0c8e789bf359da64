import { readFile, writeFile } from 'node:fs/promises';
import { createDb } from '@guichet/db';
import { planConfirmation, requestNumberParts } from '@guichet/domain';
import type { CompiledQuery } from '@guichet/db';
import { pageBySlotsStatement } from './features/back-office/back-office.repository.ts';
import { probeQuery } from './features/inventory/inventory.repository.ts';
import {
  confirmationStatement,
  draftConfirmationStatement,
} from './features/requests/request-confirmation.repository.ts';
import { requestPageQuery } from './features/requests/request-lists.repository.ts';
import { formatSql } from './lib/sql-format.ts';

// `npm run sql:snapshots` writes the hot statements, compiled with fixed sample parameters,
// beside their repositories (decision 0021); `-- --check` fails when a committed one is stale
// (run by `npm run check`).
const db = createDb('postgres://unused@127.0.0.1:1/unused'); // never queried: only compiled

const ids = {
  request: '00000000-0000-4000-8000-000000000001',
  user: '00000000-0000-4000-8000-000000000002',
  asset: '00000000-0000-4000-8000-000000000003',
  catalog: '00000000-0000-4000-8000-000000000004',
  article: '00000000-0000-4000-8000-000000000005',
  version: '00000000-0000-4000-8000-000000000006',
  mail: '00000000-0000-4000-8000-000000000007',
};
const at = new Date('2026-03-02T09:30:00.000Z');
const plan = planConfirmation({
  contract: {
    status: 'active',
    freeChangesPerMonth: 2,
    tokenPriceEur: 12.5,
    restrictsRequesters: false,
  },
  article: { billingMode: 'counted', priceTokens: 3 },
  isRequester: true,
  isItemRetired: false,
  outsideBusinessHours: false,
  acknowledgeBilling: false,
});
const { prefix, digits } = requestNumberParts(2026);

const sampleWrite = {
  id: ids.request,
  contractId: 'OCB0000001',
  assetId: ids.asset,
  catalogId: ids.catalog,
  articleId: ids.article,
  articleVersionId: ids.version,
  values: { details: 'Ouvrir le port 443' },
  customerReference: 'REF-1',
  comment: null,
  outsideBusinessHours: false,
  authorId: ids.user,
  at,
  billingMonth: '2026-03-01',
  year: 2026,
  numberPrefix: prefix,
  numberDigits: digits,
  outcomes: plan.outcomes,
  receipt: {
    mailId: ids.mail,
    to: 'client@example.com',
    placeholder: 'GUICHETNUMBER',
    mails: [{ subject: 'GUICHETNUMBER', text: 'GUICHETNUMBER', html: 'GUICHETNUMBER' }],
  },
};

interface Snapshot {
  file: string;
  statements: { name: string; why: string; compiled: CompiledQuery }[];
}

const snapshots: Snapshot[] = [
  {
    file: 'apps/api/src/features/requests/request-confirmation.repository.sql',
    statements: [
      {
        name: 'confirmationStatement',
        why: 'a new request confirmed in one statement (decision 0010), 2 free changes a month',
        compiled: confirmationStatement({
          ...sampleWrite,
          idempotency: { key: 'key-1', fingerprint: 'f'.repeat(64) },
        }).compile(db),
      },
      {
        name: 'draftConfirmationStatement',
        why: 'a saved draft confirmed in one statement, the same steps rewriting the draft (decision 0021)',
        compiled: draftConfirmationStatement({ ...sampleWrite, expectedVersion: 3 }).compile(db),
      },
    ],
  },
  {
    file: 'apps/api/src/features/requests/request-lists.repository.sql',
    statements: [
      {
        name: 'requestPageQuery',
        why: "the customer's list, first page of two contracts, no filter",
        compiled: requestPageQuery(
          db,
          { contractIds: ['OCB0000001', 'OCB0000002'], viewerId: ids.user, limit: 25 },
          ['OCB0000001', 'OCB0000002'],
        ).compile(),
      },
      {
        name: 'requestPageQuery',
        why: "the customer's list, next page of a group, searched",
        compiled: requestPageQuery(
          db,
          {
            contractIds: ['OCB0000001'],
            viewerId: ids.user,
            statuses: ['submitted', 'in_review'],
            q: 'vpn',
            after: [at.toISOString(), ids.request],
            limit: 25,
          },
          ['OCB0000001'],
        ).compile(),
      },
    ],
  },
  {
    file: 'apps/api/src/features/back-office/back-office.repository.sql',
    statements: [
      {
        name: 'pageBySlotsStatement',
        why: "the queue's default page: open statuses, oldest first",
        compiled: pageBySlotsStatement(
          { statuses: ['submitted', 'in_review'], sort: 'oldest', limit: 50 },
          null,
        ).compile(db),
      },
      {
        name: 'pageBySlotsStatement',
        why: "a customer's queue, next page, newest first",
        compiled: pageBySlotsStatement(
          {
            statuses: ['submitted'],
            sort: 'newest',
            after: [at.toISOString(), ids.request],
            limit: 50,
          },
          ['OCB0000001', 'OCB0000002'],
        ).compile(db),
      },
    ],
  },
  {
    file: 'apps/api/src/features/inventory/inventory.repository.sql',
    statements: [
      {
        name: 'probeQuery',
        why: "the item search's small-contract probe, searched, of two types",
        compiled: probeQuery(db, {
          contractId: 'OCB0000001',
          q: 'srv',
          types: ['server', 'vm'],
          limit: 20,
        }).compile(),
      },
    ],
  },
];

function render(snapshot: Snapshot): string {
  const header = [
    '-- Generated by `npm run sql:snapshots` from the repository beside it: do not edit.',
    '-- Each statement as PostgreSQL receives it, with fixed sample parameters.',
  ];
  const parts = snapshot.statements.map(({ name, why, compiled }) => {
    const parameters = compiled.parameters.map(
      (value, index) =>
        `-- $${index + 1} = ${value instanceof Date ? value.toISOString() : JSON.stringify(value)}`,
    );
    return [`-- ${name}: ${why}`, `${formatSql(compiled.sql)};`, ...parameters].join('\n');
  });
  return `${[header.join('\n'), ...parts].join('\n\n')}\n`;
}

const isCheck = process.argv.includes('--check');
const stale: string[] = [];
for (const snapshot of snapshots) {
  const text = render(snapshot);
  if (isCheck) {
    const committed = await readFile(snapshot.file, 'utf8').catch(() => '');
    if (committed !== text) stale.push(snapshot.file);
  } else {
    await writeFile(snapshot.file, text);
    console.info(`wrote ${snapshot.file}`);
  }
}
await db.destroy();
if (stale.length > 0) {
  console.error(
    `stale SQL snapshots (run npm run sql:snapshots and commit them):\n${stale.join('\n')}`,
  );
  process.exit(1);
}
if (isCheck) console.info('SQL snapshots are up to date');
