import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBody,
  RecoveryCodes,
  TwoFactorCodeBody,
  TwoFactorSetup,
  TwoFactorStatus,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './two-factor.service.ts';

/** « Mon compte »: two-factor sign-in with an authenticator app (TOTP, issue 21). */
export const twoFactorRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody };

  app.get(
    '/api/account/two-factor',
    {
      schema: {
        tags: ['account'],
        summary: 'Whether two-factor sign-in is on, and how many recovery codes are left',
        response: { 200: TwoFactorStatus, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.getStatus(deps, authOf(request)),
  );

  app.post(
    '/api/account/two-factor/setup',
    {
      schema: {
        tags: ['account'],
        summary:
          'Start setting up two-factor sign-in: a new secret, as a QR code for the app and as text. Nothing changes until a first code confirms it (409 if it is already on)',
        response: { 200: TwoFactorSetup, ...errors },
      },
    },
    async (request) => service.startMySetup(deps, authOf(request)),
  );

  app.post(
    '/api/account/two-factor/confirm',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['account'],
        summary:
          'Confirm the setup with a first code from the app: two-factor sign-in is on, and the ten single-use recovery codes are given (this once)',
        body: TwoFactorCodeBody,
        response: { 200: RecoveryCodes, 429: ErrorBody, ...errors },
      },
    },
    async (request) => service.confirmMySetup(deps, authOf(request), request.body.code),
  );

  app.post(
    '/api/account/two-factor/disable',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['account'],
        summary: 'Turn two-factor sign-in off, with a current code from the app',
        body: TwoFactorCodeBody,
        response: { 204: z.null(), 429: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      await service.disable(deps, authOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );
  done();
};
