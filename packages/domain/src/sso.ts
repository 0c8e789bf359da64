/**
 * Single sign-on's rules (issue 21, decision 0030): which e-mails a connection accepts, who
 * must give a second factor, and the reasons a sign-in is refused.
 */

/** The domain of an e-mail address, lower-cased; null when it is not one. */
export function emailDomainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/** Whether the connection accepts this e-mail: its domain exactly is one of the allowed. */
export function isAllowedEmail(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomainOf(email);
  return domain !== null && allowedDomains.includes(domain);
}

/**
 * Whether a password sign-in must give a second factor: an operator with the admin role
 * always (unless the deployment turned it off for its tests), a customer's user when one of
 * its customers requires it.
 */
export function requiresSecondFactor(user: {
  kind: 'customer' | 'operator';
  operatorRole: 'agent' | 'catalog_manager' | 'admin' | null;
  isRequiredByCustomer: boolean;
  adminsAlways: boolean;
}): boolean {
  if (user.kind === 'operator') return user.adminsAlways && user.operatorRole === 'admin';
  return user.isRequiredByCustomer;
}

/** Why a single sign-on was refused: the refusal page words each, the audit records it. */
export const ssoRefusals = [
  /** the state is unknown, used already, expired, or came back to another browser */
  'state_invalid',
  /** the connection is gone or misconfigured, or the provider did not answer */
  'provider_unavailable',
  /** the provider answered with an error (the user cancelled, …) */
  'provider_error',
  /** the ID token failed a check: issuer, audience, expiry, nonce, signature */
  'token_invalid',
  /** no e-mail in the claim, or not verified by the provider */
  'email_not_verified',
  /** the e-mail's domain is not one the connection accepts */
  'domain_not_allowed',
  /** no active Guichet user of this customer with this e-mail */
  'unknown_user',
] as const;
export type SsoRefusal = (typeof ssoRefusals)[number];

export function isSsoRefusal(value: string): value is SsoRefusal {
  return (ssoRefusals as readonly string[]).includes(value);
}

/** A path of the web app to go back to after signing in: anything else goes to `/`. */
export function safeReturnPath(path: string | undefined): string {
  if (path === undefined || !path.startsWith('/') || path.startsWith('//')) return '/';
  if (path.startsWith('/api/') || /[\\\s]/.test(path)) return '/';
  return path;
}
