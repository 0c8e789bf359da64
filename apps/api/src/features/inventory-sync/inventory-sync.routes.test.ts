import {
  AssetPage,
  InventorySyncRun,
  InventorySyncRunPage,
  RequestDetail,
} from '@guichet/contracts';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildContract } from '../../test/builders.ts';
import { createHarness, demo, errorOf, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { defaultQuotas } from '../../seed/catalogs.ts';
import { seedDemoData } from '../../seed/demo-data.ts';
import { itemIndexOf } from '../inventory/inventory.service.ts';
import { interactiveRequests } from '../../http/interactive-requests.ts';

let h: Harness;
let admin: string;
let agent: string;
let manager: string;

beforeAll(async () => {
  h = await createHarness();
  [admin, agent, manager] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('agent@guichet.example'),
    h.login('gestionnaire@acme.example'),
  ]);
});
afterAll(() => h.close());

interface Item {
  contract: string;
  reference: string;
  type: string;
  label: string;
  site?: string | null;
  solution?: string | null;
  attributes: Record<string, unknown>;
}

const tenant = (contract: string, n: number, overrides: Partial<Item> = {}): Item => ({
  contract,
  reference: `FE-${contract}-S${n}`,
  type: 'fe_tenant',
  label: `Service Flexible Engine sync-${n}`,
  site: 'Paris - Val de Reuil',
  solution: 'Flexible Engine',
  attributes: { region: 'eu-west-0', project: `sync-${n}`, quotas: defaultQuotas },
  ...overrides,
});

const ndjson = (lines: (Item | string)[]) =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

async function send(
  body: string | Buffer,
  options: {
    query?: string;
    contentType?: string;
    cookie?: string;
    headers?: Record<string, string>;
  } = {},
) {
  return h.app.inject({
    method: 'POST',
    url: `/api/back-office/inventory/sync${options.query ? `?${options.query}` : ''}`,
    headers: {
      cookie: options.cookie ?? admin,
      'content-type': options.contentType ?? 'application/x-ndjson',
      ...options.headers,
    },
    payload: body,
  });
}

async function sync(body: string | Buffer, query?: string): Promise<InventorySyncRun> {
  const response = await send(body, query === undefined ? {} : { query });
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, InventorySyncRun);
}

async function assetsOf(contractId: string) {
  return h.database.db
    .selectFrom('assets')
    .select(['id', 'reference', 'label', 'type', 'site', 'solution', 'attributes', 'retired_at'])
    .where('contract_id', '=', contractId)
    .orderBy('reference')
    .execute();
}

async function runCount(): Promise<number> {
  const { rows } = await sql<{
    count: string;
  }>`SELECT count(*) FROM inventory_sync_runs`.execute(h.database.db);
  return Number(rows[0]?.count);
}

async function newContract(): Promise<string> {
  const { contractId } = await buildContract(h.database.db, {
    freeChangesPerMonth: 2,
    managers: ['gestionnaire@acme.example'],
  });
  return contractId;
}

describe('who may sync', () => {
  it.each([
    ['a customer manager', () => manager],
    ['an agent', () => agent],
  ])('%s is refused (403), nothing written', async (_who, cookie) => {
    const contract = await newContract();
    const before = await runCount();
    const response = await send(ndjson([tenant(contract, 1)]), { cookie: cookie() });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('forbidden');
    expect(await assetsOf(contract)).toHaveLength(1);
    expect(await runCount()).toBe(before);
    for (const url of [
      '/api/back-office/inventory/sync-runs',
      `/api/back-office/inventory/sync-runs/${demo.acme}`,
    ]) {
      const read = await h.app.inject({ method: 'GET', url, headers: { cookie: cookie() } });
      expect(read.statusCode).toBe(403);
    }
  });

  it('refuses an anonymous caller (401)', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/inventory/sync',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: '{}\n',
    });
    expect(response.statusCode).toBe(401);
  });

  it.each(['application/json', 'text/plain', 'multipart/form-data; boundary=x'])(
    'refuses a body of %s (415 unsupported_media_type)',
    async (contentType) => {
      const contract = await newContract();
      const response = await send(JSON.stringify(tenant(contract, 1)), { contentType });
      expect(response.statusCode).toBe(415);
      expect(errorOf(response).code).toBe('unsupported_media_type');
      expect(await assetsOf(contract)).toHaveLength(1);
    },
  );

  it('refuses a request without a body type (415)', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/inventory/sync',
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(415);
  });

  it('refuses an unknown X-Guichet-Source (400)', async () => {
    const response = await send(ndjson([]), { headers: { 'x-guichet-source': 'cmdb' } });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('headers.x-guichet-source');
  });
});

