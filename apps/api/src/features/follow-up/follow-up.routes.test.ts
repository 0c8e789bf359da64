import {
  BackOfficeRequestDetail,
  NotificationList,
  RequestDetail,
  RequestFollowUp,
  RequestPage,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createHarness, errorOf, stableId, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import {
  createLifecycle,
  multipartFile,
  samplePdf,
  uniqueReference,
} from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { expireQuotes } from '../processing/quote-expiry.service.ts';

let h: Harness;
let life: Lifecycle;
let viewer: string;
let globex: string;

beforeAll(async () => {
  h = await createHarness();
  life = await createLifecycle(h);
  [viewer, globex] = await Promise.all([
    h.login('visiteur@acme.example'),
    h.login('gestionnaire@globex.example'),
  ]);
});
afterAll(() => h.close());

async function followUp(cookie: string, id: string) {
  const response = await life.get(cookie, `/api/requests/${id}/follow-up`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, RequestFollowUp);
}

async function currentQuoteId(id: string): Promise<string> {
  const { quotes } = await followUp(life.manager, id);
  return quotes[0]!.id;
}

const confirmed = [
  'submitted',
  'in_review',
  'quote_pending',
  'quote_sent',
  'in_progress',
  'done',
  'rejected',
  'cancelled',
] as const;

describe('cancelling', () => {
  it.each(['submitted', 'in_review', 'quote_pending'] as const)(
    'is allowed while %s, and recorded with who and when',
    async (status) => {
      const id = await life.requestIn(status);
      expect((await followUp(life.manager, id)).allowedActions).toEqual(['cancel']);
      const response = await life.post(life.manager, `/api/requests/${id}/cancel`, {
        reason: 'Plus nécessaire',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(bodyOf(response, RequestDetail)).toMatchObject({
        status: 'cancelled',
        group: 'terminee',
      });
      expect(bodyOf(response, RequestDetail).events.at(-1)).toMatchObject({
        action: 'cancel',
        fromStatus: status,
        toStatus: 'cancelled',
        actorName: 'Camille Martin',
        note: 'Plus nécessaire',
        at: testNow.toISOString(),
      });
    },
  );

  it.each(['quote_sent', 'in_progress', 'done', 'rejected', 'cancelled'] as const)(
    'is refused while %s (409 invalid_transition), nothing written',
    async (status) => {
      const id = await life.requestIn(status);
      expect((await followUp(life.manager, id)).allowedActions).not.toContain('cancel');
      const before = await life.eventCount(id);
      const response = await life.post(life.manager, `/api/requests/${id}/cancel`);
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('invalid_transition');
      expect(await life.statusOf(id)).toBe(status);
      expect(await life.eventCount(id)).toBe(before);
    },
  );

  it('is refused to a Visiteur (403), another customer (404) and an operator (403)', async () => {
    const id = await life.submitted();
    const asViewer = await life.post(viewer, `/api/requests/${id}/cancel`);
    expect(asViewer.statusCode).toBe(403);
    expect(errorOf(asViewer).message).toBe('Profil Visiteur sur Demandes : lecture seule');
    expect((await followUp(viewer, id)).allowedActions).toEqual([]);
    expect((await life.post(globex, `/api/requests/${id}/cancel`)).statusCode).toBe(404);
    expect((await life.get(globex, `/api/requests/${id}/follow-up`)).statusCode).toBe(404);
    expect((await life.post(life.agent, `/api/requests/${id}/cancel`)).statusCode).toBe(403);
    expect(await life.statusOf(id)).toBe('submitted');
  });
});

describe('answering a quote', () => {
  it('accepts it: in progress, and the quote records who, when and which version', async () => {
    const id = await life.requestIn('quote_sent');
    const follow = await followUp(life.manager, id);
    expect(follow.allowedActions).toEqual(['accept_quote', 'refuse_quote']);
    const quoteId = follow.quotes[0]!.id;
    const response = await life.post(life.manager, `/api/requests/${id}/quotes/${quoteId}/accept`);
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, RequestDetail).status).toBe('in_progress');
    expect(bodyOf(response, RequestDetail).events.at(-1)).toMatchObject({
      action: 'accept_quote',
      toStatus: 'in_progress',
      actorName: 'Camille Martin',
    });
    const [quote] = (await followUp(life.manager, id)).quotes;
    expect(quote).toMatchObject({
      id: quoteId,
      version: 1,
      status: 'accepted',
      answeredByName: 'Camille Martin',
      answeredAt: testNow.toISOString(),
    });
    const event = await h.database.db
      .selectFrom('request_events')
      .select('data')
      .where('request_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ quoteId, quoteVersion: 1 });
  });

  it('refuses it: the request is cancelled', async () => {
    const id = await life.requestIn('quote_sent');
    const quoteId = await currentQuoteId(id);
    const response = await life.post(life.manager, `/api/requests/${id}/quotes/${quoteId}/refuse`);
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response, RequestDetail)).toMatchObject({
      status: 'cancelled',
      group: 'terminee',
    });
    expect((await followUp(life.manager, id)).quotes[0]!.status).toBe('refused');
  });

  it('answers 409 conflict for a superseded quote, and accepts the new one', async () => {
    const id = await life.requestIn('quote_sent');
    const first = await currentQuoteId(id);
    await life.sendQuote(id, { amountTokens: 20 });
    const before = await life.eventCount(id);
    const stale = await life.post(life.manager, `/api/requests/${id}/quotes/${first}/accept`);
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');
    expect(await life.eventCount(id)).toBe(before);
    const second = await currentQuoteId(id);
    expect(second).not.toBe(first);
    const accepted = await life.post(life.manager, `/api/requests/${id}/quotes/${second}/accept`);
    expect(bodyOf(accepted, RequestDetail).status).toBe('in_progress');
  });

  it.each(confirmed.filter((status) => status !== 'quote_sent'))(
    'is refused with 409 invalid_transition while %s (with a quote), or 404 without one',
    async (status) => {
      // a request that had a quote, then moved on: accepted, refused, or another one
      const withQuote = await life.requestIn('quote_sent');
      const quoteId = await currentQuoteId(withQuote);
      if (status === 'in_progress' || status === 'done') {
        await life.post(life.manager, `/api/requests/${withQuote}/quotes/${quoteId}/accept`);
        if (status === 'done')
          await life.post(life.agent, `/api/back-office/requests/${withQuote}/complete`);
      } else if (status === 'cancelled') {
        await life.post(life.manager, `/api/requests/${withQuote}/quotes/${quoteId}/refuse`);
      }
      const target = ['in_progress', 'done', 'cancelled'].includes(status)
        ? withQuote
        : await life.requestIn(status);
      expect(await life.statusOf(target)).toBe(status);
      const before = await life.eventCount(target);
      for (const answer of ['accept', 'refuse']) {
        const response = await life.post(
          life.manager,
          `/api/requests/${target}/quotes/${quoteId}/${answer}`,
        );
        if (target === withQuote) {
          expect(response.statusCode).toBe(409);
          expect(errorOf(response).code).toBe('invalid_transition');
        } else {
          expect(response.statusCode).toBe(404);
        }
      }
      expect(await life.statusOf(target)).toBe(status);
      expect(await life.eventCount(target)).toBe(before);
    },
  );

  it('is refused to a Visiteur and to another customer', async () => {
    const id = await life.requestIn('quote_sent');
    const quoteId = await currentQuoteId(id);
    expect(
      (await life.post(viewer, `/api/requests/${id}/quotes/${quoteId}/accept`)).statusCode,
    ).toBe(403);
    expect(
      (await life.post(globex, `/api/requests/${id}/quotes/${quoteId}/accept`)).statusCode,
    ).toBe(404);
    expect(await life.statusOf(id)).toBe('quote_sent');
  });
});

