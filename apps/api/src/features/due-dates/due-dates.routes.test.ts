import {
  BackOfficeRequestDetail,
  DueTargetsSettings,
  QueuePage,
  RequestDetail,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, demo, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { createLifecycle, uniqueReference } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { watchDueDates } from './due-dates.service.ts';

let h: Harness;
let life: Lifecycle;
let admin: string;
let catalogManager: string;

beforeAll(async () => {
  // the tests move the clock over several days: sessions last a month here
  h = await createHarness({ config: { sessionTtlHours: 24 * 30 } });
  life = await createLifecycle(h);
  [admin, catalogManager] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('catalogue@guichet.example'),
  ]);
});
afterAll(() => h.close());

const put = (cookie: string, url: string, payload: unknown) =>
  h.app.inject({ method: 'PUT', url, payload: payload as object, headers: { cookie } });
const at = (iso: string) => new Date(iso);
let now = testNow;
/** The app's clock, and the jobs': the watch job runs here as its worker would. */
function setNow(date: Date): void {
  now = date;
  h.setNow(date);
}
const deps = () => ({ db: h.database.db, clock: () => now, publicUrl: h.config.publicUrl });

async function agentView(id: string) {
  const response = await life.get(life.agent, `/api/back-office/requests/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, BackOfficeRequestDetail);
}
async function customerView(id: string) {
  const response = await life.get(life.manager, `/api/requests/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, RequestDetail);
}
async function clockOf(id: string) {
  return h.database.db
    .selectFrom('request_due_dates')
    .selectAll()
    .where('request_id', '=', id)
    .executeTakeFirstOrThrow();
}
async function breachEvents(id: string) {
  return h.database.db
    .selectFrom('request_events')
    .select(['kind', 'data'])
    .where('request_id', '=', id)
    .where('kind', 'in', ['due_take_charge_breached', 'due_carry_out_breached'])
    .execute();
}
async function submittedAt(now: Date, reference = uniqueReference('DUE')) {
  setNow(now);
  const id = await life.submitted(reference);
  return id;
}

describe('the targets (provider admins only)', () => {
  it('shows the seeded targets of the four support levels to an admin', async () => {
    const response = await life.get(admin, '/api/back-office/due-date-targets');
    expect(response.statusCode, response.body).toBe(200);
    const settings = bodyOf(response, DueTargetsSettings);
    expect(settings.levels).toEqual([
      { supportLevel: 'Standard', takeChargeMinutes: 540, carryOutMinutes: 2700 },
      { supportLevel: 'Bronze', takeChargeMinutes: 360, carryOutMinutes: 2160 },
      { supportLevel: 'Silver', takeChargeMinutes: 240, carryOutMinutes: 1620 },
      { supportLevel: 'Gold', takeChargeMinutes: 120, carryOutMinutes: 1080 },
    ]);
    expect(settings.articles.some((article) => article.articleId === demo.other)).toBe(true);
  });

  it('refuses agents, catalog managers and customers (403), anonymous callers (401)', async () => {
    for (const cookie of [life.agent, catalogManager, life.manager]) {
      const read = await life.get(cookie, '/api/back-office/due-date-targets');
      expect(read.statusCode).toBe(403);
      expect(errorOf(read).code).toBe('forbidden');
      const write = await put(cookie, '/api/back-office/due-date-targets/levels/Gold', {
        takeChargeMinutes: 1,
        carryOutMinutes: 2,
      });
      expect(write.statusCode).toBe(403);
    }
    const anonymous = await h.app.inject({
      method: 'GET',
      url: '/api/back-office/due-date-targets',
    });
    expect(anonymous.statusCode).toBe(401);
    const level = await h.database.db
      .selectFrom('support_level_targets')
      .select('take_charge_minutes')
      .where('support_level', '=', 'Gold')
      .executeTakeFirstOrThrow();
    expect(level.take_charge_minutes).toBe(120);
  });

  it('refuses a take-charge after the carry-out, fractions, and an unknown article', async () => {
    const late = await put(admin, '/api/back-office/due-date-targets/levels/Silver', {
      takeChargeMinutes: 600,
      carryOutMinutes: 60,
    });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).details?.[0]?.rule).toBe('take_charge_after_carry_out');
    const fraction = await put(admin, '/api/back-office/due-date-targets/levels/Silver', {
      takeChargeMinutes: 1.5,
      carryOutMinutes: 60,
    });
    expect(fraction.statusCode).toBe(400);
    const unknown = await put(
      admin,
      '/api/back-office/due-date-targets/articles/00000000-0000-4000-8000-000000000099',
      { takeChargeMinutes: 60, carryOutMinutes: null },
    );
    expect(unknown.statusCode).toBe(404);
    const level = await put(admin, '/api/back-office/due-date-targets/levels/Platinum', {
      takeChargeMinutes: 60,
      carryOutMinutes: 60,
    });
    expect(level.statusCode).toBe(400);
  });
});