describe('upsert', () => {
  it('creates, then changes nothing the second time, then counts what changed', async () => {
    const contract = await newContract();
    const items = [1, 2, 3].map((n) => tenant(contract, n));
    const first = await sync(ndjson(items));
    expect(first).toMatchObject({
      status: 'applied',
      mode: 'upsert',
      source: 'api',
      isDryRun: false,
      isStrict: false,
      actor: { displayName: expect.any(String) as unknown },
      counts: { lines: 3, created: 3, updated: 0, unchanged: 0, retired: 0, rejected: 0 },
      errors: [],
    });
    const stored = await assetsOf(contract);
    expect(stored.map((row) => row.reference)).toEqual([
      `FE-${contract}-1`,
      `FE-${contract}-S1`,
      `FE-${contract}-S2`,
      `FE-${contract}-S3`,
    ]);
    expect(stored[1]).toMatchObject({
      label: 'Service Flexible Engine sync-1',
      site: 'Paris - Val de Reuil',
      solution: 'Flexible Engine',
      attributes: items[0]!.attributes,
      retired_at: null,
    });

    const again = await sync(ndjson(items));
    expect(again.counts).toEqual({
      lines: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      retired: 0,
      rejected: 0,
    });
    expect(await assetsOf(contract)).toEqual(stored);

    const changed = await sync(
      ndjson([
        items[0]!,
        { ...items[1]!, label: 'Renamed' },
        { ...items[2]!, site: null, attributes: { ...items[2]!.attributes, region: 'eu-west-1' } },
      ]),
    );
    expect(changed.counts).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    const after = await assetsOf(contract);
    expect(after.find((row) => row.reference === `FE-${contract}-S2`)?.label).toBe('Renamed');
    expect(after.find((row) => row.reference === `FE-${contract}-S3`)).toMatchObject({
      site: null,
      attributes: { region: 'eu-west-0'.replace('0', '1') },
    });
    // the ids of existing items never change
    expect(after.map((row) => row.id)).toEqual(stored.map((row) => row.id));
  });

  it('an unchanged item is not rewritten (its row keeps its version)', async () => {
    const contract = await newContract();
    const items = [tenant(contract, 1)];
    await sync(ndjson(items));
    const version = async () =>
      (
        await sql<{
          xmin: string;
        }>`SELECT xmin::text FROM assets WHERE reference = ${items[0]!.reference}`.execute(
          h.database.db,
        )
      ).rows[0]?.xmin;
    const before = await version();
    await sync(ndjson(items));
    expect(await version()).toBe(before);
  });

  it('reads CSV with RFC 4180 quoting', async () => {
    const contract = await newContract();
    const csv = [
      'contract,reference,type,label,site,solution,attributes',
      `${contract},RDS-${contract}-C1,rds_licence_pool,"Pool, ""RDS""",,Windows Server,"{""licencesHeld"":12}"`,
      `${contract},GIN-${contract}-C1,gin_access,"Accès GIN
sur deux lignes",Paris,Réseau GIN,"{""bandwidthMbps"":200}"`,
      `${contract},GIN-${contract}-C2,gin_access,Bad,Paris,Réseau GIN,"{""bandwidthMbps"":0}"`,
    ].join('\r\n');
    const response = await send(csv, { contentType: 'text/csv; charset=utf-8' });
    expect(response.statusCode, response.body).toBe(200);
    const run = bodyOf(response, InventorySyncRun);
    expect(run.counts).toMatchObject({ lines: 3, created: 1, rejected: 2 });
    expect(run.errors).toEqual([
      // a quoted line break is read as part of its record, and refused in a label
      { line: 3, path: 'label', code: 'invalid_text', message: expect.any(String) as unknown },
      {
        line: 5,
        path: 'attributes.bandwidthMbps',
        code: 'attributes_invalid',
        message: expect.any(String) as unknown,
      },
    ]);
    const stored = await assetsOf(contract);
    expect(stored.find((row) => row.reference === `RDS-${contract}-C1`)).toMatchObject({
      label: 'Pool, "RDS"',
      site: null,
      attributes: { licencesHeld: 12 },
    });
    expect(stored.map((row) => row.reference)).toEqual([`FE-${contract}-1`, `RDS-${contract}-C1`]);
  });

  it('refuses a CSV file without its header (400), nothing written', async () => {
    const contract = await newContract();
    const response = await send(`${contract},X-1,gin_access,x,,,"{""bandwidthMbps"":1}"\n`, {
      contentType: 'text/csv',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('body');
    expect(await assetsOf(contract)).toHaveLength(1);
  });
});

describe('bad lines', () => {
  it('reports each with its line, path and code, and writes the good ones', async () => {
    const contract = await newContract();
    const good = (n: number) => tenant(contract, n);
    const lines: (Item | string)[] = [
      good(1), // 1
      tenant('OCB9999999', 2), // 2 unknown contract
      good(3), // 3
      { ...good(4), type: 'vm' }, // 4 unknown type
      { ...good(5), attributes: { region: 'eu-west-0', project: 'p', quotas: { vcpus: -1 } } }, // 5
      { ...good(3), label: 'second occurrence' }, // 6 duplicate of line 3
      '{"contract": ', // 7 invalid JSON
      JSON.stringify({ ...good(8), label: 'tab\there' }), // 8 control character
      `{"contract":"${contract}","reference":"FE-${contract}-S9","type":"fe_tenant","label":"lone \\ud800","attributes":{}}`, // 9
      JSON.stringify({ ...good(10), label: 'x'.repeat(70 * 1024) }), // 10 too long
      JSON.stringify({ ...good(11), label: undefined }), // 11 missing field
      '[1,2]', // 12 not an object
      good(13), // 13
      { ...good(14), attributes: { region: 'eu-west-0', quotas: {} } }, // 14 missing project
    ];
    const bytes = Buffer.concat([
      Buffer.from(ndjson(lines)),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), // 15 invalid UTF-8
    ]);
    const run = await sync(bytes);
    expect(run.status).toBe('applied');
    expect(run.counts).toEqual({
      lines: 15,
      created: 3,
      updated: 0,
      unchanged: 0,
      retired: 0,
      rejected: 12,
    });
    expect(run.errors.map((error) => [error.line, error.path, error.code])).toEqual([
      [2, 'contract', 'unknown_contract'],
      [4, 'type', 'unknown_type'],
      [5, 'attributes.quotas.vcpus', 'attributes_invalid'],
      [6, 'reference', 'duplicate_reference'],
      [7, '', 'invalid_json'],
      [8, 'label', 'invalid_text'],
      [9, 'label', 'invalid_text'],
      [10, '', 'line_too_long'],
      [11, 'label', 'invalid_line'],
      [12, '', 'invalid_line'],
      [14, 'attributes.project', 'attributes_invalid'],
      [15, '', 'invalid_text'],
    ]);
    for (const error of run.errors) expect(error.message.length).toBeGreaterThan(0);
    const stored = await assetsOf(contract);
    expect(stored.map((row) => row.reference)).toEqual([
      `FE-${contract}-1`,
      `FE-${contract}-S1`,
      `FE-${contract}-S13`,
      `FE-${contract}-S3`,
    ]);
    // the first occurrence is the one kept
    expect(stored.find((row) => row.reference === `FE-${contract}-S3`)?.label).toBe(
      'Service Flexible Engine sync-3',
    );
  });

  it('finds a duplicate across batches (the keys seen are kept for the whole file)', async () => {
    const contract = await newContract();
    const lines = Array.from({ length: 4100 }, (_, n) => tenant(contract, n + 1));
    lines.push({ ...tenant(contract, 7), label: 'again, 4 094 lines later' });
    const run = await sync(ndjson(lines), 'mode=full');
    expect(run.counts).toMatchObject({ lines: 4101, created: 4100, rejected: 1, retired: 1 });
    expect(run.errors).toEqual([
      expect.objectContaining({ line: 4101, path: 'reference', code: 'duplicate_reference' }),
    ]);
    const seventh = (await assetsOf(contract)).find((row) => row.reference === `FE-${contract}-S7`);
    expect(seventh?.label).toBe('Service Flexible Engine sync-7');
  });

  it('a line of exactly 64 KB is read; one byte more is refused', async () => {
    const contract = await newContract();
    const padded = (n: number, notes: string) =>
      JSON.stringify(
        tenant(contract, n, { attributes: { ...tenant(contract, n).attributes, notes } }),
      );
    const fill = 64 * 1024 - padded(1, '').length;
    const exact = padded(1, 'x'.repeat(fill));
    const over = padded(2, 'x'.repeat(fill + 1));
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    const run = await sync(`${exact}\n${over}\n`);
    expect(run.counts).toMatchObject({ lines: 2, created: 1, rejected: 1 });
    expect(run.errors).toEqual([expect.objectContaining({ line: 2, code: 'line_too_long' })]);
  });

  it('keeps only the first 100 errors, in line order, and counts them all', async () => {
    const contract = await newContract();
    const lines = Array.from({ length: 4500 }, (_, index) =>
      index % 2 === 0 ? tenant(contract, index) : tenant('OCB9999998', index),
    );
    const run = await sync(ndjson(lines));
    expect(run.counts).toMatchObject({ lines: 4500, created: 2250, rejected: 2250 });
    expect(run.errors).toHaveLength(100);
    expect(run.errors.map((error) => error.line)).toEqual(
      Array.from({ length: 100 }, (_, index) => 2 * index + 2),
    );
  });
});

describe('strict and dry run', () => {
  it('strict: one bad line rejects the whole file, only the run is recorded', async () => {
    const contract = await newContract();
    const before = await assetsOf(contract);
    const run = await sync(
      ndjson([tenant(contract, 1), tenant(contract, 2, { type: 'nope' }), tenant(contract, 3)]),
      'strict=true',
    );
    expect(run).toMatchObject({ status: 'rejected', isStrict: true });
    expect(run.counts.rejected).toBe(1);
    expect(run.errors).toEqual([expect.objectContaining({ line: 2, code: 'unknown_type' })]);
    expect(await assetsOf(contract)).toEqual(before);
    const stored = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/inventory/sync-runs/${run.id}`,
      headers: { cookie: admin },
    });
    expect(stored.json()).toEqual(run);
  });

  it('strict with good lines only applies them', async () => {
    const contract = await newContract();
    const run = await sync(ndjson([tenant(contract, 1)]), 'strict=true');
    expect(run.status).toBe('applied');
    expect(await assetsOf(contract)).toHaveLength(2);
  });

  it('dry run: the counts of a real run, nothing written but the run', async () => {
    const contract = await newContract();
    const before = await assetsOf(contract);
    const runs = await runCount();
    const run = await sync(
      ndjson([tenant(contract, 1), tenant(contract, 2)]),
      'mode=full&dryRun=true',
    );
    expect(run).toMatchObject({
      status: 'dry_run',
      isDryRun: true,
      mode: 'full',
      counts: { lines: 2, created: 2, retired: 1 },
    });
    expect(await assetsOf(contract)).toEqual(before);
    expect(await runCount()).toBe(runs + 1);
    const { rows } = await sql<{ kind: string; target_id: string }>`
      SELECT kind, target_id FROM audit_events WHERE target_id = ${run.id}`.execute(h.database.db);
    expect(rows).toEqual([{ kind: 'inventory_synced', target_id: run.id }]);
  });
});

describe('full mode, retired items', () => {
  it('retires what a named contract no longer holds, and a later sync brings it back', async () => {
    const { contractId: contract, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 2,
      managers: ['gestionnaire@acme.example'],
    });
    const other = await newContract();
    // a request on the tenant before it is retired
    const confirmed = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: manager },
      payload: {
        action: 'confirm',
        contractId: contract,
        assetId: tenantId,
        catalogId: demo.standard,
        articleId: demo.other,
        values: { details: 'Merci d’activer les journaux.' },
        acknowledgeBilling: true,
      },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const requestId: string = bodyOf(confirmed, RequestDetail).id;

    h.setNow(new Date('2026-11-20T11:00:00Z'));
    const run = await sync(ndjson([tenant(contract, 1), tenant(contract, 2)]), 'mode=full');
    h.setNow(new Date('2026-11-20T10:00:00Z'));
    expect(run.counts).toMatchObject({ created: 2, retired: 1 });
    const stored = await assetsOf(contract);
    expect(stored.find((row) => row.id === tenantId)?.retired_at).toEqual(
      new Date('2026-11-20T11:00:00Z'),
    );
    // a contract the file does not name keeps its items
    expect((await assetsOf(other)).every((row) => row.retired_at === null)).toBe(true);

    // the picker no longer offers it
    const picker = await h.app.inject({
      method: 'GET',
      url: `/api/contracts/${contract}/assets`,
      headers: { cookie: manager },
    });
    expect(bodyOf(picker, AssetPage).items.map((item: { id: string }) => item.id)).not.toContain(
      tenantId,
    );
    expect(bodyOf(picker, AssetPage).total).toBe(2);

    // the request naming it still shows it, with retiredAt
    const detail = await h.app.inject({
      method: 'GET',
      url: `/api/requests/${requestId}`,
      headers: { cookie: manager },
    });
    expect(detail.json()).toMatchObject({
      assetId: tenantId,
      assetReference: `FE-${contract}-1`,
      assetRetiredAt: '2026-11-20T11:00:00.000Z',
    });
    const backOffice = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/requests/${requestId}`,
      headers: { cookie: agent },
    });
    expect(backOffice.json()).toMatchObject({ assetRetiredAt: '2026-11-20T11:00:00.000Z' });
    const item = await h.app.inject({
      method: 'GET',
      url: `/api/assets/${tenantId}`,
      headers: { cookie: manager },
    });
    expect(item.json()).toMatchObject({ id: tenantId, retiredAt: '2026-11-20T11:00:00.000Z' });

    // no new draft or confirmation may name it
    for (const action of ['draft', 'confirm'] as const) {
      const refused = await h.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: manager },
        payload: {
          action,
          contractId: contract,
          assetId: tenantId,
          catalogId: demo.standard,
          articleId: demo.other,
          values: { details: 'Encore.' },
          acknowledgeBilling: true,
        },
      });
      expect(refused.statusCode, refused.body).toBe(404);
      expect(errorOf(refused).details).toEqual([
        expect.objectContaining({ path: 'assetId', rule: 'retired' }),
      ]);
    }

    // retiring again retires nothing more
    const again = await sync(ndjson([tenant(contract, 1), tenant(contract, 2)]), 'mode=full');
    expect(again.counts).toMatchObject({ unchanged: 2, retired: 0 });

    // the provider's file holds it again: back, same id
    const back = await sync(
      ndjson([
        {
          contract,
          reference: `FE-${contract}-1`,
          type: 'fe_tenant',
          label: 'Service Flexible Engine test',
          site: 'Paris',
          solution: 'Flexible Engine',
          attributes: { region: 'eu-west-0', project: 'test', quotas: defaultQuotas },
        },
      ]),
    );
    expect(back.counts).toMatchObject({ updated: 1, retired: 0 });
    expect((await assetsOf(contract)).find((row) => row.id === tenantId)?.retired_at).toBeNull();
    const shown = await h.app.inject({
      method: 'GET',
      url: `/api/contracts/${contract}/assets`,
      headers: { cookie: manager },
    });
    expect(bodyOf(shown, AssetPage).items.map((entry: { id: string }) => entry.id)).toContain(
      tenantId,
    );
  });

  it('a refused line does not retire the item it names', async () => {
    const contract = await newContract();
    await sync(ndjson([tenant(contract, 1), tenant(contract, 2)]));
    const run = await sync(
      ndjson([tenant(contract, 1), tenant(contract, 2, { attributes: {} })]),
      'mode=full',
    );
    expect(run.counts).toMatchObject({ unchanged: 1, rejected: 1, retired: 1 });
    const stored = await assetsOf(contract);
    expect(stored.filter((row) => row.retired_at !== null).map((row) => row.reference)).toEqual([
      `FE-${contract}-1`,
    ]);
  });
});

