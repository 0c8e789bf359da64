import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface CustomersTable {
  id: string;
  name: string;
  created_at: Timestamp;
  /** SIREN, VAT or another registration number (0014). */
  registration_number: ColumnType<string | null, string | null | undefined, string | null>;
  /** The language the customer's new users get by default (0014). */
  locale: ColumnType<'fr' | 'en', 'fr' | 'en' | undefined, 'fr' | 'en'>;
  updated_at: Timestamp;
  version: Generated<number>;
  /** Every user of the customer signs in with a second factor (0023). */
  requires_two_factor: Generated<boolean>;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: ColumnType<'fr' | 'en', 'fr' | 'en' | undefined, 'fr' | 'en'>;
  kind: 'customer' | 'operator';
  operator_role: 'agent' | 'catalog_manager' | 'admin' | null;
  created_at: Timestamp;
  failed_logins: Generated<number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  login: ColumnType<string | null, string | null | undefined, string | null>;
  first_name: ColumnType<string | null, string | null | undefined, string | null>;
  last_name: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  /** Null while an invited user has not set a first password. */
  activated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Set when an admin deactivates the account: no login, session or token works then. */
  deactivated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  deactivated_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** A machine user (0025): no password, no mail, not in the lists of people. */
  is_service_account: Generated<boolean>;
}

