import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SsoConnectionBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

const settingsKey = (customerId: string) => ['customer-sign-in', customerId] as const;

/** A customer's sign-in settings in the back-office (issue 21, decision 0030). */
export function useSignInSettings(customerId: string) {
  return useQuery({
    queryKey: settingsKey(customerId),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/customers/{id}/sign-in', {
        params: { path: { id: customerId } },
        signal,
      }),
  });
}

export function useSaveSso(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoConnectionBody) =>
      api.PUT('/api/back-office/customers/{id}/sso', {
        params: { path: { id: customerId } },
        body,
      }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(customerId), settings),
  });
}

export function useRemoveSso(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.DELETE('/api/back-office/customers/{id}/sso', { params: { path: { id: customerId } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKey(customerId) }),
  });
}

export function useSetTwoFactorPolicy(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requiresTwoFactor: boolean) =>
      api.PUT('/api/back-office/customers/{id}/two-factor-policy', {
        params: { path: { id: customerId } },
        body: { requiresTwoFactor },
      }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(customerId), settings),
  });
}
