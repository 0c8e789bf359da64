import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactBody, PasswordBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const accountKey = ['account'] as const;

export function useAccount() {
  return useQuery({
    queryKey: accountKey,
    queryFn: ({ signal }) => api.GET('/api/account', { signal }),
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBody) => api.PUT('/api/account/contact', { body }),
    onSuccess: async (view) => {
      queryClient.setQueryData(accountKey, view);
      // the name at the top right comes from the session
      await queryClient.invalidateQueries({ queryKey: ['session'] });
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordBody) => api.PUT('/api/account/password', { body }),
  });
}
