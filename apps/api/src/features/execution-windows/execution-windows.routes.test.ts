import {
  BackOfficeRequestDetail,
  ChangePeriodList,
  ChangePeriodView,
  DryRunView,
  PreviewView,
  RequestDetail,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness, bodyOf, demo, errorOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { createLifecycle, uniqueReference } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';

// The tests live on 2026-11-20 (testNow); OCB0005121 is in Europe/Paris (UTC+1 in winter).
let h: Harness;
let life: Lifecycle;
let admin: string;
let catalogManager: string;

const periodsUrl = '/api/back-office/change-periods';

const otherRequest = (window: { startsAt: string; endsAt: string } | null) => ({
  contractId: 'OCB0005121',
  assetId: demo.acmeTenant,
  catalogId: demo.standard,
  articleId: demo.other,
  customerReference: uniqueReference('W'),
  values: { details: 'Merci de redémarrer les instances de production.' },
  acknowledgeBilling: true,
  executionWindow: window,
});

async function declare(body: Record<string, unknown>): Promise<ChangePeriodView> {
  const response = await life.post(admin, periodsUrl, body);
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, ChangePeriodView);
}

async function confirmed(window: { startsAt: string; endsAt: string } | null) {
  const response = await life.post(life.manager, '/api/requests', {
    action: 'confirm',
    ...otherRequest(window),
  });
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, RequestDetail);
}

beforeAll(async () => {
  h = await createHarness();
  life = await createLifecycle(h);
  [admin, catalogManager] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('catalogue@guichet.example'),
  ]);
});
afterAll(() => h.close());

