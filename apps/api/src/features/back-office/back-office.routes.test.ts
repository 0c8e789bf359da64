import {
  BackOfficeRequestDetail,
  NotificationList,
  OutboxMailDetail,
  OutboxPage,
  QueuePage,
  RequestDetail,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestStatus } from '@guichet/domain';
import { createHarness, demo, errorOf, stableId, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { requestTotalsDrift } from '@guichet/db';
import {
  createLifecycle,
  multipartFile,
  samplePdf,
  uniqueReference,
} from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';

let h: Harness;
let life: Lifecycle;
let admin: string;
let catalogManager: string;
let globexManager: string;
const agentId = stableId('user:agent@guichet.example');
const adminId = stableId('user:admin@guichet.example');

beforeAll(async () => {
  h = await createHarness();
  life = await createLifecycle(h);
  [admin, catalogManager, globexManager] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('catalogue@guichet.example'),
    h.login('gestionnaire@globex.example'),
  ]);
});
afterAll(() => h.close());

type Item = {
  id: string;
  status: string;
  customerReference: string | null;
  assigneeId: string | null;
};
async function queue(cookie: string, query: string) {
  const response = await life.get(cookie, `/api/back-office/requests?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, QueuePage) as { items: Item[]; total: number; nextCursor: string | null };
}

describe('who may use the back-office', () => {
  it('refuses anonymous calls (401) and customers (403), whatever the route', async () => {
    const id = await life.submitted();
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/back-office/requests' })).statusCode,
    ).toBe(401);
    for (const url of [
      '/api/back-office/requests',
      `/api/back-office/requests/${id}`,
      '/api/back-office/outbox',
      '/api/back-office/filters',
    ]) {
      const response = await life.get(life.manager, url);
      expect(response.statusCode, url).toBe(403);
      expect(errorOf(response).code).toBe('forbidden');
    }
    const move = await life.post(life.manager, `/api/back-office/requests/${id}/start-review`);
    expect(move.statusCode).toBe(403);
    expect(await life.statusOf(id)).toBe('submitted');
  });

  it('lets agents and admins process requests, not the catalog manager', async () => {
    expect((await life.get(life.agent, '/api/back-office/requests')).statusCode).toBe(200);
    expect((await life.get(admin, '/api/back-office/requests')).statusCode).toBe(200);
    const refused = await life.get(catalogManager, '/api/back-office/requests');
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('forbidden');
  });
});

describe('the queue', () => {
  it('holds every customer’s confirmed requests, never a draft', async () => {
    const acme = await life.submitted();
    const globex = await life.post(globexManager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0007001',
      assetId: demo.globexTenant,
      catalogId: demo.standard,
      articleId: demo.other,
      acknowledgeBilling: true,
      values: { details: 'Activer la double authentification sur la console.' },
    });
    const draft = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      contractId: 'OCB0005121',
      customerReference: uniqueReference('DRAFT'),
    });
    const all = await queue(life.agent, 'limit=100&sort=newest');
    const ids = all.items.map((item) => item.id);
    expect(ids).toContain(acme);
    expect(ids).toContain(bodyOf(globex, RequestDetail).id);
    expect(ids).not.toContain(bodyOf(draft, RequestDetail).id);
    expect(all.items.every((item) => item.status !== 'draft')).toBe(true);
    const globexOnly = await queue(life.agent, `customerId=${demo.globex}&limit=100`);
    expect(globexOnly.items.map((item) => item.id)).toContain(bodyOf(globex, RequestDetail).id);
    expect(globexOnly.items.map((item) => item.id)).not.toContain(acme);
  });

  it('filters by status, contract, catalog, article, search, and age', async () => {
    const reference = uniqueReference('FILTER');
    const quoted = await life.onQuote(reference);
    const other = await life.submitted();
    const byStatus = await queue(life.agent, 'status=quote_pending&limit=100');
    expect(byStatus.items.every((item) => item.status === 'quote_pending')).toBe(true);
    expect(byStatus.items.map((item) => item.id)).toContain(quoted);
    const byGroup = await queue(life.agent, 'group=transmise&limit=100');
    expect(byGroup.items.every((item) => item.status === 'submitted')).toBe(true);
    expect(byGroup.items.map((item) => item.id)).toContain(other);
    const byCatalog = await queue(life.agent, `catalogId=${demo.ucb}&limit=100`);
    expect(byCatalog.items.map((item) => item.id)).toContain(quoted);
    expect(byCatalog.items.map((item) => item.id)).not.toContain(other);
    const byArticle = await queue(life.agent, `articleId=${demo.other}&limit=100`);
    expect(byArticle.items.map((item) => item.id)).toContain(other);
    expect(byArticle.items.map((item) => item.id)).not.toContain(quoted);
    const byContract = await queue(life.agent, 'contractId=OCB0007001&limit=100');
    expect(byContract.items.map((item) => item.id)).not.toContain(quoted);
    const searched = await queue(life.agent, `q=${reference.toLowerCase()}`);
    expect(searched.items.map((item) => item.id)).toEqual([quoted]);
    expect(searched.total).toBe(1);
    // made « now » (2026-11-20); the seed's requests were made on 2026-11-02
    const old = await queue(life.agent, 'minAgeDays=10&limit=100');
    expect(old.items.map((item) => item.id)).not.toContain(quoted);
    expect(old.items.length).toBeGreaterThan(0);
    const recent = await queue(life.agent, 'minAgeDays=0&limit=100');
    expect(recent.items.map((item) => item.id)).toContain(quoted);
  });

  it('pages through every request once, in the chosen order', async () => {
    for (let i = 0; i < 3; i += 1) await life.submitted();
    for (const sort of ['oldest', 'newest', 'updated']) {
      const whole = await queue(life.agent, `sort=${sort}&limit=100`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await queue(
          life.agent,
          `sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(whole.items.map((item) => item.id));
      expect(new Set(seen).size).toBe(whole.total);
    }
    for (const filter of ['group=open', 'group=terminee', 'status=submitted']) {
      for (const sort of ['oldest', 'newest']) {
        const whole = await queue(life.agent, `${filter}&sort=${sort}&limit=100`);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await queue(
            life.agent,
            `${filter}&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen, `${filter} ${sort}`).toEqual(whole.items.map((item) => item.id));
        expect(seen.length, `${filter} ${sort}`).toBe(whole.total);
      }
    }
    const oldest = await queue(life.agent, 'sort=oldest&limit=100');
    const newest = await queue(life.agent, 'sort=newest&limit=100');
    expect(oldest.items.map((item) => item.id)).toEqual(
      newest.items.map((item) => item.id).reverse(),
    );
  });

  it('refuses a broken cursor and unknown filters’ values', async () => {
    const broken = await life.get(life.agent, '/api/back-office/requests?cursor=nope');
    expect(broken.statusCode).toBe(400);
    const status = await life.get(life.agent, '/api/back-office/requests?status=draft');
    expect(status.statusCode).toBe(400);
    expect(errorOf(status).details?.[0]?.path).toMatch(/^querystring\.status/);
  });
});

describe('taking and assigning', () => {
  it('takes a request, shows it in « mine » and not in « unassigned »', async () => {
    const id = await life.submitted();
    expect((await queue(life.agent, 'assignee=none&limit=100')).items.map((i) => i.id)).toContain(
      id,
    );
    const taken = await life.post(life.agent, `/api/back-office/requests/${id}/take`);
    expect(taken.statusCode).toBe(200);
    expect(bodyOf(taken, BackOfficeRequestDetail).assignee).toMatchObject({
      id: agentId,
      role: 'agent',
    });
    expect((await queue(life.agent, 'assignee=me&limit=100')).items.map((i) => i.id)).toContain(id);
    expect(
      (await queue(life.agent, 'assignee=none&limit=100')).items.map((i) => i.id),
    ).not.toContain(id);
    expect((await queue(admin, 'assignee=me&limit=100')).items.map((i) => i.id)).not.toContain(id);
  });

  it('gives a request to another operator, who is notified; the customer sees nothing of it', async () => {
    const id = await life.submitted();
    const given = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/requests/${id}/assignee`,
      payload: { assigneeId: adminId },
      headers: { cookie: life.agent },
    });
    expect(given.statusCode).toBe(200);
    expect(bodyOf(given, BackOfficeRequestDetail).assignee!.id).toBe(adminId);
    const bell = bodyOf(await life.get(admin, '/api/notifications'), NotificationList);
    expect(bell.items[0]).toMatchObject({ kind: 'assigned', requestId: id });
    const customerView = bodyOf(await life.get(life.manager, `/api/requests/${id}`), RequestDetail);
    expect(customerView.events.map((event: { kind: string }) => event.kind)).not.toContain(
      'assigned',
    );
    expect(JSON.stringify(customerView)).not.toContain(adminId);
  });

  it('answers 404 for an unknown operator or a customer, writing nothing', async () => {
    const id = await life.submitted();
    const before = await life.eventCount(id);
    for (const assigneeId of [
      stableId('user:nobody'),
      stableId('user:gestionnaire@acme.example'),
    ]) {
      const response = await h.app.inject({
        method: 'PUT',
        url: `/api/back-office/requests/${id}/assignee`,
        payload: { assigneeId },
        headers: { cookie: life.agent },
      });
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).details?.[0]?.path).toBe('assigneeId');
    }
    expect(await life.eventCount(id)).toBe(before);
    const row = await h.database.db
      .selectFrom('requests')
      .select('assignee_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.assignee_id).toBeNull();
  });
});

