import { z } from 'zod';
import {
  loginMaxLength,
  loginProblem,
  passwordMaxLength,
  profiles,
  sections,
} from '@guichet/domain';
import {
  ContractId,
  Uuid,
  page,
  emptyOnceTrimmed,
  pageQuery,
  ruleIssue,
  searchText,
} from './common.ts';
import { GrantView, Perimeter } from './session.ts';

// Users, rights, referents, authorised requesters, « Mon compte », API tokens and invitations.

export const Login = z
  .string()
  .max(loginMaxLength + 1)
  .superRefine((value, context) => {
    const problem = loginProblem(value);
    if (problem === 'characters') {
      context.addIssue(
        ruleIssue('login_characters', 'Letters without accents, digits, . _ - only'),
      );
    } else if (problem === 'length') {
      context.addIssue(ruleIssue('login_length', 'From 8 to 64 characters'));
    }
  });

export const Email = z.string().trim().toLowerCase().email().max(254);
export const PersonName = z.string().trim().min(1, emptyOnceTrimmed).max(100);
/** Optional; a blank phone number is no phone number. */
export const Phone = z
  .string()
  .trim()
  .max(30)
  .transform((value) => (value === '' ? null : value))
  .pipe(
    z
      .string()
      .regex(/^\+?[0-9][0-9 ().-]{5,29}$/, 'A phone number: digits, spaces, + ( ) . -')
      .nullable(),
  )
  .nullable()
  .optional();

export const UserIdentity = z.object({
  login: Login,
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  phone: Phone,
});
export type UserIdentity = z.infer<typeof UserIdentity>;

export const GrantInput = GrantView;
export type GrantInput = z.infer<typeof GrantInput>;

export const AddUserBody = UserIdentity.extend({
  /** A profile per contract and per section (sections left out: « Aucun »). */
  grants: z.array(GrantInput).min(1).max(64),
});
export type AddUserBody = z.infer<typeof AddUserBody>;

