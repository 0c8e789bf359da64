import {
  ApprovalAnswerBody,
  ApprovalLinkParams,
  ApprovalRules,
  ApprovalRulesBody,
  ApprovalView,
  ContractParams,
  IdParams,
  PendingApprovalList,
  SubstitutionBody,
  SubstitutionList,
  SubstitutionView,
  SubstitutionsQuery,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './approvals.service.ts';

/** Approvals on the customer's side (issue 20 part 1, decision 0034). */
export const approvalsRoutes = routesPlugin({ tags: ['approvals'] }, ({ deps }) => [
  route('GET /api/contracts/:contractId/approval-rules', {
    summary:
      "The contract's approval rules, who may be named approver, and whether you may set them (any right on the contract)",
    params: ContractParams,
    ok: ApprovalRules,
    handle: ({ auth, params }) => service.getRules(deps, auth, params.contractId),
  }),
  route('PUT /api/contracts/:contractId/approval-rules', {
    summary: "Set the contract's approval rules, in order (the contract's referent only)",
    params: ContractParams,
    body: ApprovalRulesBody,
    ok: ApprovalRules,
    handle: ({ auth, params, body }) => service.setRules(deps, auth, params.contractId, body),
  }),
  route('GET /api/approvals', {
    summary:
      '« À approuver »: the requests awaiting your approval (or that of an approver you stand in for)',
    ok: PendingApprovalList,
    handle: ({ auth }) => service.listPending(deps, auth),
  }),
  route('GET /api/requests/:id/approval', {
    summary:
      "A held request's approval: its approvers' answers, the cost approving now would decide, whether you may answer",
    params: IdParams,
    ok: ApprovalView,
    handle: ({ auth, params }) => service.getApproval(deps, auth, params.id),
  }),
  route('POST /api/requests/:id/approval', {
    summary:
      'Approve (→ the move the confirmation would have made, billing decided now) or refuse (comment required → Refusée) a request awaiting your approval (Gestionnaire, a named approver or their substitute)',
    params: IdParams,
    body: ApprovalAnswerBody,
    ok: ApprovalView,
    handle: ({ auth, params, body }) => service.answer(deps, auth, params.id, body),
  }),
  route('GET /api/approval-links/:token', {
    summary:
      "What an approval mail's link opens (the logged-in user it was sent to; 409 used or expired)",
    params: ApprovalLinkParams,
    ok: ApprovalView,
    handle: ({ auth, params }) => service.getApprovalByLink(deps, auth, params.token),
  }),
  route('POST /api/approval-links/:token', {
    summary:
      "Answer through an approval mail's link: once, by the logged-in user it was sent to, before it expires",
    params: ApprovalLinkParams,
    body: ApprovalAnswerBody,
    ok: ApprovalView,
    handle: ({ auth, params, body }) => service.answerByLink(deps, auth, params.token, body),
  }),
  route('GET /api/approval-substitutes', {
    summary: 'The substitutes you named and the approvers you stand in for',
    querystring: SubstitutionsQuery,
    ok: SubstitutionList,
    handle: ({ auth, query }) => service.listSubstitutions(deps, auth, query.contractId),
  }),
  route('POST /api/approval-substitutes', {
    summary:
      'Name a substitute (Gestionnaire on Demandes of the contract) who may approve for you during a period',
    body: SubstitutionBody,
    ok: SubstitutionView,
    status: 201,
    handle: ({ auth, body }) => service.addSubstitution(deps, auth, body),
  }),
  route('DELETE /api/approval-substitutes/:id', {
    summary: 'Remove a substitute you named',
    params: IdParams,
    status: 204,
    handle: ({ auth, params }) => service.removeSubstitution(deps, auth, params.id),
  }),
]);
