/**
 * A benchmark's targets as data: what is aimed at, the figure measured, met or missed. Every
 * bench writes its list in its result file (`targets`), prints it, and `npm run bench:all`
 * prints them all together at the end of a run (bench/all.ts).
 */

export interface TargetCheck {
  /** What is measured, e.g. "list, first page at 200/s: p95". */
  name: string;
  comparison: '≤' | '≥';
  limit: number;
  unit: string;
  /** The figure measured; null when the run did not measure it (then it is missed). */
  figure: number | null;
  met: boolean;
  /** The issue that sets it. */
  issue: string;
}

function check(
  comparison: TargetCheck['comparison'],
  name: string,
  figure: number | null,
  limit: number,
  unit: string,
  issue: string,
): TargetCheck {
  const rounded = figure === null ? null : Number(figure.toFixed(figure < 10 ? 2 : 1));
  const met = figure !== null && (comparison === '≤' ? figure <= limit : figure >= limit);
  return { name, comparison, limit, unit, figure: rounded, met, issue };
}

/** A figure that must stay at or below its limit (a latency, a size, a cost). */
export const atMost = (
  name: string,
  figure: number | null,
  limit: number,
  unit: string,
  issue: string,
) => check('≤', name, figure, limit, unit, issue);

/** A figure that must reach its limit (a throughput, a ratio). */
export const atLeast = (
  name: string,
  figure: number | null,
  limit: number,
  unit: string,
  issue: string,
) => check('≥', name, figure, limit, unit, issue);

/** "p95 ≤ 10 ms: 7.2 ms": the target and what was measured, in one cell. */
export function describeTarget(target: TargetCheck): { target: string; measured: string } {
  const unit = target.unit === '%' ? ' %' : target.unit === '' ? '' : ` ${target.unit}`;
  return {
    target: `${target.comparison} ${target.limit}${unit}`,
    measured: target.figure === null ? 'not measured' : `${target.figure}${unit}`,
  };
}

/** Prints a bench's targets, one line each, as the benches always have. */
export function printTargets(targets: readonly TargetCheck[]): void {
  for (const target of targets) {
    const { target: aim, measured } = describeTarget(target);
    console.info(`  ${target.met ? 'met   ' : 'MISSED'} ${target.name} ${aim} (${measured})`);
  }
}

interface LatencyResult {
  name: string;
  rate: number | null;
  latencyMs: { p95: number; p99: number };
}

/**
 * One latency target per run at an offered rate (open loop): saturated runs show the capacity
 * and how latency grows past it, not a latency a user would see, so they are judged only when
 * the run has no offered rate at all.
 */
export function latencyTargets(
  results: readonly LatencyResult[],
  percentile: 'p95' | 'p99',
  limitMs: number,
  issue: string,
): TargetCheck[] {
  const offered = results.filter((result) => result.rate !== null);
  return (offered.length > 0 ? offered : results).map((result) =>
    atMost(
      `${result.name} at ${result.rate === null ? 'saturation' : `${result.rate}/s`}: ${percentile}`,
      result.latencyMs[percentile],
      limitMs,
      'ms',
      issue,
    ),
  );
}