describe('the detail', () => {
  it('shows customer, contract, item, article version, values, cost and history', async () => {
    const id = await life.onQuote();
    const response = await life.get(life.agent, `/api/back-office/requests/${id}`);
    expect(response.statusCode).toBe(200);
    const detail = bodyOf(response, BackOfficeRequestDetail);
    expect(detail).toMatchObject({
      id,
      status: 'quote_pending',
      customer: { id: demo.acme, name: 'ACME' },
      contract: { id: 'OCB0005121', offer: 'Flexible Engine', tokenPriceEur: 50 },
      assetReference: 'FE-OCB0005121-1',
      articleVersion: { version: 1, billingMode: 'quote' },
      authorEmail: 'gestionnaire@acme.example',
      billing: { kind: 'quote' },
      allowedActions: ['reject', 'send_quote', 'ask_customer'],
      assignee: null,
    });
    expect(detail.values.description).toContain('VPN IPsec');
    expect(detail.events.map((event: { kind: string }) => event.kind)).toEqual([
      'created',
      'confirmed',
    ]);
  });

  it('answers 404 for an unknown request and for a draft', async () => {
    const draft = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      contractId: 'OCB0005121',
    });
    for (const id of [stableId('request:none'), bodyOf(draft, RequestDetail).id]) {
      const response = await life.get(life.agent, `/api/back-office/requests/${id}`);
      expect(response.statusCode).toBe(404);
      const move = await life.post(life.agent, `/api/back-office/requests/${id}/start-review`);
      expect(move.statusCode).toBe(404);
    }
  });
});

