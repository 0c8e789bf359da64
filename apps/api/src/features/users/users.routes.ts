import {
  AddUserBody,
  AddUserResult,
  IdParams,
  SetAccessBody,
  UserContractParams,
  UserListQuery,
  UserPage,
  UserView,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './users.service.ts';

export const usersRoutes = routesPlugin({ tags: ['users'] }, ({ deps, config }) => [
  route('GET /api/users', {
    summary:
      'Users of the perimeter’s contracts on which you hold Utilisateurs (Visiteur and up), by name; search by name, e-mail or login',
    querystring: UserListQuery,
    ok: UserPage,
    handle: ({ auth, query }) => service.listUsers(deps, auth, query),
  }),
  route('POST /api/users', {
    summary:
      'Add a user: identity, then a profile per contract and section (Gestionnaire on Utilisateurs of each, never beyond your own profile). A known e-mail reuses its account; a new account is invited by mail to set its password',
    body: AddUserBody,
    ok: AddUserResult,
    status: 201,
    handle: ({ auth, body }) => service.addUser(deps, auth, body, { publicUrl: config.publicUrl }),
  }),
  route('GET /api/users/:id', {
    summary: 'A user, with their grants on the contracts whose users you see',
    params: IdParams,
    ok: UserView,
    handle: ({ auth, params }) => service.getUser(deps, auth, params.id),
  }),
  route('PUT /api/users/:id/contracts/:contractId', {
    summary:
      "Set a user's complete accesses on a contract: a profile per section, sections left out get none (Gestionnaire on Utilisateurs)",
    params: UserContractParams,
    body: SetAccessBody,
    ok: UserView,
    handle: ({ auth, params, body }) =>
      service.setAccess(deps, auth, params.id, params.contractId, body),
  }),
  route('DELETE /api/users/:id/contracts/:contractId', {
    summary:
      "Remove a user's access to a contract (every section; not the referent's, nor your own)",
    params: UserContractParams,
    status: 204,
    handle: ({ auth, params }) => service.removeAccess(deps, auth, params.id, params.contractId),
  }),
  route('POST /api/users/:id/invitation', {
    summary:
      'Send a new invitation to a user who has not set a password yet (the previous link stops working)',
    params: IdParams,
    status: 204,
    handle: ({ auth, params }) =>
      service.resendInvitation(deps, auth, params.id, { publicUrl: config.publicUrl }),
  }),
]);
