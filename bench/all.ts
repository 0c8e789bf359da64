/**
 * `npm run bench:all [-- --only search,list] [--seconds 10 --warmup 3]`
 *
 * Runs the benchmarks one after the other (each its own process, as `npm run bench:<name>`
 * runs it, on the database `bench:data` filled), then prints one summary: every target of
 * every bench, the figure measured, met or missed, and the machine's load while each ran. The
 * summary is read back from the result files the benches wrote during this run
 * (bench/results/<name>-<engine>.json), so it says only what was measured now.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resultsDir } from './processes.ts';
import { describeTarget } from './targets.ts';
import type { TargetCheck } from './targets.ts';

const benches = ['search', 'list', 'queue', 'web', 'confirm'] as const;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    // Passed on to the load benches (not bench:web, which counts page visits).
    seconds: { type: 'string' },
    warmup: { type: 'string' },
  },
});
const loadArgs = [
  ...(values.seconds === undefined ? [] : ['--seconds', values.seconds]),
  ...(values.warmup === undefined ? [] : ['--warmup', values.warmup]),
];
const only = values.only?.split(',').map((name) => name.trim()) ?? [...benches];
const unknown = only.filter((name) => !(benches as readonly string[]).includes(name));
if (unknown.length > 0) {
  throw new Error(`--only takes ${benches.join(', ')} (not ${unknown.join(', ')})`);
}

interface ResultFile {
  scenario: string;
  at: string;
  engine: string;
  machine: { cpus: number; loadAverage: { atStart: number[]; atEnd: number[] } };
  targets?: TargetCheck[];
}

const startedAt = new Date();
const failed: string[] = [];
for (const name of only) {
  const args = name === 'web' || loadArgs.length === 0 ? [] : ['--', ...loadArgs];
  const run = spawnSync('npm', ['run', '--silent', `bench:${name}`, ...args], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`bench:${name} (exit ${run.status ?? run.signal})`);
}

/** The result files written since this run started, in the order the benches ran. */
function resultsOfThisRun(): ResultFile[] {
  return readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8')) as ResultFile)
    .filter((result) => typeof result.at === 'string' && new Date(result.at) >= startedAt)
    .sort((a, b) => only.indexOf(a.scenario) - only.indexOf(b.scenario));
}

const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
const rows: string[][] = [];
for (const result of resultsOfThisRun()) {
  const { atStart, atEnd } = result.machine.loadAverage;
  const loadCell = `${load(atStart.slice(0, 1))} → ${load(atEnd.slice(0, 1))}`;
  for (const target of result.targets ?? []) {
    const { target: aim, measured } = describeTarget(target);
    rows.push([
      result.scenario,
      `#${target.issue}`,
      target.name,
      aim,
      measured,
      target.met ? 'met' : 'MISSED',
      loadCell,
    ]);
  }
}

const header = ['bench', 'issue', 'target', 'aim', 'measured', 'verdict', 'load (1 min)'];
const widths = header.map((cell, index) =>
  Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)),
);
const format = (row: string[]) =>
  row
    .map((cell, index) => cell.padEnd(widths[index] ?? 0))
    .join('  ')
    .trimEnd();
const missed = rows.filter((row) => row[5] === 'MISSED').length;
console.info(
  `\nbench:all summary — ${rows.length} targets, ${rows.length - missed} met, ${missed} missed` +
    ` (${os.cpus().length} cores, load now ${load(os.loadavg())}; started ${startedAt.toISOString()})`,
);
console.info(format(header));
for (const row of rows) console.info(format(row));
const missing = only.filter(
  (name) => !resultsOfThisRun().some((result) => result.scenario === name),
);
if (missing.length > 0) console.info(`no result written by: ${missing.join(', ')}`);
if (failed.length > 0) {
  console.info(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
