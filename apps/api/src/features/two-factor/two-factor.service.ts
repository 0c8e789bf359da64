import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { DomainError, conflictOn } from '@guichet/domain';
import type { TwoFactorSetup, TwoFactorStatus } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireInteractiveSession } from '../../http/access.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import * as repository from './two-factor.repository.ts';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 s steps. */
const period = 30;
const digits = 6;
/** One step either side is accepted (a phone's clock a little off); two are not. */
const window = 1;
const recoveryCodeCount = 10;

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Guichet',
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits,
    period,
  });
}

/**
 * The time step a code belongs to, if it is right at `now` within the window; null otherwise.
 * The caller still refuses a step not later than the last one taken.
 */
export function stepOfCode(secret: string, code: string, now: Date): number | null {
  const timestamp = now.getTime();
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits,
    period,
    timestamp,
    window,
  });
  return delta === null ? null : TOTP.counter({ period, timestamp }) + delta;
}

function hashOf(recoveryCode: string): string {
  return createHash('sha256')
    .update(recoveryCode.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const raw = Secret.fromHex(randomBytes(8).toString('hex')).base32.slice(0, 10).toLowerCase();
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export async function isTwoFactorOn(deps: Deps, userId: string): Promise<boolean> {
  const secret = await repository.findSecret(deps.db, userId);
  return secret?.confirmedAt != null;
}

export async function getStatus(deps: Deps, auth: AuthContext): Promise<TwoFactorStatus> {
  requireInteractiveSession(auth);
  const secret = await repository.findSecret(deps.db, auth.user.id);
  const isEnabled = secret?.confirmedAt != null;
  return {
    isEnabled,
    recoveryCodesLeft: isEnabled
      ? await repository.countRecoveryCodesLeft(deps.db, auth.user.id)
      : 0,
  };
}

/** A new secret for the user's authenticator app, as a QR code and as text. */
export async function startSetup(
  deps: Deps,
  user: { id: string; email: string },
): Promise<TwoFactorSetup> {
  const secret = new Secret({ size: 20 }).base32;
  if (!(await repository.putUnconfirmedSecret(deps.db, user.id, secret, deps.clock())))
    throw conflictOn(
      '',
      'two_factor_already_on',
      'Two-factor sign-in is already on: turn it off first',
      'Two-factor sign-in is already on',
    );
  const uri = totpOf(secret, user.email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    secret,
    otpauthUri: uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

export async function startMySetup(deps: Deps, auth: AuthContext): Promise<TwoFactorSetup> {
  requireInteractiveSession(auth);
  return startSetup(deps, auth.user);
}

const wrongCode = () =>
  new DomainError('validation_failed', 'Wrong or already used code', [
    { path: 'code', rule: 'two_factor_code', message: 'Wrong or already used code' },
  ]);

/**
 * Confirms the pending secret with a first code: two-factor sign-in is on from then, and the
 * ten recovery codes are made (shown this once). In the caller's transaction if any.
 */
export async function confirmSetup(
  deps: Deps,
  user: { id: string; email: string },
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const now = deps.clock();
  const secret = await repository.findSecret(deps.db, user.id);
  if (!secret || secret.confirmedAt !== null)
    throw conflictOn(
      '',
      'two_factor_no_setup',
      'No two-factor setup under way',
      'Start the setup first',
    );
  const step = stepOfCode(secret.secret, code, now);
  if (step === null) throw wrongCode();
  const recoveryCodes = newRecoveryCodes();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repository.takeStep(trx, user.id, step, now))) throw wrongCode();
    await repository.replaceRecoveryCodes(trx, user.id, recoveryCodes.map(hashOf));
    await recordAudit(
      { ...deps, db: trx },
      { kind: 'two_factor_enabled', actor: { id: user.id, email: user.email } },
    );
  });
  return { recoveryCodes };
}

export async function confirmMySetup(
  deps: Deps,
  auth: AuthContext,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  requireInteractiveSession(auth);
  return confirmSetup(deps, auth.user, code);
}

/** Turns two-factor sign-in off; a current code proves it is the owner at the keyboard. */
export async function disable(deps: Deps, auth: AuthContext, code: string): Promise<void> {
  requireInteractiveSession(auth);
  if (!(await checkSecondFactor(deps, auth.user.id, { code }))) throw wrongCode();
  await deps.db.transaction().execute(async (trx) => {
    await repository.deleteSecret(trx, auth.user.id);
    await recordAudit({ ...deps, db: trx }, { kind: 'two_factor_disabled', actor: actorOf(auth) });
  });
}

/**
 * Whether a code (taken once: a reused or older step is refused) or an unused recovery code
 * (used up) proves the user's second factor.
 */
export async function checkSecondFactor(
  deps: Deps,
  userId: string,
  proof: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<boolean> {
  const now = deps.clock();
  if (proof.recoveryCode !== undefined)
    return repository.useRecoveryCode(deps.db, userId, hashOf(proof.recoveryCode), now);
  const secret = await repository.findSecret(deps.db, userId);
  if (!secret || secret.confirmedAt === null || proof.code === undefined) return false;
  const step = stepOfCode(secret.secret, proof.code, now);
  if (step === null) return false;
  return repository.takeStep(deps.db, userId, step, null);
}

// ---- the pending sign-in between a right password and the code ----------------------------

const pendingLifetimeMs = 5 * 60_000;

function pendingIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function beginPendingSignIn(
  deps: Deps,
  input: { userId: string; step: 'code' | 'setup'; address: string | null; device: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + pendingLifetimeMs);
  await repository.insertPendingSignIn(deps.db, {
    id: pendingIdOf(token),
    ...input,
    now,
    expiresAt,
  });
  return { token, expiresAt };
}

export async function findPendingSignIn(deps: Deps, token: string) {
  return repository.findPendingSignIn(deps.db, pendingIdOf(token), deps.clock());
}

export async function endPendingSignIn(deps: Deps, token: string): Promise<void> {
  await repository.deletePendingSignIn(deps.db, pendingIdOf(token));
}
