import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  ChangeOperatorRoleBody,
  ErrorBody,
  IdParams,
  InviteOperatorBody,
  OperatorAccountListQuery,
  OperatorAccountPage,
  OperatorAccountView,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './operator-accounts.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const operatorAccountsRoutes: FastifyPluginCallbackZod<RouteDeps> = (
  app,
  { deps, config },
  done,
) => {
  const options = { publicUrl: config.publicUrl };

  app.get(
    '/api/back-office/operators',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Operator accounts by name; search by name or e-mail, active or deactivated (admins, from a session opened with the password)',
        querystring: OperatorAccountListQuery,
        response: { 200: OperatorAccountPage, ...errors },
      },
    },
    async (request) => service.listOperators(deps, authOf(request), request.query),
  );

  app.post(
    '/api/back-office/operators',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Invite an operator: a new account with its role, mailed a link to set its first password. An e-mail already used: 409 on `email`',
        body: InviteOperatorBody,
        response: { 201: OperatorAccountView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.inviteOperator(deps, authOf(request), request.body, options)),
  );

  app.get(
    '/api/back-office/operators/:id',
    {
      schema: {
        tags: ['back-office'],
        summary: 'An operator account',
        params: IdParams,
        response: { 200: OperatorAccountView, ...errors },
      },
    },
    async (request) => service.getOperator(deps, authOf(request), request.params.id),
  );

  app.patch(
    '/api/back-office/operators/:id',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Change an operator’s role; the last active admin stays one (409, rule `last_active_admin`)',
        params: IdParams,
        body: ChangeOperatorRoleBody,
        response: { 200: OperatorAccountView, ...errors },
      },
    },
    async (request) =>
      service.changeRole(deps, authOf(request), request.params.id, request.body, options),
  );

  app.post(
    '/api/back-office/operators/:id/deactivate',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Deactivate an operator: every session and API token of theirs ends at once. Not your own account (403, rule `self_deactivation`), nor the last active admin (409, rule `last_active_admin`)',
        params: IdParams,
        response: { 200: OperatorAccountView, ...errors },
      },
    },
    async (request) => service.deactivate(deps, authOf(request), request.params.id, options),
  );

  app.post(
    '/api/back-office/operators/:id/reactivate',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Reactivate an operator (their old sessions and tokens stay ended; an account that never set its password gets a new invitation)',
        params: IdParams,
        response: { 200: OperatorAccountView, ...errors },
      },
    },
    async (request) => service.reactivate(deps, authOf(request), request.params.id, options),
  );
  done();
};
