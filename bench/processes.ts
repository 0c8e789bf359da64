import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@guichet/db';
import type { Target } from './target.ts';

export const resultsDir = path.resolve('bench/results');

export interface RunningServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// A benchmark that fails half-way must not leave a server (and its database) behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function waitUntilHealthy(child: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before answering`);
    }
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl} did not answer within 180 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts a Node entry point (directly, not through npx, so that its pid is the server's) on a
 * free loopback port; its output goes to `bench/results/<logName>.log`.
 */
async function startNode(
  entry: string,
  env: Record<string, string>,
  logName: string,
): Promise<RunningServer> {
  mkdirSync(resultsDir, { recursive: true });
  const port = await freePort();
  const log = createWriteStream(path.join(resultsDir, `${logName}.log`));
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results/profiles" to profile it
  const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    // The benches sign the demo admin in with its password alone (bench:sync).
    env: {
      ...process.env,
      ADMINS_REQUIRE_TWO_FACTOR: 'false',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  try {
    await waitUntilHealthy(child, baseUrl);
  } catch (error) {
    await stop();
    throw new Error(`${entry}: ${(error as Error).message} (see bench/results/${logName}.log)`);
  }
  if (child.pid === undefined) throw new Error(`${entry} has no pid`);
  return { baseUrl, pid: child.pid, stop };
}

/**
 * Guichet as `npm start` runs it (apps/api/src/main.ts: migrations, demo data, and the web app
 * of `webDist` when given), on DATABASE_URL's server or on the embedded default.
 */
export function startGuichet(
  target: Target,
  options: { webDist?: string; logLevel?: string } = {},
): Promise<RunningServer> {
  return startNode(
    'apps/api/src/main.ts',
    {
      DATABASE_URL: target.databaseUrl ?? '',
      DATA_DIR: target.dataDir,
      LOG_LEVEL: options.logLevel ?? 'info',
      // The benchmarks log in up to a hundred users from one address before measuring.
      LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      // The API benchmarks do not need the web app; bench/web.ts passes the one it built.
      WEB_DIST: options.webDist ?? path.join(resultsDir, 'no-web-app'),
    },
    `guichet-${target.engine}`,
  );
}

/** The reference: a bare Fastify route doing one INSERT into the same database. */
export function startBareServer(target: Target): Promise<RunningServer> {
  return startNode(
    'bench/bare-server.ts',
    { DATABASE_URL: target.databaseUrl ?? '', BENCH_DATA_DIR: target.dataDir },
    `bare-${target.engine}`,
  );
}
