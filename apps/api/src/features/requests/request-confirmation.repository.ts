import { prepared } from '@guichet/db';
import type { Db } from '@guichet/db';
import type {
  ConfirmationOutcome,
  ContractStatus,
  FormDefinition,
  PricedDecision,
  RequestStatus,
} from '@guichet/domain';
import { sql } from 'kysely';
import type { RequestRow } from './requests.repository.ts';

interface ContextTarget {
  contractId: string;
  assetId: string | null;
  catalogId: string | null;
  articleId: string | null;
  userId: string;
  idempotencyKey: string | null;
}

/**
 * What confirming a new request needs to know, in one round trip (decision 0010): the
 * contract, the item if it belongs to it, the article's current version, the catalog if it
 * applies to the contract, whether the user may confirm on a contract that keeps authorised
 * requesters, and an earlier use of the idempotency key. Reads the tables of the contracts,
 * inventory, catalogs and rights features on purpose: the confirm path is the hot one.
 */
export async function findConfirmationContext(db: Db, target: ContextTarget) {
  const { rows } = await contextQuery<ConfirmationContext>(target, null).execute(db);
  return rows[0];
}

/** The same read for confirming a draft, with the draft's row as it is now (not locked). */
export async function findDraftConfirmationContext(
  db: Db,
  target: Omit<ContextTarget, 'idempotencyKey'> & { draftId: string },
) {
  const { rows } = await contextQuery<DraftConfirmationContext>(
    { ...target, idempotencyKey: null },
    target.draftId,
  ).execute(db);
  return rows[0];
}

function contextQuery<Row>(target: ContextTarget, draftId: string | null) {
  const name = draftId === null ? 'confirmation-context' : 'draft-confirmation-context';
  const draft =
    draftId === null
      ? { columns: sql``, join: sql`` }
      : {
          columns: sql`,
      d.id AS draft_id, d.contract_id AS draft_contract_id, d.author_id AS draft_author_id,
      d.status AS draft_status, d.version AS draft_version`,
          join: sql`
    LEFT JOIN requests d ON d.id = ${draftId}`,
        };
  return sql<Row>`${sql.raw(prepared(name))}
    SELECT c.id AS contract_id, c.time_zone, c.free_changes_per_month, c.token_price_eur,
      c.restricts_requesters, c.status AS contract_status,
      EXISTS (SELECT FROM approval_rules ap WHERE ap.contract_id = c.id) AS has_approval_rules,
      EXISTS (SELECT FROM contract_requesters r
              WHERE r.contract_id = c.id AND r.user_id = ${target.userId}) AS is_requester,
      k.request_id AS claimed_request_id, k.fingerprint AS claimed_fingerprint,
      a.id AS asset_id, a.type AS asset_type, a.reference AS asset_reference,
      a.label AS asset_label, a.attributes AS asset_attributes,
      cat.id AS catalog_id, cat.asset_types, cat.name_fr AS catalog_name_fr,
      cat.name_en AS catalog_name_en,
      ar.id AS article_id, ar.catalog_id AS article_catalog_id,
      cg.name_fr AS category_name_fr, cg.name_en AS category_name_en,
      v.id AS version_id, v.name_fr AS article_name_fr, v.name_en AS article_name_en,
      v.billing_mode, v.price_tokens, v.form, v.json_schema${draft.columns}
    FROM contracts c
    LEFT JOIN idempotency_keys k ON k.user_id = ${target.userId} AND k.key = ${target.idempotencyKey}
    LEFT JOIN assets a ON a.id = ${target.assetId} AND a.contract_id = c.id
      AND a.retired_at IS NULL
    LEFT JOIN articles ar ON ar.id = ${target.articleId}
    LEFT JOIN article_versions v ON v.id = ar.current_version_id
    LEFT JOIN categories cg ON cg.id = ar.category_id
    LEFT JOIN catalogs cat ON cat.id = coalesce(${target.catalogId}::uuid, ar.catalog_id)
      AND (c.offer = ANY (cat.offers) OR c.id = ANY (cat.contract_ids))${draft.join}
    WHERE c.id = ${target.contractId}`;
}