describe('quote expiry (the scheduled job’s work, with the clock injected)', () => {
  it('cancels the request once the validity day is over in the contract’s time zone', async () => {
    const id = await life.onQuote();
    await life.sendQuote(id, { validUntil: '2026-11-25' });
    const quoteId = await currentQuoteId(id);
    const deps = (now: string) => ({ db: h.database.db, clock: () => new Date(now) });
    try {
      // 23:59 in Paris on the last valid day: still valid
      expect(await expireQuotes(deps('2026-11-25T22:59:00Z'))).toBe(0);
      expect(await life.statusOf(id)).toBe('quote_sent');
      // midnight in Paris: expired; the customer can no longer accept it
      h.setNow(new Date('2026-11-25T23:00:00Z'));
      const later = await h.login('gestionnaire@acme.example');
      const late = await life.post(later, `/api/requests/${id}/quotes/${quoteId}/accept`);
      expect(late.statusCode).toBe(409);
      expect(errorOf(late).code).toBe('invalid_transition');
      expect(await expireQuotes(deps('2026-11-25T23:00:00Z'))).toBe(1);
      expect(await life.statusOf(id)).toBe('cancelled');
      const detail = bodyOf(await life.get(later, `/api/requests/${id}`), RequestDetail);
      expect(detail.events.at(-1)).toMatchObject({
        action: 'expire_quote',
        fromStatus: 'quote_sent',
        toStatus: 'cancelled',
        actorName: null,
      });
      expect((await followUp(later, id)).quotes[0]!.status).toBe('expired');
      const bell = bodyOf(await life.get(later, '/api/notifications'), NotificationList);
      expect(bell.items[0]).toMatchObject({
        kind: 'status_changed',
        requestId: id,
        toStatus: 'cancelled',
      });
      const mail = await h.database.db
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body'])
        .where('request_id', '=', id)
        .where('kind', '=', 'status_changed')
        .executeTakeFirstOrThrow();
      expect(mail.subject).toContain('Annulée');
      expect(mail.text_body).toContain(
        "Le devis n'a pas été validé avant sa date de fin de validité.",
      );
      // a second run finds nothing more to do
      expect(await expireQuotes(deps('2026-11-26T08:00:00Z'))).toBe(0);
    } finally {
      h.setNow(testNow);
    }
  });

  it('leaves answered quotes and valid ones alone', async () => {
    const accepted = await life.requestIn('quote_sent');
    await life.post(
      life.manager,
      `/api/requests/${accepted}/quotes/${await currentQuoteId(accepted)}/accept`,
    );
    const valid = await life.onQuote();
    await life.sendQuote(valid, { validUntil: '2027-01-31' });
    await expireQuotes({ db: h.database.db, clock: () => new Date('2026-12-20T12:00:00Z') });
    expect(await life.statusOf(accepted)).toBe('in_progress');
    expect(await life.statusOf(valid)).toBe('quote_sent');
  });
});