describe('the picker of the process item index', () => {
  it('sees a sync at once (the asset_versions triggers move the contract on)', async () => {
    const contract = await newContract();
    const items = Array.from({ length: 2600 }, (_, n) => tenant(contract, n + 1));
    expect((await sync(ndjson(items))).counts.created).toBe(2600);
    const search = async (q: string) => {
      const response = await h.app.inject({
        method: 'GET',
        url: `/api/contracts/${contract}/assets?q=${encodeURIComponent(q)}`,
        headers: { cookie: manager },
      });
      expect(response.statusCode).toBe(200);
      return bodyOf(response, AssetPage) as {
        items: { reference: string; label: string }[];
        total: number;
      };
    };
    expect((await search('sync-1234')).items.map((item) => item.label)).toEqual([
      'Service Flexible Engine sync-1234',
    ]);
    // the contract is now held in the process's index
    expect(itemIndexOf(h.database.db).get(contract)).toBeDefined();

    const renamed = items.map((item, n) =>
      n === 1233 ? { ...item, label: 'Service Flexible Engine renommé' } : item,
    );
    const run = await sync(ndjson(renamed.slice(0, 2500)), 'mode=full');
    expect(run.counts).toMatchObject({ updated: 1, unchanged: 2499, retired: 101 });
    expect((await search('sync-1234')).total).toBe(0);
    expect((await search('renommé')).items.map((item) => item.reference)).toEqual([
      `FE-${contract}-S1234`,
    ]);
    expect((await search('sync-2550')).total).toBe(0);
    expect((await search('sync-25')).total).toBe(12); // sync-25, sync-250…259, sync-2500
  });
});

