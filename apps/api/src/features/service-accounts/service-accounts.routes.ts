import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedServiceAccount,
  CreatedServiceAccountToken,
  CreateOperatorServiceAccountBody,
  CreateServiceAccountBody,
  ErrorBody,
  IdParams,
  IssueServiceAccountTokenBody,
  RotateServiceAccountTokenBody,
  ServiceAccountList,
  ServiceAccountTokenParams,
  ServiceAccountView,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './service-accounts.service.ts';
import type { Scope } from './service-accounts.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const use =
  ' A token is sent as `Authorization: Bearer <token>`; from a session opened with the password only.';

/**
 * Service accounts (decision 0031): the same routes for the provider's
 * (`/api/back-office/service-accounts`, operators who may `manage_operators`) and a customer's
 * (`/api/service-accounts`, a Gestionnaire of Utilisateurs).
 */
export const serviceAccountsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  const surfaces: { scope: Scope; base: string; tag: string; who: string }[] = [
    {
      scope: 'provider',
      base: '/api/back-office/service-accounts',
      tag: 'back-office',
      who: 'the provider’s, acting with a role — admins',
    },
    {
      scope: 'customer',
      base: '/api/service-accounts',
      tag: 'service-accounts',
      who: 'the customer’s, within contracts × sections — a Gestionnaire of Utilisateurs on each',
    },
  ];
  for (const { scope, base, tag, who } of surfaces) {
    app.get(
      base,
      {
        schema: {
          tags: [tag],
          summary: `Service accounts and their tokens, never the tokens themselves (${who}).${use}`,
          response: { 200: ServiceAccountList, ...errors },
        },
      },
      async (request) => service.listServiceAccounts(deps, authOf(request), scope),
    );

    app.post(
      base,
      {
        schema: {
          tags: [tag],
          summary:
            scope === 'provider'
              ? `Create a service account with a role and its first token, shown this once (${who}).${use}`
              : `Create a service account limited to contracts × sections, each at most your own profile, and its first token, shown this once (${who}).${use}`,
          body: scope === 'provider' ? CreateOperatorServiceAccountBody : CreateServiceAccountBody,
          response: { 201: CreatedServiceAccount, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.createServiceAccount(deps, authOf(request), scope, request.body)),
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags: [tag],
          summary: `A service account and its tokens (${who}).${use}`,
          params: IdParams,
          response: { 200: ServiceAccountView, ...errors },
        },
      },
      async (request) => service.getServiceAccount(deps, authOf(request), scope, request.params.id),
    );

    app.post(
      `${base}/:id/deactivate`,
      {
        schema: {
          tags: [tag],
          summary: `Deactivate a service account for good: every token stops at once (${who}).${use}`,
          params: IdParams,
          response: { 200: ServiceAccountView, ...errors },
        },
      },
      async (request) =>
        service.deactivateServiceAccount(deps, authOf(request), scope, request.params.id),
    );

    app.post(
      `${base}/:id/tokens`,
      {
        schema: {
          tags: [tag],
          summary: `Issue another token for the account, shown this once (${who}).${use}`,
          params: IdParams,
          body: IssueServiceAccountTokenBody,
          response: { 201: CreatedServiceAccountToken, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.issueServiceAccountToken(
              deps,
              authOf(request),
              scope,
              request.params.id,
              request.body,
            ),
          ),
    );

    app.post(
      `${base}/:id/tokens/:tokenId/rotate`,
      {
        schema: {
          tags: [tag],
          summary: `Rotate a token: a new one, shown this once; the old one still works for \`overlapHours\` (24 by default, 0: stops at once), then stops (${who}).${use}`,
          params: ServiceAccountTokenParams,
          body: RotateServiceAccountTokenBody,
          response: { 201: CreatedServiceAccountToken, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.rotateServiceAccountToken(
              deps,
              authOf(request),
              scope,
              request.params.id,
              request.params.tokenId,
              request.body,
            ),
          ),
    );

    app.post(
      `${base}/:id/tokens/:tokenId/revoke`,
      {
        schema: {
          tags: [tag],
          summary: `Revoke a token at once, for good (${who}).${use}`,
          params: ServiceAccountTokenParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await service.revokeServiceAccountToken(
          deps,
          authOf(request),
          scope,
          request.params.id,
          request.params.tokenId,
        );
        return reply.status(204).send(null);
      },
    );
  }
  done();
};
