import { randomUUID } from 'node:crypto';
import {
  DomainError,
  contractIdProblems,
  contractTermsProblems,
  rolesWith,
  sections,
  conflictOn,
} from '@guichet/domain';
import type { ErrorDetail } from '@guichet/domain';
import type {
  AdminContractPage,
  AdminContractSummary,
  AdminContractView,
  AdminCustomerPage,
  AdminCustomerView,
  AdminListQuery,
  AdminPerson,
  ContractInput,
  ContractUpdate,
  CustomerInput,
  CustomerUpdate,
} from '@guichet/contracts';
import { inTransaction, isUniqueViolation } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { idAfter, keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import * as users from '../users/users.service.ts';
import * as repository from './provider-admin.repository.ts';
import type { ContractRow, CustomerRow } from './provider-admin.repository.ts';

/**
 * Customers and contracts administered by the provider's admins (capability
 * `manage_customers`). The create functions are also the seed's and the test builders': they
 * pass `'system'` as the actor (no operator, no audit: demo data is no administrative act)
 * and fixed ids.
 */
export type Actor = AuthContext | 'system';

export interface WriteOptions {
  /** A fixed id (the seed's stable ids); a new one otherwise. */
  id?: string;
  /** Answers the existing row instead of a conflict when the id is taken (the seed's re-runs). */
  skipIfExists?: boolean;
  /** Where users reach Guichet, for the invitation's link. */
  publicUrl?: string;
  /** The seed's: a fixed id for a new referent. */
  referentId?: string;
  /**
   * The seed's: a new referent named by the system gets no mail, its invitation link is
   * handed here (the seed accepts it at once with the demo password).
   */
  onInvited?: (link: string) => void;
}

/** The operator acting, refused (403) without `manage_customers`; null for the system. */
function operatorOf(actor: Actor): AuthContext | null {
  if (actor === 'system') return null;
  requireOperator(actor, rolesWith('manage_customers'));
  return actor;
}

async function audit(
  deps: Deps,
  actor: AuthContext | null,
  event: Omit<Parameters<typeof recordAudit>[1], 'actor'>,
): Promise<void> {
  if (actor === null) return;
  await recordAudit(deps, { ...event, actor: actorOf(actor) });
}

function invalid(details: ErrorDetail[]): DomainError {
  return new DomainError('validation_failed', 'The request is not valid', details);
}

// ---- presenters ----------------------------------------------------------------------------

function personView(row: {
  id: string;
  displayName: string;
  email: string;
  activatedAt: Date | null;
}): AdminPerson {
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    status: row.activatedAt === null ? 'invited' : 'active',
  };
}

function customerSummary(row: CustomerRow) {
  return {
    id: row.id,
    name: row.name,
    registrationNumber: row.registrationNumber,
    locale: row.locale,
    contractCount: row.contractCount,
  };
}

function contractSummary(row: repository.ContractSummaryRow): AdminContractSummary {
  return { ...row };
}

/** A contract's terms as written and audited (never its referent or counts). */
function contractTerms(row: repository.ContractTerms): repository.ContractTerms {
  return {
    offer: row.offer,
    supportLevel: row.supportLevel,
    freeChangesPerMonth: row.freeChangesPerMonth,
    tokenPriceEur: row.tokenPriceEur,
    timeZone: row.timeZone,
    status: row.status,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
  };
}
type Terms = ReturnType<typeof contractTerms>;

function termsOf(row: ContractRow): Terms {
  return contractTerms({ ...row, tokenPriceEur: Number(row.tokenPriceEur) });
}

/** The fields whose value changed, with their value before and after. */
function changesBetween<T extends Record<string, unknown>>(before: T, after: T) {
  const changed = (Object.keys(after) as (keyof T)[]).filter((key) => before[key] !== after[key]);
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    changed,
  };
}

// ---- customers -----------------------------------------------------------------------------

export async function listCustomers(
  deps: Deps,
  auth: AuthContext,
  query: AdminListQuery,
): Promise<AdminCustomerPage> {
  operatorOf(auth);
  const { rows, total } = await repository.listCustomers(deps.db, {
    limit: query.limit,
    ...omitEmpty({ q: query.q, after: keysetOf(query.cursor) }),
  });
  return {
    ...keysetPage(rows, query.limit, customerSummary, (last) => [last.name, last.id]),
    total,
  };
}

