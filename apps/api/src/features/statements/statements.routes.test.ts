import {
  BackOfficeStatementsPage,
  ContractStatementList,
  RequestDetail,
  StatementDetail,
} from '@guichet/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildContract } from '../../test/builders.ts';
import { createHarness, demo, errorOf, stableId, bodyOf } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { closeOverMonths } from './statements.service.ts';

const h = await createHarness();
let life: Lifecycle;
let admin: string;
let visitor: string;
let globex: string;

/** Contracts of this file: Paris, Martinique (UTC−4) and one without free changes. */
const contracts = { paris: '', martinique: '', noFree: '', extra: '' };
const tenants = { paris: '', martinique: '', noFree: '', extra: '' };
const managerId = stableId('user:gestionnaire@acme.example');

const otherArticle = {
  catalogId: demo.standard,
  articleId: demo.other,
  values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
};
const offCatalog = {
  catalogId: demo.ucb,
  articleId: demo.offCatalog,
  values: {
    subject: 'VPN IPsec vers Lyon',
    description: 'Mise en place d’un VPN IPsec vers notre site de Lyon, sur devis.',
  },
};

async function confirmAt(
  at: string,
  contract: keyof typeof contracts,
  body: Record<string, unknown> = otherArticle,
  outsideBusinessHours = false,
): Promise<string> {
  h.setNow(new Date(at));
  const response = await life.post(life.manager, '/api/requests', {
    action: 'confirm',
    contractId: contracts[contract],
    assetId: tenants[contract],
    acknowledgeBilling: true,
    outsideBusinessHours,
    ...body,
  });
  if (response.statusCode !== 201) throw new Error(`confirm: ${response.body}`);
  return bodyOf(response, RequestDetail).id;
}

async function quoteAnsweredAt(
  confirmedAt: string,
  answeredAt: string,
  contract: keyof typeof contracts,
  answer: 'accept' | 'refuse',
  amountTokens: number,
): Promise<string> {
  const id = await confirmAt(confirmedAt, contract, offCatalog);
  const validUntil = new Date(Date.parse(answeredAt) + 10 * 86_400_000).toISOString().slice(0, 10);
  const sent = await life.sendQuote(id, { amountTokens, validUntil });
  expect(sent.statusCode, sent.body).toBe(201);
  const quote = await h.database.db
    .selectFrom('quotes')
    .select('id')
    .where('request_id', '=', id)
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  h.setNow(new Date(answeredAt));
  const answered = await life.post(
    life.manager,
    `/api/requests/${id}/quotes/${quote.id}/${answer}`,
  );
  expect(answered.statusCode, answered.body).toBe(200);
  return id;
}

async function cancel(id: string, at: string): Promise<void> {
  h.setNow(new Date(at));
  const response = await life.post(life.manager, `/api/requests/${id}/cancel`);
  expect(response.statusCode, response.body).toBe(200);
}

async function reject(id: string, at: string): Promise<void> {
  h.setNow(new Date(at));
  const response = await life.post(life.agent, `/api/back-office/requests/${id}/reject`, {
    reason: 'Hors périmètre',
  });
  expect(response.statusCode, response.body).toBe(200);
}

const get = (cookie: string, url: string) =>
  h.app.inject({ method: 'GET', url, headers: { cookie } });

/**
 * The oracle: every contract's figures for a month, in one statement written apart from the
 * service — from the requests' confirmation instants in the contracts' time zones, their
 * statuses, and the contracts' token price (constant in this data set), never from
 * `billing_month`, the price history or the statements tables.
 */
