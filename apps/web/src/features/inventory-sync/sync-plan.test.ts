import { describe, expect, it } from 'vitest';
import type { InventorySyncRun } from '@guichet/contracts';
import { formatDuration, syncContentType, syncPlan } from './sync-plan.ts';

// Intl separates French thousands with a narrow no-break space.
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function run(overrides: Partial<InventorySyncRun> = {}): InventorySyncRun {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    startedAt: '2026-12-04T20:00:00.000Z',
    finishedAt: '2026-12-04T20:00:01.200Z',
    actor: null,
    source: 'upload',
    mode: 'upsert',
    isDryRun: true,
    isStrict: false,
    status: 'dry_run',
    counts: { lines: 0, created: 0, updated: 0, unchanged: 0, retired: 0, rejected: 0 },
    errors: [],
    durationMs: 1200,
    ...overrides,
  };
}

describe('syncContentType', () => {
  it.each([
    ['parc.csv', 'text/csv'],
    ['PARC.CSV', 'text/csv'],
    ['export 2026-12.v2.csv', 'text/csv'],
    ['items.ndjson', 'application/x-ndjson'],
    ['items.NDJSON', 'application/x-ndjson'],
    ['items.jsonl', 'application/x-ndjson'],
    [' items.jsonl ', 'application/x-ndjson'],
  ])('sends %s as %s', (name, type) => {
    expect(syncContentType(name)).toBe(type);
  });

  it.each(['items.json', 'parc.xlsx', 'csv', 'ndjson', 'parc.csv.txt', 'parc.', ''])(
    'refuses %j',
    (name) => {
      expect(syncContentType(name)).toBeNull();
    },
  );
});

describe('syncPlan', () => {
  it('tells the non-zero counts, what changes the inventory first', () => {
    const plan = syncPlan(
      run({
        counts: { lines: 9, created: 2, updated: 0, unchanged: 4, retired: 3, rejected: 1 },
      }),
    );
    expect(plan.changes).toEqual([
      { kind: 'created', count: 2 },
      { kind: 'retired', count: 3 },
      { kind: 'rejected', count: 1 },
      { kind: 'unchanged', count: 4 },
    ]);
    expect(plan).toMatchObject({ hasEffect: true, canApply: true, needsConfirmation: true });
  });

  it('applies without confirmation when nothing is retired', () => {
    const plan = syncPlan(
      run({ counts: { lines: 3, created: 1, updated: 2, unchanged: 0, retired: 0, rejected: 0 } }),
    );
    expect(plan).toMatchObject({ hasEffect: true, canApply: true, needsConfirmation: false });
  });

  it('has nothing to apply when the file changes nothing', () => {
    const plan = syncPlan(
      run({ counts: { lines: 5, created: 0, updated: 0, unchanged: 4, retired: 0, rejected: 1 } }),
    );
    expect(plan).toMatchObject({ hasEffect: false, canApply: false, needsConfirmation: false });
  });

  it('does not apply a file the strict mode refused', () => {
    const plan = syncPlan(
      run({
        isStrict: true,
        status: 'rejected',
        counts: { lines: 5, created: 3, updated: 0, unchanged: 0, retired: 1, rejected: 1 },
      }),
    );
    expect(plan).toMatchObject({ hasEffect: false, canApply: false, needsConfirmation: false });
  });

  it('offers nothing more once applied', () => {
    const plan = syncPlan(
      run({
        isDryRun: false,
        status: 'applied',
        mode: 'full',
        counts: { lines: 2, created: 1, updated: 0, unchanged: 1, retired: 2, rejected: 0 },
      }),
    );
    expect(plan).toMatchObject({ hasEffect: true, canApply: false, needsConfirmation: false });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'fr', '0 ms'],
    [850, 'fr', '850 ms'],
    [999.6, 'en', '1 s'],
    [2_460, 'fr', '2,4 s'],
    [2_460, 'en', '2.4 s'],
    [59_999, 'en', '59.9 s'],
    [185_000, 'fr', '3 min 05 s'],
    [3_600_000, 'en', '60 min 00 s'],
  ] as const)('%i ms in %s is %s', (milliseconds, locale, text) => {
    expect(plainSpaces(formatDuration(milliseconds, locale))).toBe(text);
  });
});
