import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { InventorySyncRun, inventorySyncModes } from '@guichet/contracts';
import type { InventorySyncMode } from '@guichet/contracts';
import { loadConfig } from './config.ts';
import { onConfiguredDatabase } from './lib/configured-database.ts';
import { runInventorySync } from './features/inventory-sync/inventory-sync.service.ts';
import type { InventoryFileFormat } from './features/inventory-sync/inventory-sync.service.ts';

// `npm run inventory:sync -- --file items.ndjson [--mode full] [--dry-run] [--strict]
//   [--format csv] [--url URL --token TOKEN]`: with --url, the file is streamed to that
// Guichet's API (an admin's token); without, the run works on the configured database.
const usage =
  'usage: npm run inventory:sync -- --file items.ndjson|items.csv [--mode upsert|full] ' +
  '[--dry-run] [--strict] [--format ndjson|csv] [--url https://guichet.example --token TOKEN]';

function fail(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        file: { type: 'string' },
        mode: { type: 'string', default: 'upsert' },
        'dry-run': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        format: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
      },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

const file = values.file ?? fail('--file is required');
if (!existsSync(file) || !statSync(file).isFile()) fail(`--file: no such file ${file}`);
const mode = values.mode as InventorySyncMode;
if (!inventorySyncModes.includes(mode)) fail(`--mode must be upsert or full (got ${values.mode})`);
const format: InventoryFileFormat =
  values.format === 'csv' || values.format === 'ndjson'
    ? values.format
    : values.format === undefined
      ? path.extname(file).toLowerCase() === '.csv'
        ? 'csv'
        : 'ndjson'
      : fail(`--format must be ndjson or csv (got ${values.format})`);
if (values.url !== undefined && values.token === undefined) fail('--url needs --token');

async function overHttp(url: string, token: string): Promise<InventorySyncRun> {
  const query = new URLSearchParams({
    mode,
    dryRun: String(values['dry-run']),
    strict: String(values.strict),
  });
  const response = await fetch(
    `${url.replace(/\/+$/, '')}/api/back-office/inventory/sync?${query.toString()}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      },
      body: Readable.toWeb(createReadStream(file)),
      duplex: 'half',
    },
  );
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    console.error(`The API answered ${response.status}: ${JSON.stringify(body)}`);
    process.exit(2);
  }
  return InventorySyncRun.parse(body);
}

function onDatabase(): Promise<InventorySyncRun> {
  return onConfiguredDatabase(loadConfig(), (db) =>
    runInventorySync(
      { db, clock: () => new Date() },
      {
        actor: null,
        source: 'cli',
        mode,
        isDryRun: values['dry-run'],
        isStrict: values.strict,
        format,
        body: createReadStream(file),
      },
    ),
  );
}

const run =
  values.url !== undefined ? await overHttp(values.url, values.token ?? '') : await onDatabase();
const { counts } = run;
console.info(
  `${run.status} (${run.mode}${run.isDryRun ? ', dry run' : ''}${run.isStrict ? ', strict' : ''}) ` +
    `in ${run.durationMs} ms — run ${run.id}`,
);
console.info(
  `lines ${counts.lines}: created ${counts.created}, updated ${counts.updated}, ` +
    `unchanged ${counts.unchanged}, retired ${counts.retired}, rejected ${counts.rejected}`,
);
for (const error of run.errors.slice(0, 20)) {
  console.info(`  line ${error.line} ${error.path || '(line)'}: ${error.code} — ${error.message}`);
}
if (run.errors.length > 20) console.info(`  … ${counts.rejected} lines rejected in all`);
process.exit(run.status === 'rejected' ? 1 : 0);
