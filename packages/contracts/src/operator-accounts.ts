import { z } from 'zod';
import { operatorRoles } from '@guichet/domain';
import { Locale, Uuid, page, pageQuery, searchText } from './common.ts';
import {
  ApiTokenExpiresInDays,
  ApiTokenName,
  Email,
  PersonName,
  apiTokenDates,
  apiTokenNaming,
  shownToken,
} from './rights.ts';

// The provider's operator accounts (back-office « Opérateurs ») and operators' API tokens.

export const OperatorRole = z.enum(operatorRoles);

export const OperatorAccountView = z
  .object({
    id: Uuid,
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    displayName: z.string(),
    role: OperatorRole,
    locale: Locale,
    /** `invited`: no first password yet; `deactivated`: no login, session nor token works. */
    status: z.enum(['invited', 'active', 'deactivated']),
    createdAt: z.string(),
    deactivatedAt: z.string().nullable(),
  })
  .meta({ id: 'OperatorAccountView' });
export type OperatorAccountView = z.infer<typeof OperatorAccountView>;

export const OperatorAccountListQuery = z.object({
  /** Part of the name or of the e-mail. */
  q: searchText(),
  /** `active` also lists the invited; left out: every account. */
  status: z.enum(['active', 'deactivated']).optional(),
  ...pageQuery(50, 200),
});
export type OperatorAccountListQuery = z.infer<typeof OperatorAccountListQuery>;
export const OperatorAccountPage = page(OperatorAccountView);
export type OperatorAccountPage = z.infer<typeof OperatorAccountPage>;

export const InviteOperatorBody = z.object({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  role: OperatorRole,
  locale: Locale,
});
export type InviteOperatorBody = z.infer<typeof InviteOperatorBody>;

export const ChangeOperatorRoleBody = z.object({ role: OperatorRole });
export type ChangeOperatorRoleBody = z.infer<typeof ChangeOperatorRoleBody>;

export const OperatorApiTokenView = z
  .object({
    ...apiTokenNaming,
    /** The role the token is limited to; null: the owner's role of the moment. */
    role: OperatorRole.nullable(),
    ...apiTokenDates,
  })
  .meta({ id: 'OperatorApiTokenView' });
export type OperatorApiTokenView = z.infer<typeof OperatorApiTokenView>;
export const OperatorApiTokenList = z.object({ items: z.array(OperatorApiTokenView) });
export type OperatorApiTokenList = z.infer<typeof OperatorApiTokenList>;

export const CreateOperatorApiTokenBody = z.object({
  name: ApiTokenName,
  expiresInDays: ApiTokenExpiresInDays,
  /** A role within your own, to limit the token; null: your role, whatever it becomes. */
  role: OperatorRole.nullable().default(null),
});
export type CreateOperatorApiTokenBody = z.infer<typeof CreateOperatorApiTokenBody>;

export const CreatedOperatorApiToken = OperatorApiTokenView.extend(shownToken);
export type CreatedOperatorApiToken = z.infer<typeof CreatedOperatorApiToken>;
