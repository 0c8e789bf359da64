import { useState } from 'react';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';

/**
 * A write whose success makes the given queries stale: every list and view showing what it
 * changed is read again (the mutation settles once they are).
 */
export function useInvalidatingMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  staleKeys: readonly QueryKey[],
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all(staleKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

interface CursorPagesOptions {
  enabled?: boolean;
  /** Keep showing the last criteria's pages while the new ones load (a search, a filter). */
  keepsPrevious?: boolean;
}

/** A list read by pages after the API's keyset cursor (`nextCursor`, null on the last page). */
export function useCursorPages<Page extends { nextCursor: string | null }>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page>,
  { enabled = true, keepsPrevious = true }: CursorPagesOptions = {},
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam ?? undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepsPrevious ? keepPreviousData : undefined,
    enabled,
  });
}

/**
 * A form that starts again from what was read only when asked to (« Recharger » after a
 * conflict): `generation` is its React key, bumped once the query has been read again.
 */
export function useReloadedForm(query: { refetch: () => Promise<unknown> }) {
  const [generation, setGeneration] = useState(0);
  const reload = () => void query.refetch().then(() => setGeneration((count) => count + 1));
  return { generation, reload };
}
