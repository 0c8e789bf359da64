import { DomainError } from '@guichet/domain';
import type { TwoFactorSetup } from '@guichet/contracts';
import type { Deps } from '../../http/context.ts';
import * as twoFactor from '../two-factor/two-factor.service.ts';
import { openSession } from './session.service.ts';

/**
 * A policy requires a second factor the user has not set up (issue 21, decision 0030): after
 * the right password, the pending sign-in (`step = 'setup'`) serves the setup, and the first
 * code confirms it and opens the session. Nothing else is reachable before.
 */
async function pendingSetup(deps: Deps, pendingToken: string | undefined) {
  const pending = pendingToken ? await twoFactor.findPendingSignIn(deps, pendingToken) : undefined;
  if (!pending || pending.step !== 'setup')
    throw new DomainError('unauthenticated', 'The sign-in expired: give your password again');
  return pending;
}

export async function startSetupAtSignIn(
  deps: Deps,
  pendingToken: string | undefined,
): Promise<TwoFactorSetup> {
  const pending = await pendingSetup(deps, pendingToken);
  return twoFactor.startSetup(deps, { id: pending.userId, email: pending.email });
}

export async function confirmSetupAtSignIn(
  deps: Deps,
  pendingToken: string | undefined,
  code: string,
  meta: { ttlHours: number; ip: string | null },
): Promise<{ recoveryCodes: string[]; token: string; expiresAt: Date }> {
  const pending = await pendingSetup(deps, pendingToken);
  const user = { id: pending.userId, email: pending.email };
  const { recoveryCodes } = await twoFactor.confirmSetup(deps, user, code);
  await twoFactor.endPendingSignIn(deps, pendingToken ?? '');
  const session = await openSession(deps, user, { ...meta, device: pending.device });
  return { recoveryCodes, ...session };
}