async function oracle(month: string) {
  const result = await sql<{
    contract_id: string;
    free_used: number;
    change_count: number;
    quote_count: number;
    tokens: number;
    cents: number;
  }>`
    WITH zone AS (SELECT id, time_zone, token_price_eur FROM contracts),
    billed AS (
      SELECT r.contract_id, 'change' AS kind, (r.billing ->> 'priceTokens')::int AS tokens,
             round((r.billing ->> 'priceTokens')::int * z.token_price_eur * 100) AS cents
        FROM requests r JOIN zone z ON z.id = r.contract_id
       WHERE r.status <> 'draft' AND r.billing ->> 'kind' = 'billable'
         AND r.status NOT IN ('rejected', 'cancelled')
         AND to_char(r.submitted_at AT TIME ZONE z.time_zone, 'YYYY-MM') = ${month}
      UNION ALL
      SELECT r.contract_id, 'quote', q.amount_tokens, round(q.amount_eur * 100)
        FROM quotes q JOIN requests r ON r.id = q.request_id JOIN zone z ON z.id = r.contract_id
       WHERE q.status = 'accepted'
         AND to_char(q.answered_at AT TIME ZONE z.time_zone, 'YYYY-MM') = ${month}
    ),
    free AS (
      SELECT r.contract_id, count(*)::int AS used
        FROM requests r JOIN zone z ON z.id = r.contract_id
       WHERE r.status <> 'draft' AND r.billing ->> 'kind' = 'free'
         AND to_char(r.submitted_at AT TIME ZONE z.time_zone, 'YYYY-MM') = ${month}
       GROUP BY r.contract_id
    )
    SELECT z.id AS contract_id,
           coalesce(f.used, 0) AS free_used,
           count(b.kind) FILTER (WHERE b.kind = 'change')::int AS change_count,
           count(b.kind) FILTER (WHERE b.kind = 'quote')::int AS quote_count,
           coalesce(sum(b.tokens), 0)::int AS tokens,
           coalesce(sum(b.cents), 0)::int AS cents
      FROM zone z
      LEFT JOIN billed b ON b.contract_id = z.id
      LEFT JOIN free f ON f.contract_id = z.id
     GROUP BY z.id, f.used
     ORDER BY z.id`.execute(h.database.db);
  return result.rows;
}

/**
 * The oracle's free lines of a month: every change that took a free change, confirmed in the
 * month (its confirmation instant in its contract's time zone), whatever became of it — from
 * the requests alone, never from `billing_month`, the usage counter or the statements tables.
 */
async function oracleFreeLines(month: string) {
  const result = await sql<{
    contract_id: string;
    number: string;
    article_fr: string;
    at: string;
    ended_as: string | null;
  }>`
    SELECT r.contract_id, r.number, v.name_fr AS article_fr,
           to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
           CASE WHEN r.status IN ('rejected', 'cancelled') THEN r.status END AS ended_as
      FROM requests r
      JOIN contracts c ON c.id = r.contract_id
      JOIN article_versions v ON v.id = r.article_version_id
     WHERE r.status <> 'draft' AND r.billing ->> 'kind' = 'free'
       AND to_char(r.submitted_at AT TIME ZONE c.time_zone, 'YYYY-MM') = ${month}
     ORDER BY r.contract_id, r.submitted_at, r.number`.execute(h.database.db);
  return result.rows;
}

