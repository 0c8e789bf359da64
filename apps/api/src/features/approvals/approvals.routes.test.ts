import {
  ApprovalRules,
  ApprovalView,
  ErrorBody,
  PendingApprovalList,
  QueuePage,
  RequestDetail,
  SubstitutionView,
} from '@guichet/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, createHarness, demo, stableId, testNow } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { uniqueReference } from '../../test/request-lifecycle.ts';
import { addActiveUser } from '../../test/rights-builders.ts';

/**
 * Approvals on the customer's side (issue 20 part 1, decision 0034), on OCB0005121: its
 * referent is gestionnaire@acme; integrateur@partner (Gestionnaire on Demandes) confirms; the
 * contract has no free change left, so « Faire une autre demande » is billable.
 */

let h: Harness;
let referent: string;
let requester: string;
let viewer: string;
let globex: string;
let agent: string;
const referentId = stableId('user:gestionnaire@acme.example');
const integratorId = stableId('user:integrateur@partner.example');
const contractId = 'OCB0005121';

beforeAll(async () => {
  h = await createHarness();
  await h.database.db
    .updateTable('contracts')
    .set({ free_changes_per_month: 0 })
    .where('id', '=', contractId)
    .execute();
  [referent, requester, viewer, globex, agent] = await Promise.all([
    h.login('gestionnaire@acme.example'),
    h.login('integrateur@partner.example'),
    h.login('visiteur@acme.example'),
    h.login('gestionnaire@globex.example'),
    h.login('agent@guichet.example'),
  ]);
});
afterAll(() => h.close());
afterEach(() => h.setNow(testNow));

const inject = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  h.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const billableRule = {
  scope: 'billable',
  includeReferent: true,
  approverIds: [],
  mode: 'any',
} as const;

async function setRules(rules: unknown[]): Promise<ApprovalRules> {
  const response = await inject(referent, 'PUT', `/api/contracts/${contractId}/approval-rules`, {
    rules,
  });
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, ApprovalRules);
}

