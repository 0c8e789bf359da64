import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';

export const demoPassword = 'Demo.Guichet.2026';

/** A PostgreSQL server of the script's own (so it can be stopped), in a temporary folder. */
export async function ownDatabase(): Promise<{
  server: EmbeddedServer;
  url: string;
  dataDir: string;
  port: number;
  restart(): Promise<EmbeddedServer>;
  remove(): Promise<void>;
}> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-reliability-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port });
  await ensureDatabase(server.url, 'guichet');
  return {
    server,
    url: server.urlFor('guichet'),
    dataDir,
    port,
    restart: () => startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port }),
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export interface Api {
  baseUrl: string;
  process: ChildProcess;
  /** SIGTERM and wait (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

/** Starts the API (apps/api/src/main.ts, directly: its pid is the server's) on a free port. */
export async function startApi(databaseUrl: string, port?: number): Promise<Api> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(chosen),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', process.env['API_LOG'] ? 'inherit' : 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${chosen}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the API did not answer within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function logIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
