import { z } from 'zod';
import { contractStatuses, loginProblem, operatorRoles, profiles, sections } from '@guichet/domain';
import { ContractId, Locale, Uuid, ruleIssue } from './common.ts';

/**
 * What a user signs in with (issue 21): their e-mail address or the login identifier chosen when
 * their account was made (8–64 of A-Z a-z 0-9 . _ -). An `@` makes it an e-mail.
 */
export const SignInIdentifier = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .superRefine((value, context) => {
    const isValid = value.includes('@')
      ? z.string().email().safeParse(value).success
      : loginProblem(value) === null;
    if (!isValid)
      context.addIssue(ruleIssue('sign_in_identifier', 'An e-mail address or a login identifier'));
  });

/** `identifier` (e-mail or login); `email` is still read from the clients written before it. */
export const LoginBody = z
  .object({
    identifier: SignInIdentifier.optional(),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    password: z.string().min(1).max(256),
  })
  .superRefine((value, context) => {
    if (value.identifier === undefined && value.email === undefined)
      context.addIssue(
        ruleIssue('required', 'An e-mail address or a login identifier', 'identifier'),
      );
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
  /** The contract's time zone: the change form's execution window is typed in it (0037). */
  timeZone: z.string(),
});
export type ContractView = z.infer<typeof ContractView>;
export const ContractList = z.object({ items: z.array(ContractView) });
export type ContractList = z.infer<typeof ContractList>;

/** One open session of « Mon compte » (issue 21). `id` is not the cookie: it opens nothing. */
export const OpenSession = z
  .object({
    id: z.string(),
    /** The browser and system, e.g. `Firefox · Windows`; `''` when unknown. */
    device: z.string(),
    address: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    isCurrent: z.boolean(),
  })
  .meta({ id: 'OpenSession' });
export type OpenSession = z.infer<typeof OpenSession>;
export const OpenSessionList = z
  .object({ sessions: z.array(OpenSession) })
  .meta({ id: 'OpenSessionList' });
export type OpenSessionList = z.infer<typeof OpenSessionList>;
export const SessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });
export type SessionIdParams = z.infer<typeof SessionIdParams>;
export const SessionsEnded = z.object({ ended: z.number().int() }).meta({ id: 'SessionsEnded' });
export type SessionsEnded = z.infer<typeof SessionsEnded>;

/** Two-factor sign-in (TOTP, issue 21). */
export const TwoFactorCode = z
  .string()
  .trim()
  .regex(/^[0-9]{6}$/);
export const RecoveryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z2-7]{5}-?[A-Za-z2-7]{5}$/);
export const TwoFactorStatus = z
  .object({ isEnabled: z.boolean(), recoveryCodesLeft: z.number().int() })
  .meta({ id: 'TwoFactorStatus' });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;
export const TwoFactorSetup = z
  .object({
    /** base32, for typing into the app by hand */
    secret: z.string(),
    otpauthUri: z.string(),
    /** an SVG QR code of `otpauthUri`, as a data URL */
    qrCode: z.string(),
  })
  .meta({ id: 'TwoFactorSetup' });
export type TwoFactorSetup = z.infer<typeof TwoFactorSetup>;
export const TwoFactorCodeBody = z.object({ code: TwoFactorCode });
export type TwoFactorCodeBody = z.infer<typeof TwoFactorCodeBody>;
export const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;
/** The second step of a sign-in: a code from the app, or one recovery code. */
export const SecondFactorBody = z
  .object({ code: TwoFactorCode.optional(), recoveryCode: RecoveryCode.optional() })
  .superRefine((value, context) => {
    if ((value.code === undefined) === (value.recoveryCode === undefined))
      context.addIssue(ruleIssue('required', 'A code from the app, or a recovery code', 'code'));
  });
export type SecondFactorBody = z.infer<typeof SecondFactorBody>;
/**
 * A right password, a second factor to come (202): `code` from the app, or `setup` when the
 * policy requires one the user has not set up yet (issue 21).
 */
export const SignInPending = z
  .object({ secondFactor: z.enum(['code', 'setup']) })
  .meta({ id: 'SignInPending' });
export type SignInPending = z.infer<typeof SignInPending>;

/** The setup at sign-in, confirmed: the session is open, the recovery codes shown this once. */
export const SignInSetupDone = z
  .object({ recoveryCodes: z.array(z.string()), session: SessionView })
  .meta({ id: 'SignInSetupDone' });
export type SignInSetupDone = z.infer<typeof SignInSetupDone>;