describe('while a sync runs', () => {
  it('a search is answered, counted as interactive, and the sync still writes every line', async () => {
    const contract = await newContract();
    const lines = Array.from({ length: 700 }, (_, n) => tenant(contract, n + 1));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The body's second half arrives only once the search has been answered.
    async function* slowBody() {
      yield ndjson(lines.slice(0, 400));
      await gate;
      yield ndjson(lines.slice(400));
    }
    const syncing = h.app.inject({
      method: 'POST',
      url: '/api/back-office/inventory/sync',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: Readable.from(slowBody()),
    });
    let hasEnded = false;
    void syncing.finally(() => (hasEnded = true));
    // The run has begun once its transaction holds the sync's advisory lock.
    for (let tries = 0; ; tries += 1) {
      const { rows } = await sql<{ count: string }>`
        SELECT count(*) FROM pg_locks
        WHERE locktype = 'advisory' AND objid = 72917316 AND granted`.execute(h.database.db);
      if (Number(rows[0]?.count) > 0) break;
      if (tries > 200) throw new Error('the sync never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The sync's own request never counts as interactive: it would give way to itself.
    expect(interactiveRequests.activity().inFlight).toBe(0);

    const searched = performance.now();
    const search = await h.app.inject({
      method: 'GET',
      url: `/api/contracts/${contract}/assets?q=${encodeURIComponent('sync-1')}`,
      headers: { cookie: manager },
    });
    expect(search.statusCode).toBe(200);
    // The sync's writes are not committed: the picker sees the contract as it was.
    expect(bodyOf(search, AssetPage).total).toBe(0);
    expect(hasEnded).toBe(false);
    expect(interactiveRequests.activity().inFlight).toBe(0);
    expect(interactiveRequests.activity().msSinceLastStarted).toBeLessThanOrEqual(
      performance.now() - searched,
    );

    release();
    const response = await syncing;
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, InventorySyncRun).counts).toMatchObject({
      lines: 700,
      created: 700,
      rejected: 0,
    });
    expect(await assetsOf(contract)).toHaveLength(701);
  });
});

