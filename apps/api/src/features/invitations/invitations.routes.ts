import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationBody,
  ErrorBody,
  InvitationParams,
  InvitationView,
} from '@guichet/contracts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './invitations.service.ts';

// Reached from the link of the invitation mail, before the user has a password: public, but
// the link's token (256 random bits, single-use, expiring) is the credential.
const limited = { isPublic: true, rateLimit: { max: 30, timeWindow: '1 minute' } };

export const invitationsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/invitations/:token',
    {
      config: limited,
      schema: {
        tags: ['users'],
        summary: 'An invitation still valid: who it is for (public: the link is the credential)',
        params: InvitationParams,
        response: { 200: InvitationView, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => service.getInvitation(deps, request.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      config: limited,
      schema: {
        tags: ['users'],
        summary:
          'Set the first password (twice) and spend the invitation link; then log in as usual',
        params: InvitationParams,
        body: AcceptInvitationBody,
        response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      await service.acceptInvitation(deps, request.params.token, request.body);
      return reply.status(204).send(null);
    },
  );
  done();
};
