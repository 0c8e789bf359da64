import type { QueueSort } from '@guichet/contracts';

// The back-office's query keys and the filters they hold, apart from its API module: the live
// updates (in every page's first paint) name them without bringing that module's runtime
// schemas, and with them zod and every contract, into the entry (decision 0038).

export const backOfficeKeys = {
  queues: ['back-office', 'queue'] as const,
  queue: (filters: QueueFilters) => ['back-office', 'queue', filters] as const,
  filters: ['back-office', 'filters'] as const,
  detail: (id: string) => ['back-office', 'request', id] as const,
  outboxes: ['back-office', 'outbox'] as const,
  outbox: (filters: OutboxFilters) => ['back-office', 'outbox', filters] as const,
  mail: (id: string) => ['back-office', 'mail', id] as const,
};

export interface QueueFilters {
  /** `open` (default), `all`, a portal group, or a status. */
  status: string;
  view: 'all' | 'mine' | 'unassigned';
  customerId: string;
  contractId: string;
  catalogId: string;
  articleId: string;
  assigneeId: string;
  minAgeDays: string;
  q: string;
  /** « En retard », « À risque », or '' (decision 0036). */
  due: string;
  sort: QueueSort;
}

export interface OutboxFilters {
  status: string;
  q: string;
}