export interface ContractsTable {
  id: string;
  customer_id: string;
  offer: string;
  support_level: string;
  free_changes_per_month: number;
  /** numeric comes back as a string from pg */
  token_price_eur: ColumnType<string, string | number, string | number>;
  time_zone: ColumnType<string, string | undefined, string>;
  referent_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  restricts_requesters: Generated<boolean>;
  created_at: Timestamp;
  /** Suspended and ended contracts take no new request (0014). */
  status: ColumnType<
    'active' | 'suspended' | 'ended',
    'active' | 'suspended' | 'ended' | undefined,
    'active' | 'suspended' | 'ended'
  >;
  /** `YYYY-MM-DD`: dates are read as text (see connect.ts) */
  starts_on: ColumnType<string, string | undefined, string>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface GrantsTable {
  user_id: string;
  contract_id: string;
  section: 'requests' | 'inventory' | 'users' | 'contracts';
  profile: 'viewer' | 'manager';
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  perimeter_customer_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  /** A summary of the browser's User-Agent (0023). */
  device: Generated<string>;
  /** The client address at login (0023). */
  address: ColumnType<string | null, string | null | undefined, string | null>;
  /** The single sign-on connection that opened it, if any (0024). */
  sso_connection: ColumnType<string | null, string | null | undefined, string | null>;
  /** The provider's ID token, the hint its logout asks for (0024). */
  sso_id_token: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AssetsTable {
  id: string;
  contract_id: string;
  reference: string;
  label: string;
  type: string;
  site: string | null;
  solution: string | null;
  attributes: Json<Record<string, unknown>>;
  created_at: Timestamp;
  /** Set when a `full` inventory sync no longer found the item; cleared when it comes back. */
  retired_at: Timestamp | null;
}

export interface CatalogsTable {
  id: string;
  code: string;
  name_fr: string;
  name_en: string;
  help_fr: string | null;
  help_en: string | null;
  asset_types: string[];
  offers: string[];
  position: Generated<number>;
  created_at: Timestamp;
  /** Contracts the catalog applies to besides those of its offers (0004). */
  contract_ids: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: Timestamp;
}

export interface CategoriesTable {
  id: string;
  catalog_id: string;
  code: string;
  name_fr: string;
  name_en: string;
  help_fr: string | null;
  help_en: string | null;
  position: Generated<number>;
}

export interface ArticlesTable {
  id: string;
  catalog_id: string;
  category_id: string | null;
  code: string;
  position: Generated<number>;
  current_version_id: string | null;
  created_at: Timestamp;
  /** The unpublished definition being edited in the back-office (0004), or null. */
  draft: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  draft_revision: Generated<number>;
  draft_updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  draft_updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ArticleVersionsTable {
  id: string;
  article_id: string;
  version: number;
  name_fr: string;
  name_en: string;
  help_fr: string | null;
  help_en: string | null;
  billing_mode: 'included' | 'counted' | 'quote';
  price_tokens: number;
  form: Json<object>;
  json_schema: Json<Record<string, unknown>>;
  published_at: Timestamp;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RequestsTable {
  id: string;
  number: string | null;
  request_type: ColumnType<'change' | 'incident' | 'order', 'change' | undefined, 'change'>;
  contract_id: string;
  asset_id: string | null;
  catalog_id: string | null;
  article_id: string | null;
  article_version_id: string | null;
  values: Json<Record<string, unknown>>;
  customer_reference: string | null;
  comment: string | null;
  outside_business_hours: boolean;
  status: string;
  billing: Json<Record<string, unknown>> | null;
  billing_month: ColumnType<string | null, string | null | undefined, string | null>;
  author_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  issued_at: Timestamp;
  /** The operator handling the request (back-office), if taken. */
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Held from the provider by the customer's approval (0029): until approved, or for good. */
  held_for_approval: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RequestEventsTable {
  id: Generated<string>;
  request_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface FreeChangeUsageTable {
  contract_id: string;
  /** `YYYY-MM-01`: dates are read as text (see connect.ts) */
  month: string;
  used: number;
}

export interface RequestCountersTable {
  year: number;
  last: number;
}

/** Confirmed requests per contract and status, kept by triggers (migration 0010). */
export interface RequestTotalsTable {
  contract_id: string;
  status: string;
  /** bigint: read as a string */
  n: string;
}

/** Bumped by every statement that writes a contract's items (migration 0011). */
export interface AssetVersionsTable {
  contract_id: string;
  /** bigint: read as a string */
  version: string;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  fingerprint: string;
  request_id: string;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  request_id: string | null;
  status: ColumnType<
    'pending' | 'sent' | 'failed' | 'kept',
    'pending' | undefined,
    'pending' | 'sent' | 'failed' | 'kept'
  >;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the mail was handed to the job queue (once). */
  dispatched_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AttachmentsTable {
  id: string;
  request_id: string;
  uploaded_by: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  is_internal: boolean;
  created_at: Timestamp;
}

export interface AttachmentContentsTable {
  attachment_id: string;
  content: Buffer;
}

export interface QuotesTable {
  id: string;
  request_id: string;
  version: number;
  amount_tokens: number;
  /** numeric comes back as a string from pg */
  amount_eur: ColumnType<string, string | number, string | number>;
  /** `YYYY-MM-DD`: dates are read as text (see connect.ts) */
  valid_until: string;
  text: string;
  attachment_id: string | null;
  status: 'sent' | 'accepted' | 'refused' | 'expired' | 'superseded';
  created_by: string;
  created_at: Timestamp;
  answered_by: string | null;
  answered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Questions back to the customer (decision 0035). */
export interface RequestQuestionsTable {
  id: string;
  request_id: string;
  asked_by: string;
  asked_at: Timestamp;
  asked_from: 'in_review' | 'quote_pending';
  question: string;
  expires_at: Timestamp;
  reminders_sent: Generated<number>;
  last_reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  outcome: ColumnType<
    'answered' | 'cancelled' | 'expired' | null,
    'answered' | 'cancelled' | 'expired' | null | undefined,
    'answered' | 'cancelled' | 'expired' | null
  >;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  answer: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The values a customer sent again with an answer, and those they replaced (decision 0035). */
export interface RequestRevisionsTable {
  id: string;
  request_id: string;
  question_id: string;
  number: number;
  previous_values: Json<Record<string, unknown>>;
  values: Json<Record<string, unknown>>;
  created_by: string;
  created_at: Timestamp;
}

export interface CommentsTable {
  id: string;
  request_id: string;
  author_id: string;
  body: string;
  is_internal: boolean;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  request_id: string | null;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ContractRequestersTable {
  contract_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  /** Null for an operator's token (no customer, no grants: it acts with the owner's role). */
  customer_id: string | null;
  /** An operator's token limited to this role (null: the owner's current role). */
  operator_role: ColumnType<
    'agent' | 'catalog_manager' | 'admin' | null,
    'agent' | 'catalog_manager' | 'admin' | null | undefined,
    'agent' | 'catalog_manager' | 'admin' | null
  >;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The token this one replaced by a rotation (0025). */
  replaces_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A service account's owner and scope (0025, decision 0031); `customer_id` null: the provider's. */
export interface ServiceAccountsTable {
  user_id: string;
  customer_id: string | null;
  description: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface ServiceAccountGrantsTable {
  user_id: string;
  contract_id: string;
  section: 'requests' | 'inventory' | 'users' | 'contracts';
  profile: 'viewer' | 'manager';
}

export interface ApiTokenGrantsTable {
  token_id: string;
  contract_id: string;
  section: 'requests' | 'inventory' | 'users' | 'contracts';
  profile: 'viewer' | 'manager';
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_email: string | null;
  kind: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** The token price and free changes in force from `valid_from` (migration 0017). */
export interface ContractTermsHistoryTable {
  contract_id: string;
  valid_from: ColumnType<Date, Date | string, never>;
  /** numeric comes back as a string from pg */
  token_price_eur: ColumnType<string, string | number, never>;
  free_changes_per_month: ColumnType<number, number, never>;
}

/** A closed month's statement: written once, never changed (migration 0017). */
export interface StatementsTable {
  contract_id: string;
  /** `YYYY-MM-01`: dates are read as text (see connect.ts) */
  month: string;
  closed_at: ColumnType<Date, Date, never>;
  free_changes_included: ColumnType<number, number, never>;
  free_changes_used: ColumnType<number, number, never>;
  change_count: ColumnType<number, number, never>;
  quote_count: ColumnType<number, number, never>;
  total_tokens: ColumnType<number, number, never>;
  /** bigint comes back as a string from pg */
  total_cents: ColumnType<string, number, never>;
}

export interface StatementLinesTable {
  contract_id: string;
  month: string;
  position: number;
  kind: 'change' | 'free' | 'quote';
  request_id: string;
  request_number: string;
  quote_id: string | null;
  article_name_fr: string;
  article_name_en: string;
  at: ColumnType<Date, Date, never>;
  tokens: number;
  token_price_eur: ColumnType<string | null, string | number | null, never>;
  amount_cents: ColumnType<string, number, never>;
  outside_business_hours: boolean;
  /** A free line's request rejected or cancelled by the closing. */
  ended_as: 'rejected' | 'cancelled' | null;
}

/** What the `attributes` of an item type must look like (migration 0016). */
export interface AssetTypesTable {
  type: string;
  attributes_schema: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

/** One inventory sync run (decision 0016): applied, dry run or rejected. */
export interface InventorySyncRunsTable {
  id: string;
  started_at: Date;
  finished_at: Date;
  actor_id: string | null;
  source: 'api' | 'cli' | 'upload';
  mode: 'upsert' | 'full';
  is_dry_run: boolean;
  is_strict: boolean;
  status: 'applied' | 'dry_run' | 'rejected';
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  rejected: number;
  errors: Json<{ line: number; path: string; code: string; message: string }[]>;
  duration_ms: number;
}

/** What the live stream announces, written by triggers (migration 0018, decision 0018). */
export interface LiveEventsTable {
  /** bigserial, read as a string: the stream's event id */
  id: Generated<string>;
  at: Generated<Date>;
  /** xid8 of the writing transaction, read as a string */
  tx: Generated<string>;
  kind: string;
  contract_id: string | null;
  user_id: string | null;
  is_internal: Generated<boolean>;
  actor_id: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Failed logins by (e-mail, address), and by e-mail alone with `address` '' (issue 18). */
export interface LoginFailuresTable {
  email: string;
  address: string;
  failures: number;
  last_failure_at: Date;
}

/** @fastify/rate-limit's windows, shared by every API process (issue 18). */
export interface RateLimitWindowsTable {
  route: string;
  key: string;
  started_at: Date;
  hits: number;
}

/** A user's TOTP secret; `last_used_step` refuses a code used twice (0023). */
export interface TwoFactorSecretsTable {
  user_id: string;
  secret: string;
  created_at: Timestamp;
  confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_used_step: ColumnType<
    string | null,
    number | bigint | null | undefined,
    number | bigint | null
  >;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Between a right password and the second factor (0023). */
export interface PendingSignInsTable {
  id: string;
  user_id: string;
  step: 'code' | 'setup';
  address: ColumnType<string | null, string | null | undefined, string | null>;
  device: Generated<string>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** A customer's OpenID Connect connection (migration 0024, decision 0030). */
export interface CustomerSsoConnectionsTable {
  customer_id: string;
  issuer: string;
  client_id: string;
  /** Sealed (`v1:` AES-256-GCM, or `plain:`), as the webhooks' secrets. */
  client_secret: string;
  display_name: string;
  email_claim: Generated<string>;
  is_required: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerSsoDomainsTable {
  domain: string;
  customer_id: string;
}

/** A sign-in sent to an identity provider, taken once when it comes back (0024). */
export interface SsoFlowsTable {
  id: string;
  connection: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  return_path: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** An identity at a provider linked to a user (0024). */
export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  connection: string;
  created_at: Timestamp;
  last_sign_in_at: Timestamp;
}

/** A webhook subscription (migration 0020, decision 0028): the provider's when `contract_id` is null. */
export interface WebhookSubscriptionsTable {
  id: string;
  contract_id: string | null;
  owner_id: string;
  url: string;
  description: Generated<string>;
  event_types: string[];
  is_enabled: Generated<boolean>;
  /** `v1:` + AES-256-GCM (WEBHOOKS_SECRET_KEY), or `plain:` without a key */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  disabled_at: Date | null;
  disabled_reason: 'failing' | 'by_hand' | null;
  /** `executor`: sent the executions routed to it (migration 0026, decision 0032) */
  kind: Generated<'events' | 'executor'>;
  created_at: Date;
  updated_at: Date;
}

/** An article version executed automatically: its executor and time limit (migration 0026). */
export interface ArticleVersionExecutionsTable {
  article_version_id: string;
  executor_id: string;
  time_limit_minutes: number;
  updated_by: string | null;
  updated_at: Date;
}

/** A request's execution by its executor (migration 0026, decision 0032). */
export interface RequestExecutionsTable {
  id: string;
  request_id: string;
  executor_id: string | null;
  state: 'requested' | 'started' | 'succeeded' | 'failed' | 'timed_out';
  requested_at: Date;
  deadline_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  changes: ColumnType<unknown, string | null | undefined, string | null>;
  reason: string | null;
  answered_by: string | null;
}

/** What happened, written by triggers for the webhook dispatcher (migration 0020). */
export interface WebhookOutboxTable {
  /** bigserial, read as a string */
  id: Generated<string>;
  at: Generated<Date>;
  source: 'request_event' | 'comment' | 'inventory' | 'execution';
  contract_id: string;
  request_id: string | null;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface WebhookMessagesTable {
  id: string;
  type: string;
  contract_id: string;
  request_id: string | null;
  ordering_key: string;
  is_internal: Generated<boolean>;
  payload: string;
  created_at: Date;
}

export interface WebhookDeliveriesTable {
  /** bigserial, read as a string */
  id: Generated<string>;
  subscription_id: string;
  message_id: string;
  ordering_key: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Date;
  is_replay: Generated<boolean>;
  needs_job: Generated<boolean>;
  created_at: Date;
  finished_at: Date | null;
}

export interface WebhookAttemptsTable {
  /** bigserial, read as a string */
  id: Generated<string>;
  delivery_id: string;
  at: Date;
  status_code: number | null;
  duration_ms: number;
  response_excerpt: Generated<string>;
  error: string | null;
  is_success: boolean;
}

/** Saved views of the request lists (0027, decision 0033). */
export interface SavedViewsTable {
  id: Generated<string>;
  owner_id: string;
  surface: 'requests' | 'queue';
  customer_id: string | null;
  name: string;
  /** The list's URL parameters, checked by the contracts' schema of its surface. */
  params: ColumnType<Record<string, string>, string, string>;
  shared_contract_id: ColumnType<string | null, string | null | undefined, string | null>;
  is_shared: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A freeze or maintenance period the provider declares (0032, decision 0037). */
export interface ChangePeriodsTable {
  id: string;
  kind: 'freeze' | 'maintenance';
  label: string;
  offer: string | null;
  region: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A request's execution windows: asked by the customer, planned by the agent (0032). */
export interface RequestWindowsTable {
  request_id: string;
  asked_starts_at: Date | null;
  asked_ends_at: Date | null;
  planned_starts_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  planned_ends_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A contract's approval rules, in the referent's order (0029, decision 0034). */
export interface ApprovalRulesTable {
  contract_id: string;
  position: number;
  scope: 'billable' | 'above_tokens' | 'articles' | 'all';
  min_tokens: number | null;
  catalog_ids: ColumnType<string[], string[] | undefined, string[]>;
  article_ids: ColumnType<string[], string[] | undefined, string[]>;
  include_referent: boolean;
  approver_ids: ColumnType<string[], string[] | undefined, string[]>;
  mode: 'any' | 'all';
  updated_by: string | null;
  updated_at: Timestamp;
}

/** The approval a held request waits for (0029). */
export interface RequestApprovalsTable {
  request_id: string;
  approver_ids: string[];
  mode: 'any' | 'all';
  state: ColumnType<
    'pending' | 'approved' | 'refused' | 'cancelled',
    'pending' | undefined,
    'approved' | 'refused' | 'cancelled'
  >;
  created_at: Timestamp;
  settled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** An approver's answer (given by them or their substitute, `answered_by`). */
export interface RequestApprovalAnswersTable {
  request_id: string;
  approver_id: string;
  answered_by: string;
  decision: 'approved' | 'refused';
  comment: string | null;
  at: Timestamp;
}

export interface ApprovalSubstitutesTable {
  id: Generated<string>;
  contract_id: string;
  approver_id: string;
  substitute_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_at: Timestamp;
}

/** The approval mails' single-use links (only the token's sha256). */
export interface ApprovalLinksTable {
  token_hash: string;
  request_id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** What a support level promises, in business minutes (0031, decision 0036). */
export interface SupportLevelTargetsTable {
  support_level: string;
  take_charge_minutes: number;
  carry_out_minutes: number;
  updated_at: Generated<Date>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An article's own targets; a null one is its support level's (0031). */
export interface ArticleDueTargetsTable {
  article_id: string;
  take_charge_minutes: number | null;
  carry_out_minutes: number | null;
  updated_at: Generated<Date>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

type NullableDate = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** A request's due-date clock (0031), marked stale by a trigger on its events. */
export interface RequestDueDatesTable {
  request_id: string;
  take_charge_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  carry_out_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  started_at: NullableDate;
  paused: Generated<boolean>;
  take_charge_due_at: NullableDate;
  take_charge_met_at: NullableDate;
  take_charge_breached_at: NullableDate;
  carry_out_due_at: NullableDate;
  carry_out_met_at: NullableDate;
  carry_out_breached_at: NullableDate;
  next_due_at: NullableDate;
  next_risk_at: NullableDate;
  stale: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface Database {
  customers: CustomersTable;
  users: UsersTable;
  contracts: ContractsTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  assets: AssetsTable;
  catalogs: CatalogsTable;
  categories: CategoriesTable;
  articles: ArticlesTable;
  article_versions: ArticleVersionsTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  change_periods: ChangePeriodsTable;
  request_windows: RequestWindowsTable;
  free_change_usage: FreeChangeUsageTable;
  request_counters: RequestCountersTable;
  request_totals: RequestTotalsTable;
  asset_versions: AssetVersionsTable;
  idempotency_keys: IdempotencyKeysTable;
  mail_outbox: MailOutboxTable;
  audit_events: AuditEventsTable;
  attachments: AttachmentsTable;
  attachment_contents: AttachmentContentsTable;
  quotes: QuotesTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  contract_requesters: ContractRequestersTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  api_token_grants: ApiTokenGrantsTable;
  service_accounts: ServiceAccountsTable;
  service_account_grants: ServiceAccountGrantsTable;
  contract_terms_history: ContractTermsHistoryTable;
  statements: StatementsTable;
  statement_lines: StatementLinesTable;
  asset_types: AssetTypesTable;
  inventory_sync_runs: InventorySyncRunsTable;
  live_events: LiveEventsTable;
  login_failures: LoginFailuresTable;
  rate_limit_windows: RateLimitWindowsTable;
  two_factor_secrets: TwoFactorSecretsTable;
  recovery_codes: RecoveryCodesTable;
  pending_sign_ins: PendingSignInsTable;
  customer_sso_connections: CustomerSsoConnectionsTable;
  customer_sso_domains: CustomerSsoDomainsTable;
  sso_flows: SsoFlowsTable;
  sso_identities: SsoIdentitiesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  article_version_executions: ArticleVersionExecutionsTable;
  request_executions: RequestExecutionsTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_messages: WebhookMessagesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  saved_views: SavedViewsTable;
  request_questions: RequestQuestionsTable;
  request_revisions: RequestRevisionsTable;
  approval_rules: ApprovalRulesTable;
  request_approvals: RequestApprovalsTable;
  request_approval_answers: RequestApprovalAnswersTable;
  approval_substitutes: ApprovalSubstitutesTable;
  approval_links: ApprovalLinksTable;
  support_level_targets: SupportLevelTargetsTable;
  article_due_targets: ArticleDueTargetsTable;
  request_due_dates: RequestDueDatesTable;
}
