import { useQuery } from '@tanstack/react-query';
import type {
  ChangeOperatorRoleBody,
  CreateOperatorServiceAccountBody,
  CreateServiceAccountBody,
  IssueServiceAccountTokenBody,
  RotateServiceAccountTokenBody,
  SetServiceAccountGrantsBody,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

/** Whose accounts a page shows: the provider's (back-office) or the customer's own. */
export type ServiceAccountScope = 'provider' | 'customer';

export const serviceAccountKeys = {
  list: (scope: ServiceAccountScope) => ['service-accounts', scope] as const,
};

export function useServiceAccounts(scope: ServiceAccountScope) {
  return useQuery({
    queryKey: serviceAccountKeys.list(scope),
    queryFn: ({ signal }) =>
      scope === 'provider'
        ? api.GET('/api/back-office/service-accounts', { signal })
        : api.GET('/api/service-accounts', { signal }),
  });
}

export function useCreateServiceAccount(scope: ServiceAccountScope) {
  return useInvalidatingMutation(
    (body: CreateServiceAccountBody | CreateOperatorServiceAccountBody) =>
      scope === 'provider' && 'role' in body
        ? api.POST('/api/back-office/service-accounts', { body })
        : api.POST('/api/service-accounts', { body: body as CreateServiceAccountBody }),
    [serviceAccountKeys.list(scope)],
  );
}

export function useIssueServiceAccountToken(scope: ServiceAccountScope) {
  return useInvalidatingMutation(
    ({ id, body }: { id: string; body: IssueServiceAccountTokenBody }) => {
      const params = { path: { id } };
      return scope === 'provider'
        ? api.POST('/api/back-office/service-accounts/{id}/tokens', { params, body })
        : api.POST('/api/service-accounts/{id}/tokens', { params, body });
    },
    [serviceAccountKeys.list(scope)],
  );
}

export function useRotateServiceAccountToken(scope: ServiceAccountScope) {
  return useInvalidatingMutation(
    ({
      id,
      tokenId,
      body,
    }: {
      id: string;
      tokenId: string;
      body: RotateServiceAccountTokenBody;
    }) => {
      const params = { path: { id, tokenId } };
      return scope === 'provider'
        ? api.POST('/api/back-office/service-accounts/{id}/tokens/{tokenId}/rotate', {
            params,
            body,
          })
        : api.POST('/api/service-accounts/{id}/tokens/{tokenId}/rotate', { params, body });
    },
    [serviceAccountKeys.list(scope)],
  );
}

export function useRevokeServiceAccountToken(scope: ServiceAccountScope, id: string) {
  return useInvalidatingMutation(
    (tokenId: string) => {
      const params = { path: { id, tokenId } };
      return scope === 'provider'
        ? api.POST('/api/back-office/service-accounts/{id}/tokens/{tokenId}/revoke', { params })
        : api.POST('/api/service-accounts/{id}/tokens/{tokenId}/revoke', { params });
    },
    [serviceAccountKeys.list(scope)],
  );
}

export function useDeactivateServiceAccount(scope: ServiceAccountScope) {
  return useInvalidatingMutation(
    (id: string) => {
      const params = { path: { id } };
      return scope === 'provider'
        ? api.POST('/api/back-office/service-accounts/{id}/deactivate', { params })
        : api.POST('/api/service-accounts/{id}/deactivate', { params });
    },
    [serviceAccountKeys.list(scope)],
  );
}

/** A change of an account's rights: a customer's grants (the whole list), the provider's role. */
export type ServiceAccountRights = SetServiceAccountGrantsBody | ChangeOperatorRoleBody;

export function useChangeServiceAccountRights(scope: ServiceAccountScope) {
  return useInvalidatingMutation(
    ({ id, body }: { id: string; body: ServiceAccountRights }) => {
      const params = { path: { id } };
      return 'role' in body
        ? api.PUT('/api/back-office/service-accounts/{id}/role', { params, body })
        : api.PUT('/api/service-accounts/{id}/grants', { params, body });
    },
    [serviceAccountKeys.list(scope)],
  );
}
