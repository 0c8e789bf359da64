import { useQuery } from '@tanstack/react-query';
import type { RequestFollowUp } from '@guichet/contracts';
import { ApiError, api, toErrorBody } from '../../lib/api-client.ts';

export const followUpKeys = { detail: (id: string) => ['follow-up', id] as const };

export function useFollowUp(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: followUpKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<RequestFollowUp>(
        `/api/requests/${encodeURIComponent(id)}/follow-up`,
        undefined,
        signal,
      ),
    enabled: isEnabled,
  });
}

/** Sends one file as multipart/form-data (field `file`); errors come back as `ApiError`. */
export async function uploadFile<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, { error: { code: 'unavailable', message: 'Network error' } });
  }
  const text = await response.text();
  let payload: unknown = undefined;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    throw new ApiError(response.status, toErrorBody(response.status, payload, response.statusText));
  }
  return payload as T;
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
