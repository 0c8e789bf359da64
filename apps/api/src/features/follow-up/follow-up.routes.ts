import {
  AttachmentParams,
  CancelBody,
  CommentBody,
  IdParams,
  QuoteAnswerParams,
  RequestDetail,
  RequestFollowUp,
} from '@guichet/contracts';
import { route, routesPlugin, usualErrors } from '../../http/route-definition.ts';
import { receiveUpload, sendAttachment, uploadErrors } from '../../http/uploads.ts';
import * as service from './follow-up.service.ts';

/** The customer's follow-up of a confirmed request: quotes, cancelling, comments, files. */
export const followUpRoutes = routesPlugin({ tags: ['requests'] }, ({ deps }) => [
  route('GET /api/requests/:id/follow-up', {
    summary:
      'Quotes, comments and attachments of a request (never the operators’ internal ones), and what the caller may do',
    params: IdParams,
    ok: RequestFollowUp,
    handle: ({ auth, params }) => service.getFollowUp(deps, auth, params.id),
  }),
  route('POST /api/requests/:id/cancel', {
    summary: 'Cancel the request while it is Transmise or En cours d’analyse (Gestionnaire)',
    params: IdParams,
    body: CancelBody,
    ok: RequestDetail,
    handle: ({ auth, params, body }) => service.cancel(deps, auth, params.id, body),
  }),
  ...(['accept', 'refuse'] as const).map((answer) =>
    route(`POST /api/requests/:id/quotes/:quoteId/${answer}`, {
      summary:
        answer === 'accept'
          ? 'Accept the quote awaiting an answer → En cours de réalisation (409 conflict if a newer quote was sent)'
          : 'Refuse the quote awaiting an answer → Annulée (409 conflict if a newer quote was sent)',
      params: QuoteAnswerParams,
      ok: RequestDetail,
      handle: ({ auth, params }) =>
        service.answerQuote(deps, auth, params.id, params.quoteId, answer),
    }),
  ),
  route('POST /api/requests/:id/comments', {
    summary: 'Comment on the request (Gestionnaire)',
    params: IdParams,
    body: CommentBody,
    ok: RequestFollowUp,
    status: 201,
    handle: ({ auth, params, body }) => service.addComment(deps, auth, params.id, body),
  }),
  route('POST /api/requests/:id/attachments', {
    summary:
      'Attach a file (multipart/form-data, field `file`; 10 MB at most; PDF, PNG, JPEG, text, CSV, Word, Excel)',
    params: IdParams,
    ok: RequestFollowUp,
    status: 201,
    errors: [...usualErrors, ...uploadErrors],
    handle: async ({ auth, params, request }) =>
      service.addAttachment(deps, auth, params.id, await receiveUpload(request)),
  }),
  route('GET /api/requests/:id/attachments/:attachmentId', {
    summary: 'Download an attachment of the request',
    params: AttachmentParams,
    handle: async ({ auth, params, reply }) =>
      sendAttachment(
        reply,
        await service.readAttachment(deps, auth, params.id, params.attachmentId),
      ),
  }),
]);
