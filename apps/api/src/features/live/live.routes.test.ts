import { RequestDetail } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createHarness, stableId, bodyOf } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { addActiveUser, createApiToken } from '../../test/rights-builders.ts';
import { openSse } from '../../test/sse-client.ts';
import { pruneLiveEvents } from './live.service.ts';
import type { SseClient, StreamEvent } from '../../test/sse-client.ts';

const heartbeatMs = 300;
const h = await createHarness({ config: { liveHeartbeatMs: heartbeatMs } });
let base = '';
let life: Lifecycle;
let globex: string;
let visitor: string;
const open: SseClient[] = [];

async function stream(headers: Record<string, string>, query = ''): Promise<SseClient> {
  const client = await openSse(`${base}/api/events${query}`, headers);
  open.push(client);
  return client;
}

const about = (id: string) => (event: StreamEvent) =>
  event.data['id'] === id || event.data['requestId'] === id;

beforeAll(async () => {
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  life = await createLifecycle(h);
  [globex, visitor] = await Promise.all([
    h.login('gestionnaire@globex.example'),
    h.login('visiteur@acme.example'),
  ]);
});
afterAll(async () => {
  for (const client of open) client.close();
  await h.close();
});

describe('GET /api/events', () => {
  it('is a server-sent event stream, unbuffered, with the security headers; 401 without a session', async () => {
    const client = await stream({ cookie: life.manager });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers['x-content-type-options']).toBe('nosniff');
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/events' });
    expect(anonymous.statusCode).toBe(401);
    client.close();
  });

  it('tells each listener only what their rights cover, over a scripted series of changes', async () => {
    const [acme, acmeVisitor, other, agent] = await Promise.all([
      stream({ cookie: life.manager }),
      stream({ cookie: visitor }),
      stream({ cookie: globex }),
      stream({ cookie: life.agent }),
    ]);
    const reviewed = await life.submitted();
    await life.post(life.agent, `/api/back-office/requests/${reviewed}/start-review`);
    await life.post(life.agent, `/api/back-office/requests/${reviewed}/comments`, {
      body: 'Nous regardons.',
    });
    await life.post(life.agent, `/api/back-office/requests/${reviewed}/comments`, {
      body: 'Note interne : client pressé.',
      isInternal: true,
    });
    // Starting the review gave it to the agent; giving it back to nobody is internal.
    const unassigned = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/requests/${reviewed}/assignee`,
      headers: { cookie: life.agent },
      payload: { assigneeId: null },
    });
    expect(unassigned.statusCode).toBe(200);
    const quoted = await life.onQuote();
    expect((await life.sendQuote(quoted)).statusCode).toBe(201);
    const cancelled = await life.submitted();
    await life.post(life.manager, `/api/requests/${cancelled}/cancel`);
    // An inventory sync writes items outside the API: asset_versions moves, so does the stream.
    await sql`UPDATE assets SET label = label WHERE contract_id = 'OCB0005121'`.execute(
      h.database.db,
    );

    const isCancelled = (event: StreamEvent) =>
      event.type === 'request.changed' &&
      event.data['id'] === cancelled &&
      event.data['status'] === 'cancelled';
    await acme.waitFor((event) => event.type === 'inventory.changed');
    await Promise.all([acme, acmeVisitor, agent].map((client) => client.waitFor(isCancelled)));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(other.events).toEqual([]);
    const inReview = await acme.waitFor(
      (event) =>
        event.type === 'request.changed' &&
        event.data['id'] === reviewed &&
        event.data['status'] === 'in_review',
    );
    expect(inReview.data).toMatchObject({
      contractId: 'OCB0005121',
      actorName: expect.any(String) as unknown,
      version: expect.any(Number) as unknown,
    });
    const quote = await acme.waitFor((event) => event.type === 'quote.sent');
    expect(quote.data['requestId']).toBe(quoted);
    for (const customer of [acme, acmeVisitor]) {
      expect(
        customer.events.filter((e) => e.type === 'comment.added' && about(reviewed)(e)),
      ).toHaveLength(1);
      expect(customer.events.some((e) => e.type === 'queue.changed')).toBe(false);
    }
    expect(
      agent.events.filter((e) => e.type === 'comment.added' && about(reviewed)(e)),
    ).toHaveLength(2);
    await agent.waitFor((event) => event.type === 'queue.changed' && event.data['id'] === reviewed);
    expect(agent.events.some((event) => event.type === 'inventory.changed')).toBe(false);
    // Notifications reach their recipient only: the author hears of the agent's moves.
    await acme.waitFor((event) => event.type === 'notification.created');
    expect(acmeVisitor.events.some((event) => event.type === 'notification.created')).toBe(false);
    expect(JSON.stringify(acme.events)).not.toContain('Note interne');
    for (const client of [acme, acmeVisitor, other, agent]) client.close();
  });

  it('tells a draft to its author only', async () => {
    const [author, colleague, agent] = await Promise.all([
      stream({ cookie: life.manager }),
      stream({ cookie: visitor }),
      stream({ cookie: life.agent }),
    ]);
    const saved = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      contractId: 'OCB0005121',
      assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
      catalogId: stableId('catalog:standard'),
      articleId: stableId('article:standard:faire-une-autre-demande'),
      values: {},
    });
    expect(saved.statusCode).toBe(201);
    const draft = (bodyOf(saved, RequestDetail) as { id: string }).id;
    await author.waitFor((event) => event.data['id'] === draft && event.data['status'] === 'draft');
    const later = await life.submitted();
    await Promise.all([colleague, agent].map((client) => client.waitFor(about(later))));
    expect(colleague.events.some(about(draft))).toBe(false);
    expect(agent.events.some(about(draft))).toBe(false);
    for (const client of [author, colleague, agent]) client.close();
  });

  it('replays what was missed after Last-Event-ID, and says reload when it is too far behind', async () => {
    const first = await stream({ cookie: life.manager });
    const id = await life.submitted();
    await first.waitFor(about(id));
    const lastSeen = first.lastEventId();
    expect(lastSeen).not.toBeNull();
    first.close();

    await life.post(life.agent, `/api/back-office/requests/${id}/start-review`);
    await life.post(life.agent, `/api/back-office/requests/${id}/reject`, { reason: 'Doublon' });
    const again = await stream({ cookie: life.manager, 'last-event-id': lastSeen ?? '' });
    const rejected = await again.waitFor(
      (event) => about(id)(event) && event.data['status'] === 'rejected',
    );
    const statuses = again.events
      .filter((event) => event.type === 'request.changed' && about(id)(event))
      .map((event) => event.data['status']);
    expect(statuses).toEqual(['in_review', 'rejected']);
    expect(Number(rejected.id)).toBeGreaterThan(Number(lastSeen));
    again.close();

    // Polling: the same replay by query, and the body ends.
    const polled = await h.app.inject({
      method: 'GET',
      url: `/api/events?once=true&lastEventId=${lastSeen}`,
      headers: { cookie: life.manager },
    });
    expect(polled.statusCode).toBe(200);
    expect(polled.body).toContain('"status":"rejected"');

    const unknown = await h.app.inject({
      method: 'GET',
      url: '/api/events?once=true&lastEventId=999999999999',
      headers: { cookie: life.manager },
    });
    expect(unknown.body).toContain('event: reload');
    await sql`UPDATE live_events SET at = now() - interval '2 hours' WHERE id = ${lastSeen}::bigint`.execute(
      h.database.db,
    );
    const tooOld = await h.app.inject({
      method: 'GET',
      url: `/api/events?once=true&lastEventId=${lastSeen}`,
      headers: { cookie: life.manager },
    });
    expect(tooOld.body).toContain('event: reload');
    expect(tooOld.body).not.toContain('"status":"rejected"');
  });

  it('ends a stream within the heartbeat period once its session is ended or its token revoked', async () => {
    const session = await h.login('gestionnaire@acme.example');
    const token = await createApiToken(h, life.manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const [bySession, byToken, kept] = await Promise.all([
      stream({ cookie: session }),
      stream({ authorization: `Bearer ${token.token}` }),
      stream({ cookie: life.manager }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, heartbeatMs * 2));
    expect(bySession.hasEnded() || byToken.hasEnded()).toBe(false);
    expect(bySession.comments).toBeGreaterThan(0);

    const endedAt = Date.now();
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: session } }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await h.app.inject({
          method: 'DELETE',
          url: `/api/account/api-tokens/${token.id}`,
          headers: { cookie: life.manager },
        })
      ).statusCode,
    ).toBe(204);
    await Promise.all([bySession.ended, byToken.ended]);
    expect(Date.now() - endedAt).toBeLessThan(heartbeatMs * 2 + 200);
    expect(kept.hasEnded()).toBe(false);
    kept.close();
  });

  it('listens again after losing its connection, and sends what was written meanwhile', async () => {
    const client = await stream({ cookie: life.manager });
    const before = await life.submitted();
    await client.waitFor(about(before));
    // The database ends the listener's connection (a restart, an outage, an administrator).
    const ended = await sql<{ pid: number }>`
      SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
      WHERE datname = current_database() AND query LIKE 'LISTEN%'`.execute(h.database.db);
    expect(ended.rows.length).toBeGreaterThan(0);
    const during = await life.submitted(); // committed while nobody listens
    await client.waitFor(about(during), 5000);
    const after = await life.submitted();
    await client.waitFor(about(after), 5000);
    expect(client.events.filter(about(during))).toHaveLength(1);
    client.close();
  });

  it('prunes the events older than a day, and keeps the others', async () => {
    const [old, recent] = await Promise.all([life.submitted(), life.submitted()]);
    await sql`UPDATE live_events SET at = now() - interval '25 hours' WHERE data ->> 'id' = ${old}`.execute(
      h.database.db,
    );
    expect(await pruneLiveEvents({ db: h.database.db, clock: () => new Date() })).toBeGreaterThan(
      0,
    );
    const left = await sql<{ id: string }>`
      SELECT data ->> 'id' AS id FROM live_events WHERE data ->> 'id' IN (${old}, ${recent})`.execute(
      h.database.db,
    );
    expect(left.rows.map((row) => row.id)).toEqual([recent]);
  });

  it('takes a user’s rights again as soon as their grants change', async () => {
    const user = await addActiveUser(h, life.manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const [watcher, manager] = await Promise.all([
      stream({ cookie: user.cookie }),
      stream({ cookie: life.manager }),
    ]);
    const seen = await life.submitted();
    await watcher.waitFor(about(seen));
    await h.database.db.deleteFrom('grants').where('user_id', '=', user.id).execute();
    await watcher.waitFor((event) => event.type === 'rights.changed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const unseen = await life.submitted();
    await manager.waitFor(about(unseen));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watcher.events.some(about(unseen))).toBe(false);
    watcher.close();
    manager.close();
  });

  it('carries a change made through one API process to the clients of another', async () => {
    const other: FastifyInstance = await buildApp({
      deps: { db: h.database.db, clock: () => new Date('2026-11-20T10:00:00Z') },
      config: { ...h.config, liveHeartbeatMs: heartbeatMs },
      databaseUrl: h.database.url,
    });
    const otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
    const onB = await openSse(`${otherBase}/api/events`, { cookie: life.manager });
    const id = await life.submitted(); // through process A (the harness's app)
    const heard = await onB.waitFor(about(id));
    expect(heard.type).toBe('request.changed');

    // Shutting B down ends its streams and lets it close at once.
    const closing = Date.now();
    await other.close();
    await onB.ended;
    expect(Date.now() - closing).toBeLessThan(2000);
  });
});
