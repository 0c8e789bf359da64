import { z } from 'zod';
import { contractStatuses, operatorRoles, profiles, sections } from '@guichet/domain';
import { ContractId, Locale, Uuid } from './common.ts';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const GrantView = z
  .object({
    contractId: ContractId,
    section: z.enum(sections),
    profile: z.enum(profiles),
  })
  .meta({ id: 'GrantView' }); // also exported as GrantInput: the answers' name wins

export const Perimeter = z.object({ customerId: Uuid, name: z.string() });
export type Perimeter = z.infer<typeof Perimeter>;

export const SessionView = z
  .object({
    user: z.object({
      id: Uuid,
      email: z.string(),
      displayName: z.string(),
      locale: Locale,
      kind: z.enum(['customer', 'operator']),
      /** The operator's role (back-office); null for customers. */
      operatorRole: z.enum(operatorRoles).nullable(),
    }),
    perimeters: z.array(Perimeter),
    /** The customer account chosen at the top right; null for operators. */
    perimeter: Perimeter.nullable(),
    /** The user's grants within the current perimeter. */
    grants: z.array(GrantView),
  })
  .meta({ id: 'SessionView' });
export type SessionView = z.infer<typeof SessionView>;

/**
 * Who is signed in, asked by the web app at every start: null when nobody is (a 200, not a
 * 401, so the login page's first visit logs no error in the browser's console).
 */
export const CurrentSession = z
  .object({ session: SessionView.nullable() })
  .meta({ id: 'CurrentSession' });
export type CurrentSession = z.infer<typeof CurrentSession>;

export const PerimeterBody = z.object({ customerId: Uuid });
export type PerimeterBody = z.infer<typeof PerimeterBody>;
export const LocaleBody = z.object({ locale: Locale });
export type LocaleBody = z.infer<typeof LocaleBody>;

export const ContractView = z.object({
  id: ContractId,
  customerName: z.string(),
  offer: z.string(),
  supportLevel: z.string(),
  freeChangesPerMonth: z.number().int(),
  freeChangesLeft: z.number().int(),
  tokenPriceEur: z.number(),
  requestsProfile: z.enum(profiles).nullable(),
  /** Why « Créer une demande » is disabled on this contract, null when allowed. */
  createDenied: z.enum(['no_access', 'viewer_read_only']).nullable(),
  /**
   * Why « Confirmer la demande » will be refused on this contract, null when it will not:
   * `not_requester`, the contract keeps a list of authorised requesters and the user is not on
   * it (drafts stay open to them); `contract_suspended` / `contract_ended`, the contract takes
   * no new request (decision 0014).
   */
  confirmDenied: z.enum(['not_requester', 'contract_suspended', 'contract_ended']).nullable(),
  /** Why « Enregistrer en brouillon » will be refused (a suspended or ended contract), or null. */
  draftDenied: z.enum(['contract_suspended', 'contract_ended']).nullable(),
  status: z.enum(contractStatuses),
});
export type ContractView = z.infer<typeof ContractView>;
export const ContractList = z.object({ items: z.array(ContractView) });
export type ContractList = z.infer<typeof ContractList>;