type OperatorMove =
  'start_review' | 'reject' | 'ask_quote' | 'send_quote' | 'schedule' | 'complete';

function call(id: string, action: OperatorMove) {
  switch (action) {
    case 'start_review':
      return life.post(life.agent, `/api/back-office/requests/${id}/start-review`, {});
    case 'reject':
      return life.post(life.agent, `/api/back-office/requests/${id}/reject`, {
        reason: 'Demande en doublon',
      });
    case 'ask_quote':
      return life.post(life.agent, `/api/back-office/requests/${id}/ask-quote`, {});
    case 'send_quote':
      return life.sendQuote(id);
    case 'schedule':
      return life.post(life.agent, `/api/back-office/requests/${id}/schedule`, {});
    case 'complete':
      return life.post(life.agent, `/api/back-office/requests/${id}/complete`, {});
  }
}

const statuses = [
  'submitted',
  'in_review',
  'quote_pending',
  'quote_sent',
  'in_progress',
  'done',
  'rejected',
  'cancelled',
] as const;
const moves: OperatorMove[] = [
  'start_review',
  'reject',
  'ask_quote',
  'send_quote',
  'schedule',
  'complete',
];

/** DESIGN §4, the operator's column (with the refinements of lifecycle.ts). */
const allowed: Partial<Record<`${RequestStatus}|${OperatorMove}`, RequestStatus>> = {
  'submitted|start_review': 'in_review',
  'submitted|reject': 'rejected',
  'in_review|reject': 'rejected',
  'in_review|ask_quote': 'quote_pending',
  'in_review|schedule': 'in_progress',
  'quote_pending|reject': 'rejected',
  'quote_pending|send_quote': 'quote_sent',
  'quote_sent|send_quote': 'quote_sent',
  'in_progress|complete': 'done',
};