async function customerView(deps: Deps, id: string): Promise<AdminCustomerView> {
  const row = await repository.findCustomer(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Customer not found');
  const [contracts, people] = await Promise.all([
    repository.listContracts(deps.db, { customerId: id, limit: 1000 }),
    repository.customerUsers(deps.db, id),
  ]);
  return {
    ...customerSummary(row),
    contracts: contracts.rows.map(contractSummary),
    users: people.map(personView),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function getCustomer(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<AdminCustomerView> {
  operatorOf(auth);
  return customerView(deps, id);
}

function nameTaken(): DomainError {
  return conflictOn('name', 'name_taken', 'A customer already has this name');
}

export async function createCustomer(
  deps: Deps,
  actor: Actor,
  input: CustomerInput,
  options: WriteOptions = {},
): Promise<AdminCustomerView> {
  const operator = operatorOf(actor);
  const id = options.id ?? randomUUID();
  try {
    await inTransaction(deps.db, async (trx) => {
      const scoped = { ...deps, db: trx };
      if (options.skipIfExists && (await repository.findCustomer(trx, id))) return;
      if (await repository.isCustomerNameTaken(trx, input.name)) throw nameTaken();
      const customer = {
        name: input.name,
        registrationNumber: input.registrationNumber || null,
        locale: input.locale,
      };
      await repository.insertCustomer(trx, { id, ...customer, at: deps.clock() });
      await audit(scoped, operator, {
        kind: 'customer_created',
        target: { type: 'customer', id },
        data: { after: customer },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'customers_name_key')) throw nameTaken();
    if (isUniqueViolation(error, 'customers_pkey')) {
      throw conflictOn('id', 'id_taken', 'This customer id is already taken');
    }
    throw error;
  }
  return customerView(deps, id);
}

export async function updateCustomer(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: CustomerUpdate,
): Promise<AdminCustomerView> {
  const operator = operatorOf(auth);
  try {
    await inTransaction(deps.db, async (trx) => {
      const current = await repository.findCustomer(trx, id);
      if (!current) throw new DomainError('not_found', 'Customer not found');
      const before = {
        name: current.name,
        registrationNumber: current.registrationNumber,
        locale: current.locale,
      };
      const after = {
        name: body.name ?? before.name,
        registrationNumber:
          body.registrationNumber === undefined
            ? before.registrationNumber
            : body.registrationNumber || null,
        locale: body.locale ?? before.locale,
      };
      if (current.version !== body.version) throw changedMeanwhile('customer', current.version);
      const diff = changesBetween(before, after);
      if (diff.changed.length === 0) return;
      if (after.name !== before.name && (await repository.isCustomerNameTaken(trx, after.name, id)))
        throw nameTaken();
      const written = await repository.updateCustomer(trx, id, body.version, {
        ...after,
        at: deps.clock(),
      });
      if (!written) throw changedMeanwhile('customer', null);
      await audit({ ...deps, db: trx }, operator, {
        kind: 'customer_updated',
        target: { type: 'customer', id },
        data: { before: diff.before, after: diff.after },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'customers_name_key')) throw nameTaken();
    throw error;
  }
  return customerView(deps, id);
}

function changedMeanwhile(what: 'customer' | 'contract', now: number | null): DomainError {
  return new DomainError(
    'conflict',
    `The ${what} was changed meanwhile${now === null ? '' : ` (now version ${now})`}: reload it`,
  );
}

// ---- contracts -----------------------------------------------------------------------------

export async function listContracts(
  deps: Deps,
  auth: AuthContext,
  query: AdminListQuery,
): Promise<AdminContractPage> {
  operatorOf(auth);
  const { rows, total } = await repository.listContracts(deps.db, {
    limit: query.limit,
    ...omitEmpty({ q: query.q, after: idAfter(query.cursor) }),
  });
  return {
    ...keysetPage(rows, query.limit, contractSummary, (last) => [last.id]),
    total,
  };
}

async function contractView(deps: Deps, id: string): Promise<AdminContractView> {
  const row = await repository.findContract(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Contract not found');
  const [referent, counts] = await Promise.all([
    row.referentUserId ? repository.findPerson(deps.db, row.referentUserId) : undefined,
    repository.contractCounts(deps.db, id),
  ]);
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    ...termsOf(row),
    referentName: referent?.displayName ?? null,
    referent: referent ? personView(referent) : null,
    counts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function getContract(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<AdminContractView> {
  operatorOf(auth);
  return contractView(deps, id);
}

function idTaken(): DomainError {
  return conflictOn('id', 'id_taken', 'This contract id is already taken');
}

/**
 * A new contract of a customer, with its terms, and optionally its first referent: a new
 * customer user (invited by mail through the invitations feature) or one of the customer's
 * users. The referent gets Gestionnaire on every section of the contract. One transaction.
 */
export async function createContract(
  deps: Deps,
  actor: Actor,
  input: ContractInput,
  options: WriteOptions = {},
): Promise<AdminContractView> {
  const operator = operatorOf(actor);
  const terms = contractTerms({
    offer: input.offer ?? 'Flexible Engine',
    supportLevel: input.supportLevel,
    freeChangesPerMonth: input.freeChangesPerMonth,
    tokenPriceEur: input.tokenPriceEur,
    timeZone: input.timeZone ?? 'Europe/Paris',
    status: input.status ?? 'active',
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
  });
  const problems = [...contractIdProblems(input.id), ...contractTermsProblems(terms)];
  if (problems.length > 0) throw invalid(problems);
  const referent = input.referent ?? null;
  try {
    await inTransaction(deps.db, async (trx) => {
      const scoped = { ...deps, db: trx };
      const customer = await repository.findCustomer(trx, input.customerId);
      if (!customer) {
        throw new DomainError('not_found', 'Customer not found', [
          { path: 'customerId', rule: 'not_found', message: 'Customer not found' },
        ]);
      }
      if (await repository.contractExists(trx, input.id)) {
        if (options.skipIfExists) return;
        throw idTaken();
      }
      let referentId: string | null = null;
      if (referent?.kind === 'existing') {
        if (!(await repository.isUserOfCustomer(trx, customer.id, referent.userId))) {
          throw new DomainError('not_found', 'No such user of this customer', [
            {
              path: 'referent.userId',
              rule: 'not_found',
              message: 'No such user of this customer',
            },
          ]);
        }
        referentId = referent.userId;
      }
      if (referent?.kind === 'new' && (await users.accountByEmail(scoped, referent.email))) {
        throw conflictOn(
          'referent.email',
          'email_taken',
          'This e-mail already has an account',
          'This e-mail already has an account: name it as an existing user',
        );
      }
      await repository.insertContract(trx, {
        id: input.id,
        customerId: customer.id,
        ...terms,
        at: deps.clock(),
      });
      const grants = sections.map((section) => ({
        contractId: input.id,
        section,
        profile: 'manager' as const,
      }));
      if (referent?.kind === 'new') {
        referentId = await users.inviteCustomerUser(scoped, {
          ...referent,
          grants,
          invitedBy: operator && { id: operator.user.id, displayName: operator.user.displayName },
          publicUrl: options.publicUrl ?? deps.publicUrl ?? 'http://localhost:3000',
          ...(options.referentId ? { id: options.referentId } : {}),
          ...(options.onInvited ? { onInvited: options.onInvited } : {}),
        });
        await audit(scoped, operator, {
          kind: 'user_invited',
          target: { type: 'user', id: referentId },
          data: { grants, referentOf: input.id },
        });
      } else if (referentId !== null) {
        await users.giveGrants(scoped, referentId, grants);
      }
      if (referentId !== null) await repository.setReferent(trx, input.id, referentId);
      await audit(scoped, operator, {
        kind: 'contract_created',
        target: { type: 'contract', id: input.id },
        data: {
          customerId: customer.id,
          after: terms,
          referent: referent && { kind: referent.kind, userId: referentId },
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'contracts_pkey')) throw idTaken();
    if (isUniqueViolation(error, 'users_email_key')) {
      throw conflictOn(
        'referent.email',
        'email_taken',
        'This e-mail was just taken: try again',
        'This e-mail was just taken',
      );
    }
    throw error;
  }
  return contractView(deps, input.id);
}

/**
 * Changes a contract's terms, status or days, from the version the admin read (another
 * change in between answers 409 `conflict`). A status change is audited as such.
 */
export async function updateContract(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ContractUpdate,
): Promise<AdminContractView> {
  const operator = operatorOf(auth);
  await inTransaction(deps.db, async (trx) => {
    const current = await repository.findContract(trx, id, { lock: true });
    if (!current) throw new DomainError('not_found', 'Contract not found');
    if (current.version !== body.version) throw changedMeanwhile('contract', current.version);
    const before = termsOf(current);
    const after: Terms = {
      offer: body.offer ?? before.offer,
      supportLevel: body.supportLevel ?? before.supportLevel,
      freeChangesPerMonth: body.freeChangesPerMonth ?? before.freeChangesPerMonth,
      tokenPriceEur: body.tokenPriceEur ?? before.tokenPriceEur,
      timeZone: body.timeZone ?? before.timeZone,
      status: body.status ?? before.status,
      startsOn: body.startsOn ?? before.startsOn,
      endsOn: body.endsOn === undefined ? before.endsOn : body.endsOn,
    };
    const problems = contractTermsProblems(after);
    if (problems.length > 0) throw invalid(problems);
    const diff = changesBetween(before, after);
    if (diff.changed.length === 0) return;
    const written = await repository.updateContract(trx, id, body.version, {
      ...after,
      at: deps.clock(),
    });
    if (!written) throw changedMeanwhile('contract', null);
    await audit({ ...deps, db: trx }, operator, {
      kind: diff.changed.includes('status') ? 'contract_status_changed' : 'contract_updated',
      target: { type: 'contract', id },
      data: { before: diff.before, after: diff.after },
    });
  });
  return contractView(deps, id);
}