describe('the runs', () => {
  it('are listed newest first, page by page, with who ran them', async () => {
    const contract = await newContract();
    for (let n = 0; n < 3; n += 1) await sync(ndjson([tenant(contract, n)]));
    const first = await h.app.inject({
      method: 'GET',
      url: '/api/back-office/inventory/sync-runs?limit=2',
      headers: { cookie: admin },
    });
    expect(first.statusCode).toBe(200);
    const page = bodyOf(first, InventorySyncRunPage);
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const second = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/inventory/sync-runs?limit=2&cursor=${page.nextCursor}`,
      headers: { cookie: admin },
    });
    const next = bodyOf(second, InventorySyncRunPage);
    const all = [...page.items, ...next.items];
    const order = all.map((run) => [run.startedAt, run.id].join(' '));
    expect(order).toEqual([...order].sort().reverse());
    expect(new Set(all.map((run) => run.id)).size).toBe(all.length);
    expect(page.items[0]?.actor?.displayName).toBeTruthy();

    const missing = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/inventory/sync-runs/${demo.acme}`,
      headers: { cookie: admin },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('records the upload page as its source', async () => {
    const contract = await newContract();
    const response = await send(ndjson([tenant(contract, 1)]), {
      headers: { 'x-guichet-source': 'upload' },
    });
    expect(bodyOf(response, InventorySyncRun).source).toBe('upload');
  });
});

describe('the demo seed', () => {
  it('loads the demo items through the sync, with their stable ids, never again once loaded', async () => {
    const seeded = await h.database.db
      .selectFrom('inventory_sync_runs')
      .selectAll()
      .where('source', '=', 'cli')
      .where('actor_id', 'is', null)
      .execute();
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ status: 'applied', rejected: 0, updated: 0 });
    const demoItems = seeded[0]!.created;
    expect(demoItems).toBeGreaterThanOrEqual(10);
    expect(
      await h.database.db
        .selectFrom('assets')
        .select('reference')
        .where('id', 'in', [demo.acmeTenant, demo.acmeRds, demo.acmeGin, demo.globexTenant])
        .orderBy('reference')
        .execute(),
    ).toEqual([
      { reference: 'FE-OCB0005121-1' },
      { reference: 'FE-OCB0007001-1' },
      { reference: 'GIN-OCB0005121-1' },
      { reference: 'RDS-OCB0005121-1' },
    ]);

    // once loaded, the items are the provider's: a restart's seed neither runs a sync again
    // nor brings back a demo item the provider retired
    await h.database.db
      .updateTable('assets')
      .set({ retired_at: new Date('2026-11-19T10:00:00Z') })
      .where('id', '=', demo.acmeGin)
      .execute();
    await seedDemoData({ db: h.database.db, clock: () => new Date('2026-11-20T10:00:00Z') });
    const runs = await h.database.db
      .selectFrom('inventory_sync_runs')
      .select('id')
      .where('source', '=', 'cli')
      .where('actor_id', 'is', null)
      .execute();
    expect(runs).toHaveLength(1);
    const gin = await h.database.db
      .selectFrom('assets')
      .select('retired_at')
      .where('id', '=', demo.acmeGin)
      .executeTakeFirstOrThrow();
    expect(gin.retired_at).toEqual(new Date('2026-11-19T10:00:00Z'));
  });
});
