import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import {
  DomainError,
  findInvalidText,
  inventoryCsvColumns,
  inventorySyncOutcome,
  mayHoldInvalidText,
  parseCsvRecord,
  rolesWith,
} from '@guichet/domain';
import {
  InventorySyncLine,
  inventorySyncErrorCodes,
  inventorySyncMaxErrors,
  inventorySyncMaxLineBytes,
} from '@guichet/contracts';
import type {
  InventorySyncCounts,
  InventorySyncError,
  InventorySyncErrorCode,
  InventorySyncMode,
  InventorySyncRun,
  InventorySyncRunPage,
  InventorySyncRunsQuery,
  InventorySyncSource,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import { interactiveRequests } from '../../http/interactive-requests.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repository from './inventory-sync.repository.ts';
import type { ItemRow, StoredRun } from './inventory-sync.repository.ts';
import { paceOf, syncPacing } from './pace.ts';
import { splitRecords } from './records.ts';
import type { FileRecord } from './records.ts';

export type InventoryFileFormat = 'ndjson' | 'csv';

export interface InventorySyncInput {
  /** Who runs it: an operator, or nobody (the CLI on the database, the seed). */
  actor: { id: string; displayName: string; email: string } | null;
  source: InventorySyncSource;
  mode: InventorySyncMode;
  isDryRun: boolean;
  isStrict: boolean;
  format: InventoryFileFormat;
  /** The file, as it arrives: never held whole. */
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  /** The id of an item the run creates (default: a random uuid). */
  idFor?: (contractId: string, reference: string) => string;
  ip?: string | null;
}

/** Lines checked between two turns of the event loop (about a millisecond of work). */
const yieldEvery = 200;

/**
 * A turn of the event loop; while interactive requests are in flight, a wait (bounded) for
 * them to be answered: the sync's reading, checking and writing all give way to them.
 */
async function giveWay(): Promise<void> {
  const { waitMs } = paceOf(interactiveRequests.activity());
  if (waitMs > 0) await interactiveRequests.whenNone(waitMs);
  else await new Promise((resolve) => setImmediate(resolve));
}

const ajv = new Ajv2020({ allErrors: true, strict: true });

/** The JSON Schemas of the item types (table `asset_types`), compiled once per run. */
async function loadValidators(db: Db): Promise<Map<string, ValidateFunction>> {
  const types = await repository.listAssetTypes(db);
  return new Map(types.map((row) => [row.type, ajv.compile(row.attributes_schema)]));
}

function attributePath(error: ErrorObject): string {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  const path = leaf === undefined ? base : base === '' ? leaf : `${base}.${leaf}`;
  return path === '' ? 'attributes' : `attributes.${path}`;
}

type LineError = Omit<InventorySyncError, 'line'>;
const lineError = (code: InventorySyncErrorCode, path: string, message: string): LineError => ({
  code,
  path,
  message,
});

/** The item a record holds, or why it holds none. */
type ParsedLine =
  { item: InventorySyncLine; errors: LineError[] } | { item: null; errors: LineError[] };

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(record: FileRecord & { isTooLong: false }): string | null {
  try {
    return decoder.decode(record.bytes);
  } catch {
    return null;
  }
}

function fromNdjson(text: string): { value: unknown } | { error: LineError } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return {
      error: lineError('invalid_json', '', error instanceof Error ? error.message : 'Invalid JSON'),
    };
  }
}

function fromCsv(text: string): { value: unknown } | { error: LineError } {
  const fields = parseCsvRecord(text);
  if (fields === null) return { error: lineError('invalid_csv', '', 'Broken CSV quoting') };
  if (fields.length !== inventoryCsvColumns.length) {
    return {
      error: lineError(
        'invalid_csv',
        '',
        `Expected ${inventoryCsvColumns.length} fields, found ${fields.length}`,
      ),
    };
  }
  const [contract, reference, type, label, site, solution, attributes] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  let parsed: unknown;
  try {
    parsed = JSON.parse(attributes);
  } catch (error) {
    return {
      error: lineError(
        'invalid_json',
        'attributes',
        error instanceof Error ? error.message : 'Invalid JSON',
      ),
    };
  }
  return {
    value: {
      contract,
      reference,
      type,
      label,
      site: site === '' ? null : site,
      solution: solution === '' ? null : solution,
      attributes: parsed,
    },
  };
}