describe('comments and attachments, and what never reaches the customer', () => {
  it('shows public comments both ways; internal ones nowhere on the customer side', async () => {
    const secret = `INTERNE-${uniqueReference()}`;
    const id = await life.submitted();
    await life.post(life.agent, `/api/back-office/requests/${id}/take`);
    await life.post(life.agent, `/api/back-office/requests/${id}/comments`, {
      body: `${secret} : client en retard de paiement, ne pas traiter avant accord.`,
      isInternal: true,
    });
    await life.post(life.agent, `/api/back-office/requests/${id}/comments`, {
      body: 'Pouvez-vous préciser le projet concerné ?',
    });
    const upload = multipartFile(`${secret}.pdf`, 'application/pdf', samplePdf);
    const internalFile = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/attachments?internal=true`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.agent },
    });
    const internalFileId = bodyOf(internalFile, BackOfficeRequestDetail).attachments[0]!.id;
    const answer = await life.post(life.manager, `/api/requests/${id}/comments`, {
      body: 'Le projet acme-prod.',
      isInternal: true,
    });
    expect(answer.statusCode).toBe(201);
    // the customer cannot make a comment internal: the flag is not theirs
    expect(
      bodyOf(answer, RequestFollowUp).comments.map(
        (c: { body: string; isInternal: boolean; authorKind: string }) => [
          c.authorKind,
          c.isInternal,
        ],
      ),
    ).toEqual(
      expect.arrayContaining([
        ['operator', false],
        ['customer', false],
      ]),
    );
    await life.post(life.agent, `/api/back-office/requests/${id}/start-review`);

    const seen = [
      await life.get(life.manager, `/api/requests/${id}/follow-up`),
      await life.get(life.manager, `/api/requests/${id}`),
      await life.get(life.manager, '/api/requests?limit=100'),
      await life.get(life.manager, '/api/notifications?limit=50'),
      await life.get(viewer, `/api/requests/${id}/follow-up`),
    ];
    for (const response of seen) {
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(secret);
    }
    const follow = bodyOf(seen[0]!, RequestFollowUp);
    expect(follow.comments).toHaveLength(2);
    expect(follow.attachments).toEqual([]);
    const download = await life.get(
      life.manager,
      `/api/requests/${id}/attachments/${internalFileId}`,
    );
    expect(download.statusCode).toBe(404);
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) =>
        eb.or([
          eb('text_body', 'like', `%${secret}%`),
          eb('subject', 'like', `%${secret}%`),
          eb(sql<string>`coalesce(html_body, '')`, 'like', `%${secret}%`),
        ]),
      )
      .executeTakeFirstOrThrow();
    expect(mails.n).toBe('0');
    // the operator sees everything
    const operatorView = (await life.get(life.agent, `/api/back-office/requests/${id}`)).body;
    expect(operatorView).toContain(secret);
  });

  it('lets a Gestionnaire attach a file and read it back; a Visiteur only reads', async () => {
    const id = await life.submitted();
    const upload = multipartFile(
      'capture.png',
      'image/png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    );
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.manager },
    });
    expect(response.statusCode, response.body).toBe(201);
    const file = bodyOf(response, RequestFollowUp).attachments[0]!;
    expect(file).toMatchObject({
      fileName: 'capture.png',
      uploadedByKind: 'customer',
      isInternal: false,
    });
    const read = await life.get(viewer, `/api/requests/${id}/attachments/${file.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: viewer },
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await life.post(viewer, `/api/requests/${id}/comments`, { body: 'Bonjour' })).statusCode,
    ).toBe(403);
    expect((await life.get(globex, `/api/requests/${id}/attachments/${file.id}`)).statusCode).toBe(
      404,
    );
    const operator = bodyOf(
      await life.get(life.agent, `/api/back-office/requests/${id}`),
      BackOfficeRequestDetail,
    );
    expect(operator.attachments.map((a: { id: string }) => a.id)).toEqual([file.id]);
  });

  it('answers 400 to a multipart body it cannot read (no boundary, truncated), never 500', async () => {
    const id = await life.submitted();
    for (const payload of ['', '{"file":1', '--x\r\nContent-Disposition: form-data']) {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/requests/${id}/attachments`,
        payload,
        headers: { 'content-type': 'multipart/form-data', cookie: life.manager },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'file', rule: 'malformed' }],
      });
    }
    expect((await followUp(life.manager, id)).attachments).toEqual([]);
  });

  it('refuses an attachment id of another request', async () => {
    const id = await life.submitted();
    const other = await life.submitted();
    const upload = multipartFile('note.txt', 'text/plain', Buffer.from('bonjour'));
    const sent = await h.app.inject({
      method: 'POST',
      url: `/api/requests/${other}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: life.manager },
    });
    const fileId = bodyOf(sent, RequestFollowUp).attachments[0]!.id;
    expect(
      (await life.get(life.manager, `/api/requests/${id}/attachments/${fileId}`)).statusCode,
    ).toBe(404);
    expect(
      (await life.get(life.manager, `/api/requests/${id}/attachments/${stableId('x')}`)).statusCode,
    ).toBe(404);
  });
});

