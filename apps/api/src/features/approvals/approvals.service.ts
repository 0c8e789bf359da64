import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError,
  actingFor,
  approvalLinkDays,
  approvalLinkProblem,
  approvalRuleProblem,
  approvalState,
  billingMonth,
  hasProfile,
  nextOutcome,
  nextStatus,
  outcomeTaking,
  planConfirmation,
  profileOn,
  requiredApproval,
  sections,
  substitutionProblem,
} from '@guichet/domain';
import type {
  ApprovalDecision,
  ApprovalRule,
  ConfirmationPlan,
  PricedDecision,
  RequestAction,
  RequestStatus,
  RequiredApproval,
} from '@guichet/domain';
import type {
  ApprovalAnswerBody,
  ApprovalRules,
  ApprovalRulesBody,
  ApprovalView,
  PendingApprovalList,
  SubstitutionBody,
  SubstitutionList,
  SubstitutionView,
} from '@guichet/contracts';
import { inTransaction, takeFreeChange } from '@guichet/db';
import { requireGrant } from '../../http/access.ts';
import type { AuthContext, AuthUser, Deps } from '../../http/context.ts';
import * as contracts from '../contracts/contracts.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import * as notifications from '../notifications/notifications.service.ts';
import * as processing from '../processing/processing.service.ts';
import type { Acting, LockedRequest } from '../processing/processing.service.ts';
import { renderApprovalMail } from './approval-mail.ts';
import * as repository from './approvals.repository.ts';
import type { ApprovalRow } from './approvals.repository.ts';

/**
 * Approvals on the customer's side (issue 20 part 1, decision 0034). The referent sets a
 * contract's rules; a confirmation a rule catches is held in `awaiting_approval`, out of the
 * provider's sight (`requests.held_for_approval`), its approvers told by mail (a single-use
 * link) and the bell; an approval makes the move the confirmation would have made, its
 * billing decided then; a refusal ends it « Refusée ». Every answer and move is an event.
 */

function customerOf(auth: AuthContext): AuthUser {
  if (auth.user.kind !== 'customer') {
    throw new DomainError('forbidden', 'Approvals are the customer’s');
  }
  return auth.user;
}

// ——— the referent's rules ———

async function contractOf(deps: Deps, auth: AuthContext, contractId: string) {
  if (!sections.some((section) => profileOn(auth.grants, contractId, section) !== null)) {
    throw new DomainError('not_found', 'Contract not found');
  }
  const contract = await repository.findContract(deps.db, contractId);
  if (!contract) throw new DomainError('not_found', 'Contract not found');
  return contract;
}

