import { useQuery } from '@tanstack/react-query';
import type { ApprovalAnswerBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

/** Approvals on the customer's side (decision 0034). */
export const approvalKeys = {
  detail: (id: string) => ['approval', id] as const,
  link: (token: string) => ['approval-link', token] as const,
  pending: ['approvals', 'pending'] as const,
};

export function useApproval(requestId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: approvalKeys.detail(requestId),
    queryFn: ({ signal }) =>
      api.GET('/api/requests/{id}/approval', { params: { path: { id: requestId } }, signal }),
    enabled: isEnabled,
  });
}

export function answerApproval(requestId: string, body: ApprovalAnswerBody) {
  return api.POST('/api/requests/{id}/approval', { params: { path: { id: requestId } }, body });
}

export function useApprovalLink(token: string) {
  return useQuery({
    queryKey: approvalKeys.link(token),
    queryFn: ({ signal }) =>
      api.GET('/api/approval-links/{token}', { params: { path: { token } }, signal }),
    retry: false,
    // The link serves once: never read again behind the answer's back.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function answerByLink(token: string, body: ApprovalAnswerBody) {
  return api.POST('/api/approval-links/{token}', { params: { path: { token } }, body });
}

export function usePendingApprovals() {
  return useQuery({
    queryKey: approvalKeys.pending,
    queryFn: ({ signal }) => api.GET('/api/approvals', { signal }),
  });
}
