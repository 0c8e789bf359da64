import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '@guichet/domain';
import { api } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

/** Saves the interface's language on the account; answers the session as it now is. */
export function saveLocale(locale: Locale) {
  return api.PUT('/api/session/locale', { body: { locale } });
}

/** The customer account whose requests, forms and lists the session shows. */
export function useChoosePerimeter(onChosen: () => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) => api.PUT('/api/session/perimeter', { body: { customerId } }),
    onSuccess: async (view) => {
      queryClient.setQueryData(sessionQueryKey, view);
      await onChosen();
    },
  });
}
