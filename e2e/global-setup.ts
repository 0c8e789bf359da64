import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '@guichet/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where Guichet answers for the journeys. */
    baseUrl: string;
    /** Debian's Chromium, or '' when the machine has none (journeys are then skipped). */
    chromiumPath: string;
  }
}

const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Starts Guichet as `npm start` does (real server, embedded PostgreSQL with the demo data,
 * built web app) on a free port and a fresh data folder, for all the journeys.
 */
export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const chromiumPath = candidates.find((candidate) => candidate && existsSync(candidate)) ?? '';
  project.provide('chromiumPath', chromiumPath);
  project.provide('baseUrl', '');
  if (chromiumPath === '') {
    if (process.env['CI'] === 'true') {
      throw new Error(
        'CI=true but no Chromium found (apt-get install -y chromium): the browser journeys cannot run',
      );
    }
    console.warn(
      '\n*** Chromium not found (/usr/bin/chromium): the browser journeys are SKIPPED. apt-get install -y chromium to run them. ***\n',
    );
    return undefined;
  }
  if (!existsSync('apps/web/dist/index.html')) {
    throw new Error('The web app is not built: run npm run build:web first (npm test does)');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-e2e-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/api/src/main.ts'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        // Journeys run webhook receivers and the reference executor on loopback (decision 0028).
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        // the single sign-on journey's identity provider listens on loopback, over http
        SSO_ALLOW_INSECURE_ISSUERS: 'true',
        // the journeys sign the demo admin in with its password alone
        ADMINS_REQUIRE_TWO_FACTOR: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`Guichet exited with code ${server.exitCode} before answering`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('Guichet did not answer within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  };
}
