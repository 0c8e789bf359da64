import { AcceptInvitationBody, InvitationParams, InvitationView } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './invitations.service.ts';

// Reached from the link of the invitation mail, before the user has a password: public, but
// the link's token (256 random bits, single-use, expiring) is the credential.
const limited = { isPublic: true, rateLimit: { max: 30, timeWindow: '1 minute' } };

export const invitationsRoutes = routesPlugin(
  { tags: ['users'], errors: [400, 404, 429] },
  ({ deps }) => [
    route('GET /api/invitations/:token', {
      config: limited,
      summary: 'An invitation still valid: who it is for (public: the link is the credential)',
      params: InvitationParams,
      ok: InvitationView,
      handle: ({ params }) => service.getInvitation(deps, params.token),
    }),
    route('POST /api/invitations/:token/accept', {
      config: limited,
      summary: 'Set the first password (twice) and spend the invitation link; then log in as usual',
      params: InvitationParams,
      body: AcceptInvitationBody,
      status: 204,
      handle: ({ params, body }) => service.acceptInvitation(deps, params.token, body),
    }),
  ],
);
