import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConfirmDraftBody,
  CreateRequestBody,
  DryRunBody,
  DryRunView,
  ErrorBody,
  IdParams,
  PreviewBody,
  PreviewView,
  RequestDetail,
  RequestListQuery,
  RequestPage,
  UpdateDraftBody,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
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

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const requestsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Requests of the perimeter, newest first (drafts: your own)',
        querystring: RequestListQuery,
        response: { 200: RequestPage, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => service.listRequests(deps, authOf(request), request.query),
  );

  app.post(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Create a change request: saved as a draft, or confirmed at once (all or nothing)',
        body: CreateRequestBody,
        headers: IdempotencyHeaders,
        response: { 201: RequestDetail, ...errors },
      },
    },
    async (request, reply) => {
      const { request: created, replayed } = await service.createRequest(
        deps,
        authOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/requests/preview',
    {
      schema: {
        tags: ['requests'],
        summary: 'What confirming would cost now, and the open changes on the same item',
        body: PreviewBody,
        response: { 200: PreviewView, ...errors },
      },
    },
    async (request) => service.preview(deps, authOf(request), request.body),
  );

  app.post(
    '/api/requests/dry-run',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Check a request as a confirmation would, and write nothing: errors field by field, stored values, cost, open changes',
        body: DryRunBody,
        response: { 200: DryRunView, ...errors },
      },
    },
    async (request) => service.dryRun(deps, authOf(request), request.body),
  );

  app.get(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'A request with its values, cost decision and history',
        params: IdParams,
        response: { 200: RequestDetail, ...errors },
      },
    },
    async (request) => service.getRequest(deps, authOf(request), request.params.id),
  );

  app.put(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Save a draft (no validation of the values); `version` guards against lost updates',
        params: IdParams,
        body: UpdateDraftBody,
        response: { 200: RequestDetail, ...errors },
      },
    },
    async (request) => service.updateDraft(deps, authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/requests/:id/confirm',
    {
      schema: {
        tags: ['requests'],
        summary: 'Confirm a draft with its latest values',
        params: IdParams,
        body: ConfirmDraftBody,
        response: { 200: RequestDetail, ...errors },
      },
    },
    async (request) => service.confirmDraft(deps, authOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'Delete a draft',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteDraft(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  done();
};
