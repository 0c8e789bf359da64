import { CreatedApiToken } from '@guichet/contracts';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, bodyOf } from './test/harness.ts';
import type { Harness } from './test/harness.ts';
import { defaultQuotas } from './seed/catalogs.ts';

// `npm run inventory:sync`: the CLI itself, run as a provider would.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let h: Harness;
let folder: string;

beforeAll(async () => {
  h = await createHarness();
  folder = await mkdtemp(path.join(tmpdir(), 'guichet-sync-cli-'));
});
afterAll(() => h.close());

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'apps/api/src/inventory-sync-cli.ts', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: h.database.url, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const item = (reference: string, type = 'fe_tenant') =>
  JSON.stringify({
    contract: 'OCB0005122',
    reference,
    type,
    label: `CLI ${reference}`,
    site: null,
    solution: null,
    attributes: { region: 'eu-west-0', project: 'cli', quotas: defaultQuotas },
  });

async function file(name: string, lines: string[]): Promise<string> {
  const where = path.join(folder, name);
  await writeFile(where, `${lines.join('\n')}\n`);
  return where;
}

describe('inventory:sync on the database', () => {
  it('strict: exits 1 on a bad line, prints it, writes nothing but the run', async () => {
    const items = await file('bad.ndjson', [item('CLI-1'), item('CLI-2', 'nope')]);
    const result = await runCli(['--file', items, '--strict']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('rejected (upsert, strict)');
    expect(result.stdout).toContain('line 2 type: unknown_type');
    const written = await h.database.db
      .selectFrom('assets')
      .select('reference')
      .where('reference', '=', 'CLI-1')
      .execute();
    expect(written).toEqual([]);
  });

  it('applies a file as source cli, without an actor, and exits 0', async () => {
    const items = await file('good.ndjson', [item('CLI-3'), item('CLI-4', 'nope')]);
    const result = await runCli(['--file', items]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'lines 2: created 1, updated 0, unchanged 0, retired 0, rejected 1',
    );
    const run = await h.database.db
      .selectFrom('inventory_sync_runs')
      .select(['source', 'actor_id', 'status', 'created'])
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ source: 'cli', actor_id: null, status: 'applied', created: 1 });
  });

  it('refuses a missing file and a bad mode (exit 2)', async () => {
    expect((await runCli(['--file', path.join(folder, 'none.ndjson')])).code).toBe(2);
    const items = await file('any.ndjson', [item('CLI-5')]);
    const bad = await runCli(['--file', items, '--mode', 'replace']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mode must be upsert or full');
  });
});

describe('inventory:sync --url', () => {
  it('streams the file to the API with the token and reports its refusal (exit 2)', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    const manager = await h.login('gestionnaire@acme.example');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
      payload: {
        name: 'cli',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const items = await file('url.ndjson', [item('CLI-6')]);
    const result = await runCli([
      '--file',
      items,
      '--url',
      `http://127.0.0.1:${port}`,
      '--token',
      bodyOf(created, CreatedApiToken).token,
    ]);
    // a customer's token: the sync is the provider's administrators' only
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The API answered 403');
    const unknown = await runCli([
      '--file',
      items,
      '--url',
      `http://127.0.0.1:${port}`,
      '--token',
      'gch_nope',
    ]);
    expect(unknown.stderr).toContain('The API answered 401');
  });
});
