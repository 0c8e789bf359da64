import {
  ArticleExecutionView,
  BackOfficeRequestDetail,
  ExecutionView,
  ExecutorList,
  RequestDetail,
  WebhookPayload,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../http/context.ts';
import { bodyOf, createHarness, demo, errorOf, jsonOf, testNow } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { demoAdminEmail, operatorTokenFor } from '../../test/operator-builders.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { dispatchWebhooks } from '../webhooks/webhook-delivery.service.ts';
import type { DeliveryJob } from '../webhooks/webhook-delivery.service.ts';
import { expireExecutions } from './executions.service.ts';

/**
 * Standard changes executed automatically (issue 17, decision 0032): the article's setting,
 * the execution a confirmation makes and sends to its executor only, the executor's answers
 * through the one state machine (idempotent, race-safe, clear refusals), the time limit's job.
 */

let h: Harness;
let now = testNow;
let deps: Deps;
let admin: string;
let catalogManager: string;
let agent: string;
let manager: string;
let executorToken: { authorization: string };
let agentToken: { authorization: string };
let executor: { id: string; secret: string };
let otherExecutor: { id: string; secret: string };
let quotasVersion: number;
let life: Lifecycle;

const executionUrl = (id: string) => `/api/back-office/requests/${id}/execution`;
const settingUrl = (version = quotasVersion, articleId: string = demo.quotas) =>
  `/api/back-office/articles/${articleId}/versions/${version}/execution`;

async function post(url: string, headers: Record<string, string>, payload: unknown) {
  return h.app.inject({ method: 'POST', url, headers, payload: payload as object });
}

async function subscribe(body: Record<string, unknown>) {
  const response = await post('/api/back-office/webhooks', { cookie: admin }, body);
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, WebhookSubscriptionWithSecret);
}

async function markAutomatic(executorId: string, timeLimitMinutes = 30) {
  const response = await h.app.inject({
    method: 'PUT',
    url: settingUrl(),
    headers: { cookie: catalogManager },
    payload: { mode: 'automatic', executorId, timeLimitMinutes },
  });
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, ArticleExecutionView);
}

/** A confirmed « Modifier mes quotas » on ACME's tenant (vCPUs 20 → `requested`). */
async function confirmQuotas(requested = 40): Promise<string> {
  const response = await post(
    '/api/requests',
    { cookie: manager },
    {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      catalogId: demo.standard,
      articleId: demo.quotas,
      acknowledgeBilling: true,
      values: {
        region: 'eu-west-0',
        project: 'acme-prod',
        lines: [{ quotaType: 'vcpus', requested }],
        justification: 'Montée en charge pour les soldes d’hiver.',
      },
    },
  );
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, RequestDetail).id;
}

const answer = (id: string, body: unknown, headers: Record<string, string> = executorToken) =>
  post(executionUrl(id), headers, body);

const succeeded = {
  state: 'succeeded',
  changes: [
    { key: 'quotas.vcpus', label: { fr: 'vCPU (ECS)', en: 'vCPUs (ECS)' }, before: 20, after: 40 },
  ],
};

const statusOf = (id: string) => life.statusOf(id);

