import { z } from 'zod';
import {
  ConfirmDraftBody,
  CreateRequestBody,
  DryRunBody,
  DryRunView,
  IdParams,
  PreviewBody,
  PreviewView,
  RequestDetail,
  RequestListQuery,
  RequestPage,
  UpdateDraftBody,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './requests.service.ts';

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Replaying a call with the same key and body answers the first result; nothing is created twice',
    ),
});

export const requestsRoutes = routesPlugin({ tags: ['requests'] }, ({ deps }) => [
  route('GET /api/requests', {
    summary: 'Requests of the perimeter, newest first (drafts: your own)',
    querystring: RequestListQuery,
    ok: RequestPage,
    errors: [400, 401],
    handle: ({ auth, query }) => service.listRequests(deps, auth, query),
  }),
  route('POST /api/requests', {
    summary: 'Create a change request: saved as a draft, or confirmed at once (all or nothing)',
    body: CreateRequestBody,
    headers: IdempotencyHeaders,
    ok: RequestDetail,
    status: 201,
    handle: async ({ auth, body, headers, reply }) => {
      const { request: created, replayed } = await service.createRequest(
        deps,
        auth,
        body,
        headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return created;
    },
  }),
  route('POST /api/requests/preview', {
    summary: 'What confirming would cost now, and the open changes on the same item',
    body: PreviewBody,
    ok: PreviewView,
    handle: ({ auth, body }) => service.preview(deps, auth, body),
  }),
  route('POST /api/requests/dry-run', {
    summary:
      'Check a request as a confirmation would, and write nothing: errors field by field, stored values, cost, open changes',
    body: DryRunBody,
    ok: DryRunView,
    handle: ({ auth, body }) => service.dryRun(deps, auth, body),
  }),
  route('GET /api/requests/:id', {
    summary: 'A request with its values, cost decision and history',
    params: IdParams,
    ok: RequestDetail,
    handle: ({ auth, params }) => service.getRequest(deps, auth, params.id),
  }),
  route('PUT /api/requests/:id', {
    summary: 'Save a draft (no validation of the values); `version` guards against lost updates',
    params: IdParams,
    body: UpdateDraftBody,
    ok: RequestDetail,
    handle: ({ auth, params, body }) => service.updateDraft(deps, auth, params.id, body),
  }),
  route('POST /api/requests/:id/confirm', {
    summary: 'Confirm a draft with its latest values',
    params: IdParams,
    body: ConfirmDraftBody,
    ok: RequestDetail,
    handle: ({ auth, params, body }) => service.confirmDraft(deps, auth, params.id, body),
  }),
  route('DELETE /api/requests/:id', {
    summary: 'Delete a draft',
    params: IdParams,
    status: 204,
    handle: ({ auth, params }) => service.deleteDraft(deps, auth, params.id),
  }),
]);
