import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '@guichet/db';
import type { ContractStatus } from '@guichet/domain';
import { containsPattern } from '../../lib/cursor.ts';

/** Statuses of a confirmed request that is finished (DESIGN §4, group « terminée »). */
const finishedStatuses = ['done', 'rejected', 'cancelled'];

export interface CustomerRow {
  id: string;
  name: string;
  registrationNumber: string | null;
  locale: 'fr' | 'en';
  contractCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

function customersQuery(db: Db) {
  return db.selectFrom('customers').select((eb) => [
    'customers.id',
    'customers.name',
    'customers.registration_number as registrationNumber',
    'customers.locale',
    'customers.created_at as createdAt',
    'customers.updated_at as updatedAt',
    'customers.version',
    eb
      .selectFrom('contracts')
      .select((inner) => inner.fn.countAll<string>().as('n'))
      .whereRef('contracts.customer_id', '=', 'customers.id')
      .as('contractCount'),
  ]);
}

function toCustomerRow(row: {
  id: string;
  name: string;
  registrationNumber: string | null;
  locale: 'fr' | 'en';
  contractCount: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}): CustomerRow {
  return { ...row, contractCount: Number(row.contractCount ?? 0) };
}

/** Customers by name then id, matched on their name, registration number or a contract id. */
export async function listCustomers(
  db: Db,
  filter: { q?: string; limit: number; after?: [string, string] },
): Promise<{ rows: CustomerRow[]; total: number }> {
  let query = customersQuery(db);
  let count = db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const matches = (eb: ExpressionBuilder<Database, 'customers'>) =>
      eb.or([
        eb('customers.name', 'ilike', pattern),
        eb('customers.registration_number', 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('contracts')
            .whereRef('contracts.customer_id', '=', 'customers.id')
            .where('contracts.id', 'ilike', pattern),
        ),
      ]);
    query = query.where(matches);
    count = count.where(matches);
  }
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('customers.name', 'customers.id'), '>', eb.tuple(after[0], after[1])),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .orderBy('customers.name')
      .orderBy('customers.id')
      .limit(filter.limit + 1)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toCustomerRow), total: Number(total.n) };
}

export async function findCustomer(db: Db, id: string): Promise<CustomerRow | undefined> {
  const row = await customersQuery(db).where('customers.id', '=', id).executeTakeFirst();
  return row && toCustomerRow(row);
}