export interface ConfirmationContext {
  contract_id: string;
  time_zone: string;
  free_changes_per_month: number;
  token_price_eur: string;
  restricts_requesters: boolean;
  contract_status: ContractStatus;
  /** The contract has approval rules: its confirmations take the general path (0034). */
  has_approval_rules: boolean;
  is_requester: boolean;
  claimed_request_id: string | null;
  claimed_fingerprint: string | null;
  asset_id: string | null;
  asset_type: string | null;
  asset_reference: string | null;
  asset_label: string | null;
  asset_attributes: Record<string, unknown> | null;
  catalog_id: string | null;
  asset_types: string[] | null;
  catalog_name_fr: string | null;
  catalog_name_en: string | null;
  article_id: string | null;
  article_catalog_id: string | null;
  category_name_fr: string | null;
  category_name_en: string | null;
  version_id: string | null;
  article_name_fr: string | null;
  article_name_en: string | null;
  billing_mode: 'included' | 'counted' | 'quote' | null;
  price_tokens: number | null;
  form: FormDefinition | null;
  json_schema: Record<string, unknown> | null;
}

/** The draft being confirmed, as the context read saw it; all null when there is none. */
export interface DraftConfirmationContext extends ConfirmationContext {
  draft_id: string | null;
  draft_contract_id: string | null;
  draft_author_id: string | null;
  draft_status: RequestStatus | null;
  draft_version: number | null;
}

/** What both forms of the confirmation statement write. */
type ConfirmationWrite = RequestRow & {
  authorId: string;
  at: Date;
  billingMonth: string;
  year: number;
  numberPrefix: string;
  numberDigits: number;
  outcomes: readonly ConfirmationOutcome[];
  receipt: {
    mailId: string;
    to: string;
    placeholder: string;
    mails: readonly { subject: string; text: string; html: string }[];
  } | null;
};

/** What the confirmation statement writes: a new request. */
export type ConfirmedWrite = ConfirmationWrite & {
  idempotency: { key: string; fingerprint: string } | null;
};

/** What the draft's confirmation statement writes: the caller's draft, at this version. */
export type ConfirmedDraftWrite = ConfirmationWrite & { expectedVersion: number };

export interface ConfirmedRow {
  claimed: boolean;
  number: string | null;
  status: RequestStatus | null;
  billing: PricedDecision | null;
}

/**
 * The steps both forms share, once `go` said whether to write: a free change of the month if
 * one is left, the outcome it picks, the year's next number unless the outcome is refused.
 */
function numberingSteps(write: ConfirmationWrite) {
  const last = write.outcomes.length - 1;
  return sql`took AS (
      INSERT INTO free_change_usage AS usage (contract_id, month, used)
      SELECT ${write.contractId}::text, ${write.billingMonth}::date, 1
      FROM go WHERE go.claimed AND ${last}::int > 0
      ON CONFLICT (contract_id, month) DO UPDATE SET used = usage.used + 1
        WHERE usage.used < ${last}::int
      RETURNING used
    ),
    pick AS (
      SELECT ${JSON.stringify(write.outcomes)}::jsonb -> coalesce((SELECT used FROM took), 0) AS variant
      FROM go WHERE go.claimed
    ),
    allowed AS (SELECT variant FROM pick WHERE NOT (variant ->> 'isRefused')::boolean),
    num AS (
      INSERT INTO request_counters AS counter (year, last)
      SELECT ${write.year}::int, 1 FROM allowed
      ON CONFLICT (year) DO UPDATE SET last = counter.last + 1
      RETURNING last
    ),
    numbered AS (
      SELECT allowed.variant,
        ${write.numberPrefix}::text
          || lpad(num.last::text, greatest(${write.numberDigits}::int, length(num.last::text)), '0')
          AS number
      FROM allowed, num
    )`;
}