/** The service's free lines of a month, for the contracts the oracle names. */
async function serviceFreeLines(month: string, contractIds: readonly string[]) {
  const rows: Awaited<ReturnType<typeof oracleFreeLines>> = [];
  for (const contractId of [...contractIds].sort()) {
    const response = await get(admin, `/api/back-office/statements/${contractId}/${month}`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = bodyOf(response, StatementDetail);
    const free = detail.lines.filter((line: { kind: string }) => line.kind === 'free');
    // the count « utilisés » is the free lines listed
    expect(free, `${contractId} ${month}`).toHaveLength(detail.freeChangesUsed);
    for (const line of free) {
      expect(line).toMatchObject({ tokens: 0, amountCents: 0, amountEur: '0.00' });
      rows.push({
        contract_id: contractId,
        number: line.number,
        article_fr: line.articleName.fr,
        at: line.at,
        ended_as: line.endedAs,
      });
    }
  }
  return rows;
}

interface Summary {
  contractId: string;
  status: string;
  freeChangesUsed: number;
  totals: { changeCount: number; quoteCount: number; tokens: number; cents: number; eur: string };
}

async function serviceFigures(month: string) {
  const items: Summary[] = [];
  let cursor: string | null = null;
  let grand: Summary['totals'] | null = null;
  do {
    const response = await get(
      admin,
      `/api/back-office/statements?month=${month}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = bodyOf(response, BackOfficeStatementsPage);
    items.push(...page.items);
    grand = page.grandTotals;
    cursor = page.nextCursor;
  } while (cursor);
  return {
    grand,
    rows: items
      .map((item) => ({
        contract_id: item.contractId,
        free_used: item.freeChangesUsed,
        change_count: item.totals.changeCount,
        quote_count: item.totals.quoteCount,
        tokens: item.totals.tokens,
        cents: item.totals.cents,
      }))
      .sort((a, b) => a.contract_id.localeCompare(b.contract_id)),
    items,
  };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  life = await createLifecycle(h);
  [admin, visitor, globex] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('visiteur@acme.example'),
    h.login('gestionnaire@globex.example'),
  ]);
  // the clock travels from October to December: the sessions outlive it
  await h.database.db
    .updateTable('sessions')
    .set({ expires_at: new Date('2030-01-01T00:00:00Z') })
    .execute();
  const paris = await buildContract(h.database.db, {
    freeChangesPerMonth: 2,
    tokenPriceEur: 12.35,
    managers: ['gestionnaire@acme.example'],
  });
  const martinique = await buildContract(h.database.db, {
    freeChangesPerMonth: 1,
    tokenPriceEur: 40,
    managers: ['gestionnaire@acme.example'],
  });
  const noFree = await buildContract(h.database.db, {
    freeChangesPerMonth: 0,
    tokenPriceEur: 0.07,
    managers: ['gestionnaire@acme.example'],
  });
  contracts.paris = paris.contractId;
  contracts.martinique = martinique.contractId;
  contracts.noFree = noFree.contractId;
  tenants.paris = paris.tenantId;
  tenants.martinique = martinique.tenantId;
  tenants.noFree = noFree.tenantId;
  await h.database.db
    .updateTable('contracts')
    .set({ time_zone: 'America/Martinique' })
    .where('id', '=', contracts.martinique)
    .execute();
  // gestionnaire@acme is Gestionnaire on Contrats of this file's contracts (Visiteur on the demo's)
  await h.database.db
    .insertInto('grants')
    .values(
      [contracts.paris, contracts.martinique, contracts.noFree].map((contractId) => ({
        user_id: managerId,
        contract_id: contractId,
        section: 'contracts',
        profile: 'manager' as const,
      })),
    )
    .execute();

  // October, Paris: one free (cancelled: its free change stays used), then a free and a
  // billable in the last minutes of October (Paris time)
  ids.freeCancelled = await confirmAt('2026-10-05T09:00:00Z', 'paris');
  await cancel(ids.freeCancelled, '2026-10-05T10:00:00Z');
  await confirmAt('2026-10-31T22:50:00Z', 'paris');
  await confirmAt('2026-10-31T22:55:00Z', 'paris');
  // November, Paris: 2 free, then billables (one × 2, one cancelled, one rejected, one done)
  await confirmAt('2026-10-31T23:05:00Z', 'paris'); // 00:05 on 1 November in Paris: free
  await confirmAt('2026-11-03T10:00:00Z', 'paris'); // free
  ids.billable = await confirmAt('2026-11-04T10:00:00Z', 'paris');
  ids.doubled = await confirmAt('2026-11-05T20:00:00Z', 'paris', otherArticle, true);
  ids.cancelled = await confirmAt('2026-11-06T10:00:00Z', 'paris');
  await cancel(ids.cancelled, '2026-11-06T11:00:00Z');
  ids.rejected = await confirmAt('2026-11-07T10:00:00Z', 'paris');
  await reject(ids.rejected, '2026-11-07T11:00:00Z');
  ids.laterCancelled = await confirmAt('2026-11-08T10:00:00Z', 'paris');
  ids.acceptedNovember = await quoteAnsweredAt(
    '2026-11-09T10:00:00Z',
    '2026-11-10T10:00:00Z',
    'paris',
    'accept',
    9,
  );
  await quoteAnsweredAt('2026-11-11T10:00:00Z', '2026-11-12T10:00:00Z', 'paris', 'refuse', 4);
  // accepted at 00:30 on 1 December in Paris: December's, though confirmed in November
  await quoteAnsweredAt('2026-11-20T10:00:00Z', '2026-11-30T23:30:00Z', 'paris', 'accept', 5);
  // Martinique (UTC−4): 02:00 UTC on 1 December is still 30 November there
  await confirmAt('2026-11-10T12:00:00Z', 'martinique'); // free
  await confirmAt('2026-12-01T02:00:00Z', 'martinique'); // November, billable
  await confirmAt('2026-12-01T03:59:00Z', 'martinique', otherArticle, true); // November, × 2
  await confirmAt('2026-12-01T04:01:00Z', 'martinique'); // December: free again
  await quoteAnsweredAt('2026-11-25T12:00:00Z', '2026-12-01T03:30:00Z', 'martinique', 'accept', 3); // November there
  // no free changes, a price in cents that floating euros would get wrong
  for (let day = 10; day < 20; day += 1) {
    await confirmAt(`2026-11-${day}T09:00:00Z`, 'noFree', otherArticle, day % 3 === 0);
  }
  await confirmAt('2026-12-02T09:00:00Z', 'noFree');
  await confirmAt('2026-12-02T10:00:00Z', 'paris');
  h.setNow(new Date('2026-12-04T10:00:00Z'));
});
afterAll(() => h.close());

describe(`monthly statements (${inject('databaseEngine')})`, () => {
  it('agree with the oracle for every contract of a closed month and of the current one', async () => {
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      const expected = await oracle(month);
      const { rows, grand } = await serviceFigures(month);
      expect(rows, month).toEqual(expected);
      const expectedFree = await oracleFreeLines(month);
      expect(expectedFree.length, month).toBeGreaterThan(0);
      expect(
        await serviceFreeLines(
          month,
          expected.map((row) => row.contract_id),
        ),
        month,
      ).toEqual(expectedFree);
      expect(grand).toMatchObject({
        changeCount: expected.reduce((sum, row) => sum + row.change_count, 0),
        quoteCount: expected.reduce((sum, row) => sum + row.quote_count, 0),
        tokens: expected.reduce((sum, row) => sum + row.tokens, 0),
        cents: expected.reduce((sum, row) => sum + row.cents, 0),
      });
    }
    const november = await serviceFigures('2026-11');
    const paris = november.items.find((item) => item.contractId === contracts.paris);
    // 4 billable changes (2 + 4 (× 2) + 2 + 2 tokens, one cancelled, one rejected) at 12.35 €,
    // the quote of 9 tokens at the contract's price when sent
    expect(paris).toMatchObject({
      status: 'closed',
      freeChangesUsed: 2,
      totals: { changeCount: 3, quoteCount: 1, tokens: 2 + 4 + 2 + 9, eur: '209.95' },
    });
    expect(
      (await serviceFigures('2026-12')).items.find((item) => item.contractId === contracts.paris)
        ?.status,
    ).toBe('provisional');
  });

  it('lists a statement’s lines with number, article, date, tokens, euros and × 2', async () => {
    const response = await get(
      life.manager,
      `/api/contracts/${contracts.martinique}/statements/2026-11`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const statement = bodyOf(response, StatementDetail);
    expect(statement).toMatchObject({
      contractId: contracts.martinique,
      customer: { id: demo.acme, name: 'ACME' },
      month: '2026-11',
      status: 'closed',
      timeZone: 'America/Martinique',
      freeChangesIncluded: 1,
      freeChangesUsed: 1,
      totals: { changeCount: 2, quoteCount: 1, tokens: 2 + 4 + 3, cents: 36000, eur: '360.00' },
    });
    expect(
      statement.lines.map((line: Record<string, unknown>) => [
        line.kind,
        line.tokens,
        line.amountEur,
        line.outsideBusinessHours,
      ]),
    ).toEqual([
      ['free', 0, '0.00', false],
      ['change', 2, '80.00', false],
      ['change', 4, '160.00', true],
      ['quote', 3, '120.00', false],
    ]);
    expect(statement.lines[0]).toMatchObject({
      number: expect.stringMatching(/^CHG-2026-\d{6}$/) as unknown,
      articleName: { fr: 'Faire une autre demande', en: 'Make another request' },
      at: '2026-11-10T12:00:00.000Z',
      tokenPriceEur: null,
      endedAs: null,
    });
    expect(statement.lines[1]).toMatchObject({
      number: expect.stringMatching(/^CHG-2026-\d{6}$/) as unknown,
      articleName: { fr: 'Faire une autre demande', en: 'Make another request' },
      at: '2026-12-01T02:00:00.000Z',
      tokenPriceEur: '40.00',
    });
  });

  it('lists a free change cancelled since: its free change stays used, the line says how it ended', async () => {
    const october = bodyOf(
      await get(life.manager, `/api/contracts/${contracts.paris}/statements/2026-10`),
      StatementDetail,
    );
    // 2 free changes in October (the cancelled one, then 23:50 on the 31st in Paris)
    expect(october).toMatchObject({ status: 'closed', freeChangesUsed: 2 });
    const free = october.lines.filter((line) => line.kind === 'free');
    expect(free.map((line) => line.endedAs)).toEqual(['cancelled', null]);
    expect(free[0]).toMatchObject({ requestId: ids.freeCancelled, amountCents: 0 });
    const stored = await h.database.db
      .selectFrom('statement_lines')
      .select(['kind', 'ended_as', 'tokens', 'amount_cents'])
      .where('request_id', '=', ids.freeCancelled!)
      .execute();
    expect(stored).toEqual([{ kind: 'free', ended_as: 'cancelled', tokens: 0, amount_cents: '0' }]);
  });

  it('keeps a closed month identical after the price changes and a request of it is cancelled', async () => {
    const url = `/api/contracts/${contracts.paris}/statements/2026-11`;
    const before = await get(life.manager, url);
    expect(bodyOf(before, StatementDetail).status).toBe('closed');
    const currentBefore = bodyOf(
      await get(life.manager, `/api/contracts/${contracts.paris}/statements/2026-12`),
      StatementDetail,
    );
    await h.database.db
      .updateTable('contracts')
      .set({ token_price_eur: 99.99, free_changes_per_month: 7 })
      .where('id', '=', contracts.paris)
      .execute();
    await cancel(ids.laterCancelled ?? '', '2026-12-04T10:00:00Z');
    const after = await get(life.manager, url);
    expect(after.body).toBe(before.body);
    expect(bodyOf(after, StatementDetail).lines.map((line) => line.requestId)).toContain(
      ids.laterCancelled,
    );
    // the current month: still provisional, its change priced when confirmed, the new free
    // changes included shown
    const current = bodyOf(
      await get(life.manager, `/api/contracts/${contracts.paris}/statements/2026-12`),
      StatementDetail,
    );
    expect(current).toMatchObject({ status: 'provisional', freeChangesIncluded: 7 });
    expect(current.totals).toEqual(currentBefore.totals);
    const history = await h.database.db
      .selectFrom('contract_terms_history')
      .select(['token_price_eur', 'free_changes_per_month'])
      .where('contract_id', '=', contracts.paris)
      .orderBy('valid_from')
      .execute();
    expect(history).toEqual([
      { token_price_eur: '12.35', free_changes_per_month: 2 },
      { token_price_eur: '99.99', free_changes_per_month: 7 },
    ]);
  });

  it('refuses to change a closed statement in the database', async () => {
    await expect(
      sql`UPDATE statements SET total_cents = 0 WHERE contract_id = ${contracts.paris}`.execute(
        h.database.db,
      ),
    ).rejects.toThrow(/never changes/);
  });

  it('closes each month once, however many callers close it together', async () => {
    const contract = await buildContract(h.database.db, {
      freeChangesPerMonth: 0,
      managers: ['gestionnaire@acme.example'],
    });
    contracts.extra = contract.contractId;
    tenants.extra = contract.tenantId;
    await confirmAt('2026-11-15T10:00:00Z', 'extra');
    h.setNow(new Date('2026-12-04T10:00:00Z'));
    const written = await Promise.all(
      [1, 2, 3, 4].map(() =>
        closeOverMonths({ db: h.database.db, clock: () => new Date('2026-12-04T10:00:00Z') }),
      ),
    );
    expect(written.reduce((sum, count) => sum + count, 0)).toBe(1);
    const lines = await h.database.db
      .selectFrom('statement_lines')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('contract_id', '=', contract.contractId)
      .executeTakeFirstOrThrow();
    expect(lines.n).toBe('1');
    expect(
      await closeOverMonths({ db: h.database.db, clock: () => new Date('2026-12-04T10:00:00Z') }),
    ).toBe(0);
  });

  it('lists a contract’s months with activity, newest first, the current one provisional', async () => {
    const response = await get(life.manager, `/api/contracts/${contracts.paris}/statements`);
    expect(response.statusCode, response.body).toBe(200);
    expect(
      bodyOf(response, ContractStatementList).items.map((item: Summary & { month: string }) => [
        item.month,
        item.status,
      ]),
    ).toEqual([
      ['2026-12', 'provisional'],
      ['2026-11', 'closed'],
      ['2026-10', 'closed'],
    ]);
  });

  it('exports CSV with a byte-order mark, a header, dots for decimals and neutralised cells', async () => {
    const response = await get(
      life.manager,
      `/api/contracts/${contracts.martinique}/statements/2026-11/csv?separator=semicolon`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(
      `releve-${contracts.martinique}-2026-11.csv`,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe(
      'Contrat;Client;Mois;Statut;Type;Numéro;Article;Date;Jetons;Prix du jeton (EUR);Montant (EUR);Hors heures ouvrées (x2);Demande refusée ou annulée',
    );
    expect(
      rows.slice(1).map((row) =>
        row
          .split(';')
          .slice(4)
          .join(';')
          .replace(/CHG-\d{4}-\d{6}/, 'N'),
      ),
    ).toEqual([
      'changement gratuit;N;Faire une autre demande;2026-11-10;0;;0.00;non;',
      'changement;N;Faire une autre demande;2026-11-30;2;40.00;80.00;non;',
      'changement;N;Faire une autre demande;2026-11-30;4;40.00;160.00;oui;',
      'devis;N;Demande hors catalogue;2026-11-30;3;;120.00;non;',
    ]);

    const all = await get(admin, '/api/back-office/statements.csv?month=2026-11');
    expect(all.statusCode).toBe(200);
    const lines = all.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    // November is closed: its lines are the stored ones (a request cancelled since included)
    const { grand, items } = await serviceFigures('2026-11');
    const freeUsed = items.reduce((sum, item) => sum + item.freeChangesUsed, 0);
    expect(lines.length - 1).toBe((grand?.changeCount ?? 0) + (grand?.quoteCount ?? 0) + freeUsed);
    expect(lines.filter((line) => line.includes(',changement gratuit,'))).toHaveLength(freeUsed);
    expect(lines.filter((line) => line.includes(',2026-11,clos,'))).toHaveLength(lines.length - 1);
    expect(lines[0]?.split(',')).toHaveLength(13);

    await h.database.db
      .updateTable('customers')
      .set({ name: '=cmd|calc' })
      .where('id', '=', demo.globex)
      .execute();
    const globexCsv = await get(admin, '/api/back-office/statements.csv?month=2026-11');
    expect(globexCsv.body).not.toMatch(/(^|[,\r\n])=cmd/);
    await h.database.db
      .updateTable('customers')
      .set({ name: 'Globex' })
      .where('id', '=', demo.globex)
      .execute();
  });

  it('searches the back-office list by customer or contract, with totals of what it found', async () => {
    const byContract = bodyOf(
      await get(admin, `/api/back-office/statements?month=2026-11&q=${contracts.martinique}`),
      BackOfficeStatementsPage,
    );
    expect(byContract.items.map((item: Summary) => item.contractId)).toEqual([
      contracts.martinique,
    ]);
    expect(byContract.total).toBe(1);
    expect(byContract.grandTotals).toEqual(byContract.items[0]!.totals);
    const byCustomer = bodyOf(
      await get(admin, '/api/back-office/statements?month=2026-11&q=glob'),
      BackOfficeStatementsPage,
    );
    expect(byCustomer.items.map((item: Summary) => item.contractId)).toEqual(['OCB0007001']);
  });

  it('refuses: another customer’s contract 404, a Visiteur on Contrats 403, a bad month 400', async () => {
    const other = await get(globex, `/api/contracts/${contracts.paris}/statements/2026-11`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('ACME');
    expect((await get(globex, `/api/contracts/${contracts.paris}/statements`)).statusCode).toBe(
      404,
    );
    expect(
      (await get(globex, `/api/contracts/${contracts.paris}/statements/2026-11/csv`)).statusCode,
    ).toBe(404);
    // gestionnaire@acme holds only Visiteur on the demo contract's Contrats
    const viewer = await get(life.manager, '/api/contracts/OCB0005121/statements');
    expect(viewer.statusCode).toBe(403);
    expect(errorOf(viewer)).toMatchObject({
      code: 'forbidden',
      details: [{ rule: 'manager_required' }],
    });
    // visiteur@acme holds no right at all on this file's contracts
    expect((await get(visitor, `/api/contracts/${contracts.paris}/statements`)).statusCode).toBe(
      404,
    );
    for (const month of ['2026-13', '2026-1', '202611', 'novembre']) {
      const bad = await get(life.manager, `/api/contracts/${contracts.paris}/statements/${month}`);
      expect(bad.statusCode, month).toBe(400);
      expect(errorOf(bad).code).toBe('validation_failed');
    }
    expect((await get(admin, '/api/back-office/statements?month=11-2026')).statusCode).toBe(400);
    expect((await get(admin, '/api/back-office/statements')).statusCode).toBe(400);
    // a customer in the back-office, a catalog manager on statements
    expect((await get(life.manager, '/api/back-office/statements?month=2026-11')).statusCode).toBe(
      403,
    );
    const catalogManager = await h.login('catalogue@guichet.example');
    expect(
      (await get(catalogManager, '/api/back-office/statements?month=2026-11')).statusCode,
    ).toBe(403);
    expect((await get(life.agent, '/api/back-office/statements?month=2026-11')).statusCode).toBe(
      200,
    );
  });
});
