import {
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  CreatedOperatorApiToken,
  CreateOperatorApiTokenBody,
  IdParams,
  OperatorApiTokenList,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './api-tokens.service.ts';

/** Personal API tokens: a customer user's (« Mon compte ») and an operator's (back-office). */
export const apiTokensRoutes = routesPlugin(
  { tags: ['back-office'], errors: [400, 401, 403, 404] },
  ({ deps }) => [
    route('GET /api/account/api-tokens', {
      tags: ['account'],
      summary: 'Your personal API tokens (never the tokens themselves)',
      ok: ApiTokenList,
      errors: [401],
      handle: ({ auth }) => service.listTokens(deps, auth),
    }),
    route('POST /api/account/api-tokens', {
      tags: ['account'],
      summary:
        'Create a personal API token limited to contracts of the current perimeter and at most your own profile; the token is shown once. Use it as `Authorization: Bearer <token>`. Not with an API token',
      body: CreateApiTokenBody,
      ok: CreatedApiToken,
      status: 201,
      handle: ({ auth, body }) => service.createToken(deps, auth, body),
    }),
    route('DELETE /api/account/api-tokens/:id', {
      tags: ['account'],
      summary: 'Revoke one of your API tokens (at once, for good)',
      params: IdParams,
      status: 204,
      errors: [400, 401, 404],
      handle: ({ auth, params }) => service.revokeToken(deps, auth, params.id),
    }),
    route('GET /api/back-office/api-tokens', {
      summary:
        'Your personal API tokens as an operator (never the tokens themselves); from a session opened with the password',
      ok: OperatorApiTokenList,
      handle: ({ auth }) => service.listOperatorTokens(deps, auth),
    }),
    route('POST /api/back-office/api-tokens', {
      summary:
        'Create an operator API token: it acts with your role of each instant (or a lower role it is limited to), never on tokens or operator accounts; shown once. Use it as `Authorization: Bearer <token>`. Not with an API token',
      body: CreateOperatorApiTokenBody,
      ok: CreatedOperatorApiToken,
      status: 201,
      handle: ({ auth, body }) => service.createOperatorToken(deps, auth, body),
    }),
    route('DELETE /api/back-office/api-tokens/:id', {
      summary: 'Revoke one of your operator API tokens (at once, for good)',
      params: IdParams,
      status: 204,
      handle: ({ auth, params }) => service.revokeOperatorToken(deps, auth, params.id),
    }),
  ],
);
