import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  AttachmentParams,
  CancelBody,
  CommentBody,
  ErrorBody,
  IdParams,
  QuoteAnswerParams,
  RequestDetail,
  RequestFollowUp,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import { receiveUpload, sendDownload } from '../../http/uploads.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './follow-up.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['requests'];

/** The customer's follow-up of a confirmed request: quotes, cancelling, comments, files. */
export const followUpRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/requests/:id/follow-up',
    {
      schema: {
        tags,
        summary:
          'Quotes, comments and attachments of a request (never the operators’ internal ones), and what the caller may do',
        params: IdParams,
        response: { 200: RequestFollowUp, ...errors },
      },
    },
    async (request) => service.getFollowUp(deps, authOf(request), request.params.id),
  );

  app.post(
    '/api/requests/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel the request while it is Transmise or En cours d’analyse (Gestionnaire)',
        params: IdParams,
        body: CancelBody,
        response: { 200: RequestDetail, ...errors },
      },
    },
    async (request) => service.cancel(deps, authOf(request), request.params.id, request.body),
  );

  for (const answer of ['accept', 'refuse'] as const) {
    app.post(
      `/api/requests/:id/quotes/:quoteId/${answer}`,
      {
        schema: {
          tags,
          summary:
            answer === 'accept'
              ? 'Accept the quote awaiting an answer → En cours de réalisation (409 conflict if a newer quote was sent)'
              : 'Refuse the quote awaiting an answer → Annulée (409 conflict if a newer quote was sent)',
          params: QuoteAnswerParams,
          response: { 200: RequestDetail, ...errors },
        },
      },
      async (request) =>
        service.answerQuote(
          deps,
          authOf(request),
          request.params.id,
          request.params.quoteId,
          answer,
        ),
    );
  }

  app.post(
    '/api/requests/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on the request (Gestionnaire)',
        params: IdParams,
        body: CommentBody,
        response: { 201: RequestFollowUp, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addComment(deps, authOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/requests/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Attach a file (multipart/form-data, field `file`; 10 MB at most; PDF, PNG, JPEG, text, CSV, Word, Excel)',
        params: IdParams,
        response: { 201: RequestFollowUp, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request, reply) => {
      const upload = await receiveUpload(request);
      return reply
        .status(201)
        .send(await service.addAttachment(deps, authOf(request), request.params.id, upload));
    },
  );

  app.get(
    '/api/requests/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment of the request',
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
  done();
};
