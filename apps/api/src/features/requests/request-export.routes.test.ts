import { QueuePage, RequestDetail, RequestPage } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContract } from '../../test/builders.ts';
import { insertRequests } from '../../test/bulk-requests.ts';
import { parseCsv } from '../../test/csv-text.ts';
import { bodyOf, createHarness, demo, errorOf, stableId, testNow } from '../../test/harness.ts';
import { createLifecycle, uniqueReference } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';

const h = await createHarness();
let life: Lifecycle;
let visitor: string;
let globex: string;

const bom = '\uFEFF';
const frenchHeader = [
  'Numéro',
  'Type de demande',
  'Statut',
  'Contrat',
  'Élément de parc',
  'Libellé de l’élément',
  'Catalogue de changements',
  'Article de changement',
  'Votre référence',
  'Demandeur',
  'Créée le',
  'Transmise le',
  'Mise à jour le',
];

function csvOf(body: string, separator: ',' | ';' = ','): string[][] {
  expect(body.startsWith(bom)).toBe(true);
  return parseCsv(body.slice(1), separator);
}

async function get(cookie: string, url: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie } });
}

beforeAll(async () => {
  life = await createLifecycle(h);
  [visitor, globex] = await Promise.all([
    h.login('visiteur@acme.example'),
    h.login('gestionnaire@globex.example'),
  ]);
});
afterAll(() => h.close());

describe('GET /api/requests.csv (the customer’s list)', () => {
  it('is the list under its filter: UTF-8 with BOM, French header, the same rows in the same order', async () => {
    const reference = uniqueReference('EXP');
    const ids = [];
    for (let index = 0; index < 3; index += 1) {
      h.setNow(new Date(testNow.getTime() + index * 60_000));
      ids.push(await life.submitted(`${reference}-${index}`));
    }
    h.setNow(testNow);
    const response = await get(life.manager, `/api/requests.csv?q=${reference}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="demandes-2026-11-20.csv"',
    );
    const [header, ...rows] = csvOf(response.body);
    expect(header).toEqual(frenchHeader);
    const list = bodyOf(await get(life.manager, `/api/requests?q=${reference}`), RequestPage);
    expect(rows.map((row) => row[0])).toEqual(list.items.map((item) => item.number));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([
      list.items[0]?.number,
      'Demande de changement',
      'Transmise',
      'OCB0005121',
      'FE-OCB0005121-1',
      list.items[0]?.assetLabel,
      'Catalogue de Changement Standard',
      'Faire une autre demande',
      `${reference}-2`,
      'Camille Martin',
      '2026-11-20 11:02',
      '2026-11-20 11:02',
      '2026-11-20 11:02',
    ]);
  });

  it('writes `;` when asked, quoting cells that hold it', async () => {
    const reference = `${uniqueReference('SEMI')};deux`;
    await life.submitted(reference);
    const response = await get(
      life.manager,
      `/api/requests.csv?separator=semicolon&q=${encodeURIComponent(reference)}`,
    );
    expect(response.statusCode).toBe(200);
    const lines = response.body.slice(1).split('\r\n');
    expect(lines[0]).toBe(frenchHeader.join(';'));
    expect(lines[1]).toContain(`;"${reference}";Camille Martin;`);
    expect(csvOf(response.body, ';')[1]?.[8]).toBe(reference);
  });

  it.each([
    ['=HYPERLINK("https://evil.example","x")'],
    ['+33 1 23 45 67 89'],
    ['-2+3'],
    ['@SUM(A1:A9)'],
  ])('neutralises the formula-like cell %j with an apostrophe', async (reference) => {
    const id = await life.submitted(reference);
    const detail = bodyOf(await get(life.manager, `/api/requests/${id}`), RequestDetail);
    const response = await get(
      life.manager,
      `/api/requests.csv?q=${encodeURIComponent(detail.number ?? '')}`,
    );
    const rows = csvOf(response.body).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[8]).toBe(`'${reference}`);
  });

  it('writes dates on the user’s clock (the time zone asked), and refuses an unknown zone', async () => {
    const reference = uniqueReference('TZ');
    h.setNow(new Date('2026-11-20T10:30:00Z'));
    await life.submitted(reference);
    h.setNow(testNow);
    const dateIn = async (timeZone: string) => {
      const response = await get(
        life.manager,
        `/api/requests.csv?q=${reference}&timeZone=${encodeURIComponent(timeZone)}`,
      );
      expect(response.statusCode).toBe(200);
      return csvOf(response.body)[1]?.[11];
    };
    expect(await dateIn('Europe/Paris')).toBe('2026-11-20 11:30');
    expect(await dateIn('America/Montreal')).toBe('2026-11-20 05:30');
    expect(await dateIn('Pacific/Kiritimati')).toBe('2026-11-21 00:30');
    const refused = await get(life.manager, `/api/requests.csv?timeZone=Mars/Olympus`);
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details?.[0]?.path).toBe('querystring.timeZone');
  });

  it('writes its header and labels in the user’s language', async () => {
    const reference = uniqueReference('EN');
    await life.submitted(reference);
    const english = await h.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      headers: { cookie: visitor },
      payload: { locale: 'en' },
    });
    expect(english.statusCode).toBe(200);
    try {
      const response = await get(visitor, `/api/requests.csv?q=${reference}`);
      const [header, row] = csvOf(response.body);
      expect(header?.slice(0, 4)).toEqual(['Number', 'Request type', 'Status', 'Contract']);
      expect(row?.slice(1, 3)).toEqual(['Change request', 'Submitted']);
      expect(row?.[7]).toBe('Make another request');
    } finally {
      await h.app.inject({
        method: 'PUT',
        url: '/api/session/locale',
        headers: { cookie: visitor },
        payload: { locale: 'fr' },
      });
    }
  });

  it('has the list’s rights: a Visiteur exports what it reads, drafts stay their author’s, another customer gets nothing of ACME', async () => {
    const reference = uniqueReference('RIGHTS');
    await life.submitted(reference);
    const draft = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      catalogId: demo.standard,
      articleId: demo.other,
      customerReference: reference,
      values: { details: 'Brouillon à ne montrer qu’à son auteur.' },
    });
    expect(draft.statusCode).toBe(201);
    const rowsOf = async (cookie: string, query: string) => {
      const response = await get(cookie, `/api/requests.csv?${query}`);
      expect(response.statusCode).toBe(200);
      return csvOf(response.body).slice(1);
    };
    expect(await rowsOf(life.manager, `q=${reference}`)).toHaveLength(2);
    const seen = await rowsOf(visitor, `q=${reference}`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[2]).toBe('Transmise');
    expect(await rowsOf(globex, `q=${reference}`)).toEqual([]);
    // the other customer naming ACME's contract gets the header only, as its list is empty
    const foreign = await get(globex, '/api/requests.csv?contractId=OCB0005121');
    expect(foreign.body).not.toContain('OCB0005121');
    expect(csvOf(foreign.body)).toHaveLength(1);
    const everything = await get(globex, '/api/requests.csv');
    expect(everything.statusCode).toBe(200);
    expect(everything.body).not.toMatch(/OCB000512[12]|ACME|Camille Martin/);
    expect(csvOf(everything.body)[0]).toEqual(frenchHeader);
    expect((await get('guichet_session=nope', '/api/requests.csv')).statusCode).toBe(401);
  });
});

