import { describe, expect, it } from 'vitest';
import { atLeast, atMost, describeTarget, latencyTargets } from './targets.ts';

describe('bench targets', () => {
  it('judges a figure against its limit, the limit itself included', () => {
    expect(atMost('p95', 10, 10, 'ms', '22').met).toBe(true);
    expect(atMost('p95', 10.01, 10, 'ms', '22').met).toBe(false);
    expect(atLeast('ratio', 95, 95, '%', '22').met).toBe(true);
    expect(atLeast('ratio', 94.9, 95, '%', '22').met).toBe(false);
  });

  it('counts a figure the run did not measure as missed', () => {
    const target = atMost('PostgreSQL CPU', null, 0.6, 'ms', '22');
    expect(target.met).toBe(false);
    expect(describeTarget(target)).toEqual({ target: '≤ 0.6 ms', measured: 'not measured' });
  });

  it('judges the offered-rate runs only, when there are any', () => {
    const results = [
      { name: 'list', rate: 200, latencyMs: { p95: 7, p99: 12 } },
      { name: 'list', rate: null, latencyMs: { p95: 40, p99: 80 } },
    ];
    const targets = latencyTargets(results, 'p95', 10, '22');
    expect(targets.map((target) => [target.name, target.met])).toEqual([
      ['list at 200/s: p95', true],
    ]);
    const saturatedOnly = latencyTargets([results[1]!], 'p99', 50, '22');
    expect(saturatedOnly.map((target) => [target.name, target.figure, target.met])).toEqual([
      ['list at saturation: p99', 80, false],
    ]);
  });
});