export async function isCustomerNameTaken(db: Db, name: string, exceptId?: string) {
  let query = db
    .selectFrom('customers')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertCustomer(
  db: Db,
  customer: {
    id: string;
    name: string;
    registrationNumber: string | null;
    locale: 'fr' | 'en';
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('customers')
    .values({
      id: customer.id,
      name: customer.name,
      registration_number: customer.registrationNumber,
      locale: customer.locale,
      created_at: customer.at,
      updated_at: customer.at,
    })
    .execute();
}

/** Writes the changes if the customer is still at `expectedVersion`; false otherwise. */
export async function updateCustomer(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: { name: string; registrationNumber: string | null; locale: 'fr' | 'en'; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set((eb) => ({
      name: changes.name,
      registration_number: changes.registrationNumber,
      locale: changes.locale,
      updated_at: changes.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface ContractSummaryRow {
  id: string;
  customerId: string;
  customerName: string;
  offer: string;
  supportLevel: string;
  status: ContractStatus;
  startsOn: string;
  endsOn: string | null;
  referentName: string | null;
}

function contractsQuery(db: Db) {
  return db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .leftJoin('users as referent', 'referent.id', 'contracts.referent_user_id')
    .select([
      'contracts.id',
      'contracts.customer_id as customerId',
      'customers.name as customerName',
      'contracts.offer',
      'contracts.support_level as supportLevel',
      'contracts.status',
      'contracts.starts_on as startsOn',
      'contracts.ends_on as endsOn',
      'referent.display_name as referentName',
    ]);
}

/** Contracts by id, matched on their id or their customer's name. */
export async function listContracts(
  db: Db,
  filter: { q?: string; customerId?: string; limit: number; after?: string },
): Promise<{ rows: ContractSummaryRow[]; total: number }> {
  let query = contractsQuery(db);
  let count = db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([eb('contracts.id', 'ilike', pattern), eb('customers.name', 'ilike', pattern)]),
    );
    count = count.where((eb) =>
      eb.or([eb('contracts.id', 'ilike', pattern), eb('customers.name', 'ilike', pattern)]),
    );
  }
  if (filter.customerId) {
    query = query.where('contracts.customer_id', '=', filter.customerId);
    count = count.where('contracts.customer_id', '=', filter.customerId);
  }
  if (filter.after) query = query.where('contracts.id', '>', filter.after);
  const [rows, total] = await Promise.all([
    query
      .orderBy('contracts.id')
      .limit(filter.limit + 1)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findContract(db: Db, id: string, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select([
      'contracts.id',
      'contracts.customer_id as customerId',
      'customers.name as customerName',
      'contracts.offer',
      'contracts.support_level as supportLevel',
      'contracts.free_changes_per_month as freeChangesPerMonth',
      'contracts.token_price_eur as tokenPriceEur',
      'contracts.time_zone as timeZone',
      'contracts.status',
      'contracts.starts_on as startsOn',
      'contracts.ends_on as endsOn',
      'contracts.referent_user_id as referentUserId',
      'contracts.created_at as createdAt',
      'contracts.updated_at as updatedAt',
      'contracts.version',
    ])
    .where('contracts.id', '=', id);
  if (options.lock) query = query.forUpdate('contracts');
  return query.executeTakeFirst();
}
export type ContractRow = NonNullable<Awaited<ReturnType<typeof findContract>>>;

export async function contractExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('contracts').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** How many users, items and requests (all confirmed, and those not finished) a contract has. */
export async function contractCounts(db: Db, id: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('grants')
        .select(sql<string>`count(DISTINCT user_id)`.as('n'))
        .where('contract_id', '=', id)
        .as('users'),
      eb
        .selectFrom('assets')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .where('contract_id', '=', id)
        .as('assets'),
      eb
        .selectFrom('request_totals')
        .select(sql<string>`coalesce(sum(n), 0)`.as('n'))
        .where('contract_id', '=', id)
        .as('requests'),
      eb
        .selectFrom('request_totals')
        .select(sql<string>`coalesce(sum(n), 0)`.as('n'))
        .where('contract_id', '=', id)
        .where('status', 'not in', finishedStatuses)
        .as('openRequests'),
    ])
    .executeTakeFirstOrThrow();
  return {
    users: Number(row.users ?? 0),
    assets: Number(row.assets ?? 0),
    requests: Number(row.requests ?? 0),
    openRequests: Number(row.openRequests ?? 0),
  };
}

/** A contract's terms: what an operator writes and the audit compares. */
export type ContractTerms = {
  offer: string;
  supportLevel: string;
  freeChangesPerMonth: number;
  tokenPriceEur: number;
  timeZone: string;
  status: ContractStatus;
  startsOn: string;
  endsOn: string | null;
};

function termColumns(terms: ContractTerms) {
  return {
    offer: terms.offer,
    support_level: terms.supportLevel,
    free_changes_per_month: terms.freeChangesPerMonth,
    token_price_eur: terms.tokenPriceEur,
    time_zone: terms.timeZone,
    status: terms.status,
    starts_on: terms.startsOn,
    ends_on: terms.endsOn,
  };
}

export async function insertContract(
  db: Db,
  contract: ContractTerms & { id: string; customerId: string; at: Date },
): Promise<void> {
  await db
    .insertInto('contracts')
    .values({
      id: contract.id,
      customer_id: contract.customerId,
      ...termColumns(contract),
      created_at: contract.at,
      updated_at: contract.at,
    })
    .execute();
}

/** Writes the terms if the contract is still at `expectedVersion`; false otherwise. */
export async function updateContract(
  db: Db,
  id: string,
  expectedVersion: number,
  terms: ContractTerms & { at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('contracts')
    .set((eb) => ({
      ...termColumns(terms),
      updated_at: terms.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setReferent(db: Db, contractId: string, userId: string): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ referent_user_id: userId })
    .where('id', '=', contractId)
    .execute();
}

const personColumns = [
  'users.id',
  'users.display_name as displayName',
  'users.email',
  'users.activated_at as activatedAt',
] as const;

export async function findPerson(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(personColumns)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** Customer users holding a grant on one of the customer's contracts, by name. */
export async function customerUsers(db: Db, customerId: string) {
  return db
    .selectFrom('users')
    .select(personColumns)
    .where('users.kind', '=', 'customer')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('grants')
          .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
          .whereRef('grants.user_id', '=', 'users.id')
          .where('contracts.customer_id', '=', customerId),
      ),
    )
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(500)
    .execute();
}

/** Whether the user is a customer user holding a grant on one of the customer's contracts. */
export async function isUserOfCustomer(
  db: Db,
  customerId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('grants')
    .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select('grants.user_id')
    .where('grants.user_id', '=', userId)
    .where('users.kind', '=', 'customer')
    .where('contracts.customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