describe('GET /api/back-office/requests.csv (the queue)', () => {
  it('is the queue under its filter and sort, with the customer and the assignee, for operators only', async () => {
    const reference = uniqueReference('QUEUE');
    for (let index = 0; index < 3; index += 1) {
      h.setNow(new Date(testNow.getTime() + index * 60_000));
      await life.submitted(`${reference}-${index}`);
    }
    h.setNow(testNow);
    for (const sort of ['oldest', 'newest'] as const) {
      const response = await get(
        life.agent,
        `/api/back-office/requests.csv?q=${reference}&sort=${sort}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="file-des-demandes-2026-11-20.csv"',
      );
      const [header, ...rows] = csvOf(response.body);
      expect(header?.[3]).toBe('Client');
      expect(header?.[11]).toBe('Attribuée à');
      const queue = bodyOf(
        await get(life.agent, `/api/back-office/requests?q=${reference}&sort=${sort}`),
        QueuePage,
      );
      expect(rows.map((row) => row[0])).toEqual(queue.items.map((item) => item.number));
      expect(rows).toHaveLength(3);
      expect(rows[0]?.[3]).toBe('ACME');
    }
    for (const cookie of [life.manager, visitor, globex]) {
      expect((await get(cookie, '/api/back-office/requests.csv')).statusCode).toBe(403);
    }
  });

  it('streams every page of the default view (by slots) in the queue’s order', async () => {
    const response = await get(life.agent, '/api/back-office/requests.csv?group=open');
    const rows = csvOf(response.body).slice(1);
    const queue = bodyOf(
      await get(life.agent, '/api/back-office/requests?group=open&limit=100'),
      QueuePage,
    );
    expect(rows.length).toBe(queue.total);
    expect(rows.slice(0, queue.items.length).map((row) => row[0])).toEqual(
      queue.items.map((item) => item.number),
    );
  });
});

describe('a large export', () => {
  it('is streamed by batches: a row written while the client reads the start is in the file, every row once, in order', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 0,
      managers: ['gestionnaire@acme.example'],
    });
    const templateId = await life.submitted();
    const count = 30_000;
    await insertRequests(h.database.db, {
      templateId,
      contractId,
      assetId: tenantId,
      authorId: stableId('user:gestionnaire@acme.example'),
      count,
      startAt: new Date('2025-01-01T00:00:00Z'),
      prefix: 'BULK',
    });
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/api/requests.csv?contractId=${contractId}`, {
      headers: { cookie: life.manager },
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    if (!reader) throw new Error('no body');
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The client has read the start; the oldest end of the list (newest first) is not read yet.
    await insertRequests(h.database.db, {
      templateId,
      contractId,
      assetId: tenantId,
      authorId: stableId('user:gestionnaire@acme.example'),
      count: 1,
      startAt: new Date('2024-01-01T00:00:00Z'),
      prefix: 'LATE',
    });
    // ignoreBOM: keep the mark in the text, to check it is there
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = decoder.decode(first.value, { stream: true });
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    const numbers = csvOf(text)
      .slice(1)
      .map((row) => row[0]);
    expect(numbers).toHaveLength(count + 1);
    expect(numbers[0]).toBe('BULK-030000');
    expect(numbers[count - 1]).toBe('BULK-000001');
    expect(numbers[count]).toBe('LATE-000001');
    expect(new Set(numbers).size).toBe(count + 1);
  }, 120_000);
});
