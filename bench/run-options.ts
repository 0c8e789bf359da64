import { parseArgs } from 'node:util';
import type { DatasetManifest } from './dataset.ts';
import { benchTarget, openDatabase, readManifest } from './target.ts';
import type { Target } from './target.ts';

export interface RunOptions {
  connections: number;
  /** Offered requests per second for the latency runs; 0 runs saturated only. */
  rate: number;
  /** Also (or only, with rate 0) run each scenario saturated: every connection sends again at once. */
  saturated: boolean;
  /** Measured seconds per scenario. */
  seconds: number;
  warmupSeconds: number;
}

/** `--connections`, `--rate`, `--skip-saturated`, `--seconds`, `--warmup`, with the scenario's defaults. */
export function parseRunOptions(defaults: RunOptions): RunOptions {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: String(defaults.connections) },
      rate: { type: 'string', default: String(defaults.rate) },
      'skip-saturated': { type: 'boolean', default: false },
      seconds: { type: 'string', default: String(defaults.seconds) },
      warmup: { type: 'string', default: String(defaults.warmupSeconds) },
    },
  });
  const number = (name: string, raw: string, min: number, max: number): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  return {
    connections: number('connections', values.connections, 1, 500),
    rate: number('rate', values.rate, 0, 100_000),
    saturated: Number(values.rate) === 0 || (defaults.saturated && !values['skip-saturated']),
    seconds: number('seconds', values.seconds, 1, 120),
    warmupSeconds: number('warmup', values.warmup, 0, 60),
  };
}

export interface Dataset {
  target: Target;
  version: string;
  manifest: DatasetManifest;
}

/**
 * The target and the manifest of its generated data. With the embedded engine this starts
 * and stops its server once to read it, before Guichet starts it again.
 */
export async function loadDataset(): Promise<Dataset> {
  const target = benchTarget();
  const database = await openDatabase(target);
  try {
    return { target, version: database.version, manifest: await readManifest(database.url) };
  } finally {
    await database.close();
  }
}

/** A small seeded shuffle-free picker: the same run picks the same sequence. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle through');
  let index = 0;
  return () => {
    const item = items[index % items.length] as T;
    index += 1;
    return item;
  };
}