describe('the customer follows each step', () => {
  it('sees the whole history, the portal groups, and the bell, through to « Réalisée »', async () => {
    const reference = uniqueReference('SUIVI');
    const id = await life.onQuote(reference);
    const groupOf = async () =>
      bodyOf(await life.get(life.manager, `/api/requests?q=${reference}`), RequestPage).items[0]!
        .group;
    expect(await groupOf()).toBe('en_cours');
    await life.sendQuote(id);
    const quoteId = await currentQuoteId(id);
    await life.post(life.manager, `/api/requests/${id}/quotes/${quoteId}/accept`);
    await life.post(life.agent, `/api/back-office/requests/${id}/complete`);
    expect(await groupOf()).toBe('terminee');
    const done = await life.get(life.manager, `/api/requests?group=terminee&q=${reference}`);
    expect(bodyOf(done, RequestPage).items.map((item: { id: string }) => item.id)).toEqual([id]);
    const detail = bodyOf(await life.get(life.manager, `/api/requests/${id}`), RequestDetail);
    expect(detail.status).toBe('done');
    expect(
      detail.events.map((event: { kind: string; toStatus: string | null }) => [
        event.kind,
        event.toStatus,
      ]),
    ).toEqual([
      ['created', 'draft'],
      ['confirmed', 'quote_pending'],
      ['quote_sent', 'quote_sent'],
      ['status_changed', 'in_progress'],
      ['status_changed', 'done'],
    ]);
    const bell = bodyOf(
      await life.get(life.manager, '/api/notifications?limit=50'),
      NotificationList,
    );
    const mine = bell.items.filter((item) => item.requestId === id);
    expect(mine.map((item) => item.kind).sort()).toEqual(['quote_sent', 'status_changed']);
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select('kind')
      .where('request_id', '=', id)
      .execute();
    expect(mails.map((mail) => mail.kind).sort()).toEqual([
      'quote_sent',
      'request_confirmed',
      'request_done',
    ]);
  });
});