/** Who a customer user is, as a user list and « Mon compte » show it. */
const personFields = {
  id: Uuid,
  login: z.string().nullable(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
};

export const UserView = z
  .object({
    ...personFields,
    /** `invited`: the first password is not set yet. */
    status: z.enum(['active', 'invited']),
    /** Grants on the contracts whose users the caller may see, nothing else. */
    grants: z.array(GrantView),
    referentOf: z.array(ContractId),
    requesterOf: z.array(ContractId),
  })
  .meta({ id: 'UserView' });
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = z.object({
  q: searchText(),
  contractId: ContractId.optional(),
  ...pageQuery(20, 100),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export const UserPage = page(UserView);
export type UserPage = z.infer<typeof UserPage>;

export const AddUserResult = z.object({
  user: UserView,
  /** The e-mail was already known: the existing account got the rights, no new account. */
  reusedExistingAccount: z.boolean(),
  /** An invitation to set the first password was sent. */
  invitationSent: z.boolean(),
});
export type AddUserResult = z.infer<typeof AddUserResult>;

export const UserContractParams = z.object({ id: Uuid, contractId: ContractId });
export type UserContractParams = z.infer<typeof UserContractParams>;

export const SetAccessBody = z.object({
  /** The user's complete grants on the contract; sections left out: « Aucun ». */
  grants: z
    .array(z.object({ section: z.enum(sections), profile: z.enum(profiles) }))
    .min(1)
    .max(sections.length),
});
export type SetAccessBody = z.infer<typeof SetAccessBody>;

export const ContractParams = z.object({ contractId: ContractId });
export type ContractParams = z.infer<typeof ContractParams>;

const UserRef = z.object({ id: Uuid, displayName: z.string() });

export const ContractRightsView = z
  .object({
    contractId: ContractId,
    customerName: z.string(),
    referent: UserRef.nullable(),
    isReferent: z.boolean(),
    /** Why the caller may not designate the next referent, null when they may. */
    referentDenied: z.enum(['not_current_referent', 'not_users_manager']).nullable(),
    usersProfile: z.enum(profiles).nullable(),
    /** Why the caller may not manage users on this contract, null when they may. */
    manageDenied: z.enum(['no_access', 'viewer_read_only']).nullable(),
    restrictsRequesters: z.boolean(),
    requesters: z.array(UserRef),
  })
  .meta({ id: 'ContractRightsView' });
export type ContractRightsView = z.infer<typeof ContractRightsView>;

export const ContractDetail = z
  .object({
    id: ContractId,
    customerName: z.string(),
    offer: z.string(),
    supportLevel: z.string(),
    freeChangesPerMonth: z.number().int(),
    tokenPriceEur: z.number(),
    referent: UserRef.nullable(),
    restrictsRequesters: z.boolean(),
    contractsProfile: z.enum(profiles),
  })
  .meta({ id: 'ContractDetail' });
export type ContractDetail = z.infer<typeof ContractDetail>;

export const DesignateReferentBody = z.object({
  userId: Uuid,
  /** Also remove every right of the former referent on the contract. */
  removeFormerRights: z.boolean().default(false),
});
export type DesignateReferentBody = z.infer<typeof DesignateReferentBody>;

export const RequestersBody = z.object({
  /** True: only the listed users confirm change requests on the contract. */
  restrictsRequesters: z.boolean(),
  userIds: z.array(Uuid).max(500),
});
export type RequestersBody = z.infer<typeof RequestersBody>;

export const AccountView = z
  .object({
    ...personFields,
    kind: z.enum(['customer', 'operator']),
  })
  .meta({ id: 'AccountView' });
export type AccountView = z.infer<typeof AccountView>;

export const ContactBody = z.object({
  firstName: PersonName,
  lastName: PersonName,
  phone: Phone,
});
export type ContactBody = z.infer<typeof ContactBody>;

/** The rules of a new password are the domain's (`passwordProblems`), checked by the API. */
const NewPassword = z.string().max(passwordMaxLength * 4);

export const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
  confirmation: NewPassword,
});
export type PasswordBody = z.infer<typeof PasswordBody>;

/** What every API token shows first, a customer's or an operator's. */
export const apiTokenNaming = {
  id: Uuid,
  name: z.string(),
  /** The token's first characters, to recognise it; the token itself is never shown again. */
  prefix: z.string(),
};
/** What every API token shows last: its life. */
export const apiTokenDates = {
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
};
/** A new token's name and life, as asked for. */
export const ApiTokenName = z.string().trim().min(1, emptyOnceTrimmed).max(100);
/** Null: the token does not expire (it can still be revoked). */
export const ApiTokenExpiresInDays = z.number().int().min(1).max(366).nullable().default(90);
/** Shown once: send it as `Authorization: Bearer <token>`. */
export const shownToken = { token: z.string() };

export const ApiTokenView = z
  .object({
    ...apiTokenNaming,
    perimeter: Perimeter,
    /** The rights asked for at creation; at each use they are capped by the owner's. */
    grants: z.array(GrantView),
    ...apiTokenDates,
  })
  .meta({ id: 'ApiTokenView' });
export type ApiTokenView = z.infer<typeof ApiTokenView>;
export const ApiTokenList = z.object({ items: z.array(ApiTokenView) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const CreateApiTokenBody = z.object({
  name: ApiTokenName,
  /** Contracts of the current perimeter, each profile at most the caller's own. */
  grants: z.array(GrantInput).min(1).max(64),
  expiresInDays: ApiTokenExpiresInDays,
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const CreatedApiToken = ApiTokenView.extend(shownToken);
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const InvitationParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not an invitation link'),
});
export type InvitationParams = z.infer<typeof InvitationParams>;

export const InvitationView = z
  .object({
    email: z.string(),
    login: z.string().nullable(),
    displayName: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationView' });
export type InvitationView = z.infer<typeof InvitationView>;

export const AcceptInvitationBody = z.object({
  password: NewPassword,
  confirmation: NewPassword,
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;
