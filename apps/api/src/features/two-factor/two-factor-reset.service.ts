import { DomainError } from '@guichet/domain';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireInteractiveSession, requireOperator } from '../../http/access.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import * as repository from './two-factor.repository.ts';

/**
 * An admin resets a user's second factor (a lost phone, issue 21): the secret and the recovery
 * codes go, the user is told by mail, and the audit keeps who did it — in one transaction. If
 * a policy requires a second factor, the next sign-in leads to a new setup.
 */
export async function resetTwoFactorOf(
  deps: Deps,
  auth: AuthContext,
  userId: string,
): Promise<void> {
  requireOperator(auth, ['admin']);
  requireInteractiveSession(auth);
  await deps.db.transaction().execute(async (trx) => {
    const user = await repository.findUserToTell(trx, userId);
    if (!user) throw new DomainError('not_found', 'User not found');
    const hadOne = (await repository.findSecret(trx, userId)) !== undefined;
    await repository.deleteSecret(trx, userId);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'two_factor_reset',
        actor: actorOf(auth),
        target: { type: 'user', id: userId },
        data: { hadOne },
      },
    );
    await queueMail(
      { ...deps, db: trx },
      { to: user.email, ...resetMail(user.locale, user.display_name), kind: 'two_factor_reset' },
    );
  });
}

function resetMail(locale: 'fr' | 'en', name: string): { subject: string; text: string } {
  return locale === 'en'
    ? {
        subject: 'Guichet: your two-step verification was reset',
        text: `Hello ${name},\n\nAn administrator of the provider reset the two-step verification of your Guichet account: your authenticator app's codes and your recovery codes no longer work. If your organisation requires it, you will set it up again at your next sign-in; otherwise you can turn it back on in « My account ».\n\nIf you did not ask for this, tell your provider.\n`,
      }
    : {
        subject: 'Guichet : votre validation en deux étapes a été réinitialisée',
        text: `Bonjour ${name},\n\nUn administrateur du fournisseur a réinitialisé la validation en deux étapes de votre compte Guichet : les codes de votre application d’authentification et vos codes de secours ne fonctionnent plus. Si votre organisation l’exige, vous la configurerez à nouveau à votre prochaine connexion ; sinon vous pouvez la réactiver dans « Mon compte ».\n\nSi vous n’êtes pas à l’origine de cette demande, prévenez votre fournisseur.\n`,
      };
}
