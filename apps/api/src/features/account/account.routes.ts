import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountView, ContactBody, ErrorBody, PasswordBody } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './account.service.ts';

export const accountRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/account',
    {
      schema: {
        tags: ['account'],
        summary: '« Mon compte »: login, e-mail and contact details of the caller',
        response: { 200: AccountView, 401: ErrorBody },
      },
    },
    async (request) => service.getAccount(deps, authOf(request)),
  );

  app.put(
    '/api/account/contact',
    {
      schema: {
        tags: ['account'],
        summary: 'Change your contact details (first name, last name, phone)',
        body: ContactBody,
        response: { 200: AccountView, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => service.updateContact(deps, authOf(request), request.body),
  );

  app.put(
    '/api/account/password',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['account'],
        summary:
          'Change your password: the current one, then the new one twice (at least 10 characters with a lower-case letter, an upper-case letter, a digit and one of # ! . @ _ – /). Ends your other sessions. Not with an API token',
        body: PasswordBody,
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      await service.changePassword(deps, authOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
  done();
};
