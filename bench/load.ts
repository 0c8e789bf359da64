import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuSpent, sampleCpu } from './cpu.ts';
import type { DatasetManifest } from './dataset.ts';
import { resultsDir } from './processes.ts';
import type { RunOptions } from './run-options.ts';
import type { Target } from './target.ts';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  name: string;
  baseUrl: string;
  connections: number;
  /** Offered requests per second; 0 or unset, every connection sends as soon as it is answered. */
  rate?: number;
  seconds: number;
  /** A short run first, not counted: JIT, connection pools and caches warm up. */
  warmupSeconds: number;
  expectStatus: number;
  /** The next call to make (called once per request, from any connection). */
  next: () => HttpCall;
  /** The measured server's process: its CPU time per answer is reported (Linux). */
  serverPid?: number;
}

export interface LoadResult {
  name: string;
  connections: number;
  /** Offered rate, or null when saturated (closed loop). */
  rate: number | null;
  seconds: number;
  /** Responses with the expected status. */
  requests: number;
  throughput: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Responses with another status, socket errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  errorSamples: string[];
  /**
   * CPU time per answer during the measured seconds, in ms: the server process's, and all
   * PostgreSQL processes' together (null without `serverPid` or off Linux). A steadier figure
   * than throughput on a noisy machine: it says what one answer costs.
   */
  cpuMsPerAnswer: { server: number; postgres: number } | null;
}

/** What driving the load measured; the caller adds the CPU time. */
type Driven = Omit<LoadResult, 'cpuMsPerAnswer'>;

/** Every answer's latency and status, summed up as a LoadResult. */
class Recorder {
  private latencies = new Float64Array(1 << 16);
  private count = 0;
  readonly statuses: Record<string, number> = {};
  readonly errorSamples: string[] = [];
  socketErrors = 0;

  constructor(private readonly spec: LoadSpec) {}

  record(status: number, ms: number, body?: string): void {
    if (this.count === this.latencies.length) {
      const larger = new Float64Array(this.latencies.length * 2);
      larger.set(this.latencies);
      this.latencies = larger;
    }
    this.latencies[this.count] = ms;
    this.count += 1;
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    if (status !== this.spec.expectStatus && body !== undefined) this.sample(`${status} ${body}`);
  }

  sample(text: string): void {
    if (this.errorSamples.length < 5) this.errorSamples.push(text.slice(0, 300));
  }

  result(seconds: number): Driven {
    const sorted = this.latencies.slice(0, this.count).sort();
    const at = (fraction: number): number => {
      if (sorted.length === 0) return Number.NaN;
      const index = Math.min(
        sorted.length - 1,
        Math.max(0, Math.ceil(fraction * sorted.length) - 1),
      );
      return round(sorted[index] ?? Number.NaN, 2);
    };
    const ok = this.statuses[this.spec.expectStatus] ?? 0;
    const mean =
      this.count === 0 ? Number.NaN : sorted.reduce((sum, ms) => sum + ms, 0) / this.count;
    return {
      name: this.spec.name,
      connections: this.spec.connections,
      rate: this.spec.rate ? this.spec.rate : null,
      seconds: round(seconds, 2),
      requests: ok,
      throughput: round(ok / seconds, 0),
      latencyMs: { mean: round(mean, 2), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
      errors: this.count - ok + this.socketErrors,
      statuses: this.statuses,
      errorSamples: this.errorSamples,
    };
  }
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Closed loop (autocannon): every connection sends again as soon as it is answered. */
async function driveSaturated(spec: LoadSpec, seconds: number): Promise<Driven> {
  const recorder = new Recorder(spec);
  const instance = autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => ({ ...request, ...spec.next() }),
        onResponse: (status, body) => {
          if (status !== spec.expectStatus) recorder.sample(`${status} ${body}`);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) =>
    recorder.record(status, ms),
  );
  const result = await instance;
  recorder.socketErrors = result.errors;
  return recorder.result(result.duration);
}

/**
 * Open loop at `spec.rate`: requests leave on a fixed schedule whether or not the earlier ones
 * were answered (over at most `connections` keep-alive sockets), and each latency counts from
 * the moment its request was due, so a server that falls behind shows it. (autocannon's own
 * rate option sends each second's share in one burst, which measures a saturated server.)
 */
async function drivePaced(spec: LoadSpec, seconds: number): Promise<Driven> {
  const recorder = new Recorder(spec);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const interval = 1000 / (spec.rate ?? 1);
  const total = Math.round(seconds * (spec.rate ?? 1));
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < total; index += 1) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const call = spec.next();
    const sent = new Promise<void>((resolve) => {
      const request = http.request(
        `${spec.baseUrl}${call.path}`,
        { method: call.method, agent, headers: call.headers, timeout: 10_000 },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (response.statusCode !== spec.expectStatus) body += chunk;
          });
          response.on('end', () => {
            recorder.record(response.statusCode ?? 0, performance.now() - due, body);
            resolve();
          });
        },
      );
      request.on('error', (error) => {
        recorder.socketErrors += 1;
        recorder.sample(error.message);
        resolve();
      });
      request.end(call.body);
    });
    inFlight.add(sent);
    void sent.then(() => inFlight.delete(sent));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return recorder.result((performance.now() - started) / 1000);
}

function drive(spec: LoadSpec, seconds: number): Promise<Driven> {
  return spec.rate ? drivePaced(spec, seconds) : driveSaturated(spec, seconds);
}

/**
 * The first load on a Guichet process just started warms it longer: V8 has not optimised
 * the hot paths yet and each pooled connection still plans its statements (generic plans
 * of the list's page: 10–50 ms each at its first call). With 3 s, the first scenario of a
 * run measured 2 to 3 times the p95 it had once the process was warm.
 */
