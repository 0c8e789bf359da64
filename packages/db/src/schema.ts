import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface CustomersTable {
  id: string;
  name: string;
  created_at: Timestamp;
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
  referent_user_id: string | null;
  created_at: Timestamp;
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
  free_change_usage: FreeChangeUsageTable;
  request_counters: RequestCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  mail_outbox: MailOutboxTable;
  audit_events: AuditEventsTable;
}