describe('due dates of a request', () => {
  it('counts the contract’s business hours from the confirmation, shown to both sides', async () => {
    // Friday 20 November 2026, 11:00 in Paris; ACME's contract is Gold: 2 h and 18 h
    const id = await submittedAt(testNow);
    const agent = await agentView(id);
    expect(agent.dueDates).toMatchObject({
      startedAt: testNow.toISOString(),
      paused: false,
      timeZone: 'Europe/Paris',
      takeCharge: { minutes: 120, dueAt: '2026-11-20T12:00:00.000Z', state: 'on_time' },
      // 7 h on Friday, 9 h on Monday, 2 h on Tuesday
      carryOut: { minutes: 1080, dueAt: '2026-11-24T10:00:00.000Z', metAt: null },
    });
    // stored at the confirmation already, for the queue's sort
    const stored = await clockOf(id);
    expect(stored.stale).toBe(false);
    expect(stored.next_due_at?.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    const customer = await customerView(id);
    expect(customer.dueDate).toEqual({
      carryOutDueAt: '2026-11-24T10:00:00.000Z',
      paused: false,
      state: 'on_time',
    });
  });

  it('takes an article’s override, and keeps the targets a clock started with', async () => {
    const override = await put(admin, `/api/back-office/due-date-targets/articles/${demo.other}`, {
      takeChargeMinutes: null,
      carryOutMinutes: 600,
    });
    expect(override.statusCode, override.body).toBe(200);
    try {
      const id = await submittedAt(testNow);
      await watchDueDates(deps());
      expect((await clockOf(id)).carry_out_minutes).toBe(600);
      // Friday 11:00–18:00, then Monday 09:00–12:00 Paris
      expect((await agentView(id)).dueDates?.carryOut.dueAt).toBe('2026-11-23T11:00:00.000Z');
      // a later change leaves this request's clock as it started
      await put(admin, `/api/back-office/due-date-targets/articles/${demo.other}`, {
        takeChargeMinutes: null,
        carryOutMinutes: 60,
      });
      expect((await agentView(id)).dueDates?.carryOut.dueAt).toBe('2026-11-23T11:00:00.000Z');
    } finally {
      await put(admin, `/api/back-office/due-date-targets/articles/${demo.other}`, {
        takeChargeMinutes: null,
        carryOutMinutes: null,
      });
    }
  });

  it('is taken in charge by the review and pauses while the customer is asked (history)', async () => {
    const id = await submittedAt(testNow);
    setNow(at('2026-11-20T10:30:00Z'));
    await life.post(life.agent, `/api/back-office/requests/${id}/start-review`);
    // the questions back (another part of issue 20) move requests into awaiting_customer: the
    // history is what the clock reads, written here as those moves will write it
    await h.database.db
      .insertInto('request_events')
      .values([
        {
          request_id: id,
          actor_id: null,
          kind: 'status_changed',
          from_status: 'in_review',
          to_status: 'awaiting_customer',
          at: at('2026-11-20T11:00:00Z'),
          data: '{}',
        },
      ])
      .execute();
    const paused = (await agentView(id)).dueDates;
    expect(paused?.takeCharge).toMatchObject({ metAt: '2026-11-20T10:30:00.000Z', state: 'met' });
    expect(paused?.paused).toBe(true);
    expect(paused?.carryOut).toMatchObject({ dueAt: null, state: 'paused' });
    expect((await customerView(id)).dueDate).toEqual({
      carryOutDueAt: null,
      paused: true,
      state: 'paused',
    });
    await h.database.db
      .insertInto('request_events')
      .values({
        request_id: id,
        actor_id: null,
        kind: 'status_changed',
        from_status: 'awaiting_customer',
        to_status: 'in_review',
        at: at('2026-11-23T09:00:00Z'),
        data: '{}',
      })
      .execute();
    // 1 h before the pause (11:00–12:00), then 17 h from Monday 10:00 Paris: Tuesday 18:00
    expect((await agentView(id)).dueDates?.carryOut.dueAt).toBe('2026-11-24T17:00:00.000Z');
    // the events marked the stored clock stale; the watch job computes it
    expect((await clockOf(id)).stale).toBe(true);
    setNow(at('2026-11-23T09:05:00Z'));
    await watchDueDates(deps());
    const stored = await clockOf(id);
    expect(stored.stale).toBe(false);
    expect(stored.next_due_at?.toISOString()).toBe('2026-11-24T17:00:00.000Z');
  });
});

describe('the queue by due date', () => {
  it('sorts by the next due date with keyset pages, and filters late and at risk', async () => {
    const reference = uniqueReference('SORT');
    // Gold: 2 h to take charge. Confirmed at 09:30, 10:00 and 08:00 Paris (counted from 09:00)
    // on Monday 23 November: due at 11:30, 12:00 and 10:00 Paris.
    const second = await submittedAt(at('2026-11-23T08:30:00Z'), `${reference}-b`);
    const third = await submittedAt(at('2026-11-23T09:00:00Z'), `${reference}-c`);
    const first = await submittedAt(at('2026-11-23T07:00:00Z'), `${reference}-a`);
    setNow(at('2026-11-23T10:10:00Z')); // 11:10 Paris
    await watchDueDates(deps());
    const queue = async (query: string) => {
      const response = await life.get(
        life.agent,
        `/api/back-office/requests?q=${reference}&${query}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return bodyOf(response, QueuePage);
    };
    const sorted = await queue('sort=due');
    expect(sorted.items.map((item) => item.id)).toEqual([first, second, third]);
    expect(sorted.items.map((item) => item.dueState)).toEqual(['late', 'at_risk', 'on_time']);
    // one per page: the cursor follows the due dates
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue(`sort=due&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([first, second, third]);
    // late: due 10:00 Paris passed; at risk: under 24 min of the 2 h left (due 11:30)
    expect((await queue('due=late')).items.map((item) => item.id)).toEqual([first]);
    expect((await queue('due=at_risk')).items.map((item) => item.id)).toEqual([second]);
    // the scoped queue (no search) takes the same paths
    const response = await life.get(
      life.agent,
      '/api/back-office/requests?due=late&sort=due&limit=100',
    );
    const late = bodyOf(response, QueuePage).items.map((item) => item.id);
    expect(late).toContain(first);
    expect(late).not.toContain(second);
  });
});

describe('breaches', () => {
  it('are recorded once by two watch workers at the same instant, in the agent’s history only', async () => {
    const id = await submittedAt(at('2026-11-24T08:00:00Z'));
    setNow(at('2026-11-24T11:00:00Z')); // take charge due 11:00 Paris, now 12:00
    const counts = await Promise.all([watchDueDates(deps()), watchDueDates(deps())]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
    const events = await breachEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      target: 'take_charge',
      dueAt: '2026-11-24T10:00:00.000Z',
      internal: true,
    });
    // a second pass records nothing more
    await watchDueDates(deps());
    expect(await breachEvents(id)).toHaveLength(1);
    const agent = await agentView(id);
    expect(agent.dueDates?.takeCharge).toMatchObject({
      state: 'late',
      breachedAt: '2026-11-24T11:00:00.000Z',
    });
    expect(agent.events.some((event) => event.kind === 'due_take_charge_breached')).toBe(true);
    expect((await customerView(id)).events.some((event) => event.kind.startsWith('due_'))).toBe(
      false,
    );
  });

  it('are recorded at the move that answers late, without waiting for the job', async () => {
    const id = await submittedAt(at('2026-11-25T08:00:00Z'));
    setNow(at('2026-11-25T12:00:00Z'));
    const review = await life.post(life.agent, `/api/back-office/requests/${id}/start-review`);
    expect(review.statusCode, review.body).toBe(200);
    const events = await breachEvents(id);
    expect(events.map((event) => event.data['target'])).toEqual(['take_charge']);
    expect((await agentView(id)).dueDates?.takeCharge.state).toBe('missed');
    const stored = await clockOf(id);
    expect(stored.take_charge_met_at?.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(stored.next_due_at?.toISOString()).toBe(stored.carry_out_due_at?.toISOString());
  });
});