/** The receipt of the status the outcome leads to, its placeholder replaced by the number. */
function receiptStep(write: ConfirmationWrite) {
  const receipt = write.receipt;
  return sql`receipt AS (
      INSERT INTO mail_outbox (id, to_address, subject, text_body, html_body, kind, request_id,
        created_at)
      SELECT ${receipt?.mailId ?? null}::uuid, ${receipt?.to ?? null}::text,
        replace(m.mail ->> 'subject', ${receipt?.placeholder ?? ''}::text, req.number),
        replace(m.mail ->> 'text', ${receipt?.placeholder ?? ''}::text, req.number),
        replace(m.mail ->> 'html', ${receipt?.placeholder ?? ''}::text, req.number),
        'request_confirmed', req.id, ${write.at}::timestamptz
      FROM req, numbered,
        LATERAL (SELECT ${JSON.stringify(receipt?.mails ?? [])}::jsonb
                   -> ((numbered.variant ->> 'mail')::int) AS mail) m
      WHERE ${receipt?.to ?? null}::text IS NOT NULL
    )`;
}

/** The statement itself, not run: `insertConfirmedRequest` runs it, the SQL snapshot prints it. */
export function confirmationStatement(write: ConfirmedWrite) {
  const key = write.idempotency?.key ?? null;
  return sql<ConfirmedRow>`${sql.raw(prepared('confirm-request'))}
    WITH claim AS (
      INSERT INTO idempotency_keys (user_id, key, fingerprint, request_id, created_at)
      SELECT ${write.authorId}::uuid, ${key}::text, ${write.idempotency?.fingerprint ?? null}::text,
        ${write.id}::uuid, ${write.at}::timestamptz
      WHERE ${key}::text IS NOT NULL
      ON CONFLICT (user_id, key) DO NOTHING
      RETURNING request_id
    ),
    go AS (SELECT ${key}::text IS NULL OR EXISTS (SELECT FROM claim) AS claimed),
    ${numberingSteps(write)},
    req AS (
      INSERT INTO requests (id, number, contract_id, asset_id, catalog_id, article_id,
        article_version_id, "values", customer_reference, comment, outside_business_hours,
        status, billing, billing_month, author_id, created_at, updated_at, issued_at,
        submitted_at)
      SELECT ${write.id}::uuid, numbered.number, ${write.contractId}::text, ${write.assetId}::uuid,
        ${write.catalogId}::uuid, ${write.articleId}::uuid, ${write.articleVersionId}::uuid,
        ${JSON.stringify(write.values)}::jsonb, ${write.customerReference}::text,
        ${write.comment}::text, ${write.outsideBusinessHours}::boolean,
        numbered.variant ->> 'status', numbered.variant -> 'billing',
        ${write.billingMonth}::date, ${write.authorId}::uuid, ${write.at}::timestamptz, ${write.at}::timestamptz, ${write.at}::timestamptz,
        ${write.at}::timestamptz
      FROM numbered
      RETURNING id, number, status, billing
    ),
    events AS (
      INSERT INTO request_events (request_id, actor_id, kind, from_status, to_status, at, data)
      SELECT req.id, ${write.authorId}::uuid, e.kind, e.from_status, coalesce(e.to_status, req.status),
        ${write.at}::timestamptz,
        CASE WHEN e.kind = 'confirmed' THEN jsonb_build_object('billing', req.billing)
             ELSE '{}'::jsonb END
      FROM req, (VALUES (1, 'created', NULL, 'draft'), (2, 'confirmed', 'draft', NULL))
        AS e (position, kind, from_status, to_status)
      ORDER BY e.position
    ),
    ${receiptStep(write)}
    SELECT go.claimed, req.number, req.status, req.billing FROM go LEFT JOIN req ON true`;
}

/**
 * The draft's form of the statement, not run: `updateConfirmedDraft` runs it, the SQL
 * snapshot prints it. `draft` locks the caller's draft if it is still one, at the version the
 * caller saw, before any counter is touched; the request's row is then rewritten in place
 * (version + 1) and only its `confirmed` event is written (the `created` one is the draft's).
 * A body with an execution window takes the general path: this one clears the draft's.
 */
