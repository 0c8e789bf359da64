import type { ReactNode } from 'react';
import { isApiError } from '../../lib/api-client.ts';
import { EmptyState } from './data-table.tsx';
import { LoadFailedNotice } from './load-failed-notice.tsx';
import { Loading } from './loading.tsx';

export interface QueryFallbackProps {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  /** The failure notice's title (« Impossible de charger… »), with « Réessayer ». */
  loadFailed: string;
  /** What a 404 (or an id that cannot be one) shows instead of the failure, if it differs. */
  notFound?: ReactNode;
  /** The page's frame around the failure notice. */
  className?: string;
}

/**
 * What a page shows until its query has data: loading, then its failure. The page renders
 * `if (!query.isSuccess) return <QueryFallback …/>` and reads `query.data` after.
 */
export function QueryFallback({ query, loadFailed, notFound, className }: QueryFallbackProps) {
  if (query.isPending) return <Loading />;
  const isMissing =
    isApiError(query.error, 'not_found') || isApiError(query.error, 'validation_failed');
  if (notFound && isMissing) return notFound;
  const notice = <LoadFailedNotice title={loadFailed} onRetry={query.refetch} />;
  return className ? <div className={className}>{notice}</div> : notice;
}

/** What a list query gives: its state, and its items once read. */
export interface ItemsQuery<Item> {
  isPending: boolean;
  isError: boolean;
  data?: { items: readonly Item[] } | undefined;
  refetch: () => unknown;
}

interface QueryItemsProps<Item> {
  query: ItemsQuery<Item>;
  /** The failure notice's title, with « Réessayer ». */
  loadFailed: string;
  /** What an empty list says (« Aucun … pour l'instant »). */
  empty: ReactNode;
  children: (items: readonly Item[]) => ReactNode;
}

/**
 * A list read whole (no pages): loading, its failure, its empty state, or its items as the
 * page lays them out (a table, cards, a timeline).
 */
export function QueryItems<Item>({ query, loadFailed, empty, children }: QueryItemsProps<Item>) {
  if (query.isPending) return <Loading />;
  if (query.isError || !query.data) {
    return <LoadFailedNotice title={loadFailed} onRetry={query.refetch} />;
  }
  if (query.data.items.length === 0) {
    return (
      <EmptyState>
        <p>{empty}</p>
      </EmptyState>
    );
  }
  return children(query.data.items);
}