/** Checks one record on its own (what needs no database): text, shape, type, attributes. */
function parseRecord(
  record: FileRecord,
  format: InventoryFileFormat,
  validators: Map<string, ValidateFunction>,
): ParsedLine {
  if (record.isTooLong) {
    return {
      item: null,
      errors: [
        lineError('line_too_long', '', `A line holds at most ${inventorySyncMaxLineBytes} bytes`),
      ],
    };
  }
  const text = decode(record);
  if (text === null) {
    return { item: null, errors: [lineError('invalid_text', '', 'The line is not valid UTF-8')] };
  }
  const read = format === 'ndjson' ? fromNdjson(text) : fromCsv(text);
  if ('error' in read) return { item: null, errors: [read.error] };
  const invalidText = mayHoldInvalidText(text) ? findInvalidText(read.value) : null;
  if (invalidText !== null) {
    return {
      item: null,
      errors: [
        lineError(
          'invalid_text',
          invalidText,
          'Control characters and lone surrogates are not allowed in text',
        ),
      ],
    };
  }
  const shaped = InventorySyncLine.safeParse(read.value);
  if (!shaped.success) {
    return {
      item: null,
      errors: shaped.error.issues.map((issue) =>
        lineError('invalid_line', issue.path.join('.'), issue.message),
      ),
    };
  }
  const item = shaped.data;
  const validate = validators.get(item.type);
  if (!validate) {
    return {
      item,
      errors: [lineError('unknown_type', 'type', `Unknown item type ${item.type}`)],
    };
  }
  if (!validate(item.attributes)) {
    return {
      item,
      errors: (validate.errors ?? []).map((error) =>
        lineError('attributes_invalid', attributePath(error), error.message ?? 'invalid'),
      ),
    };
  }
  return { item, errors: [] };
}

function checkCsvHeader(record: FileRecord): void {
  const text = record.isTooLong ? null : decode(record);
  const fields = text === null ? null : parseCsvRecord(text.replace(/^\uFEFF/, ''));
  if (fields === null || fields.join(',') !== inventoryCsvColumns.join(',')) {
    throw new DomainError('validation_failed', 'The CSV file must start with its header line', [
      { path: 'body', message: `The first line must be ${inventoryCsvColumns.join(',')}` },
    ]);
  }
}

/** Thrown inside the run's transaction to roll it back (dry run, strict rejection). */
class RolledBack extends Error {}

/**
 * Runs one sync: reads the file as it streams, checks each line, writes batches in ONE
 * transaction (a dry run or a strict rejection rolls it back), retires in `full` mode, and
 * records the run (and an audit entry) whatever its outcome.
 */
