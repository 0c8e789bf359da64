import {
  AssignBody,
  AttachmentParams,
  AttachmentUploadQuery,
  BackOfficeRequestDetail,
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
import { route, routesPlugin, usualErrors } from '../../http/route-definition.ts';
import { receiveUpload, sendAttachment, uploadErrors } from '../../http/uploads.ts';
import * as outbox from '../mail/outbox.service.ts';
import * as service from './back-office.service.ts';

const simpleMoves = [
  ['start-review', 'start_review', 'Start the review: Transmise → En cours d’analyse'],
  ['ask-quote', 'ask_quote', 'The review needs a quote: → Devis en préparation'],
  ['complete', 'complete', 'The change is done: En cours de réalisation → Réalisée'],
] as const;

/** The operators' surface (`/api/back-office/…`): customers are refused with 403. */
export const backOfficeRoutes = routesPlugin({ tags: ['back-office'] }, ({ deps }) => [
  route('GET /api/back-office/requests', {
    summary:
      'The queue: every customer’s requests, filtered (status, customer, contract, catalog, article, assignee, age), searched, sorted, by pages',
    querystring: QueueQuery,
    ok: QueuePage,
    handle: ({ auth, query }) => service.listQueue(deps, auth, query),
  }),
  route('GET /api/back-office/filters', {
    summary: 'What the queue’s filters offer: customers, contracts, catalogs, articles, operators',
    ok: QueueFilterOptions,
    handle: ({ auth }) => service.filterOptions(deps, auth),
  }),
  route('GET /api/back-office/assignees', {
    summary: 'Active operators who may be given requests',
    ok: OperatorList,
    handle: ({ auth }) => service.listOperators(deps, auth),
  }),
  route('GET /api/back-office/requests/:id', {
    summary:
      'A request with its customer, contract, item, article version, values, cost decision, quotes, comments (internal too), attachments and history',
    params: IdParams,
    ok: BackOfficeRequestDetail,
    handle: ({ auth, params }) => service.getRequest(deps, auth, params.id),
  }),
  route('POST /api/back-office/requests/:id/take', {
    summary: 'Take the request (assign it to yourself)',
    params: IdParams,
    ok: BackOfficeRequestDetail,
    handle: ({ auth, params }) => service.assign(deps, auth, params.id, auth.user.id),
  }),
  route('PUT /api/back-office/requests/:id/assignee', {
    summary: 'Give the request to an operator, or to nobody (null)',
    params: IdParams,
    body: AssignBody,
    ok: BackOfficeRequestDetail,
    handle: ({ auth, params, body }) => service.assign(deps, auth, params.id, body.assigneeId),
  }),
  ...simpleMoves.map(([path, action, summary]) =>
    route(`POST /api/back-office/requests/:id/${path}`, {
      summary: `${summary} (409 invalid_transition from any other status)`,
      params: IdParams,
      body: MoveBody,
      ok: BackOfficeRequestDetail,
      handle: ({ auth, params, body }) => service.move(deps, auth, params.id, action, body),
    }),
  ),
  route('POST /api/back-office/requests/:id/reject', {
    summary: 'Reject the request with a reason the customer reads → Refusée',
    params: IdParams,
    body: RejectBody,
    ok: BackOfficeRequestDetail,
    handle: ({ auth, params, body }) => service.reject(deps, auth, params.id, body.reason),
  }),
  route('POST /api/back-office/requests/:id/schedule', {
    summary:
      'Schedule the change (optionally for a day): En cours d’analyse → En cours de réalisation',
    params: IdParams,
    body: ScheduleBody,
    ok: BackOfficeRequestDetail,
    handle: ({ auth, params, body }) => service.schedule(deps, auth, params.id, body),
  }),
  route('POST /api/back-office/requests/:id/quotes', {
    summary:
      'Send a quote (tokens, priced in euros at the contract’s rate; validity; text; optional PDF attachment): → Devis à valider; supersedes the quote awaiting an answer',
    params: IdParams,
    body: SendQuoteBody,
    ok: BackOfficeRequestDetail,
    status: 201,
    handle: ({ auth, params, body }) => service.sendQuote(deps, auth, params.id, body),
  }),
  route('POST /api/back-office/requests/:id/comments', {
    summary: 'Comment; an internal comment is never shown to the customer',
    params: IdParams,
    body: OperatorCommentBody,
    ok: BackOfficeRequestDetail,
    status: 201,
    handle: ({ auth, params, body }) => service.addComment(deps, auth, params.id, body),
  }),
  route('POST /api/back-office/requests/:id/attachments', {
    summary:
      'Attach a file (multipart/form-data, field `file`; 10 MB at most; PDF, PNG, JPEG, text, CSV, Word, Excel)',
    params: IdParams,
    querystring: AttachmentUploadQuery,
    ok: BackOfficeRequestDetail,
    status: 201,
    errors: [...usualErrors, ...uploadErrors],
    handle: async ({ auth, params, query, request }) => {
      const upload = await receiveUpload(request);
      return service.addAttachment(deps, auth, params.id, {
        ...upload,
        isInternal: query.internal === 'true',
      });
    },
  }),
  route('GET /api/back-office/requests/:id/attachments/:attachmentId', {
    summary: 'Download an attachment',
    params: AttachmentParams,
    handle: async ({ auth, params, reply }) =>
      sendAttachment(
        reply,
        await service.readAttachment(deps, auth, params.id, params.attachmentId),
      ),
  }),
  route('GET /api/back-office/outbox', {
    summary: 'The mail outbox: sent, pending, failed, and kept (no SMTP server configured)',
    querystring: OutboxQuery,
    ok: OutboxPage,
    handle: ({ auth, query }) => outbox.listOutbox(deps, auth, query),
  }),
  route('GET /api/back-office/outbox/:id', {
    summary: 'One mail of the outbox, with its text',
    params: IdParams,
    ok: OutboxMailDetail,
    handle: ({ auth, params }) => outbox.getMail(deps, auth, params.id),
  }),
]);