const table = statuses.flatMap((from) => moves.map((action) => ({ from, action })));

describe('every operator move, allowed and refused', () => {
  it.each(table.filter(({ from, action }) => allowed[`${from}|${action}`]))(
    '$from --$action--> allowed',
    async ({ from, action }) => {
      const id = await life.requestIn(from);
      const before = await life.eventCount(id);
      const response = await call(id, action);
      expect(response.statusCode, response.body).toBeLessThan(300);
      const moved = bodyOf(response, BackOfficeRequestDetail);
      expect(moved.status).toBe(allowed[`${from}|${action}`]);
      expect(await life.statusOf(id)).toBe(allowed[`${from}|${action}`]);
      const events = moved.events;
      expect(await life.eventCount(id)).toBe(before + 1);
      expect(events.at(-1)).toMatchObject({
        fromStatus: from,
        toStatus: allowed[`${from}|${action}`],
        action,
        actorName: 'Agent Guichet',
      });
    },
  );

  it.each(table.filter(({ from, action }) => !allowed[`${from}|${action}`]))(
    '$from --$action--> 409 invalid_transition, nothing written',
    async ({ from, action }) => {
      const id = await life.requestIn(from);
      const before = await life.eventCount(id);
      const quotesBefore = await h.database.db
        .selectFrom('quotes')
        .select('id')
        .where('request_id', '=', id)
        .execute();
      const response = await call(id, action);
      expect(response.statusCode, response.body).toBe(409);
      expect(errorOf(response).code).toBe('invalid_transition');
      expect(await life.statusOf(id)).toBe(from);
      expect(await life.eventCount(id)).toBe(before);
      const quotesAfter = await h.database.db
        .selectFrom('quotes')
        .select('id')
        .where('request_id', '=', id)
        .execute();
      expect(quotesAfter).toHaveLength(quotesBefore.length);
    },
  );

  it('starting the review takes an unassigned request', async () => {
    const id = await life.submitted();
    const response = await call(id, 'start_review');
    expect(bodyOf(response, BackOfficeRequestDetail).assignee?.id).toBe(agentId);
  });

  it('needs a reason to reject, and the customer reads it', async () => {
    const id = await life.submitted();
    const missing = await life.post(life.agent, `/api/back-office/requests/${id}/reject`, {});
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details?.[0]?.path).toBe('reason');
    expect(await life.statusOf(id)).toBe('submitted');
    await life.post(life.agent, `/api/back-office/requests/${id}/reject`, {
      reason: 'Cet accès relève du contrat réseau.',
    });
    const events = bodyOf(
      await life.get(life.manager, `/api/requests/${id}`),
      RequestDetail,
    ).events;
    expect(events.at(-1)).toMatchObject({
      action: 'reject',
      toStatus: 'rejected',
      note: 'Cet accès relève du contrat réseau.',
    });
  });

  it('schedules for a day, not a past one', async () => {
    const id = await life.requestIn('in_review');
    const past = await life.post(life.agent, `/api/back-office/requests/${id}/schedule`, {
      plannedFor: '2026-11-19',
    });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).details?.[0]?.path).toBe('plannedFor');
    const planned = await life.post(life.agent, `/api/back-office/requests/${id}/schedule`, {
      plannedFor: '2026-11-24',
      note: 'fenêtre de maintenance',
    });
    expect(planned.statusCode).toBe(200);
    expect(bodyOf(planned, BackOfficeRequestDetail).events.at(-1)).toMatchObject({
      action: 'schedule',
      toStatus: 'in_progress',
      note: '2026-11-24 — fenêtre de maintenance',
    });
  });
});

