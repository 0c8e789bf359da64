import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  ArticleExecutionBody,
  ArticleExecutionView,
  ArticleVersionParams,
  ErrorBody,
  ExecutionAnswerBody,
  ExecutionView,
  IdParams,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './executions.service.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};
const tags = ['back-office'];

/** Standard changes executed automatically (decision 0032): the executor's answers, the article's setting. */
export const executionsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.post(
    '/api/back-office/requests/:id/execution',
    {
      schema: {
        tags,
        summary:
          'The executor answers for an automatic request: `started` (→ En cours de réalisation), then `succeeded` with the values before and after (→ Réalisée) or `failed` with a reason (→ the agents’ queue). With an API token whose role may `execute_requests`. The same answer again is answered as the first; an answer after the time limit, another end after an end, or for a request not executed automatically: 409.',
        params: IdParams,
        body: ExecutionAnswerBody,
        response: { 200: ExecutionView, ...errors },
      },
    },
    async (request) =>
      service.answerExecution(deps, authOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/back-office/requests/:id/execution',
    {
      schema: {
        tags,
        summary:
          'The automatic execution of a request (executors and agents); 404 when it has none',
        params: IdParams,
        response: { 200: ExecutionView, ...errors },
      },
    },
    async (request) => service.getExecution(deps, authOf(request), request.params.id),
  );

  app.get(
    '/api/back-office/articles/:id/versions/:version/execution',
    {
      schema: {
        tags,
        summary:
          'How a version of an article is executed: by agents (manual) or by an executor (automatic)',
        params: ArticleVersionParams,
        response: { 200: ArticleExecutionView, ...errors },
      },
    },
    async (request) =>
      service.getArticleExecution(deps, authOf(request), request.params.id, request.params.version),
  );

  app.put(
    '/api/back-office/articles/:id/versions/:version/execution',
    {
      schema: {
        tags,
        summary:
          'Mark a version of an article executed automatically (an executor: a webhook subscription of kind `executor`, and a time limit) or by agents again. An article on quote, or without an executor configured, cannot be automatic (400).',
        params: ArticleVersionParams,
        body: ArticleExecutionBody,
        response: { 200: ArticleExecutionView, ...errors },
      },
    },
    async (request) =>
      service.setArticleExecution(
        deps,
        authOf(request),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );
  done();
};
