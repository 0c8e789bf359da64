import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkNotificationsReadBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const notificationKeys = { list: ['notifications'] as const };

/** The bell's content: refreshed every 30 s and when the window gets the focus again. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ signal }) =>
      api.GET('/api/notifications', { params: { query: { limit: 15 } }, signal }),
    refetchInterval: 30_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkNotificationsReadBody) => api.POST('/api/notifications/read', { body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list }),
  });
}
