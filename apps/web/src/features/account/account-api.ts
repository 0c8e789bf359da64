import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountView, ContactBody, PasswordBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const accountKey = ['account'] as const;

export function useAccount() {
  return useQuery({
    queryKey: accountKey,
    queryFn: ({ signal }) => api.get<AccountView>('/api/account', undefined, signal),
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBody) => api.put<AccountView>('/api/account/contact', body),
    onSuccess: async (view) => {
      queryClient.setQueryData(accountKey, view);
      // the name at the top right comes from the session
      await queryClient.invalidateQueries({ queryKey: ['session'] });
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordBody) => api.put('/api/account/password', body),
  });
}
