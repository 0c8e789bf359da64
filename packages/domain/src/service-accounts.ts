import type { Grant } from './access.ts';
import { hasProfile } from './access.ts';

/** The longest a rotated token keeps working beside its successor (30 days). */
export const serviceAccountMaxOverlapHours = 720;

/**
 * The contracts among `contractIds` whose users the caller does not manage. A customer's
 * service account is for whoever decides who may see a contract's data: a Gestionnaire of
 * the section Utilisateurs, on every contract the account reaches.
 */
export function contractsBeyondUserManagement(
  callerGrants: readonly Grant[],
  contractIds: readonly string[],
): string[] {
  return [...new Set(contractIds)].filter(
    (contractId) => !hasProfile(callerGrants, contractId, 'users', 'manager'),
  );
}

/**
 * Whether the caller may see and manage a customer's service account: Gestionnaire of
 * Utilisateurs on every contract of its grants (an account with no grant left is nobody's).
 */
export function mayManageServiceAccount(
  callerGrants: readonly Grant[],
  accountGrants: readonly Pick<Grant, 'contractId'>[],
): boolean {
  return (
    accountGrants.length > 0 &&
    contractsBeyondUserManagement(
      callerGrants,
      accountGrants.map((grant) => grant.contractId),
    ).length === 0
  );
}

/**
 * When a rotated token stops: after the overlap, never later than it would have anyway
 * (null: it had no expiry).
 */
export function rotatedTokenExpiry(now: Date, expiresAt: Date | null, overlapHours: number): Date {
  const end = new Date(now.getTime() + overlapHours * 3_600_000);
  return expiresAt !== null && expiresAt.getTime() < end.getTime() ? expiresAt : end;
}

/**
 * A service account's address (`<id>@service-accounts.invalid`): unique as `users` wants, in
 * the reserved `.invalid` domain (RFC 2606), and never queued (the mail service skips it).
 */
export const serviceAccountMailDomain = 'service-accounts.invalid';

export function isServiceAccountAddress(address: string): boolean {
  return address.endsWith(`@${serviceAccountMailDomain}`);
}
