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

/** `1,2 Mo` / `1.2 MB`. */
export function formatSize(bytes: number, locale: 'fr' | 'en'): string {
  const format = (value: number, digits: number) =>
    new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      maximumFractionDigits: digits,
    }).format(value);
  const units = locale === 'fr' ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  if (bytes < 1024) return `${format(bytes, 0)} ${units[0]}`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 1)} ${units[1]}`;
  return `${format(bytes / (1024 * 1024), 1)} ${units[2]}`;
}
