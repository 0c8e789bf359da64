import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  CreatedOperatorApiToken,
  CreateOperatorApiTokenBody,
  ErrorBody,
  IdParams,
  OperatorApiTokenList,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './api-tokens.service.ts';

export const apiTokensRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/account/api-tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Your personal API tokens (never the tokens themselves)',
        response: { 200: ApiTokenList, 401: ErrorBody },
      },
    },
    async (request) => service.listTokens(deps, authOf(request)),
  );

  app.post(
    '/api/account/api-tokens',
    {
      schema: {
        tags: ['account'],
        summary:
          'Create a personal API token limited to contracts of the current perimeter and at most your own profile; the token is shown once. Use it as `Authorization: Bearer <token>`. Not with an API token',
        body: CreateApiTokenBody,
        response: {
          201: CreatedApiToken,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createToken(deps, authOf(request), request.body)),
  );

  app.delete(
    '/api/account/api-tokens/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Revoke one of your API tokens (at once, for good)',
        params: IdParams,
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await service.revokeToken(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const operatorErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

  app.get(
    '/api/back-office/api-tokens',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Your personal API tokens as an operator (never the tokens themselves); from a session opened with the password',
        response: { 200: OperatorApiTokenList, ...operatorErrors },
      },
    },
    async (request) => service.listOperatorTokens(deps, authOf(request)),
  );

  app.post(
    '/api/back-office/api-tokens',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Create an operator API token: it acts with your role of each instant (or a lower role it is limited to), never on tokens or operator accounts; shown once. Use it as `Authorization: Bearer <token>`. Not with an API token',
        body: CreateOperatorApiTokenBody,
        response: { 201: CreatedOperatorApiToken, ...operatorErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createOperatorToken(deps, authOf(request), request.body)),
  );

  app.delete(
    '/api/back-office/api-tokens/:id',
    {
      schema: {
        tags: ['back-office'],
        summary: 'Revoke one of your operator API tokens (at once, for good)',
        params: IdParams,
        response: { 204: z.null(), ...operatorErrors },
      },
    },
    async (request, reply) => {
      await service.revokeOperatorToken(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  done();
};
