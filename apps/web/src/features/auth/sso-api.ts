import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';

/** An e-mail far enough typed to have a domain worth asking about. */
const hasDomain = (value: string) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value.trim());

/**
 * The single sign-on the login page offers (issue 21): for the typed e-mail's domain (once it
 * stops changing) and for a customer's link (`?sso=<customer id>`).
 */
export function useSsoOffers(identifier: string, customer: string | null) {
  const typed = useDebouncedValue(identifier.trim().toLowerCase(), 300);
  const domain = hasDomain(typed) ? typed.slice(typed.lastIndexOf('@') + 1) : null;
  const isCustomer = customer !== null && /^[0-9a-f-]{36}$/i.test(customer);
  return useQuery({
    queryKey: ['sso-offers', domain, isCustomer ? customer : null],
    queryFn: ({ signal }) =>
      api.GET('/api/sso/offers', {
        params: {
          query: {
            ...(domain !== null && { identifier: `x@${domain}` }),
            ...(isCustomer && { customer }),
          },
        },
        signal,
      }),
    enabled: domain !== null || isCustomer,
    staleTime: 60_000,
  });
}

/** The setup a policy requires at sign-in (after a 202 `setup`). */
export function useStartSetupAtSignIn() {
  return useMutation({ mutationFn: () => api.POST('/api/session/second-factor/setup') });
}

export function useConfirmSetupAtSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api.POST('/api/session/second-factor/setup/confirm', { body: { code } }),
    onSuccess: (done) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, done.session);
    },
  });
}