export async function runInventorySync(
  deps: Deps,
  input: InventorySyncInput,
): Promise<InventorySyncRun> {
  const id = randomUUID();
  const startedAt = deps.clock();
  const started = performance.now();
  const idFor = input.idFor ?? (() => randomUUID());
  const counts: InventorySyncCounts = {
    lines: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    retired: 0,
    rejected: 0,
  };
  let errors: InventorySyncError[] = [];
  const report = (line: number, found: LineError[]) => {
    for (const error of found) errors.push({ line, ...error });
    // Keeps the smallest line numbers: batches may report out of order.
    if (errors.length > 2 * inventorySyncMaxErrors) {
      errors = errors.sort((a, b) => a.line - b.line).slice(0, inventorySyncMaxErrors);
    }
  };

  const work = async (trx: Db) => {
    await repository.lockSync(trx);
    await repository.createSeenKeys(trx);
    const validators = await loadValidators(trx);
    /** Contracts known to exist, named by the file (few: one per contract). */
    const named = new Set<string>();

    const flush = async (rows: ItemRow[]) => {
      const unknown = [...new Set(rows.map((row) => row.contractId))].filter(
        (contractId) => !named.has(contractId),
      );
      if (unknown.length > 0) {
        for (const contractId of await repository.existingContracts(trx, unknown)) {
          named.add(contractId);
        }
      }
      const known = rows.filter((row) => {
        if (named.has(row.contractId)) return true;
        if (row.isValid) {
          counts.rejected += 1;
          report(row.line, [
            lineError('unknown_contract', 'contract', `Unknown contract ${row.contractId}`),
          ]);
        }
        return false;
      });
      if (known.length === 0) return;
      const written = await repository.writeBatch(trx, known);
      for (const line of written.duplicates) {
        report(line, [
          lineError('duplicate_reference', 'reference', 'This reference is already in the file'),
        ]);
      }
      counts.rejected += written.duplicates.length;
      counts.created += written.created;
      counts.updated += written.updated;
      counts.unchanged +=
        known.filter((row) => row.isValid).length -
        written.created -
        written.updated -
        written.duplicates.length;
    };

    let batch: ItemRow[] = [];
    // One batch is written while the next one is read and checked.
    let writing: Promise<void> = Promise.resolve();
    let isFirst = true;
    for await (const record of splitRecords(input.body, {
      maxBytes: inventorySyncMaxLineBytes,
      isQuoted: input.format === 'csv',
    })) {
      if (isFirst && input.format === 'csv') {
        isFirst = false;
        checkCsvHeader(record);
        continue;
      }
      isFirst = false;
      counts.lines += 1;
      // Buffered lines are read without returning to the event loop: give it a turn now and
      // then, so that the process's other requests never wait behind a whole batch.
      if (counts.lines % yieldEvery === 0) await giveWay();
      const parsed = parseRecord(record, input.format, validators);
      if (parsed.errors.length > 0) {
        counts.rejected += 1;
        report(record.line, parsed.errors);
      }
      // A refused line whose key is readable still counts as held: a typo in its attributes
      // must not retire the item, and a later line with its key is a duplicate.
      if (parsed.item === null) continue;
      const { item } = parsed;
      batch.push({
        line: record.line,
        isValid: parsed.errors.length === 0,
        id: idFor(item.contract, item.reference),
        contractId: item.contract,
        reference: item.reference,
        label: item.label,
        type: item.type,
        site: item.site ?? null,
        solution: item.solution ?? null,
        attributes: item.attributes,
      });
      // Batches are small while people use this process, big when the sync runs alone.
      if (
        batch.length >= syncPacing.sharedBatchSize &&
        batch.length >= paceOf(interactiveRequests.activity()).batchSize
      ) {
        await writing;
        // Between two statements: the requests in flight are answered first (bounded).
        await giveWay();
        const rows = batch;
        batch = [];
        writing = flush(rows);
        // Rejections surface at the next await; keep the promise from being unhandled.
        writing.catch(() => undefined);
      }
    }
    await writing;
    if (batch.length > 0) await flush(batch);
    if (input.mode === 'full') {
      counts.retired = await repository.retireUnseen(trx, [...named].sort(), deps.clock());
    }
  };

  const finish = (): InventorySyncRun => {
    errors = errors.sort((a, b) => a.line - b.line).slice(0, inventorySyncMaxErrors);
    return {
      id,
      startedAt: startedAt.toISOString(),
      finishedAt: deps.clock().toISOString(),
      actor: input.actor ? { id: input.actor.id, displayName: input.actor.displayName } : null,
      source: input.source,
      mode: input.mode,
      isDryRun: input.isDryRun,
      isStrict: input.isStrict,
      status: inventorySyncOutcome({
        isDryRun: input.isDryRun,
        isStrict: input.isStrict,
        rejectedLines: counts.rejected,
      }),
      counts,
      errors,
      durationMs: Math.round(performance.now() - started),
    };
  };

  let run: InventorySyncRun | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      await work(trx);
      run = finish();
      if (run.status !== 'applied') throw new RolledBack();
      await record({ ...deps, db: trx }, run, input);
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  if (run === null) throw new Error('the sync ended without a run');
  const done: InventorySyncRun = run;
  if (done.status !== 'applied') {
    await deps.db.transaction().execute((trx) => record({ ...deps, db: trx }, done, input));
  }
  return done;
}

