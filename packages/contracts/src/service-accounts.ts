import { z } from 'zod';
import { serviceAccountMaxOverlapHours } from '@guichet/domain';
import { Uuid, singleLineText } from './common.ts';
import { OperatorRole } from './operator-accounts.ts';
import {
  ApiTokenExpiresInDays,
  ApiTokenName,
  GrantInput,
  apiTokenDates,
  apiTokenNaming,
  shownToken,
} from './rights.ts';
import { GrantView, Perimeter } from './session.ts';

// Service accounts (issue 17, part 1; decision 0031): machine users with tokens, the
// provider's (a role) or a customer's (contracts × sections, never above their creator).

export const ServiceAccountTokenView = z
  .object({
    ...apiTokenNaming,
    ...apiTokenDates,
    /** The token this one replaced by a rotation (that one stops at its `expiresAt`). */
    replacesId: Uuid.nullable(),
  })
  .meta({ id: 'ServiceAccountTokenView' });
export type ServiceAccountTokenView = z.infer<typeof ServiceAccountTokenView>;

export const CreatedServiceAccountToken = ServiceAccountTokenView.extend(shownToken).meta({
  id: 'CreatedServiceAccountToken',
});
export type CreatedServiceAccountToken = z.infer<typeof CreatedServiceAccountToken>;

export const ServiceAccountView = z
  .object({
    id: Uuid,
    name: z.string(),
    description: z.string(),
    /** The provider's account acts with `role`; a customer's within `grants` of `customer`. */
    role: OperatorRole.nullable(),
    customer: Perimeter.nullable(),
    /** As last chosen (at creation or since); at each use capped by what the creator holds then. */
    grants: z.array(GrantView),
    createdAt: z.string(),
    createdBy: z.object({ id: Uuid, displayName: z.string() }),
    deactivatedAt: z.string().nullable(),
    /** Newest first, the revoked and expired ones too. */
    tokens: z.array(ServiceAccountTokenView),
  })
  .meta({ id: 'ServiceAccountView' });
export type ServiceAccountView = z.infer<typeof ServiceAccountView>;

export const ServiceAccountList = z
  .object({ items: z.array(ServiceAccountView) })
  .meta({ id: 'ServiceAccountList' });
export type ServiceAccountList = z.infer<typeof ServiceAccountList>;

const accountFields = {
  name: ApiTokenName,
  description: singleLineText(200).default(''),
  /** The first token's life (null: it does not expire). */
  expiresInDays: ApiTokenExpiresInDays,
};

export const CreateServiceAccountBody = z.object({
  ...accountFields,
  /** Contracts of the current perimeter whose users the caller manages; each profile at most the caller's own. */
  grants: z.array(GrantInput).min(1).max(64),
});
export type CreateServiceAccountBody = z.infer<typeof CreateServiceAccountBody>;

export const CreateOperatorServiceAccountBody = z.object({ ...accountFields, role: OperatorRole });
export type CreateOperatorServiceAccountBody = z.infer<typeof CreateOperatorServiceAccountBody>;

/** A new account and its first token, shown this once. */
export const CreatedServiceAccount = z
  .object({ account: ServiceAccountView, token: CreatedServiceAccountToken })
  .meta({ id: 'CreatedServiceAccount' });
export type CreatedServiceAccount = z.infer<typeof CreatedServiceAccount>;

/**
 * A customer's account's grants, the whole list (those left out are taken away): those given
 * or changed at most the caller's own profile, those taken away or changed no higher than it.
 */
export const SetServiceAccountGrantsBody = z.object({
  grants: z.array(GrantInput).min(1).max(64),
});
export type SetServiceAccountGrantsBody = z.infer<typeof SetServiceAccountGrantsBody>;

export const IssueServiceAccountTokenBody = z.object({
  name: ApiTokenName,
  expiresInDays: ApiTokenExpiresInDays,
});
export type IssueServiceAccountTokenBody = z.infer<typeof IssueServiceAccountTokenBody>;

export const RotateServiceAccountTokenBody = z.object({
  /** How long the old token still works beside the new one (0: it stops at once). */
  overlapHours: z.number().int().min(0).max(serviceAccountMaxOverlapHours).default(24),
  /** The new token's life (null: it does not expire). */
  expiresInDays: ApiTokenExpiresInDays,
});
export type RotateServiceAccountTokenBody = z.infer<typeof RotateServiceAccountTokenBody>;

export const ServiceAccountTokenParams = z.object({ id: Uuid, tokenId: Uuid });
export type ServiceAccountTokenParams = z.infer<typeof ServiceAccountTokenParams>;