describe('quotes', () => {
  it('prices tokens at the contract’s rate, and supersedes the quote awaiting an answer', async () => {
    const id = await life.onQuote();
    const first = await life.sendQuote(id, { amountTokens: 7 });
    expect(first.statusCode, first.body).toBe(201);
    expect(bodyOf(first, BackOfficeRequestDetail).quotes).toMatchObject([
      {
        version: 1,
        amountTokens: 7,
        amountEur: 350,
        status: 'sent',
        createdByName: 'Agent Guichet',
      },
    ]);
    const second = await life.sendQuote(id, { amountTokens: 9, validUntil: '2026-12-31' });
    expect(second.statusCode).toBe(201);
    expect(
      bodyOf(second, BackOfficeRequestDetail).quotes.map((quote) => [quote.version, quote.status]),
    ).toEqual([
      [2, 'sent'],
      [1, 'superseded'],
    ]);
    expect(bodyOf(second, BackOfficeRequestDetail).status).toBe('quote_sent');
  });

  it('refuses a past or far validity date and a foreign attachment, writing nothing', async () => {
    const id = await life.onQuote();
    for (const [validUntil, rule] of [
      ['2026-11-19', 'in_the_past'],
      ['2028-01-01', 'too_far'],
      ['2026-02-30', 'invalid_date'],
    ] as const) {
      const response = await life.sendQuote(id, { validUntil });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details?.[0]).toMatchObject({ path: 'validUntil', rule });
    }
    const elsewhere = await life.onQuote();
    const upload = multipartFile('devis.pdf', 'application/pdf', samplePdf);
    const attached = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${elsewhere}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.agent },
    });
    const foreign = bodyOf(attached, BackOfficeRequestDetail).attachments[0]!.id;
    const refused = await life.sendQuote(id, { attachmentId: foreign });
    expect(refused.statusCode).toBe(404);
    expect(errorOf(refused).details?.[0]?.path).toBe('attachmentId');
    expect(await life.statusOf(id)).toBe('quote_pending');
    const quotes = await h.database.db
      .selectFrom('quotes')
      .select('id')
      .where('request_id', '=', id)
      .execute();
    expect(quotes).toEqual([]);
  });

  it('attaches a PDF of the request to the quote, not a file of another type', async () => {
    const id = await life.onQuote();
    const pdf = multipartFile('devis-vpn.pdf', 'application/pdf', samplePdf);
    const withPdf = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments`,
      payload: pdf.payload,
      headers: { ...pdf.headers, cookie: life.agent },
    });
    expect(withPdf.statusCode, withPdf.body).toBe(201);
    const text = multipartFile('notes.txt', 'text/plain', Buffer.from('notes'));
    const withText = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments`,
      payload: text.payload,
      headers: { ...text.headers, cookie: life.agent },
    });
    const attachments = bodyOf(withText, BackOfficeRequestDetail).attachments as {
      id: string;
      fileName: string;
    }[];
    const pdfId = attachments.find((a) => a.fileName === 'devis-vpn.pdf')?.id;
    const textId = attachments.find((a) => a.fileName === 'notes.txt')?.id;
    const wrong = await life.sendQuote(id, { attachmentId: textId });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.[0]).toMatchObject({
      path: 'attachmentId',
      rule: 'quote_attachment',
    });
    const right = await life.sendQuote(id, { attachmentId: pdfId });
    expect(right.statusCode).toBe(201);
    expect(bodyOf(right, BackOfficeRequestDetail).quotes[0]!.attachment).toMatchObject({
      id: pdfId,
      fileName: 'devis-vpn.pdf',
    });
  });
});

