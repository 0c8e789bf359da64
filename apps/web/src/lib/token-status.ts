/** A personal API token's state as its lists show it (customer's and operator's alike). */
export type TokenStatus = 'active' | 'revoked' | 'expired';

export function tokenStatus(
  token: { revokedAt: string | null; expiresAt: string | null },
  now: Date = new Date(),
): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= now) return 'expired';
  return 'active';
}
