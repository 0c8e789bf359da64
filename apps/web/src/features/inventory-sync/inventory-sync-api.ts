import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { inventorySyncSourceHeader } from '@guichet/contracts';
import type { InventorySyncMode } from '@guichet/contracts';
import { api, ApiError, apiUrl, networkError, toErrorBody } from '../../lib/api-client.ts';
import type { ApiResponse } from '../../lib/api-client.ts';
import { useCursorPages } from '../../lib/query-hooks.ts';
import type { SyncContentType } from './sync-plan.ts';

export const inventorySyncKeys = {
  runs: ['inventory-sync', 'runs'] as const,
  run: (id: string) => ['inventory-sync', 'run', id] as const,
};

export interface SyncUpload {
  file: File;
  contentType: SyncContentType;
  mode: InventorySyncMode;
  isDryRun: boolean;
  isStrict: boolean;
}

type SyncRun = ApiResponse<'post', '/api/back-office/inventory/sync'>;

/** How far the file went: its bytes sent, then the server reading it. */
export type SyncProgress = { phase: 'sending'; percent: number } | { phase: 'processing' };

/**
 * Sends the file itself as the body (the API streams it line by line). XMLHttpRequest rather
 * than `fetch`: only it reports an upload's progress, which a long file needs.
 */
export function sendSyncFile(
  upload: SyncUpload,
  onProgress: (progress: SyncProgress) => void,
): Promise<SyncRun> {
  const url = apiUrl('post', '/api/back-office/inventory/sync', {
    query: {
      mode: upload.mode,
      dryRun: upload.isDryRun ? 'true' : 'false',
      strict: upload.isStrict ? 'true' : 'false',
    },
  });
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', upload.contentType);
    request.setRequestHeader(inventorySyncSourceHeader, 'upload');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress({ phase: 'sending', percent: Math.round((event.loaded / event.total) * 100) });
    };
    request.upload.onload = () => onProgress({ phase: 'processing' });
    request.onerror = () => reject(networkError());
    request.onload = () => {
      let payload: unknown = undefined;
      try {
        payload = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      // The document describes the answer; this path bypasses the client, so it is taken on trust.
      if (request.status >= 200 && request.status < 300) resolve(payload as SyncRun);
      else
        reject(
          new ApiError(request.status, toErrorBody(request.status, payload, request.statusText)),
        );
    };
    onProgress({ phase: 'sending', percent: 0 });
    request.send(upload.file);
  });
}

/** A dry run or an application; either adds a run to the history. */
export function useSyncInventory(onProgress: (progress: SyncProgress) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upload: SyncUpload) => sendSyncFile(upload, onProgress),
    onSuccess: (run) => {
      queryClient.setQueryData(inventorySyncKeys.run(run.id), run);
      void queryClient.invalidateQueries({ queryKey: inventorySyncKeys.runs });
    },
  });
}

export function useSyncRuns() {
  return useCursorPages(
    inventorySyncKeys.runs,
    (cursor, signal) =>
      api.GET('/api/back-office/inventory/sync-runs', {
        params: { query: { limit: 20, cursor } },
        signal,
      }),
    { keepsPrevious: false },
  );
}

export function useSyncRun(id: string) {
  return useQuery({
    queryKey: inventorySyncKeys.run(id),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/inventory/sync-runs/{id}', { params: { path: { id } }, signal }),
  });
}