describe('comments and attachments', () => {
  it('keeps internal comments with the operators', async () => {
    const id = await life.submitted();
    const internal = await life.post(life.agent, `/api/back-office/requests/${id}/comments`, {
      body: 'Client sensible : vérifier avec le TAM avant toute action.',
      isInternal: true,
    });
    expect(internal.statusCode).toBe(201);
    const shared = await life.post(life.agent, `/api/back-office/requests/${id}/comments`, {
      body: 'Nous étudions votre demande.',
    });
    expect(
      bodyOf(shared, BackOfficeRequestDetail)
        .comments.map((c: { body: string; isInternal: boolean }) => [c.body, c.isInternal])
        .sort(),
    ).toEqual([
      ['Client sensible : vérifier avec le TAM avant toute action.', true],
      ['Nous étudions votre demande.', false],
    ]);
  });

  it('stores a file with the request and gives it back byte for byte', async () => {
    const id = await life.submitted();
    const content = Buffer.from('quota;valeur\ninstances;30\n');
    const upload = multipartFile('quotas.csv', 'text/csv', content);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments?internal=true`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.agent },
    });
    expect(response.statusCode, response.body).toBe(201);
    const attachment = bodyOf(response, BackOfficeRequestDetail).attachments[0]!;
    expect(attachment).toMatchObject({
      fileName: 'quotas.csv',
      mediaType: 'text/csv',
      sizeBytes: content.length,
      isInternal: true,
      uploadedByKind: 'operator',
    });
    const download = await life.get(
      life.agent,
      `/api/back-office/requests/${id}/attachments/${attachment.id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['content-type']).toBe('text/csv');
    expect(download.headers['content-disposition']).toContain('filename="quotas.csv"');
  });

  it.each([
    [
      'programme.exe',
      'application/octet-stream',
      Buffer.from('MZ...'),
      415,
      'unsupported_media_type',
    ],
    [
      'page.html',
      'text/html',
      Buffer.from('<script>alert(1)</script>'),
      415,
      'unsupported_media_type',
    ],
    ['faux.pdf', 'application/pdf', Buffer.from('not a pdf at all'), 415, 'unsupported_media_type'],
    ['vide.txt', 'text/plain', Buffer.alloc(0), 400, 'validation_failed'],
  ])('refuses %s (%s) with %s %s, writing nothing', async (name, type, content, status, code) => {
    const id = await life.submitted();
    const upload = multipartFile(name, type, content);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.agent },
    });
    expect(response.statusCode, response.body).toBe(status);
    expect(errorOf(response).code).toBe(code);
    const rows = await h.database.db
      .selectFrom('attachments')
      .select('id')
      .where('request_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a file over 10 MB (413), and a body that is not multipart (415)', async () => {
    const id = await life.submitted();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    samplePdf.copy(big);
    const upload = multipartFile('gros.pdf', 'application/pdf', big);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.agent },
    });
    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('payload_too_large');
    const json = await life.post(life.agent, `/api/back-office/requests/${id}/attachments`, {
      file: 'x',
    });
    expect(json.statusCode).toBe(415);
    expect(errorOf(json).code).toBe('unsupported_media_type');
  });

  it('accepts a file of exactly 10 MB', async () => {
    const id = await life.submitted();
    const limit = Buffer.alloc(10 * 1024 * 1024, 0x41);
    samplePdf.copy(limit);
    const upload = multipartFile('limite.pdf', 'application/pdf', limit);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.agent },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(bodyOf(response, BackOfficeRequestDetail).attachments[0]!.sizeBytes).toBe(
      10 * 1024 * 1024,
    );
  });
});

describe('the outbox', () => {
  it('lists the mails with their status, and one mail’s text', async () => {
    const id = await life.onQuote();
    const sent = await life.sendQuote(id);
    const number = bodyOf(sent, BackOfficeRequestDetail).number!;
    const list = await life.get(life.agent, `/api/back-office/outbox?q=${number}`);
    expect(list.statusCode).toBe(200);
    const items = bodyOf(list, OutboxPage).items as { kind: string; id: string }[];
    expect(items.map((item) => item.kind).sort()).toEqual(['quote_sent', 'request_confirmed']);
    const latest = items.find((item) => item.kind === 'quote_sent');
    expect(latest).toMatchObject({
      to: 'gestionnaire@acme.example',
      kind: 'quote_sent',
      status: 'pending',
      requestId: id,
    });
    const mail = await life.get(life.agent, `/api/back-office/outbox/${latest?.id}`);
    expect(bodyOf(mail, OutboxMailDetail).text).toContain('12 jetons');
    expect((await life.get(catalogManager, '/api/back-office/outbox')).statusCode).toBe(403);
    const filtered = await life.get(life.agent, '/api/back-office/outbox?status=sent');
    expect(bodyOf(filtered, OutboxPage).items).toEqual([]);
  });
});

describe('the list’s totals', () => {
  it('follow every move, cancellation and quote above (request_totals equals a count)', async () => {
    expect(await requestTotalsDrift(h.database.db)).toEqual([]);
  });
});
