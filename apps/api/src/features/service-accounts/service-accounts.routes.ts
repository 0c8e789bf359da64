import {
  ChangeOperatorRoleBody,
  CreatedServiceAccount,
  CreatedServiceAccountToken,
  CreateOperatorServiceAccountBody,
  CreateServiceAccountBody,
  IdParams,
  IssueServiceAccountTokenBody,
  RotateServiceAccountTokenBody,
  ServiceAccountList,
  ServiceAccountTokenParams,
  ServiceAccountView,
  SetServiceAccountGrantsBody,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import type { RouteDefinition } from '../../http/route-definition.ts';
import * as service from './service-accounts.service.ts';
import type { Scope } from './service-accounts.service.ts';
import type { RouteDeps } from '../../http/context.ts';

const use =
  ' A token is sent as `Authorization: Bearer <token>`; from a session opened with the password only.';

interface Surface {
  scope: Scope;
  base: string;
  tag: string;
  who: string;
}

const surfaces: readonly Surface[] = [
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

/** The same routes for either surface: only the base, the tag, the words and the scope differ. */
function surfaceRoutes({ deps }: RouteDeps, { scope, base, tag, who }: Surface): RouteDefinition[] {
  const tags = [tag];
  return [
    route(`GET ${base}`, {
      tags,
      summary: `Service accounts and their tokens, never the tokens themselves (${who}).${use}`,
      ok: ServiceAccountList,
      handle: ({ auth }) => service.listServiceAccounts(deps, auth, scope),
    }),
    scope === 'provider'
      ? route(`POST ${base}`, {
          tags,
          summary: `Create a service account with a role and its first token, shown this once (${who}).${use}`,
          body: CreateOperatorServiceAccountBody,
          ok: CreatedServiceAccount,
          status: 201,
          handle: ({ auth, body }) => service.createServiceAccount(deps, auth, scope, body),
        })
      : route(`POST ${base}`, {
          tags,
          summary: `Create a service account limited to contracts × sections, each at most your own profile, and its first token, shown this once (${who}).${use}`,
          body: CreateServiceAccountBody,
          ok: CreatedServiceAccount,
          status: 201,
          handle: ({ auth, body }) => service.createServiceAccount(deps, auth, scope, body),
        }),
    route(`GET ${base}/:id`, {
      tags,
      summary: `A service account and its tokens (${who}).${use}`,
      params: IdParams,
      ok: ServiceAccountView,
      handle: ({ auth, params }) => service.getServiceAccount(deps, auth, scope, params.id),
    }),
    scope === 'provider'
      ? route(`PUT ${base}/:id/role`, {
          tags,
          summary: `Change the account’s role; its tokens act with the new one from their next call (${who}).${use}`,
          params: IdParams,
          body: ChangeOperatorRoleBody,
          ok: ServiceAccountView,
          handle: ({ auth, params, body }) =>
            service.setServiceAccountRole(deps, auth, params.id, body),
        })
      : route(`PUT ${base}/:id/grants`, {
          tags,
          summary: `Replace the account’s grants (those left out are taken away): a grant given or changed at most your own profile, one taken away or changed no higher than it, on contracts whose users you manage (403 \`beyond_own_profile\`, \`taken_beyond_own_profile\`, \`not_users_manager\`); its tokens act with the new grants from their next call (${who}).${use}`,
          params: IdParams,
          body: SetServiceAccountGrantsBody,
          ok: ServiceAccountView,
          handle: ({ auth, params, body }) =>
            service.setServiceAccountGrants(deps, auth, params.id, body),
        }),
    route(`POST ${base}/:id/deactivate`, {
      tags,
      summary: `Deactivate a service account for good: every token stops at once (${who}).${use}`,
      params: IdParams,
      ok: ServiceAccountView,
      handle: ({ auth, params }) => service.deactivateServiceAccount(deps, auth, scope, params.id),
    }),
    route(`POST ${base}/:id/tokens`, {
      tags,
      summary: `Issue another token for the account, shown this once (${who}).${use}`,
      params: IdParams,
      body: IssueServiceAccountTokenBody,
      ok: CreatedServiceAccountToken,
      status: 201,
      handle: ({ auth, params, body }) =>
        service.issueServiceAccountToken(deps, auth, scope, params.id, body),
    }),
    route(`POST ${base}/:id/tokens/:tokenId/rotate`, {
      tags,
      summary: `Rotate a token: a new one, shown this once; the old one still works for \`overlapHours\` (24 by default, 0: stops at once), then stops (${who}).${use}`,
      params: ServiceAccountTokenParams,
      body: RotateServiceAccountTokenBody,
      ok: CreatedServiceAccountToken,
      status: 201,
      handle: ({ auth, params, body }) =>
        service.rotateServiceAccountToken(deps, auth, scope, params.id, params.tokenId, body),
    }),
    route(`POST ${base}/:id/tokens/:tokenId/revoke`, {
      tags,
      summary: `Revoke a token at once, for good (${who}).${use}`,
      params: ServiceAccountTokenParams,
      status: 204,
      handle: ({ auth, params }) =>
        service.revokeServiceAccountToken(deps, auth, scope, params.id, params.tokenId),
    }),
  ];
}

/**
 * Service accounts (decision 0031), declared as data (decision 0027): the same routes for the
 * provider's (`/api/back-office/service-accounts`, operators who may `manage_operators`) and a
 * customer's (`/api/service-accounts`, a Gestionnaire of Utilisateurs).
 */
export const serviceAccountsRoutes = routesPlugin({ tags: ['service-accounts'] }, (options) =>
  surfaces.flatMap((surface) => surfaceRoutes(options, surface)),
);
