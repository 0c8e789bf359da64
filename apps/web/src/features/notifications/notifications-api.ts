import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkNotificationsReadBody, NotificationList } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const notificationKeys = { list: ['notifications'] as const };

/** The bell's content: refreshed every 30 s and when the window gets the focus again. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ signal }) => api.get<NotificationList>('/api/notifications', { limit: 15 }, signal),
    refetchInterval: 30_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkNotificationsReadBody) => api.post('/api/notifications/read', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list }),
  });
}
