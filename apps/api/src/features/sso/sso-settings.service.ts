import { DomainError, rolesWith } from '@guichet/domain';
import type { CustomerSignInSettings } from '@guichet/contracts';
import type { Config } from '../../config.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireInteractiveSession, requireOperator } from '../../http/access.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { sealSecret } from '../webhooks/webhook-secrets.ts';
import * as repository from './sso.repository.ts';
import { postLogoutRedirectUriOf, redirectUriOf } from './sso.service.ts';

/**
 * A customer's sign-in settings in the back-office (issue 21, decision 0030): its OpenID
 * Connect connection and whether its users need a second factor. The provider's admins only,
 * from a session (never an API token).
 */
type SettingsConfig = Pick<Config, 'publicUrl' | 'webhooksSecretKey' | 'ssoAllowInsecureIssuers'>;

function requireAdmin(auth: AuthContext): void {
  requireOperator(auth, rolesWith('manage_customers'));
  requireInteractiveSession(auth);
}

export async function getSignInSettings(
  deps: Deps,
  config: SettingsConfig,
  auth: AuthContext,
  customerId: string,
): Promise<CustomerSignInSettings> {
  requireAdmin(auth);
  return readSettings(deps, config, customerId);
}

async function readSettings(
  deps: Deps,
  config: SettingsConfig,
  customerId: string,
): Promise<CustomerSignInSettings> {
  const requiresTwoFactor = await repository.findRequiresTwoFactor(deps.db, customerId);
  if (requiresTwoFactor === undefined) throw new DomainError('not_found', 'Customer not found');
  const connection = await repository.findConnection(deps.db, customerId);
  return {
    requiresTwoFactor,
    sso: connection
      ? {
          issuer: connection.issuer,
          clientId: connection.clientId,
          hasClientSecret: connection.sealedSecret !== '',
          displayName: connection.displayName,
          allowedDomains: connection.allowedDomains,
          emailClaim: connection.emailClaim,
          isRequired: connection.isRequired,
          loginLink: `${config.publicUrl}/connexion?sso=${customerId}`,
          redirectUri: redirectUriOf(config),
          postLogoutRedirectUri: postLogoutRedirectUriOf(config),
          updatedAt: connection.updatedAt.toISOString(),
        }
      : null,
  };
}

export async function putSsoConnection(
  deps: Deps,
  config: SettingsConfig,
  auth: AuthContext,
  customerId: string,
  body: {
    issuer: string;
    clientId: string;
    clientSecret?: string | undefined;
    displayName: string;
    allowedDomains: string[];
    emailClaim: string;
    isRequired: boolean;
  },
): Promise<CustomerSignInSettings> {
  requireAdmin(auth);
  if (new URL(body.issuer).protocol !== 'https:' && !config.ssoAllowInsecureIssuers)
    throw new DomainError('validation_failed', 'The issuer must be an https:// URL', [
      { path: 'issuer', rule: 'url', message: 'The issuer must be an https:// URL' },
    ]);
  const domains = [...new Set(body.allowedDomains)];
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repository.customerExists(trx, customerId)))
      throw new DomainError('not_found', 'Customer not found');
    const existing = await repository.findConnection(trx, customerId);
    if (!existing && body.clientSecret === undefined)
      throw new DomainError('validation_failed', 'The client secret is required', [
        { path: 'clientSecret', rule: 'required', message: 'Required' },
      ]);
    const taken = await repository.findDomainsOwnedByOthers(trx, customerId, domains);
    if (taken.length > 0)
      throw new DomainError(
        'conflict',
        `Another customer's single sign-on already takes ${taken.join(', ')}`,
        taken.map((domain) => ({
          path: `allowedDomains.${domains.indexOf(domain)}`,
          message: `Another customer's single sign-on already takes ${domain}`,
        })),
      );
    await repository.upsertConnection(trx, {
      customerId,
      issuer: body.issuer,
      clientId: body.clientId,
      sealedSecret:
        body.clientSecret === undefined
          ? null
          : sealSecret(body.clientSecret, config.webhooksSecretKey),
      displayName: body.displayName,
      emailClaim: body.emailClaim,
      isRequired: body.isRequired,
      allowedDomains: domains,
      now: deps.clock(),
    });
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'sso_configured',
        actor: actorOf(auth),
        target: { type: 'customer', id: customerId },
        data: {
          issuer: body.issuer,
          clientId: body.clientId,
          allowedDomains: domains,
          isRequired: body.isRequired,
          secretChanged: body.clientSecret !== undefined,
        },
      },
    );
  });
  return readSettings(deps, config, customerId);
}

export async function deleteSsoConnection(
  deps: Deps,
  auth: AuthContext,
  customerId: string,
): Promise<void> {
  requireAdmin(auth);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repository.deleteConnection(trx, customerId)))
      throw new DomainError('not_found', 'No single sign-on for this customer');
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'sso_removed',
        actor: actorOf(auth),
        target: { type: 'customer', id: customerId },
      },
    );
  });
}

export async function setTwoFactorPolicy(
  deps: Deps,
  config: SettingsConfig,
  auth: AuthContext,
  customerId: string,
  requiresTwoFactor: boolean,
): Promise<CustomerSignInSettings> {
  requireAdmin(auth);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repository.setRequiresTwoFactor(trx, customerId, requiresTwoFactor)))
      throw new DomainError('not_found', 'Customer not found');
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'two_factor_policy_changed',
        actor: actorOf(auth),
        target: { type: 'customer', id: customerId },
        data: { requiresTwoFactor },
      },
    );
  });
  return readSettings(deps, config, customerId);
}
