import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateQueueViewBody,
  CreateRequestViewBody,
  ErrorBody,
  IdParams,
  QueueView,
  QueueViewList,
  RequestView,
  RequestViewList,
  UpdateQueueViewBody,
  UpdateRequestViewBody,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './saved-views.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };

/** Saved views of the customer's list and of the back-office's queue (decision 0033). */
export const savedViewsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/saved-views',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Your saved views of the requests list in this perimeter, and those shared with the readers of your contracts',
        response: { 200: RequestViewList, ...errors },
      },
    },
    async (request) => service.listRequestViews(deps, authOf(request)),
  );
  app.post(
    '/api/saved-views',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Save a named view (the list’s filters); `sharedContractId` shares it with the users who read that contract’s requests',
        body: CreateRequestViewBody,
        response: { 201: RequestView, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createRequestView(deps, authOf(request), request.body)),
  );
  app.patch(
    '/api/saved-views/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'Rename, re-share or change one of your saved views (another’s: 403)',
        params: IdParams,
        body: UpdateRequestViewBody,
        response: { 200: RequestView, ...writeErrors },
      },
    },
    async (request) =>
      service.updateRequestView(deps, authOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/saved-views/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'Delete one of your saved views (another’s: 403)',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteRequestView(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/back-office/saved-views',
    {
      schema: {
        tags: ['back-office'],
        summary: 'Your saved views of the queue, and those shared with operators — agents and admins',
        response: { 200: QueueViewList, ...errors },
      },
    },
    async (request) => service.listQueueViews(deps, authOf(request)),
  );
  app.post(
    '/api/back-office/saved-views',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Save a named view of the queue (filters and sort); `isShared` shows it to every operator',
        body: CreateQueueViewBody,
        response: { 201: QueueView, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createQueueView(deps, authOf(request), request.body)),
  );
  app.patch(
    '/api/back-office/saved-views/:id',
    {
      schema: {
        tags: ['back-office'],
        summary: 'Rename, share or change one of your saved views of the queue (another’s: 403)',
        params: IdParams,
        body: UpdateQueueViewBody,
        response: { 200: QueueView, ...writeErrors },
      },
    },
    async (request) =>
      service.updateQueueView(deps, authOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/back-office/saved-views/:id',
    {
      schema: {
        tags: ['back-office'],
        summary: 'Delete one of your saved views of the queue (another’s: 403)',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteQueueView(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  done();
};
