import type { InventorySyncCounts, InventorySyncRun } from '@guichet/contracts';
import type { Locale } from '@guichet/domain';

export type SyncContentType = 'text/csv' | 'application/x-ndjson';

/**
 * The content type to send a file with, from its name: browsers give CSV files various
 * types (`application/vnd.ms-excel` on Windows) and NDJSON files none at all.
 */
export function syncContentType(fileName: string): SyncContentType | null {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'csv') return 'text/csv';
  if (extension === 'ndjson' || extension === 'jsonl') return 'application/x-ndjson';
  return null;
}

export type SyncChangeKind = 'created' | 'updated' | 'retired' | 'rejected' | 'unchanged';

/** The order in which a run's outcome is told: what changes the inventory first. */
const changeKinds: readonly SyncChangeKind[] = [
  'created',
  'updated',
  'retired',
  'rejected',
  'unchanged',
];

export interface SyncPlan {
  /** The non-zero counts, in the order they are told. */
  changes: { kind: SyncChangeKind; count: number }[];
  /** Whether applying the simulated file would change the inventory at all. */
  hasEffect: boolean;
  /** A dry run that applying would repeat for real (not refused, something to write). */
  canApply: boolean;
  /** Applying retires items: the operator confirms first. */
  needsConfirmation: boolean;
}

export function changesOf(counts: InventorySyncCounts): SyncPlan['changes'] {
  return changeKinds
    .map((kind) => ({ kind, count: counts[kind] }))
    .filter((change) => change.count > 0);
}

/** What a run did, or (a dry run) what applying the same file would do. */
export function syncPlan(run: InventorySyncRun): SyncPlan {
  const { created, updated, retired } = run.counts;
  const hasEffect = run.status !== 'rejected' && created + updated + retired > 0;
  return {
    changes: changesOf(run.counts),
    hasEffect,
    canApply: run.isDryRun && hasEffect,
    needsConfirmation: run.isDryRun && hasEffect && retired > 0,
  };
}

function number(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: digits,
  }).format(value);
}

/** `850 ms`, `2,4 s`, `3 min 05 s`: a run's duration, short (SI symbols in both languages). */
export function formatDuration(milliseconds: number, locale: Locale): string {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms < 1000) return `${number(ms, locale)} ms`;
  if (ms < 60_000) return `${number(Math.floor(ms / 100) / 10, locale, 1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return `${number(minutes, locale)} min ${seconds} s`;
}
