import type { PricedDecision } from './confirmation.ts';

/**
 * Approvals on the customer's side (issue 20, decision 0034): the rules a contract's referent
 * sets, which requests they catch, who approves them and when the approvers' answers settle
 * the request. Pure: ids, times and the billing decision are passed in.
 */

/** Which requests a rule catches. */
export const approvalScopes = ['billable', 'above_tokens', 'articles', 'all'] as const;
export type ApprovalScope = (typeof approvalScopes)[number];

/** `any`: the first approver's answer settles it; `all`: every approver approves. */
export const approvalModes = ['any', 'all'] as const;
export type ApprovalMode = (typeof approvalModes)[number];

export interface ApprovalRule {
  scope: ApprovalScope;
  /** `above_tokens`: requests priced strictly above this many tokens. */
  minTokens: number | null;
  /** `articles`: requests of these catalogs or these articles. */
  catalogIds: readonly string[];
  articleIds: readonly string[];
  /** The contract's referent approves (whoever it is when the request is confirmed). */
  includeReferent: boolean;
  /** Named approvers among the contract's users. */
  approverIds: readonly string[];
  mode: ApprovalMode;
}

export interface ApprovalCandidate {
  /** The billing decision confirming now would take (decided again at approval). */
  billing: PricedDecision;
  catalogId: string;
  articleId: string;
  requesterId: string;
  referentId: string | null;
}

export interface RequiredApproval {
  /** Position of the rule that caught the request. */
  rule: number;
  approverIds: string[];
  mode: ApprovalMode;
}

/** Billable: a price in tokens, or a quote (a price to come). */
export function isBillable(billing: PricedDecision): boolean {
  return billing.kind === 'billable' || billing.kind === 'quote';
}

export function ruleCatches(rule: ApprovalRule, candidate: ApprovalCandidate): boolean {
  switch (rule.scope) {
    case 'all':
      return true;
    case 'billable':
      return isBillable(candidate.billing);
    case 'above_tokens':
      return (
        candidate.billing.kind === 'billable' &&
        candidate.billing.priceTokens > (rule.minTokens ?? 0)
      );
    case 'articles':
      return (
        rule.catalogIds.includes(candidate.catalogId) ||
        rule.articleIds.includes(candidate.articleId)
      );
  }
}

/** The rule's approvers, each once, the referent first; never the requester. */
export function approversOf(rule: ApprovalRule, candidate: ApprovalCandidate): string[] {
  const named = [
    ...(rule.includeReferent && candidate.referentId !== null ? [candidate.referentId] : []),
    ...rule.approverIds,
  ];
  return [...new Set(named)].filter((id) => id !== candidate.requesterId);
}

/**
 * The approval a confirmation needs, or null: the first rule (in the referent's order) that
 * catches the request and leaves an approver once the requester is set aside. The requester
 * never approves their own request; a rule whose only approver is the requester is met by the
 * request itself (who would approve it asked for it).
 */
export function requiredApproval(
  rules: readonly ApprovalRule[],
  candidate: ApprovalCandidate,
): RequiredApproval | null {
  for (const [index, rule] of rules.entries()) {
    if (!ruleCatches(rule, candidate)) continue;
    const approverIds = approversOf(rule, candidate);
    if (approverIds.length > 0) return { rule: index, approverIds, mode: rule.mode };
  }
  return null;
}

export type ApprovalDecision = 'approved' | 'refused';

export interface ApprovalVote {
  approverId: string;
  decision: ApprovalDecision;
}

/**
 * Where the approvers' answers leave the request: a refusal refuses it; one approval is
 * enough under `any`, every approver's under `all`; otherwise it still waits.
 */
export function approvalState(
  required: { approverIds: readonly string[]; mode: ApprovalMode },
  votes: readonly ApprovalVote[],
): 'pending' | ApprovalDecision {
  const counted = votes.filter((vote) => required.approverIds.includes(vote.approverId));
  if (counted.some((vote) => vote.decision === 'refused')) return 'refused';
  const approved = new Set(
    counted.filter((vote) => vote.decision === 'approved').map((vote) => vote.approverId),
  );
  if (required.mode === 'any') return approved.size > 0 ? 'approved' : 'pending';
  return required.approverIds.every((id) => approved.has(id)) ? 'approved' : 'pending';
}

export interface Substitution {
  approverId: string;
  substituteId: string;
  startsAt: Date;
  endsAt: Date;
}

export function isSubstitutionActive(substitution: Substitution, now: Date): boolean {
  return substitution.startsAt <= now && now < substitution.endsAt;
}

/**
 * On whose behalf `userId` answers: themselves when they are an approver who has not answered
 * yet, else the first approver not answered yet who named them substitute for a period
 * covering `now`; null when they may not answer.
 */
export function actingFor(input: {
  userId: string;
  approverIds: readonly string[];
  answered: readonly string[];
  substitutions: readonly Substitution[];
  now: Date;
}): string | null {
  const waiting = input.approverIds.filter((id) => !input.answered.includes(id));
  if (waiting.includes(input.userId)) return input.userId;
  const covered = input.substitutions.find(
    (substitution) =>
      substitution.substituteId === input.userId &&
      waiting.includes(substitution.approverId) &&
      isSubstitutionActive(substitution, input.now),
  );
  return covered?.approverId ?? null;
}

/** Why a substitution is refused. */
export type SubstitutionProblem = 'self_substitute' | 'period_order' | 'period_too_long';

/** A substitution lasts at most a year. */
export const maxSubstitutionDays = 366;

export function substitutionProblem(input: {
  approverId: string;
  substituteId: string;
  startsAt: Date;
  endsAt: Date;
}): SubstitutionProblem | null {
  if (input.approverId === input.substituteId) return 'self_substitute';
  const length = input.endsAt.getTime() - input.startsAt.getTime();
  if (length <= 0) return 'period_order';
  if (length > maxSubstitutionDays * 86_400_000) return 'period_too_long';
  return null;
}

/** Why a link from an approval mail is refused. */
export type ApprovalLinkProblem = 'link_expired' | 'link_used' | 'link_other_user';

/** How long a mail's approval link stays valid. */
export const approvalLinkDays = 7;

export function approvalLinkProblem(input: {
  link: { userId: string; expiresAt: Date; usedAt: Date | null };
  userId: string;
  now: Date;
}): ApprovalLinkProblem | null {
  if (input.link.userId !== input.userId) return 'link_other_user';
  if (input.link.usedAt !== null) return 'link_used';
  if (input.now >= input.link.expiresAt) return 'link_expired';
  return null;
}

/** Why a rule is refused as the referent wrote it. */
export type ApprovalRuleProblem = 'min_tokens_required' | 'articles_required' | 'no_approver';

export const maxApprovalRules = 20;
export const maxNamedApprovers = 20;

export function approvalRuleProblem(rule: ApprovalRule): ApprovalRuleProblem | null {
  if (rule.scope === 'above_tokens' && rule.minTokens === null) return 'min_tokens_required';
  if (rule.scope === 'articles' && rule.catalogIds.length + rule.articleIds.length === 0) {
    return 'articles_required';
  }
  if (!rule.includeReferent && rule.approverIds.length === 0) return 'no_approver';
  return null;
}
