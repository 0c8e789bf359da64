import { z } from 'zod';
import { Uuid } from './common.ts';

/**
 * Inventory sync: the provider's CMDB or cloud APIs push their items into Guichet.
 *
 * `POST /api/back-office/inventory/sync?mode=upsert|full&dryRun=true|false&strict=true|false`
 * (admin operators, capability `sync_inventory`). The body is the file itself, streamed:
 * - `Content-Type: application/x-ndjson`: one `InventorySyncLine` (JSON object) a line;
 * - `Content-Type: text/csv`: a header line `contract,reference,type,label,site,solution,attributes`
 *   then one item a row, RFC 4180 quoting, `attributes` a JSON object in its cell, an empty
 *   `site` / `solution` cell meaning null.
 * Any other content type answers 415 `unsupported_media_type`. Lines are 64 KB at most.
 *
 * Where the run comes from: the header `X-Guichet-Source: upload` marks a file sent by the
 * back-office upload page (the web app sends it); without it the run is recorded as `api`.
 * The CLI working on the database directly records `cli`. Any other header value → 400.
 *
 * The answer is always 200 with the run (`InventorySyncRun`), also when it was `rejected`
 * (strict mode and at least one bad line: nothing written) or a dry run; in both, the counts
 * say what the file would have done (created, updated, unchanged, retired).
 */
export const inventorySyncModes = ['upsert', 'full'] as const;
export type InventorySyncMode = (typeof inventorySyncModes)[number];
export const inventorySyncSources = ['api', 'cli', 'upload'] as const;
export type InventorySyncSource = (typeof inventorySyncSources)[number];
export const inventorySyncStatuses = ['applied', 'dry_run', 'rejected'] as const;
export type InventorySyncStatus = (typeof inventorySyncStatuses)[number];

/** The header the upload page sends (its value `upload`). */
export const inventorySyncSourceHeader = 'x-guichet-source';
export const inventorySyncContentTypes = ['application/x-ndjson', 'text/csv'] as const;
/** The longest line accepted, in bytes (its terminator excluded). */
export const inventorySyncMaxLineBytes = 64 * 1024;
/** How many line errors a run keeps (its counts still count them all). */
export const inventorySyncMaxErrors = 100;

const booleanQuery = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

export const InventorySyncQuery = z.object({
  /** `upsert`: create or update by (contract, reference). `full`: also retire the items of
   *  every contract named in the file that the file no longer holds. */
  mode: z.enum(inventorySyncModes).default('upsert'),
  /** Runs everything, reports the counts, writes nothing but the run's record. */
  dryRun: booleanQuery,
  /** Any bad line rejects the whole file (status `rejected`, nothing written). */
  strict: booleanQuery,
});
export type InventorySyncQuery = z.infer<typeof InventorySyncQuery>;

/** One item of the file (an NDJSON line; a CSV row has the same fields). */
export const InventorySyncLine = z.object({
  contract: z.string().min(1).max(20),
  reference: z.string().min(1).max(200),
  type: z.string().min(1).max(50),
  label: z.string().min(1).max(500),
  site: z.string().max(200).nullable().optional(),
  solution: z.string().max(200).nullable().optional(),
  /** Validated by the JSON Schema of the item's type (`fe_tenant`, `rds_licence_pool`, `gin_access`). */
  attributes: z.record(z.string(), z.unknown()),
});
export type InventorySyncLine = z.infer<typeof InventorySyncLine>;

/**
 * Codes of a line's error (the run goes on with the next line unless strict):
 * `invalid_json`, `invalid_csv`, `line_too_long`, `invalid_text` (control characters or lone
 * surrogates), `invalid_line` (a field missing or of the wrong type), `unknown_contract`,
 * `unknown_type`, `attributes_invalid`, `duplicate_reference` (the second occurrence).
 */
export const inventorySyncErrorCodes = [
  'invalid_json',
  'invalid_csv',
  'line_too_long',
  'invalid_text',
  'invalid_line',
  'unknown_contract',
  'unknown_type',
  'attributes_invalid',
  'duplicate_reference',
] as const;
export type InventorySyncErrorCode = (typeof inventorySyncErrorCodes)[number];

export const InventorySyncError = z.object({
  /** 1-based line number in the file (a CSV's header is line 1). */
  line: z.number().int(),
  /** The field, e.g. `contract`, `attributes.quotas.vcpus`; `` for the whole line. */
  path: z.string(),
  code: z.enum(inventorySyncErrorCodes),
  message: z.string(),
});
export type InventorySyncError = z.infer<typeof InventorySyncError>;

export const InventorySyncCounts = z.object({
  /** Item lines read (a CSV's header and blank lines not counted). */
  lines: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  retired: z.number().int(),
  rejected: z.number().int(),
});
export type InventorySyncCounts = z.infer<typeof InventorySyncCounts>;

export const InventorySyncRun = z
  .object({
    id: Uuid,
    startedAt: z.string(),
    finishedAt: z.string(),
    /** The operator who ran it; null for the CLI on the database and the seed. */
    actor: z.object({ id: Uuid, displayName: z.string() }).nullable(),
    source: z.enum(inventorySyncSources),
    mode: z.enum(inventorySyncModes),
    isDryRun: z.boolean(),
    isStrict: z.boolean(),
    status: z.enum(inventorySyncStatuses),
    counts: InventorySyncCounts,
    /** The first 100 line errors, in line order. */
    errors: z.array(InventorySyncError),
    durationMs: z.number().int(),
  })
  .meta({ id: 'InventorySyncRun' });
export type InventorySyncRun = z.infer<typeof InventorySyncRun>;

/** `GET /api/back-office/inventory/sync-runs?cursor=`: newest first, 50 a page. */
export const InventorySyncRunsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InventorySyncRunsQuery = z.infer<typeof InventorySyncRunsQuery>;

export const InventorySyncRunPage = z.object({
  items: z.array(InventorySyncRun),
  nextCursor: z.string().nullable(),
});
export type InventorySyncRunPage = z.infer<typeof InventorySyncRunPage>;