describe(`freeze and maintenance periods (${inject('databaseEngine')})`, () => {
  it('are listed, created, edited and deleted by an admin, refused to anyone else', async () => {
    const created = await declare({
      kind: 'maintenance',
      label: 'Maintenance mensuelle eu-west-0',
      region: 'eu-west-0',
      startsAt: '2027-02-04T20:00:00+01:00',
      endsAt: '2027-02-04T23:00:00+01:00',
    });
    expect(created).toMatchObject({
      kind: 'maintenance',
      offer: null,
      region: 'eu-west-0',
      startsAt: '2027-02-04T19:00:00.000Z',
      version: 1,
    });

    const listed = bodyOf(await life.get(admin, periodsUrl), ChangePeriodList);
    expect(listed.items.map((p) => p.id)).toContain(created.id);

    const edited = await h.app.inject({
      method: 'PUT',
      url: `${periodsUrl}/${created.id}`,
      headers: { cookie: admin },
      payload: { ...created, label: 'Maintenance de février', version: 1 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(bodyOf(edited, ChangePeriodView)).toMatchObject({
      label: 'Maintenance de février',
      version: 2,
    });
    const stale = await h.app.inject({
      method: 'PUT',
      url: `${periodsUrl}/${created.id}`,
      headers: { cookie: admin },
      payload: { ...created, label: 'Trop tard', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');

    for (const cookie of [life.agent, catalogManager, life.manager]) {
      expect((await life.get(cookie, periodsUrl)).statusCode).toBe(403);
      const refused = await life.post(cookie, periodsUrl, {
        kind: 'freeze',
        label: 'Gel',
        startsAt: '2027-03-01T00:00:00Z',
        endsAt: '2027-03-02T00:00:00Z',
      });
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).code).toBe('forbidden');
    }

    const deleted = await h.app.inject({
      method: 'DELETE',
      url: `${periodsUrl}/${created.id}`,
      headers: { cookie: admin },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await life.get(admin, `${periodsUrl}/${created.id}`)).statusCode).toBe(404);
  });

  it.each([
    ['an end before the start', { endsAt: '2027-03-01T00:00:00Z' }, 'endsAt', 'window_empty'],
    ['a zero-length period', { endsAt: '2027-03-02T00:00:00Z' }, 'endsAt', 'window_empty'],
    ['an instant without offset', { startsAt: '2027-03-02T00:00:00' }, 'startsAt', undefined],
    ['a label with a line break', { label: 'Gel\nannuel' }, 'label', 'line_break'],
    ['an empty label', { label: '' }, 'label', undefined],
    ['a label too long', { label: 'g'.repeat(201) }, 'label', undefined],
    ['an unknown kind', { kind: 'holiday' }, 'kind', undefined],
  ])('refuses %s with a coded 400', async (_case, change, path, rule) => {
    const response = await life.post(admin, periodsUrl, {
      kind: 'freeze',
      label: 'Gel',
      startsAt: '2027-03-02T00:00:00Z',
      endsAt: '2027-03-03T00:00:00Z',
      ...change,
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details?.[0]?.path).toBe(path);
    if (rule) expect(error.details?.[0]?.rule).toBe(rule);
  });
});

describe(`the execution window asked by the customer (${inject('databaseEngine')})`, () => {
  it('is kept in a draft as typed, in the contract’s time zone, and cleared when removed', async () => {
    const created = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      ...otherRequest({ startsAt: '2026-12-03T22:00', endsAt: '2026-12-04T02:00' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = bodyOf(created, RequestDetail);
    expect(draft.executionWindow).toEqual({
      startsAt: '2026-12-03T21:00:00.000Z',
      endsAt: '2026-12-04T01:00:00.000Z',
      timeZone: 'Europe/Paris',
      local: { startsAt: '2026-12-03T22:00', endsAt: '2026-12-04T02:00' },
    });
    expect(draft.plannedWindow).toBeNull();

    const saved = await h.app.inject({
      method: 'PUT',
      url: `/api/requests/${draft.id}`,
      headers: { cookie: life.manager },
      payload: { ...otherRequest(null), version: draft.version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(bodyOf(saved, RequestDetail).executionWindow).toBeNull();
  });

  it('a draft confirmed without its window by the one-statement path loses the window', async () => {
    const draft = bodyOf(
      await life.post(life.manager, '/api/requests', {
        action: 'draft',
        ...otherRequest({ startsAt: '2026-12-05T22:00', endsAt: '2026-12-05T23:00' }),
      }),
      RequestDetail,
    );
    const response = await life.post(life.manager, `/api/requests/${draft.id}/confirm`, {
      ...otherRequest(null),
      version: draft.version,
    });
    expect(response.statusCode, response.body).toBe(200);
    const read = bodyOf(await life.get(life.manager, `/api/requests/${draft.id}`), RequestDetail);
    expect(read.status).toBe('submitted');
    expect(read.executionWindow).toBeNull();
  });

  it('a draft confirmed with its window keeps it', async () => {
    const window = { startsAt: '2026-12-06T22:00', endsAt: '2026-12-06T23:30' };
    const draft = bodyOf(
      await life.post(life.manager, '/api/requests', { action: 'draft', ...otherRequest(window) }),
      RequestDetail,
    );
    const response = await life.post(life.manager, `/api/requests/${draft.id}/confirm`, {
      ...otherRequest(window),
      version: draft.version,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, RequestDetail).executionWindow?.local).toEqual(window);
  });

  it.each([
    [
      'ends before it starts',
      { startsAt: '2026-12-03T22:00', endsAt: '2026-12-03T21:00' },
      'executionWindow.endsAt',
      'window_empty',
    ],
    [
      'lasts zero minutes',
      { startsAt: '2026-12-03T22:00', endsAt: '2026-12-03T22:00' },
      'executionWindow.endsAt',
      'window_empty',
    ],
    [
      'lasts more than 72 hours',
      { startsAt: '2026-12-03T22:00', endsAt: '2026-12-07T22:00' },
      'executionWindow.endsAt',
      'window_too_long',
    ],
    [
      'started already',
      { startsAt: '2026-11-20T10:00', endsAt: '2026-11-20T12:00' },
      'executionWindow.startsAt',
      'window_in_the_past',
    ],
    [
      'starts more than a year ahead',
      { startsAt: '2028-01-10T22:00', endsAt: '2028-01-10T23:00' },
      'executionWindow.startsAt',
      'window_too_far',
    ],
    [
      'is no local date and time',
      { startsAt: '2026-12-03 22:00', endsAt: '2026-12-03T23:00' },
      'executionWindow.startsAt',
      undefined,
    ],
  ])(
    'a window that %s is refused at confirmation, and nothing is written',
    async (_case, window, path, rule) => {
      const reference = uniqueReference('R');
      const response = await life.post(life.manager, '/api/requests', {
        action: 'confirm',
        ...otherRequest(window),
        customerReference: reference,
      });
      expect(response.statusCode).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.details?.map((d) => d.path)).toContain(path);
      if (rule) expect(error.details?.find((d) => d.path === path)?.rule).toBe(rule);
      const written = await h.database.db
        .selectFrom('requests')
        .select('id')
        .where('customer_reference', '=', reference)
        .execute();
      expect(written).toEqual([]);
    },
  );

  it('a draft keeps a past window (judged when confirmed) but not a reversed one', async () => {
    const past = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      ...otherRequest({ startsAt: '2026-11-01T22:00', endsAt: '2026-11-01T23:00' }),
    });
    expect(past.statusCode, past.body).toBe(201);
    const reversed = await life.post(life.manager, '/api/requests', {
      action: 'draft',
      ...otherRequest({ startsAt: '2026-12-01T22:00', endsAt: '2026-12-01T21:00' }),
    });
    expect(reversed.statusCode).toBe(400);
    expect(errorOf(reversed).details?.[0]).toMatchObject({
      path: 'executionWindow.endsAt',
      rule: 'window_empty',
    });
  });

  it('the preview and the dry run warn of a freeze and of an overlapping change, without refusing', async () => {
    const freeze = await declare({
      kind: 'freeze',
      label: 'Gel des fêtes',
      offer: 'Flexible Engine',
      startsAt: '2026-12-19T00:00:00+01:00',
      endsAt: '2027-01-04T00:00:00+01:00',
    });
    // Another region's freeze and another offer's do not concern this item.
    await declare({
      kind: 'freeze',
      label: 'Gel eu-west-1',
      region: 'eu-west-1',
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2027-01-10T00:00:00Z',
    });
    await declare({
      kind: 'freeze',
      label: 'Gel Cloud Avenue',
      offer: 'Cloud Avenue',
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2027-01-10T00:00:00Z',
    });
    const window = { startsAt: '2026-12-22T22:00', endsAt: '2026-12-23T01:00' };
    const first = await confirmed(window);
    expect(first.executionWindow?.local).toEqual(window);

    const preview = await life.post(life.manager, '/api/requests/preview', {
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      articleId: demo.other,
      executionWindow: { startsAt: '2026-12-23T00:00', endsAt: '2026-12-23T03:00' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const warnings = bodyOf(preview, PreviewView).windowWarnings;
    expect(warnings.freezes).toEqual([
      { id: freeze.id, label: 'Gel des fêtes', startsAt: freeze.startsAt, endsAt: freeze.endsAt },
    ]);
    expect(warnings.overlaps).toEqual([
      expect.objectContaining({ id: first.id, number: first.number, status: 'submitted' }),
    ]);

    // Touching the other change's window is no overlap; the request itself is left out.
    const touching = bodyOf(
      await life.post(life.manager, '/api/requests/dry-run', {
        ...otherRequest({ startsAt: '2026-12-23T01:00', endsAt: '2026-12-23T02:00' }),
      }),
      DryRunView,
    );
    expect(touching.isValid).toBe(true);
    expect(touching.windowWarnings.overlaps).toEqual([]);
    expect(touching.windowWarnings.freezes.map((f) => f.id)).toEqual([freeze.id]);
    const itself = bodyOf(
      await life.post(life.manager, '/api/requests/dry-run', {
        ...otherRequest(window),
        requestId: first.id,
      }),
      DryRunView,
    );
    expect(itself.windowWarnings.overlaps).toEqual([]);

    const past = bodyOf(
      await life.post(life.manager, '/api/requests/dry-run', {
        ...otherRequest({ startsAt: '2026-11-19T22:00', endsAt: '2026-11-19T23:00' }),
      }),
      DryRunView,
    );
    expect(past.isValid).toBe(false);
    expect(past.errors.map((e) => e.rule)).toContain('window_in_the_past');

    const without = bodyOf(
      await life.post(life.manager, '/api/requests/preview', {
        contractId: 'OCB0005121',
        assetId: demo.acmeTenant,
      }),
      PreviewView,
    );
    expect(without.windowWarnings).toEqual({ freezes: [], overlaps: [] });
  });

  it('another customer’s item answers 404 in the preview, whatever the window', async () => {
    const response = await life.post(life.manager, '/api/requests/preview', {
      contractId: 'OCB0005121',
      assetId: demo.globexTenant,
      executionWindow: { startsAt: '2026-12-23T00:00', endsAt: '2026-12-23T03:00' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe(`« Planifier » with a window (${inject('databaseEngine')})`, () => {
  async function inReview(window: { startsAt: string; endsAt: string } | null) {
    const request = await confirmed(window);
    const started = await life.post(
      life.agent,
      `/api/back-office/requests/${request.id}/start-review`,
    );
    expect(started.statusCode, started.body).toBe(200);
    return request;
  }

  it('proposes the customer’s window, refuses a freeze with a coded error, keeps the plan for the customer', async () => {
    await declare({
      kind: 'freeze',
      label: 'Gel de la migration',
      startsAt: '2027-01-14T00:00:00+01:00',
      endsAt: '2027-01-16T00:00:00+01:00',
    });
    const asked = { startsAt: '2027-01-12T21:00', endsAt: '2027-01-12T23:00' };
    const request = await inReview(asked);
    const detail = bodyOf(
      await life.get(life.agent, `/api/back-office/requests/${request.id}`),
      BackOfficeRequestDetail,
    );
    expect(detail.proposedWindow).toMatchObject({ source: 'customer', local: asked });
    expect(detail.executionWindow?.local).toEqual(asked);

    const frozen = await life.post(life.agent, `/api/back-office/requests/${request.id}/schedule`, {
      plannedWindow: { startsAt: '2027-01-15T21:00', endsAt: '2027-01-15T23:00' },
    });
    expect(frozen.statusCode).toBe(409);
    const error = errorOf(frozen);
    expect(error.code).toBe('in_freeze_period');
    expect(error.details?.[0]).toMatchObject({ path: 'plannedWindow', rule: 'in_freeze_period' });
    expect(await life.statusOf(request.id)).toBe('in_review');

    const past = await life.post(life.agent, `/api/back-office/requests/${request.id}/schedule`, {
      plannedWindow: { startsAt: '2026-11-19T21:00', endsAt: '2026-11-19T23:00' },
    });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).details?.[0]?.rule).toBe('window_in_the_past');

    const planned = { startsAt: '2027-01-13T21:00', endsAt: '2027-01-13T23:30' };
    const scheduled = await life.post(
      life.agent,
      `/api/back-office/requests/${request.id}/schedule`,
      { plannedWindow: planned, note: 'Avec l’équipe réseau' },
    );
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const after = bodyOf(scheduled, BackOfficeRequestDetail);
    expect(after.status).toBe('in_progress');
    expect(after.plannedWindow?.local).toEqual(planned);
    expect(after.proposedWindow).toBeNull();

    const seen = bodyOf(await life.get(life.manager, `/api/requests/${request.id}`), RequestDetail);
    expect(seen.plannedWindow).toEqual({
      startsAt: '2027-01-13T20:00:00.000Z',
      endsAt: '2027-01-13T22:30:00.000Z',
      timeZone: 'Europe/Paris',
      local: planned,
    });
    expect(seen.executionWindow?.local).toEqual(asked);
    expect(seen.events.at(-1)).toMatchObject({
      action: 'schedule',
      toStatus: 'in_progress',
      note: '2027-01-13 21:00 → 2027-01-13 23:30 (Europe/Paris) — Avec l’équipe réseau',
    });
  });

  it('proposes the next maintenance period when the customer asked no window', async () => {
    const maintenance = await declare({
      kind: 'maintenance',
      label: 'Maintenance hebdomadaire',
      offer: 'Flexible Engine',
      region: 'eu-west-0',
      startsAt: '2026-11-26T21:00:00+01:00',
      endsAt: '2026-11-27T01:00:00+01:00',
    });
    const request = await inReview(null);
    const detail = bodyOf(
      await life.get(life.agent, `/api/back-office/requests/${request.id}`),
      BackOfficeRequestDetail,
    );
    expect(detail.proposedWindow).toMatchObject({
      source: 'maintenance',
      startsAt: maintenance.startsAt,
      endsAt: maintenance.endsAt,
      local: { startsAt: '2026-11-26T21:00', endsAt: '2026-11-27T01:00' },
    });
  });
});