async function confirm(cookie = requester, reference = uniqueReference('AP')): Promise<string> {
  const response = await inject(cookie, 'POST', '/api/requests', {
    action: 'confirm',
    contractId,
    assetId: demo.acmeTenant,
    catalogId: demo.standard,
    articleId: demo.other,
    acknowledgeBilling: true,
    customerReference: reference,
    values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, RequestDetail).id;
}

async function row(id: string) {
  return h.database.db
    .selectFrom('requests')
    .select(['status', 'held_for_approval', 'billing_month', 'billing'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function approvalToken(id: string, to: string): Promise<string> {
  const mail = await h.database.db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('request_id', '=', id)
    .where('kind', '=', 'approval_requested')
    .where('to_address', '=', to)
    .executeTakeFirstOrThrow();
  const token = /\/approbations\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
  if (!token) throw new Error(`no link in ${mail.text_body}`);
  return token;
}

const answerBy = (cookie: string, id: string, payload: unknown) =>
  inject(cookie, 'POST', `/api/requests/${id}/approval`, payload);

async function queueTotal(reference: string, cookie = agent): Promise<number> {
  const response = await inject(cookie, 'GET', `/api/back-office/requests?q=${reference}`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, QueuePage).total;
}

async function eventKinds(id: string): Promise<string[]> {
  const rows = await h.database.db
    .selectFrom('request_events')
    .select('kind')
    .where('request_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((event) => event.kind);
}

describe('the referent’s rules', () => {
  it('are set by the referent only, read by anyone with a right on the contract', async () => {
    const set = await setRules([billableRule]);
    expect(set.canEdit).toBe(true);
    expect(set.referent?.id).toBe(referentId);
    expect(set.candidates.map((user) => user.id)).toContain(integratorId);
    const read = await inject(viewer, 'GET', `/api/contracts/${contractId}/approval-rules`);
    expect(read.statusCode).toBe(200);
    expect(bodyOf(read, ApprovalRules)).toMatchObject({ canEdit: false, rules: [billableRule] });
    const byOther = await inject(requester, 'PUT', `/api/contracts/${contractId}/approval-rules`, {
      rules: [],
    });
    expect(byOther.statusCode).toBe(403);
    const foreign = await inject(globex, 'GET', `/api/contracts/${contractId}/approval-rules`);
    expect(foreign.statusCode).toBe(404);
  });

  it('refuse a named approver without Gestionnaire on Demandes, and a rule without approver', async () => {
    const response = await inject(referent, 'PUT', `/api/contracts/${contractId}/approval-rules`, {
      rules: [
        {
          ...billableRule,
          includeReferent: false,
          approverIds: [stableId('user:visiteur@acme.example')],
        },
        { ...billableRule, includeReferent: false },
      ],
    });
    expect(response.statusCode).toBe(400);
    const details = bodyOf(response, ErrorBody).error.details ?? [];
    expect(details.map((detail) => [detail.path, detail.rule])).toEqual([
      ['rules.0.approverIds.0', 'approver_not_manager'],
      ['rules.1', 'no_approver'],
    ]);
  });
});

describe('a confirmation a rule catches', () => {
  beforeAll(() => setRules([billableRule]));

  it('waits for approval, out of the provider’s sight, its approver told by mail and bell', async () => {
    const reference = uniqueReference('AP');
    const id = await confirm(requester, reference);
    expect(await row(id)).toMatchObject({
      status: 'awaiting_approval',
      held_for_approval: true,
      billing_month: null,
    });
    expect(await queueTotal(reference)).toBe(0);
    const detail = await inject(agent, 'GET', `/api/back-office/requests/${id}`);
    expect(detail.statusCode).toBe(404);
    const bell = await h.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('request_id', '=', id)
      .where('user_id', '=', referentId)
      .execute();
    expect(bell.map((notice) => notice.kind)).toEqual(['approval_requested']);
    expect(await approvalToken(id, 'gestionnaire@acme.example')).toHaveLength(43);
    const pending = bodyOf(await inject(referent, 'GET', '/api/approvals'), PendingApprovalList);
    expect(pending.items.map((item) => item.requestId)).toContain(id);
    const mine = bodyOf(await inject(requester, 'GET', '/api/approvals'), PendingApprovalList);
    expect(mine.items.map((item) => item.requestId)).not.toContain(id);
    const view = bodyOf(
      await inject(referent, 'GET', `/api/requests/${id}/approval`),
      ApprovalView,
    );
    expect(view).toMatchObject({ state: 'pending', canAnswer: true, mode: 'any' });
    expect(view.billing).toMatchObject({ kind: 'billable' });
  });

  it('the referent’s own request needs nobody: it goes to the provider', async () => {
    const id = await confirm(referent);
    expect(await row(id)).toMatchObject({ status: 'submitted', held_for_approval: false });
  });

  it('is answered by its approvers only: another customer 404, a Visiteur 403, a non-approver 403', async () => {
    const id = await confirm();
    const approve = { decision: 'approve' };
    expect((await answerBy(globex, id, approve)).statusCode).toBe(404);
    expect((await answerBy(viewer, id, approve)).statusCode).toBe(403);
    expect((await answerBy(requester, id, approve)).statusCode).toBe(403);
    expect((await answerBy(agent, id, approve)).statusCode).toBe(404);
    expect((await inject(globex, 'GET', `/api/requests/${id}/approval`)).statusCode).toBe(404);
    expect((await row(id)).status).toBe('awaiting_approval');
  });

  it('approved, reaches the provider with its billing decided then', async () => {
    const reference = uniqueReference('AP');
    const id = await confirm(requester, reference);
    // Held, it took no free change: confirmed billable (none left), approved in December
    // when the contract has one again, it takes December's.
    expect((await row(id)).billing).toMatchObject({ kind: 'billable', priceTokens: 2 });
    await h.database.db
      .updateTable('contracts')
      .set({ free_changes_per_month: 1 })
      .where('id', '=', contractId)
      .execute();
    h.setNow(new Date('2026-12-02T09:00:00Z'));
    const later = await h.login('gestionnaire@acme.example');
    const shown = bodyOf(await inject(later, 'GET', `/api/requests/${id}/approval`), ApprovalView);
    expect(shown.billing).toEqual({ kind: 'free', freeChangesLeft: 0 });
    const response = await answerBy(later, id, { decision: 'approve', comment: 'OK pour moi' });
    await h.database.db
      .updateTable('contracts')
      .set({ free_changes_per_month: 0 })
      .where('id', '=', contractId)
      .execute();
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, ApprovalView)).toMatchObject({
      state: 'approved',
      status: 'submitted',
    });
    expect(await row(id)).toMatchObject({
      status: 'submitted',
      held_for_approval: false,
      billing_month: '2026-12-01',
      billing: { kind: 'free', freeChangesLeft: 0 },
    });
    const usage = await h.database.db
      .selectFrom('free_change_usage')
      .select('used')
      .where('contract_id', '=', contractId)
      .where('month', '=', '2026-12-01')
      .executeTakeFirstOrThrow();
    expect(usage.used).toBe(1);
    expect(await queueTotal(reference, await h.login('agent@guichet.example'))).toBe(1);
    expect(await eventKinds(id)).toEqual([
      'created',
      'confirmed',
      'approval_given',
      'status_changed',
    ]);
    const asRequester = await h.login('integrateur@partner.example');
    const history = bodyOf(await inject(asRequester, 'GET', `/api/requests/${id}`), RequestDetail);
    expect(history.events.at(-2)).toMatchObject({
      kind: 'approval_given',
      actorName: 'Camille Martin',
      note: 'OK pour moi',
    });
    expect(history.events.at(-1)).toMatchObject({ action: 'approve_free', toStatus: 'submitted' });
  });

  it('refused with a comment, ends Refusée and the provider never sees it', async () => {
    const reference = uniqueReference('AP');
    const id = await confirm(requester, reference);
    const bare = await answerBy(referent, id, { decision: 'refuse', comment: '   ' });
    expect(bare.statusCode).toBe(400);
    const response = await answerBy(referent, id, {
      decision: 'refuse',
      comment: 'Pas ce mois-ci',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await row(id)).toMatchObject({
      status: 'rejected',
      held_for_approval: true,
      billing_month: null,
    });
    expect(await queueTotal(reference)).toBe(0);
    const all = await inject(
      agent,
      'GET',
      `/api/back-office/requests?group=terminee&contractId=${contractId}&limit=100`,
    );
    expect(all.statusCode, all.body).toBe(200);
    const finished = bodyOf(all, QueuePage);
    expect(finished.items.map((item) => item.id)).not.toContain(id);
    const seen = await h.database.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('contract_id', '=', contractId)
      .where('status', 'in', ['done', 'rejected', 'cancelled'])
      .where('held_for_approval', '=', false)
      .executeTakeFirstOrThrow();
    expect(finished.total).toBe(Number(seen.n));
    expect((await inject(agent, 'GET', `/api/back-office/requests/${id}`)).statusCode).toBe(404);
    const again = await answerBy(referent, id, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
    expect(bodyOf(again, ErrorBody).error.code).toBe('invalid_transition');
  });

  it('is cancelled by its requester while it waits', async () => {
    const id = await confirm();
    const response = await inject(requester, 'POST', `/api/requests/${id}/cancel`, {
      expectedStatus: 'awaiting_approval',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await row(id)).toMatchObject({ status: 'cancelled', held_for_approval: true });
    const pending = bodyOf(await inject(referent, 'GET', '/api/approvals'), PendingApprovalList);
    expect(pending.items.map((item) => item.requestId)).not.toContain(id);
  });
});

describe('the mail’s single-use link', () => {
  beforeAll(() => setRules([billableRule]));

  it('opens for its approver only, answers once, and not after it expired', async () => {
    const id = await confirm();
    const token = await approvalToken(id, 'gestionnaire@acme.example');
    const other = await inject(requester, 'GET', `/api/approval-links/${token}`);
    expect(other.statusCode).toBe(403);
    expect(bodyOf(other, ErrorBody).error.details?.[0]?.rule).toBe('link_other_user');
    expect(
      (await inject(globex, 'POST', `/api/approval-links/${token}`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    const opened = await inject(referent, 'GET', `/api/approval-links/${token}`);
    expect(opened.statusCode).toBe(200);
    expect(bodyOf(opened, ApprovalView)).toMatchObject({ requestId: id, canAnswer: true });
    const used = await inject(referent, 'POST', `/api/approval-links/${token}`, {
      decision: 'approve',
    });
    expect(used.statusCode, used.body).toBe(200);
    expect((await row(id)).status).toBe('submitted');
    const twice = await inject(referent, 'POST', `/api/approval-links/${token}`, {
      decision: 'approve',
    });
    expect(twice.statusCode).toBe(409);
    expect(bodyOf(twice, ErrorBody).error.details?.[0]?.rule).toBe('link_used');

    const late = await confirm();
    const lateToken = await approvalToken(late, 'gestionnaire@acme.example');
    h.setNow(new Date(testNow.getTime() + 8 * 86_400_000));
    const expired = await inject(
      await h.login('gestionnaire@acme.example'),
      'POST',
      `/api/approval-links/${lateToken}`,
      {
        decision: 'approve',
      },
    );
    expect(expired.statusCode).toBe(409);
    expect(bodyOf(expired, ErrorBody).error.details?.[0]?.rule).toBe('link_expired');
    expect((await row(late)).status).toBe('awaiting_approval');
  });
});

describe('substitutes', () => {
  beforeAll(() => setRules([{ ...billableRule, approverIds: [] }]));

  it('stand in for the approver in their period, both shown', async () => {
    const named = await inject(referent, 'POST', '/api/approval-substitutes', {
      contractId,
      substituteId: integratorId,
      startsAt: '2026-11-19T00:00:00Z',
      endsAt: '2026-11-25T00:00:00Z',
    });
    expect(named.statusCode, named.body).toBe(201);
    const substitution = bodyOf(named, SubstitutionView);
    const self = await inject(referent, 'POST', '/api/approval-substitutes', {
      contractId,
      substituteId: referentId,
      startsAt: '2026-11-19T00:00:00Z',
      endsAt: '2026-11-25T00:00:00Z',
    });
    expect(self.statusCode).toBe(400);
    // A third user confirms; the integrator stands in for the referent.
    const third = await addActiveUser(h, referent, [
      { contractId, section: 'requests', profile: 'manager' },
    ]);
    const id = await confirm(third.cookie);
    const pending = bodyOf(await inject(requester, 'GET', '/api/approvals'), PendingApprovalList);
    expect(pending.items.find((item) => item.requestId === id)?.onBehalfOf?.id).toBe(referentId);
    h.setNow(new Date('2026-11-20T10:00:00Z'));
    await h.database.db
      .updateTable('approval_substitutes')
      .set({ ends_at: new Date('2026-11-20T09:00:00Z') })
      .where('id', '=', substitution.id)
      .execute();
    expect((await answerBy(requester, id, { decision: 'approve' })).statusCode).toBe(403);
    await h.database.db
      .updateTable('approval_substitutes')
      .set({ ends_at: new Date('2026-11-25T00:00:00Z') })
      .where('id', '=', substitution.id)
      .execute();
    h.setNow(testNow);
    const response = await answerBy(requester, id, { decision: 'approve' });
    expect(response.statusCode, response.body).toBe(200);
    const view = bodyOf(response, ApprovalView);
    expect(view.approvers).toEqual([
      expect.objectContaining({
        approver: { id: referentId, name: 'Camille Martin' },
        answeredByName: 'Sacha Bernard',
        decision: 'approved',
      }),
    ]);
    const history = bodyOf(await inject(third.cookie, 'GET', `/api/requests/${id}`), RequestDetail);
    expect(history.events.find((event) => event.kind === 'approval_given')).toMatchObject({
      actorName: 'Sacha Bernard',
      onBehalfOfName: 'Camille Martin',
    });
    const removed = await inject(
      referent,
      'DELETE',
      `/api/approval-substitutes/${substitution.id}`,
    );
    expect(removed.statusCode).toBe(204);
  });
});

describe('races', () => {
  it('approval and cancellation at the same instant: exactly one wins', async () => {
    await setRules([billableRule]);
    for (let round = 0; round < 3; round += 1) {
      const id = await confirm();
      const before = (await eventKinds(id)).length;
      const [approved, cancelled] = await Promise.all([
        answerBy(referent, id, { decision: 'approve' }),
        inject(requester, 'POST', `/api/requests/${id}/cancel`, {
          expectedStatus: 'awaiting_approval',
        }),
      ]);
      const statuses = [approved.statusCode, cancelled.statusCode].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = approved.statusCode === 409 ? approved : cancelled;
      expect(bodyOf(loser, ErrorBody).error.code).toBe('invalid_transition');
      const after = await row(id);
      const kinds = (await eventKinds(id)).slice(before);
      if (approved.statusCode === 200) {
        expect(after).toMatchObject({ status: 'submitted', held_for_approval: false });
        expect(kinds).toEqual(['approval_given', 'status_changed']);
      } else {
        expect(after).toMatchObject({ status: 'cancelled', held_for_approval: true });
        expect(kinds).toEqual(['status_changed']);
        const answers = await h.database.db
          .selectFrom('request_approval_answers')
          .select('approver_id')
          .where('request_id', '=', id)
          .execute();
        expect(answers).toEqual([]);
      }
    }
  });

  it('two approvers of an "all" rule at the same instant: both recorded, one move', async () => {
    const third = await addActiveUser(h, referent, [
      { contractId, section: 'requests', profile: 'manager' },
    ]);
    await setRules([{ ...billableRule, approverIds: [integratorId], mode: 'all' }]);
    const id = await confirm(third.cookie);
    const [first, second] = await Promise.all([
      answerBy(referent, id, { decision: 'approve' }),
      answerBy(requester, id, { decision: 'approve' }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(await row(id)).toMatchObject({ status: 'submitted', held_for_approval: false });
    const kinds = await eventKinds(id);
    expect(kinds.filter((kind) => kind === 'approval_given')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'status_changed')).toHaveLength(1);
    const answers = await h.database.db
      .selectFrom('request_approval_answers')
      .select('approver_id')
      .where('request_id', '=', id)
      .execute();
    expect(answers.map((answer) => answer.approver_id).sort()).toEqual(
      [referentId, integratorId].sort(),
    );
  });
});

describe('requestIn', () => {
  it('reaches awaiting_approval by the usual path', async () => {
    const { createLifecycle } = await import('../../test/request-lifecycle.ts');
    const lifecycle = await createLifecycle(h);
    const id = await lifecycle.requestIn('awaiting_approval');
    expect(await lifecycle.statusOf(id)).toBe('awaiting_approval');
  });
});
