import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateOperatorServiceAccountBody,
  CreateServiceAccountBody,
  IssueServiceAccountTokenBody,
  RotateServiceAccountTokenBody,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

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

function useAccountMutation<Variables, Result>(
  scope: ServiceAccountScope,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceAccountKeys.list(scope) }),
  });
}

export function useCreateServiceAccount(scope: ServiceAccountScope) {
  return useAccountMutation(
    scope,
    (body: CreateServiceAccountBody | CreateOperatorServiceAccountBody) =>
      scope === 'provider' && 'role' in body
        ? api.POST('/api/back-office/service-accounts', { body })
        : api.POST('/api/service-accounts', { body: body as CreateServiceAccountBody }),
  );
}

export function useIssueServiceAccountToken(scope: ServiceAccountScope) {
  return useAccountMutation(
    scope,
    ({ id, body }: { id: string; body: IssueServiceAccountTokenBody }) => {
      const params = { path: { id } };
      return scope === 'provider'
        ? api.POST('/api/back-office/service-accounts/{id}/tokens', { params, body })
        : api.POST('/api/service-accounts/{id}/tokens', { params, body });
    },
  );
}

export function useRotateServiceAccountToken(scope: ServiceAccountScope) {
  return useAccountMutation(
    scope,
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
  );
}

export function useRevokeServiceAccountToken(scope: ServiceAccountScope, id: string) {
  return useAccountMutation(scope, (tokenId: string) => {
    const params = { path: { id, tokenId } };
    return scope === 'provider'
      ? api.POST('/api/back-office/service-accounts/{id}/tokens/{tokenId}/revoke', { params })
      : api.POST('/api/service-accounts/{id}/tokens/{tokenId}/revoke', { params });
  });
}

export function useDeactivateServiceAccount(scope: ServiceAccountScope) {
  return useAccountMutation(scope, (id: string) => {
    const params = { path: { id } };
    return scope === 'provider'
      ? api.POST('/api/back-office/service-accounts/{id}/deactivate', { params })
      : api.POST('/api/service-accounts/{id}/deactivate', { params });
  });
}