async function rulesView(
  deps: Deps,
  auth: AuthContext,
  contract: { id: string; referent_user_id: string | null },
): Promise<ApprovalRules> {
  const rules = await repository.listRules(deps.db, contract.id);
  const managers = await repository.requestManagersAmong(
    deps.db,
    contract.id,
    await repository.contractUserIds(deps.db, contract.id),
  );
  const named = [
    ...new Set([
      ...managers,
      ...rules.flatMap((rule) => rule.approverIds),
      ...(contract.referent_user_id ? [contract.referent_user_id] : []),
    ]),
  ];
  const users = new Map(
    (await repository.findUsers(deps.db, named)).map((user) => [user.id, user.display_name]),
  );
  const referentId = contract.referent_user_id;
  return {
    contractId: contract.id,
    rules: rules.map((rule) => ({
      ...rule,
      catalogIds: [...rule.catalogIds],
      articleIds: [...rule.articleIds],
      approverIds: [...rule.approverIds],
    })),
    referent: referentId === null ? null : { id: referentId, name: users.get(referentId) ?? '' },
    candidates: managers
      .map((id) => ({ id, name: users.get(id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    canEdit: referentId !== null && referentId === auth.user.id,
  };
}

export async function getRules(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
): Promise<ApprovalRules> {
  const contract = await contractOf(deps, auth, contractId);
  return rulesView(deps, auth, contract);
}

/** Only the referent sets the rules; named approvers hold Gestionnaire on Demandes. */
export async function setRules(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
  body: ApprovalRulesBody,
): Promise<ApprovalRules> {
  customerOf(auth);
  const contract = await contractOf(deps, auth, contractId);
  if (contract.referent_user_id !== auth.user.id) {
    throw new DomainError('forbidden', 'Only the contract’s referent sets its approval rules');
  }
  const rules: ApprovalRule[] = body.rules.map((rule) => ({
    ...rule,
    approverIds: [...new Set(rule.approverIds)],
  }));
  const details = [];
  for (const [index, rule] of rules.entries()) {
    const problem = approvalRuleProblem(rule);
    if (problem !== null) {
      details.push({ path: `rules.${index}`, rule: problem, message: ruleMessages[problem] });
    }
    const managers = await repository.requestManagersAmong(deps.db, contractId, rule.approverIds);
    for (const [position, id] of rule.approverIds.entries()) {
      if (!managers.includes(id)) {
        details.push({
          path: `rules.${index}.approverIds.${position}`,
          rule: 'approver_not_manager',
          message: 'An approver holds Gestionnaire on Demandes of the contract',
        });
      }
    }
  }
  if (details.length > 0) {
    throw new DomainError('validation_failed', 'The approval rules are not valid', details);
  }
  await inTransaction(deps.db, (trx) =>
    repository.replaceRules(trx, { contractId, rules, by: auth.user.id, at: deps.clock() }),
  );
  return rulesView(deps, auth, contract);
}

const ruleMessages = {
  min_tokens_required: 'Give the number of tokens above which approval is needed',
  articles_required: 'Choose at least one catalog or article',
  no_approver: 'Name at least one approver, or the referent',
} as const;

// ——— holding a confirmation (called by the confirmation, in its transaction) ———

/**
 * The approval a confirmation needs under the contract's rules, judged on the billing decision
 * confirming now would take; null when none catches it (the usual confirmation goes on).
 */
export async function approvalNeeded(
  deps: Deps,
  input: {
    contractId: string;
    requesterId: string;
    catalogId: string;
    articleId: string;
    /** Read only when the contract has rules. */
    billing: () => Promise<PricedDecision>;
  },
): Promise<RequiredApproval | null> {
  const rules = await repository.listRules(deps.db, input.contractId);
  if (rules.length === 0) return null;
  const contract = await repository.findContract(deps.db, input.contractId);
  return requiredApproval(rules, {
    billing: await input.billing(),
    catalogId: input.catalogId,
    articleId: input.articleId,
    requesterId: input.requesterId,
    referentId: contract?.referent_user_id ?? null,
  });
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function linkBase(deps: Deps): string {
  return (deps.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/**
 * Opens the approval of a request just confirmed into `awaiting_approval`: who approves it,
 * their bell, and a mail each (their substitutes standing in now too) with a link of its own.
 */
export async function openApproval(
  deps: Deps,
  request: { id: string; number: string; contractId: string; author: AuthUser },
  required: RequiredApproval,
  billing: PricedDecision,
): Promise<void> {
  const at = deps.clock();
  await repository.insertApproval(deps.db, {
    requestId: request.id,
    approverIds: required.approverIds,
    mode: required.mode,
    at,
  });
  const substitutes = await repository.activeSubstitutesOf(
    deps.db,
    request.contractId,
    required.approverIds,
    at,
  );
  const recipients = [
    ...required.approverIds.map((id) => ({ userId: id, onBehalfOf: null as string | null })),
    ...substitutes.map((row) => ({ userId: row.substitute_id, onBehalfOf: row.approver_id })),
  ];
  const users = new Map(
    (
      await repository.findUsers(deps.db, [
        ...new Set(recipients.flatMap((r) => [r.userId, r.onBehalfOf ?? r.userId])),
      ])
    ).map((user) => [user.id, user]),
  );
  const notice = {
    id: request.id,
    number: request.number,
    authorId: request.author.id,
    assigneeId: null,
  };
  await notifications.notifyApprovalRequested(
    deps,
    notice,
    recipients.map((r) => r.userId),
    request.author.displayName,
  );
  const expiresAt = new Date(at.getTime() + approvalLinkDays * 86_400_000);
  const links = [];
  for (const recipient of recipients) {
    const user = users.get(recipient.userId);
    if (!user || user.kind !== 'customer') continue;
    const token = randomBytes(32).toString('base64url');
    links.push({
      tokenHash: hashToken(token),
      requestId: request.id,
      userId: user.id,
      at,
      expiresAt,
    });
    const rendered = renderApprovalMail({
      locale: user.locale,
      recipientName: user.display_name,
      number: request.number,
      authorName: request.author.displayName,
      onBehalfOfName: recipient.onBehalfOf
        ? (users.get(recipient.onBehalfOf)?.display_name ?? null)
        : null,
      billing,
      link: `${linkBase(deps)}/approbations/${token}`,
      linkDays: approvalLinkDays,
    });
    await queueMail(deps, {
      to: user.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      kind: 'approval_requested',
      requestId: request.id,
    });
  }
  await repository.insertLinks(deps.db, links);
}

/** The requester cancelled while it waited: the approval ends with it (the caller's transaction). */
export async function cancelApproval(deps: Deps, requestId: string): Promise<void> {
  await repository.settleApproval(deps.db, requestId, 'cancelled', deps.clock());
}

// ——— the approval as its approvers and the requester see it ———

interface BillingContext {
  plan: ConfirmationPlan;
  month: string;
  contractId: string;
  freeChangesPerMonth: number;
  counted: boolean;
}

async function billingContextOf(deps: Deps, requestId: string): Promise<BillingContext> {
  const row = await repository.findBillingContext(deps.db, requestId);
  if (!row) throw new DomainError('not_found', 'Request not found');
  const plan = planConfirmation({
    contract: {
      status: row.contract_status,
      freeChangesPerMonth: row.free_changes_per_month,
      tokenPriceEur: Number(row.token_price_eur),
      restrictsRequesters: false,
    },
    article: { billingMode: row.billing_mode, priceTokens: row.price_tokens },
    isRequester: true,
    isItemRetired: false,
    outsideBusinessHours: row.outside_business_hours,
    // The approver approves the cost shown to them: that is the acknowledgement.
    acknowledgeBilling: true,
  });
  return {
    plan,
    month: billingMonth(deps.clock(), row.time_zone),
    contractId: row.contract_id,
    freeChangesPerMonth: row.free_changes_per_month,
    counted: row.billing_mode === 'counted',
  };
}

/** The billing decision approving now would take (shown again to the approver). */
async function billingNow(deps: Deps, requestId: string): Promise<PricedDecision> {
  const context = await billingContextOf(deps, requestId);
  const used = await contracts.freeChangesUsed(deps, context.contractId, context.month);
  return nextOutcome(context.plan, used).billing;
}

async function visibleApproval(deps: Deps, auth: AuthContext, requestId: string) {
  const header = await processing.visibleRequest(deps, auth, requestId);
  const approval = await repository.findApproval(deps.db, requestId);
  if (!approval) throw new DomainError('not_found', 'This request needs no approval');
  return { header, approval };
}

async function substitutionsOf(deps: Deps, contractId: string, userId: string) {
  return repository.substitutionsFor(deps.db, contractId, userId);
}

async function onBehalfOf(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
  approval: ApprovalRow,
): Promise<string | null> {
  if (approval.state !== 'pending') return null;
  return actingFor({
    userId: auth.user.id,
    approverIds: approval.approver_ids,
    answered: approval.answers.map((answer) => answer.approver_id),
    substitutions: await substitutionsOf(deps, contractId, auth.user.id),
    now: deps.clock(),
  });
}

async function approvalView(
  deps: Deps,
  auth: AuthContext,
  header: { id: string; number: string | null; contract_id: string; status: string },
  approval: ApprovalRow,
): Promise<ApprovalView> {
  const names = new Map(
    (await repository.findUsers(deps.db, approval.approver_ids)).map((user) => [
      user.id,
      user.display_name,
    ]),
  );
  const actingAs =
    auth.user.kind === 'customer' &&
    hasProfile(auth.grants, header.contract_id, 'requests', 'manager') &&
    header.status === 'awaiting_approval'
      ? await onBehalfOf(deps, auth, header.contract_id, approval)
      : null;
  const status = header.status as ApprovalView['status'];
  return {
    requestId: header.id,
    requestNumber: header.number,
    contractId: header.contract_id,
    status,
    state: approval.state,
    mode: approval.mode,
    approvers: approval.approver_ids.map((id) => {
      const answer = approval.answers.find((candidate) => candidate.approver_id === id);
      return {
        approver: { id, name: names.get(id) ?? '' },
        answeredByName: answer && answer.answered_by !== id ? answer.answered_by_name : null,
        decision: answer?.decision ?? null,
        comment: answer?.comment ?? null,
        at: answer?.at.toISOString() ?? null,
      };
    }),
    billing: status === 'awaiting_approval' ? await billingNow(deps, header.id) : null,
    canAnswer: actingAs !== null,
    onBehalfOf:
      actingAs !== null && actingAs !== auth.user.id
        ? { id: actingAs, name: names.get(actingAs) ?? '' }
        : null,
  };
}

export async function getApproval(
  deps: Deps,
  auth: AuthContext,
  requestId: string,
): Promise<ApprovalView> {
  const { header, approval } = await visibleApproval(deps, auth, requestId);
  return approvalView(deps, auth, header, approval);
}

// ——— answering ———

const approveActions: Record<PricedDecision['kind'], RequestAction> = {
  included: 'approve_free',
  free: 'approve_free',
  billable: 'approve_billable',
  quote: 'approve_quote',
};

/**
 * One approver's answer, in the caller's transaction on the locked request: recorded as
 * theirs (their substitute's hand shown), then, when it settles the approval, the move: the
 * billing decided now (a free change of this month taken or not) and the request handed to
 * the provider, or refused. Concurrent answers queue on the request's lock: an "all" rule's
 * last approval moves it exactly once; a cancellation first leaves `invalid_transition`.
 */
async function answerLocked(
  deps: Deps,
  auth: AuthContext,
  locked: LockedRequest,
  body: ApprovalAnswerBody,
): Promise<void> {
  const user = customerOf(auth);
  const from = locked.status as RequestStatus;
  // The state machine first: a request no longer awaiting approval answers 409.
  nextStatus(from, 'refuse_approval', 'customer');
  const approval = await repository.findApproval(deps.db, locked.id);
  if (!approval || approval.state !== 'pending') {
    throw new DomainError('invalid_transition', `Cannot answer a request in status ${from}`);
  }
  const approverId = await onBehalfOf(deps, auth, locked.contract_id, approval);
  if (approverId === null) {
    throw new DomainError('forbidden', 'You are not an approver of this request');
  }
  await contracts.requireContractAllows(deps, locked.contract_id, 'confirm');
  const decision: ApprovalDecision = body.decision === 'approve' ? 'approved' : 'refused';
  const comment = body.comment?.trim() ? body.comment : null;
  const at = deps.clock();
  await repository.insertAnswer(deps.db, {
    requestId: locked.id,
    approverId,
    answeredBy: user.id,
    decision,
    comment,
    at,
  });
  const [approver] =
    approverId === user.id ? [] : await repository.findUsers(deps.db, [approverId]);
  const onBehalfOfName = approver?.display_name ?? null;
  await repository.insertEvent(deps.db, {
    requestId: locked.id,
    actorId: user.id,
    kind: decision === 'approved' ? 'approval_given' : 'approval_refused',
    fromStatus: null,
    toStatus: null,
    at,
    data: { approverId, onBehalfOfName, note: comment },
  });
  const state = approvalState({ approverIds: approval.approver_ids, mode: approval.mode }, [
    ...approval.answers.map((answer) => ({
      approverId: answer.approver_id,
      decision: answer.decision,
    })),
    { approverId, decision },
  ]);
  if (state === 'pending') return;
  const actor: Acting = { kind: 'customer', id: user.id, name: user.displayName };
  await repository.settleApproval(deps.db, locked.id, state, at);
  if (state === 'refused') {
    await processing.applyMove(deps, locked, { action: 'refuse_approval', actor, note: comment });
    return;
  }
  const context = await billingContextOf(deps, locked.id);
  const took = context.counted
    ? await takeFreeChange(deps.db, context.contractId, context.month, context.freeChangesPerMonth)
    : null;
  const { billing } = outcomeTaking(context.plan, took);
  await processing.applyMove(deps, locked, {
    action: approveActions[billing.kind],
    actor,
    note: comment,
    data: { billing },
  });
  await repository.releaseRequest(deps.db, {
    id: locked.id,
    billing,
    billingMonth: context.month,
    at,
  });
}

/** Approve or refuse from the request's page (Gestionnaire on Demandes, a named approver). */
export async function answer(
  deps: Deps,
  auth: AuthContext,
  requestId: string,
  body: ApprovalAnswerBody,
): Promise<ApprovalView> {
  const header = await processing.confirmedRequest(deps, requestId);
  requireGrant(auth, header.contract_id, 'requests', 'manager');
  await inTransaction(deps.db, async (trx) => {
    const scoped = { ...deps, db: trx };
    await answerLocked(
      scoped,
      auth,
      await processing.requireLockedRequest(scoped, requestId),
      body,
    );
  });
  return getApproval(deps, auth, requestId);
}

// ——— the mails' links ———

const linkMessages = {
  link_expired: 'This approval link has expired: answer from the request’s page',
  link_used: 'This approval link was already used',
  link_other_user: 'This approval link was sent to someone else',
} as const;

async function checkedLink(deps: Deps, auth: AuthContext, token: string, lock: boolean) {
  customerOf(auth);
  const link = await repository.findLink(deps.db, hashToken(token), { lock });
  if (!link) throw new DomainError('not_found', 'Approval link not found');
  const problem = approvalLinkProblem({
    link: { userId: link.user_id, expiresAt: link.expires_at, usedAt: link.used_at },
    userId: auth.user.id,
    now: deps.clock(),
  });
  if (problem !== null) {
    throw new DomainError(
      problem === 'link_other_user' ? 'forbidden' : 'conflict',
      linkMessages[problem],
      [{ path: 'token', rule: problem, message: linkMessages[problem] }],
    );
  }
  return link;
}

/** What a mail's link opens: the approval, if the logged-in user is the one it was sent to. */
export async function getApprovalByLink(
  deps: Deps,
  auth: AuthContext,
  token: string,
): Promise<ApprovalView> {
  const link = await checkedLink(deps, auth, token, false);
  return getApproval(deps, auth, link.request_id);
}

/** Answers through a mail's link: once, by the user it was sent to, before it expires. */
export async function answerByLink(
  deps: Deps,
  auth: AuthContext,
  token: string,
  body: ApprovalAnswerBody,
): Promise<ApprovalView> {
  const requestId = await inTransaction(deps.db, async (trx) => {
    const scoped = { ...deps, db: trx };
    const link = await checkedLink(scoped, auth, token, true);
    const header = await processing.findRequestHeader(scoped, link.request_id);
    if (!header) throw new DomainError('not_found', 'Request not found');
    requireGrant(auth, header.contract_id, 'requests', 'manager');
    const locked = await processing.requireLockedRequest(scoped, link.request_id);
    await answerLocked(scoped, auth, locked, body);
    await repository.useLink(trx, hashToken(token), deps.clock());
    return link.request_id;
  });
  return getApproval(deps, auth, requestId);
}

// ——— « À approuver » ———

export async function listPending(
  deps: Deps,
  auth: AuthContext,
  limit = 100,
): Promise<PendingApprovalList> {
  if (auth.user.kind !== 'customer') return { items: [] };
  const contractIds = [
    ...new Set(
      auth.grants
        .filter((grant) => grant.section === 'requests' && grant.profile === 'manager')
        .map((grant) => grant.contractId),
    ),
  ];
  const substituted = await repository.substitutedBy(
    deps.db,
    auth.user.id,
    contractIds,
    deps.clock(),
  );
  const rows = await repository.listPending(deps.db, {
    approverIds: [auth.user.id, ...substituted],
    contractIds,
    limit,
  });
  const names = new Map(
    (await repository.findUsers(deps.db, substituted)).map((user) => [user.id, user.display_name]),
  );
  const items = [];
  for (const row of rows) {
    const waiting = row.approver_ids.filter((id) => !(row.answered ?? []).includes(id));
    const forWhom = waiting.includes(auth.user.id)
      ? null
      : (waiting.find((id) => substituted.includes(id)) ?? undefined);
    if (forWhom === undefined) continue;
    items.push({
      requestId: row.id,
      number: row.number,
      contractId: row.contract_id,
      customerReference: row.customer_reference,
      authorName: row.author_name,
      assetReference: row.asset_reference,
      articleName:
        row.article_name_fr === null
          ? null
          : { fr: row.article_name_fr, en: row.article_name_en ?? row.article_name_fr },
      billing: await billingNow(deps, row.id),
      confirmedAt: row.created_at.toISOString(),
      onBehalfOf: forWhom === null ? null : { id: forWhom, name: names.get(forWhom) ?? '' },
    });
  }
  return { items };
}

// ——— substitutes ———

function substitutionView(
  row: Awaited<ReturnType<typeof repository.listSubstitutions>>[number],
): SubstitutionView {
  return {
    id: row.id,
    contractId: row.contract_id,
    approver: { id: row.approver_id, name: row.approver_name },
    substitute: { id: row.substitute_id, name: row.substitute_name },
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
  };
}

/** The substitutions the caller named or was named in, on the perimeter's contracts. */
export async function listSubstitutions(
  deps: Deps,
  auth: AuthContext,
  contractId?: string,
): Promise<SubstitutionList> {
  customerOf(auth);
  const contractIds = contractId
    ? [contractId]
    : [...new Set(auth.grants.map((grant) => grant.contractId))];
  if (contractId) requireGrant(auth, contractId, 'requests', 'viewer');
  const rows = await repository.listSubstitutions(deps.db, { contractIds, userId: auth.user.id });
  return { items: rows.map(substitutionView) };
}

/** An approver names a substitute (Gestionnaire on Demandes too) for a period. */
export async function addSubstitution(
  deps: Deps,
  auth: AuthContext,
  body: SubstitutionBody,
): Promise<SubstitutionView> {
  const user = customerOf(auth);
  requireGrant(auth, body.contractId, 'requests', 'manager');
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const problem = substitutionProblem({
    approverId: user.id,
    substituteId: body.substituteId,
    startsAt,
    endsAt,
  });
  if (problem !== null) {
    const messages = {
      self_substitute: 'You cannot stand in for yourself',
      period_order: 'The period ends after it starts',
      period_too_long: 'A substitution lasts a year at most',
    } as const;
    throw new DomainError('validation_failed', messages[problem], [
      {
        path: problem === 'self_substitute' ? 'substituteId' : 'endsAt',
        rule: problem,
        message: messages[problem],
      },
    ]);
  }
  const managers = await repository.requestManagersAmong(deps.db, body.contractId, [
    body.substituteId,
  ]);
  if (managers.length === 0) {
    throw new DomainError(
      'validation_failed',
      'The substitute must hold Gestionnaire on Demandes',
      [
        {
          path: 'substituteId',
          rule: 'approver_not_manager',
          message: 'Not a Gestionnaire on Demandes of the contract',
        },
      ],
    );
  }
  const id = await inTransaction(deps.db, (trx) =>
    repository.insertSubstitution(trx, {
      contractId: body.contractId,
      approverId: user.id,
      substituteId: body.substituteId,
      startsAt,
      endsAt,
      at: deps.clock(),
    }),
  );
  const rows = await repository.listSubstitutions(deps.db, {
    contractIds: [body.contractId],
    userId: user.id,
  });
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw new DomainError('not_found', 'Substitution not found');
  return substitutionView(row);
}

export async function removeSubstitution(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  const user = customerOf(auth);
  const removed = await inTransaction(deps.db, (trx) =>
    repository.deleteSubstitution(trx, id, user.id),
  );
  if (!removed) throw new DomainError('not_found', 'Substitution not found');
}
