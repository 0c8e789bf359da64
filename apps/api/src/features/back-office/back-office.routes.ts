import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  AssignBody,
  AttachmentParams,
  AttachmentUploadQuery,
  BackOfficeRequestDetail,
  ErrorBody,
  IdParams,
  MoveBody,
  OperatorCommentBody,
  OperatorList,
  OutboxMailDetail,
  OutboxPage,
  OutboxQuery,
  QueueFilterOptions,
  QueuePage,
  QueueQuery,
  RejectBody,
  ScheduleBody,
  SendQuoteBody,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import { receiveUpload, sendDownload } from '../../http/uploads.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as outbox from '../mail/outbox.service.ts';
import * as service from './back-office.service.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};
const tags = ['back-office'];

/** The operators' surface (`/api/back-office/…`): customers are refused with 403. */
export const backOfficeRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/back-office/requests',
    {
      schema: {
        tags,
        summary:
          'The queue: every customer’s requests, filtered (status, customer, contract, catalog, article, assignee, age), searched, sorted, by pages',
        querystring: QueueQuery,
        response: { 200: QueuePage, ...errors },
      },
    },
    async (request) => service.listQueue(deps, authOf(request), request.query),
  );

  app.get(
    '/api/back-office/filters',
    {
      schema: {
        tags,
        summary:
          'What the queue’s filters offer: customers, contracts, catalogs, articles, operators',
        response: { 200: QueueFilterOptions, ...errors },
      },
    },
    async (request) => service.filterOptions(deps, authOf(request)),
  );

  app.get(
    '/api/back-office/assignees',
    {
      schema: {
        tags,
        summary: 'Active operators who may be given requests',
        response: { 200: OperatorList, ...errors },
      },
    },
    async (request) => service.listOperators(deps, authOf(request)),
  );

  app.get(
    '/api/back-office/requests/:id',
    {
      schema: {
        tags,
        summary:
          'A request with its customer, contract, item, article version, values, cost decision, quotes, comments (internal too), attachments and history',
        params: IdParams,
        response: { 200: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request) => service.getRequest(deps, authOf(request), request.params.id),
  );

  app.post(
    '/api/back-office/requests/:id/take',
    {
      schema: {
        tags,
        summary: 'Take the request (assign it to yourself)',
        params: IdParams,
        response: { 200: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return service.assign(deps, auth, request.params.id, auth.user.id);
    },
  );

  app.put(
    '/api/back-office/requests/:id/assignee',
    {
      schema: {
        tags,
        summary: 'Give the request to an operator, or to nobody (null)',
        params: IdParams,
        body: AssignBody,
        response: { 200: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request) =>
      service.assign(deps, authOf(request), request.params.id, request.body.assigneeId),
  );

  const simpleMoves = [
    ['start-review', 'start_review', 'Start the review: Transmise → En cours d’analyse'],
    ['ask-quote', 'ask_quote', 'The review needs a quote: → Devis en préparation'],
    ['complete', 'complete', 'The change is done: En cours de réalisation → Réalisée'],
  ] as const;
  for (const [path, action, summary] of simpleMoves) {
    app.post(
      `/api/back-office/requests/:id/${path}`,
      {
        schema: {
          tags,
          summary: `${summary} (409 invalid_transition from any other status)`,
          params: IdParams,
          body: MoveBody,
          response: { 200: BackOfficeRequestDetail, ...errors },
        },
      },
      async (request) =>
        service.move(deps, authOf(request), request.params.id, action, request.body),
    );
  }

  app.post(
    '/api/back-office/requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject the request with a reason the customer reads → Refusée',
        params: IdParams,
        body: RejectBody,
        response: { 200: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request) =>
      service.reject(deps, authOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/back-office/requests/:id/schedule',
    {
      schema: {
        tags,
        summary:
          'Schedule the change (optionally for a day): En cours d’analyse → En cours de réalisation',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request) => service.schedule(deps, authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/back-office/requests/:id/quotes',
    {
      schema: {
        tags,
        summary:
          'Send a quote (tokens, priced in euros at the contract’s rate; validity; text; optional PDF attachment): → Devis à valider; supersedes the quote awaiting an answer',
        params: IdParams,
        body: SendQuoteBody,
        response: { 201: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.sendQuote(deps, authOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/back-office/requests/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment; an internal comment is never shown to the customer',
        params: IdParams,
        body: OperatorCommentBody,
        response: { 201: BackOfficeRequestDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addComment(deps, authOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/back-office/requests/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Attach a file (multipart/form-data, field `file`; 10 MB at most; PDF, PNG, JPEG, text, CSV, Word, Excel)',
        params: IdParams,
        querystring: AttachmentUploadQuery,
        response: { 201: BackOfficeRequestDetail, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request, reply) => {
      const upload = await receiveUpload(request);
      const detail = await service.addAttachment(deps, authOf(request), request.params.id, {
        ...upload,
        isInternal: request.query.internal === 'true',
      });
      return reply.status(201).send(detail);
    },
  );

  app.get(
    '/api/back-office/requests/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment',
        params: AttachmentParams,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const { view, content } = await service.readAttachment(
        deps,
        authOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return sendDownload(reply, { ...view, content });
    },
  );

  app.get(
    '/api/back-office/outbox',
    {
      schema: {
        tags,
        summary: 'The mail outbox: sent, pending, failed, and kept (no SMTP server configured)',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...errors },
      },
    },
    async (request) => outbox.listOutbox(deps, authOf(request), request.query),
  );

  app.get(
    '/api/back-office/outbox/:id',
    {
      schema: {
        tags,
        summary: 'One mail of the outbox, with its text',
        params: IdParams,
        response: { 200: OutboxMailDetail, ...errors },
      },
    },
    async (request) => outbox.getMail(deps, authOf(request), request.params.id),
  );
  done();
};
