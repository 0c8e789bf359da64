import { randomUUID } from 'node:crypto';
import { DomainError, rotatedTokenExpiry } from '@guichet/domain';
import type { Grant } from '@guichet/domain';
import type { CreatedServiceAccountToken, ServiceAccountTokenView } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import * as repository from './api-tokens.repository.ts';
import * as tokens from './service-account-tokens.repository.ts';
import type { ServiceAccountTokenRow } from './service-account-tokens.repository.ts';
import { expiryOf, newToken } from './api-tokens.service.ts';

/**
 * Service accounts' tokens (decision 0031): rows of `api_tokens` like everyone's, so the one
 * look-up of `resolveApiToken` hashes, finds and checks them (expiry, revocation, owner,
 * creator's rights); what is added here is issuing them for someone else and rotating them.
 */

/** Whose token: a service account's user, a customer's (with grants) or the provider's. */
export interface TokenHolder {
  userId: string;
  customerId: string | null;
  grants: readonly Grant[];
}

function toView(row: ServiceAccountTokenRow): ServiceAccountTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    replacesId: row.replaces_id,
  };
}

/** The tokens of each of these users, newest first. */
export async function tokensOf(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, ServiceAccountTokenView[]>> {
  const byUser = new Map<string, ServiceAccountTokenView[]>(userIds.map((id) => [id, []]));
  for (const row of await tokens.tokensOfUsers(db, userIds))
    byUser.get(row.user_id)?.push(toView(row));
  return byUser;
}

/** Issues a token for the holder, in the caller's transaction; shown this once. */
export async function issueToken(
  db: Db,
  holder: TokenHolder,
  token: { name: string; expiresInDays: number | null; replacesId?: string },
  now: Date,
): Promise<CreatedServiceAccountToken> {
  const { token: secret, tokenHash, prefix } = newToken();
  const id = randomUUID();
  const expiresAt = expiryOf(now, token.expiresInDays);
  await repository.insertToken(db, {
    id,
    userId: holder.userId,
    customerId: holder.customerId,
    role: null,
    name: token.name,
    tokenHash,
    prefix,
    at: now,
    expiresAt,
    grants: holder.grants,
  });
  if (token.replacesId) await tokens.setReplaces(db, id, token.replacesId);
  return {
    id,
    name: token.name,
    prefix,
    createdAt: now.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
    lastUsedAt: null,
    revokedAt: null,
    replacesId: token.replacesId ?? null,
    token: secret,
  };
}

const notFound = () => new DomainError('not_found', 'API token not found');

/**
 * A new token for the holder; the old one keeps working `overlapHours` more (never longer than
 * it would have), then stops. A revoked or expired token cannot be rotated (409). Returns the
 * new token and when the old one stops.
 */
export async function rotateToken(
  db: Db,
  holder: TokenHolder,
  tokenId: string,
  rotation: { overlapHours: number; expiresInDays: number | null },
  now: Date,
): Promise<{ created: CreatedServiceAccountToken; previousStopsAt: Date }> {
  const old = await tokens.lockTokenOf(db, holder.userId, tokenId);
  if (!old) throw notFound();
  if (old.revoked_at !== null || (old.expires_at !== null && old.expires_at <= now)) {
    throw new DomainError('conflict', 'This token no longer works: issue a new one');
  }
  const previousStopsAt = rotatedTokenExpiry(now, old.expires_at, rotation.overlapHours);
  await tokens.setExpiry(db, old.id, previousStopsAt);
  const created = await issueToken(
    db,
    holder,
    { name: old.name, expiresInDays: rotation.expiresInDays, replacesId: old.id },
    now,
  );
  return { created, previousStopsAt };
}

/** Revokes one of the holder's tokens at once; false when it was revoked already. */
export async function revokeToken(
  db: Db,
  userId: string,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const old = await tokens.lockTokenOf(db, userId, tokenId);
  if (!old) throw notFound();
  return repository.revokeToken(db, userId, tokenId, now);
}

/**
 * The account's tokens (those not revoked) act with these grants from now on: the holder's
 * rights were changed, in the caller's transaction; each token's next use reads them.
 */
export async function setGrantsOfTokens(
  db: Db,
  userId: string,
  grants: readonly Grant[],
): Promise<void> {
  await tokens.replaceGrantsOfTokens(db, userId, grants);
}
