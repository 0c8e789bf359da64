import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateApiTokenBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const tokensKey = ['api-tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api.GET('/api/account/api-tokens', { signal }),
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => api.POST('/api/account/api-tokens', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.DELETE('/api/account/api-tokens/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