export function draftConfirmationStatement(write: ConfirmedDraftWrite) {
  return sql<ConfirmedRow>`${sql.raw(prepared('confirm-draft'))}
    WITH draft AS (
      SELECT id FROM requests
      WHERE id = ${write.id}::uuid AND contract_id = ${write.contractId}::text
        AND author_id = ${write.authorId}::uuid AND status = 'draft'
        AND version = ${write.expectedVersion}::int
      FOR UPDATE
    ),
    go AS (SELECT EXISTS (SELECT FROM draft) AS claimed),
    ${numberingSteps(write)},
    req AS (
      UPDATE requests SET asset_id = ${write.assetId}::uuid, catalog_id = ${write.catalogId}::uuid,
        article_id = ${write.articleId}::uuid, article_version_id = ${write.articleVersionId}::uuid,
        "values" = ${JSON.stringify(write.values)}::jsonb,
        customer_reference = ${write.customerReference}::text, comment = ${write.comment}::text,
        outside_business_hours = ${write.outsideBusinessHours}::boolean,
        status = numbered.variant ->> 'status', number = numbered.number,
        billing = numbered.variant -> 'billing', billing_month = ${write.billingMonth}::date,
        updated_at = ${write.at}::timestamptz, submitted_at = ${write.at}::timestamptz,
        issued_at = ${write.at}::timestamptz, version = requests.version + 1
      FROM numbered, draft
      WHERE requests.id = draft.id
      RETURNING requests.id, requests.number, requests.status, requests.billing
    ),
    -- this path confirms bodies without an execution window: a window the draft kept goes
    unwindowed AS (
      UPDATE request_windows SET asked_starts_at = NULL, asked_ends_at = NULL
      WHERE request_id IN (SELECT id FROM req)
    ),
    events AS (
      INSERT INTO request_events (request_id, actor_id, kind, from_status, to_status, at, data)
      SELECT req.id, ${write.authorId}::uuid, 'confirmed', 'draft', req.status,
        ${write.at}::timestamptz, jsonb_build_object('billing', req.billing)
      FROM req
    ),
    ${receiptStep(write)}
    SELECT go.claimed, req.number, req.status, req.billing FROM go LEFT JOIN req ON true`;
}

/**
 * Writes a confirmed request in one statement, committed on its own (decision 0010): the
 * idempotency key's claim, a free change of the month if one is left (its count picks the
 * outcome the domain planned beforehand), the year's next number, the request, its
 * `created` and `confirmed` events and the receipt mail, whose `placeholder` becomes the
 * number. The number counter's row is locked from its update to the commit, inside the
 * server: no round trip to this process while other confirmations wait on it.
 * `claimed` false: the key was used meanwhile, nothing written. `number` null: the outcome
 * was refused, nothing written.
 */
export async function insertConfirmedRequest(db: Db, write: ConfirmedWrite): Promise<ConfirmedRow> {
  const { rows } = await confirmationStatement(write).execute(db);
  const row = rows[0];
  if (!row) throw new Error('the confirmation statement returned no row');
  return row;
}

/**
 * Confirms the caller's draft in one statement, committed on its own: the same steps and
 * effects as `insertConfirmedRequest` (free change, outcome, number, receipt), the draft's
 * row rewritten instead of inserted. `claimed` false: the draft was no longer the caller's
 * draft at `expectedVersion` once locked (confirmed, changed or deleted meanwhile), nothing
 * written. `number` null: the outcome was refused, nothing written.
 */
export async function updateConfirmedDraft(
  db: Db,
  write: ConfirmedDraftWrite,
): Promise<ConfirmedRow> {
  const { rows } = await draftConfirmationStatement(write).execute(db);
  const row = rows[0];
  if (!row) throw new Error('the draft confirmation statement returned no row');
  return row;
}
