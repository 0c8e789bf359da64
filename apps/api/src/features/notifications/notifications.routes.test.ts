import { NotificationList, RequestDetail, RequestFollowUp } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, demo, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';

let h: Harness;
let life: Lifecycle;

beforeAll(async () => {
  h = await createHarness();
  life = await createLifecycle(h);
});
afterAll(() => h.close());

async function bell(cookie: string) {
  const response = await life.get(cookie, '/api/notifications?limit=50');
  expect(response.statusCode).toBe(200);
  return bodyOf(response, NotificationList) as {
    unread: number;
    items: { id: string; kind: string; requestId: string; readAt: string | null }[];
  };
}

describe('the bell', () => {
  it('rings the author on each operator move, never for their own moves', async () => {
    const start = (await bell(life.manager)).unread;
    const id = await life.requestIn('in_review');
    await life.post(life.agent, `/api/back-office/requests/${id}/schedule`);
    const after = await bell(life.manager);
    expect(after.unread).toBe(start + 2);
    expect(after.items.filter((item) => item.requestId === id).map((item) => item.kind)).toEqual([
      'status_changed',
      'status_changed',
    ]);
    const cancelled = await life.submitted();
    await life.post(life.manager, `/api/requests/${cancelled}/cancel`);
    expect((await bell(life.manager)).items.some((item) => item.requestId === cancelled)).toBe(
      false,
    );
  });

  it('rings the assignee when the customer answers or comments', async () => {
    const id = await life.requestIn('quote_sent');
    await life.post(life.agent, `/api/back-office/requests/${id}/take`);
    const quoteId = bodyOf(
      await life.get(life.manager, `/api/requests/${id}/follow-up`),
      RequestFollowUp,
    ).quotes[0]!.id;
    await life.post(life.manager, `/api/requests/${id}/quotes/${quoteId}/accept`);
    await life.post(life.manager, `/api/requests/${id}/comments`, { body: 'Merci !' });
    const kinds = (await bell(life.agent)).items
      .filter((item) => item.requestId === id)
      .map((item) => item.kind)
      .sort();
    expect(kinds).toEqual(['comment_added', 'status_changed']);
  });

  it('marks some or all read, and only the caller’s', async () => {
    await life.requestIn('in_review');
    await life.requestIn('in_review');
    const before = await bell(life.manager);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const [first] = before.items;
    const other = await life.post(life.agent, '/api/notifications/read', { ids: [first!.id] });
    expect(other.statusCode).toBe(204);
    expect((await bell(life.manager)).unread).toBe(before.unread);
    await life.post(life.manager, '/api/notifications/read', { ids: [first!.id] });
    const one = await bell(life.manager);
    expect(one.unread).toBe(before.unread - 1);
    expect(one.items.find((item) => item.id === first!.id)?.readAt).not.toBeNull();
    await life.post(life.manager, '/api/notifications/read', {});
    expect((await bell(life.manager)).unread).toBe(0);
  });
});

describe('mails', () => {
  it('are written in the recipient’s language', async () => {
    const globex = await h.login('gestionnaire@globex.example');
    await h.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      payload: { locale: 'en' },
      headers: { cookie: globex },
    });
    const created = await life.post(globex, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0007001',
      assetId: demo.globexTenant,
      catalogId: demo.standard,
      articleId: demo.other,
      acknowledgeBilling: true,
      values: { details: 'Please enable the audit trail on the console.' },
    });
    const id = bodyOf(created, RequestDetail).id;
    await life.post(life.agent, `/api/back-office/requests/${id}/reject`, {
      reason: 'Already done last week.',
    });
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select(['kind', 'to_address', 'subject', 'text_body'])
      .where('request_id', '=', id)
      .orderBy('kind')
      .execute();
    expect(mails.map((mail) => [mail.kind, mail.to_address])).toEqual([
      ['request_confirmed', 'gestionnaire@globex.example'],
      ['status_changed', 'gestionnaire@globex.example'],
    ]);
    expect(mails[0]?.subject).toMatch(/^\[Guichet\] Request CHG-2026-\d+ submitted$/);
    expect(mails[1]?.subject).toMatch(/: Rejected$/);
    expect(mails[1]?.text_body).toContain('Reason: Already done last week.');
    expect(mails[1]?.text_body).toContain(`http://localhost:3000/demandes/${id}`);
  });
});
