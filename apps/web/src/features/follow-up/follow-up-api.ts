import { useQuery } from '@tanstack/react-query';
import type { CancelBody } from '@guichet/contracts';
import { api, apiHref, fileBody } from '../../lib/api-client.ts';

export const followUpKeys = { detail: (id: string) => ['follow-up', id] as const };

export function useFollowUp(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: followUpKeys.detail(id),
    queryFn: ({ signal }) =>
      api.GET('/api/requests/{id}/follow-up', { params: { path: { id } }, signal }),
    enabled: isEnabled,
  });
}

export function postComment(requestId: string, body: string) {
  return api.POST('/api/requests/{id}/comments', {
    params: { path: { id: requestId } },
    body: { body },
  });
}

export function answerQuote(requestId: string, quoteId: string, answer: 'accept' | 'refuse') {
  const params = { path: { id: requestId, quoteId } };
  return answer === 'accept'
    ? api.POST('/api/requests/{id}/quotes/{quoteId}/accept', { params })
    : api.POST('/api/requests/{id}/quotes/{quoteId}/refuse', { params });
}

export function cancelRequest(requestId: string, body: CancelBody) {
  return api.POST('/api/requests/{id}/cancel', { params: { path: { id: requestId } }, body });
}

/** A file added by the customer (never internal: only operators add those). */
export function uploadAttachment(requestId: string, file: File) {
  return api.POST('/api/requests/{id}/attachments', {
    params: { path: { id: requestId } },
    ...fileBody(file),
  });
}

export function attachmentHref(requestId: string, attachmentId: string): string {
  return apiHref('/api/requests/{id}/attachments/{attachmentId}', {
    path: { id: requestId, attachmentId },
  });
}
