import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  ErrorBody,
  IdParams,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../app.ts';
import * as service from './api-tokens.service.ts';

export const apiTokensRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { deps }) => {
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
};
