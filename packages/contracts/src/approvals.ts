import { z } from 'zod';
import {
  approvalModes,
  approvalScopes,
  maxApprovalRules,
  maxNamedApprovers,
  requestStatuses,
} from '@guichet/domain';
import { ContractId, LocalizedText, Uuid, ruleIssue } from './common.ts';
import { BillingDecisionView } from './requests.ts';

/** Approvals on the customer's side (issue 20 part 1, decision 0034). */

export const ApprovalRuleInput = z
  .object({
    scope: z.enum(approvalScopes),
    /** `above_tokens`: requests priced strictly above this many tokens. */
    minTokens: z.number().int().min(0).max(1_000_000).nullable().default(null),
    catalogIds: z.array(Uuid).max(50).default([]),
    articleIds: z.array(Uuid).max(200).default([]),
    includeReferent: z.boolean(),
    approverIds: z.array(Uuid).max(maxNamedApprovers).default([]),
    mode: z.enum(approvalModes),
  })
  .strict()
  .meta({ id: 'ApprovalRuleInput' });
export type ApprovalRuleInput = z.infer<typeof ApprovalRuleInput>;

export const ApprovalRulesBody = z
  .object({ rules: z.array(ApprovalRuleInput).max(maxApprovalRules) })
  .strict()
  .meta({ id: 'ApprovalRulesBody' });
export type ApprovalRulesBody = z.infer<typeof ApprovalRulesBody>;

const ApproverView = z.object({ id: Uuid, name: z.string() });

export const ApprovalRuleView = ApprovalRuleInput.extend({
  minTokens: z.number().int().nullable(),
  catalogIds: z.array(Uuid),
  articleIds: z.array(Uuid),
  approverIds: z.array(Uuid),
}).meta({ id: 'ApprovalRuleView' });

export const ApprovalRules = z
  .object({
    contractId: ContractId,
    rules: z.array(ApprovalRuleView),
    referent: ApproverView.nullable(),
    /** The contract's users who may be named approvers (Gestionnaire on Demandes). */
    candidates: z.array(ApproverView),
    /** Only the contract's referent sets the rules. */
    canEdit: z.boolean(),
  })
  .meta({ id: 'ApprovalRules' });
export type ApprovalRules = z.infer<typeof ApprovalRules>;

const comment = z.string().max(2000);

export const ApprovalAnswerBody = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    /** Required to refuse: the requester reads why. */
    comment: comment.optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.decision === 'refuse' && !body.comment?.trim()) {
      context.addIssue(ruleIssue('required', 'A refusal says why', 'comment'));
    }
  })
  .meta({ id: 'ApprovalAnswerBody' });
export type ApprovalAnswerBody = z.infer<typeof ApprovalAnswerBody>;

export const ApprovalAnswerView = z.object({
  approver: ApproverView,
  /** Set when the approver's substitute answered for them. */
  answeredByName: z.string().nullable(),
  decision: z.enum(['approved', 'refused']).nullable(),
  comment: z.string().nullable(),
  at: z.string().nullable(),
});

export const ApprovalView = z
  .object({
    requestId: Uuid,
    requestNumber: z.string().nullable(),
    contractId: ContractId,
    status: z.enum(requestStatuses),
    state: z.enum(['pending', 'approved', 'refused', 'cancelled']),
    mode: z.enum(approvalModes),
    approvers: z.array(ApprovalAnswerView),
    /** While it waits: the decision approving now would take (decided again at approval). */
    billing: BillingDecisionView.nullable(),
    /** Whether the caller may answer now, and for whom (themselves or the approver they stand in for). */
    canAnswer: z.boolean(),
    onBehalfOf: ApproverView.nullable(),
  })
  .meta({ id: 'ApprovalView' });
export type ApprovalView = z.infer<typeof ApprovalView>;

export const PendingApproval = z
  .object({
    requestId: Uuid,
    number: z.string().nullable(),
    contractId: ContractId,
    customerReference: z.string().nullable(),
    authorName: z.string(),
    assetReference: z.string().nullable(),
    articleName: LocalizedText.nullable(),
    billing: BillingDecisionView.nullable(),
    confirmedAt: z.string(),
    onBehalfOf: ApproverView.nullable(),
  })
  .meta({ id: 'PendingApproval' });
export const PendingApprovalList = z
  .object({ items: z.array(PendingApproval) })
  .meta({ id: 'PendingApprovalList' });
export type PendingApprovalList = z.infer<typeof PendingApprovalList>;

export const ApprovalLinkParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'An approval link token'),
});
export type ApprovalLinkParams = z.infer<typeof ApprovalLinkParams>;

export const SubstitutionBody = z
  .object({
    contractId: ContractId,
    substituteId: Uuid,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .meta({ id: 'SubstitutionBody' });
export type SubstitutionBody = z.infer<typeof SubstitutionBody>;

export const SubstitutionView = z
  .object({
    id: Uuid,
    contractId: ContractId,
    approver: ApproverView,
    substitute: ApproverView,
    startsAt: z.string(),
    endsAt: z.string(),
  })
  .meta({ id: 'SubstitutionView' });
export const SubstitutionList = z
  .object({ items: z.array(SubstitutionView) })
  .meta({ id: 'SubstitutionList' });
export type SubstitutionList = z.infer<typeof SubstitutionList>;
export type SubstitutionView = z.infer<typeof SubstitutionView>;

export const SubstitutionsQuery = z.object({ contractId: ContractId.optional() });
export type SubstitutionsQuery = z.infer<typeof SubstitutionsQuery>;
