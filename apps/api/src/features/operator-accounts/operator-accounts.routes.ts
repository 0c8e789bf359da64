import {
  ChangeOperatorRoleBody,
  IdParams,
  InviteOperatorBody,
  OperatorAccountListQuery,
  OperatorAccountPage,
  OperatorAccountView,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './operator-accounts.service.ts';

export const operatorAccountsRoutes = routesPlugin(
  { tags: ['back-office'] },
  ({ deps, config }) => {
    const options = { publicUrl: config.publicUrl };
    return [
      route('GET /api/back-office/operators', {
        summary:
          'Operator accounts by name; search by name or e-mail, active or deactivated (admins, from a session opened with the password)',
        querystring: OperatorAccountListQuery,
        ok: OperatorAccountPage,
        handle: ({ auth, query }) => service.listOperators(deps, auth, query),
      }),
      route('POST /api/back-office/operators', {
        summary:
          'Invite an operator: a new account with its role, mailed a link to set its first password. An e-mail already used: 409 on `email`',
        body: InviteOperatorBody,
        ok: OperatorAccountView,
        status: 201,
        handle: ({ auth, body }) => service.inviteOperator(deps, auth, body, options),
      }),
      route('GET /api/back-office/operators/:id', {
        summary: 'An operator account',
        params: IdParams,
        ok: OperatorAccountView,
        handle: ({ auth, params }) => service.getOperator(deps, auth, params.id),
      }),
      route('PATCH /api/back-office/operators/:id', {
        summary:
          'Change an operator’s role; the last active admin stays one (409, rule `last_active_admin`)',
        params: IdParams,
        body: ChangeOperatorRoleBody,
        ok: OperatorAccountView,
        handle: ({ auth, params, body }) =>
          service.changeRole(deps, auth, params.id, body, options),
      }),
      route('POST /api/back-office/operators/:id/deactivate', {
        summary:
          'Deactivate an operator: every session and API token of theirs ends at once. Not your own account (403, rule `self_deactivation`), nor the last active admin (409, rule `last_active_admin`)',
        params: IdParams,
        ok: OperatorAccountView,
        handle: ({ auth, params }) => service.deactivate(deps, auth, params.id, options),
      }),
      route('POST /api/back-office/operators/:id/reactivate', {
        summary:
          'Reactivate an operator (their old sessions and tokens stay ended; an account that never set its password gets a new invitation)',
        params: IdParams,
        ok: OperatorAccountView,
        handle: ({ auth, params }) => service.reactivate(deps, auth, params.id, options),
      }),
    ];
  },
);
