import { AccountView, ContactBody, PasswordBody } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './account.service.ts';

export const accountRoutes = routesPlugin({ tags: ['account'], errors: [400, 401] }, ({ deps }) => [
  route('GET /api/account', {
    summary: '« Mon compte »: login, e-mail and contact details of the caller',
    ok: AccountView,
    errors: [401],
    handle: ({ auth }) => service.getAccount(deps, auth),
  }),
  route('PUT /api/account/contact', {
    summary: 'Change your contact details (first name, last name, phone)',
    body: ContactBody,
    ok: AccountView,
    handle: ({ auth, body }) => service.updateContact(deps, auth, body),
  }),
  route('PUT /api/account/password', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    summary:
      'Change your password: the current one, then the new one twice (at least 10 characters with a lower-case letter, an upper-case letter, a digit and one of # ! . @ _ – /). Ends your other sessions. Not with an API token',
    body: PasswordBody,
    status: 204,
    errors: [400, 401, 403, 429],
    handle: ({ auth, body }) => service.changePassword(deps, auth, body),
  }),
]);