const firstWarmupSeconds = 15;
const warmServers = new Set<string>();

/**
 * Warms up, then measures for `seconds`, with the server's and PostgreSQL's CPU time when
 * `serverPid` is given; bounded in time, stops by itself.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const warmup = warmServers.has(spec.baseUrl)
    ? spec.warmupSeconds
    : Math.max(spec.warmupSeconds, firstWarmupSeconds);
  warmServers.add(spec.baseUrl);
  if (warmup > 0) await drive(spec, warmup);
  const measureCpu = spec.serverPid !== undefined && process.platform === 'linux';
  const before = measureCpu ? sampleCpu(spec.serverPid ?? 0) : null;
  const driven = await drive(spec, spec.seconds);
  const spent = before ? cpuSpent(before, sampleCpu(spec.serverPid ?? 0)) : null;
  const answers = driven.requests + driven.errors;
  const result: LoadResult = {
    ...driven,
    cpuMsPerAnswer:
      spent && answers > 0
        ? {
            server: Number((spent.server / answers).toFixed(3)),
            postgres: Number((spent.postgres / answers).toFixed(3)),
          }
        : null,
  };
  printRow(result);
  if (result.errorSamples.length > 0) console.warn(`  errors: ${result.errorSamples.join('\n  ')}`);
  return result;
}

/**
 * A scenario at the offered rate (the latency a user sees under that load) and/or saturated
 * (closed loop: what the server can take, and its latency when it cannot keep up).
 */
export async function runScenario(
  spec: Omit<LoadSpec, 'rate'>,
  options: { rate: number; saturated: boolean },
): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  if (options.rate > 0) results.push(await runLoad({ ...spec, rate: options.rate }));
  if (options.saturated) results.push(await runLoad({ ...spec, rate: 0 }));
  return results;
}

/**
 * The scenarios of one started server, each answered 200: `run(name, next)` at the run's
 * options, or at another offered rate.
 */
export function scenariosOn(server: { baseUrl: string; pid: number }, options: RunOptions) {
  return (name: string, next: () => HttpCall, rate = options.rate): Promise<LoadResult[]> =>
    runScenario(
      { name, baseUrl: server.baseUrl, serverPid: server.pid, ...options, expectStatus: 200, next },
      { ...options, rate },
    );
}

const header = [
  'scenario',
  'conns',
  'load',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'errors',
  'cpu ms/answer (server+pg)',
];
const widths = [48, 5, 9, 7, 7, 7, 7, 7, 6, 26];

function line(cells: (string | number)[]): string {
  return cells
    .map((cell, index) =>
      index === 0 ? String(cell).padEnd(widths[0] ?? 0) : String(cell).padStart(widths[index] ?? 0),
    )
    .join(' ');
}

export function printHeader(title: string): void {
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  console.info(`\n${title} (load average ${load})\n${line(header)}`);
}

export function printRow(result: LoadResult): void {
  const { latencyMs: l } = result;
  console.info(
    line([
      result.name,
      result.connections,
      result.rate === null ? 'saturated' : `${result.rate}/s`,
      result.throughput,
      l.p50,
      l.p95,
      l.p99,
      l.max,
      result.errors,
      result.cpuMsPerAnswer
        ? `${result.cpuMsPerAnswer.server.toFixed(2)} + ${result.cpuMsPerAnswer.postgres.toFixed(2)}`
        : '',
    ]),
  );
}

/** Logs a user in through the API and returns the session cookie (waits out a 429). */
export async function logIn(baseUrl: string, email: string, password: string): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const response = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status === 429) {
      const wait = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
      continue;
    }
    if (response.status !== 200) {
      throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    }
    const cookie = response.headers
      .getSetCookie()
      .find((value) => value.startsWith('guichet_session='));
    if (!cookie) throw new Error(`login ${email}: no session cookie`);
    return cookie.split(';')[0] ?? '';
  }
  throw new Error(`login ${email}: still rate limited`);
}

/** Logs several users in, two at a time (password hashing is deliberately slow). */
export async function logInAll(
  baseUrl: string,
  emails: string[],
  password: string,
): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const queue = [...emails];
  await Promise.all(
    [0, 1].map(async () => {
      for (let email = queue.shift(); email !== undefined; email = queue.shift()) {
        cookies.set(email, await logIn(baseUrl, email, password));
      }
    }),
  );
  return cookies;
}

const loadAtStart = os.loadavg();

export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    // The machine is shared: what else was running shows here (1, 5 and 15 minutes).
    loadAverage: {
      atStart: loadAtStart.map((load) => Number(load.toFixed(2))),
      atEnd: os.loadavg().map((load) => Number(load.toFixed(2))),
    },
  };
}

export function engineLabel(target: Target, version: string): string {
  return target.engine === 'server'
    ? `PostgreSQL ${version} (DATABASE_URL)`
    : `embedded PostgreSQL ${version} (npm start default)`;
}

/** Writes bench/results/<scenario>-<engine>.json and says where. */
export function writeResults(
  scenario: string,
  target: Target,
  version: string,
  manifest: DatasetManifest | null,
  body: Record<string, unknown>,
): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${scenario}-${target.engine}.json`);
  const payload = {
    scenario,
    at: new Date().toISOString(),
    engine: engineLabel(target, version),
    machine: machine(),
    dataset: manifest ? { parameters: manifest.parameters, counts: manifest.counts } : null,
    ...body,
  };
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  console.info(`\nwritten to ${path.relative(process.cwd(), file)}`);
  return file;
}
