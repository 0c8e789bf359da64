import {
  ArticleExecutionBody,
  ArticleExecutionView,
  ArticleVersionParams,
  ExecutionAnswerBody,
  ExecutionView,
  ExecutorList,
  IdParams,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './executions.service.ts';

/** Standard changes executed automatically (decision 0032): the executor's answers, the article's setting. */
export const executionsRoutes = routesPlugin({ tags: ['back-office'] }, ({ deps }) => [
  route('POST /api/back-office/requests/:id/execution', {
    summary:
      'The executor answers for an automatic request: `started` (→ En cours de réalisation), then `succeeded` with the values before and after (→ Réalisée) or `failed` with a reason (→ the agents’ queue). With an API token whose role may `execute_requests`. The same answer again is answered as the first; an answer after the time limit, another end after an end, or for a request not executed automatically: 409.',
    params: IdParams,
    body: ExecutionAnswerBody,
    ok: ExecutionView,
    handle: ({ auth, params, body }) => service.answerExecution(deps, auth, params.id, body),
  }),
  route('GET /api/back-office/requests/:id/execution', {
    summary: 'The automatic execution of a request (executors and agents); 404 when it has none',
    params: IdParams,
    ok: ExecutionView,
    handle: ({ auth, params }) => service.getExecution(deps, auth, params.id),
  }),
  route('GET /api/back-office/executors', {
    summary:
      'The executors a version of an article may name (webhook subscriptions of kind `executor`): catalog managers and admins',
    ok: ExecutorList,
    handle: ({ auth }) => service.listExecutors(deps, auth),
  }),
  route('GET /api/back-office/articles/:id/versions/:version/execution', {
    summary:
      'How a version of an article is executed: by agents (manual) or by an executor (automatic)',
    params: ArticleVersionParams,
    ok: ArticleExecutionView,
    handle: ({ auth, params }) =>
      service.getArticleExecution(deps, auth, params.id, params.version),
  }),
  route('PUT /api/back-office/articles/:id/versions/:version/execution', {
    summary:
      'Mark a version of an article executed automatically (an executor: a webhook subscription of kind `executor`, and a time limit) or by agents again. An article on quote, or without an executor configured, cannot be automatic (400).',
    params: ArticleVersionParams,
    body: ArticleExecutionBody,
    ok: ArticleExecutionView,
    handle: ({ auth, params, body }) =>
      service.setArticleExecution(deps, auth, params.id, params.version, body),
  }),
]);
