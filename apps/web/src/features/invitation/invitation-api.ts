import { useMutation, useQuery } from '@tanstack/react-query';
import type { AcceptInvitationBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      api.GET('/api/invitations/{token}', { params: { path: { token } }, signal }),
    retry: false,
    staleTime: Infinity,
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) =>
      api.POST('/api/invitations/{token}/accept', { params: { path: { token } }, body }),
  });
}
