import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddUserBody,
  AddUserResult,
  ErrorBody,
  IdParams,
  SetAccessBody,
  UserContractParams,
  UserListQuery,
  UserPage,
  UserView,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './users.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const usersRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps, config }, done) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Users of the perimeter’s contracts on which you hold Utilisateurs (Visiteur and up), by name; search by name, e-mail or login',
        querystring: UserListQuery,
        response: { 200: UserPage, ...errors },
      },
    },
    async (request) => service.listUsers(deps, authOf(request), request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Add a user: identity, then a profile per contract and section (Gestionnaire on Utilisateurs of each, never beyond your own profile). A known e-mail reuses its account; a new account is invited by mail to set its password',
        body: AddUserBody,
        response: { 201: AddUserResult, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await service.addUser(deps, authOf(request), request.body, {
          publicUrl: config.publicUrl,
        }),
      ),
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'A user, with their grants on the contracts whose users you see',
        params: IdParams,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => service.getUser(deps, authOf(request), request.params.id),
  );

  app.put(
    '/api/users/:id/contracts/:contractId',
    {
      schema: {
        tags: ['users'],
        summary:
          "Set a user's complete accesses on a contract: a profile per section, sections left out get none (Gestionnaire on Utilisateurs)",
        params: UserContractParams,
        body: SetAccessBody,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) =>
      service.setAccess(
        deps,
        authOf(request),
        request.params.id,
        request.params.contractId,
        request.body,
      ),
  );

  app.delete(
    '/api/users/:id/contracts/:contractId',
    {
      schema: {
        tags: ['users'],
        summary:
          "Remove a user's access to a contract (every section; not the referent's, nor your own)",
        params: UserContractParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removeAccess(
        deps,
        authOf(request),
        request.params.id,
        request.params.contractId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/invitation',
    {
      schema: {
        tags: ['users'],
        summary:
          'Send a new invitation to a user who has not set a password yet (the previous link stops working)',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.resendInvitation(deps, authOf(request), request.params.id, {
        publicUrl: config.publicUrl,
      });
      return reply.status(204).send(null);
    },
  );
  done();
};
