import { DomainError, passwordMinLength, passwordProblems } from '@guichet/domain';
import type { ErrorDetail, PasswordRule } from '@guichet/domain';
import type { AccountView, ContactBody, PasswordBody } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { hashPassword, verifyPassword } from '../session/passwords.ts';
import { requireInteractiveSession } from '../../http/access.ts';
import * as repository from './account.repository.ts';
import { personFields } from '../../lib/person-fields.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';

const ruleMessages: Record<PasswordRule, string> = {
  min_length: `At least ${passwordMinLength} characters`,
  max_length: 'Too long',
  lowercase: 'At least one lower-case letter',
  uppercase: 'At least one upper-case letter',
  digit: 'At least one digit',
  special: 'At least one of # ! . @ _ – /',
  confirmation: 'The two passwords differ',
};

/**
 * Throws `validation_failed` with one detail per broken rule (`rule` is the domain's key, which
 * the web app translates), on the password's path or, for a mismatch, the confirmation's.
 */
export function checkNewPassword(
  password: string,
  confirmation: string,
  paths: { password: string; confirmation: string },
): void {
  const problems = passwordProblems(password, confirmation);
  if (problems.length === 0) return;
  const details: ErrorDetail[] = problems.map((rule) => ({
    path: rule === 'confirmation' ? paths.confirmation : paths.password,
    rule,
    message: ruleMessages[rule],
  }));
  throw new DomainError('validation_failed', 'The new password does not follow the rules', details);
}

export async function getAccount(deps: Deps, auth: AuthContext): Promise<AccountView> {
  const row = await repository.findAccount(deps.db, auth.user.id);
  if (!row) throw new DomainError('not_found', 'Account not found');
  return { ...personFields(row), kind: row.kind };
}

export async function updateContact(
  deps: Deps,
  auth: AuthContext,
  body: ContactBody,
): Promise<AccountView> {
  requireInteractiveSession(auth);
  await repository.updateContact(deps.db, auth.user.id, {
    firstName: body.firstName,
    lastName: body.lastName,
    phone: body.phone ?? null,
  });
  return getAccount(deps, auth);
}

/** Checks the current password and the rules, stores the new hash, ends the other sessions. */
export async function changePassword(
  deps: Deps,
  auth: AuthContext,
  body: PasswordBody,
): Promise<void> {
  requireInteractiveSession(auth);
  const row = await repository.findAccount(deps.db, auth.user.id);
  if (!row) throw new DomainError('not_found', 'Account not found');
  if (!(await verifyPassword(row.password_hash, body.currentPassword))) {
    throw new DomainError('validation_failed', 'The current password is wrong', [
      {
        path: 'currentPassword',
        rule: 'current_password',
        message: 'The current password is wrong',
      },
    ]);
  }
  checkNewPassword(body.newPassword, body.confirmation, {
    password: 'newPassword',
    confirmation: 'confirmation',
  });
  const passwordHash = await hashPassword(body.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await repository.updatePassword(trx, auth.user.id, passwordHash);
    await repository.deleteOtherSessions(trx, auth.user.id, auth.sessionId);
    await recordAudit({ ...deps, db: trx }, { kind: 'password_changed', actor: actorOf(auth) });
  });
}