/** The execution as the agents' request page gets it (`GET /api/back-office/requests/:id`). */
async function agentsExecutionOf(id: string) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/back-office/requests/${id}`,
    headers: { cookie: agent },
  });
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, BackOfficeRequestDetail).execution;
}

async function eventsOf(id: string) {
  return h.database.db
    .selectFrom('request_events')
    .select(['kind', 'from_status', 'to_status', 'data'])
    .where('request_id', '=', id)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  h = await createHarness({ config: { webhooksAllowPrivate: true } });
  deps = { db: h.database.db, clock: () => now };
  life = await createLifecycle(h);
  ({ agent, manager } = life);
  [admin, catalogManager] = await Promise.all([
    h.login(demoAdminEmail),
    h.login('catalogue@guichet.example'),
  ]);
  [executorToken, agentToken] = await Promise.all([
    operatorTokenFor(h, demoAdminEmail, { name: 'Exécuteur de quotas' }),
    operatorTokenFor(h, 'agent@guichet.example'),
  ]);
  executor = await subscribe({
    kind: 'executor',
    url: 'http://127.0.0.1:9/executor',
    description: 'Exécuteur de quotas',
    eventTypes: ['execution.requested'],
  });
  otherExecutor = await subscribe({
    kind: 'executor',
    url: 'http://127.0.0.1:9/other-executor',
    eventTypes: ['execution.requested'],
  });
  const version = await h.database.db
    .selectFrom('articles')
    .innerJoin('article_versions', 'article_versions.id', 'articles.current_version_id')
    .select('article_versions.version')
    .where('articles.id', '=', demo.quotas)
    .executeTakeFirstOrThrow();
  quotasVersion = version.version;
});
afterAll(() => h.close());

describe('executor subscriptions', () => {
  it.each([
    [
      'an executor choosing other events',
      { kind: 'executor', eventTypes: ['execution.requested', 'request.done'] },
    ],
    ['an executor without execution.requested', { kind: 'executor', eventTypes: ['request.done'] }],
    ['a subscription of events choosing executions', { eventTypes: ['execution.requested'] }],
  ])('refuse %s (400 on eventTypes)', async (_, body) => {
    const response = await post(
      '/api/back-office/webhooks',
      { cookie: admin },
      { url: 'http://127.0.0.1:9/x', ...body },
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).details?.[0]).toMatchObject({ path: 'eventTypes' });
  });

  it('are never a customer’s', async () => {
    const response = await post(
      '/api/webhooks',
      { cookie: manager },
      {
        url: 'http://127.0.0.1:9/x',
        contractId: 'OCB0005121',
        eventTypes: ['execution.requested'],
      },
    );
    expect(response.statusCode, response.body).toBe(400);
    const withKind = await post(
      '/api/webhooks',
      { cookie: manager },
      {
        url: 'http://127.0.0.1:9/x',
        contractId: 'OCB0005121',
        kind: 'executor',
        eventTypes: ['request.done'],
      },
    );
    // The customer's body has no kind: whatever is sent, theirs hear events only.
    expect(withKind.statusCode, withKind.body).toBe(201);
    expect(bodyOf(withKind, WebhookSubscriptionWithSecret).kind).toBe('events');
  });
});

describe('marking an article version automatic', () => {
  it('is manual by default, and for catalog managers and admins only', async () => {
    const read = await h.app.inject({
      method: 'GET',
      url: settingUrl(),
      headers: { cookie: catalogManager },
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(bodyOf(read, ArticleExecutionView)).toMatchObject({
      mode: 'manual',
      executorId: null,
    });
    for (const cookie of [agent, manager]) {
      const refused = await h.app.inject({
        method: 'PUT',
        url: settingUrl(),
        headers: { cookie },
        payload: { mode: 'automatic', executorId: executor.id, timeLimitMinutes: 30 },
      });
      expect(refused.statusCode, refused.body).toBe(403);
    }
  });

  it.each([
    ['no executor configured', () => '00000000-0000-4000-8000-000000000000', 'executor_missing'],
  ])('refuses %s (400 %s)', async (_, executorId, rule) => {
    const response = await h.app.inject({
      method: 'PUT',
      url: settingUrl(),
      headers: { cookie: catalogManager },
      payload: { mode: 'automatic', executorId: executorId(), timeLimitMinutes: 30 },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).details?.[0]).toMatchObject({ path: 'executorId', rule });
  });

  it('refuses a subscription of events as executor, and an article on quote', async () => {
    const events = await subscribe({
      url: 'http://127.0.0.1:9/erp',
      eventTypes: ['request.done'],
    });
    const notExecutor = await h.app.inject({
      method: 'PUT',
      url: settingUrl(),
      headers: { cookie: catalogManager },
      payload: { mode: 'automatic', executorId: events.id },
    });
    expect(notExecutor.statusCode, notExecutor.body).toBe(400);
    expect(errorOf(notExecutor).details?.[0]).toMatchObject({ rule: 'executor_missing' });
    const onQuote = await h.app.inject({
      method: 'PUT',
      url: settingUrl(1, demo.offCatalog),
      headers: { cookie: catalogManager },
      payload: { mode: 'automatic', executorId: executor.id },
    });
    expect(onQuote.statusCode, onQuote.body).toBe(400);
    expect(errorOf(onQuote).details?.[0]).toMatchObject({ rule: 'quote_article' });
    const disabled = await subscribe({
      kind: 'executor',
      url: 'http://127.0.0.1:9/disabled',
      eventTypes: ['execution.requested'],
    });
    await h.app.inject({
      method: 'PATCH',
      url: `/api/back-office/webhooks/${disabled.id}`,
      headers: { cookie: admin },
      payload: { isEnabled: false },
    });
    const off = await h.app.inject({
      method: 'PUT',
      url: settingUrl(),
      headers: { cookie: catalogManager },
      payload: { mode: 'automatic', executorId: disabled.id },
    });
    expect(errorOf(off).details?.[0]).toMatchObject({ rule: 'executor_disabled' });
  });

  it('lists the executors a catalog manager may name, and to no one else', async () => {
    const listed = await h.app.inject({
      method: 'GET',
      url: '/api/back-office/executors',
      headers: { cookie: catalogManager },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const { items } = bodyOf(listed, ExecutorList);
    expect(items.map((item) => item.id)).toEqual(
      expect.arrayContaining([executor.id, otherExecutor.id]),
    );
    expect(items.every((item) => !('secret' in item))).toBe(true);
    expect(items.find((item) => item.id === executor.id)).toMatchObject({
      description: 'Exécuteur de quotas',
      isEnabled: true,
    });
    for (const cookie of [agent, manager]) {
      const refused = await h.app.inject({
        method: 'GET',
        url: '/api/back-office/executors',
        headers: { cookie },
      });
      expect(refused.statusCode).toBe(403);
    }
  });

  it('names the executor and the time limit', async () => {
    const setting = await markAutomatic(executor.id, 30);
    expect(setting).toMatchObject({
      mode: 'automatic',
      executorId: executor.id,
      executorUrl: 'http://127.0.0.1:9/executor',
      timeLimitMinutes: 30,
    });
  });
});

describe('an automatic request', () => {
  let id: string;

  it('gets an execution at its confirmation, sent to its executor only', async () => {
    // A provider subscription of every event, to show it never hears the execution.
    const erp = await subscribe({
      url: 'http://127.0.0.1:9/erp-all',
      eventTypes: ['request.created', 'request.confirmed', 'request.done'],
    });
    await dispatchWebhooks(deps, () => Promise.resolve());
    id = await confirmQuotas(40);
    expect(await statusOf(id)).toBe('submitted');
    const execution = await h.database.db
      .selectFrom('request_executions')
      .selectAll()
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(execution).toMatchObject({ state: 'requested', executor_id: executor.id });
    expect(execution.deadline_at.getTime() - execution.requested_at.getTime()).toBe(30 * 60_000);

    const jobs: DeliveryJob[] = [];
    await dispatchWebhooks(deps, (_, made) => {
      jobs.push(...made);
      return Promise.resolve();
    });
    const deliveries = await h.database.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_messages', 'webhook_messages.id', 'webhook_deliveries.message_id')
      .select(['webhook_deliveries.subscription_id', 'webhook_messages.type', 'payload'])
      .where('webhook_messages.request_id', '=', id)
      .execute();
    const executions = deliveries.filter((row) => row.type === 'execution.requested');
    expect(executions.map((row) => row.subscription_id)).toEqual([executor.id]);
    expect(
      deliveries.filter((row) => row.subscription_id === erp.id).map((row) => row.type),
    ).toEqual(['request.created', 'request.confirmed']);
    expect(deliveries.some((row) => row.subscription_id === otherExecutor.id)).toBe(false);
    const payload = jsonOf(executions[0]?.payload ?? '', WebhookPayload);
    expect(payload.data.execution).toMatchObject({
      id: execution.id,
      answerPath: executionUrl(id),
      asset: {
        contract: 'OCB0005121',
        reference: 'FE-OCB0005121-1',
        type: 'fe_tenant',
        attributes: { project: 'acme-prod', quotas: { vcpus: 20 } },
      },
    });
    expect(payload.data.request).toMatchObject({ id, values: { lines: [{ quotaType: 'vcpus' }] } });
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('is answered with a token only, by a role that may execute requests', async () => {
    const bySession = await answer(id, { state: 'started' }, { cookie: admin });
    expect(bySession.statusCode, bySession.body).toBe(403);
    const byAgent = await answer(id, { state: 'started' }, agentToken);
    expect(byAgent.statusCode, byAgent.body).toBe(403);
    const byCustomer = await answer(id, { state: 'started' }, { cookie: manager });
    expect(byCustomer.statusCode, byCustomer.body).toBe(403);
    expect(await statusOf(id)).toBe('submitted');
  });

  it('started → En cours de réalisation, once however often it is said', async () => {
    const first = await answer(id, { state: 'started' });
    expect(first.statusCode, first.body).toBe(200);
    expect(bodyOf(first, ExecutionView)).toMatchObject({ state: 'started', finishedAt: null });
    expect(await statusOf(id)).toBe('in_progress');
    const eventCount = (await eventsOf(id)).length;
    const again = await answer(id, { state: 'started' });
    expect(again.statusCode, again.body).toBe(200);
    expect(bodyOf(again, ExecutionView).state).toBe('started');
    expect(await eventsOf(id)).toHaveLength(eventCount);
  });

  it('succeeded → Réalisée, the customer sees the values before and after', async () => {
    const done = await answer(id, succeeded);
    expect(done.statusCode, done.body).toBe(200);
    expect(bodyOf(done, ExecutionView)).toMatchObject({
      state: 'succeeded',
      changes: succeeded.changes,
    });
    expect(await statusOf(id)).toBe('done');
    const moves = (await eventsOf(id)).filter((event) => event.kind === 'status_changed');
    expect(
      moves.map((event) => [event.from_status, event.to_status, event.data['action']]),
    ).toEqual([
      ['submitted', 'in_progress', 'start_execution'],
      ['in_progress', 'done', 'complete_execution'],
    ]);
    const page = await h.app.inject({
      method: 'GET',
      url: `/api/requests/${id}`,
      headers: { cookie: manager },
    });
    const detail = bodyOf(page, RequestDetail);
    expect(detail.status).toBe('done');
    expect(detail.execution).toMatchObject({ state: 'succeeded', changes: succeeded.changes });
    expect(detail.events.at(-1)).toMatchObject({
      action: 'complete_execution',
      note: 'quotas.vcpus: 20 → 40',
    });
  });

  it('the agents’ request page carries it: times, executor, deliveries (the customer’s does not)', async () => {
    const execution = await agentsExecutionOf(id);
    expect(execution).toMatchObject({
      state: 'succeeded',
      changes: succeeded.changes,
      reason: null,
      executor: {
        id: executor.id,
        description: 'Exécuteur de quotas',
        url: 'http://127.0.0.1:9/executor',
        isEnabled: true,
      },
    });
    if (!execution) throw new Error('no execution on the back-office detail');
    expect(execution.startedAt).not.toBeNull();
    expect(execution.finishedAt).not.toBeNull();
    expect(
      new Date(execution.deadlineAt).getTime() - new Date(execution.requestedAt).getTime(),
    ).toBe(30 * 60_000);
    // the one `execution.requested` the dispatcher made for it, to this executor only
    expect(execution.deliveries).toHaveLength(1);
    expect(execution.deliveries[0]).toMatchObject({ isReplay: false });
    const page = await h.app.inject({
      method: 'GET',
      url: `/api/requests/${id}`,
      headers: { cookie: manager },
    });
    const customers = page.json<{ execution: Record<string, unknown> }>().execution;
    expect(customers).toMatchObject({ state: 'succeeded' });
    for (const key of ['executor', 'deliveries', 'reason']) {
      expect(customers).not.toHaveProperty(key);
    }
  });

  it('answers the same end again as it is, refuses another (409)', async () => {
    const count = (await eventsOf(id)).length;
    const same = await answer(id, succeeded);
    expect(same.statusCode, same.body).toBe(200);
    const other = await answer(id, {
      state: 'succeeded',
      changes: [{ key: 'quotas.vcpus', before: 20, after: 80 }],
    });
    expect(other.statusCode, other.body).toBe(409);
    expect(errorOf(other).code).toBe('conflict');
    const failed = await answer(id, { state: 'failed', reason: 'trop tard' });
    expect(failed.statusCode, failed.body).toBe(409);
    expect(errorOf(failed)).toMatchObject({ code: 'invalid_transition' });
    expect(errorOf(failed).message).toMatch(/already succeeded/);
    const late = await answer(id, { state: 'started' });
    expect(late.statusCode, late.body).toBe(409);
    expect(await eventsOf(id)).toHaveLength(count);
  });

  it('failed → back in the agents’ queue with the reason', async () => {
    const failing = await confirmQuotas(60);
    await answer(failing, { state: 'started' });
    const response = await answer(failing, {
      state: 'failed',
      reason: 'Quota API: 503 Service Unavailable',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, ExecutionView)).toMatchObject({
      state: 'failed',
      reason: 'Quota API: 503 Service Unavailable',
    });
    expect(await statusOf(failing)).toBe('submitted');
    const queue = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/requests/${failing}`,
      headers: { cookie: agent },
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.body).toContain('Quota API: 503 Service Unavailable');
    expect(await agentsExecutionOf(failing)).toMatchObject({
      state: 'failed',
      reason: 'Quota API: 503 Service Unavailable',
      executor: { id: executor.id },
    });
    // an agent takes it from there through the usual moves
    const review = await post(
      `/api/back-office/requests/${failing}/start-review`,
      { cookie: agent },
      {},
    );
    expect(review.statusCode, review.body).toBe(200);
  });

  it('is refused with a validation error for a malformed answer', async () => {
    const fresh = await confirmQuotas(41);
    for (const body of [
      { state: 'succeeded', changes: [] },
      { state: 'failed', reason: '' },
      { state: 'finished' },
      { state: 'started', extra: true },
      { state: 'succeeded', changes: [{ key: 'a', before: { nested: { deep: 1 } }, after: 1 }] },
    ]) {
      const response = await answer(fresh, body);
      expect(response.statusCode, `${JSON.stringify(body)} ${response.body}`).toBe(400);
    }
    expect(await statusOf(fresh)).toBe('submitted');
  });

  it('two answers at once: one end wins, the other is refused, one event', async () => {
    const raced = await confirmQuotas(42);
    const [a, b] = await Promise.all([
      answer(raced, succeeded),
      answer(raced, { state: 'failed', reason: 'concurrent' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const ends = (await eventsOf(raced)).filter((event) => event.kind === 'status_changed');
    expect(ends).toHaveLength(1);
    const final = await statusOf(raced);
    expect(final === 'done' ? a.statusCode : b.statusCode).toBe(200);
  });

  it('no answer within the time limit → the agents’ queue; a later answer is refused', async () => {
    const silent = await confirmQuotas(43);
    await answer(silent, { state: 'started' });
    // Not yet: the job leaves it.
    now = new Date(testNow.getTime() + 29 * 60_000);
    h.setNow(now);
    expect(await expireExecutions(deps)).toBe(0);
    now = new Date(testNow.getTime() + 31 * 60_000);
    h.setNow(now);
    expect(await expireExecutions(deps)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(silent)).toBe('submitted');
    const last = (await eventsOf(silent)).at(-1);
    expect(last).toMatchObject({ from_status: 'in_progress', to_status: 'submitted' });
    expect(last?.data).toMatchObject({
      action: 'time_out_execution',
      note: 'No answer from the executor within 30 min',
    });
    expect(await agentsExecutionOf(silent)).toMatchObject({
      state: 'timed_out',
      reason: 'No answer from the executor within 30 min',
      finishedAt: now.toISOString(),
    });
    const late = await answer(silent, succeeded);
    expect(late.statusCode, late.body).toBe(409);
    expect(errorOf(late).message).toMatch(/time limit passed/);
    expect(await expireExecutions(deps)).toBe(0);
    now = testNow;
    h.setNow(now);
  });

  it('refuses an answer for a request that is not executed automatically', async () => {
    // « Faire une autre demande »: never marked automatic
    const otherId = await life.submitted();
    const response = await answer(otherId, { state: 'started' });
    expect(response.statusCode, response.body).toBe(409);
    expect(errorOf(response).details?.[0]).toMatchObject({ rule: 'not_automatic' });
    expect(await agentsExecutionOf(otherId)).toBeUndefined();
    const unknown = await answer('00000000-0000-4000-8000-000000000000', { state: 'started' });
    expect(unknown.statusCode).toBe(404);
  });

  it('manual again: later confirmations are the agents’ only', async () => {
    const response = await h.app.inject({
      method: 'PUT',
      url: settingUrl(),
      headers: { cookie: catalogManager },
      payload: { mode: 'manual' },
    });
    expect(bodyOf(response, ArticleExecutionView).mode).toBe('manual');
    const manual = await confirmQuotas(44);
    const execution = await h.database.db
      .selectFrom('request_executions')
      .select('id')
      .where('request_id', '=', manual)
      .executeTakeFirst();
    expect(execution).toBeUndefined();
  });
});