async function record(deps: Deps, run: InventorySyncRun, input: InventorySyncInput) {
  await repository.insertRun(deps.db, {
    id: run.id,
    started_at: new Date(run.startedAt),
    finished_at: new Date(run.finishedAt),
    actor_id: run.actor?.id ?? null,
    source: run.source,
    mode: run.mode,
    is_dry_run: run.isDryRun,
    is_strict: run.isStrict,
    status: run.status,
    ...run.counts,
    errors: run.errors,
    duration_ms: run.durationMs,
  });
  await recordAudit(deps, {
    kind: 'inventory_synced',
    actor: input.actor ? { id: input.actor.id, email: input.actor.email } : null,
    target: { type: 'inventory_sync_run', id: run.id },
    ip: input.ip ?? null,
    data: {
      source: run.source,
      mode: run.mode,
      isDryRun: run.isDryRun,
      isStrict: run.isStrict,
      status: run.status,
      counts: run.counts,
    },
  });
}

const formats: Record<string, InventoryFileFormat> = {
  'application/x-ndjson': 'ndjson',
  'text/csv': 'csv',
};

/** The file's format from its `Content-Type` (parameters such as charset ignored), or 415. */
export function formatOf(contentType: string | undefined): InventoryFileFormat {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = formats[media];
  if (!format) {
    throw new DomainError(
      'unsupported_media_type',
      'Send the file as application/x-ndjson or text/csv',
      [{ path: 'headers.content-type', message: 'application/x-ndjson or text/csv' }],
    );
  }
  return format;
}

/** `POST /api/back-office/inventory/sync`: admins only, the body streamed. */
export async function syncFromRequest(
  deps: Deps,
  auth: AuthContext,
  request: {
    mode: InventorySyncMode;
    isDryRun: boolean;
    isStrict: boolean;
    contentType: string | undefined;
    source: string | undefined;
    body: AsyncIterable<Buffer | string> | undefined;
    ip: string;
  },
): Promise<InventorySyncRun> {
  requireOperator(auth, rolesWith('sync_inventory'));
  const format = formatOf(request.contentType);
  if (request.source !== undefined && request.source !== 'upload') {
    throw new DomainError('validation_failed', 'Unknown source', [
      { path: 'headers.x-guichet-source', message: 'The only value is upload' },
    ]);
  }
  return runInventorySync(deps, {
    actor: { id: auth.user.id, displayName: auth.user.displayName, email: auth.user.email },
    source: request.source === 'upload' ? 'upload' : 'api',
    mode: request.mode,
    isDryRun: request.isDryRun,
    isStrict: request.isStrict,
    format,
    body: request.body ?? [],
    ip: request.ip,
  });
}

const isErrorCode = (code: string): code is InventorySyncErrorCode =>
  (inventorySyncErrorCodes as readonly string[]).includes(code);

function toRunView(row: StoredRun): InventorySyncRun {
  return {
    id: row.id,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    actor: row.actor_id === null ? null : { id: row.actor_id, displayName: row.actor_name ?? '' },
    source: row.source,
    mode: row.mode,
    isDryRun: row.is_dry_run,
    isStrict: row.is_strict,
    status: row.status,
    counts: {
      lines: row.lines,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      retired: row.retired,
      rejected: row.rejected,
    },
    // Stored by `record` from the run's own errors: every code is one of the list.
    errors: row.errors.flatMap((error) =>
      isErrorCode(error.code) ? [{ ...error, code: error.code }] : [],
    ),
    durationMs: row.duration_ms,
  };
}

export async function listRuns(
  deps: Deps,
  auth: AuthContext,
  query: InventorySyncRunsQuery,
): Promise<InventorySyncRunPage> {
  requireOperator(auth, rolesWith('sync_inventory'));
  const rows = await repository.listRuns(deps.db, {
    limit: query.limit,
    ...omitEmpty({ before: keysetOf(query.cursor) }),
  });
  return keysetPage(rows, query.limit, toRunView, (last) => [
    last.started_at.toISOString(),
    last.id,
  ]);
}

export async function getRun(deps: Deps, auth: AuthContext, id: string): Promise<InventorySyncRun> {
  requireOperator(auth, rolesWith('sync_inventory'));
  const row = await repository.findRun(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Inventory sync run not found');
  return toRunView(row);
}
