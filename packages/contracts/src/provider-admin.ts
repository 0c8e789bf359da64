import { z } from 'zod';
import { contractStatuses } from '@guichet/domain';
import { Locale, Uuid, page, emptyOnceTrimmed, pageQuery, searchText } from './common.ts';

/**
 * Customers and contracts administered by the provider's admins (`/api/back-office/customers`,
 * `/api/back-office/contracts`). Bodies check types and lengths only: the contract id's
 * format and the terms are judged by the domain (`contractTermsProblems`), so that every
 * problem comes back at once, each on its field's path.
 */

const Day = z.string().max(10).meta({ description: 'A day, YYYY-MM-DD' });
export const ContractStatus = z.enum(contractStatuses);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const AdminListQuery = z.object({
  q: searchText(),
  ...pageQuery(25, 100),
});
export type AdminListQuery = z.infer<typeof AdminListQuery>;

export const ContractIdParams = z.object({ contractId: z.string().max(20) });
export type ContractIdParams = z.infer<typeof ContractIdParams>;

export const CustomerInput = z.object({
  name: z.string().trim().min(1, emptyOnceTrimmed).max(120),
  registrationNumber: z.string().trim().max(64).nullable().default(null),
  locale: Locale.default('fr'),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

export const CustomerUpdate = z.object({
  /** The version read: someone else's change in between answers 409 `conflict`. */
  version: z.number().int().min(1),
  name: z.string().trim().min(1, emptyOnceTrimmed).max(120).optional(),
  registrationNumber: z.string().trim().max(64).nullable().optional(),
  locale: Locale.optional(),
});
export type CustomerUpdate = z.infer<typeof CustomerUpdate>;

const ContractTermsFields = {
  offer: z.string().trim().min(1, emptyOnceTrimmed).max(80),
  supportLevel: z.string().max(40),
  freeChangesPerMonth: z.number(),
  tokenPriceEur: z.number(),
  timeZone: z.string().max(64),
  status: ContractStatus,
  startsOn: Day,
  endsOn: Day.nullable(),
};

/** The first referent of a new contract: a new customer user (invited), or one of the customer's. */
export const FirstReferent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('new'),
    email: z.email().trim().toLowerCase().max(254),
    firstName: z.string().trim().min(1, emptyOnceTrimmed).max(80),
    lastName: z.string().trim().min(1, emptyOnceTrimmed).max(80),
    locale: Locale,
  }),
  z.object({ kind: z.literal('existing'), userId: Uuid }),
]);
export type FirstReferent = z.infer<typeof FirstReferent>;

export const ContractInput = z.object({
  id: z.string().trim().max(20),
  customerId: Uuid,
  offer: ContractTermsFields.offer.default('Flexible Engine'),
  supportLevel: ContractTermsFields.supportLevel,
  freeChangesPerMonth: ContractTermsFields.freeChangesPerMonth,
  tokenPriceEur: ContractTermsFields.tokenPriceEur,
  timeZone: ContractTermsFields.timeZone.default('Europe/Paris'),
  status: ContractStatus.default('active'),
  startsOn: Day,
  endsOn: Day.nullable().default(null),
  referent: FirstReferent.nullable().default(null),
});
export type ContractInput = z.input<typeof ContractInput>;

export const ContractUpdate = z.object({
  /** The version read: someone else's change in between answers 409 `conflict`. */
  version: z.number().int().min(1),
  offer: ContractTermsFields.offer.optional(),
  supportLevel: ContractTermsFields.supportLevel.optional(),
  freeChangesPerMonth: ContractTermsFields.freeChangesPerMonth.optional(),
  tokenPriceEur: ContractTermsFields.tokenPriceEur.optional(),
  timeZone: ContractTermsFields.timeZone.optional(),
  status: ContractTermsFields.status.optional(),
  startsOn: ContractTermsFields.startsOn.optional(),
  endsOn: ContractTermsFields.endsOn.optional(),
});
export type ContractUpdate = z.infer<typeof ContractUpdate>;

export const AdminPerson = z.object({
  id: Uuid,
  displayName: z.string(),
  email: z.string(),
  /** `invited` until the user has set a first password. */
  status: z.enum(['invited', 'active']),
});
export type AdminPerson = z.infer<typeof AdminPerson>;

export const AdminContractSummary = z.object({
  id: z.string(),
  customerId: Uuid,
  customerName: z.string(),
  offer: z.string(),
  supportLevel: z.string(),
  status: ContractStatus,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  referentName: z.string().nullable(),
});
export type AdminContractSummary = z.infer<typeof AdminContractSummary>;
export const AdminContractPage = page(AdminContractSummary);
export type AdminContractPage = z.infer<typeof AdminContractPage>;

export const AdminContractView = AdminContractSummary.extend({
  freeChangesPerMonth: z.number().int(),
  tokenPriceEur: z.number(),
  timeZone: z.string(),
  referent: AdminPerson.nullable(),
  counts: z.object({
    /** Users holding at least one grant on the contract. */
    users: z.number().int(),
    /** Items of its inventory. */
    assets: z.number().int(),
    /** Confirmed requests, and those not yet finished. */
    requests: z.number().int(),
    openRequests: z.number().int(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'AdminContractView' });
export type AdminContractView = z.infer<typeof AdminContractView>;

export const AdminCustomerSummary = z.object({
  id: Uuid,
  name: z.string(),
  registrationNumber: z.string().nullable(),
  locale: Locale,
  contractCount: z.number().int(),
});
export type AdminCustomerSummary = z.infer<typeof AdminCustomerSummary>;
export const AdminCustomerPage = page(AdminCustomerSummary);
export type AdminCustomerPage = z.infer<typeof AdminCustomerPage>;

export const AdminCustomerView = AdminCustomerSummary.extend({
  contracts: z.array(AdminContractSummary),
  /** Customer users holding a right on one of its contracts: who may be named referent. */
  users: z.array(AdminPerson),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'AdminCustomerView' });
export type AdminCustomerView = z.infer<typeof AdminCustomerView>;
